//! The shared-measurement API: indicators, places and dimensions, submitting numbers (JSON or the
//! long CSV format), review, and the suppressed indicator views with CSV export.

use crate::http::csv::{csv_response, Cell, CsvWriter};
use crate::http::prelude::*;
use crate::measurement::import::{import_csv, ImportOutcome, MAX_UPLOAD_BYTES};
use crate::measurement::view::*;
use axum::http::header;
use backbone_core::access::RawScope;
use backbone_core::measure::csv::{self as observation_csv, CsvReport, RowError};
use backbone_core::measure::indicator::*;
use backbone_core::measure::observation::*;
use backbone_core::measure::place::*;
use backbone_core::measure::view::IndicatorView;
use backbone_core::{FieldError, Invalid};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

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
                .layer(axum::extract::DefaultBodyLimit::max(MAX_UPLOAD_BYTES))
                .layer(axum::Extension(crate::http::extract::Limit(MAX_UPLOAD_BYTES))),
        )
        .routes(routes!(observation_history))
        .routes(routes!(review))
        .routes(routes!(send_drafts))
        .routes(routes!(table_schema))
        .routes(routes!(initiative_table_schema))
}

// ---------------------------------------------------------------- indicators

/// Indicators: published ones for the public, all for members.
#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/indicators", tag = "measurement", security(()), params(("slug" = String, Path)),
    responses((status = 200, body = [Indicator])))]
async fn list_indicators(
    State(s): State<AppState>,
    Scope { initiative: i, access }: Scope,
) -> AppResult<Json<Vec<Indicator>>> {
    Ok(Json(s.store.indicators(i.id).await?.into_iter().filter(|x| access.can_view_indicator(x.published)).collect()))
}

#[utoipa::path(post, path = "/api/v1/initiatives/{slug}/indicators", tag = "measurement", params(("slug" = String, Path)), request_body = IndicatorInput,
    responses((status = 201, body = Indicator), (status = 403, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn create_indicator(
    State(s): State<AppState>,
    viewer: Viewer,
    Scope { initiative: i, access }: Scope,
    ApiJson(input): ApiJson<IndicatorInput>,
) -> AppResult<Response> {
    require(&access, access.can_manage_measurement())?;
    Ok((StatusCode::CREATED, Json(s.store.create_indicator(&viewer.actor(), i.id, &input).await?)).into_response())
}

#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/indicators/{key}", tag = "measurement", security(()), params(("slug" = String, Path), ("key" = String, Path)),
    responses((status = 200, body = Indicator), (status = 404, body = Problem)))]
async fn get_indicator(
    State(s): State<AppState>,
    scope: Scope,
    ApiPath((_, key)): ApiPath<(String, String)>,
) -> AppResult<Json<Indicator>> {
    Ok(Json(visible_indicator(&s, &scope, &key).await?))
}

/// Change an indicator's definition (the key stays; unit and period kind are fixed once data exists).
#[utoipa::path(put, path = "/api/v1/initiatives/{slug}/indicators/{key}", tag = "measurement", params(("slug" = String, Path), ("key" = String, Path)),
    request_body = IndicatorInput, responses((status = 200, body = Indicator), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn update_indicator(
    State(s): State<AppState>,
    viewer: Viewer,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, key)): ApiPath<(String, String)>,
    ApiJson(input): ApiJson<IndicatorInput>,
) -> AppResult<Json<Indicator>> {
    require(&access, access.can_manage_measurement())?;
    Ok(Json(s.store.update_indicator(&viewer.actor(), i.id, &key, &input).await?))
}

/// The indicator's approved numbers for one place, by period and group, with the baseline
/// forecast, target status and equity gaps. Small cells are suppressed for every viewer.
#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/indicators/{key}/data", tag = "measurement", security(()),
    params(("slug" = String, Path), ("key" = String, Path), ViewParams), responses((status = 200, body = IndicatorView), (status = 404, body = Problem)))]
