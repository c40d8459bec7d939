//! The API of this capability.

use crate::decisions::voter;
use crate::http::prelude::*;
use crate::meetings::leads_table;
use backbone_core::charters::*;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_versions, adopt)).routes(routes!(list_endorsements, endorse))
}

/// Every version of a table's charter, newest first (members).
#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/tables/{id}/charter", tag = "tables", params(("slug" = String, Path), ("id" = i64, Path)),
    responses((status = 200, body = [CharterVersion]), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn list_versions(
    State(s): State<AppState>,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
) -> AppResult<Json<Vec<CharterVersion>>> {
    require(&access, access.can_view_meetings())?;
    s.store.table(i.id, id).await?;
    Ok(Json(s.store.charter_versions(i.id, id).await?))
}

/// Adopt a new version of the table's charter (staff, or the table's chair or facilitator); after
/// the first, say why in `reason`.
#[utoipa::path(post, path = "/api/v1/initiatives/{slug}/tables/{id}/charter", tag = "tables", params(("slug" = String, Path), ("id" = i64, Path)), request_body = CharterInput,
    responses((status = 201, body = CharterVersion), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn adopt(
    State(s): State<AppState>,
    viewer: Viewer,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
    ApiJson(input): ApiJson<CharterInput>,
) -> AppResult<Response> {
    require(&access, access.can_run_meetings_of(leads_table(&s, i.id, &viewer, id).await?))?;
    Ok(created(s.store.adopt_charter(&viewer.actor(), i.id, id, &input).await?))
}

/// Who endorsed the current version.
#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/tables/{id}/charter/endorsements", tag = "tables", params(("slug" = String, Path), ("id" = i64, Path)),
    responses((status = 200, body = [CharterEndorsement]), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn list_endorsements(
    State(s): State<AppState>,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
) -> AppResult<Json<Vec<CharterEndorsement>>> {
    require(&access, access.can_view_meetings())?;
    let Some(current) = s.store.charter_versions(i.id, id).await?.into_iter().next() else {
        return Err(AppError::NotFound("charter"));
    };
    Ok(Json(s.store.charter_endorsements(i.id, current.id).await?))
}

#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
struct EndorseInput {
    #[serde(default)]
    comment: String,
}

/// Endorse the current version, as yourself: a member sitting at the table now.
#[utoipa::path(post, path = "/api/v1/initiatives/{slug}/tables/{id}/charter/endorsements", tag = "tables", params(("slug" = String, Path), ("id" = i64, Path)), request_body = EndorseInput,
    responses((status = 200, body = CharterEndorsement), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn endorse(
    State(s): State<AppState>,
    viewer: Viewer,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
    ApiJson(input): ApiJson<EndorseInput>,
) -> AppResult<Json<CharterEndorsement>> {
    let who = voter(&s, i.id, &viewer, id).await?;
    require(&access, access.can_endorse_charter(who.is_some_and(|(_, seated)| seated)))?;
    let (person, _) = who.ok_or(AppError::Forbidden)?;
    let Some(current) = s.store.charter_versions(i.id, id).await?.into_iter().next() else {
        return Err(AppError::NotFound("charter"));
    };
    Ok(Json(s.store.endorse_charter(&viewer.actor(), i.id, current.id, person, &input.comment).await?))
}
