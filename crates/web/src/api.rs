//! The JSON API under `/api/v1`. Each handler is annotated for the OpenAPI document; bodies are
//! parsed strictly (unknown fields are refused, each problem names its field).

use crate::auth::{self, Viewer};
use crate::error::{AppError, AppResult, Problem};
use crate::view::{self, require};
use crate::AppState;
use axum::extract::rejection::{BytesRejection, PathRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Path, Query, Request, State};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use backbone_core::accounts::*;
use backbone_core::agenda::*;
use backbone_core::audit::AuditQuery;
use backbone_core::audit::*;
use backbone_core::initiative::*;
use backbone_core::partners::*;
use backbone_core::people::*;
use backbone_core::tables::composition::Composition;
use backbone_core::tables::*;
use backbone_core::{FieldError, Invalid};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{IntoParams, Modify, OpenApi, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

// ---------------------------------------------------------------- extractors

/// A JSON body parsed strictly: the error names the field (`results[0].title`) and the reason.
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = AppError;
    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let is_json = req
            .headers()
            .get(axum::http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/json"));
        if !is_json {
            return Err(AppError::BadRequest("send the body as JSON with Content-Type: application/json".into()));
        }
        let bytes = axum::body::Bytes::from_request(req, state).await.map_err(|e: BytesRejection| {
            if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                AppError::TooLarge(0)
            } else {
                AppError::BadRequest(e.body_text())
            }
        })?;
        parse_json(&bytes).map(ApiJson)
    }
}

pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> AppResult<T> {
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        let reason = inner.to_string();
        // serde's message carries " at line L column C"; keep the words, the field says where.
        let reason = reason.split(" at line ").next().unwrap_or(&reason).to_string();
        if inner.is_syntax() || inner.is_eof() {
            AppError::BadRequest(format!("the body is not valid JSON: {inner}"))
        } else {
            let field = if path == "." { String::new() } else { path };
            AppError::Invalid(Invalid(vec![FieldError { field, reason }]))
        }
    })
}

pub struct ApiPath<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for ApiPath<T> {
    type Rejection = AppError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        Path::<T>::from_request_parts(parts, state)
            .await
            .map(|p| ApiPath(p.0))
            .map_err(|e: PathRejection| AppError::BadRequest(format!("bad address: {}", e.body_text())))
    }
}

pub struct ApiQuery<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = AppError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        Query::<T>::from_request_parts(parts, state)
            .await
            .map(|q| ApiQuery(q.0))
            .map_err(|e: QueryRejection| AppError::BadRequest(format!("bad query: {}", e.body_text())))
    }
}

fn created<T: Serialize>(v: T) -> Response {
    (StatusCode::CREATED, Json(v)).into_response()
}

// ---------------------------------------------------------------- OpenAPI

#[derive(OpenApi)]
#[openapi(
    info(title = "Backbone API", description = "Collective impact: common agenda, partners, people, tables, accounts.", version = "1"),
    modifiers(&SecurityAddon),
    components(schemas(Problem)),
    tags((name = "initiatives"), (name = "agenda"), (name = "organizations"), (name = "people"), (name = "tables"), (name = "accounts"), (name = "audit"), (name = "measurement"))
)]
struct ApiDoc;

struct SecurityAddon;

