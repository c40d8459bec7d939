//! Mutually reinforcing activities: the programs and activities each partner runs, for whom, where,
//! at what capacity, and which strategies of the common agenda and which indicators they serve.
//! The alignment map (`alignment`) reads them against the agenda and the places to show coverage,
//! gaps and possible duplication.
//!
//! An activity links the chain from a result to the work: result → strategy (`strategy_keys`, the
//! keys that stay the same across agenda versions) → indicator (`indicator_keys`) → this activity.

pub mod alignment;
mod store;
pub use store::ActivityStore;

use crate::checks::*;
use crate::error::Invalid;
use crate::measure::place::is_place_code;
use crate::vocabulary::vocabulary;
use crate::Id;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use utoipa::ToSchema;

vocabulary! {
    /// What kind of work it is.
    ActivityKind {
        /// An ongoing program people enrol in (home visiting, tutoring).
        Program => "program",
        /// A service people use when they need it (screenings, a food pantry).
        Service => "service",
        /// A one-off or seasonal event (a kindergarten round-up, a FAFSA night).
        Event => "event",
        /// An outreach or awareness campaign.
        Campaign => "campaign",
        /// Work on a policy or a system (a data-sharing agreement, a school-start policy).
        SystemsChange => "systems_change",
    }
}

vocabulary! {
    /// Where the work stands.
    ActivityStatus {
        Planned => "planned",
        Active => "active",
        Paused => "paused",
        Ended => "ended",
    }
}

/// One program or activity of one partner organisation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Activity {
    pub id: Id,
    pub initiative_id: Id,
    pub organization_id: Id,
    pub name: String,
    pub description: String,
    pub kind: ActivityKind,
    pub status: ActivityStatus,
    /// For whom, in plain words: "Families with children under 3 on Medicaid".
    pub population: String,
    /// The ages served, in years, when the activity is for an age group.
    pub age_min: Option<u8>,
    pub age_max: Option<u8>,
    /// The places served (place codes of the initiative); a place covers the places inside it.
    pub places: Vec<String>,
    /// How many people it can serve in a year, when it has a limit.
    pub capacity: Option<u32>,
    /// The strategies of the common agenda it serves (their keys).
    pub strategy_keys: Vec<String>,
    /// The indicators it means to move (their keys).
    pub indicator_keys: Vec<String>,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Activity {
    /// Under way or about to be: what coverage and duplication are about.
    pub fn is_live(&self) -> bool {
        matches!(self.status, ActivityStatus::Active | ActivityStatus::Planned)
    }
}

/// A new or changed activity.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ActivityInput {
    pub organization_id: Id,
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub kind: ActivityKind,
    pub status: ActivityStatus,
    #[serde(default)]
    pub population: String,
    #[serde(default)]
    pub age_min: Option<u8>,
    #[serde(default)]
    pub age_max: Option<u8>,
    #[serde(default)]
    pub places: Vec<String>,
    #[serde(default)]
    pub capacity: Option<u32>,
    #[serde(default)]
    pub strategy_keys: Vec<String>,
    #[serde(default)]
    pub indicator_keys: Vec<String>,
    #[serde(default)]
    pub starts_on: Option<NaiveDate>,
    #[serde(default)]
    pub ends_on: Option<NaiveDate>,
}

/// The oldest age an activity may name.
const OLDEST: u8 = 120;

impl ActivityInput {
    /// The checks that need nothing stored.
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut inv = Invalid::new();
        check_text(&mut inv, "name", &self.name, 1, 200);
        check_text(&mut inv, "description", &self.description, 0, 4000);
        check_text(&mut inv, "population", &self.population, 0, 300);
        for (field, age) in [("age_min", self.age_min), ("age_max", self.age_max)] {
            if age.is_some_and(|a| a > OLDEST) {
                inv.add(field, format!("must be an age from 0 to {OLDEST}"));
            }
        }
        if let (Some(lo), Some(hi)) = (self.age_min, self.age_max) {
            if lo > hi {
                inv.add("age_max", format!("must not be below the youngest age, {lo}"));
            }
        }
        if self.capacity.is_some_and(|c| c == 0 || c > 10_000_000) {
            inv.add("capacity", "must be from 1 to 10,000,000 people a year, or left empty");
        }
        if let (Some(a), Some(b)) = (self.starts_on, self.ends_on) {
            if b < a {
                inv.add("ends_on", format!("must be on or after the start, {a}"));
            }
        }
        check_list(&mut inv, "places", &self.places, 500, |code| {
            (!is_place_code(code)).then(|| format!("\"{code}\" is not a place code"))
        });
        for (field, keys) in [("strategy_keys", &self.strategy_keys), ("indicator_keys", &self.indicator_keys)] {
            check_list(&mut inv, field, keys, 50, |key| {
                let mut one = Invalid::new();
                check_slug(&mut one, "", key);
                one.0.first().map(|e| format!("\"{key}\" {}", e.reason))
            });
        }
        inv.into_result()
    }

    /// The checks against what the initiative has: the places, the strategies of the current
    /// agenda and the indicators it names must exist.
    pub fn check_references(
        &self,
        places: &HashSet<&str>,
        strategies: &HashSet<&str>,
        indicators: &HashSet<&str>,
    ) -> Result<(), Invalid> {
        let mut inv = Invalid::new();
        for (field, named, known, what) in [
            ("places", &self.places, places, "a place of this initiative"),
            ("strategy_keys", &self.strategy_keys, strategies, "a strategy of the current common agenda"),
            ("indicator_keys", &self.indicator_keys, indicators, "an indicator of this initiative"),
        ] {
            for (i, key) in named.iter().enumerate() {
                if !known.contains(key.as_str()) {
                    inv.add(format!("{field}[{i}]"), format!("\"{key}\" is not {what}"));
                }
            }
        }
        inv.into_result()
    }
}

