//! What a viewer is shown of each record, shared by the API and the pages so both apply the same
//! rules: contact details and per-person demographics only to backbone staff, an organisation's
//! leadership make-up only to staff and that organisation, demographics elsewhere only as
//! suppressed counts.

use crate::auth::Viewer;
use crate::error::{AppError, AppResult};
use crate::AppState;
use backbone_core::access::Access;
use backbone_core::initiative::*;
use backbone_core::partners::*;
use backbone_core::people::*;
use backbone_core::privacy::SuppressionRule;
use backbone_core::tables::composition::{composition, Composition};
use backbone_core::tables::*;
use backbone_core::Id;

/// The initiative named by `slug`, if this viewer may see it. An initiative the viewer may not
/// see is reported as not found, so its existence is not revealed.
pub async fn initiative(state: &AppState, viewer: &Viewer, slug: &str) -> AppResult<(Initiative, Access)> {
    let i = state.store.initiative_by_slug(slug).await?;
    let access = viewer.access(&i);
    if !access.can_view_initiative(&i) {
        return Err(AppError::NotFound("initiative"));
    }
    Ok((i, access))
}

/// Fails with 401 for the public and 403 for a signed-in user without the permission.
pub fn require(access: &Access, allowed: bool) -> AppResult<()> {
    if allowed {
        Ok(())
    } else if access.signed_in() {
        Err(AppError::Forbidden)
    } else {
        Err(AppError::Unauthenticated)
    }
}

pub fn person(access: &Access, mut p: Person) -> Person {
    if !access.can_view_contacts() {
        p.email.clear();
        p.phone.clear();
    }
    if !access.can_view_person_demographics() {
        p.demographics = None;
    }
    p
}

pub fn organization(access: &Access, mut o: Organization) -> Organization {
    if !access.can_view_leadership(o.id) {
        o.leadership = None;
    }
    o
}

/// Initiatives this viewer may see.
pub async fn visible_initiatives(state: &AppState, viewer: &Viewer) -> AppResult<Vec<Initiative>> {
    Ok(state.store.list_initiatives().await?.into_iter().filter(|i| viewer.access(i).can_view_initiative(i)).collect())
}

/// Who sits at a table now, by self-reported demographics, through the disclosure engine.
pub async fn table_demographics(state: &AppState, initiative_id: Id, table_id: Id) -> AppResult<Composition> {
    let today = chrono::Utc::now().date_naive();
    let members: Vec<Membership> = state
        .store
        .memberships(initiative_id, Some(table_id), None)
        .await?
        .into_iter()
        .filter(|m| m.is_current(today))
        .collect();
    let people = state.store.people(initiative_id).await?;
    let demo: Vec<Option<&Demographics>> = members
        .iter()
        .map(|m| people.iter().find(|p| p.id == m.person_id).and_then(|p| p.demographics.as_ref()))
        .collect();
    Ok(composition(&demo, SuppressionRule::default()))
}
