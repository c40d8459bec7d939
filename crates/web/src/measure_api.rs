//! The shared-measurement API: indicators, places and dimensions, submitting numbers (JSON or the
//! long CSV format), review, and the suppressed indicator views with CSV export.

use crate::api::{ApiJson, ApiPath, ApiQuery};
use crate::auth::Viewer;
use crate::error::{AppError, AppResult, Problem};
use crate::view::{self, require};
use crate::AppState;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use backbone_core::access::Access;
use backbone_core::initiative::Initiative;
use backbone_core::measure::analytics::Reference;
use backbone_core::measure::csv::{self as observation_csv, CsvReport, RowError};
use backbone_core::measure::indicator::*;
use backbone_core::measure::observation::ObservationQuery;
use backbone_core::measure::observation::ObservationRevision;
use backbone_core::measure::observation::Review;
use backbone_core::measure::observation::SubmitSummary;
use backbone_core::measure::observation::*;
use backbone_core::measure::place::*;
use backbone_core::measure::view::{assemble_view, IndicatorView};
use backbone_core::Id;
use backbone_core::{FieldError, Invalid};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Largest CSV accepted in one upload.
pub const MAX_UPLOAD_BYTES: usize = 64 * 1024 * 1024;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_indicators, create_indicator))
        .routes(routes!(get_indicator, update_indicator))
        .routes(routes!(indicator_data))
        .routes(routes!(indicator_csv))
        .routes(routes!(get_geographies, set_geographies))
        .routes(routes!(get_dimensions, set_dimensions))
        .routes(routes!(list_observations, submit_observations))
        .merge(
            OpenApiRouter::new()
                .routes(routes!(observations_csv, submit_csv))
                .layer(axum::extract::DefaultBodyLimit::max(MAX_UPLOAD_BYTES)),
        )
        .routes(routes!(observation_history))
        .routes(routes!(review))
        .routes(routes!(send_drafts))
        .routes(routes!(table_schema))
}

async fn indicator_for(
    s: &AppState,
    viewer: &Viewer,
    slug: &str,
    key: &str,
) -> AppResult<(Initiative, Access, Indicator)> {
    let (i, access) = view::initiative(s, viewer, slug).await?;
    let ind = s.store.indicator(i.id, key).await?;
    if !access.can_view_indicator(ind.published) {
        return Err(AppError::NotFound("indicator"));
    }
    Ok((i, access, ind))
}

// ---------------------------------------------------------------- indicators

/// Indicators: published ones for the public, all for members.
#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/indicators", tag = "measurement", params(("slug" = String, Path)),
    responses((status = 200, body = [Indicator])))]
async fn list_indicators(
    State(s): State<AppState>,
    viewer: Viewer,
    ApiPath(slug): ApiPath<String>,
) -> AppResult<Json<Vec<Indicator>>> {
    let (i, access) = view::initiative(&s, &viewer, &slug).await?;
    Ok(Json(s.store.indicators(i.id).await?.into_iter().filter(|x| access.can_view_indicator(x.published)).collect()))
}

#[utoipa::path(post, path = "/api/v1/initiatives/{slug}/indicators", tag = "measurement", params(("slug" = String, Path)), request_body = IndicatorInput,
    responses((status = 201, body = Indicator), (status = 403, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn create_indicator(
    State(s): State<AppState>,
    viewer: Viewer,
    ApiPath(slug): ApiPath<String>,
    ApiJson(input): ApiJson<IndicatorInput>,
) -> AppResult<Response> {
    let (i, access) = view::initiative(&s, &viewer, &slug).await?;
    require(&access, access.can_manage_measurement())?;
    Ok((StatusCode::CREATED, Json(s.store.create_indicator(&viewer.actor(), i.id, &input).await?)).into_response())
}

#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/indicators/{key}", tag = "measurement", params(("slug" = String, Path), ("key" = String, Path)),
    responses((status = 200, body = Indicator), (status = 404, body = Problem)))]
async fn get_indicator(
    State(s): State<AppState>,
    viewer: Viewer,
    ApiPath((slug, key)): ApiPath<(String, String)>,
) -> AppResult<Json<Indicator>> {
    Ok(Json(indicator_for(&s, &viewer, &slug, &key).await?.2))
}

