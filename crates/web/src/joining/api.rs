//! The API of this capability.

use crate::http::prelude::*;
use backbone_core::joining::*;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(ask)).routes(routes!(list)).routes(routes!(decide))
}

/// Ask for a seat at a table that welcomes requests (anyone; at most five requests an hour from
/// one address). The answer says only that it was received: staff get in touch.
#[utoipa::path(post, path = "/api/v1/initiatives/{slug}/tables/{id}/join-requests", tag = "tables", security(()), params(("slug" = String, Path), ("id" = i64, Path)),
    request_body = JoinRequestInput,
    responses((status = 201, body = JoinReceipt), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem), (status = 429, body = Problem)))]
async fn ask(
    State(s): State<AppState>,
    viewer: Viewer,
    headers: axum::http::HeaderMap,
    PublicScope(Scope { initiative: i, access }): PublicScope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
    ApiJson(input): ApiJson<JoinRequestInput>,
) -> AppResult<Response> {
    require(&access, access.can_ask_to_join())?;
    let r = super::ask(&s, &viewer, i.id, id, &input, Tr::from_headers(&headers).lang()).await?;
    Ok(created(JoinReceipt::from(&r)))
}

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct RequestParams {
    /// Only requests to this table.
    table_id: Option<i64>,
    /// Only requests in this state.
    #[param(inline)]
    status: Option<JoinStatus>,
}

/// Requests to join tables, newest first, with how to reach each person (staff).
#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/join-requests", tag = "tables", params(("slug" = String, Path), RequestParams),
    responses((status = 200, body = [JoinRequest]), (status = 401, body = Problem), (status = 403, body = Problem)))]
async fn list(
    State(s): State<AppState>,
    Scope { initiative: i, access }: Scope,
    ApiQuery(q): ApiQuery<RequestParams>,
) -> AppResult<Json<Vec<JoinRequest>>> {
    require(&access, access.can_handle_join_requests())?;
    Ok(Json(s.store.join_requests(i.id, q.table_id, q.status).await?))
}

/// Welcome a request (the person — the one with the same e-mail address, if known — gets a seat
/// at the table) or decline it with a note (staff).
#[utoipa::path(post, path = "/api/v1/initiatives/{slug}/join-requests/{id}/decision", tag = "tables", params(("slug" = String, Path), ("id" = i64, Path)),
    request_body = JoinDecision,
    responses((status = 200, body = JoinRequest), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn decide(
    State(s): State<AppState>,
    viewer: Viewer,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
    ApiJson(input): ApiJson<JoinDecision>,
) -> AppResult<Json<JoinRequest>> {
    require(&access, access.can_handle_join_requests())?;
    Ok(Json(s.store.decide_join_request(&viewer.actor(), i.id, id, &input).await?))
}