/// Each entry checked by `bad` (the reason, when it is wrong), each at most once, at most `most`.
fn check_list(inv: &mut Invalid, field: &str, items: &[String], most: usize, bad: impl Fn(&str) -> Option<String>) {
    if items.len() > most {
        inv.add(field, format!("at most {most}"));
    }
    let mut seen = HashSet::new();
    for (i, item) in items.iter().enumerate() {
        if let Some(reason) = bad(item) {
            inv.add(format!("{field}[{i}]"), reason);
        } else if !seen.insert(item.as_str()) {
            inv.add(format!("{field}[{i}]"), format!("\"{item}\" is listed twice"));
        }
    }
}

/// Which activities to list.
#[derive(Debug, Clone, Default)]
pub struct ActivityQuery {
    pub organization_id: Option<Id>,
    pub strategy_key: Option<String>,
    pub indicator_key: Option<String>,
}

impl ActivityQuery {
    pub fn matches(&self, a: &Activity) -> bool {
        self.organization_id.is_none_or(|o| a.organization_id == o)
            && self.strategy_key.as_ref().is_none_or(|k| a.strategy_keys.contains(k))
            && self.indicator_key.as_ref().is_none_or(|k| a.indicator_keys.contains(k))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn input() -> ActivityInput {
        ActivityInput {
            organization_id: 1,
            name: "Home visiting for new parents".into(),
            description: String::new(),
            kind: ActivityKind::Program,
            status: ActivityStatus::Active,
            population: "First-time parents".into(),
            age_min: Some(0),
            age_max: Some(3),
            places: vec!["47302".into()],
            capacity: Some(120),
            strategy_keys: vec!["home-visiting".into()],
            indicator_keys: vec!["kindergarten-readiness".into()],
            starts_on: None,
            ends_on: None,
        }
    }

    #[test]
    fn an_activity_names_real_ages_places_and_keys() {
        assert!(input().validate().is_ok());
        let bad = ActivityInput {
            name: "".into(),
            age_min: Some(6),
            age_max: Some(3),
            capacity: Some(0),
            places: vec!["=cmd".into(), "47302".into(), "47302".into()],
            strategy_keys: vec!["Home Visiting".into()],
            starts_on: Some(NaiveDate::from_ymd_opt(2026, 9, 1).unwrap()),
            ends_on: Some(NaiveDate::from_ymd_opt(2026, 6, 1).unwrap()),
            ..input()
        };
        let e = bad.validate().unwrap_err();
        assert_eq!(e.reason_for("name"), Some("is required"));
        assert_eq!(e.reason_for("age_max"), Some("must not be below the youngest age, 6"));
        assert!(e.reason_for("capacity").is_some());
        assert_eq!(e.reason_for("places[0]"), Some("\"=cmd\" is not a place code"));
        assert_eq!(e.reason_for("places[2]"), Some("\"47302\" is listed twice"));
        assert!(e.reason_for("strategy_keys[0]").unwrap().starts_with("\"Home Visiting\" must be"));
        assert_eq!(e.reason_for("ends_on"), Some("must be on or after the start, 2026-09-01"));
    }

    #[test]
    fn references_must_exist_in_the_initiative() {
        let places = HashSet::from(["47302"]);
        let strategies = HashSet::from(["tutoring"]);
        let indicators = HashSet::from(["kindergarten-readiness"]);
        let e = input().check_references(&places, &strategies, &indicators).unwrap_err();
        assert_eq!(
            e.reason_for("strategy_keys[0]"),
            Some("\"home-visiting\" is not a strategy of the current common agenda")
        );
        assert!(e.reason_for("places[0]").is_none());
    }
}
