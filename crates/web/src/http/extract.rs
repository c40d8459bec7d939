//! What handlers ask for in their signature, each checked before the handler runs:
//! - `Scope`: the initiative named in the address and what the viewer may do in it (an
//!   initiative the viewer may not see is "not found"; a change by someone not signed in is
//!   "sign in first", 401, before the initiative is looked up);
//! - `ApiJson<T>`, `ApiQuery<T>`, `ApiPath<T>`: strict JSON bodies, query strings and address
//!   parts, every problem named by its field (a NUL character included, see `http::nul`);
//! - `FormData`: a posted form (its CSRF token was checked by `http::csrf` already).
//!
//! Rejections answer in the caller's language: `application/problem+json` under `/api/`, an
//! error page elsewhere.

use crate::http::error::AppError;
use crate::http::i18n::Tr;
use crate::http::page::PageError;
use crate::http::viewer::Viewer;
use crate::AppState;
use axum::extract::{FromRequest, FromRequestParts, RawPathParams, Request};
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use backbone_core::access::Access;
use backbone_core::initiative::Initiative;
use backbone_core::{FieldError, Id, Invalid};
use serde::de::DeserializeOwned;

/// Largest request body accepted, unless a route sets its own (`Limit`).
pub const DEFAULT_BODY_LIMIT: usize = 1024 * 1024;

/// The body limit of a route, set with `limit(n)` so that errors can name it.
#[derive(Debug, Clone, Copy)]
pub struct Limit(pub usize);

/// Layers that limit a route's bodies to `n` bytes and let errors say so.
pub fn limit<S: Clone + Send + Sync + 'static>(router: axum::Router<S>, n: usize) -> axum::Router<S> {
    router.layer(axum::extract::DefaultBodyLimit::max(n)).layer(axum::Extension(Limit(n)))
}

fn body_limit(extensions: &axum::http::Extensions) -> usize {
    extensions.get::<Limit>().map(|l| l.0).unwrap_or(DEFAULT_BODY_LIMIT)
}

/// A refused request, answered as the API or as a page, by its address.
pub enum Rejection {
    Api(AppError),
    Page(PageError),
}

impl Rejection {
    pub fn new(path: &str, headers: &axum::http::HeaderMap, error: AppError) -> Self {
        if path.starts_with("/api/") {
            Rejection::Api(error)
        } else {
            Rejection::Page(PageError(error, Tr::from_headers(headers), path.to_string()))
        }
    }

    fn of(parts: &Parts, error: AppError) -> Self {
        Rejection::new(parts.uri.path(), &parts.headers, error)
    }
}

impl IntoResponse for Rejection {
    fn into_response(self) -> Response {
        match self {
            Rejection::Api(e) => e.into_response(),
            Rejection::Page(e) => e.into_response(),
        }
    }
}

impl From<Rejection> for AppError {
    fn from(r: Rejection) -> Self {
        match r {
            Rejection::Api(e) | Rejection::Page(PageError(e, ..)) => e,
        }
    }
}

/// The initiative named by `{slug}` in the address, and what the viewer may do in it.
pub struct Scope {
    pub initiative: Initiative,
    pub access: Access,
}

impl Scope {
    pub fn id(&self) -> Id {
        self.initiative.id
    }

    pub fn slug(&self) -> &str {
        &self.initiative.slug
    }

    /// `Ok` when `allowed`; otherwise 401 for the public (sign in first) and 403 for others.
    pub fn require(&self, allowed: bool) -> Result<(), AppError> {
        require(&self.access, allowed)
    }
}

/// Fails with 401 for the public and 403 for a signed-in user without the permission.
pub fn require(access: &Access, allowed: bool) -> Result<(), AppError> {
    if allowed {
        Ok(())
    } else if access.signed_in() {
        Err(AppError::Forbidden)
    } else {
        Err(AppError::Unauthenticated)
    }
}

impl FromRequestParts<AppState> for Scope {
    type Rejection = Rejection;
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let viewer = Viewer::from_request_parts(parts, state).await.map_err(|e| Rejection::of(parts, e))?;
        // Every change needs a sign-in: say so first, whether or not the initiative is one the
        // public may see (that answer reveals nothing about it).
        if viewer.user.is_none() && !matches!(parts.method, axum::http::Method::GET | axum::http::Method::HEAD) {
            return Err(Rejection::of(parts, AppError::Unauthenticated));
        }
        let params = RawPathParams::from_request_parts(parts, state)
            .await
            .map_err(|_| Rejection::of(parts, AppError::NotFound("initiative")))?;
        let slug = params.iter().find(|(k, _)| *k == "slug").map(|(_, v)| v.to_string());
        let Some(slug) = slug else {
            return Err(Rejection::of(parts, AppError::Internal("route without {slug} asks for a Scope".into())));
        };
        let scope = initiative(state, &viewer, &slug).await.map_err(|e| Rejection::of(parts, e))?;
        Ok(scope)
    }
}

