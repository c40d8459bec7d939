//! The API of this capability.

use super::RoundResults;
use crate::http::prelude::*;
use backbone_core::network::{ResponseInput, RoundInput, SurveyResponse, SurveyRound};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_rounds, create_round))
        .routes(routes!(close_round))
        .routes(routes!(results))
        .routes(routes!(get_response, put_response))
}

/// Every survey round, newest first (members).
#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/network/rounds", tag = "network", params(("slug" = String, Path)),
    responses((status = 200, body = [SurveyRound]), (status = 401, body = Problem), (status = 403, body = Problem)))]
async fn list_rounds(
    State(s): State<AppState>,
    Scope { initiative: i, access }: Scope,
) -> AppResult<Json<Vec<SurveyRound>>> {
    require(&access, access.can_view_network())?;
    Ok(Json(s.store.survey_rounds(i.id).await?))
}

/// Open a survey round (staff).
#[utoipa::path(post, path = "/api/v1/initiatives/{slug}/network/rounds", tag = "network", params(("slug" = String, Path)), request_body = RoundInput,
    responses((status = 201, body = SurveyRound), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn create_round(
    State(s): State<AppState>,
    viewer: Viewer,
    Scope { initiative: i, access }: Scope,
    ApiJson(input): ApiJson<RoundInput>,
) -> AppResult<Response> {
    require(&access, access.can_run_network_surveys())?;
    Ok(created(s.store.create_survey_round(&viewer.actor(), i.id, &input).await?))
}

/// Close a round (staff): its answers and results are fixed from then on.
#[utoipa::path(post, path = "/api/v1/initiatives/{slug}/network/rounds/{id}/close", tag = "network", params(("slug" = String, Path), ("id" = i64, Path)),
    responses((status = 200, body = SurveyRound), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem)))]
async fn close_round(
    State(s): State<AppState>,
    viewer: Viewer,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
) -> AppResult<Json<SurveyRound>> {
    require(&access, access.can_run_network_surveys())?;
    Ok(Json(s.store.close_survey_round(&viewer.actor(), i.id, id).await?))
}

/// A closed round's network (members): response rate, density, centralization, trust and value,
/// reciprocity, the groups and isolates, each organisation's centrality and — when at least
/// three organisations rated it — its trust and value scores, the ties (without who named whom),
/// introductions worth making, and the change since the closed round before. 409 while open.
#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/network/rounds/{id}/results", tag = "network", params(("slug" = String, Path), ("id" = i64, Path)),
    responses((status = 200, body = RoundResults), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem)))]
async fn results(
    State(s): State<AppState>,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
) -> AppResult<Json<RoundResults>> {
    require(&access, access.can_view_network())?;
    Ok(Json(super::round_results(&s, i.id, id).await?))
}

/// What an organisation answered in a round (staff, and its own data steward).
#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/network/rounds/{id}/responses/{organization_id}", tag = "network", params(("slug" = String, Path), ("id" = i64, Path), ("organization_id" = i64, Path)),
    responses((status = 200, body = SurveyResponse), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn get_response(
    State(s): State<AppState>,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id, org)): ApiPath<(String, i64, i64)>,
) -> AppResult<Json<backbone_core::network::SurveyResponse>> {
    require(&access, access.can_answer_for(org))?;
    s.store.survey_round(i.id, id).await?;
    let all = s.store.responses(i.id, id).await?;
    all.into_iter().find(|r| r.organization_id == org).map(Json).ok_or(AppError::NotFound("response"))
}

/// Answer a round for an organisation (staff, or its data steward), while it is open: one rating
/// per other organisation it has a relationship with. A later answer replaces the earlier one,
/// which is kept.
#[utoipa::path(put, path = "/api/v1/initiatives/{slug}/network/rounds/{id}/responses/{organization_id}", tag = "network", params(("slug" = String, Path), ("id" = i64, Path), ("organization_id" = i64, Path)),
    request_body = ResponseInput,
    responses((status = 200, body = SurveyResponse), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn put_response(
    State(s): State<AppState>,
    viewer: Viewer,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id, org)): ApiPath<(String, i64, i64)>,
    ApiJson(input): ApiJson<ResponseInput>,
) -> AppResult<Json<backbone_core::network::SurveyResponse>> {
    require(&access, access.can_answer_for(org))?;
    Ok(Json(s.store.submit_response(&viewer.actor(), i.id, id, org, &input).await?))
}
