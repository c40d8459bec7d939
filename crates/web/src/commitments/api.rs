//! The API of this capability.

use crate::http::prelude::*;
use backbone_core::commitments::*;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_commitments, create_commitment))
        .routes(routes!(get_commitment, update_commitment))
        .routes(routes!(change_status))
        .routes(routes!(history))
}

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
struct CommitmentParams {
    /// Only this organisation's.
    organization_id: Option<Id>,
    /// Only this person's.
    person_id: Option<Id>,
    status: Option<CommitmentStatus>,
    /// Only those not done and not dropped.
    #[serde(default)]
    open: bool,
    /// Only those toward this strategy (its key).
    strategy: Option<String>,
    /// Only those toward this indicator (its key).
    indicator: Option<String>,
    activity_id: Option<Id>,
    /// Only those made at this table.
    table_id: Option<Id>,
    /// Only those made at this meeting.
    meeting_id: Option<Id>,
    /// Only the action items of this decision.
    decision_id: Option<Id>,
}

/// Commitments, soonest due first (members of the initiative).
#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/commitments", tag = "commitments", params(("slug" = String, Path), CommitmentParams),
    responses((status = 200, body = [Commitment]), (status = 403, body = Problem)))]
async fn list_commitments(
    State(s): State<AppState>,
    Scope { initiative: i, access }: Scope,
    ApiQuery(q): ApiQuery<CommitmentParams>,
) -> AppResult<Json<Vec<Commitment>>> {
    require(&access, access.can_view_commitments())?;
    let query = CommitmentQuery {
        organization_id: q.organization_id,
        person_id: q.person_id,
        status: q.status,
        open_only: q.open,
        strategy_key: q.strategy,
        indicator_key: q.indicator,
        activity_id: q.activity_id,
        table_id: q.table_id,
        meeting_id: q.meeting_id,
        decision_id: q.decision_id,
    };
    Ok(Json(s.store.commitments(i.id, &query).await?))
}

/// Make a commitment (backbone staff; a data steward for its own organisation). It starts "not
/// started"; the strategy, indicator, activity and table it names must be the initiative's.
#[utoipa::path(post, path = "/api/v1/initiatives/{slug}/commitments", tag = "commitments", params(("slug" = String, Path)), request_body = CommitmentInput,
    responses((status = 201, body = Commitment), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn create_commitment(
    State(s): State<AppState>,
    viewer: Viewer,
    Scope { initiative: i, access }: Scope,
    ApiJson(input): ApiJson<CommitmentInput>,
) -> AppResult<Response> {
    require(&access, access.can_manage_commitment(input.organization_id))?;
    Ok(created(s.store.create_commitment(&viewer.actor(), i.id, &input).await?))
}

#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/commitments/{id}", tag = "commitments", params(("slug" = String, Path), ("id" = i64, Path)),
    responses((status = 200, body = Commitment), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn get_commitment(
    State(s): State<AppState>,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
) -> AppResult<Json<Commitment>> {
    require(&access, access.can_view_commitments())?;
    Ok(Json(s.store.commitment(i.id, id).await?))
}

/// Change what a commitment says; a new due date is kept in its history.
#[utoipa::path(put, path = "/api/v1/initiatives/{slug}/commitments/{id}", tag = "commitments", params(("slug" = String, Path), ("id" = i64, Path)),
    request_body = CommitmentInput, responses((status = 200, body = Commitment), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn update_commitment(
    State(s): State<AppState>,
    viewer: Viewer,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
    ApiJson(input): ApiJson<CommitmentInput>,
) -> AppResult<Json<Commitment>> {
    let current = s.store.commitment(i.id, id).await?;
    require(&access, access.can_manage_commitment(current.organization_id))?;
    require(&access, access.can_manage_commitment(input.organization_id))?;
    Ok(Json(s.store.update_commitment(&viewer.actor(), i.id, id, &input).await?))
}

/// Change a commitment's status or due date. At risk and dropped say why; so does a new date.
#[utoipa::path(post, path = "/api/v1/initiatives/{slug}/commitments/{id}/status", tag = "commitments", params(("slug" = String, Path), ("id" = i64, Path)),
    request_body = StatusChange, responses((status = 200, body = Commitment), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn change_status(
    State(s): State<AppState>,
    viewer: Viewer,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
    ApiJson(change): ApiJson<StatusChange>,
) -> AppResult<Json<Commitment>> {
    let current = s.store.commitment(i.id, id).await?;
    require(&access, access.can_manage_commitment(current.organization_id))?;
    Ok(Json(s.store.change_commitment_status(&viewer.actor(), i.id, id, &change).await?))
}

/// Every state a commitment has been in, oldest first, with who changed it and why.
#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/commitments/{id}/history", tag = "commitments", params(("slug" = String, Path), ("id" = i64, Path)),
    responses((status = 200, body = [CommitmentEvent]), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn history(
    State(s): State<AppState>,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
) -> AppResult<Json<Vec<CommitmentEvent>>> {
    require(&access, access.can_view_commitments())?;
    Ok(Json(s.store.commitment_history(i.id, id).await?))
}
