//! The API of this capability (backbone staff).

use crate::http::prelude::*;
use crate::webhooks::new_secret;
use backbone_core::webhooks::*;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_endpoints, create_endpoint))
        .routes(routes!(get_endpoint, update_endpoint))
        .routes(routes!(get_secret))
        .routes(routes!(list_deliveries))
        .routes(routes!(list_attempts))
        .routes(routes!(redeliver))
}

/// A new endpoint with its signing secret (verify each request's `webhook-signature` with it).
#[derive(serde::Serialize, utoipa::ToSchema)]
struct CreatedEndpoint {
    endpoint: Endpoint,
    secret: String,
}

#[derive(serde::Serialize, utoipa::ToSchema)]
struct Secret {
    secret: String,
}

/// The receivers of the initiative's events.
#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/webhooks", tag = "webhooks", params(("slug" = String, Path)),
    responses((status = 200, body = [Endpoint]), (status = 401, body = Problem), (status = 403, body = Problem)))]
async fn list_endpoints(
    State(s): State<AppState>,
    Scope { initiative: i, access }: Scope,
) -> AppResult<Json<Vec<Endpoint>>> {
    require(&access, access.can_manage_webhooks())?;
    Ok(Json(s.store.endpoints(i.id).await?))
}

/// Register a receiver. Each event it wants is POSTed to it as JSON (`{"type", "timestamp",
/// "data"}`) with the headers `webhook-id`, `webhook-timestamp` and `webhook-signature`
/// (Standard Webhooks), and retried with growing waits (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h)
/// until it answers 2xx.
#[utoipa::path(post, path = "/api/v1/initiatives/{slug}/webhooks", tag = "webhooks", params(("slug" = String, Path)), request_body = EndpointInput,
    responses((status = 201, body = CreatedEndpoint), (status = 401, body = Problem), (status = 403, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn create_endpoint(
    State(s): State<AppState>,
    viewer: Viewer,
    Scope { initiative: i, access }: Scope,
    ApiJson(input): ApiJson<EndpointInput>,
) -> AppResult<Response> {
    require(&access, access.can_manage_webhooks())?;
    let secret = new_secret();
    let endpoint = s.store.create_endpoint(&viewer.actor(), i.id, &input, &secret).await?;
    Ok(created(CreatedEndpoint { endpoint, secret }))
}

#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/webhooks/{id}", tag = "webhooks", params(("slug" = String, Path), ("id" = i64, Path)),
    responses((status = 200, body = Endpoint), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn get_endpoint(
    State(s): State<AppState>,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
) -> AppResult<Json<Endpoint>> {
    require(&access, access.can_manage_webhooks())?;
    Ok(Json(s.store.endpoint(i.id, id).await?))
}

/// Change a receiver (its address, the events it wants, paused or not).
#[utoipa::path(put, path = "/api/v1/initiatives/{slug}/webhooks/{id}", tag = "webhooks", params(("slug" = String, Path), ("id" = i64, Path)), request_body = EndpointInput,
    responses((status = 200, body = Endpoint), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn update_endpoint(
    State(s): State<AppState>,
    viewer: Viewer,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
    ApiJson(input): ApiJson<EndpointInput>,
) -> AppResult<Json<Endpoint>> {
    require(&access, access.can_manage_webhooks())?;
    Ok(Json(s.store.update_endpoint(&viewer.actor(), i.id, id, &input).await?))
}

/// A receiver's signing secret.
#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/webhooks/{id}/secret", tag = "webhooks", params(("slug" = String, Path), ("id" = i64, Path)),
    responses((status = 200, body = Secret), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn get_secret(
    State(s): State<AppState>,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
) -> AppResult<Json<Secret>> {
    require(&access, access.can_manage_webhooks())?;
    Ok(Json(Secret { secret: s.store.endpoint_secret(i.id, id).await? }))
}

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
struct DeliveryParams {
    /// Only this receiver's.
    endpoint_id: Option<Id>,
    /// At most this many (default 100).
    #[param(minimum = 1, maximum = 500)]
    limit: Option<u32>,
}

/// The delivery log, newest first: each event to each receiver, how it stands, the last answer.
#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/webhook-deliveries", tag = "webhooks", params(("slug" = String, Path), DeliveryParams),
    responses((status = 200, body = [Delivery]), (status = 401, body = Problem), (status = 403, body = Problem)))]
async fn list_deliveries(
    State(s): State<AppState>,
    Scope { initiative: i, access }: Scope,
    ApiQuery(q): ApiQuery<DeliveryParams>,
) -> AppResult<Json<Vec<Delivery>>> {
    require(&access, access.can_manage_webhooks())?;
    let limit = q.limit.unwrap_or(100);
    if !(1..=500).contains(&limit) {
        let mut inv = backbone_core::Invalid::new();
        inv.add("limit", "must be between 1 and 500");
        return Err(AppError::Invalid(inv));
    }
    Ok(Json(s.store.deliveries(i.id, q.endpoint_id, limit).await?))
}

/// Every attempt of one delivery, first first.
#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/webhook-deliveries/{id}/attempts", tag = "webhooks", params(("slug" = String, Path), ("id" = i64, Path)),
    responses((status = 200, body = [Attempt]), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn list_attempts(
    State(s): State<AppState>,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
) -> AppResult<Json<Vec<Attempt>>> {
    require(&access, access.can_manage_webhooks())?;
    Ok(Json(s.store.delivery_attempts(i.id, id).await?))
}

/// Send a delivery again from its first attempt (once its receiver is fixed).
#[utoipa::path(post, path = "/api/v1/initiatives/{slug}/webhook-deliveries/{id}/redeliver", tag = "webhooks", params(("slug" = String, Path), ("id" = i64, Path)),
    responses((status = 200, body = Delivery), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn redeliver(
    State(s): State<AppState>,
    viewer: Viewer,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
) -> AppResult<Json<Delivery>> {
    require(&access, access.can_manage_webhooks())?;
    Ok(Json(s.store.redeliver(&viewer.actor(), i.id, id).await?))
}