/// Change an indicator's definition (the key stays; unit and period kind are fixed once data exists).
#[utoipa::path(put, path = "/api/v1/initiatives/{slug}/indicators/{key}", tag = "measurement", params(("slug" = String, Path), ("key" = String, Path)),
    request_body = IndicatorInput, responses((status = 200, body = Indicator), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn update_indicator(
    State(s): State<AppState>,
    viewer: Viewer,
    ApiPath((slug, key)): ApiPath<(String, String)>,
    ApiJson(input): ApiJson<IndicatorInput>,
) -> AppResult<Json<Indicator>> {
    let (i, access) = view::initiative(&s, &viewer, &slug).await?;
    require(&access, access.can_manage_measurement())?;
    Ok(Json(s.store.update_indicator(&viewer.actor(), i.id, &key, &input).await?))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ViewParams {
    /// Place code (default: the community, the place without a parent).
    pub geography: Option<String>,
    /// Dimension to break the numbers down by, e.g. `race_ethnicity`.
    pub dimension: Option<String>,
    /// `best_group` (default) or `whole`: what gaps are measured from.
    pub reference: Option<String>,
}

pub async fn build_view(s: &AppState, i: &Initiative, ind: &Indicator, p: &ViewParams) -> AppResult<IndicatorView> {
    // Only the place asked for and the places inside it are read: an initiative may have thousands.
    let geographies = s.store.place_with_children(i.id, p.geography.as_deref()).await?;
    let Some(place) = geographies.first() else {
        return match &p.geography {
            Some(g) => Err(AppError::Invalid(Invalid::one("geography", format!("\"{g}\" is not a known place")))),
            None => Err(AppError::NotFound("place")),
        };
    };
    let geography = place.code.clone();
    let dimensions = s.store.dimensions(i.id).await?;
    if let Some(d) = &p.dimension {
        if !dimensions.iter().any(|x| &x.key == d) {
            return Err(AppError::Invalid(Invalid::one("dimension", format!("\"{d}\" is not a known dimension"))));
        }
    }
    let reference = match p.reference.as_deref() {
        None | Some("best_group") => Reference::BestGroup,
        Some("whole") => Reference::Whole,
        Some(other) => {
            return Err(AppError::Invalid(Invalid::one(
                "reference",
                format!("\"{other}\" must be best_group or whole"),
            )))
        }
    };
    // The pre-aggregated, already-suppressed cells of this place, its groups and its children.
    let places: Vec<String> = geographies.iter().map(|g| g.code.clone()).collect();
    let published = s.store.published_cells(i.id, ind.id, &places, p.dimension.as_deref()).await?;
    let hidden = published
        .iter()
        .filter(|(_, h)| *h)
        .map(|(c, _)| (c.period.clone(), c.geography.clone(), c.groups.clone()))
        .collect();
    let cells: Vec<_> = published.into_iter().map(|(c, _)| c).collect();
    Ok(assemble_view(ind, &cells, &hidden, &geographies, &dimensions, &geography, p.dimension.as_deref(), reference))
}

/// The indicator's approved numbers for one place, by period and group, with the baseline
/// forecast, target status and equity gaps. Small cells are suppressed for every viewer.
#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/indicators/{key}/data", tag = "measurement",
    params(("slug" = String, Path), ("key" = String, Path), ViewParams), responses((status = 200, body = IndicatorView), (status = 404, body = Problem)))]
async fn indicator_data(
    State(s): State<AppState>,
    viewer: Viewer,
    ApiPath((slug, key)): ApiPath<(String, String)>,
    ApiQuery(p): ApiQuery<ViewParams>,
) -> AppResult<Json<IndicatorView>> {
    let (i, _, ind) = indicator_for(&s, &viewer, &slug, &key).await?;
    Ok(Json(build_view(&s, &i, &ind, &p).await?))
}

/// The same view as CSV, one row per period and group (suppressed cells are empty, marked `suppressed`).
#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/indicators/{key}/data.csv", tag = "measurement",
    params(("slug" = String, Path), ("key" = String, Path), ViewParams), responses((status = 200, content_type = "text/csv", body = String)))]
async fn indicator_csv(
    State(s): State<AppState>,
    viewer: Viewer,
    ApiPath((slug, key)): ApiPath<(String, String)>,
    ApiQuery(p): ApiQuery<ViewParams>,
) -> AppResult<Response> {
    let (i, _, ind) = indicator_for(&s, &viewer, &slug, &key).await?;
    let v = build_view(&s, &i, &ind, &p).await?;
    Ok(csv_response(&format!("{}-{}.csv", ind.key, v.geography), view_csv(&ind, &v)?))
}