impl Modify for SecurityAddon {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        if let Some(c) = openapi.components.as_mut() {
            c.add_security_scheme("token", SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)));
        }
        openapi.security =
            Some(vec![utoipa::openapi::security::SecurityRequirement::new("token", Vec::<String>::new())]);
    }
}

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(list_initiatives, create_initiative))
        .routes(routes!(get_initiative, update_initiative))
        .routes(routes!(list_preconditions))
        .routes(routes!(set_precondition))
        .routes(routes!(current_agenda))
        .routes(routes!(list_agenda_versions, create_agenda_version))
        .routes(routes!(get_agenda_version))
        .routes(routes!(list_endorsements, endorse))
        .routes(routes!(list_organizations, create_organization))
        .routes(routes!(get_organization, update_organization))
        .routes(routes!(list_people, create_person))
        .routes(routes!(get_person, update_person))
        .routes(routes!(list_tables, create_table))
        .routes(routes!(get_table, update_table))
        .routes(routes!(table_demographics))
        .routes(routes!(list_memberships, add_membership))
        .routes(routes!(update_membership))
        .routes(routes!(list_roles, grant_role, revoke_role))
        .routes(routes!(list_audit))
        .routes(routes!(me))
        .routes(routes!(list_users, create_user))
        .routes(routes!(list_tokens, create_token))
        .routes(routes!(revoke_token))
        .merge(crate::measure_api::routes())
}

// ---------------------------------------------------------------- initiatives

/// Initiatives the caller may see: published ones, and those where the caller holds a role.
#[utoipa::path(get, path = "/api/v1/initiatives", tag = "initiatives", responses((status = 200, body = [Initiative])))]
async fn list_initiatives(State(s): State<AppState>, viewer: Viewer) -> AppResult<Json<Vec<Initiative>>> {
    Ok(Json(view::visible_initiatives(&s, &viewer).await?))
}

/// Create an initiative (server operators only).
#[utoipa::path(post, path = "/api/v1/initiatives", tag = "initiatives", request_body = NewInitiative,
    responses((status = 201, body = Initiative), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn create_initiative(
    State(s): State<AppState>,
    viewer: Viewer,
    ApiJson(input): ApiJson<NewInitiative>,
) -> AppResult<Response> {
    viewer.require_user()?;
    if !viewer.is_server_admin() {
        return Err(AppError::Forbidden);
    }
    Ok(created(s.store.create_initiative(&viewer.actor(), &input).await?))
}

#[utoipa::path(get, path = "/api/v1/initiatives/{slug}", tag = "initiatives", params(("slug" = String, Path)),
    responses((status = 200, body = Initiative), (status = 404, body = Problem)))]
async fn get_initiative(
    State(s): State<AppState>,
    viewer: Viewer,
    ApiPath(slug): ApiPath<String>,
) -> AppResult<Json<Initiative>> {
    Ok(Json(view::initiative(&s, &viewer, &slug).await?.0))
}

/// Change the name, description, phase or publication of an initiative (backbone staff).
#[utoipa::path(patch, path = "/api/v1/initiatives/{slug}", tag = "initiatives", params(("slug" = String, Path)), request_body = InitiativeUpdate,
    responses((status = 200, body = Initiative), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn update_initiative(
    State(s): State<AppState>,
    viewer: Viewer,
    ApiPath(slug): ApiPath<String>,
    ApiJson(input): ApiJson<InitiativeUpdate>,
) -> AppResult<Json<Initiative>> {
    let (i, access) = view::initiative(&s, &viewer, &slug).await?;
    require(&access, access.can_edit_initiative())?;
    Ok(Json(s.store.update_initiative(&viewer.actor(), i.id, &input).await?))
}

#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/preconditions", tag = "initiatives", params(("slug" = String, Path)),
    responses((status = 200, body = [Precondition])))]
async fn list_preconditions(
    State(s): State<AppState>,
    viewer: Viewer,
    ApiPath(slug): ApiPath<String>,
) -> AppResult<Json<Vec<Precondition>>> {
    let (i, _) = view::initiative(&s, &viewer, &slug).await?;
    Ok(Json(s.store.preconditions(i.id).await?))
}

