//! Backbone's HTTP face: the JSON API under `/api/v1` (OpenAPI at `/api/openapi.json`), the
//! server-rendered pages, sign-in and sessions, and embedded static assets.
//!
//! This crate is the only one that knows about HTTP. Handlers are thin: they resolve the viewer,
//! ask `backbone_core::access` what the viewer may do, call the `Store`, and render.
// askama's derive(Template) expands template comparisons into code clippy flags as cmp_owned.
#![allow(clippy::cmp_owned)]

pub mod api;
pub mod auth;
pub mod error;
pub mod i18n;
pub mod measure_api;
pub mod measure_import;
pub mod measure_pages;
pub mod pages;
pub mod view;

use axum::extract::{DefaultBodyLimit, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use backbone_core::store::prelude::*;
use std::sync::Arc;

/// Settings the web layer needs; the CLI fills them from flags, `BACKBONE_*` and the TOML file.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// Mark cookies `Secure` (set when Backbone is served over HTTPS).
    pub secure_cookies: bool,
    /// Take the client address from `X-Forwarded-For` (only behind a trusted reverse proxy).
    pub trust_proxy: bool,
    /// How long a sign-in lasts.
    pub session_hours: i64,
    /// Largest request body accepted, in bytes.
    pub body_limit: usize,
}

impl Default for WebConfig {
    fn default() -> Self {
        WebConfig { secure_cookies: false, trust_proxy: false, session_hours: 12, body_limit: 1024 * 1024 }
    }
}

#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    pub config: Arc<WebConfig>,
}

impl AppState {
    pub fn new(store: Arc<dyn Store>, config: WebConfig) -> Self {
        AppState { store, config: Arc::new(config) }
    }
}

/// The whole application: pages, API, assets and health check.
pub fn router(state: AppState) -> Router {
    let (api_router, _) = api::routes().split_for_parts();
    Router::new()
        .merge(pages::routes())
        .merge(measure_pages::routes())
        .merge(api_router)
        .route("/api/openapi.json", get(openapi_json))
        .route("/healthz", get(healthz))
        .route("/assets/backbone.css", get(css))
        .route("/assets/backbone.js", get(js))
        .route("/assets/vendor/chart.umd.min.js", get(chart_js))
        .route("/favicon.ico", get(favicon))
        .route("/assets/favicon.svg", get(favicon))
        .fallback(pages::not_found)
        .layer(axum::middleware::from_fn_with_state(state.clone(), auth::resolve_viewer))
        .layer(axum::middleware::from_fn(security_headers))
        .layer(DefaultBodyLimit::max(state.config.body_limit))
        .with_state(state)
}

/// The OpenAPI 3 document, generated from the handlers' annotations.
pub fn openapi() -> utoipa::openapi::OpenApi {
    api::routes().split_for_parts().1
}

async fn openapi_json() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], openapi().to_pretty_json().unwrap_or_default()).into_response()
}

/// 200 once the database answers; 503 otherwise (for load balancers and orchestration).
async fn healthz(State(state): State<AppState>) -> Response {
    match state.store.ping().await {
        Ok(()) => (StatusCode::OK, "ok").into_response(),
        Err(e) => {
            tracing::warn!(error = %e, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unreachable").into_response()
        }
    }
}

async fn css() -> Response {
    asset("text/css; charset=utf-8", include_str!("../assets/backbone.css"))
}

async fn js() -> Response {
    asset("text/javascript; charset=utf-8", include_str!("../assets/backbone.js"))
}

async fn favicon() -> Response {
    asset("image/svg+xml", include_str!("../assets/favicon.svg"))
}

async fn chart_js() -> Response {
    asset("text/javascript; charset=utf-8", include_str!("../assets/vendor/chart.umd.min.js"))
}

fn asset(content_type: &'static str, body: &'static str) -> Response {
    ([(header::CONTENT_TYPE, content_type), (header::CACHE_CONTROL, "public, max-age=3600")], body).into_response()
}

async fn security_headers(req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let mut resp = next.run(req).await;
    let h = resp.headers_mut();
    h.insert("x-content-type-options", HeaderValue::from_static("nosniff"));
    h.insert("x-frame-options", HeaderValue::from_static("DENY"));
    h.insert("referrer-policy", HeaderValue::from_static("same-origin"));
    h.insert(
        "content-security-policy",
        HeaderValue::from_static("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'"),
    );
    resp
}
