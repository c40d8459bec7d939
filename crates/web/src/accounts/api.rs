//! The API of this capability.

use crate::accounts::auth;
use crate::http::prelude::*;
use backbone_core::accounts::*;
use serde::Serialize;
use utoipa::ToSchema;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_roles, grant_role, revoke_role))
        .routes(routes!(me))
        .routes(routes!(list_users, create_user))
        .routes(routes!(list_tokens, create_token))
        .routes(routes!(revoke_token))
}

#[derive(Debug, Serialize, ToSchema)]
struct Me {
    user: User,
    roles: Vec<RoleGrant>,
}

/// The signed-in user and their roles.
#[utoipa::path(get, path = "/api/v1/me", tag = "accounts", responses((status = 200, body = Me), (status = 401, body = Problem)))]
async fn me(viewer: Viewer) -> AppResult<Json<Me>> {
    let user = viewer.require_user()?.clone();
    Ok(Json(Me { user, roles: viewer.grants.clone() }))
}

/// Users on this server (server operators, or backbone staff of any initiative, to grant roles).
#[utoipa::path(get, path = "/api/v1/users", tag = "accounts", responses((status = 200, body = [User]), (status = 403, body = Problem)))]
async fn list_users(State(s): State<AppState>, viewer: Viewer) -> AppResult<Json<Vec<User>>> {
    viewer.require_server(|a| a.can_list_users())?;
    Ok(Json(s.store.users().await?))
}

/// Create a user (server operators, or backbone staff of any initiative).
#[utoipa::path(post, path = "/api/v1/users", tag = "accounts", request_body = NewUser,
    responses((status = 201, body = User), (status = 403, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn create_user(
    State(s): State<AppState>,
    viewer: Viewer,
    ApiJson(input): ApiJson<NewUser>,
) -> AppResult<Response> {
    viewer.require_server(|a| a.can_create_user(input.server_admin))?;
    input.validate()?;
    let hash = auth::hash_password(&input.password).await?;
    Ok(created(s.store.create_user(&viewer.actor(), &input, &hash).await?))
}

/// The caller's API tokens (never their secrets).
#[utoipa::path(get, path = "/api/v1/me/tokens", tag = "accounts", responses((status = 200, body = [ApiToken]), (status = 401, body = Problem)))]
async fn list_tokens(State(s): State<AppState>, viewer: Viewer) -> AppResult<Json<Vec<ApiToken>>> {
    let u = viewer.require_user()?;
    Ok(Json(s.store.api_tokens(u.id).await?))
}

#[derive(Debug, Serialize, ToSchema)]
struct NewToken {
    token: ApiToken,
    /// Send as `Authorization: Bearer <secret>`. Shown only now; store it safely.
    secret: String,
}

/// Make an API token for a machine client acting as the caller. Only a person signed in with
/// their password may: a token cannot make more tokens.
#[utoipa::path(post, path = "/api/v1/me/tokens", tag = "accounts", request_body = ApiTokenInput,
    responses((status = 201, body = NewToken), (status = 401, body = Problem), (status = 422, body = Problem)))]
async fn create_token(
    State(s): State<AppState>,
    viewer: Viewer,
    ApiJson(input): ApiJson<ApiTokenInput>,
) -> AppResult<Response> {
    viewer.require_server(|a| a.can_create_token())?;
    let u = viewer.require_user()?;
    input.validate()?;
    let (token, secret) = auth::issue_token(s.store.as_ref(), &viewer.actor(), u.id, &input.name).await?;
    Ok(created(NewToken { token, secret }))
}

#[utoipa::path(delete, path = "/api/v1/me/tokens/{id}", tag = "accounts", params(("id" = i64, Path)),
    responses((status = 200, body = ApiToken), (status = 404, body = Problem)))]
async fn revoke_token(
    State(s): State<AppState>,
    viewer: Viewer,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<ApiToken>> {
    let u = viewer.require_user()?;
    Ok(Json(s.store.revoke_api_token(&viewer.actor(), u.id, id).await?))
}

#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/roles", tag = "accounts", params(("slug" = String, Path)),
    responses((status = 200, body = [RoleGrant]), (status = 403, body = Problem)))]
async fn list_roles(
    State(s): State<AppState>,
    _viewer: Viewer,
    Scope { initiative: i, access }: Scope,
) -> AppResult<Json<Vec<RoleGrant>>> {
    require(&access, access.can_manage_roles())?;
    Ok(Json(s.store.grants_in_initiative(i.id).await?))
}

#[utoipa::path(post, path = "/api/v1/initiatives/{slug}/roles", tag = "accounts", params(("slug" = String, Path)), request_body = RoleGrantInput,
    responses((status = 201, body = RoleGrant), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn grant_role(
    State(s): State<AppState>,
    viewer: Viewer,
    Scope { initiative: i, access }: Scope,
    ApiJson(input): ApiJson<RoleGrantInput>,
) -> AppResult<Response> {
    require(&access, access.can_manage_roles())?;
    Ok(created(s.store.grant_role(&viewer.actor(), i.id, &input).await?))
}

#[utoipa::path(delete, path = "/api/v1/initiatives/{slug}/roles", tag = "accounts", params(("slug" = String, Path)), request_body = RoleGrantInput,
    responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn revoke_role(
    State(s): State<AppState>,
    viewer: Viewer,
    Scope { initiative: i, access }: Scope,
    ApiJson(input): ApiJson<RoleGrantInput>,
) -> AppResult<StatusCode> {
    require(&access, access.can_manage_roles())?;
    s.store.revoke_role(&viewer.actor(), i.id, &input).await?;
    Ok(StatusCode::NO_CONTENT)
}
