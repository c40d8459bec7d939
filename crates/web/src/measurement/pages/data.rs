//! The Data page: partners upload a file (checked and previewed before anything is imported),
//! save drafts and send them; backbone staff find the review queue (`crate::review`) from here.

use crate::http::page::notice;
use crate::http::prelude::*;
use crate::http::progress::{self, Finished};
use crate::measurement::import::{import_csv_as, ImportOutcome, ImportProgress, ImportSnapshot};
use crate::measurement::upload;
use axum::extract::Multipart;
use axum::response::Redirect;
use backbone_core::measure::csv::CsvReport;
use backbone_core::measure::observation::*;
use backbone_core::measure::place::{Dimension, Geography};
use backbone_core::measure::upload::Upload;
use backbone_core::progress::Stage;
use std::sync::Arc;
// ---------------------------------------------------------------- data: upload and review

#[derive(Template)]
#[template(path = "measurement/templates/data.html")]
struct DataPage {
    page: PageCtx,
    i: Initiative,
    organizations: Vec<(String, String)>,
    is_staff: bool,
    /// Staff review in the review queue (`crate::review`); the page links to it.
    can_review: bool,
    report: Option<CsvReport>,
    organization_id: String,
    organization_name: String,
    /// The checked upload, kept on the server, and its file's name.
    upload_token: String,
    file_name: String,
    /// The place codes and breakdowns numbers are reported by, for those who prepare files.
    places: Vec<Geography>,
    dimensions: Vec<Dimension>,
    /// Organisations the viewer submits for that have drafts: id, name, how many.
    drafts: Vec<(String, String, u64)>,
    error: Option<String>,
    columns: &'static [&'static str],
}

pub async fn data_page(
    s: &AppState,
    req: &Req,
    i: Initiative,
    access: Access,
    preview: Option<(CsvReport, Id, Upload)>,
    error: Option<String>,
) -> PageResult {
    let e = |e| req.err(e);
    let orgs = s.store.organizations(i.id).await.map_err(e)?;
    let organizations: Vec<(String, String)> =
        orgs.iter().filter(|o| access.can_submit_for(o.id)).map(|o| (o.id.to_string(), o.name.clone())).collect();
    let name_of = |id: Id| orgs.iter().find(|o| o.id == id).map(|o| o.name.clone()).unwrap_or_default();
    let (report, organization_id, upload_token, file_name) = match preview {
        Some((r, org, u)) => (Some(r), org.to_string(), u.token, u.file_name),
        None => (None, String::new(), String::new(), String::new()),
    };
    let places = s.store.geographies(i.id).await.map_err(e)?;
    let dimensions = s.store.dimensions(i.id).await.map_err(e)?;
    let organization_name = organization_id.parse().map(name_of).unwrap_or_default();
    let drafts = s
        .store
        .draft_counts(i.id)
        .await
        .map_err(e)?
        .into_iter()
        .filter(|(org, _)| access.can_submit_for(*org))
        .map(|(org, n)| (org.to_string(), name_of(org), n))
        .collect();
    let page = DataPage {
        page: req.page(req.t.get("data-title"), Some((&i, &access)), "data"),
        is_staff: access.can_manage_measurement(),
        can_review: access.can_review_submissions(),
        i,
        organizations,
        report,
        organization_id,
        organization_name,
        upload_token,
        file_name,
        places,
        dimensions,
        drafts,
        error,
        columns: &backbone_core::measure::csv::COLUMNS,
    };
    render(&page, req.t)
}

pub async fn data_home(State(s): State<AppState>, req: Req, Scope { initiative: i, access }: Scope) -> PageResult {
    req.require(&access, access.is_member())?;
    req.require(&access, access.can_manage_measurement() || !access.stewarded_organizations().is_empty())?;
    data_page(&s, &req, i, access, None, None).await
}

