//! The API of this capability.

use crate::http::prelude::*;
use backbone_core::tables::composition::Composition;
use backbone_core::tables::*;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_tables, create_table))
        .routes(routes!(get_table, update_table))
        .routes(routes!(table_demographics))
        .routes(routes!(list_memberships, add_membership))
        .routes(routes!(update_membership))
}

#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/tables", tag = "tables", security(()), params(("slug" = String, Path)), responses((status = 200, body = [Table])))]
async fn list_tables(
    State(s): State<AppState>,
    _viewer: Viewer,
    Scope { initiative: i, .. }: Scope,
) -> AppResult<Json<Vec<Table>>> {
    Ok(Json(s.store.tables(i.id).await?))
}

#[utoipa::path(post, path = "/api/v1/initiatives/{slug}/tables", tag = "tables", params(("slug" = String, Path)), request_body = TableInput,
    responses((status = 201, body = Table), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn create_table(
    State(s): State<AppState>,
    viewer: Viewer,
    Scope { initiative: i, access }: Scope,
    ApiJson(input): ApiJson<TableInput>,
) -> AppResult<Response> {
    require(&access, access.can_manage_people_and_tables())?;
    Ok(created(s.store.create_table(&viewer.actor(), i.id, &input).await?))
}

#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/tables/{id}", tag = "tables", security(()), params(("slug" = String, Path), ("id" = i64, Path)),
    responses((status = 200, body = Table), (status = 404, body = Problem)))]
async fn get_table(
    State(s): State<AppState>,
    _viewer: Viewer,
    Scope { initiative: i, .. }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
) -> AppResult<Json<Table>> {
    Ok(Json(s.store.table(i.id, id).await?))
}

#[utoipa::path(put, path = "/api/v1/initiatives/{slug}/tables/{id}", tag = "tables", params(("slug" = String, Path), ("id" = i64, Path)), request_body = TableInput,
    responses((status = 200, body = Table), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn update_table(
    State(s): State<AppState>,
    viewer: Viewer,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
    ApiJson(input): ApiJson<TableInput>,
) -> AppResult<Json<Table>> {
    require(&access, access.can_manage_people_and_tables())?;
    Ok(Json(s.store.update_table(&viewer.actor(), i.id, id, &input).await?))
}

/// Who sits at the table now, by self-reported demographics, with small cells suppressed.
#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/tables/{id}/demographics", tag = "tables", security(()), params(("slug" = String, Path), ("id" = i64, Path)),
    responses((status = 200, body = Composition)))]
async fn table_demographics(
    State(s): State<AppState>,
    _viewer: Viewer,
    Scope { initiative: i, .. }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
) -> AppResult<Json<Composition>> {
    s.store.table(i.id, id).await?;
    Ok(Json(crate::tables::current_composition(&s, i.id, id).await?))
}

/// Current and past seats at a table (members only).
#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/tables/{id}/memberships", tag = "tables", params(("slug" = String, Path), ("id" = i64, Path)),
    responses((status = 200, body = [Membership]), (status = 401, body = Problem)))]
async fn list_memberships(
    State(s): State<AppState>,
    _viewer: Viewer,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
) -> AppResult<Json<Vec<Membership>>> {
    require(&access, access.can_view_memberships())?;
    s.store.table(i.id, id).await?;
    Ok(Json(s.store.memberships(i.id, Some(id), None).await?))
}

#[utoipa::path(post, path = "/api/v1/initiatives/{slug}/tables/{id}/memberships", tag = "tables", params(("slug" = String, Path), ("id" = i64, Path)),
    request_body = MembershipInput, responses((status = 201, body = Membership), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn add_membership(
    State(s): State<AppState>,
    viewer: Viewer,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
    ApiJson(input): ApiJson<MembershipInput>,
) -> AppResult<Response> {
    require(&access, access.can_manage_people_and_tables())?;
    Ok(created(s.store.add_membership(&viewer.actor(), i.id, id, &input).await?))
}

/// Change a seat's role, or end it (the seat stays in the table's history).
#[utoipa::path(patch, path = "/api/v1/initiatives/{slug}/memberships/{id}", tag = "tables", params(("slug" = String, Path), ("id" = i64, Path)),
    request_body = MembershipUpdate, responses((status = 200, body = Membership), (status = 422, body = Problem)))]
async fn update_membership(
    State(s): State<AppState>,
    viewer: Viewer,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
    ApiJson(input): ApiJson<MembershipUpdate>,
) -> AppResult<Json<Membership>> {
    require(&access, access.can_manage_people_and_tables())?;
    Ok(Json(s.store.update_membership(&viewer.actor(), i.id, id, &input).await?))
}
