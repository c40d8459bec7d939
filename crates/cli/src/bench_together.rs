//! `backbone bench`, working together: a synthetic initiative of 500 partners, 5,000 meetings and
//! 50,000 commitments (grown from the demo's records, imported in one transaction), then the
//! accountability view, the feed and the alignment map asked many times (p50/p99, answers
//! serialised as the API sends them), next to reading the raw rows they are worked out from.

use backbone_core::audit::Actor;
use backbone_core::commitments::CommitmentStatus;
use backbone_core::exchange::InitiativeExport;
use chrono::{Duration, Utc};
use std::sync::Arc;
use std::time::{Duration as Elapsed, Instant};

const PARTNERS: usize = 500;
const MEETINGS: usize = 5_000;
const COMMITMENTS: usize = 50_000;

fn percentile(sorted: &[Elapsed], p: f64) -> Elapsed {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn ms(d: Elapsed) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// The demo, grown to the benchmark's size with copies of its own records.
fn grown(today: chrono::NaiveDate) -> InitiativeExport {
    let mut doc = backbone_demo::demo_initiative(today);
    let base_org = doc.organizations[0].clone();
    let mut next_id = 1_000_000;
    let mut id = || {
        next_id += 1;
        next_id
    };
    let bands = backbone_core::partners::BudgetBand::ALL;
    let mut org_ids = doc.organizations.iter().map(|o| o.id).collect::<Vec<_>>();
    for n in doc.organizations.len()..PARTNERS {
        let mut o = base_org.clone();
        o.id = id();
        o.name = format!("Partner {n:03}");
        o.budget_band = bands[n % bands.len()];
        o.leadership = None;
        org_ids.push(o.id);
        doc.organizations.push(o);
    }
    let base_activity = doc.activities[0].clone();
    for (n, org) in org_ids.iter().enumerate().skip(doc.activities.len()) {
        let mut a = base_activity.clone();
        a.id = id();
        a.organization_id = *org;
        a.name = format!("Program {n:03}");
        doc.activities.push(a);
    }
    let base_meeting = doc.meetings[0].clone();
    let tables: Vec<_> = doc.tables.iter().map(|t| t.id).collect();
    for n in doc.meetings.len()..MEETINGS {
        let mut m = base_meeting.clone();
        m.meeting.id = id();
        m.meeting.table_id = tables[n % tables.len()];
        m.meeting.starts_at = Utc::now() - Duration::hours((n as i64 * 7) % (24 * 720)) + Duration::days(30);
        m.meeting.created_at = m.meeting.starts_at - Duration::days(14);
        m.meeting.title = format!("Meeting {n}");
        doc.meetings.push(m);
    }
    let base_commitment = doc.commitments[0].clone();
    let statuses = [
        CommitmentStatus::Done,
        CommitmentStatus::OnTrack,
        CommitmentStatus::AtRisk,
        CommitmentStatus::NotStarted,
        CommitmentStatus::Dropped,
    ];
    for n in doc.commitments.len()..COMMITMENTS {
        let mut c = base_commitment.clone();
        c.commitment.id = id();
        c.commitment.organization_id = Some(org_ids[n % org_ids.len()]);
        c.commitment.person_id = None;
        c.commitment.activity_id = None;
        c.commitment.meeting_id = None;
        c.commitment.decision_id = None;
        c.commitment.title = format!("Commitment {n}");
        c.commitment.due_on = today - Duration::days(400) + Duration::days((n % 600) as i64);
        c.commitment.status = statuses[n % statuses.len()];
        c.commitment.reason = if c.commitment.status.needs_reason() { "In the way".into() } else { String::new() };
        c.commitment.done_on = (c.commitment.status == CommitmentStatus::Done)
            .then_some(c.commitment.due_on - Duration::days((n % 9) as i64 - 3));
        c.commitment.created_at = Utc::now() - Duration::days(450) + Duration::hours((n % 10_000) as i64);
        for h in &mut c.history {
            h.at = c.commitment.created_at;
            h.due_on = c.commitment.due_on;
        }
        if let Some(last) = c.history.last_mut() {
            last.status = c.commitment.status;
            last.reason = c.commitment.reason.clone();
        }
        doc.commitments.push(c);
    }
    doc.initiative.slug = "bench-together".into();
    doc
}

async fn timed<F, Fut, T>(n: usize, f: F) -> Result<(Vec<Elapsed>, usize), String>
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = Result<T, String>>,
    T: serde::Serialize,
{
    let mut times = Vec::with_capacity(n);
    let mut bytes = 0;
    for _ in 0..n {
        let t = Instant::now();
        let v = f().await?;
        bytes = serde_json::to_vec(&v).map_err(|e| e.to_string())?.len();
        times.push(t.elapsed());
    }
    times.sort();
    Ok((times, bytes))
}

pub async fn run(store: Arc<dyn backbone_core::Store>, requests: usize) -> Result<(), String> {
    let err = |e: backbone_core::StoreError| e.to_string();
    let today = Utc::now().date_naive();
    let doc = grown(today);
    println!(
        "Working together — {} partners, {} meetings, {} commitments on {}",
        doc.organizations.len(),
        doc.meetings.len(),
        doc.commitments.len(),
        store.backend()
    );
    let t = Instant::now();
    let i = store.import_initiative(&Actor::system("backbone bench"), &doc, None).await.map_err(err)?;
    println!("  import in one transaction: {:.1} s", t.elapsed().as_secs_f64());
    let state = backbone_web::AppState::new(store.clone(), backbone_web::WebConfig::default());
    let n = requests.clamp(20, 1000);
    let since = today - Duration::days(365);
    let report = |name: &str, (times, bytes): (Vec<Elapsed>, usize)| {
        println!(
            "  {name}, {} requests: p50 {}, p99 {}, {} KB each",
            times.len(),
            ms(percentile(&times, 0.5)),
            ms(percentile(&times, 0.99)),
            bytes / 1024
        );
    };
    report(
        "accountability view (every organisation by budget band)",
        timed(n, || async {
            backbone_web::accountability::accountability_of(&state, i.id, since).await.map_err(|e| format!("{e:?}"))
        })
        .await?,
    );
    report(
        "activity feed of the initiative (120 days, 200 newest)",
        timed(n, || async {
            let all = backbone_web::feed::events_of(&state, i.id).await.map_err(|e| format!("{e:?}"))?;
            Ok(backbone_core::feed::select(all, &backbone_core::feed::FeedScope::Initiative))
        })
        .await?,
    );
    report(
        "alignment map (strategies × organisations × places)",
        timed(n, || async { backbone_web::activities::alignment_of(&state, i.id).await.map_err(|e| format!("{e:?}")) })
            .await?,
    );
    report(
        "  beside: reading the raw commitment rows",
        timed(n.min(100), || async {
            store.commitments(i.id, &Default::default()).await.map(|v| v.len()).map_err(err)
        })
        .await?,
    );
    report(
        "  beside: reading the raw meeting and attendance rows",
        timed(n.min(100), || async {
            let m = store.meetings(i.id, &Default::default()).await.map_err(err)?.len();
            let a = store.all_attendance(i.id).await.map_err(err)?.len();
            Ok(m + a)
        })
        .await?,
    );
    Ok(())
}
