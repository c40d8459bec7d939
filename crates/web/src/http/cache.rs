//! HTTP caching of public answers, as the web expects it.
//!
//! What the public reads — pages, their CSV and the API, asked without a sign-in — is the same
//! for every visitor who asks in the same language, and it changes only when the store's
//! content version moves (an approval, a changed definition: every audited write but those in
//! `core::audit::changes_nothing_public`). So each app server keeps the answers it made, with
//! the version they were made at, compressed once in gzip and brotli, and asks the store for the
//! version on every request: one indexed row, so an approval on any server sharing the database
//! makes the next answer of every server fresh. Answers also carry the minute they were made
//! in, so what a page says about "now" (a meeting's "upcoming", a vote closing) is never more
//! than a minute old.
//!
//! Each public answer carries an `ETag` (a hash of its body, marked with its encoding) and a
//! `Last-Modified`, and a request that already has it gets `304 Not Modified`. `Cache-Control:
//! public, no-cache` lets a browser, proxy or CDN keep it and ask again each time (a cheap 304);
//! signed-in answers stay `no-store` (`viewer::resolve_viewer`). An answer whose handler set its
//! own `Cache-Control` (a private feed by its secret key), that is not a success, that carries
//! the visitor's form token or sets a cookie, is never kept.

use crate::http::compress::Encoded;
use crate::http::i18n::Tr;
use crate::http::viewer::{Via, Viewer};
use crate::AppState;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, RwLock};

/// The largest answer kept; larger ones are made afresh each time.
const MAX_ENTRY: usize = 4 << 20;

/// A visitor's page that does not use their form token needs no pre-session cookie: the
/// cache tells `resolve_viewer` so, and the answer stays cacheable by anyone.
#[derive(Debug, Clone, Copy)]
pub struct NoFormToken;

/// One answer kept: made at `version` in `minute`.
struct Entry {
    version: i64,
    minute: i64,
    etag: String,
    last_modified: DateTime<Utc>,
    headers: HeaderMap,
    body: Encoded,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Key {
    /// Path and query.
    address: String,
    lang: String,
}

/// The public answers this server keeps, within a byte budget.
pub struct PublicCache {
    entries: RwLock<HashMap<Key, Arc<Entry>>>,
    /// One answer made at a time per address: the others wait for it (or, when only the
    /// minute has turned, are given the answer of the minute before meanwhile).
    making: std::sync::Mutex<HashMap<Key, Arc<tokio::sync::Mutex<()>>>>,
    /// Addresses whose last answer could not be kept (a form with the visitor's token, an
    /// error): made for each request without waiting for another's.
    unkept: RwLock<std::collections::HashSet<Key>>,
    bytes: AtomicUsize,
    budget: usize,
    hits: AtomicU64,
    misses: AtomicU64,
}

/// How the cache has done since the server started.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CacheStats {
    pub hits: u64,
    pub misses: u64,
    pub entries: usize,
    pub bytes: usize,
}

impl PublicCache {
    pub fn new(budget_bytes: usize) -> PublicCache {
        PublicCache {
            entries: RwLock::new(HashMap::new()),
            making: std::sync::Mutex::new(HashMap::new()),
            unkept: RwLock::new(std::collections::HashSet::new()),
            bytes: AtomicUsize::new(0),
            budget: budget_bytes,
            hits: AtomicU64::new(0),
            misses: AtomicU64::new(0),
        }
    }

    pub fn stats(&self) -> CacheStats {
        let entries = self.entries.read().map(|e| e.len()).unwrap_or(0);
        CacheStats {
            hits: self.hits.load(Ordering::Relaxed),
            misses: self.misses.load(Ordering::Relaxed),
            entries,
            bytes: self.bytes.load(Ordering::Relaxed),
        }
    }

    /// The lock of one address's making.
    fn making(&self, key: &Key) -> Arc<tokio::sync::Mutex<()>> {
        let Ok(mut making) = self.making.lock() else { return Arc::default() };
        if making.len() > 10_000 {
            // Addresses nobody is making any more (a crawler's odd queries).
            making.retain(|_, m| Arc::strong_count(m) > 1);
        }
        making.entry(key.clone()).or_default().clone()
    }

    fn is_unkept(&self, key: &Key) -> bool {
        self.unkept.read().is_ok_and(|u| u.contains(key))
    }

    fn mark_unkept(&self, key: &Key) {
        if let Ok(mut u) = self.unkept.write() {
            if u.len() > 10_000 {
                u.clear();
            }
            u.insert(key.clone());
        }
    }

    fn get(&self, key: &Key) -> Option<Arc<Entry>> {
        self.entries.read().ok()?.get(key).cloned()
    }

