//! Who is asking: password hashing (argon2id), session cookies, API tokens, CSRF and sign-in
//! throttling. Secrets are random 256-bit values; only their SHA-256 hashes are stored.

use crate::error::{AppError, AppResult};
use crate::AppState;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::{header, request::Parts, HeaderMap, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use backbone_core::access::Access;
use backbone_core::accounts::RoleGrant;
use backbone_core::accounts::User;
use backbone_core::audit::Actor;
use backbone_core::initiative::Initiative;
use backbone_core::Id;
use chrono::{Duration, Utc};
use rand::RngCore;
use sha2::{Digest, Sha256};
use std::net::SocketAddr;

pub const SESSION_COOKIE: &str = "bb_session";
pub const PRE_SESSION_COOKIE: &str = "bb_pre";
pub const CSRF_HEADER: &str = "x-csrf-token";
/// Failed sign-ins allowed per account, and per client address, in `THROTTLE_MINUTES`.
pub const MAX_FAILURES_PER_ACCOUNT: i64 = 5;
pub const MAX_FAILURES_PER_CLIENT: i64 = 20;
pub const THROTTLE_MINUTES: i64 = 15;

pub fn hash_password(password: &str) -> AppResult<String> {
    let mut bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut bytes);
    let salt = SaltString::encode_b64(&bytes).map_err(|e| AppError::Internal(format!("salt: {e}")))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| AppError::Internal(format!("hashing a password: {e}")))
}

pub fn verify_password(hash: &str, password: &str) -> bool {
    match PasswordHash::new(hash) {
        Ok(parsed) => Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok(),
        Err(_) => false,
    }
}

/// A hash to verify against when the account does not exist, so that timing does not tell
/// which usernames exist.
fn dummy_hash() -> &'static str {
    static H: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    H.get_or_init(|| hash_password("not a real password").unwrap_or_default())
}

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

fn constant_time_eq(a: &str, b: &str) -> bool {
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
    pub fn access(&self, initiative: &Initiative) -> Access {
        Access::new(self.user.clone(), initiative.id, &self.grants)
    }

    pub fn actor(&self) -> Actor {
        match &self.user {
            Some(u) => Actor::user(u),
            None => Actor::system("public"),
        }
    }

    pub fn require_user(&self) -> AppResult<&User> {
        self.user.as_ref().ok_or(AppError::Unauthenticated)
    }

    pub fn user_id(&self) -> Option<Id> {
        self.user.as_ref().map(|u| u.id)
    }

    pub fn is_server_admin(&self) -> bool {
        self.user.as_ref().is_some_and(|u| u.server_admin)
    }

    /// Checks a form's CSRF token.
    pub fn check_csrf(&self, token: &str) -> AppResult<()> {
        if !self.csrf.is_empty() && constant_time_eq(&self.csrf, token) {
            Ok(())
        } else {
            Err(AppError::Csrf)
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Viewer {
    type Rejection = AppError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts.extensions.get::<Viewer>().cloned().ok_or_else(|| AppError::Internal("viewer middleware missing".into()))
    }
}

fn client_of(req: &Request, trust_proxy: bool) -> String {
    if trust_proxy {
        if let Some(ip) =
            req.headers().get("x-forwarded-for").and_then(|v| v.to_str().ok()).and_then(|v| v.split(',').next())
        {
            return ip.trim().to_string();
        }
    }
    req.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip().to_string()).unwrap_or_else(|| "local".into())
}

/// Resolves the viewer once per request (session cookie or `Authorization: Bearer` token), enforces
/// CSRF on cookie-authenticated API writes, and gives first-time visitors a pre-session cookie so
/// the sign-in form is CSRF-protected too.
pub async fn resolve_viewer(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let headers = req.headers().clone();
    let now = Utc::now();
    let client = client_of(&req, state.config.trust_proxy);
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
        if !constant_time_eq(sent, &viewer.csrf) {
            return AppError::Csrf.into_response();
        }
    }

    req.extensions_mut().insert(viewer);
    let mut resp = next.run(req).await;
    if let Some(pre) = set_pre {
        let c = format!(
            "{PRE_SESSION_COOKIE}={pre}; Path=/; HttpOnly; SameSite=Lax{}",
            if state.config.secure_cookies { "; Secure" } else { "" }
        );
        if let Ok(v) = HeaderValue::from_str(&c) {
            resp.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    resp
}

/// Checks a username and password, with throttling, and opens a session. Returns the
/// `Set-Cookie` value.
pub async fn sign_in(state: &AppState, client: &str, username: &str, password: &str) -> AppResult<String> {
    let now = Utc::now();
    let since = now - Duration::minutes(THROTTLE_MINUTES);
    let (by_account, by_client) = state.store.recent_login_failures(username, client, since).await?;
    if by_account >= MAX_FAILURES_PER_ACCOUNT || by_client >= MAX_FAILURES_PER_CLIENT {
        return Err(AppError::Throttled(THROTTLE_MINUTES));
    }
    let creds = state.store.credentials(username).await?;
    let ok = match &creds {
        Some(c) if !c.user.disabled && !c.password_hash.is_empty() => verify_password(&c.password_hash, password),
        _ => {
            verify_password(dummy_hash(), password);
            false
        }
    };
    state.store.record_login_attempt(username, client, ok, now).await?;
    let user = match (ok, creds) {
        (true, Some(c)) => c.user,
        _ => {
            return Err(AppError::Invalid(backbone_core::Invalid::one(
                "password",
                "the username or password is not right",
            )))
        }
    };
    let secret = new_secret();
    let expires = now + Duration::hours(state.config.session_hours);
    state.store.create_session(&sha256_hex(&secret), user.id, expires).await?;
    tracing::info!(user = %user.username, "signed in");
    Ok(format!(
        "{SESSION_COOKIE}={secret}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{}",
        state.config.session_hours * 3600,
        if state.config.secure_cookies { "; Secure" } else { "" }
    ))
}

pub async fn sign_out(state: &AppState, headers: &HeaderMap) -> AppResult<String> {
    if let Some(secret) = cookie(headers, SESSION_COOKIE) {
        state.store.delete_session(&sha256_hex(&secret)).await?;
    }
    Ok(format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0"))
}

/// Makes a new API token for a user; the secret is returned once and never stored.
pub async fn issue_token(
    state: &AppState,
    actor: &Actor,
    user_id: Id,
    name: &str,
) -> AppResult<(backbone_core::accounts::ApiToken, String)> {
    let secret = format!("bbk_{}", new_secret());
    let prefix = secret[..12].to_string();
    let t = state.store.create_api_token(actor, user_id, name, &prefix, &sha256_hex(&secret)).await?;
    Ok((t, secret))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_verify_only_with_the_right_secret() {
        let h = hash_password("correct horse battery").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password(&h, "correct horse battery"));
        assert!(!verify_password(&h, "correct horse batterz"));
        assert!(!verify_password("not a hash", "x"));
    }

    #[test]
    fn cookies_are_read_by_name() {
        let mut h = HeaderMap::new();
        h.insert(header::COOKIE, HeaderValue::from_static("a=1; bb_session=abc; c=3"));
        assert_eq!(cookie(&h, SESSION_COOKIE).as_deref(), Some("abc"));
        assert_eq!(cookie(&h, "missing"), None);
    }
}