async fn indicator_data(
    State(s): State<AppState>,
    scope: Scope,
    ApiPath((_, key)): ApiPath<(String, String)>,
    ApiQuery(p): ApiQuery<ViewParams>,
) -> AppResult<Json<IndicatorView>> {
    let ind = visible_indicator(&s, &scope, &key).await?;
    Ok(Json(build_view(&s, &scope.initiative, &ind, &p).await?))
}

/// The same view as CSV, one row per period and group (suppressed cells are empty, marked `suppressed`).
#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/indicators/{key}/data.csv", tag = "measurement", security(()),
    params(("slug" = String, Path), ("key" = String, Path), ViewParams), responses((status = 200, content_type = "text/csv", body = String)))]
async fn indicator_csv(
    State(s): State<AppState>,
    scope: Scope,
    ApiPath((_, key)): ApiPath<(String, String)>,
    ApiQuery(p): ApiQuery<ViewParams>,
) -> AppResult<Response> {
    let ind = visible_indicator(&s, &scope, &key).await?;
    let v = build_view(&s, &scope.initiative, &ind, &p).await?;
    Ok(csv_response(&format!("{}-{}.csv", ind.key, v.geography), view_csv(&ind, &v)?))
}

// ---------------------------------------------------------------- places and dimensions

#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/geographies", tag = "measurement", security(()), params(("slug" = String, Path)), responses((status = 200, body = [Geography])))]
async fn get_geographies(
    State(s): State<AppState>,
    Scope { initiative: i, .. }: Scope,
) -> AppResult<Json<Vec<Geography>>> {
    Ok(Json(s.store.geographies(i.id).await?))
}

/// Replace the list of places (community, districts, ZIP codes, tracts).
#[utoipa::path(put, path = "/api/v1/initiatives/{slug}/geographies", tag = "measurement", params(("slug" = String, Path)), request_body = Vec<Geography>,
    responses((status = 204), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn set_geographies(
    State(s): State<AppState>,
    viewer: Viewer,
    Scope { initiative: i, access }: Scope,
    ApiJson(places): ApiJson<Vec<Geography>>,
) -> AppResult<StatusCode> {
    require(&access, access.can_manage_measurement())?;
    s.store.set_geographies(&viewer.actor(), i.id, &places).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/dimensions", tag = "measurement", security(()), params(("slug" = String, Path)), responses((status = 200, body = [Dimension])))]
async fn get_dimensions(
    State(s): State<AppState>,
    Scope { initiative: i, .. }: Scope,
) -> AppResult<Json<Vec<Dimension>>> {
    Ok(Json(s.store.dimensions(i.id).await?))
}

#[utoipa::path(put, path = "/api/v1/initiatives/{slug}/dimensions", tag = "measurement", params(("slug" = String, Path)), request_body = Vec<Dimension>,
    responses((status = 204), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn set_dimensions(
    State(s): State<AppState>,
    viewer: Viewer,
    Scope { initiative: i, access }: Scope,
    ApiJson(dims): ApiJson<Vec<Dimension>>,
) -> AppResult<StatusCode> {
    require(&access, access.can_manage_measurement())?;
    s.store.set_dimensions(&viewer.actor(), i.id, &dims).await?;
    Ok(StatusCode::NO_CONTENT)
}

// ---------------------------------------------------------------- submitting and reviewing

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ObservationParams {
    /// Only this indicator's numbers (its key).
    pub indicator: Option<String>,
    /// Only this organisation's numbers.
    pub organization_id: Option<Id>,
    /// Only numbers in this state.
    pub status: Option<ObservationStatus>,
    /// At most this many (default 1,000; at most 100,000).
    #[param(minimum = 1, maximum = 100000)]
    pub limit: Option<i64>,
}

/// The raw numbers a viewer may see (`Access::raw_data_scope`): every organisation's for
/// backbone staff, only its own organisation's for a data steward; nothing for anyone else.
pub async fn raw_observations(
    s: &AppState,
    i: &Initiative,
    access: &Access,
    q: &ObservationParams,
) -> AppResult<Vec<Observation>> {
    let Some(scope) = access.raw_data_scope(q.organization_id) else {
        require(access, false)?;
        unreachable!("require refuses")
    };
    let limit = crate::http::extract::limit_param(q.limit, 1000, 100_000)?;
    let query =
        |org| ObservationQuery { indicator: q.indicator.clone(), organization_id: org, status: q.status, limit };
    match scope {
        RawScope::Everyone => Ok(s.store.observations(i.id, &query(None)).await?),
        RawScope::Organizations(orgs) => {
            let mut out = Vec::new();
            for o in orgs {
                out.extend(s.store.observations(i.id, &query(Some(o))).await?);
            }
            Ok(out)
        }
    }
}

/// Raw submitted numbers, unsuppressed: backbone staff see every organisation's, a data steward
/// only its own organisation's.
#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/observations", tag = "measurement", params(("slug" = String, Path), ObservationParams),
    responses((status = 200, body = [Observation]), (status = 403, body = Problem)))]
async fn list_observations(
    State(s): State<AppState>,
    Scope { initiative: i, access }: Scope,
    ApiQuery(q): ApiQuery<ObservationParams>,
) -> AppResult<Json<Vec<Observation>>> {
    Ok(Json(raw_observations(&s, &i, &access, &q).await?))
}

/// The same raw numbers as CSV: the long format's six columns, then the organisation, status,
/// return reason, revision and time of the last change.
#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/observations.csv", tag = "measurement", params(("slug" = String, Path), ObservationParams),
    responses((status = 200, content_type = "text/csv", body = String), (status = 403, body = Problem)))]