/// Record how far a precondition (influential champion, financial resources, urgency) is in place.
#[utoipa::path(put, path = "/api/v1/initiatives/{slug}/preconditions/{kind}", tag = "initiatives",
    params(("slug" = String, Path), ("kind" = PreconditionKind, Path)), request_body = PreconditionInput,
    responses((status = 200, body = Precondition), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn set_precondition(
    State(s): State<AppState>,
    viewer: Viewer,
    ApiPath((slug, kind)): ApiPath<(String, String)>,
    ApiJson(input): ApiJson<PreconditionInput>,
) -> AppResult<Json<Precondition>> {
    let (i, access) = view::initiative(&s, &viewer, &slug).await?;
    require(&access, access.can_edit_initiative())?;
    let kind = PreconditionKind::parse(&kind).ok_or_else(|| {
        let names: Vec<&str> = PreconditionKind::ALL.iter().map(|k| k.as_str()).collect();
        AppError::Invalid(Invalid::one("kind", format!("must be one of: {}", names.join(", "))))
    })?;
    Ok(Json(s.store.set_precondition(&viewer.actor(), i.id, kind, &input).await?))
}

// ---------------------------------------------------------------- agenda

/// The current common agenda (the newest version); 404 when none has been written yet.
#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/agenda", tag = "agenda", params(("slug" = String, Path)),
    responses((status = 200, body = AgendaVersion), (status = 404, body = Problem)))]
async fn current_agenda(
    State(s): State<AppState>,
    viewer: Viewer,
    ApiPath(slug): ApiPath<String>,
) -> AppResult<Json<AgendaVersion>> {
    let (i, _) = view::initiative(&s, &viewer, &slug).await?;
    s.store.current_agenda(i.id).await?.map(Json).ok_or(AppError::NotFound("agenda"))
}

/// Every version of the agenda, newest first.
#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/agenda/versions", tag = "agenda", params(("slug" = String, Path)),
    responses((status = 200, body = [AgendaVersion])))]
async fn list_agenda_versions(
    State(s): State<AppState>,
    viewer: Viewer,
    ApiPath(slug): ApiPath<String>,
) -> AppResult<Json<Vec<AgendaVersion>>> {
    let (i, _) = view::initiative(&s, &viewer, &slug).await?;
    Ok(Json(s.store.agenda_versions(i.id).await?))
}

/// Save a new version of the agenda. `based_on` must be the current version number, so that an
/// edit made on an outdated copy is refused (409) instead of overwriting someone else's.
#[utoipa::path(post, path = "/api/v1/initiatives/{slug}/agenda/versions", tag = "agenda", params(("slug" = String, Path)), request_body = AgendaInput,
    responses((status = 201, body = AgendaVersion), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn create_agenda_version(
    State(s): State<AppState>,
    viewer: Viewer,
    ApiPath(slug): ApiPath<String>,
    ApiJson(input): ApiJson<AgendaInput>,
) -> AppResult<Response> {
    let (i, access) = view::initiative(&s, &viewer, &slug).await?;
    require(&access, access.can_edit_agenda())?;
    Ok(created(s.store.create_agenda_version(&viewer.actor(), i.id, &input).await?))
}

#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/agenda/versions/{number}", tag = "agenda", params(("slug" = String, Path), ("number" = i64, Path)),
    responses((status = 200, body = AgendaVersion), (status = 404, body = Problem)))]
async fn get_agenda_version(
    State(s): State<AppState>,
    viewer: Viewer,
    ApiPath((slug, number)): ApiPath<(String, i64)>,
) -> AppResult<Json<AgendaVersion>> {
    let (i, _) = view::initiative(&s, &viewer, &slug).await?;
    Ok(Json(s.store.agenda_version(i.id, number).await?))
}

#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/agenda/versions/{number}/endorsements", tag = "agenda",
    params(("slug" = String, Path), ("number" = i64, Path)), responses((status = 200, body = [Endorsement])))]
async fn list_endorsements(
    State(s): State<AppState>,
    viewer: Viewer,
    ApiPath((slug, number)): ApiPath<(String, i64)>,
) -> AppResult<Json<Vec<Endorsement>>> {
    let (i, _) = view::initiative(&s, &viewer, &slug).await?;
    Ok(Json(s.store.endorsements(i.id, Some(number)).await?))
}

