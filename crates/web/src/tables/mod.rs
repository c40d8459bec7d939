//! Tables: the list, each table with its current and past members and its composition, the forms, and adding and ending seats.

pub mod api;
pub mod pages;

use crate::http::error::AppResult;
use crate::AppState;
use backbone_core::people::Demographics;
use backbone_core::privacy::SuppressionRule;
use backbone_core::tables::composition::{next_snapshot, Composition};
use backbone_core::tables::Membership;
use backbone_core::Id;

/// Who sits at a table, by self-reported demographics, through the disclosure engine: the latest
/// published snapshot, or a new one when enough members have changed since
/// (`core::tables::composition`, safe against comparing before and after one person joins).
pub async fn current_composition(state: &AppState, initiative_id: Id, table_id: Id) -> AppResult<Composition> {
    let today = chrono::Utc::now().date_naive();
    let members: Vec<Membership> = state
        .store
        .memberships(initiative_id, Some(table_id), None)
        .await?
        .into_iter()
        .filter(|m| m.is_current(today))
        .collect();
    let people = state.store.people(initiative_id).await?;
    let previous = state.store.latest_composition(initiative_id, table_id).await?;
    let counted: Vec<(Id, Option<Demographics>)> = members
        .iter()
        .map(|m| (m.person_id, people.iter().find(|p| p.id == m.person_id).and_then(|p| p.demographics.clone())))
        .collect();
    let (previous, next) = tokio::task::spawn_blocking(move || {
        let counted: Vec<(Id, Option<&Demographics>)> = counted.iter().map(|(id, d)| (*id, d.as_ref())).collect();
        let next = next_snapshot(previous.as_ref(), &counted, SuppressionRule::default(), chrono::Utc::now());
        (previous, next)
    })
    .await
    .map_err(|e| crate::http::error::AppError::Internal(format!("counting a table: {e}")))?;
    match (next, previous) {
        (Some(snapshot), _) => {
            state.store.publish_composition(initiative_id, table_id, &snapshot).await?;
            Ok(snapshot.composition)
        }
        (None, Some(previous)) => Ok(previous.composition),
        (None, None) => Err(crate::http::error::AppError::Internal("no composition to show".into())),
    }
}
