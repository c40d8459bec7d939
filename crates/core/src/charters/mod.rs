//! Table charters: what a table agrees about how it works together — its shared values, roles and
//! expectations, how it makes decisions, how conflict is raised — versioned like the common
//! agenda (each version kept, with why it changed) and endorsed by the table's members, each as
//! themselves.

mod store;
pub use store::CharterStore;

use crate::checks::check_text;
use crate::error::Invalid;
use crate::Id;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// One version of a table's charter. Versions are never changed; a new one replaces the last.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CharterVersion {
    pub id: Id,
    pub table_id: Id,
    /// 1 for the first.
    pub version: u32,
    pub values: String,
    pub roles: String,
    pub decision_making: String,
    pub conflict: String,
    /// Why this version (required after the first).
    pub reason: String,
    pub author_name: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CharterInput {
    /// Shared values.
    pub values: String,
    /// Roles and what members expect of each other (coming prepared, sending someone who can decide…).
    pub roles: String,
    /// How decisions are made (consent unless someone asks for a vote; one vote per organisation…).
    pub decision_making: String,
    /// How conflict is raised and worked through.
    pub conflict: String,
    #[serde(default)]
    pub reason: String,
}

impl CharterInput {
    /// `first`: whether this would be the table's first version (later ones say why).
    pub fn validate(&self, first: bool) -> Result<(), Invalid> {
        let mut inv = Invalid::new();
        check_text(&mut inv, "values", &self.values, 1, 4000);
        check_text(&mut inv, "roles", &self.roles, 1, 4000);
        check_text(&mut inv, "decision_making", &self.decision_making, 1, 4000);
        check_text(&mut inv, "conflict", &self.conflict, 1, 4000);
        check_text(&mut inv, "reason", &self.reason, if first { 0 } else { 1 }, 1000);
        inv.into_result()
    }
}

/// A member's endorsement of one version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CharterEndorsement {
    pub version_id: Id,
    pub person_id: Id,
    pub person_name: String,
    pub comment: String,
    pub at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_version_says_why() {
        let c = CharterInput {
            values: "Residents first".into(),
            roles: "Chairs rotate".into(),
            decision_making: "Consent".into(),
            conflict: "Raise it with the chair".into(),
            reason: String::new(),
        };
        assert!(c.validate(true).is_ok());
        assert_eq!(c.validate(false).unwrap_err().0[0].field, "reason");
    }
}
