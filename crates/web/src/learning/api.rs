//! The API of this capability.

use crate::http::prelude::*;
use backbone_core::learning::*;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_cycles, create_cycle))
        .routes(routes!(get_cycle, update_cycle))
        .routes(routes!(list_lessons, create_lesson))
        .routes(routes!(get_lesson))
}

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
struct CycleParams {
    /// Only the cycles meant to move this indicator.
    indicator: Option<String>,
}

/// Improvement cycles (Plan-Do-Study-Act), newest first. Members.
#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/cycles", tag = "learning", params(("slug" = String, Path), CycleParams),
    responses((status = 200, body = [Cycle]), (status = 401, body = Problem), (status = 403, body = Problem)))]
async fn list_cycles(
    State(s): State<AppState>,
    Scope { initiative: i, access }: Scope,
    ApiQuery(q): ApiQuery<CycleParams>,
) -> AppResult<Json<Vec<Cycle>>> {
    require(&access, access.can_view_learning())?;
    Ok(Json(s.store.cycles(i.id, q.indicator.as_deref()).await?))
}

/// Plan a cycle: the change to try and the prediction (backbone staff and data stewards). Deciding
/// (adopt, adapt, abandon) needs what the data showed; abandoning needs why.
#[utoipa::path(post, path = "/api/v1/initiatives/{slug}/cycles", tag = "learning", params(("slug" = String, Path)), request_body = CycleInput,
    responses((status = 201, body = Cycle), (status = 401, body = Problem), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn create_cycle(
    State(s): State<AppState>,
    viewer: Viewer,
    Scope { initiative: i, access }: Scope,
    ApiJson(input): ApiJson<CycleInput>,
) -> AppResult<Response> {
    require(&access, access.can_run_cycles())?;
    Ok(created(s.store.create_cycle(&viewer.actor(), i.id, &input).await?))
}

#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/cycles/{id}", tag = "learning", params(("slug" = String, Path), ("id" = i64, Path)),
    responses((status = 200, body = Cycle), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn get_cycle(
    State(s): State<AppState>,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
) -> AppResult<Json<Cycle>> {
    require(&access, access.can_view_learning())?;
    Ok(Json(s.store.cycle(i.id, id).await?))
}

/// Record how a cycle went (each earlier state stays in the audit log).
#[utoipa::path(put, path = "/api/v1/initiatives/{slug}/cycles/{id}", tag = "learning", params(("slug" = String, Path), ("id" = i64, Path)), request_body = CycleInput,
    responses((status = 200, body = Cycle), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn update_cycle(
    State(s): State<AppState>,
    viewer: Viewer,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
    ApiJson(input): ApiJson<CycleInput>,
) -> AppResult<Json<Cycle>> {
    require(&access, access.can_run_cycles())?;
    Ok(Json(s.store.update_cycle(&viewer.actor(), i.id, id, &input).await?))
}

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
struct LessonParams {
    /// Words to find in the title or the text (every word, English stemming: "tutors" finds "tutoring").
    q: Option<String>,
    strategy: Option<String>,
    indicator: Option<String>,
    result: Option<LessonResult>,
}

/// The learning log, newest first: what partners tried and how it went — what did not work as
/// much as what did. Members.
#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/lessons", tag = "learning", params(("slug" = String, Path), LessonParams),
    responses((status = 200, body = [Lesson]), (status = 401, body = Problem), (status = 403, body = Problem)))]
async fn list_lessons(
    State(s): State<AppState>,
    Scope { initiative: i, access }: Scope,
    ApiQuery(q): ApiQuery<LessonParams>,
) -> AppResult<Json<Vec<Lesson>>> {
    require(&access, access.can_view_learning())?;
    let query = LessonQuery { text: q.q, strategy_key: q.strategy, indicator_key: q.indicator, result: q.result };
    Ok(Json(s.store.lessons(i.id, &query).await?))
}

/// Write in the learning log (any member).
#[utoipa::path(post, path = "/api/v1/initiatives/{slug}/lessons", tag = "learning", params(("slug" = String, Path)), request_body = LessonInput,
    responses((status = 201, body = Lesson), (status = 401, body = Problem), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn create_lesson(
    State(s): State<AppState>,
    viewer: Viewer,
    Scope { initiative: i, access }: Scope,
    ApiJson(input): ApiJson<LessonInput>,
) -> AppResult<Response> {
    require(&access, access.can_record_lesson())?;
    Ok(created(s.store.create_lesson(&viewer.actor(), i.id, &input).await?))
}

#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/lessons/{id}", tag = "learning", params(("slug" = String, Path), ("id" = i64, Path)),
    responses((status = 200, body = Lesson), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn get_lesson(
    State(s): State<AppState>,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
) -> AppResult<Json<Lesson>> {
    require(&access, access.can_view_learning())?;
    Ok(Json(s.store.lesson(i.id, id).await?))
}