/// Endorse a version on behalf of an organisation (its data steward, or backbone staff).
#[utoipa::path(post, path = "/api/v1/initiatives/{slug}/agenda/versions/{number}/endorsements", tag = "agenda",
    params(("slug" = String, Path), ("number" = i64, Path)), request_body = EndorsementInput,
    responses((status = 201, body = Endorsement), (status = 403, body = Problem), (status = 409, body = Problem)))]
async fn endorse(
    State(s): State<AppState>,
    viewer: Viewer,
    ApiPath((slug, number)): ApiPath<(String, i64)>,
    ApiJson(input): ApiJson<EndorsementInput>,
) -> AppResult<Response> {
    let (i, access) = view::initiative(&s, &viewer, &slug).await?;
    require(&access, access.can_endorse_for(input.organization_id))?;
    Ok(created(s.store.endorse(&viewer.actor(), i.id, number, &input).await?))
}

// ---------------------------------------------------------------- organisations

/// Partner organisations. Leadership demographics appear only to backbone staff and the
/// organisation's own data steward.
#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/organizations", tag = "organizations", params(("slug" = String, Path)),
    responses((status = 200, body = [Organization])))]
async fn list_organizations(
    State(s): State<AppState>,
    viewer: Viewer,
    ApiPath(slug): ApiPath<String>,
) -> AppResult<Json<Vec<Organization>>> {
    let (i, access) = view::initiative(&s, &viewer, &slug).await?;
    Ok(Json(s.store.organizations(i.id).await?.into_iter().map(|o| view::organization(&access, o)).collect()))
}

#[utoipa::path(post, path = "/api/v1/initiatives/{slug}/organizations", tag = "organizations", params(("slug" = String, Path)), request_body = OrganizationInput,
    responses((status = 201, body = Organization), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn create_organization(
    State(s): State<AppState>,
    viewer: Viewer,
    ApiPath(slug): ApiPath<String>,
    ApiJson(input): ApiJson<OrganizationInput>,
) -> AppResult<Response> {
    let (i, access) = view::initiative(&s, &viewer, &slug).await?;
    require(&access, access.can_create_organization())?;
    Ok(created(s.store.create_organization(&viewer.actor(), i.id, &input).await?))
}

#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/organizations/{id}", tag = "organizations", params(("slug" = String, Path), ("id" = i64, Path)),
    responses((status = 200, body = Organization), (status = 404, body = Problem)))]
async fn get_organization(
    State(s): State<AppState>,
    viewer: Viewer,
    ApiPath((slug, id)): ApiPath<(String, i64)>,
) -> AppResult<Json<Organization>> {
    let (i, access) = view::initiative(&s, &viewer, &slug).await?;
    Ok(Json(view::organization(&access, s.store.organization(i.id, id).await?)))
}

/// Replace an organisation's details (backbone staff, or its own data steward).
#[utoipa::path(put, path = "/api/v1/initiatives/{slug}/organizations/{id}", tag = "organizations", params(("slug" = String, Path), ("id" = i64, Path)),
    request_body = OrganizationInput, responses((status = 200, body = Organization), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn update_organization(
    State(s): State<AppState>,
    viewer: Viewer,
    ApiPath((slug, id)): ApiPath<(String, i64)>,
    ApiJson(input): ApiJson<OrganizationInput>,
) -> AppResult<Json<Organization>> {
    let (i, access) = view::initiative(&s, &viewer, &slug).await?;
    require(&access, access.can_edit_organization(id))?;
    Ok(Json(s.store.update_organization(&viewer.actor(), i.id, id, &input).await?))
}

// ---------------------------------------------------------------- people

/// People of the initiative (members only). Contacts and demographics appear only to backbone staff.
#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/people", tag = "people", params(("slug" = String, Path)),
    responses((status = 200, body = [Person]), (status = 401, body = Problem)))]
