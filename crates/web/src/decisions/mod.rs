//! Decisions of the tables: opened or recorded by the table's facilitators, voted on by its
//! members as themselves, closed with an outcome that records the rule and the count. What a
//! viewer is shown of the votes (`shown_votes`, `shown_tally`) is decided here once.

pub mod api;
pub mod pages;

use crate::http::error::AppError;
use crate::http::viewer::Viewer;
use crate::AppState;
use backbone_core::decisions::tally::{self, Tally};
use backbone_core::decisions::{Decision, Vote};
use backbone_core::Id;

/// The votes as anyone may see them: an anonymous decision's without who cast them, in an order
/// that says nothing of when (sorted by ballot), and none of them before it closes.
pub fn shown_votes(d: &Decision, mut votes: Vec<Vote>) -> Vec<Vote> {
    if !d.anonymous {
        return votes;
    }
    if d.outcome.is_none() {
        return Vec::new();
    }
    for v in &mut votes {
        v.person_id = None;
        v.person_name = None;
        v.organization_id = None;
        v.at = d.outcome.as_ref().map(|o| o.decided_at).unwrap_or(v.at);
        v.ballot.comment.clear();
    }
    votes.sort_by(|a, b| {
        serde_json::to_string(&a.ballot).unwrap_or_default().cmp(&serde_json::to_string(&b.ballot).unwrap_or_default())
    });
    votes
}

/// The count, when it may be shown (an anonymous decision's only once it closes).
pub fn shown_tally(d: &Decision, votes: &[Vote]) -> Option<Tally> {
    d.shows_count().then(|| tally::tally(d, votes))
}

/// The viewer's person, and whether it sits at the decision's table today.
pub async fn voter(
    s: &AppState,
    initiative_id: Id,
    viewer: &Viewer,
    table_id: Id,
) -> Result<Option<(Id, bool)>, AppError> {
    let Some(user) = &viewer.user else { return Ok(None) };
    let Some(person) = s.store.person_of_user(initiative_id, user.id).await? else { return Ok(None) };
    let seated = seated(s, initiative_id, table_id).await?.contains(&person.id);
    Ok(Some((person.id, seated)))
}

/// The people sitting at a table today.
pub async fn seated(s: &AppState, initiative_id: Id, table_id: Id) -> Result<Vec<Id>, AppError> {
    let today = chrono::Utc::now().date_naive();
    Ok(s.store
        .memberships(initiative_id, Some(table_id), None)
        .await?
        .into_iter()
        .filter(|m| m.is_current(today))
        .map(|m| m.person_id)
        .collect())
}
