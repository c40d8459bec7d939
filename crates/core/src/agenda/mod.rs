//! The common agenda: versioned (a save makes the next version, never changes one), its results
//! and strategies, and the partners' endorsements of each version.

pub mod diff;
mod store;
pub use store::AgendaStore;

use crate::checks::*;
use crate::error::Invalid;
use crate::Id;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A population-level result ("All children enter kindergarten ready to learn") and the strategies
/// that serve it. `key` stays the same across versions so indicators can point at it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AgendaResult {
    pub key: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub strategies: Vec<Strategy>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Strategy {
    pub key: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
}

/// One version of the common agenda. Versions are never changed: an edit makes the next one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct AgendaVersion {
    pub initiative_id: Id,
    /// 1, 2, 3 … in the order they were made.
    pub number: i64,
    pub problem_statement: String,
    pub shared_vision: String,
    pub results: Vec<AgendaResult>,
    /// Why this version was made.
    pub reason: String,
    pub author_user_id: Option<Id>,
    pub author_name: String,
    pub created_at: DateTime<Utc>,
}

/// A proposed new version of the agenda. `based_on` is the version the author edited: if someone
/// else saved in between, the save is refused rather than silently overwriting their work.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AgendaInput {
    pub problem_statement: String,
    pub shared_vision: String,
    #[serde(default)]
    pub results: Vec<AgendaResult>,
    pub reason: String,
    /// The version number this edit started from; `0` or absent for the first version.
    #[serde(default)]
    pub based_on: i64,
}

impl AgendaInput {
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut inv = Invalid::new();
        check_text(&mut inv, "problem_statement", &self.problem_statement, 1, 10_000);
        check_text(&mut inv, "shared_vision", &self.shared_vision, 1, 10_000);
        check_text(&mut inv, "reason", &self.reason, 1, 1000);
        if self.results.len() > 50 {
            inv.add("results", "at most 50 results");
        }
        let mut keys = std::collections::HashSet::new();
        for (i, r) in self.results.iter().enumerate() {
            let p = format!("results[{i}]");
            check_slug(&mut inv, &format!("{p}.key"), &r.key);
            if !keys.insert(r.key.clone()) {
                inv.add(format!("{p}.key"), "is used by another result or strategy");
            }
            check_text(&mut inv, &format!("{p}.title"), &r.title, 1, 300);
            check_text(&mut inv, &format!("{p}.description"), &r.description, 0, 5000);
            for (j, s) in r.strategies.iter().enumerate() {
                let q = format!("{p}.strategies[{j}]");
                check_slug(&mut inv, &format!("{q}.key"), &s.key);
                if !keys.insert(s.key.clone()) {
                    inv.add(format!("{q}.key"), "is used by another result or strategy");
                }
                check_text(&mut inv, &format!("{q}.title"), &s.title, 1, 300);
                check_text(&mut inv, &format!("{q}.description"), &s.description, 0, 5000);
            }
        }
        if self.based_on < 0 {
            inv.add("based_on", "must be a version number (0 for the first version)");
        }
        inv.into_result()
    }
}

/// A partner organisation's endorsement of one agenda version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Endorsement {
    pub version: i64,
    pub organization_id: Id,
    pub organization_name: String,
    pub endorsed_by_user_id: Option<Id>,
    pub endorsed_by_name: String,
    pub note: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EndorsementInput {
    pub organization_id: Id,
    #[serde(default)]
    pub note: String,
}

impl EndorsementInput {
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut inv = Invalid::new();
        check_text(&mut inv, "note", &self.note, 0, 2000);
        inv.into_result()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agenda_keys_are_unique_across_results_and_strategies() {
        let a = AgendaInput {
            problem_statement: "Too few children read well by 3rd grade.".into(),
            shared_vision: "Every child succeeds, cradle to career.".into(),
            results: vec![AgendaResult {
                key: "reading".into(),
                title: "Children read at grade level".into(),
                description: String::new(),
                strategies: vec![Strategy {
                    key: "reading".into(),
                    title: "Summer reading".into(),
                    description: String::new(),
                }],
            }],
            reason: "First draft".into(),
            based_on: 0,
        };
        let err = a.validate().unwrap_err();
        assert_eq!(err.reason_for("results[0].strategies[0].key"), Some("is used by another result or strategy"));
    }
}
