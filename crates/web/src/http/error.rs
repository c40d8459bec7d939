//! The web layer's one error type, mapped to HTTP once: `application/problem+json` (RFC 9457) for
//! the API. Pages turn the same errors into an error page in the viewer's language
//! (`http::page::PageError`), with the same status.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use backbone_core::{FieldError, Invalid, StoreError};
use serde::Serialize;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{0} not found")]
    NotFound(&'static str),
    /// Needs a signed-in user (or an API token).
    #[error("sign in to see this")]
    Unauthenticated,
    #[error("you do not have permission to do this")]
    Forbidden,
    #[error("the request has problems")]
    Invalid(Invalid),
    #[error("{reason}")]
    Conflict { field: String, reason: String },
    #[error("{0}")]
    BadRequest(String),
    /// A bad request naming the parameters at fault.
    #[error("{0}")]
    BadRequestFields(String, Vec<FieldError>),
    #[error("the request body is larger than the limit of {}", human_bytes(*.0))]
    TooLarge(usize),
    #[error("{0}")]
    UnsupportedMediaType(String),
    /// Too many failed sign-ins from this client for this account: wait before trying again.
    #[error("too many failed sign-ins; try again in {} seconds", .0)]
    Throttled(u64),
    /// Too many of something from one client in a while (messages about numbers).
    #[error("{what}; try again in {retry_after} seconds")]
    TooMany { what: String, retry_after: u64 },
    #[error("the form has expired or did not come from this site; reload the page and try again")]
    Csrf,
    #[error("something went wrong on our side")]
    Internal(String),
}

pub type AppResult<T> = Result<T, AppError>;

/// "1 MiB (1048576 bytes)", for messages about size limits.
pub fn human_bytes(n: usize) -> String {
    if n >= 1024 * 1024 && n.is_multiple_of(1024 * 1024) {
        format!("{} MiB ({n} bytes)", n / (1024 * 1024))
    } else if n >= 1024 && n.is_multiple_of(1024) {
        format!("{} KiB ({n} bytes)", n / 1024)
    } else {
        format!("{n} bytes")
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound(what) => AppError::NotFound(what),
            StoreError::Conflict { field, reason } => AppError::Conflict { field, reason },
            StoreError::Invalid(i) => AppError::Invalid(i),
            StoreError::Backend(msg) => AppError::Internal(msg),
        }
    }
}

impl From<Invalid> for AppError {
    fn from(i: Invalid) -> Self {
        AppError::Invalid(i)
    }
}

impl From<askama::Error> for AppError {
    fn from(e: askama::Error) -> Self {
        AppError::Internal(format!("template: {e}"))
    }
}

/// An RFC 9457 problem document, with the fields at fault.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Problem {
    /// A URI naming the kind of problem (`about:blank` when the status says it all).
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    /// Each field at fault and why; empty when the problem is not about one field.
    pub errors: Vec<FieldError>,
}

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::Unauthenticated => StatusCode::UNAUTHORIZED,
            AppError::Forbidden | AppError::Csrf => StatusCode::FORBIDDEN,
            AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Conflict { .. } => StatusCode::CONFLICT,
            AppError::BadRequest(_) | AppError::BadRequestFields(..) => StatusCode::BAD_REQUEST,
            AppError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            AppError::Throttled(_) | AppError::TooMany { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The fields at fault, for problem documents and forms.
    pub fn field_errors(&self) -> Vec<FieldError> {
        match self {
            AppError::Invalid(i) => i.0.clone(),
            AppError::BadRequestFields(_, fields) => fields.clone(),
            AppError::Conflict { field, reason } if !field.is_empty() => {
                vec![FieldError { field: field.clone(), reason: reason.clone() }]
            }
            _ => Vec::new(),
        }
    }

    pub fn problem(&self) -> Problem {
        let status = self.status();
        let detail = match self {
            AppError::Invalid(i) => i.to_string(),
            AppError::Internal(_) => "Something went wrong on our side. It has been logged.".to_string(),
            other => other.to_string(),
        };
        Problem {
            kind: "about:blank".into(),
            title: status.canonical_reason().unwrap_or("Error").to_string(),
            status: status.as_u16(),
            detail,
            errors: self.field_errors(),
        }
    }

    pub fn log(&self) {
        if let AppError::Internal(msg) = self {
            tracing::error!(error = %msg, "internal error");
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        self.log();
        let status = self.status();
        let body = serde_json::to_vec(&self.problem()).unwrap_or_default();
        let mut resp = (status, [(header::CONTENT_TYPE, "application/problem+json")], body).into_response();
        match self {
            AppError::Unauthenticated => {
                resp.headers_mut().insert(header::WWW_AUTHENTICATE, header::HeaderValue::from_static("Bearer"));
            }
            AppError::Throttled(seconds) | AppError::TooMany { retry_after: seconds, .. } => {
                if let Ok(v) = header::HeaderValue::from_str(&seconds.to_string()) {
                    resp.headers_mut().insert(header::RETRY_AFTER, v);
                }
            }
            _ => {}
        }
        resp
    }
}
