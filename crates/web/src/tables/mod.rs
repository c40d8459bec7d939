//! Tables: the list, each table with its current and past members and its composition, the forms, and adding and ending seats.

pub mod api;
pub mod pages;

use crate::http::error::AppResult;
use crate::AppState;
use backbone_core::tables::composition::{next_snapshot, Composition, Seat, Snapshot, AT_A_TABLE};
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
    let organizations = state.store.organizations(initiative_id).await?;
    let previous = state.store.latest_composition(initiative_id, table_id).await?;
    let seats: Vec<Seat> = members
        .iter()
        .map(|m| {
            let person = people.iter().find(|p| p.id == m.person_id);
            let organization = person
                .and_then(|p| p.organization_id)
                .and_then(|o| organizations.iter().find(|org| org.id == o))
                .map(|o| (o.budget_band, o.sector));
            Seat { person_id: m.person_id, demographics: person.and_then(|p| p.demographics.clone()), organization }
        })
        .collect();
    let (previous, next): (Option<Snapshot>, Option<Snapshot>) = tokio::task::spawn_blocking(move || {
        let next = next_snapshot(previous.as_ref(), &seats, AT_A_TABLE, chrono::Utc::now());
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
