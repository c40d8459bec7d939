//! The API of this capability.

use crate::http::prelude::*;
use crate::meetings::leads_table;
use backbone_core::commitments::Commitment;
use backbone_core::turn_the_curve::*;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_plans, adopt))
        .routes(routes!(list_versions))
        .routes(routes!(commit_action))
}

/// Every table's plan to turn this indicator's curve, at its current version (members).
#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/indicators/{key}/curve-plans", tag = "turn-the-curve", params(("slug" = String, Path), ("key" = String, Path)),
    responses((status = 200, body = [CurvePlan]), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn list_plans(
    State(s): State<AppState>,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, key)): ApiPath<(String, String)>,
) -> AppResult<Json<Vec<CurvePlan>>> {
    require(&access, access.can_view_curve_plans())?;
    s.store.indicator(i.id, &key).await?;
    Ok(Json(s.store.curve_plans(i.id, &key).await?))
}

/// Adopt a version of a table's plan for this indicator (staff, or the table's chair or
/// facilitator): the first starts the plan; later ones say why in `reason`.
#[utoipa::path(post, path = "/api/v1/initiatives/{slug}/indicators/{key}/curve-plans", tag = "turn-the-curve", params(("slug" = String, Path), ("key" = String, Path)), request_body = CurvePlanInput,
    responses((status = 201, body = CurvePlan), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn adopt(
    State(s): State<AppState>,
    viewer: Viewer,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, key)): ApiPath<(String, String)>,
    ApiJson(input): ApiJson<CurvePlanInput>,
) -> AppResult<Response> {
    let leads = leads_table(&s, i.id, &viewer, input.table_id).await?;
    require(&access, access.can_plan_for_table(leads))?;
    Ok(created(s.store.adopt_curve_plan(&viewer.actor(), i.id, &key, &input).await?))
}

/// Every version of a plan, newest first (members).
#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/curve-plans/{id}/versions", tag = "turn-the-curve", params(("slug" = String, Path), ("id" = i64, Path)),
    responses((status = 200, body = [CurvePlanVersion]), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn list_versions(
    State(s): State<AppState>,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
) -> AppResult<Json<Vec<CurvePlanVersion>>> {
    require(&access, access.can_view_curve_plans())?;
    Ok(Json(s.store.curve_plan_versions(i.id, id).await?))
}

/// Turn an action of the plan's current version into a commitment toward the indicator, at the
/// plan's table: by staff or the acting organisation's data steward. The action needs an
/// organisation and a due date first; each action becomes one commitment.
#[utoipa::path(post, path = "/api/v1/initiatives/{slug}/curve-plans/{id}/actions/{action}/commitment", tag = "turn-the-curve", params(("slug" = String, Path), ("id" = i64, Path), ("action" = String, Path)),
    responses((status = 201, body = Commitment), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn commit_action(
    State(s): State<AppState>,
    viewer: Viewer,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id, action)): ApiPath<(String, i64, String)>,
) -> AppResult<Response> {
    require(&access, access.can_view_curve_plans())?;
    let plan = s.store.curve_plan(i.id, id).await?;
    let by = plan.current.actions.iter().find(|a| a.key == action).and_then(|a| a.organization_id);
    require(&access, access.can_manage_commitment(by))?;
    Ok(created(s.store.commit_curve_action(&viewer.actor(), i.id, id, &action).await?))
}