pub fn view_csv(ind: &Indicator, v: &IndicatorView) -> AppResult<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let e = |e: csv::Error| AppError::Internal(e.to_string());
    w.write_record(["indicator", "period", "geography", "group", "value", "numerator", "denominator", "status"])
        .map_err(e)?;
    let num = |x: Option<f64>| x.map(|v| format!("{v}")).unwrap_or_default();
    let mut rows = vec![("".to_string(), &v.series)];
    for g in &v.groups {
        rows.push((g.group.clone(), &g.points));
    }
    for (group, points) in rows {
        for pt in points {
            let status = if pt.suppressed {
                "suppressed"
            } else if pt.value.is_none() {
                "no data"
            } else {
                ""
            };
            w.write_record([
                ind.key.as_str(),
                &pt.period,
                &v.geography,
                &csv_text(&group),
                &num(pt.value.map(|x| (x * 10.0).round() / 10.0)),
                &num(pt.numerator),
                &num(pt.denominator),
                status,
            ])
            .map_err(e)?;
        }
    }
    w.into_inner().map_err(|e| AppError::Internal(e.to_string()))
}

/// Free text for a CSV cell: text that a spreadsheet would run as a formula (it starts with
/// `=`, `+`, `-`, `@`, a tab or a carriage return) is prefixed with `'`, so it stays text.
pub fn csv_text(text: &str) -> std::borrow::Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}").into()
    } else {
        text.into()
    }
}

pub fn csv_response(filename: &str, body: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{filename}\"")),
        ],
        body,
    )
        .into_response()
}

// ---------------------------------------------------------------- places and dimensions

#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/geographies", tag = "measurement", params(("slug" = String, Path)), responses((status = 200, body = [Geography])))]
async fn get_geographies(
    State(s): State<AppState>,
    viewer: Viewer,
    ApiPath(slug): ApiPath<String>,
) -> AppResult<Json<Vec<Geography>>> {
    let (i, _) = view::initiative(&s, &viewer, &slug).await?;
    Ok(Json(s.store.geographies(i.id).await?))
}

/// Replace the list of places (community, districts, ZIP codes, tracts).
#[utoipa::path(put, path = "/api/v1/initiatives/{slug}/geographies", tag = "measurement", params(("slug" = String, Path)), request_body = Vec<Geography>,
    responses((status = 204), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn set_geographies(
    State(s): State<AppState>,
    viewer: Viewer,
    ApiPath(slug): ApiPath<String>,
    ApiJson(places): ApiJson<Vec<Geography>>,
) -> AppResult<StatusCode> {
    let (i, access) = view::initiative(&s, &viewer, &slug).await?;
    require(&access, access.can_manage_measurement())?;
    s.store.set_geographies(&viewer.actor(), i.id, &places).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/dimensions", tag = "measurement", params(("slug" = String, Path)), responses((status = 200, body = [Dimension])))]
async fn get_dimensions(
    State(s): State<AppState>,
    viewer: Viewer,
    ApiPath(slug): ApiPath<String>,
) -> AppResult<Json<Vec<Dimension>>> {
    let (i, _) = view::initiative(&s, &viewer, &slug).await?;
    Ok(Json(s.store.dimensions(i.id).await?))
}

#[utoipa::path(put, path = "/api/v1/initiatives/{slug}/dimensions", tag = "measurement", params(("slug" = String, Path)), request_body = Vec<Dimension>,
    responses((status = 204), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn set_dimensions(
    State(s): State<AppState>,
    viewer: Viewer,
    ApiPath(slug): ApiPath<String>,
    ApiJson(dims): ApiJson<Vec<Dimension>>,
) -> AppResult<StatusCode> {
    let (i, access) = view::initiative(&s, &viewer, &slug).await?;
    require(&access, access.can_manage_measurement())?;
    s.store.set_dimensions(&viewer.actor(), i.id, &dims).await?;
    Ok(StatusCode::NO_CONTENT)
}

// ---------------------------------------------------------------- submitting and reviewing

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ObservationParams {
    pub indicator: Option<String>,
    pub organization_id: Option<Id>,
    pub status: Option<String>,
    pub limit: Option<i64>,
}

/// The raw numbers a viewer may see: every organisation's for backbone staff, only its own
/// organisation's for a data steward; nothing for anyone else.
pub async fn raw_observations(
    s: &AppState,
    i: &Initiative,
    access: &Access,
    q: &ObservationParams,
) -> AppResult<Vec<Observation>> {
    let status = match q.status.as_deref() {
        None => None,
        Some(x) => Some(ObservationStatus::parse(x).ok_or_else(|| {
            AppError::Invalid(Invalid::one("status", "must be draft, submitted, approved or returned"))
        })?),
    };
    let orgs: Vec<Id> = match q.organization_id {
        Some(o) => {
            require(access, access.can_view_raw_data_of(o))?;
            vec![o]
        }
        None if access.is_admin() => vec![],
        None => {
            let own = access.stewarded_organizations();
            require(access, !own.is_empty())?;
            own
        }
    };
    let query = |org| ObservationQuery {
        indicator: q.indicator.clone(),
        organization_id: org,
        status,
        limit: q.limit.unwrap_or(1000),
    };
    if orgs.is_empty() {
        return Ok(s.store.observations(i.id, &query(None)).await?);
    }
    let mut out = Vec::new();
    for o in orgs {
        out.extend(s.store.observations(i.id, &query(Some(o))).await?);
    }
    Ok(out)
}

/// Raw submitted numbers, unsuppressed: backbone staff see every organisation's, a data steward
/// only its own organisation's.
#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/observations", tag = "measurement", params(("slug" = String, Path), ObservationParams),
    responses((status = 200, body = [Observation]), (status = 403, body = Problem)))]
async fn list_observations(
    State(s): State<AppState>,
    viewer: Viewer,
    ApiPath(slug): ApiPath<String>,
    ApiQuery(q): ApiQuery<ObservationParams>,
) -> AppResult<Json<Vec<Observation>>> {
    let (i, access) = view::initiative(&s, &viewer, &slug).await?;
    Ok(Json(raw_observations(&s, &i, &access, &q).await?))
}

/// The same raw numbers as CSV: the long format's six columns, then the organisation, status,
/// return reason, revision and time of the last change.
#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/observations.csv", tag = "measurement", params(("slug" = String, Path), ObservationParams),
    responses((status = 200, content_type = "text/csv", body = String), (status = 403, body = Problem)))]