async fn list_people(
    State(s): State<AppState>,
    viewer: Viewer,
    ApiPath(slug): ApiPath<String>,
) -> AppResult<Json<Vec<Person>>> {
    let (i, access) = view::initiative(&s, &viewer, &slug).await?;
    require(&access, access.can_view_people())?;
    Ok(Json(s.store.people(i.id).await?.into_iter().map(|p| view::person(&access, p)).collect()))
}

#[utoipa::path(post, path = "/api/v1/initiatives/{slug}/people", tag = "people", params(("slug" = String, Path)), request_body = PersonInput,
    responses((status = 201, body = Person), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn create_person(
    State(s): State<AppState>,
    viewer: Viewer,
    ApiPath(slug): ApiPath<String>,
    ApiJson(input): ApiJson<PersonInput>,
) -> AppResult<Response> {
    let (i, access) = view::initiative(&s, &viewer, &slug).await?;
    require(&access, access.can_manage_people_and_tables())?;
    Ok(created(s.store.create_person(&viewer.actor(), i.id, &input).await?))
}

#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/people/{id}", tag = "people", params(("slug" = String, Path), ("id" = i64, Path)),
    responses((status = 200, body = Person), (status = 401, body = Problem), (status = 404, body = Problem)))]
async fn get_person(
    State(s): State<AppState>,
    viewer: Viewer,
    ApiPath((slug, id)): ApiPath<(String, i64)>,
) -> AppResult<Json<Person>> {
    let (i, access) = view::initiative(&s, &viewer, &slug).await?;
    require(&access, access.can_view_people())?;
    Ok(Json(view::person(&access, s.store.person(i.id, id).await?)))
}

#[utoipa::path(put, path = "/api/v1/initiatives/{slug}/people/{id}", tag = "people", params(("slug" = String, Path), ("id" = i64, Path)), request_body = PersonInput,
    responses((status = 200, body = Person), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn update_person(
    State(s): State<AppState>,
    viewer: Viewer,
    ApiPath((slug, id)): ApiPath<(String, i64)>,
    ApiJson(input): ApiJson<PersonInput>,
) -> AppResult<Json<Person>> {
    let (i, access) = view::initiative(&s, &viewer, &slug).await?;
    require(&access, access.can_manage_people_and_tables())?;
    Ok(Json(s.store.update_person(&viewer.actor(), i.id, id, &input).await?))
}

// ---------------------------------------------------------------- tables

#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/tables", tag = "tables", params(("slug" = String, Path)), responses((status = 200, body = [Table])))]
async fn list_tables(
    State(s): State<AppState>,
    viewer: Viewer,
    ApiPath(slug): ApiPath<String>,
) -> AppResult<Json<Vec<Table>>> {
    let (i, _) = view::initiative(&s, &viewer, &slug).await?;
    Ok(Json(s.store.tables(i.id).await?))
}

#[utoipa::path(post, path = "/api/v1/initiatives/{slug}/tables", tag = "tables", params(("slug" = String, Path)), request_body = TableInput,
    responses((status = 201, body = Table), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn create_table(
    State(s): State<AppState>,
    viewer: Viewer,
    ApiPath(slug): ApiPath<String>,
    ApiJson(input): ApiJson<TableInput>,
) -> AppResult<Response> {
    let (i, access) = view::initiative(&s, &viewer, &slug).await?;
    require(&access, access.can_manage_people_and_tables())?;
    Ok(created(s.store.create_table(&viewer.actor(), i.id, &input).await?))
}

#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/tables/{id}", tag = "tables", params(("slug" = String, Path), ("id" = i64, Path)),
    responses((status = 200, body = Table), (status = 404, body = Problem)))]
async fn get_table(
    State(s): State<AppState>,
    viewer: Viewer,
    ApiPath((slug, id)): ApiPath<(String, i64)>,
) -> AppResult<Json<Table>> {
    let (i, _) = view::initiative(&s, &viewer, &slug).await?;
    Ok(Json(s.store.table(i.id, id).await?))
}

