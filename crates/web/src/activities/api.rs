//! The API of this capability.

use crate::http::prelude::*;
use backbone_core::activities::alignment::AlignmentMap;
use backbone_core::activities::*;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_activities, create_activity))
        .routes(routes!(get_activity, update_activity))
        .routes(routes!(get_alignment))
}

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
struct ActivityParams {
    /// Only this organisation's activities.
    organization_id: Option<Id>,
    /// Only activities serving this strategy (its key).
    strategy: Option<String>,
    /// Only activities meant to move this indicator (its key).
    indicator: Option<String>,
}

/// Partners' programs and activities: what, for whom, where, and which strategies and indicators
/// they serve. Anyone who may see the initiative sees them.
#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/activities", tag = "activities", security(()), params(("slug" = String, Path), ActivityParams),
    responses((status = 200, body = [Activity])))]
async fn list_activities(
    State(s): State<AppState>,
    Scope { initiative: i, .. }: Scope,
    ApiQuery(q): ApiQuery<ActivityParams>,
) -> AppResult<Json<Vec<Activity>>> {
    let query =
        ActivityQuery { organization_id: q.organization_id, strategy_key: q.strategy, indicator_key: q.indicator };
    Ok(Json(s.store.activities(i.id, &query).await?))
}

/// Register an activity (backbone staff, or the organisation's data steward). The places,
/// strategies (of the current common agenda) and indicators it names must exist.
#[utoipa::path(post, path = "/api/v1/initiatives/{slug}/activities", tag = "activities", params(("slug" = String, Path)), request_body = ActivityInput,
    responses((status = 201, body = Activity), (status = 403, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn create_activity(
    State(s): State<AppState>,
    viewer: Viewer,
    Scope { initiative: i, access }: Scope,
    ApiJson(input): ApiJson<ActivityInput>,
) -> AppResult<Response> {
    require(&access, access.can_manage_activities_of(input.organization_id))?;
    Ok(created(s.store.create_activity(&viewer.actor(), i.id, &input).await?))
}

#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/activities/{id}", tag = "activities", security(()), params(("slug" = String, Path), ("id" = i64, Path)),
    responses((status = 200, body = Activity), (status = 404, body = Problem)))]
async fn get_activity(
    State(s): State<AppState>,
    Scope { initiative: i, .. }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
) -> AppResult<Json<Activity>> {
    Ok(Json(s.store.activity(i.id, id).await?))
}

/// Change an activity (backbone staff, or its organisation's data steward); it stays with its
/// organisation. Every change is in the audit log with what it was before.
#[utoipa::path(put, path = "/api/v1/initiatives/{slug}/activities/{id}", tag = "activities", params(("slug" = String, Path), ("id" = i64, Path)),
    request_body = ActivityInput, responses((status = 200, body = Activity), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn update_activity(
    State(s): State<AppState>,
    viewer: Viewer,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
    ApiJson(input): ApiJson<ActivityInput>,
) -> AppResult<Json<Activity>> {
    let current = s.store.activity(i.id, id).await?;
    require(&access, access.can_manage_activities_of(current.organization_id))?;
    Ok(Json(s.store.update_activity(&viewer.actor(), i.id, id, &input).await?))
}

/// The alignment map: each strategy of the current common agenda with the organisations working
/// on it and the places they reach; strategies nobody works on and places no activity reaches;
/// possible duplication (two organisations, one strategy, the same ages and places).
#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/alignment", tag = "activities", security(()), params(("slug" = String, Path)),
    responses((status = 200, body = AlignmentMap)))]
async fn get_alignment(State(s): State<AppState>, Scope { initiative: i, .. }: Scope) -> AppResult<Json<AlignmentMap>> {
    Ok(Json(crate::activities::alignment_of(&s, i.id).await?))
}
