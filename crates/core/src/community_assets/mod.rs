//! Community assets: what the community already has that is not a partner's program — a church
//! hall, a tenants' association, a volunteer reading program, a neighbour who teaches, a corner
//! business — mapped beside the partners' programs in the places the initiative works in.
//!
//! Residents are owners: members (resident members too) record assets; backbone staff change and
//! retire them (with a reason). Every state an asset has been in is kept (`version` counts them);
//! nothing is ever deleted. Assets are not about people: everyone who may see the initiative sees
//! them, except how to reach them and who recorded them, which only members see (`shown`).

mod store;
#[cfg(test)]
mod tests;
pub use store::CommunityAssetStore;

use crate::checks::*;
use crate::error::Invalid;
use crate::measure::place::is_place_code;
use crate::vocabulary::vocabulary;
use crate::Id;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use utoipa::ToSchema;

vocabulary! {
    /// What kind of asset it is.
    AssetKind {
        /// A place or building: a church hall, a library, a park, a community room.
        Place => "place",
        /// An association or group: a tenants' association, a block club, a parents' group.
        Group => "group",
        /// A program run by volunteers: a reading program, a homework club.
        VolunteerProgram => "volunteer_program",
        /// A person and what they know or can do: a retired teacher, a bilingual neighbour.
        Skill => "skill",
        /// A local business: a corner store, a barbershop that keeps books for children.
        Business => "business",
    }
}

vocabulary! {
    /// Whether the asset is still there.
    AssetStatus {
        Active => "active",
        /// No longer there or no longer counted on; says why.
        Retired => "retired",
    }
}

/// One community asset, as it stands now (or, in its history, as it stood).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CommunityAsset {
    pub id: Id,
    pub initiative_id: Id,
    pub kind: AssetKind,
    pub name: String,
    pub description: String,
    /// The place it is in: a place code of the initiative.
    pub place: String,
    pub address: Option<String>,
    /// Where it is on a map (WGS 84 degrees), when known.
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    /// Who it serves, in plain words.
    pub serves: String,
    /// How to reach it; shown only to members.
    pub contact: Option<String>,
    /// Led by residents of the community.
    pub resident_led: bool,
    /// The strategies of the common agenda it can support (their keys).
    pub strategy_keys: Vec<String>,
    pub status: AssetStatus,
    /// Why it was retired.
    pub retired_reason: Option<String>,
    /// Who recorded it; shown only to members.
    pub recorded_by: Option<String>,
    /// 1 when recorded, one more with every change.
    pub version: u32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl CommunityAsset {
    /// What a viewer who is not a member sees: neither how to reach it nor who recorded it.
    pub fn shown(mut self, member: bool) -> CommunityAsset {
        if !member {
            self.contact = None;
            self.recorded_by = None;
        }
        self
    }

    /// The input that would record it as it stands.
    pub fn input(&self) -> CommunityAssetInput {
        CommunityAssetInput {
            kind: self.kind,
            name: self.name.clone(),
            description: self.description.clone(),
            place: self.place.clone(),
            address: self.address.clone(),
            latitude: self.latitude,
            longitude: self.longitude,
            serves: self.serves.clone(),
            contact: self.contact.clone(),
            resident_led: self.resident_led,
            strategy_keys: self.strategy_keys.clone(),
        }
    }
}

/// A new or changed community asset.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CommunityAssetInput {
    pub kind: AssetKind,
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// A place code of the initiative.
    pub place: String,
    #[serde(default)]
    pub address: Option<String>,
    /// From -90 to 90, given together with `longitude`.
    #[serde(default)]
    pub latitude: Option<f64>,
    /// From -180 to 180, given together with `latitude`.
    #[serde(default)]
    pub longitude: Option<f64>,
    #[serde(default)]
    pub serves: String,
    #[serde(default)]
    pub contact: Option<String>,
    #[serde(default)]
    pub resident_led: bool,
    #[serde(default)]
    pub strategy_keys: Vec<String>,
}

/// Why an asset is retired.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RetireAsset {
    pub reason: String,
}

impl RetireAsset {
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut inv = Invalid::new();
        check_text(&mut inv, "reason", &self.reason, 1, 1000);
        inv.into_result()
    }
}

impl CommunityAssetInput {
    /// The checks that need nothing stored.
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut inv = Invalid::new();
        check_text(&mut inv, "name", &self.name, 1, 200);
        check_text(&mut inv, "description", &self.description, 0, 4000);
        check_text(&mut inv, "serves", &self.serves, 0, 300);
        for (field, value) in [("address", &self.address), ("contact", &self.contact)] {
            if let Some(v) = value {
                check_text(&mut inv, field, v, 0, 300);
            }
        }
        if !is_place_code(&self.place) {
            inv.add(
                "place",
                if self.place.trim().is_empty() {
                    "is required".to_string()
                } else {
                    format!("\"{}\" is not a place code", self.place)
                },
            );
        }
        match (self.latitude, self.longitude) {
            (Some(_), None) => inv.add("longitude", "is needed with the latitude"),
            (None, Some(_)) => inv.add("latitude", "is needed with the longitude"),
            _ => {}
        }
        if self.latitude.is_some_and(|v| !(-90.0..=90.0).contains(&v)) {
            inv.add("latitude", "must be from -90 to 90 degrees");
        }
        if self.longitude.is_some_and(|v| !(-180.0..=180.0).contains(&v)) {
            inv.add("longitude", "must be from -180 to 180 degrees");
        }
        if self.strategy_keys.len() > 50 {
            inv.add("strategy_keys", "at most 50");
        }
        let mut seen = HashSet::new();
        for (i, key) in self.strategy_keys.iter().enumerate() {
            let mut one = Invalid::new();
            check_slug(&mut one, "", key);
            if let Some(e) = one.0.first() {
                inv.add(format!("strategy_keys[{i}]"), format!("\"{key}\" {}", e.reason));
            } else if !seen.insert(key.as_str()) {
                inv.add(format!("strategy_keys[{i}]"), format!("\"{key}\" is listed twice"));
            }
        }
        inv.into_result()
    }

    /// The checks against what the initiative has: its places and the strategies of the current
    /// agenda.
    pub fn check_references(&self, places: &HashSet<&str>, strategies: &HashSet<&str>) -> Result<(), Invalid> {
        let mut inv = Invalid::new();
        if !places.contains(self.place.as_str()) {
            inv.add("place", format!("\"{}\" is not a place of this initiative", self.place));
        }
        for (i, key) in self.strategy_keys.iter().enumerate() {
            if !strategies.contains(key.as_str()) {
                inv.add(
                    format!("strategy_keys[{i}]"),
                    format!("\"{key}\" is not a strategy of the current common agenda"),
                );
            }
        }
        inv.into_result()
    }
}
