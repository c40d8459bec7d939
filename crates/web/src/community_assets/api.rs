//! The API of this capability.

use crate::http::prelude::*;
use backbone_core::community_assets::*;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_assets, create_asset))
        .routes(routes!(get_asset, update_asset))
        .routes(routes!(asset_history))
        .routes(routes!(retire_asset))
}

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
struct AssetParams {
    /// Only assets in this place (its code).
    place: Option<String>,
    /// Also the retired ones.
    #[serde(default)]
    retired: bool,
}

/// Community assets: what the community already has that is not a partner's program, by place.
/// Anyone who may see the initiative sees them; how to reach them and who recorded them only
/// members.
#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/community-assets", tag = "activities", security(()), params(("slug" = String, Path), AssetParams),
    responses((status = 200, body = [CommunityAsset])))]
async fn list_assets(
    State(s): State<AppState>,
    Scope { initiative: i, access }: Scope,
    ApiQuery(q): ApiQuery<AssetParams>,
) -> AppResult<Json<Vec<CommunityAsset>>> {
    let member = access.can_view_asset_contacts();
    Ok(Json(
        s.store
            .community_assets(i.id, q.retired)
            .await?
            .into_iter()
            .filter(|a| q.place.as_ref().is_none_or(|p| &a.place == p))
            .map(|a| a.shown(member))
            .collect(),
    ))
}

/// Record a community asset (members of the initiative, residents too). Its place and the
/// strategies it can support (of the current common agenda) must exist.
#[utoipa::path(post, path = "/api/v1/initiatives/{slug}/community-assets", tag = "activities", params(("slug" = String, Path)), request_body = CommunityAssetInput,
    responses((status = 201, body = CommunityAsset), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn create_asset(
    State(s): State<AppState>,
    viewer: Viewer,
    Scope { initiative: i, access }: Scope,
    ApiJson(input): ApiJson<CommunityAssetInput>,
) -> AppResult<Response> {
    require(&access, access.can_record_community_asset())?;
    Ok(created(s.store.create_community_asset(&viewer.actor(), i.id, &input).await?))
}

#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/community-assets/{id}", tag = "activities", security(()), params(("slug" = String, Path), ("id" = i64, Path)),
    responses((status = 200, body = CommunityAsset), (status = 404, body = Problem)))]
async fn get_asset(
    State(s): State<AppState>,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
) -> AppResult<Json<CommunityAsset>> {
    Ok(Json(s.store.community_asset(i.id, id).await?.shown(access.can_view_asset_contacts())))
}

/// Change a community asset (backbone staff): a new version; the earlier ones are kept.
#[utoipa::path(put, path = "/api/v1/initiatives/{slug}/community-assets/{id}", tag = "activities", params(("slug" = String, Path), ("id" = i64, Path)),
    request_body = CommunityAssetInput,
    responses((status = 200, body = CommunityAsset), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn update_asset(
    State(s): State<AppState>,
    viewer: Viewer,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
    ApiJson(input): ApiJson<CommunityAssetInput>,
) -> AppResult<Json<CommunityAsset>> {
    require(&access, access.can_edit_community_assets())?;
    Ok(Json(s.store.update_community_asset(&viewer.actor(), i.id, id, &input).await?))
}

/// Every state a community asset has been in, oldest first.
#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/community-assets/{id}/history", tag = "activities", security(()), params(("slug" = String, Path), ("id" = i64, Path)),
    responses((status = 200, body = [CommunityAsset]), (status = 404, body = Problem)))]
async fn asset_history(
    State(s): State<AppState>,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
) -> AppResult<Json<Vec<CommunityAsset>>> {
    let member = access.can_view_asset_contacts();
    Ok(Json(s.store.community_asset_history(i.id, id).await?.into_iter().map(|a| a.shown(member)).collect()))
}

/// Retire a community asset, saying why (backbone staff). It is never deleted.
#[utoipa::path(post, path = "/api/v1/initiatives/{slug}/community-assets/{id}/retire", tag = "activities", params(("slug" = String, Path), ("id" = i64, Path)),
    request_body = RetireAsset,
    responses((status = 200, body = CommunityAsset), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn retire_asset(
    State(s): State<AppState>,
    viewer: Viewer,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
    ApiJson(input): ApiJson<RetireAsset>,
) -> AppResult<Json<CommunityAsset>> {
    require(&access, access.can_edit_community_assets())?;
    Ok(Json(s.store.retire_community_asset(&viewer.actor(), i.id, id, &input).await?))
}