#[utoipa::path(put, path = "/api/v1/initiatives/{slug}/tables/{id}", tag = "tables", params(("slug" = String, Path), ("id" = i64, Path)), request_body = TableInput,
    responses((status = 200, body = Table), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn update_table(
    State(s): State<AppState>,
    viewer: Viewer,
    ApiPath((slug, id)): ApiPath<(String, i64)>,
    ApiJson(input): ApiJson<TableInput>,
) -> AppResult<Json<Table>> {
    let (i, access) = view::initiative(&s, &viewer, &slug).await?;
    require(&access, access.can_manage_people_and_tables())?;
    Ok(Json(s.store.update_table(&viewer.actor(), i.id, id, &input).await?))
}

/// Who sits at the table now, by self-reported demographics, with small cells suppressed.
#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/tables/{id}/demographics", tag = "tables", params(("slug" = String, Path), ("id" = i64, Path)),
    responses((status = 200, body = Composition)))]
async fn table_demographics(
    State(s): State<AppState>,
    viewer: Viewer,
    ApiPath((slug, id)): ApiPath<(String, i64)>,
) -> AppResult<Json<Composition>> {
    let (i, _) = view::initiative(&s, &viewer, &slug).await?;
    s.store.table(i.id, id).await?;
    Ok(Json(view::table_demographics(&s, i.id, id).await?))
}

/// Current and past seats at a table (members only).
#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/tables/{id}/memberships", tag = "tables", params(("slug" = String, Path), ("id" = i64, Path)),
    responses((status = 200, body = [Membership]), (status = 401, body = Problem)))]
async fn list_memberships(
    State(s): State<AppState>,
    viewer: Viewer,
    ApiPath((slug, id)): ApiPath<(String, i64)>,
) -> AppResult<Json<Vec<Membership>>> {
    let (i, access) = view::initiative(&s, &viewer, &slug).await?;
    require(&access, access.can_view_memberships())?;
    s.store.table(i.id, id).await?;
    Ok(Json(s.store.memberships(i.id, Some(id), None).await?))
}

#[utoipa::path(post, path = "/api/v1/initiatives/{slug}/tables/{id}/memberships", tag = "tables", params(("slug" = String, Path), ("id" = i64, Path)),
    request_body = MembershipInput, responses((status = 201, body = Membership), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn add_membership(
    State(s): State<AppState>,
    viewer: Viewer,
    ApiPath((slug, id)): ApiPath<(String, i64)>,
    ApiJson(input): ApiJson<MembershipInput>,
) -> AppResult<Response> {
    let (i, access) = view::initiative(&s, &viewer, &slug).await?;
    require(&access, access.can_manage_people_and_tables())?;
    Ok(created(s.store.add_membership(&viewer.actor(), i.id, id, &input).await?))
}

/// Change a seat's role, or end it (the seat stays in the table's history).
#[utoipa::path(patch, path = "/api/v1/initiatives/{slug}/memberships/{id}", tag = "tables", params(("slug" = String, Path), ("id" = i64, Path)),
    request_body = MembershipUpdate, responses((status = 200, body = Membership), (status = 422, body = Problem)))]
async fn update_membership(
    State(s): State<AppState>,
    viewer: Viewer,
    ApiPath((slug, id)): ApiPath<(String, i64)>,
    ApiJson(input): ApiJson<MembershipUpdate>,
) -> AppResult<Json<Membership>> {
    let (i, access) = view::initiative(&s, &viewer, &slug).await?;
    require(&access, access.can_manage_people_and_tables())?;
    Ok(Json(s.store.update_membership(&viewer.actor(), i.id, id, &input).await?))
}

// ---------------------------------------------------------------- roles and audit

#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/roles", tag = "accounts", params(("slug" = String, Path)),
    responses((status = 200, body = [RoleGrant]), (status = 403, body = Problem)))]
