//! The web layer's shared plumbing: who is asking (`viewer`), what handlers extract (`extract`),
//! errors (`error`), pages and forms (`page`), CSRF for forms (`csrf`), the route table of pages
//! (`routes`), text that cannot be stored (`nul`), bodies read as a stream (`stream`), pages streamed while a long operation runs (`progress`), records read from JSON objects only (`strict`), the community's clock (`time`), the OpenAPI document (`openapi`), CSV downloads (`csv`), the message catalogue
//! (`i18n`), static assets (`assets`), HTTP caching of public answers (`cache`) and compression
//! (`compress`). Capabilities build on it; it knows none of them.

pub mod assets;
pub mod cache;
pub mod compress;
pub mod csrf;
pub mod csv;
pub mod error;
pub mod extract;
pub mod i18n;
pub mod nul;
pub mod openapi;
pub mod page;
pub mod progress;
pub mod routes;
pub mod stream;
pub mod strict;
pub mod time;
pub mod viewer;

/// What handlers of every capability use.
pub mod prelude {
    pub use super::error::{AppError, AppResult, Problem};
    pub use super::extract::{created, require, ApiJson, ApiPath, ApiQuery, Body, FormData, PublicScope, Scope};
    pub use super::i18n::Tr;
    pub use super::page::{
        options, render, render_form, render_invalid, see_other, Errors, PageCtx, PageError, PageResult, Req,
    };
    pub use super::routes::PageRoutes;
    pub use super::viewer::Viewer;
    pub use crate::AppState;
    pub use askama::Template;
    pub use axum::extract::State;
    pub use axum::http::StatusCode;
    pub use axum::response::{IntoResponse, Response};
    pub use axum::Json;
    pub use backbone_core::access::Access;
    pub use backbone_core::initiative::Initiative;
    pub use backbone_core::Id;
    pub use utoipa_axum::router::OpenApiRouter;
    pub use utoipa_axum::routes;
}
