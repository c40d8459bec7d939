//! Backbone's HTTP face: the JSON API under `/api/v1` (OpenAPI at `/api/openapi.json`), the
//! server-rendered pages, sign-in and sessions, and embedded static assets.
//!
//! This crate is the only one that knows about HTTP. `http/` is the shared plumbing; each
//! capability has its own folder with its API (`api.rs`), its pages (`pages.rs`) and their
//! templates (`templates/`). Handlers are thin: they name the initiative and the permission they
//! need, call the `Store`, and render.
// askama's derive(Template) expands template comparisons into code clippy flags as cmp_owned.
#![allow(clippy::cmp_owned)]

pub mod accountability;
pub mod accounts;
pub mod activities;
pub mod agenda;
pub mod assessments;
pub mod audit;
pub mod charters;
pub mod commitments;
pub mod community_assets;
pub mod decisions;
pub mod feed;
pub mod feedback;
pub mod http;
pub mod initiative;
pub mod joining;
pub mod learning;
pub mod mail;
pub mod maps;
pub mod measurement;
pub mod meetings;
pub mod network;
pub mod partners;
pub mod people;
pub mod representation;
pub mod review;
pub mod tables;
pub mod translations;
pub mod turn_the_curve;
pub mod webhooks;

use axum::extract::State;
use axum::http::{HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use backbone_core::Store;
use http::routes::PageRoutes;
use std::sync::Arc;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;

/// Settings the web layer needs; the CLI fills them from flags, `BACKBONE_*` and the TOML file.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// Mark cookies `Secure` (set when Backbone is served over HTTPS).
    pub secure_cookies: bool,
    /// How many reverse proxies in front of Backbone append to `X-Forwarded-For` (0: none; the
    /// client is then the connection's peer).
    pub trusted_proxies: usize,
    /// How long a sign-in lasts.
    pub session_hours: i64,
    /// The community's time zone: meeting times on pages are read and written in it.
    pub time_zone: http::time::LocalTime,
    /// Where digests are sent through (`smtp://user:pass@host:587`, `smtps://…`); none: the
    /// server's log.
    pub smtp_url: Option<String>,
    /// The sender of Backbone's e-mail, e.g. `Riverbend Partnership <backbone@riverbend.org>`.
    pub mail_from: String,
    /// The address people reach Backbone at, for links in e-mail (default: `http://` and the bind address).
    pub public_url: Option<String>,
    /// The memory kept for public answers (`http::cache`), in MiB.
    pub public_cache_mb: usize,
    /// How long a long operation (a big import) may take before its page is streamed with its
    /// progress instead of answering when done (`http::progress`).
    pub progress_after: std::time::Duration,
}

impl Default for WebConfig {
    fn default() -> Self {
        WebConfig {
            secure_cookies: false,
            trusted_proxies: 0,
            session_hours: 12,
            time_zone: Default::default(),
            smtp_url: None,
            mail_from: "Backbone <backbone@localhost>".into(),
            public_url: None,
            public_cache_mb: 64,
            progress_after: http::progress::PATIENCE,
        }
    }
}

#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    pub config: Arc<WebConfig>,
    /// The public answers this server keeps (`http::cache`).
    pub cache: Arc<http::cache::PublicCache>,
}

impl AppState {
    pub fn new(store: Arc<dyn Store>, config: WebConfig) -> Self {
        let budget = config.public_cache_mb << 20;
        AppState { store, config: Arc::new(config), cache: Arc::new(http::cache::PublicCache::new(budget)) }
    }
}

