//! The API of this capability.

use crate::http::prelude::*;
use backbone_core::partners::*;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_organizations, create_organization))
        .routes(routes!(get_organization, update_organization))
}

/// Partner organisations. Leadership demographics appear only to backbone staff and the
/// organisation's own data steward.
#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/organizations", tag = "organizations", security(()), params(("slug" = String, Path)),
    responses((status = 200, body = [Organization])))]
async fn list_organizations(
    State(s): State<AppState>,
    _viewer: Viewer,
    Scope { initiative: i, access }: Scope,
) -> AppResult<Json<Vec<Organization>>> {
    Ok(Json(s.store.organizations(i.id).await?.into_iter().map(|o| crate::partners::shown(&access, o)).collect()))
}

#[utoipa::path(post, path = "/api/v1/initiatives/{slug}/organizations", tag = "organizations", params(("slug" = String, Path)), request_body = OrganizationInput,
    responses((status = 201, body = Organization), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn create_organization(
    State(s): State<AppState>,
    viewer: Viewer,
    Scope { initiative: i, access }: Scope,
    ApiJson(input): ApiJson<OrganizationInput>,
) -> AppResult<Response> {
    require(&access, access.can_create_organization())?;
    Ok(created(s.store.create_organization(&viewer.actor(), i.id, &input).await?))
}

#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/organizations/{id}", tag = "organizations", security(()), params(("slug" = String, Path), ("id" = i64, Path)),
    responses((status = 200, body = Organization), (status = 404, body = Problem)))]
async fn get_organization(
    State(s): State<AppState>,
    _viewer: Viewer,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
) -> AppResult<Json<Organization>> {
    Ok(Json(crate::partners::shown(&access, s.store.organization(i.id, id).await?)))
}

/// Replace an organisation's details (backbone staff, or its own data steward).
#[utoipa::path(put, path = "/api/v1/initiatives/{slug}/organizations/{id}", tag = "organizations", params(("slug" = String, Path), ("id" = i64, Path)),
    request_body = OrganizationInput, responses((status = 200, body = Organization), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn update_organization(
    State(s): State<AppState>,
    viewer: Viewer,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
    ApiJson(input): ApiJson<OrganizationInput>,
) -> AppResult<Json<Organization>> {
    require(&access, access.can_edit_organization(id))?;
    Ok(Json(s.store.update_organization(&viewer.actor(), i.id, id, &input).await?))
}
