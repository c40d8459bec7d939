//! The API of this capability.

use crate::http::extract::visible_initiatives;
use crate::http::prelude::*;
use backbone_core::initiative::*;
use backbone_core::Invalid;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_initiatives, create_initiative))
        .routes(routes!(get_initiative, update_initiative))
        .routes(routes!(list_preconditions))
        .routes(routes!(set_precondition))
}

/// Initiatives the caller may see: published ones, and those where the caller holds a role.
#[utoipa::path(get, path = "/api/v1/initiatives", tag = "initiatives", security(()), responses((status = 200, body = [Initiative])))]
async fn list_initiatives(State(s): State<AppState>, viewer: Viewer) -> AppResult<Json<Vec<Initiative>>> {
    Ok(Json(visible_initiatives(&s, &viewer).await?))
}

/// Create an initiative (server operators only).
#[utoipa::path(post, path = "/api/v1/initiatives", tag = "initiatives", request_body = NewInitiative,
    responses((status = 201, body = Initiative), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn create_initiative(
    State(s): State<AppState>,
    viewer: Viewer,
    ApiJson(input): ApiJson<NewInitiative>,
) -> AppResult<Response> {
    viewer.require_server(|a| a.can_create_initiative())?;
    Ok(created(s.store.create_initiative(&viewer.actor(), &input).await?))
}

#[utoipa::path(get, path = "/api/v1/initiatives/{slug}", tag = "initiatives", security(()), params(("slug" = String, Path)),
    responses((status = 200, body = Initiative), (status = 404, body = Problem)))]
async fn get_initiative(Scope { initiative: i, .. }: Scope) -> AppResult<Json<Initiative>> {
    Ok(Json(i))
}

/// Change the name, description, phase or publication of an initiative (backbone staff).
#[utoipa::path(patch, path = "/api/v1/initiatives/{slug}", tag = "initiatives", params(("slug" = String, Path)), request_body = InitiativeUpdate,
    responses((status = 200, body = Initiative), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn update_initiative(
    State(s): State<AppState>,
    viewer: Viewer,
    Scope { initiative: i, access }: Scope,
    ApiJson(input): ApiJson<InitiativeUpdate>,
) -> AppResult<Json<Initiative>> {
    require(&access, access.can_edit_initiative())?;
    Ok(Json(s.store.update_initiative(&viewer.actor(), i.id, &input).await?))
}

#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/preconditions", tag = "initiatives", security(()), params(("slug" = String, Path)),
    responses((status = 200, body = [Precondition])))]
async fn list_preconditions(
    State(s): State<AppState>,
    _viewer: Viewer,
    Scope { initiative: i, .. }: Scope,
) -> AppResult<Json<Vec<Precondition>>> {
    Ok(Json(s.store.preconditions(i.id).await?))
}

/// Record how far a precondition (influential champion, financial resources, urgency) is in place.
#[utoipa::path(put, path = "/api/v1/initiatives/{slug}/preconditions/{kind}", tag = "initiatives",
    params(("slug" = String, Path), ("kind" = PreconditionKind, Path)), request_body = PreconditionInput,
    responses((status = 200, body = Precondition), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn set_precondition(
    State(s): State<AppState>,
    viewer: Viewer,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, kind)): ApiPath<(String, String)>,
    ApiJson(input): ApiJson<PreconditionInput>,
) -> AppResult<Json<Precondition>> {
    require(&access, access.can_edit_initiative())?;
    let kind = PreconditionKind::parse(&kind).ok_or_else(|| {
        let names: Vec<&str> = PreconditionKind::ALL.iter().map(|k| k.as_str()).collect();
        AppError::Invalid(Invalid::one("kind", format!("must be one of: {}", names.join(", "))))
    })?;
    Ok(Json(s.store.set_precondition(&viewer.actor(), i.id, kind, &input).await?))
}
