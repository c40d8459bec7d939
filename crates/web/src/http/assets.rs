//! Static assets, compiled into the binary: the style sheet, a little JavaScript, the favicon and
//! the vendored Chart.js, Cytoscape.js and Leaflet.

use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

pub fn routes<S: Clone + Send + Sync + 'static>() -> Router<S> {
    Router::new()
        .route("/assets/backbone.css", get(css))
        .route("/assets/backbone.js", get(js))
        .route("/assets/vendor/chart.umd.min.js", get(chart_js))
        .route("/assets/vendor/cytoscape.min.js", get(cytoscape_js))
        .route("/assets/vendor/leaflet.js", get(leaflet_js))
        .route("/assets/vendor/leaflet.css", get(leaflet_css))
        .route("/assets/map.js", get(map_js))
        .route("/favicon.ico", get(favicon))
        .route("/assets/favicon.svg", get(favicon))
}

async fn css() -> Response {
    asset("text/css; charset=utf-8", include_str!("assets/backbone.css"))
}

async fn js() -> Response {
    asset("text/javascript; charset=utf-8", include_str!("assets/backbone.js"))
}

async fn favicon() -> Response {
    asset("image/svg+xml", include_str!("assets/favicon.svg"))
}

async fn chart_js() -> Response {
    asset("text/javascript; charset=utf-8", include_str!("assets/vendor/chart.umd.min.js"))
}

/// Only the partner network page loads it (442 KB).
async fn cytoscape_js() -> Response {
    asset("text/javascript; charset=utf-8", include_str!("assets/vendor/cytoscape.min.js"))
}

/// Only the map pages load Leaflet (148 KB) and the map's script.
async fn leaflet_js() -> Response {
    asset("text/javascript; charset=utf-8", include_str!("assets/vendor/leaflet.js"))
}

async fn leaflet_css() -> Response {
    asset("text/css; charset=utf-8", include_str!("assets/vendor/leaflet.css"))
}

async fn map_js() -> Response {
    asset("text/javascript; charset=utf-8", include_str!("assets/map.js"))
}

fn asset(content_type: &'static str, body: &'static str) -> Response {
    ([(header::CONTENT_TYPE, content_type), (header::CACHE_CONTROL, "public, max-age=3600")], body).into_response()
}
