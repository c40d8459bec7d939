//! The Data page: partners upload a file (checked and previewed before anything is imported),
//! save drafts and send them, and backbone staff review what was submitted.

use crate::http::prelude::*;
use crate::measurement::import::import_csv;
use axum::extract::Multipart;
use axum::response::Redirect;
use backbone_core::measure::csv::CsvReport;
use backbone_core::measure::observation::*;
// ---------------------------------------------------------------- data: upload and review

#[derive(Template)]
#[template(path = "measurement/templates/data.html")]
struct DataPage {
    page: PageCtx,
    i: Initiative,
    organizations: Vec<(String, String)>,
    pending: Vec<(Observation, String)>,
    is_staff: bool,
    report: Option<CsvReport>,
    organization_id: String,
    organization_name: String,
    file_text: String,
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
    preview: Option<(CsvReport, Id, String)>,
    error: Option<String>,
) -> PageResult {
    let e = |e| req.err(e);
    let orgs = s.store.organizations(i.id).await.map_err(e)?;
    let organizations: Vec<(String, String)> =
        orgs.iter().filter(|o| access.can_submit_for(o.id)).map(|o| (o.id.to_string(), o.name.clone())).collect();
    let name_of = |id: Id| orgs.iter().find(|o| o.id == id).map(|o| o.name.clone()).unwrap_or_default();
    let pending = if access.can_manage_measurement() {
        s.store
            .observations(
                i.id,
                &ObservationQuery { status: Some(ObservationStatus::Submitted), limit: 500, ..Default::default() },
            )
            .await
            .map_err(e)?
            .into_iter()
            .map(|o| {
                let n = name_of(o.organization_id);
                (o, n)
            })
            .collect()
    } else {
        Vec::new()
    };
    let (report, organization_id, file_text) = match preview {
        Some((r, org, text)) => (Some(r), org.to_string(), text),
        None => (None, String::new(), String::new()),
    };
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
        i,
        organizations,
        pending,
        report,
        organization_id,
        organization_name,
        file_text,
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

/// Step 1: a file is uploaded and checked; nothing is imported yet.
pub async fn upload(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    mut form: Multipart,
) -> PageResult {
    req.require(&access, access.is_member())?;
    let mut org = String::new();
    let mut text = String::new();
    while let Some(field) = form.next_field().await.map_err(|e| req.err(AppError::BadRequest(e.to_string())))? {
        match field.name().unwrap_or("") {
            "organization_id" => org = field.text().await.unwrap_or_default(),
            "file" => {
                let bytes = field.bytes().await.map_err(|e| req.err(AppError::BadRequest(e.to_string())))?;
                text = String::from_utf8_lossy(&bytes).into_owned();
            }
            _ => {}
        }
    }
    let Ok(org) = org.parse::<Id>() else {
        return data_page(&s, &req, i, access, None, Some(req.t.get("data-choose-organization"))).await;
    };
    req.require(&access, access.can_submit_for(org))?;
    if text.trim().is_empty() {
        return data_page(&s, &req, i, access, None, Some(req.t.get("data-choose-file"))).await;
    }
    let indicators = s.store.indicators(i.id).await.map_err(|e| req.err(e))?;
    let geographies = s.store.geographies(i.id).await.map_err(|e| req.err(e))?;
    let dimensions = s.store.dimensions(i.id).await.map_err(|e| req.err(e))?;
    let catalog = Catalog::new(&indicators, &geographies, &dimensions).submitted_by(org);
    let report = backbone_core::measure::csv::CsvRows::new(text.as_bytes(), &catalog).report();
    data_page(&s, &req, i, access, Some((report, org, text)), None).await
}

/// Step 2: the checked file is imported, whole or only its valid rows, as the person chose.
pub async fn import(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    f: FormData,
) -> PageResult {
    req.require(&access, access.is_member())?;
    let org: Id = f
        .get("organization_id")
        .parse()
        .map_err(|_| req.err(AppError::BadRequest(req.t.get("data-choose-organization"))))?;
    req.require(&access, access.can_submit_for(org))?;
    let valid_only = f.get("valid_only") == "true";
    let draft = f.get("draft") == "true";
    let input = std::io::Cursor::new(f.get("file").as_bytes().to_vec());
    let outcome =
        import_csv(&s, &req.viewer.actor(), i.id, org, input, valid_only, draft).await.map_err(|e| req.err(e))?;
    match outcome.summary {
        Some(sm) => {
            let kind = if draft { "drafted" } else { "imported" };
            let notice = format!(
                "notice={kind}&added={}&revised={}&unchanged={}&kept={}&count={}",
                sm.added, sm.revised, sm.unchanged, sm.already_sent, sm.drafts_sent
            );
            Ok(Redirect::to(&format!("/i/{}/data?{notice}", i.slug,)).into_response())
        }
        None => data_page(&s, &req, i, access, Some((outcome.report, org, f.get("file").to_string())), None).await,
    }
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
    match s.store.review_observations(&req.viewer.actor(), i.id, &ids, &decision).await {
        Ok(_) => Ok(Redirect::to(&format!("/i/{}/data?notice=reviewed", i.slug)).into_response()),
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
