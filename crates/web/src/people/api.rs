//! The API of this capability.

use crate::http::prelude::*;
use backbone_core::people::*;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_people, create_person))
        .routes(routes!(get_person, update_person))
        .routes(routes!(set_account))
}

#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PersonAccount {
    /// The account this person signs in with; null to unlink it.
    pub user_id: Option<Id>,
}

/// Link a person to the account they sign in with (backbone staff), so that they take part —
/// vote, attend, commit — as themselves. An account is at most one person of an initiative.
#[utoipa::path(put, path = "/api/v1/initiatives/{slug}/people/{id}/account", tag = "people", params(("slug" = String, Path), ("id" = i64, Path)),
    request_body = PersonAccount, responses((status = 200, body = Person), (status = 403, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn set_account(
    State(s): State<AppState>,
    viewer: Viewer,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
    ApiJson(input): ApiJson<PersonAccount>,
) -> AppResult<Json<Person>> {
    require(&access, access.can_manage_people_and_tables())?;
    let p = s.store.set_person_account(&viewer.actor(), i.id, id, input.user_id).await?;
    Ok(Json(crate::people::shown(&access, p)))
}

/// People of the initiative (members only). Contacts and demographics appear only to backbone staff.
#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/people", tag = "people", params(("slug" = String, Path)),
    responses((status = 200, body = [Person]), (status = 401, body = Problem)))]
async fn list_people(
    State(s): State<AppState>,
    _viewer: Viewer,
    Scope { initiative: i, access }: Scope,
) -> AppResult<Json<Vec<Person>>> {
    require(&access, access.can_view_people())?;
    Ok(Json(s.store.people(i.id).await?.into_iter().map(|p| crate::people::shown(&access, p)).collect()))
}

#[utoipa::path(post, path = "/api/v1/initiatives/{slug}/people", tag = "people", params(("slug" = String, Path)), request_body = PersonInput,
    responses((status = 201, body = Person), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn create_person(
    State(s): State<AppState>,
    viewer: Viewer,
    Scope { initiative: i, access }: Scope,
    ApiJson(input): ApiJson<PersonInput>,
) -> AppResult<Response> {
    require(&access, access.can_manage_people_and_tables())?;
    Ok(created(s.store.create_person(&viewer.actor(), i.id, &input).await?))
}

#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/people/{id}", tag = "people", params(("slug" = String, Path), ("id" = i64, Path)),
    responses((status = 200, body = Person), (status = 401, body = Problem), (status = 404, body = Problem)))]
async fn get_person(
    State(s): State<AppState>,
    _viewer: Viewer,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
) -> AppResult<Json<Person>> {
    require(&access, access.can_view_people())?;
    Ok(Json(crate::people::shown(&access, s.store.person(i.id, id).await?)))
}

#[utoipa::path(put, path = "/api/v1/initiatives/{slug}/people/{id}", tag = "people", params(("slug" = String, Path), ("id" = i64, Path)), request_body = PersonInput,
    responses((status = 200, body = Person), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn update_person(
    State(s): State<AppState>,
    viewer: Viewer,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
    ApiJson(input): ApiJson<PersonInput>,
) -> AppResult<Json<Person>> {
    require(&access, access.can_manage_people_and_tables())?;
    Ok(Json(s.store.update_person(&viewer.actor(), i.id, id, &input).await?))
}
