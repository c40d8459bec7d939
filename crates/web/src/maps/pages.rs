//! The pages of this capability: staff's upload of boundaries, and the maps.

use super::{map_data, MapData};
use crate::http::prelude::*;
use backbone_core::maps::{BoundarySet, DEFAULT_PROPERTY};
use backbone_core::measure::indicator::Indicator;

pub fn routes() -> PageRoutes {
    PageRoutes::new()
        .get_post("/i/{slug}/boundaries", upload_page, upload)
        .get("/i/{slug}/map", places_map)
        .get("/i/{slug}/indicators/{key}/map", indicator_map)
}

#[derive(Template)]
#[template(path = "maps/templates/upload.html")]
struct UploadPage {
    page: PageCtx,
    i: Initiative,
    property: String,
    geojson: String,
    versions: Vec<BoundarySet>,
    errors: Errors,
    /// Every problem of the file, with the feature and field it is in.
    problems: Vec<(String, String)>,
}

async fn upload_form(
    s: &AppState,
    req: &Req,
    i: Initiative,
    access: Access,
    property: String,
    geojson: String,
    problems: Vec<(String, String)>,
) -> PageResult {
    req.require(&access, access.can_upload_boundaries())?;
    let mut versions = s.store.boundary_versions(i.id).await.map_err(|e| req.err(e))?;
    versions.reverse();
    let mut errors = Errors::default();
    for (field, reason) in &problems {
        let name = if field == "property" { "property" } else { "geojson" };
        errors.add(name, format!("{field}: {reason}"));
    }
    let page = UploadPage {
        page: req.page(req.t.get("boundaries-title"), Some((&i, &access)), "measurement"),
        property,
        geojson,
        versions,
        errors,
        problems,
        i,
    };
    render_form(&page, &page.errors, req.t)
}

async fn upload_page(State(s): State<AppState>, req: Req, Scope { initiative: i, access }: Scope) -> PageResult {
    upload_form(&s, &req, i, access, DEFAULT_PROPERTY.to_string(), String::new(), Vec::new()).await
}

async fn upload(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    f: FormData,
) -> PageResult {
    req.require(&access, access.can_upload_boundaries())?;
    let property =
        Some(f.get("property").trim().to_string()).filter(|p| !p.is_empty()).unwrap_or(DEFAULT_PROPERTY.into());
    let geojson = f.get("geojson").to_string();
    let problems = match super::read_upload(&s, i.id, geojson.clone(), property.clone()).await {
        Ok(boundaries) => match s.store.save_boundaries(&req.viewer.actor(), i.id, &property, &boundaries).await {
            Ok(_) => return Ok(see_other(&format!("/i/{}/map?notice=saved", i.slug))),
            Err(backbone_core::StoreError::Invalid(inv)) => inv.0.into_iter().map(|e| (e.field, e.reason)).collect(),
            Err(e) => return Err(req.err(e)),
        },
        Err(AppError::Invalid(inv)) => inv.0.into_iter().map(|e| (e.field, e.reason)).collect(),
        Err(e) => return Err(req.err(e)),
    };
    upload_form(&s, &req, i, access, property, geojson, problems).await
}

#[derive(Template)]
#[template(path = "maps/templates/map.html")]
struct MapPage {
    page: PageCtx,
    i: Initiative,
    ind: Option<Indicator>,
    map: Option<MapData>,
    /// The map's data for the browser (JSON, safe inside a script element).
    data: String,
    can_upload: bool,
}

async fn show_map(s: &AppState, req: &Req, i: Initiative, access: Access, ind: Option<Indicator>) -> PageResult {
    let map = map_data(s, &i, &access, ind.as_ref(), req.t).await.map_err(|e| req.err(e))?;
    let data = match &map {
        Some(m) => serde_json::json!({"places": m.places, "pins": m.pins, "hidden": req.t.get("map-hidden")})
            .to_string()
            .replace("</", "<\\/"),
        None => String::new(),
    };
    let title = match &ind {
        Some(ind) => {
            let name = crate::translations::content(s, req, &i).await?.indicator_name(ind);
            req.t.with("map-indicator-title", "name", &name.text)
        }
        None => req.t.get("map-title"),
    };
    let page = MapPage {
        page: req.page(title, Some((&i, &access)), "measurement"),
        can_upload: access.can_upload_boundaries(),
        ind,
        map,
        data,
        i,
    };
    render(&page, req.t)
}

async fn places_map(State(s): State<AppState>, req: Req, Scope { initiative: i, access }: Scope) -> PageResult {
    show_map(&s, &req, i, access, None).await
}

async fn indicator_map(
    State(s): State<AppState>,
    req: Req,
    scope: Scope,
    ApiPath((_, key)): ApiPath<(String, String)>,
) -> PageResult {
    let ind = crate::measurement::view::visible_indicator(&s, &scope, &key).await.map_err(|e| req.err(e))?;
    show_map(&s, &req, scope.initiative, scope.access, Some(ind)).await
}