    fn put(&self, key: Key, entry: Entry) -> Arc<Entry> {
        let entry = Arc::new(entry);
        let size = entry.body.bytes() + key.address.len();
        let Ok(mut entries) = self.entries.write() else { return entry };
        if self.bytes.load(Ordering::Relaxed) + size > self.budget {
            // Out of date answers go first; if that is not enough, everything (the next
            // requests make again what is asked for).
            let version = entry.version;
            entries.retain(|_, e| e.version == version);
            let kept: usize = entries.iter().map(|(k, e)| e.body.bytes() + k.address.len()).sum();
            if kept + size > self.budget {
                entries.clear();
            }
            self.bytes.store(entries.iter().map(|(k, e)| e.body.bytes() + k.address.len()).sum(), Ordering::Relaxed);
        }
        if let Some(old) = entries.insert(key.clone(), entry.clone()) {
            self.bytes.fetch_sub(old.body.bytes() + key.address.len(), Ordering::Relaxed);
        }
        self.bytes.fetch_add(size, Ordering::Relaxed);
        entry
    }
}

/// The middleware: public GET and HEAD answers from what is kept, or made and kept.
pub async fn public_answers(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if !matches!(*req.method(), Method::GET | Method::HEAD)
        || req.uri().path().starts_with("/assets/")
        || req.uri().path() == "/healthz"
    {
        return next.run(req).await;
    }
    // A server told to keep nothing (`public_cache_mb = 0`) makes every answer afresh.
    if state.cache.budget == 0 {
        return next.run(req).await;
    }
    let Some(viewer) = req.extensions().get::<Viewer>().cloned() else {
        return next.run(req).await;
    };
    if viewer.via != Via::Nobody {
        return next.run(req).await;
    }
    let version = match state.store.content_version().await {
        Ok(v) => v,
        // The answer is made afresh and not kept; the handler meets the same database.
        Err(e) => {
            tracing::warn!(error = %e, "content version unreadable: answering without the cache");
            return next.run(req).await;
        }
    };
    let now = Utc::now();
    let minute = now.timestamp().div_euclid(60);
    let key = Key {
        address: req.uri().path_and_query().map(|p| p.as_str().to_string()).unwrap_or_else(|| "/".into()),
        lang: Tr::from_headers(req.headers()).lang().to_string(),
    };
    let cache = &state.cache;
    let fresh = |e: &Arc<Entry>| e.version == version.version && e.minute == minute;
    let mut previous = cache.get(&key);
    if let Some(e) = previous.as_ref().filter(|e| fresh(e)) {
        cache.hits.fetch_add(1, Ordering::Relaxed);
        return answer(e, req.headers());
    }
    // An answer is made once for everyone waiting for it (after a change, or the first time),
    // but at addresses whose answers are not kept (a page with a visitor's form token, made for
    // each visitor), nobody waits for another's.
    let making = (previous.is_some() || !cache.is_unkept(&key)).then(|| cache.making(&key));
    let _making = match making.as_ref().map(|m| m.try_lock()) {
        None => None,
        Some(Ok(guard)) => Some(guard),
        Some(Err(_)) => {
            // Another request is making this answer. If only the minute turned, what was
            // true a minute ago is given meanwhile; if the content changed, wait for it.
            if let Some(e) = previous.as_ref().filter(|e| e.version == version.version) {
                cache.hits.fetch_add(1, Ordering::Relaxed);
                return answer(e, req.headers());
            }
            let guard = match making.as_ref() {
                Some(m) => Some(m.lock().await),
                None => None,
            };
            previous = cache.get(&key);
            if let Some(e) = previous.as_ref().filter(|e| fresh(e)) {
                cache.hits.fetch_add(1, Ordering::Relaxed);
                return answer(e, req.headers());
            }
            guard
        }
    };
    cache.misses.fetch_add(1, Ordering::Relaxed);
    let request_headers = req.headers().clone();
    let resp = next.run(req).await;
    let keepable = resp.status() == StatusCode::OK
        && !resp.headers().contains_key(header::CACHE_CONTROL)
        && !resp.headers().contains_key(header::SET_COOKIE)
        && !resp.headers().contains_key(header::CONTENT_ENCODING)
        && resp.headers().get("x-accel-buffering").is_none()
        && axum::body::HttpBody::size_hint(resp.body()).upper().is_some_and(|n| n as usize <= MAX_ENTRY);
    if !keepable {
        cache.mark_unkept(&key);
        return resp;
    }
    let (mut parts, body) = resp.into_parts();
    let body = match axum::body::to_bytes(body, MAX_ENTRY).await {
        Ok(b) => b,
        Err(e) => return crate::http::error::AppError::Internal(format!("reading an answer: {e}")).into_response(),
    };
    // A page with a form for the visitor carries their token: theirs alone.
    if !viewer.csrf.is_empty() && memchr::memmem::find(&body, viewer.csrf.as_bytes()).is_some() {
        cache.mark_unkept(&key);
        return Response::from_parts(parts, Body::from(body));
    }
    let headers = {
        parts.headers.remove(header::CONTENT_LENGTH);
        parts.headers.clone()
    };
    let made = tokio::task::spawn_blocking(move || {
        let etag = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&body))[..20].to_string();
        (etag, Encoded::new(body))
    })
    .await;
    let (etag, encoded) = match made {
        Ok(m) => m,
        Err(e) => return crate::http::error::AppError::Internal(format!("compressing an answer: {e}")).into_response(),
    };
    // When the body last changed: the content version's time, unless the same version made a
    // different body before (something that depends on the time of day changed).
    let last_modified = match previous {
        Some(p) if p.etag == etag => p.last_modified,
        Some(p) if p.version == version.version => now,
        _ => version.changed_at,
    };
    let entry = cache.put(key, Entry { version: version.version, minute, etag, last_modified, headers, body: encoded });
    answer(&entry, &request_headers)
}