async fn observations_csv(
    State(s): State<AppState>,
    viewer: Viewer,
    ApiPath(slug): ApiPath<String>,
    ApiQuery(q): ApiQuery<ObservationParams>,
) -> AppResult<Response> {
    let (i, access) = view::initiative(&s, &viewer, &slug).await?;
    let rows = raw_observations(&s, &i, &access, &q).await?;
    Ok(csv_response(&format!("{}-observations.csv", i.slug), raw_csv(&rows)?))
}

pub fn raw_csv(rows: &[Observation]) -> AppResult<Vec<u8>> {
    let e = |e: csv::Error| AppError::Internal(e.to_string());
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<&str> = observation_csv::COLUMNS.to_vec();
    header.extend(["organization_id", "status", "return_reason", "revision", "updated_at"]);
    w.write_record(&header).map_err(e)?;
    for o in rows {
        w.write_record([
            o.indicator_key.as_str(),
            &o.period,
            &o.geography,
            &groups_key(&o.groups),
            &o.numerator.to_string(),
            &o.denominator.map(|d| d.to_string()).unwrap_or_default(),
            &o.organization_id.to_string(),
            o.status.as_str(),
            &csv_text(o.return_reason.as_deref().unwrap_or_default()),
            &o.revision.to_string(),
            &o.updated_at.to_rfc3339(),
        ])
        .map_err(e)?;
    }
    w.into_inner().map_err(|e| AppError::Internal(e.to_string()))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Submission {
    /// The organisation the numbers come from.
    pub organization_id: Id,
    pub observations: Vec<ObservationInput>,
    /// Import the valid rows and skip the others. Without it, any problem means nothing is imported.
    #[serde(default)]
    pub valid_only: bool,
    /// Save the numbers as drafts, to be sent for review later (`observations/send-drafts`).
    #[serde(default)]
    pub draft: bool,
}

/// What an import did, or would do.
#[derive(Debug, Serialize, ToSchema)]
pub struct ImportResult {
    pub report: CsvReport,
    /// Present when something was imported.
    pub summary: Option<SubmitSummary>,
}

/// The problem document of a refused import: every row's problems, and the report.
#[derive(Debug, Serialize, ToSchema)]
pub struct ImportProblem {
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    /// Each problem, named `rows[N].column` for a file (N as a spreadsheet numbers rows, the
    /// header being 1) or `observations[N].field` for a JSON body (N counted from 0).
    pub errors: Vec<FieldError>,
    pub report: CsvReport,
}

/// `list` names the rows in `errors`: `rows` for a file, `observations` for a JSON body.
fn refused(report: CsvReport, list: &str) -> Response {
    let errors = report
        .errors
        .iter()
        .map(|e: &RowError| FieldError {
            field: if e.column.is_empty() {
                format!("{list}[{}]", e.row)
            } else {
                format!("{list}[{}].{}", e.row, e.column)
            },
            reason: e.reason.clone(),
        })
        .collect();
    let body = ImportProblem {
        kind: "about:blank".into(),
        title: "Unprocessable Entity".into(),
        status: 422,
        detail: format!(
            "{} of {} rows have problems; nothing was imported. Fix them, or import only the valid rows.",
            report.invalid_rows, report.rows
        ),
        errors,
        report,
    };
    (
        StatusCode::UNPROCESSABLE_ENTITY,
        [(header::CONTENT_TYPE, "application/problem+json")],
        serde_json::to_vec(&body).unwrap_or_default(),
    )
        .into_response()
}

/// Checks a CSV text and, when allowed, imports it, in one pass and one transaction
/// (`observation_csv::import`). `Err(report)` when nothing was imported.
pub async fn import_csv(
    s: &AppState,
    viewer: &Viewer,
    i: &Initiative,
    organization_id: Id,
    text: &[u8],
    valid_only: bool,
    draft: bool,
) -> AppResult<Result<ImportResult, CsvReport>> {
    let catalog = crate::measure_import::CatalogData {
        indicators: s.store.indicators(i.id).await?,
        geographies: s.store.geographies(i.id).await?,
        dimensions: s.store.dimensions(i.id).await?,
    };
    let input = std::io::Cursor::new(text.to_vec());
    let outcome = crate::measure_import::import(
        s.store.as_ref(),
        &viewer.actor(),
        i.id,
        organization_id,
        input,
        catalog,
        valid_only,
        draft,
    )
    .await?;
    match outcome.summary {
        Some(summary) => Ok(Ok(ImportResult { report: outcome.report, summary: Some(summary) })),
        None => Ok(Err(outcome.report)),
    }
}

/// Submit numbers as JSON. Every row is checked first; with any problem nothing is imported,
/// unless `valid_only` is set. Submitting the same numbers again changes nothing; a different
/// number for the same cell is a correction, kept in its history.
#[utoipa::path(post, path = "/api/v1/initiatives/{slug}/observations", tag = "measurement", params(("slug" = String, Path)), request_body = Submission,
    responses((status = 200, body = ImportResult), (status = 403, body = Problem), (status = 422, body = ImportProblem)))]
