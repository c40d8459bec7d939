//! The API of this capability.

use crate::http::prelude::*;
use backbone_core::people::*;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_people, create_person))
        .routes(routes!(get_person, update_person))
        .routes(routes!(set_account))
        .routes(routes!(my_demographics, share_my_demographics, withdraw_my_demographics))
}

/// What a person shared about themselves.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct MyDemographics {
    pub person_id: Id,
    pub name: String,
    /// Null when they shared nothing (or withdrew it).
    pub demographics: Option<Demographics>,
}

/// The person the signed-in account is in this initiative.
pub(crate) async fn me(s: &AppState, viewer: &Viewer, access: &Access, initiative_id: Id) -> AppResult<Person> {
    require(access, access.signed_in())?;
    let user = viewer.user.as_ref().ok_or(AppError::Unauthenticated)?;
    let person = s.store.person_of_user(initiative_id, user.id).await?;
    require(access, access.can_share_own_demographics(person.is_some()))?;
    person.ok_or(AppError::NotFound("person"))
}

fn mine(p: Person) -> MyDemographics {
    MyDemographics { person_id: p.id, name: p.name, demographics: p.demographics }
}

/// The demographics the signed-in person shared with this initiative (only they and backbone
/// staff can see them; everyone else sees counts with small groups hidden).
#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/me/demographics", tag = "people", params(("slug" = String, Path)),
    responses((status = 200, body = MyDemographics), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn my_demographics(
    State(s): State<AppState>,
    viewer: Viewer,
    Scope { initiative: i, access }: Scope,
) -> AppResult<Json<MyDemographics>> {
    Ok(Json(mine(me(&s, &viewer, &access, i.id).await?)))
}

/// Share (or change) one's own demographics, with consent: `consent` must be true; leave out
/// any answer not to share it.
#[utoipa::path(put, path = "/api/v1/initiatives/{slug}/me/demographics", tag = "people", params(("slug" = String, Path)), request_body = Demographics,
    responses((status = 200, body = MyDemographics), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn share_my_demographics(
    State(s): State<AppState>,
    viewer: Viewer,
    Scope { initiative: i, access }: Scope,
    ApiJson(input): ApiJson<Demographics>,
) -> AppResult<Json<MyDemographics>> {
    let p = me(&s, &viewer, &access, i.id).await?;
    Ok(Json(mine(s.store.set_own_demographics(&viewer.actor(), i.id, p.id, Some(&input)).await?)))
}

/// Withdraw consent: the answers are erased and leave every count of people from the next one
/// published (counts already published stay as they were, so that nobody can compare them).
#[utoipa::path(delete, path = "/api/v1/initiatives/{slug}/me/demographics", tag = "people", params(("slug" = String, Path)),
    responses((status = 200, body = MyDemographics), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn withdraw_my_demographics(
    State(s): State<AppState>,
    viewer: Viewer,
    Scope { initiative: i, access }: Scope,
) -> AppResult<Json<MyDemographics>> {
    let p = me(&s, &viewer, &access, i.id).await?;
    Ok(Json(mine(s.store.set_own_demographics(&viewer.actor(), i.id, p.id, None).await?)))
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