/// Every capability's pages, with the list of their routes.
pub fn page_routes() -> PageRoutes {
    PageRoutes::new()
        .get("/language", http::i18n::choose_language)
        .merge(initiative::pages::routes())
        .merge(accounts::pages::routes())
        .merge(agenda::pages::routes())
        .merge(partners::pages::routes())
        .merge(activities::pages::routes())
        .merge(community_assets::pages::routes())
        .merge(maps::pages::routes())
        .merge(commitments::pages::routes())
        .merge(meetings::pages::routes())
        .merge(decisions::pages::routes())
        .merge(accountability::pages::routes())
        .merge(feed::pages::routes())
        .merge(meetings::calendar::routes())
        .merge(meetings::packet::routes())
        .merge(webhooks::pages::routes())
        .merge(learning::pages::routes())
        .merge(mail::pages::routes())
        .merge(charters::pages::routes())
        .merge(turn_the_curve::pages::routes())
        .merge(people::pages::routes())
        .merge(tables::pages::routes())
        .merge(representation::pages::routes())
        .merge(network::pages::routes())
        .merge(feedback::pages::routes())
        .merge(review::pages::routes())
        .merge(joining::pages::routes())
        .merge(translations::pages::routes())
        .merge(assessments::pages::routes())
        .merge(audit::pages::routes())
        .merge(measurement::pages::routes())
}

/// Every capability's API, with its OpenAPI description.
fn api_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(http::openapi::ApiDoc::openapi())
        .merge(initiative::api::routes())
        .merge(agenda::api::routes())
        .merge(partners::api::routes())
        .merge(activities::api::routes())
        .merge(community_assets::api::routes())
        .merge(maps::api::routes())
        .merge(commitments::api::routes())
        .merge(meetings::api::routes())
        .merge(decisions::api::routes())
        .merge(accountability::api::routes())
        .merge(feed::api::routes())
        .merge(webhooks::api::routes())
        .merge(learning::api::routes())
        .merge(charters::api::routes())
        .merge(turn_the_curve::api::routes())
        .merge(mail::api::routes())
        .merge(people::api::routes())
        .merge(tables::api::routes())
        .merge(representation::api::routes())
        .merge(network::api::routes())
        .merge(feedback::api::routes())
        .merge(review::api::routes())
        .merge(joining::api::routes())
        .merge(translations::api::routes())
        .merge(assessments::api::routes())
        .merge(accounts::api::routes())
        .merge(audit::api::routes())
        .merge(measurement::api::routes())
}

/// Page routes that change something (every one of them must carry its CSRF token).
pub fn state_changing_pages() -> Vec<(Method, &'static str)> {
    page_routes().into_parts().1.into_iter().filter(|(m, _)| m != Method::GET).collect()
}

/// The whole application: pages, API, assets and health check.
pub fn router(state: AppState) -> Router {
    let (api_router, _) = api_routes().split_for_parts();
    let (pages, _) = page_routes().into_parts();
    Router::new()
        .merge(pages)
        .merge(api_router)
        .merge(http::assets::routes())
        .merge(mail::pages::unsubscribe_routes())
        .route("/api/openapi.json", get(openapi_json))
        .route("/healthz", get(healthz))
        .fallback(http::page::not_found)
        .layer(axum::middleware::from_fn(http::csrf::require_csrf))
        .layer(axum::middleware::from_fn_with_state(state.clone(), http::cache::public_answers))
        .layer(axum::middleware::from_fn(http::nul::refuse_in_address))
        .layer(axum::middleware::from_fn_with_state(state.clone(), http::viewer::resolve_viewer))
        .layer(tower_http::compression::CompressionLayer::new().compress_when(http::compress::compress_fresh()))
        .layer(axum::middleware::from_fn(security_headers))
        .layer(axum::extract::DefaultBodyLimit::max(http::extract::DEFAULT_BODY_LIMIT))
        .with_state(state)
}

/// The OpenAPI 3.1 document: generated from the handlers' annotations, completed with what the
/// shared plumbing answers (`http::openapi`).
pub fn openapi() -> serde_json::Value {
    http::openapi::complete(api_routes().split_for_parts().1)
}

async fn openapi_json() -> Response {
    static DOC: std::sync::LazyLock<String> =
        std::sync::LazyLock::new(|| serde_json::to_string_pretty(&openapi()).unwrap_or_default());
    ([(axum::http::header::CONTENT_TYPE, "application/json")], DOC.as_str()).into_response()
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