async fn submit_observations(
    State(s): State<AppState>,
    viewer: Viewer,
    ApiPath(slug): ApiPath<String>,
    ApiJson(sub): ApiJson<Submission>,
) -> AppResult<Response> {
    let (i, access) = view::initiative(&s, &viewer, &slug).await?;
    require(&access, access.can_submit_for(sub.organization_id))?;
    // The JSON rows go through the same checks as a file, numbered as rows[0], rows[1] …
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(observation_csv::COLUMNS).map_err(|e| AppError::Internal(e.to_string()))?;
    for o in &sub.observations {
        let n = o.numerator.to_string();
        let d = o.denominator.map(|d| d.to_string()).unwrap_or_default();
        w.write_record([o.indicator.as_str(), &o.period, &o.geography, &groups_key(&o.groups), &n, &d])
            .map_err(|e| AppError::Internal(e.to_string()))?;
    }
    let text = w.into_inner().map_err(|e| AppError::Internal(e.to_string()))?;
    match import_csv(&s, &viewer, &i, sub.organization_id, &text, sub.valid_only, sub.draft).await? {
        Ok(result) => Ok(Json(result).into_response()),
        Err(mut report) => {
            // Rows of a JSON body are counted from 0, not as spreadsheet rows.
            for e in &mut report.errors {
                e.row = e.row.saturating_sub(2);
            }
            Ok(refused(report, "observations"))
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
struct CsvParams {
    organization_id: Id,
    #[serde(default)]
    valid_only: bool,
    /// Save the numbers as drafts, to be sent for review later.
    #[serde(default)]
    draft: bool,
}

/// Submit numbers as CSV in the long format (see `/api/v1/observation-schema`), body `text/csv`.
#[utoipa::path(post, path = "/api/v1/initiatives/{slug}/observations.csv", tag = "measurement", params(("slug" = String, Path), CsvParams),
    request_body(content = String, content_type = "text/csv"),
    responses((status = 200, body = ImportResult), (status = 403, body = Problem), (status = 422, body = ImportProblem)))]
async fn submit_csv(
    State(s): State<AppState>,
    viewer: Viewer,
    ApiPath(slug): ApiPath<String>,
    ApiQuery(q): ApiQuery<CsvParams>,
    body: axum::body::Bytes,
) -> AppResult<Response> {
    let (i, access) = view::initiative(&s, &viewer, &slug).await?;
    require(&access, access.can_submit_for(q.organization_id))?;
    match import_csv(&s, &viewer, &i, q.organization_id, &body, q.valid_only, q.draft).await? {
        Ok(result) => Ok(Json(result).into_response()),
        Err(report) => Ok(refused(report, "rows")),
    }
}

/// Every value and decision one number went through.
#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/observations/{id}/history", tag = "measurement", params(("slug" = String, Path), ("id" = i64, Path)),
    responses((status = 200, body = [ObservationRevision]), (status = 404, body = Problem)))]