/// Step 1: a file is uploaded, kept on the server and checked; nothing is imported yet.
pub async fn upload(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    mut form: Multipart,
) -> PageResult {
    req.require(&access, access.is_member())?;
    let user = req.viewer.require_user().map_err(|e| req.err(e))?.id;
    let mut org: Option<Id> = None;
    let mut kept: Option<Upload> = None;
    let broke = |e: axum::extract::multipart::MultipartError| req.err(AppError::BadRequest(e.body_text()));
    while let Some(field) = form.next_field().await.map_err(broke)? {
        match field.name().unwrap_or("") {
            "organization_id" => org = field.text().await.map_err(broke)?.parse().ok(),
            "file" => {
                // The form sends the organisation first: someone who may not submit for it is
                // refused before the file is stored.
                if let Some(o) = org {
                    req.require(&access, access.can_submit_for(o))?;
                }
                kept = Some(upload::keep(s.store.as_ref(), i.id, user, field).await.map_err(|e| req.err(e))?);
            }
            _ => {}
        }
    }
    let forget = |u: &Option<Upload>| {
        let (store, id) = (s.store.clone(), u.as_ref().map(|u| u.id));
        async move {
            if let Some(id) = id {
                let _ = store.delete_upload(id).await;
            }
        }
    };
    let Some(org) = org else {
        forget(&kept).await;
        return data_page(&s, &req, i, access, None, Some(req.t.get("data-choose-organization"))).await;
    };
    if !access.can_submit_for(org) {
        forget(&kept).await;
        req.require(&access, false)?;
    }
    let Some(kept) = kept.filter(|u| u.bytes > 0) else {
        return data_page(&s, &req, i, access, None, Some(req.t.get("data-choose-file"))).await;
    };
    let report = upload::check(s.store.clone(), i.id, org, &kept).await.map_err(|e| req.err(e))?;
    data_page(&s, &req, i, access, Some((report, org, kept)), None).await
}

/// Step 2: the checked upload is imported, whole or only its valid rows, as the person chose.
pub async fn import(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    f: FormData,
) -> PageResult {
    req.require(&access, access.is_member())?;
    let user = req.viewer.require_user().map_err(|e| req.err(e))?.id;
    let org: Id = f
        .get("organization_id")
        .parse()
        .map_err(|_| req.err(AppError::BadRequest(req.t.get("data-choose-organization"))))?;
    req.require(&access, access.can_submit_for(org))?;
    let Some(kept) = s.store.upload(i.id, user, f.get("upload")).await.map_err(|e| req.err(e))? else {
        return data_page(&s, &req, i, access, None, Some(req.t.get("data-upload-gone"))).await;
    };
    let valid_only = f.get("valid_only") == "true";
    let draft = f.get("draft") == "true";
    let progress = Arc::new(ImportProgress::new(Some(kept.bytes.max(0) as u64)));
    let frame = Importing {
        page: req.page(req.t.get("importing-title"), Some((&i, &access)), "data"),
        file_name: kept.file_name.clone(),
    };
    let t = req.t;
    let watched = progress.clone();
    let page = progress::Streamed {
        frame: frame.render().map_err(|e| req.err(e))?,
        patience: s.config.progress_after,
        every: progress::EVERY,
        line: move || importing_line(t, &watched.snapshot()),
    };
    let (actor, slug) = (req.viewer.actor(), i.slug.clone());
    let work = async move {
        let input = upload::reader(s.store.clone(), &kept);
        let source = (backbone_core::review::SubmissionSource::Upload, Some(kept.file_name.clone()));
        let outcome = import_csv_as(&s, &actor, i.id, org, input, valid_only, draft, source, progress).await;
        let onward = format!("/i/{slug}/data");
        let result = match outcome {
            Ok(ImportOutcome { summary: Some(sm), .. }) => {
                let _ = s.store.delete_upload(kept.id).await;
                let kind = if draft { "drafted" } else { "imported" };
                let query = format!(
                    "notice={kind}&added={}&revised={}&unchanged={}&kept={}&count={}",
                    sm.added, sm.revised, sm.unchanged, sm.already_sent, sm.drafts_sent
                );
                let onward = format!("{onward}?{query}");
                let shown = Imported {
                    t,
                    notice: notice(t, &query),
                    problem: String::new(),
                    errors: Vec::new(),
                    onward: onward.clone(),
                };
                return Finished { html: shown.render().unwrap_or_default(), redirect: Some(onward) };
            }
            Ok(ImportOutcome { report, .. }) => Imported {
                t,
                notice: None,
                problem: t.get("importing-failed"),
                errors: report.errors.into_iter().take(PROBLEMS_SHOWN).collect(),
                onward,
            },
            Err(e) => {
                let reason = AppError::from(e)
                    .field_errors()
                    .first()
                    .map(|f| f.reason.clone())
                    .unwrap_or_else(|| t.get("error-internal"));
                Imported {
                    t,
                    notice: None,
                    problem: t.with("importing-error", "reason", reason),
                    errors: Vec::new(),
                    onward,
                }
            }
        };
        Finished { html: result.render().unwrap_or_default(), redirect: None }
    };
    Ok(progress::answer(page, work).await)
}

