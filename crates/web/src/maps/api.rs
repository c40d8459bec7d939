//! The API of this capability.

use crate::http::prelude::*;
use backbone_core::maps::DEFAULT_PROPERTY;
use std::collections::HashMap;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get_boundaries, put_boundaries))
}

/// The boundaries of the initiative's places, as uploaded last: a GeoJSON FeatureCollection,
/// each feature with its place's `code` and `name`. Anyone who may see the initiative.
#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/boundaries", tag = "measurement", security(()), params(("slug" = String, Path)),
    responses((status = 200, body = Object, description = "A GeoJSON FeatureCollection"), (status = 404, body = Problem)))]
async fn get_boundaries(
    State(s): State<AppState>,
    Scope { initiative: i, .. }: Scope,
) -> AppResult<Json<serde_json::Value>> {
    let set = s.store.boundaries(i.id).await?.ok_or(AppError::NotFound("boundaries"))?;
    let names: HashMap<String, String> =
        s.store.geographies(i.id).await?.into_iter().map(|g| (g.code, g.name)).collect();
    Ok(Json(backbone_core::maps::feature_collection(&set.boundaries, &names)))
}

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
struct UploadParams {
    /// The property of each feature that holds its place's code (default `code`).
    property: Option<String>,
}

/// What an upload kept.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct Uploaded {
    /// The new version of the boundaries (the earlier ones are kept).
    pub version: u32,
    /// The places that have a boundary now.
    pub places: Vec<String>,
}

/// Upload the boundaries of the initiative's places (backbone staff): a GeoJSON FeatureCollection
/// of Polygons and MultiPolygons (at most 1 MB), each naming its place in `property`. Every
/// problem is answered with the feature and field it is in; nothing is kept unless all is right.
#[utoipa::path(put, path = "/api/v1/initiatives/{slug}/boundaries", tag = "measurement", params(("slug" = String, Path), UploadParams),
    request_body(content = Object, content_type = "application/json", description = "A GeoJSON FeatureCollection"),
    responses((status = 200, body = Uploaded), (status = 403, body = Problem), (status = 413, body = Problem), (status = 422, body = Problem)))]
async fn put_boundaries(
    State(s): State<AppState>,
    viewer: Viewer,
    Scope { initiative: i, access }: Scope,
    ApiQuery(q): ApiQuery<UploadParams>,
    Body(body): Body,
) -> AppResult<Json<Uploaded>> {
    require(&access, access.can_upload_boundaries())?;
    let text = String::from_utf8(body.to_vec())
        .map_err(|_| AppError::Invalid(backbone_core::Invalid::one("geojson", "is not UTF-8 text")))?;
    let property = q.property.unwrap_or_else(|| DEFAULT_PROPERTY.to_string());
    let boundaries = super::read_upload(&s, i.id, text, property.clone()).await?;
    let set = s.store.save_boundaries(&viewer.actor(), i.id, &property, &boundaries).await?;
    Ok(Json(Uploaded { version: set.version, places: set.boundaries.into_iter().map(|b| b.place).collect() }))
}
