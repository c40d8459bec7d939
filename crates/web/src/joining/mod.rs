//! Joining a table: the "Join this table" part of a table's page (when it meets, how to join,
//! whom to ask), the form where anyone asks for a seat, and the staff's page of requests, where a
//! welcome gives the person a seat.

pub mod api;
pub mod pages;

use crate::http::error::{AppError, AppResult};
use crate::http::viewer::Viewer;
use crate::AppState;
use backbone_core::joining::*;
use backbone_core::Id;

/// Records a request from `viewer`, at most `PER_HOUR` an hour from one address.
pub async fn ask(
    state: &AppState,
    viewer: &Viewer,
    initiative_id: Id,
    table_id: Id,
    input: &JoinRequestInput,
    language: &str,
) -> AppResult<JoinRequest> {
    let key = viewer.limit_key("join", initiative_id);
    let hour_ago = chrono::Utc::now() - chrono::Duration::hours(1);
    if state.store.join_requests_sent_since(initiative_id, &key, hour_ago).await? >= PER_HOUR {
        return Err(AppError::TooMany { what: format!("at most {PER_HOUR} requests an hour"), retry_after: 3600 });
    }
    Ok(state.store.ask_to_join(initiative_id, table_id, input, language, &key).await?)
}