async fn list_roles(
    State(s): State<AppState>,
    viewer: Viewer,
    ApiPath(slug): ApiPath<String>,
) -> AppResult<Json<Vec<RoleGrant>>> {
    let (i, access) = view::initiative(&s, &viewer, &slug).await?;
    require(&access, access.can_manage_roles())?;
    Ok(Json(s.store.grants_in_initiative(i.id).await?))
}

#[utoipa::path(post, path = "/api/v1/initiatives/{slug}/roles", tag = "accounts", params(("slug" = String, Path)), request_body = RoleGrantInput,
    responses((status = 201, body = RoleGrant), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn grant_role(
    State(s): State<AppState>,
    viewer: Viewer,
    ApiPath(slug): ApiPath<String>,
    ApiJson(input): ApiJson<RoleGrantInput>,
) -> AppResult<Response> {
    let (i, access) = view::initiative(&s, &viewer, &slug).await?;
    require(&access, access.can_manage_roles())?;
    Ok(created(s.store.grant_role(&viewer.actor(), i.id, &input).await?))
}

#[utoipa::path(delete, path = "/api/v1/initiatives/{slug}/roles", tag = "accounts", params(("slug" = String, Path)), request_body = RoleGrantInput,
    responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn revoke_role(
    State(s): State<AppState>,
    viewer: Viewer,
    ApiPath(slug): ApiPath<String>,
    ApiJson(input): ApiJson<RoleGrantInput>,
) -> AppResult<StatusCode> {
    let (i, access) = view::initiative(&s, &viewer, &slug).await?;
    require(&access, access.can_manage_roles())?;
    s.store.revoke_role(&viewer.actor(), i.id, &input).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
struct AuditParams {
    /// Only entries about this kind of record (`organization`, `agenda_version`, …).
    entity: Option<String>,
    /// Entries older than this id (for paging back).
    before: Option<i64>,
    /// At most this many (default 50, at most 500).
    limit: Option<i64>,
}

/// The audit log of an initiative, newest first (backbone staff).
#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/audit", tag = "audit", params(("slug" = String, Path), AuditParams),
    responses((status = 200, body = [AuditEntry]), (status = 403, body = Problem)))]
async fn list_audit(
    State(s): State<AppState>,
    viewer: Viewer,
    ApiPath(slug): ApiPath<String>,
    ApiQuery(q): ApiQuery<AuditParams>,
) -> AppResult<Json<Vec<AuditEntry>>> {
    let (i, access) = view::initiative(&s, &viewer, &slug).await?;
    require(&access, access.can_view_audit())?;
    Ok(Json(
        s.store
            .audit(&AuditQuery {
                initiative_id: Some(i.id),
                entity: q.entity,
                before_id: q.before,
                limit: q.limit.unwrap_or(50),
            })
            .await?,
    ))
}

// ---------------------------------------------------------------- accounts

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
    viewer.require_user()?;
    if !(viewer.is_server_admin() || viewer.grants.iter().any(|g| g.role == Role::Admin)) {
        return Err(AppError::Forbidden);
    }
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
    viewer.require_user()?;
    let staff = viewer.grants.iter().any(|g| g.role == Role::Admin);
    if !(viewer.is_server_admin() || staff) || (input.server_admin && !viewer.is_server_admin()) {
        return Err(AppError::Forbidden);
    }
    input.validate()?;
    let hash = auth::hash_password(&input.password)?;
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

/// Make an API token for a machine client acting as the caller.
#[utoipa::path(post, path = "/api/v1/me/tokens", tag = "accounts", request_body = ApiTokenInput,
    responses((status = 201, body = NewToken), (status = 401, body = Problem), (status = 422, body = Problem)))]
async fn create_token(
    State(s): State<AppState>,
    viewer: Viewer,
    ApiJson(input): ApiJson<ApiTokenInput>,
) -> AppResult<Response> {
    let u = viewer.require_user()?;
    input.validate()?;
    let (token, secret) = auth::issue_token(&s, &viewer.actor(), u.id, &input.name).await?;
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
