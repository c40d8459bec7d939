//! Who is asking: each request is turned once into a `Viewer` (the user from a session cookie or
//! an API token, all their roles, the CSRF token their forms must carry, the client address).
//! Secrets are random 256-bit values; only their SHA-256 hashes are stored.

use crate::http::error::AppError;
use crate::AppState;
use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::{header, request::Parts, HeaderMap, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use backbone_core::access::{Access, ServerAccess};
use backbone_core::accounts::{RoleGrant, User};
use backbone_core::audit::Actor;
use backbone_core::initiative::Initiative;
use chrono::Utc;
use rand::RngCore;
use sha2::{Digest, Sha256};
use std::net::SocketAddr;

pub const SESSION_COOKIE: &str = "bb_session";
pub const PRE_SESSION_COOKIE: &str = "bb_pre";
pub const CSRF_HEADER: &str = "x-csrf-token";

pub fn new_secret() -> String {
    let mut b = [0u8; 32];
    rand::rng().fill_bytes(&mut b);
    hex::encode(b)
}

pub fn sha256_hex(s: &str) -> String {
    hex::encode(Sha256::digest(s.as_bytes()))
}

fn csrf_for(secret: &str) -> String {
    sha256_hex(&format!("csrf:{secret}"))
}

pub fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// How the request proved who it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Via {
    Nobody,
    Session,
    Token,
}

/// The viewer of a request: the user (if any), all their role grants, and the CSRF token their
/// forms must carry.
#[derive(Debug, Clone)]
pub struct Viewer {
    pub user: Option<User>,
    pub grants: Vec<RoleGrant>,
    pub via: Via,
    pub csrf: String,
    pub client: String,
}

impl Viewer {
    /// What an hourly limit on the public's messages counts by: a hash of the client address, for
    /// one purpose in one initiative (the address itself is never stored).
    pub fn limit_key(&self, purpose: &str, initiative_id: backbone_core::Id) -> String {
        sha256_hex(&format!("{purpose}:{initiative_id}:{}", self.client))
    }

    /// What this viewer may see and do in one initiative.
    pub fn access(&self, initiative: &Initiative) -> Access {
        Access::new(self.user.clone(), initiative.id, &self.grants)
    }

    /// What this viewer may do on the server as a whole.
    pub fn server(&self) -> ServerAccess {
        ServerAccess::new(self.user.clone(), self.grants.clone(), self.via == Via::Session)
    }

    pub fn actor(&self) -> Actor {
        match &self.user {
            Some(u) => Actor::user(u),
            None => Actor::system("public"),
        }
    }

    /// The signed-in user, or 401.
    pub fn require_user(&self) -> Result<&User, AppError> {
        self.user.as_ref().ok_or(AppError::Unauthenticated)
    }

    /// `Ok` when the server-wide permission `allowed` holds; otherwise 401 for the public and
    /// 403 for others.
    pub fn require_server(&self, allowed: impl FnOnce(&ServerAccess) -> bool) -> Result<(), AppError> {
        let server = self.server();
        if allowed(&server) {
            Ok(())
        } else if server.signed_in() {
            Err(AppError::Forbidden)
        } else {
            Err(AppError::Unauthenticated)
        }
    }

    pub fn user_id(&self) -> Option<backbone_core::Id> {
        self.user.as_ref().map(|u| u.id)
    }

