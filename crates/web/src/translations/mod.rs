//! The initiative's own words in English and Spanish: the translation page and API for staff,
//! and [`content`], which every page showing the initiative's words asks once for the reader's
//! language (texts not yet translated are shown as written, marked with their language).

pub mod api;
pub mod pages;

use crate::http::prelude::*;
pub use backbone_core::translations::{Content, Shown};

/// The initiative's words for the reader of `req`'s language.
pub async fn content(s: &AppState, req: &Req, i: &Initiative) -> Result<Content, PageError> {
    s.store.content(i.id, req.t.lang()).await.map_err(|e| req.err(e))
}
