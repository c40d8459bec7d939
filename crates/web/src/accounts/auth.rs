//! Signing in: argon2id password hashes (computed on the blocking pool), sessions, sign-in
//! throttling, and API tokens. Secrets are random 256-bit values; only their SHA-256 hashes are
//! stored.

use crate::http::error::{AppError, AppResult};
use crate::http::viewer::{cookie, new_secret, sha256_hex, SESSION_COOKIE};
use crate::AppState;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use axum::http::HeaderMap;
use backbone_core::accounts::throttle;
use backbone_core::audit::Actor;
use backbone_core::Id;
use chrono::{Duration, Utc};
use rand::RngCore;

/// An argon2id hash of `password`, computed on the blocking pool (it takes tens of
/// milliseconds of CPU on purpose).
pub async fn hash_password(password: &str) -> AppResult<String> {
    let password = password.to_string();
    tokio::task::spawn_blocking(move || hash_now(&password))
        .await
        .map_err(|e| AppError::Internal(format!("hashing a password: {e}")))?
}

fn hash_now(password: &str) -> AppResult<String> {
    let mut bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut bytes);
    let salt = SaltString::encode_b64(&bytes).map_err(|e| AppError::Internal(format!("salt: {e}")))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| AppError::Internal(format!("hashing a password: {e}")))
}

/// Whether `password` matches `hash`, checked on the blocking pool.
pub async fn verify_password(hash: &str, password: &str) -> bool {
    let (hash, password) = (hash.to_string(), password.to_string());
    tokio::task::spawn_blocking(move || verify_now(&hash, &password)).await.unwrap_or(false)
}

fn verify_now(hash: &str, password: &str) -> bool {
    match PasswordHash::new(hash) {
        Ok(parsed) => Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok(),
        Err(_) => false,
    }
}

/// A hash to verify against when the account does not exist, so that timing does not tell
/// which usernames exist.
fn dummy_hash() -> &'static str {
    static H: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    H.get_or_init(|| hash_now("not a real password").unwrap_or_default())
}

/// Checks a username and password and opens a session; returns the `Set-Cookie` value. A client
/// that keeps failing waits longer and longer before it may try again (`throttle`), which no one
/// else's failures can impose on the account's owner.
pub async fn sign_in(state: &AppState, client: &str, username: &str, password: &str) -> AppResult<String> {
    let now = Utc::now();
    let history = state.store.sign_in_history(username, client, now).await?;
    if let Some(wait) = throttle::wait(&history, now) {
        return Err(AppError::Throttled(wait.num_seconds().max(1) as u64));
    }
    let creds = state.store.credentials(username).await?;
    let ok = match &creds {
        Some(c) if !c.user.disabled && !c.password_hash.is_empty() => verify_password(&c.password_hash, password).await,
        _ => {
            verify_password(dummy_hash(), password).await;
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
    store: &dyn backbone_core::Store,
    actor: &Actor,
    user_id: Id,
    name: &str,
) -> AppResult<(backbone_core::accounts::ApiToken, String)> {
    let secret = format!("bbk_{}", new_secret());
    let prefix = secret[..12].to_string();
    let t = store.create_api_token(actor, user_id, name, &prefix, &sha256_hex(&secret)).await?;
    Ok((t, secret))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn passwords_verify_only_with_the_right_secret() {
        let h = hash_password("correct horse battery").await.unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password(&h, "correct horse battery").await);
        assert!(!verify_password(&h, "correct horse batterz").await);
        assert!(!verify_password("not a hash", "x").await);
    }
}
