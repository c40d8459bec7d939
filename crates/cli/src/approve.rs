//! `backbone approve`: a submission, or every number an organisation has waiting, approved as
//! the review queue does it (the published numbers decided again where they changed), with its
//! progress on standard error — approving millions takes minutes.

use backbone_core::audit::Actor;
use backbone_core::progress::{Progress, Snapshot, Stage, Tracker};
use backbone_core::review::SubmissionDecision;
use backbone_core::store::prelude::*;
use std::sync::Arc;
use std::time::Duration;

pub struct ApproveArgs {
    pub initiative: String,
    /// One submission of the review queue, by its number.
    pub submission: Option<i64>,
    /// Every number this organisation (its id or exact name) has waiting.
    pub organization: Option<String>,
}

pub async fn run(store: Arc<dyn Store>, actor: &Actor, args: ApproveArgs) -> Result<(), String> {
    let err = crate::store_err;
    let i = store.initiative_by_slug(&args.initiative).await.map_err(err)?;
    let progress = Arc::new(Tracker::new());
    let shown = progress.clone();
    let printer = tokio::spawn(async move {
        crate::progress::print(|took| {
            let s = shown.snapshot();
            (s.stage != Stage::Done).then(|| progress_line(&s, took))
        })
        .await
    });
    let approved = match (args.submission, &args.organization) {
        (Some(id), None) => {
            store.decide_submission(actor, i.id, id, &SubmissionDecision::Approve, progress.as_ref()).await
        }
        (None, Some(name)) => {
            let orgs = store.organizations(i.id).await.map_err(err)?;
            let org = orgs
                .iter()
                .find(|o| o.id.to_string() == *name || o.name.eq_ignore_ascii_case(name.trim()))
                .ok_or_else(|| format!("no organisation \"{name}\" in {}", i.slug))?;
            store.approve_all_submitted(actor, i.id, org.id, progress.as_ref()).await
        }
        _ => return Err("say what to approve: --submission N, or --organization NAME for all it has waiting".into()),
    };
    // Whatever happened, the progress line is cleared before the answer.
    progress.report(Stage::Done, 0, None);
    let _ = printer.await;
    let approved = approved.map_err(err)?;
    match approved {
        0 => println!("Nothing was waiting for review: nothing approved."),
        n => println!("{n} numbers approved; the published numbers are up to date."),
    }
    Ok(())
}

fn progress_line(s: &Snapshot, took: Duration) -> String {
    let of = |unit: &str| match (s.total, s.percent()) {
        (Some(total), Some(pc)) => format!("{} of {total} {unit} ({pc}%)", s.done),
        _ => format!("{} {unit}", s.done),
    };
    let took = took.as_secs_f64();
    match s.stage {
        Stage::Approving => format!("approving: {} ({took:.0} s)", of("numbers")),
        Stage::Publishing => format!("publishing: {} decided again ({took:.0} s)", of("indicator periods")),
        _ => format!("starting ({took:.0} s)"),
    }
}