/// A kept answer for this request: the encoding it accepts, or 304 if it has it already.
fn answer(e: &Entry, request: &HeaderMap) -> Response {
    let (coding, body) = e.body.choose(request.get(header::ACCEPT_ENCODING).and_then(|v| v.to_str().ok()));
    let etag = format!("\"{}{}\"", e.etag, coding.suffix());
    let last_modified = httpdate::fmt_http_date(e.last_modified.into());
    let not_modified = match request.get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()) {
        Some(tags) => matches_tag(tags, &e.etag),
        None => request
            .get(header::IF_MODIFIED_SINCE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| httpdate::parse_http_date(v).ok())
            .is_some_and(|since| DateTime::<Utc>::from(since).timestamp() >= e.last_modified.timestamp()),
    };
    let mut resp = if not_modified {
        let mut r = StatusCode::NOT_MODIFIED.into_response();
        // A 304 carries the validators and caching headers, not the body's own.
        r.headers_mut().remove(header::CONTENT_LENGTH);
        r
    } else {
        let mut r = Response::new(Body::from(body.clone()));
        *r.headers_mut() = e.headers.clone();
        if let Some(c) = coding.header() {
            r.headers_mut().insert(header::CONTENT_ENCODING, HeaderValue::from_static(c));
        }
        r
    };
    let h = resp.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&etag) {
        h.insert(header::ETAG, v);
    }
    if let Ok(v) = HeaderValue::from_str(&last_modified) {
        h.insert(header::LAST_MODIFIED, v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, no-cache"));
    h.insert(header::VARY, HeaderValue::from_static("Accept-Encoding, Accept-Language, Cookie"));
    resp.extensions_mut().insert(NoFormToken);
    resp
}

/// Whether an `If-None-Match` list names this body, in any of its encodings (weak comparison,
/// as for GET).
fn matches_tag(list: &str, etag: &str) -> bool {
    list.split(',').map(str::trim).any(|t| {
        if t == "*" {
            return true;
        }
        let t = t.strip_prefix("W/").unwrap_or(t).trim_matches('"');
        let base = t.strip_suffix("-gzip").or_else(|| t.strip_suffix("-br")).unwrap_or(t);
        base == etag
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use bytes::Bytes;

    #[test]
    fn a_tag_matches_in_any_encoding_and_weakly() {
        assert!(matches_tag("\"abc\"", "abc"));
        assert!(matches_tag("\"x\", W/\"abc-gzip\"", "abc"));
        assert!(matches_tag("\"abc-br\"", "abc"));
        assert!(matches_tag("*", "abc"));
        assert!(!matches_tag("\"abcd\"", "abc"));
    }

    #[test]
    fn the_budget_keeps_current_answers_first() {
        let cache = PublicCache::new(3000);
        let entry = |version| Entry {
            version,
            minute: 0,
            etag: "e".into(),
            last_modified: Utc::now(),
            headers: HeaderMap::new(),
            body: Encoded::new(Bytes::from(vec![b'a'; 900])),
        };
        let key = |a: &str| Key { address: a.into(), lang: "en".into() };
        cache.put(key("/old"), entry(1));
        cache.put(key("/a"), entry(2));
        cache.put(key("/b"), entry(2));
        cache.put(key("/c"), entry(2));
        assert!(cache.get(&key("/old")).is_none(), "out of date answers go first");
        assert!(cache.get(&key("/c")).is_some());
        assert!(cache.stats().bytes <= 3000);
    }
}
