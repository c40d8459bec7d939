//! Static assets, compiled into the binary: the style sheet, a little JavaScript, the favicon and
//! the vendored Chart.js, Cytoscape.js and Leaflet.
//!
//! Pages name each asset by a fingerprinted address (`url("backbone.css")` →
//! `/assets/backbone.1a2b3c4d5e.css`, the hash of its content), served as immutable for a
//! year: a browser or CDN never asks again, and a new release names new addresses. The plain
//! address still answers (revalidated by its `ETag`). Each asset is compressed once, in gzip
//! and brotli, when first asked for.

use crate::http::compress::Encoded;
use axum::extract::Path;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use bytes::Bytes;
use sha2::{Digest, Sha256};
use std::sync::LazyLock;

/// Every asset: its name under `/assets/`, its content type and its content.
const FILES: &[(&str, &str, &str)] = &[
    ("backbone.css", "text/css; charset=utf-8", include_str!("assets/backbone.css")),
    ("backbone.js", "text/javascript; charset=utf-8", include_str!("assets/backbone.js")),
    ("favicon.svg", "image/svg+xml", include_str!("assets/favicon.svg")),
    ("map.js", "text/javascript; charset=utf-8", include_str!("assets/map.js")),
    ("vendor/chart.umd.min.js", "text/javascript; charset=utf-8", include_str!("assets/vendor/chart.umd.min.js")),
    // Only the partner network page loads it (442 KB).
    ("vendor/cytoscape.min.js", "text/javascript; charset=utf-8", include_str!("assets/vendor/cytoscape.min.js")),
    // Only the map pages load Leaflet (148 KB) and the map's script.
    ("vendor/leaflet.js", "text/javascript; charset=utf-8", include_str!("assets/vendor/leaflet.js")),
    ("vendor/leaflet.css", "text/css; charset=utf-8", include_str!("assets/vendor/leaflet.css")),
];

/// Each asset's content hash (the first ten hex digits of its SHA-256).
static HASHES: LazyLock<Vec<String>> = LazyLock::new(|| {
    FILES.iter().map(|(_, _, body)| hex::encode(Sha256::digest(body.as_bytes()))[..10].to_string()).collect()
});

/// Each asset compressed, made on the blocking pool the first time any is asked for.
static ENCODED: tokio::sync::OnceCell<Vec<Encoded>> = tokio::sync::OnceCell::const_new();

/// The fingerprinted address of an asset, for templates: `url("vendor/leaflet.js")`.
pub fn url(name: &str) -> String {
    match FILES.iter().position(|(n, _, _)| *n == name) {
        Some(i) => fingerprinted(name, &HASHES[i]),
        None => format!("/assets/{name}"),
    }
}

fn fingerprinted(name: &str, hash: &str) -> String {
    match name.rsplit_once('.') {
        Some((stem, ext)) => format!("/assets/{stem}.{hash}.{ext}"),
        None => format!("/assets/{name}.{hash}"),
    }
}

pub fn routes<S: Clone + Send + Sync + 'static>() -> Router<S> {
    Router::new()
        .route("/assets/{*name}", get(asset))
        .route("/favicon.ico", get(|h: HeaderMap| async move { serve(2, false, &h).await }))
}

async fn asset(Path(name): Path<String>, headers: HeaderMap) -> Response {
    for (i, (plain, _, _)) in FILES.iter().enumerate() {
        if name == *plain {
            return serve(i, false, &headers).await;
        }
        if format!("/assets/{name}") == fingerprinted(plain, &HASHES[i]) {
            return serve(i, true, &headers).await;
        }
    }
    let mut resp = StatusCode::NOT_FOUND.into_response();
    resp.extensions_mut().insert(crate::http::cache::NoFormToken);
    resp
}

async fn serve(i: usize, immutable: bool, request: &HeaderMap) -> Response {
    let encoded = ENCODED
        .get_or_init(|| async {
            tokio::task::spawn_blocking(|| {
                FILES.iter().map(|(_, _, body)| Encoded::new(Bytes::from_static(body.as_bytes()))).collect()
            })
            .await
            .unwrap_or_default()
        })
        .await;
    let Some(e) = encoded.get(i) else {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    };
    let etag = format!("\"{}\"", HASHES[i]);
    let cache = if immutable { "public, max-age=31536000, immutable" } else { "public, no-cache" };
    let (coding, body) = e.choose(request.get(header::ACCEPT_ENCODING).and_then(|v| v.to_str().ok()));
    let tag = format!("\"{}{}\"", HASHES[i], coding.suffix());
    let seen = request
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|l| l.split(',').any(|t| t.trim().trim_start_matches("W/") == tag || t.trim() == etag));
    let mut resp = if seen { StatusCode::NOT_MODIFIED.into_response() } else { Response::new(body.clone().into()) };
    let h = resp.headers_mut();
    if !seen {
        h.insert(header::CONTENT_TYPE, HeaderValue::from_static(FILES[i].1));
        if let Some(c) = coding.header() {
            h.insert(header::CONTENT_ENCODING, HeaderValue::from_static(c));
        }
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    h.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    if let Ok(v) = HeaderValue::from_str(&tag) {
        h.insert(header::ETAG, v);
    }
    // The same for everyone: no cookie comes with it.
    resp.extensions_mut().insert(crate::http::cache::NoFormToken);
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_asset_is_named_by_its_content() {
        let css = url("backbone.css");
        assert!(
            css.starts_with("/assets/backbone.")
                && css.ends_with(".css")
                && css.len() == "/assets/backbone..css".len() + 10
        );
        assert!(url("vendor/leaflet.js").starts_with("/assets/vendor/leaflet."));
        assert_eq!(url("nothing.js"), "/assets/nothing.js");
    }
}
