//! The domain's errors: invalid input (with the field and the reason) and what the Store reports.

use serde::Serialize;
use std::fmt;

/// One problem with one input field: `field` is the JSON path as the client sent it
/// (`results[1].title`), `reason` says in plain words what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct FieldError {
    pub field: String,
    pub reason: String,
}

/// Every problem found in one input, so a form or client can show them all at once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Invalid(pub Vec<FieldError>);

impl Invalid {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn one(field: impl Into<String>, reason: impl Into<String>) -> Self {
        let mut i = Self::new();
        i.add(field, reason);
        i
    }
    pub fn add(&mut self, field: impl Into<String>, reason: impl Into<String>) {
        self.0.push(FieldError { field: field.into(), reason: reason.into() });
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// `Ok(())` when nothing was added, the errors otherwise.
    pub fn into_result(self) -> Result<(), Invalid> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(self)
        }
    }
    pub fn reason_for(&self, field: &str) -> Option<&str> {
        self.0.iter().find(|e| e.field == field).map(|e| e.reason.as_str())
    }
}

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self.0.iter().map(|e| format!("{}: {}", e.field, e.reason)).collect();
        write!(f, "{}", parts.join("; "))
    }
}

impl std::error::Error for Invalid {}

/// What a Store operation can fail with. Backend details stay in `Backend` and are logged, never
/// shown to a user.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("{reason}")]
    Conflict { field: String, reason: String },
    #[error("invalid input: {0}")]
    Invalid(#[from] Invalid),
    #[error("database error: {0}")]
    Backend(String),
}

impl StoreError {
    pub fn conflict(field: impl Into<String>, reason: impl Into<String>) -> Self {
        StoreError::Conflict { field: field.into(), reason: reason.into() }
    }
}

pub type StoreResult<T> = Result<T, StoreError>;
