//! What a viewer is shown of each record, shared by the API and the pages so both apply the same
//! rules: contact details and per-person demographics only to backbone staff, an organisation's
//! leadership make-up only to staff and that organisation, demographics elsewhere only as
//! suppressed counts.

use crate::auth::Viewer;
use crate::error::{AppError, AppResult};
use crate::AppState;
use backbone_core::access::Access;
use backbone_core::model::*;
use backbone_core::suppression::{SuppressedTable, SuppressionRule};
use serde::Serialize;

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

/// Who sits at a table now, by self-reported demographics, with small cells suppressed. Race and
/// gender cells are named by the answer given; the others by codes: `another` (described in their
/// own words), `not_reported`, `shared` / `not_shared`, `resident` / `non_resident`.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct TableDemographics {
    pub current_members: u64,
    /// How many of them shared demographics (with consent).
    pub reported: SuppressedTable,
    pub race_ethnicity: SuppressedTable,
    pub gender: SuppressedTable,
    pub community_resident: SuppressedTable,
}

pub async fn table_demographics(state: &AppState, initiative_id: Id, table_id: Id) -> AppResult<TableDemographics> {
    let today = chrono::Utc::now().date_naive();
    let members: Vec<Membership> = state
        .store
        .memberships(initiative_id, Some(table_id), None)
        .await?
        .into_iter()
        .filter(|m| m.is_current(today))
        .collect();
    let people = state.store.people(initiative_id).await?;
    let demo: Vec<Option<Demographics>> = members
        .iter()
        .map(|m| people.iter().find(|p| p.id == m.person_id).and_then(|p| p.demographics.clone()).filter(|d| d.consent))
        .collect();
    let rule = SuppressionRule::default();
    // `open`: people may describe themselves in their own words, counted as "Another identity".
    let count_by = |values: &[&str], open: bool, pick: &dyn Fn(&Demographics) -> Option<String>| {
        let mut counts: Vec<(String, u64)> = values.iter().map(|v| (v.to_string(), 0)).collect();
        let mut other = 0u64;
        let mut unknown = 0u64;
        for d in &demo {
            match d.as_ref().and_then(pick) {
                Some(v) => match counts.iter_mut().find(|(k, _)| *k == v) {
                    Some(c) => c.1 += 1,
                    None => other += 1,
                },
                None => unknown += 1,
            }
        }
        if open {
            counts.push(("another".into(), other));
        }
        counts.push(("not_reported".into(), unknown));
        rule.one_way(&counts)
    };
    let reported = demo.iter().filter(|d| d.is_some()).count() as u64;
    Ok(TableDemographics {
        current_members: members.len() as u64,
        reported: rule.one_way(&[("shared".into(), reported), ("not_shared".into(), members.len() as u64 - reported)]),
        race_ethnicity: count_by(RACE_ETHNICITY, true, &|d| d.race_ethnicity.clone()),
        gender: count_by(GENDER, true, &|d| d.gender.clone()),
        community_resident: count_by(&["Lives in the community", "Lives elsewhere"], false, &|d| {
            d.community_resident.map(|r| {
                if r {
                    "Lives in the community".to_string()
                } else {
                    "Lives elsewhere".to_string()
                }
            })
        }),
    })
}
