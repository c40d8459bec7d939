//! The API of this capability.

use crate::http::prelude::*;
use backbone_core::agenda::*;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(current_agenda))
        .routes(routes!(list_agenda_versions, create_agenda_version))
        .routes(routes!(get_agenda_version))
        .routes(routes!(list_endorsements, endorse))
}

/// The current common agenda (the newest version); 404 when none has been written yet.
#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/agenda", tag = "agenda", security(()), params(("slug" = String, Path)),
    responses((status = 200, body = AgendaVersion), (status = 404, body = Problem)))]
async fn current_agenda(
    State(s): State<AppState>,
    _viewer: Viewer,
    Scope { initiative: i, .. }: Scope,
) -> AppResult<Json<AgendaVersion>> {
    s.store.current_agenda(i.id).await?.map(Json).ok_or(AppError::NotFound("agenda"))
}

/// Every version of the agenda, newest first.
#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/agenda/versions", tag = "agenda", security(()), params(("slug" = String, Path)),
    responses((status = 200, body = [AgendaVersion])))]
async fn list_agenda_versions(
    State(s): State<AppState>,
    _viewer: Viewer,
    Scope { initiative: i, .. }: Scope,
) -> AppResult<Json<Vec<AgendaVersion>>> {
    Ok(Json(s.store.agenda_versions(i.id).await?))
}

/// Save a new version of the agenda. `based_on` must be the current version number, so that an
/// edit made on an outdated copy is refused (409) instead of overwriting someone else's.
#[utoipa::path(post, path = "/api/v1/initiatives/{slug}/agenda/versions", tag = "agenda", params(("slug" = String, Path)), request_body = AgendaInput,
    responses((status = 201, body = AgendaVersion), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn create_agenda_version(
    State(s): State<AppState>,
    viewer: Viewer,
    Scope { initiative: i, access }: Scope,
    ApiJson(input): ApiJson<AgendaInput>,
) -> AppResult<Response> {
    require(&access, access.can_edit_agenda())?;
    Ok(created(s.store.create_agenda_version(&viewer.actor(), i.id, &input).await?))
}

#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/agenda/versions/{number}", tag = "agenda", security(()), params(("slug" = String, Path), ("number" = i64, Path)),
    responses((status = 200, body = AgendaVersion), (status = 404, body = Problem)))]
async fn get_agenda_version(
    State(s): State<AppState>,
    _viewer: Viewer,
    Scope { initiative: i, .. }: Scope,
    ApiPath((_, number)): ApiPath<(String, i64)>,
) -> AppResult<Json<AgendaVersion>> {
    Ok(Json(s.store.agenda_version(i.id, number).await?))
}

#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/agenda/versions/{number}/endorsements", tag = "agenda", security(()),
    params(("slug" = String, Path), ("number" = i64, Path)), responses((status = 200, body = [Endorsement])))]
async fn list_endorsements(
    State(s): State<AppState>,
    _viewer: Viewer,
    Scope { initiative: i, .. }: Scope,
    ApiPath((_, number)): ApiPath<(String, i64)>,
) -> AppResult<Json<Vec<Endorsement>>> {
    Ok(Json(s.store.endorsements(i.id, Some(number)).await?))
}

/// Endorse a version on behalf of an organisation (its data steward, or backbone staff).
#[utoipa::path(post, path = "/api/v1/initiatives/{slug}/agenda/versions/{number}/endorsements", tag = "agenda",
    params(("slug" = String, Path), ("number" = i64, Path)), request_body = EndorsementInput,
    responses((status = 201, body = Endorsement), (status = 403, body = Problem), (status = 409, body = Problem)))]
async fn endorse(
    State(s): State<AppState>,
    viewer: Viewer,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, number)): ApiPath<(String, i64)>,
    ApiJson(input): ApiJson<EndorsementInput>,
) -> AppResult<Response> {
    require(&access, access.can_endorse_for(input.organization_id))?;
    Ok(created(s.store.endorse(&viewer.actor(), i.id, number, &input).await?))
}