/// The initiative of `{slug}` for the few changes anyone may make without signing in (a message
/// about a published number): as `Scope`, but a write from the public is let through to the
/// handler, which asks `core::access` as usual. Every other handler takes `Scope`.
pub struct PublicScope(pub Scope);

impl FromRequestParts<AppState> for PublicScope {
    type Rejection = Rejection;
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let viewer = Viewer::from_request_parts(parts, state).await.map_err(|e| Rejection::of(parts, e))?;
        let params = RawPathParams::from_request_parts(parts, state)
            .await
            .map_err(|_| Rejection::of(parts, AppError::NotFound("initiative")))?;
        let slug = params.iter().find(|(k, _)| *k == "slug").map(|(_, v)| v.to_string());
        let Some(slug) = slug else {
            return Err(Rejection::of(parts, AppError::Internal("route without {slug} asks for a Scope".into())));
        };
        initiative(state, &viewer, &slug).await.map(PublicScope).map_err(|e| Rejection::of(parts, e))
    }
}

/// The initiative named by `slug`, if this viewer may see it. One the viewer may not see is
/// reported as not found, so its existence is not revealed.
pub async fn initiative(state: &AppState, viewer: &Viewer, slug: &str) -> Result<Scope, AppError> {
    let initiative = state.store.initiative_by_slug(slug).await?;
    let access = viewer.access(&initiative);
    if !access.can_view_initiative(&initiative) {
        return Err(AppError::NotFound("initiative"));
    }
    Ok(Scope { initiative, access })
}

/// Initiatives this viewer may see.
pub async fn visible_initiatives(state: &AppState, viewer: &Viewer) -> Result<Vec<Initiative>, AppError> {
    Ok(state.store.list_initiatives().await?.into_iter().filter(|i| viewer.access(i).can_view_initiative(i)).collect())
}

/// Reads a request body whole, within the route's limit.
async fn read_body(req: Request) -> Result<(Parts, axum::body::Bytes), Rejection> {
    let limit = body_limit(req.extensions());
    let (parts, body) = req.into_parts();
    match axum::body::to_bytes(body, limit).await {
        Ok(bytes) => Ok((parts, bytes)),
        Err(e) => {
            let too_large = std::error::Error::source(&e).is_some_and(|s| s.is::<http_body_util::LengthLimitError>())
                || e.to_string().contains("length limit");
            let error = if too_large { AppError::TooLarge(limit) } else { AppError::BadRequest(e.to_string()) };
            Err(Rejection::of(&parts, error))
        }
    }
}

/// A JSON body parsed strictly: the error names the field (`results[0].title`) and the reason.
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = Rejection;
    async fn from_request(req: Request, _: &S) -> Result<Self, Self::Rejection> {
        let is_json =
            req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| {
                v.split(';').next().is_some_and(|m| m.trim().eq_ignore_ascii_case("application/json"))
            });
        if !is_json {
            return Err(Rejection::new(
                req.uri().path(),
                req.headers(),
                AppError::UnsupportedMediaType("send the body as JSON with Content-Type: application/json".into()),
            ));
        }
        let (parts, bytes) = read_body(req).await?;
        parse_json(&bytes).map(ApiJson).map_err(|e| Rejection::of(&parts, e))
    }
}

/// Parses JSON strictly: unknown fields are refused (by the types), records must be objects
/// (`http::strict`), and anything after the value is refused.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, AppError> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(crate::http::strict::Strict(&mut de)).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        if inner.is_syntax() || inner.is_eof() {
            return AppError::BadRequest(format!("the body is not valid JSON: {inner}"));
        }
        // serde's message carries " at line L column C"; keep the words, the field says where.
        let reason = inner.to_string();
        let reason = reason.split(" at line ").next().unwrap_or(&reason).to_string();
        let field = if path == "." { String::new() } else { path };
        AppError::Invalid(Invalid(vec![FieldError { field, reason }]))
    })?;
    de.end().map_err(|e| {
        AppError::BadRequest(format!("the body is not valid JSON: there is more after the value ({e})"))
    })?;
    crate::http::nul::in_json(bytes)?;
    Ok(value)
}

