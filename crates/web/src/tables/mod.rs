//! Tables: the list, each table with its current and past members and its composition, the forms, and adding and ending seats.

pub mod api;
pub mod pages;

use crate::http::error::AppResult;
use crate::AppState;
use backbone_core::privacy::SuppressionRule;
use backbone_core::tables::composition::{composition, Composition};
use backbone_core::tables::Membership;
use backbone_core::Id;

/// Who sits at a table now, by self-reported demographics, through the disclosure engine.
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
    let demographics: Vec<_> = members
        .iter()
        .map(|m| people.iter().find(|p| p.id == m.person_id).and_then(|p| p.demographics.as_ref()))
        .collect();
    Ok(composition(&demographics, SuppressionRule::default()))
}
