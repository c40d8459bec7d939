//! The pages of shared measurement: the dashboard, each indicator's page, the Data page (upload,
//! drafts, review), defining indicators, and the places and breakdowns numbers are reported by.

mod dashboard;
mod data;
mod definitions;
mod indicator;
mod setup;

use crate::http::prelude::*;
use crate::measurement::import::MAX_UPLOAD_BYTES;
use axum::http::Method;
use axum::routing::post;

pub fn routes() -> PageRoutes {
    PageRoutes::new()
        .get("/i/{slug}/dashboard", dashboard::dashboard)
        .get("/i/{slug}/dashboard.csv", dashboard::dashboard_download)
        .get_post("/i/{slug}/indicators/new", definitions::indicator_new, definitions::indicator_create)
        .get("/i/{slug}/indicators/{key}", indicator::indicator_page)
        .get_post("/i/{slug}/indicators/{key}/edit", definitions::indicator_edit, definitions::indicator_update)
        .get("/i/{slug}/indicators/{key}/data.csv", indicator::indicator_download)
        .get("/i/{slug}/data", data::data_home)
        .route("/i/{slug}/data/upload", upload_route(), &[Method::POST])
        .post("/i/{slug}/data/import", data::import)
        .post("/i/{slug}/data/review", data::review)
        .post("/i/{slug}/data/send-drafts", data::send_drafts)
        .get("/i/{slug}/data/setup", setup::setup_page)
        .post("/i/{slug}/data/setup/{list}", setup::setup_save)
}

fn upload_route() -> axum::routing::MethodRouter<AppState> {
    // Room for the form's other fields around the file.
    let limit = MAX_UPLOAD_BYTES + 64 * 1024;
    post(data::upload)
        .layer::<_, std::convert::Infallible>(axum::extract::DefaultBodyLimit::max(limit))
        .layer::<_, std::convert::Infallible>(axum::Extension(crate::http::extract::Limit(limit)))
}