/// Problems shown when a streamed import finds the file could not be imported after all.
const PROBLEMS_SHOWN: usize = 50;

/// The frame of an import's streamed answer (see `http::progress`).
#[derive(Template)]
#[template(path = "measurement/templates/importing.html")]
struct Importing {
    page: PageCtx,
    file_name: String,
}

/// What an import did, at the end of its streamed answer.
#[derive(Template)]
#[template(path = "measurement/templates/imported.html")]
struct Imported {
    t: Tr,
    notice: Option<String>,
    problem: String,
    errors: Vec<backbone_core::measure::csv::RowError>,
    onward: String,
}

/// One line of an import's progress: a bar when the file's size is known, and the rows so far.
fn importing_line(t: Tr, p: &ImportSnapshot) -> String {
    let rows = if p.stage == Stage::Checking {
        t.with2("importing-progress", "checked", p.checked, "written", p.written)
    } else {
        t.with("importing-finishing", "checked", p.checked)
    };
    let words = match p.percent() {
        Some(pc) => format!("{} {rows}", t.with("importing-percent", "percent", pc)),
        None => rows,
    };
    crate::http::progress::line(p.percent(), &words)
}

/// A partner sends its drafts for review.
pub async fn send_drafts(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    f: FormData,
) -> PageResult {
    let form = f;
    req.require(&access, access.is_member())?;
    let Ok(org) = form.get("organization_id").parse::<Id>() else {
        return data_page(&s, &req, i, access, None, Some(req.t.get("data-choose-organization"))).await;
    };
    req.require(&access, access.can_submit_for(org))?;
    let sent = s.store.send_drafts(&req.viewer.actor(), i.id, org).await.map_err(|e| req.err(e))?;
    Ok(Redirect::to(&format!("/i/{}/data?notice=drafts-sent&count={sent}", i.slug,)).into_response())
}

pub async fn review(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    f: FormData,
) -> PageResult {
    let form = f;
    req.require(&access, access.can_manage_measurement())?;
    let ids: Vec<Id> = form.all("observation").iter().filter_map(|v| v.parse().ok()).collect();
    if ids.is_empty() {
        return data_page(&s, &req, i, access, None, Some(req.t.get("review-choose"))).await;
    }
    let decision = match form.get("decision") {
        "approve" => Review::Approve,
        _ => Review::Return { reason: form.get("reason").to_string() },
    };
    match s
        .store
        .review_observations(&req.viewer.actor(), i.id, &ids, &decision, &backbone_core::progress::Silent)
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/i/{}/review?notice=reviewed", i.slug)).into_response()),
        Err(e) => {
            let msg = AppError::from(e)
                .field_errors()
                .first()
                .map(|f| f.reason.clone())
                .unwrap_or_else(|| req.t.get("error-internal"));
            data_page(&s, &req, i, access, None, Some(msg)).await
        }
    }
}
