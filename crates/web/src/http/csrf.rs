//! Every state-changing page request must carry the viewer's CSRF token, checked here before any
//! handler runs, so no form can forget it: in the `csrf` field of a urlencoded form, or (for
//! file uploads, whose bodies are not read ahead) in the `csrf` query parameter, or in the
//! `X-CSRF-Token` header. The API checks its own header in `viewer::resolve_viewer`.

use crate::http::error::AppError;
use crate::http::extract::{Limit, DEFAULT_BODY_LIMIT};
use crate::http::i18n::Tr;
use crate::http::page::PageError;
use crate::http::viewer::{Viewer, CSRF_HEADER};
use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

fn refuse(req: &Request, e: AppError) -> Response {
    PageError(e, Tr::from_headers(req.headers()), req.uri().path().to_string()).into_response()
}

pub async fn require_csrf(req: Request, next: Next) -> Response {
    // One-click unsubscribe (RFC 8058) comes from mail programs: the token in the address is its key.
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS)
        || req.uri().path().starts_with("/api/")
        || req.uri().path().starts_with("/unsubscribe/")
    {
        return next.run(req).await;
    }
    let Some(viewer) = req.extensions().get::<Viewer>().cloned() else {
        return refuse(&req, AppError::Internal("viewer middleware missing".into()));
    };
    let from_header = req.headers().get(CSRF_HEADER).and_then(|v| v.to_str().ok()).map(str::to_string);
    let from_query = req
        .uri()
        .query()
        .and_then(|q| form_urlencoded::parse(q.as_bytes()).find(|(k, _)| k == "csrf").map(|(_, v)| v.into_owned()));
    if let Some(token) = from_header.or(from_query) {
        return if viewer.csrf_matches(&token) { next.run(req).await } else { refuse(&req, AppError::Csrf) };
    }
    let is_form = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return refuse(&req, AppError::Csrf);
    }
    // Read the form to find its token, then hand the same bytes on to the handler.
    let limit = req.extensions().get::<Limit>().map(|l| l.0).unwrap_or(DEFAULT_BODY_LIMIT);
    let (parts, body) = req.into_parts();
    let bytes = match axum::body::to_bytes(body, limit).await {
        Ok(b) => b,
        Err(_) => {
            let req = Request::from_parts(parts, Body::empty());
            return refuse(&req, AppError::TooLarge(limit));
        }
    };
    let token = form_urlencoded::parse(&bytes).find(|(k, _)| k == "csrf").map(|(_, v)| v.into_owned());
    let req = Request::from_parts(parts, Body::from(bytes));
    match token {
        Some(t) if viewer.csrf_matches(&t) => next.run(req).await,
        _ => refuse(&req, AppError::Csrf),
    }
}