    /// Checks a form's CSRF token.
    pub fn csrf_matches(&self, token: &str) -> bool {
        !self.csrf.is_empty() && constant_time_eq(&self.csrf, token)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Viewer {
    type Rejection = AppError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts.extensions.get::<Viewer>().cloned().ok_or_else(|| AppError::Internal("viewer middleware missing".into()))
    }
}

/// The client's address. Behind `trusted_proxies` reverse proxies, it is the address the
/// outermost trusted proxy appended to `X-Forwarded-For` (counting from the right, where each
/// proxy appends): anything further left was written by the client and proves nothing.
pub fn client_of(headers: &HeaderMap, peer: Option<SocketAddr>, trusted_proxies: usize) -> String {
    if trusted_proxies > 0 {
        let forwarded: Vec<&str> = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .collect();
        if forwarded.len() >= trusted_proxies {
            return forwarded[forwarded.len() - trusted_proxies].to_string();
        }
    }
    peer.map(|p| p.ip().to_string()).unwrap_or_else(|| "local".into())
}

/// Resolves the viewer once per request (session cookie or `Authorization: Bearer` token),
/// enforces CSRF on cookie-authenticated API writes, gives first-time visitors a pre-session
/// cookie so the sign-in form is CSRF-protected too, and keeps signed-in answers out of caches.
pub async fn resolve_viewer(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let headers = req.headers().clone();
    let now = Utc::now();
    let peer = req.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0);
    let client = client_of(&headers, peer, state.config.trusted_proxies);
    let mut viewer = Viewer { user: None, grants: Vec::new(), via: Via::Nobody, csrf: String::new(), client };
    let mut set_pre: Option<String> = None;

    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    if let Some(token) = bearer {
        match state.store.api_token_user(&sha256_hex(token), now).await {
            Ok(Some(u)) => {
                viewer.user = Some(u);
                viewer.via = Via::Token;
            }
            Ok(None) => return AppError::Unauthenticated.into_response(),
            Err(e) => return AppError::from(e).into_response(),
        }
    } else if let Some(secret) = cookie(&headers, SESSION_COOKIE) {
        match state.store.session_user(&sha256_hex(&secret), now).await {
            Ok(Some(u)) => {
                viewer.user = Some(u);
                viewer.via = Via::Session;
                viewer.csrf = csrf_for(&secret);
            }
            Ok(None) => {}
            Err(e) => return AppError::from(e).into_response(),
        }
    }
    if viewer.via == Via::Nobody {
        let pre = cookie(&headers, PRE_SESSION_COOKIE).filter(|p| p.len() == 64).unwrap_or_else(|| {
            let p = new_secret();
            set_pre = Some(p.clone());
            p
        });
        viewer.csrf = csrf_for(&pre);
    }
    if let Some(u) = &viewer.user {
        match state.store.grants_for_user(u.id).await {
            Ok(g) => viewer.grants = g,
            Err(e) => return AppError::from(e).into_response(),
        }
    }

    let unsafe_method = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if unsafe_method && req.uri().path().starts_with("/api/") && viewer.via == Via::Session {
        let sent = headers.get(CSRF_HEADER).and_then(|v| v.to_str().ok()).unwrap_or("");
        if !viewer.csrf_matches(sent) {
            return AppError::Csrf.into_response();
        }
    }

    let signed_in = viewer.user.is_some();
    req.extensions_mut().insert(viewer);
    let mut resp = next.run(req).await;
    // A public answer that carries no form token needs no cookie (and stays cacheable).
    if resp.extensions().get::<crate::http::cache::NoFormToken>().is_some() {
        set_pre = None;
    }
    if let Some(pre) = set_pre {
        let c = format!(
            "{PRE_SESSION_COOKIE}={pre}; Path=/; HttpOnly; SameSite=Lax{}",
            if state.config.secure_cookies { "; Secure" } else { "" }
        );
        if let Ok(v) = HeaderValue::from_str(&c) {
            resp.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    // What a signed-in person sees is theirs alone: no browser or proxy may keep a copy.
    if signed_in || resp.headers().contains_key(header::SET_COOKIE) {
        resp.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_are_read_by_name() {
        let mut h = HeaderMap::new();
        h.insert(header::COOKIE, HeaderValue::from_static("a=1; bb_session=abc; c=3"));
        assert_eq!(cookie(&h, SESSION_COOKIE).as_deref(), Some("abc"));
        assert_eq!(cookie(&h, "missing"), None);
    }

    #[test]
    fn the_client_is_the_address_the_trusted_proxy_appended() {
        let peer: SocketAddr = "10.0.0.2:5000".parse().unwrap();
        let mut h = HeaderMap::new();
        // The client claims to be 1.2.3.4; the proxy appends the address it really saw.
        h.insert("x-forwarded-for", HeaderValue::from_static("1.2.3.4, 203.0.113.7"));
        assert_eq!(client_of(&h, Some(peer), 0), "10.0.0.2", "no proxy trusted: the peer");
        assert_eq!(client_of(&h, Some(peer), 1), "203.0.113.7", "one proxy: the address it appended");
        assert_eq!(client_of(&h, Some(peer), 2), "1.2.3.4", "two proxies: the first one's");
        assert_eq!(client_of(&h, Some(peer), 3), "10.0.0.2", "fewer entries than proxies: the peer");
    }
}