async fn observation_history(
    State(s): State<AppState>,
    viewer: Viewer,
    ApiPath((slug, id)): ApiPath<(String, i64)>,
) -> AppResult<Json<Vec<ObservationRevision>>> {
    let (i, access) = view::initiative(&s, &viewer, &slug).await?;
    let owner = s.store.observation(i.id, id).await?.organization_id;
    require(&access, access.can_view_raw_data_of(owner))?;
    Ok(Json(s.store.observation_history(i.id, id).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewInput {
    pub observations: Vec<Id>,
    /// `approve` or `return`.
    pub decision: String,
    /// Required when returning: what the organisation should fix.
    #[serde(default)]
    pub reason: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReviewResult {
    pub changed: u64,
}

/// Approve submitted numbers (they then count in every dashboard) or return them with a reason.
#[utoipa::path(post, path = "/api/v1/initiatives/{slug}/observations/review", tag = "measurement", params(("slug" = String, Path)), request_body = ReviewInput,
    responses((status = 200, body = ReviewResult), (status = 403, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn review(
    State(s): State<AppState>,
    viewer: Viewer,
    ApiPath(slug): ApiPath<String>,
    ApiJson(r): ApiJson<ReviewInput>,
) -> AppResult<Json<ReviewResult>> {
    let (i, access) = view::initiative(&s, &viewer, &slug).await?;
    require(&access, access.can_manage_measurement())?;
    let review = match r.decision.as_str() {
        "approve" => Review::Approve,
        "return" => Review::Return { reason: r.reason },
        _ => return Err(AppError::Invalid(Invalid::one("decision", "must be approve or return"))),
    };
    if r.observations.is_empty() {
        return Err(AppError::Invalid(Invalid::one("observations", "name at least one observation")));
    }
    Ok(Json(ReviewResult {
        changed: s.store.review_observations(&viewer.actor(), i.id, &r.observations, &review).await?,
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SendDrafts {
    pub organization_id: Id,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DraftsSent {
    pub sent: u64,
}

/// Send an organisation's drafts for review: they join the backbone's review queue.
#[utoipa::path(post, path = "/api/v1/initiatives/{slug}/observations/send-drafts", tag = "measurement", params(("slug" = String, Path)), request_body = SendDrafts,
    responses((status = 200, body = DraftsSent), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn send_drafts(
    State(s): State<AppState>,
    viewer: Viewer,
    ApiPath(slug): ApiPath<String>,
    ApiJson(r): ApiJson<SendDrafts>,
) -> AppResult<Json<DraftsSent>> {
    let (i, access) = view::initiative(&s, &viewer, &slug).await?;
    require(&access, access.can_submit_for(r.organization_id))?;
    Ok(Json(DraftsSent { sent: s.store.send_drafts(&viewer.actor(), i.id, r.organization_id).await? }))
}

/// The Frictionless Table Schema of the CSV format for submitting numbers.
#[utoipa::path(get, path = "/api/v1/observation-schema", tag = "measurement", responses((status = 200, body = Object)))]
async fn table_schema() -> Json<serde_json::Value> {
    Json(observation_csv::table_schema())
}

#[cfg(test)]
mod tests {
    #[test]
    fn text_a_spreadsheet_would_run_stays_text() {
        assert_eq!(super::csv_text("=HYPERLINK(\"http://evil\")"), "'=HYPERLINK(\"http://evil\")");
        assert_eq!(super::csv_text("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(super::csv_text("Kindergarten readiness"), "Kindergarten readiness");
        assert_eq!(super::csv_text(""), "");
    }
}
