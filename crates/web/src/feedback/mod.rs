//! "You said, we did": the form under every published number ("does this match what you
//! see?"), what residents said and what was done, shown beside the number; the staff's page to
//! read every message before it is shown, and the owners' answers.

pub mod api;
pub mod pages;

use crate::http::error::{AppError, AppResult};
use crate::http::viewer::Viewer;
use crate::AppState;
use backbone_core::feedback::*;
use backbone_core::Id;

/// Records a message from `viewer`, at most `PER_HOUR` an hour from one address.
pub async fn send(
    state: &AppState,
    viewer: &Viewer,
    initiative_id: Id,
    indicator_key: &str,
    input: &FeedbackInput,
    language: &str,
) -> AppResult<Feedback> {
    let key = viewer.limit_key("feedback", initiative_id);
    let hour_ago = chrono::Utc::now() - chrono::Duration::hours(1);
    if state.store.feedback_sent_since(initiative_id, &key, hour_ago).await? >= PER_HOUR {
        return Err(AppError::TooMany { what: format!("at most {PER_HOUR} messages an hour"), retry_after: 3600 });
    }
    Ok(state.store.submit_feedback(initiative_id, indicator_key, input, language, &key).await?)
}

/// Who answers for an indicator: its owning organisation's name, or the initiative's.
pub async fn answerer(
    state: &AppState,
    initiative: &backbone_core::initiative::Initiative,
    indicator_key: &str,
) -> AppResult<(Option<Id>, String)> {
    let ind = state.store.indicator(initiative.id, indicator_key).await?;
    let name = match ind.owner_organization_id {
        Some(o) => state.store.organization(initiative.id, o).await?.name,
        None => initiative.name.clone(),
    };
    Ok((ind.owner_organization_id, name))
}