async fn observations_csv(
    State(s): State<AppState>,
    Scope { initiative: i, access }: Scope,
    ApiQuery(q): ApiQuery<ObservationParams>,
) -> AppResult<Response> {
    let rows = raw_observations(&s, &i, &access, &q).await?;
    Ok(csv_response(&format!("{}-observations.csv", i.slug), raw_csv(&rows)?))
}

pub fn raw_csv(rows: &[Observation]) -> AppResult<Vec<u8>> {
    let mut w = CsvWriter::new();
    let mut header: Vec<&str> = observation_csv::COLUMNS.to_vec();
    header.extend(["organization_id", "status", "return_reason", "revision", "updated_at"]);
    w.header(&header)?;
    for o in rows {
        let updated = o.updated_at.to_rfc3339();
        w.row(&[
            Cell::Text(&o.indicator_key),
            Cell::Text(&o.period),
            Cell::Text(&o.geography),
            Cell::Text(&groups_key(&o.groups)),
            Cell::Number(Some(o.numerator)),
            Cell::Number(o.denominator),
            Cell::Whole(Some(o.organization_id)),
            Cell::Text(o.status.as_str()),
            Cell::Text(o.return_reason.as_deref().unwrap_or_default()),
            Cell::Whole(Some(o.revision)),
            Cell::Text(&updated),
        ])?;
    }
    w.finish()
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

#[utoipa::path(post, path = "/api/v1/initiatives/{slug}/observations", tag = "measurement", params(("slug" = String, Path)), request_body = Submission,
    responses((status = 200, body = ImportOutcome), (status = 403, body = Problem), (status = 422, body = ImportProblem)))]