/// Address parts (`/people/{id}`): one that does not parse names no record, so it is "not
/// found" on pages and a 400 naming the part in the API.
pub struct ApiPath<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for ApiPath<T> {
    type Rejection = Rejection;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(p) => Ok(ApiPath(p.0)),
            Err(e) if parts.uri.path().starts_with("/api/") => {
                Err(Rejection::of(parts, AppError::BadRequest(format!("bad address: {}", e.body_text()))))
            }
            Err(_) => Err(Rejection::of(parts, AppError::NotFound("page"))),
        }
    }
}

/// A query string parsed strictly: unknown parameters are refused, each problem names its
/// parameter.
pub struct ApiQuery<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = Rejection;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let query = parts.uri.query().unwrap_or("");
        let de = serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
        serde_path_to_error::deserialize(de).map(ApiQuery).map_err(|e| {
            let field = e.path().to_string();
            let reason = e.into_inner().to_string();
            let field = if field == "." { String::new() } else { field };
            let error = AppError::BadRequestFields(format!("bad query: {reason}"), vec![FieldError { field, reason }]);
            Rejection::of(parts, error)
        })
    }
}

/// A posted form, as its name/value pairs in order.
pub struct FormData(pub Vec<(String, String)>);

impl FormData {
    pub fn new(pairs: Vec<(String, String)>) -> Self {
        FormData(pairs)
    }
    /// Every value of a repeated field (checkboxes of one name).
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.0.iter().filter(|(k, _)| k == name).map(|(_, v)| v.as_str()).collect()
    }
    pub fn get(&self, name: &str) -> &str {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()).unwrap_or("")
    }
    pub fn checked(&self, name: &str) -> bool {
        self.0.iter().any(|(k, v)| k == name && (v == "on" || v == "true" || v == "1"))
    }
    /// The trimmed value, or `None` when empty.
    pub fn opt(&self, name: &str) -> Option<String> {
        Some(self.get(name).trim().to_string()).filter(|s| !s.is_empty())
    }
    /// Whether any field's name starts with `prefix`.
    pub fn has_prefix(&self, prefix: &str) -> bool {
        self.0.iter().any(|(k, _)| k.starts_with(prefix))
    }
}

impl<S: Send + Sync> FromRequest<S> for FormData {
    type Rejection = Rejection;
    async fn from_request(req: Request, _: &S) -> Result<Self, Self::Rejection> {
        let (parts, bytes) = read_body(req).await?;
        let pairs = serde_urlencoded::from_bytes::<Vec<(String, String)>>(&bytes)
            .map_err(|e| Rejection::of(&parts, AppError::BadRequest(format!("unreadable form: {e}"))))?;
        crate::http::nul::in_form(&pairs).map_err(|e| Rejection::of(&parts, e))?;
        Ok(FormData(pairs))
    }
}

/// A body of any kind, read whole within the route's limit (a CSV file posted to the API).
pub struct Body(pub axum::body::Bytes);

impl<S: Send + Sync> FromRequest<S> for Body {
    type Rejection = Rejection;
    async fn from_request(req: Request, _: &S) -> Result<Self, Self::Rejection> {
        read_body(req).await.map(|(_, b)| Body(b))
    }
}

/// A `limit` query parameter: `default` when absent, refused outside 1 to `max`.
pub fn limit_param(value: Option<i64>, default: i64, max: i64) -> Result<i64, AppError> {
    match value {
        None => Ok(default),
        Some(n) if (1..=max).contains(&n) => Ok(n),
        Some(_) => Err(AppError::Invalid(Invalid::one("limit", format!("must be between 1 and {max}")))),
    }
}

/// 201 Created with the record as JSON.
pub fn created<T: serde::Serialize>(v: T) -> Response {
    (StatusCode::CREATED, axum::Json(v)).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::error::human_bytes;

    #[test]
    fn bytes_after_the_json_value_are_refused() {
        let ok: Result<serde_json::Value, _> = parse_json(br#"{"a": 1}  "#);
        assert!(ok.is_ok());
        let e = parse_json::<serde_json::Value>(br#"{"a": 1} {"b": 2}"#).unwrap_err();
        assert!(matches!(e, AppError::BadRequest(ref m) if m.contains("more after the value")), "{e}");
        assert_eq!(human_bytes(1024 * 1024), "1 MiB (1048576 bytes)");
    }
}
