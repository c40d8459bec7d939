//! `backbone submit`: a partner's CSV of numbers, checked and imported as the Data page does
//! (every row checked, all or nothing), with its progress on standard error.

use backbone_core::audit::Actor;
use backbone_core::progress::Stage;
use backbone_core::store::prelude::*;
use backbone_web::measurement::import::{import, CatalogData, ImportProgress, ImportSnapshot};
use std::sync::Arc;
use std::time::Duration;

pub struct SubmitArgs {
    pub initiative: String,
    /// The organisation's id or exact name.
    pub organization: String,
    pub file: std::path::PathBuf,
    pub draft: bool,
    pub valid_rows_only: bool,
}

/// Problems printed before "… and N more".
const SHOWN: usize = 50;

pub async fn run(store: Arc<dyn Store>, actor: &Actor, args: SubmitArgs) -> Result<(), String> {
    let err = crate::store_err;
    let i = store.initiative_by_slug(&args.initiative).await.map_err(err)?;
    let orgs = store.organizations(i.id).await.map_err(err)?;
    let org = orgs
        .iter()
        .find(|o| o.id.to_string() == args.organization || o.name.eq_ignore_ascii_case(args.organization.trim()))
        .ok_or_else(|| format!("no organisation \"{}\" in {}", args.organization, i.slug))?;
    let file = std::fs::File::open(&args.file).map_err(|e| format!("reading {}: {e}", args.file.display()))?;
    let size = file.metadata().ok().map(|m| m.len());
    let progress = Arc::new(ImportProgress::new(size));
    let catalog = CatalogData::load(store.as_ref(), i.id).await.map_err(err)?;
    let shown = progress.clone();
    let printer = tokio::spawn(async move {
        crate::progress::print(|took| {
            let s = shown.snapshot();
            (s.stage != Stage::Done).then(|| progress_line(&s, took))
        })
        .await
    });
    let outcome = import(
        store.as_ref(),
        actor,
        i.id,
        org.id,
        std::io::BufReader::with_capacity(1 << 20, file),
        catalog,
        args.valid_rows_only,
        args.draft,
        // A file, by its name, as an upload on the Data page is shown in the review queue.
        (
            backbone_core::review::SubmissionSource::Upload,
            args.file.file_name().map(|n| n.to_string_lossy().into_owned()),
        ),
        progress.clone(),
    )
    .await;
    let _ = printer.await;
    let outcome = outcome.map_err(err)?;
    let name = args.file.display();
    let r = &outcome.report;
    for n in &r.notes {
        eprintln!("{name}: {n}");
    }
    for e in r.errors.iter().take(SHOWN) {
        match e.column.as_str() {
            "" => eprintln!("{name}: line {}: {}", e.row, e.reason),
            c => eprintln!("{name}: line {}, column {c}: {}", e.row, e.reason),
        }
    }
    if r.invalid_rows as usize > SHOWN.min(r.errors.len()) {
        eprintln!("… {} rows with problems in all", r.invalid_rows);
    }
    match outcome.summary {
        Some(s) => {
            let what = if args.draft { "saved as drafts" } else { "sent for review" };
            println!(
                "{} rows read: {} new numbers {what}, {} corrected, {} unchanged{}{}.",
                r.rows,
                s.added,
                s.revised,
                s.unchanged,
                if s.drafts_sent > 0 { format!(", {} drafts sent", s.drafts_sent) } else { String::new() },
                if s.already_sent > 0 {
                    format!(", {} left as they are (they differ from numbers already under review)", s.already_sent)
                } else {
                    String::new()
                },
            );
            if r.invalid_rows > 0 {
                println!("{} rows with problems were left out.", r.invalid_rows);
            }
            Ok(())
        }
        None if r.contradictions > 0 => {
            Err("nothing was imported: some breakdowns add up to more than their total".into())
        }
        None if r.invalid_rows > 0 && !args.valid_rows_only => Err(format!(
            "nothing was imported: {} of {} rows have problems (fix them, or pass --valid-rows-only to import the others)",
            r.invalid_rows, r.rows
        )),
        None => Err("nothing was imported".into()),
    }
}

fn progress_line(s: &ImportSnapshot, took: Duration) -> String {
    let pc = s.percent().map(|p| format!("{p:>3}% of the file, ")).unwrap_or_default();
    match s.stage {
        Stage::Checking => {
            format!("{pc}{} rows checked, {} written ({:.0} s)", s.checked, s.written, took.as_secs_f64())
        }
        _ => format!("{pc}{} rows checked; the database is finishing ({:.0} s)", s.checked, took.as_secs_f64()),
    }
}