async fn submit_observations(
    State(s): State<AppState>,
    viewer: Viewer,
    Scope { initiative: i, access }: Scope,
    ApiJson(sub): ApiJson<Submission>,
) -> AppResult<Response> {
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
    let text = std::io::Cursor::new(w.into_inner().map_err(|e| AppError::Internal(e.to_string()))?);
    let outcome =
        import_csv(&s, &viewer.actor(), i.id, sub.organization_id, text, sub.valid_only, sub.draft, Default::default())
            .await?;
    if outcome.summary.is_some() {
        return Ok(Json(outcome).into_response());
    }
    let mut report = outcome.report;
    // Rows of a JSON body are counted from 0, not as spreadsheet rows.
    for e in &mut report.errors {
        e.row = e.row.saturating_sub(2);
    }
    Ok(refused(report, "observations"))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
struct CsvParams {
    /// The organisation the numbers come from.
    organization_id: Id,
    /// Import the valid rows and skip the others. Without it, any problem means nothing is imported.
    #[serde(default)]
    valid_only: bool,
    /// Save the numbers as drafts, to be sent for review later.
    #[serde(default)]
    draft: bool,
}

/// Submit numbers as CSV in the long format (see `/api/v1/observation-schema`), body `text/csv`.
#[utoipa::path(post, path = "/api/v1/initiatives/{slug}/observations.csv", tag = "measurement", params(("slug" = String, Path), CsvParams),
    request_body(content = String, content_type = "text/csv"),
    responses((status = 200, body = ImportOutcome), (status = 403, body = Problem), (status = 422, body = ImportProblem)))]
async fn submit_csv(
    State(s): State<AppState>,
    viewer: Viewer,
    Scope { initiative: i, access }: Scope,
    ApiQuery(q): ApiQuery<CsvParams>,
    body: axum::body::Body,
) -> AppResult<Response> {
    require(&access, access.can_submit_for(q.organization_id))?;
    // Read as it arrives, never whole; a body over the limit stops the reading and is a 413.
    let (input, receiving) = crate::http::stream::body_reader(body, MAX_UPLOAD_BYTES);
    let outcome =
        import_csv(&s, &viewer.actor(), i.id, q.organization_id, input, q.valid_only, q.draft, Default::default())
            .await;
    receiving.await.map_err(|e| AppError::Internal(format!("reading the body: {e}")))??;
    let outcome = outcome?;
    match outcome.summary {
        Some(_) => Ok(Json(outcome).into_response()),
        None => Ok(refused(outcome.report, "rows")),
    }
}

/// Every value and decision one number went through.
#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/observations/{id}/history", tag = "measurement", params(("slug" = String, Path), ("id" = i64, Path)),
    responses((status = 200, body = [ObservationRevision]), (status = 404, body = Problem)))]
async fn observation_history(
    State(s): State<AppState>,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
) -> AppResult<Json<Vec<ObservationRevision>>> {
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
    Scope { initiative: i, access }: Scope,
    ApiJson(r): ApiJson<ReviewInput>,
) -> AppResult<Json<ReviewResult>> {
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
        changed: s
            .store
            .review_observations(&viewer.actor(), i.id, &r.observations, &review, &backbone_core::progress::Silent)
            .await?,
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
    Scope { initiative: i, access }: Scope,
    ApiJson(r): ApiJson<SendDrafts>,
) -> AppResult<Json<DraftsSent>> {
    require(&access, access.can_submit_for(r.organization_id))?;
    Ok(Json(DraftsSent { sent: s.store.send_drafts(&viewer.actor(), i.id, r.organization_id).await? }))
}

/// The Frictionless Table Schema of the CSV format for submitting numbers.
#[utoipa::path(get, path = "/api/v1/observation-schema", tag = "measurement", security(()), responses((status = 200, body = Object)))]
async fn table_schema() -> Json<serde_json::Value> {
    Json(observation_csv::table_schema())
}

/// The Table Schema for one initiative: its indicators (those the caller may see) and place
/// codes as the allowed values, its breakdowns in the description of `groups`.
#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/observation-schema", tag = "measurement", security(()), params(("slug" = String, Path)),
    responses((status = 200, body = Object)))]
async fn initiative_table_schema(
    State(s): State<AppState>,
    Scope { initiative: i, access }: Scope,
) -> AppResult<Json<serde_json::Value>> {
    let indicators: Vec<_> =
        s.store.indicators(i.id).await?.into_iter().filter(|x| access.can_view_indicator(x.published)).collect();
    let places = s.store.geographies(i.id).await?;
    let dimensions = s.store.dimensions(i.id).await?;
    Ok(Json(observation_csv::table_schema_for(&indicators, &places, &dimensions)))
}
