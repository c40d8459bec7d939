//! Tables where people meet (steering committee, working groups, resident tables) and the seats
//! at them over time.

pub mod composition;
mod store;
pub use store::TableStore;

use crate::checks::*;
use crate::error::Invalid;
use crate::vocabulary::vocabulary;
use crate::Id;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

vocabulary! {
    TableKind {
        SteeringCommittee => "steering_committee",
        WorkingGroup => "working_group",
        ActionNetwork => "action_network",
        ResidentTable => "resident_table",
    }
}

vocabulary! {
    MemberRole {
        Chair => "chair",
        Facilitator => "facilitator",
        Member => "member",
    }
}

/// A table where people meet: the steering committee, a working group, a resident table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Table {
    pub id: Id,
    pub initiative_id: Id,
    pub name: String,
    pub kind: TableKind,
    pub purpose: String,
    /// The result this table works toward, by its key in the common agenda.
    pub result_key: Option<String>,
    pub active_members: i64,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TableInput {
    pub name: String,
    pub kind: TableKind,
    #[serde(default)]
    pub purpose: String,
    #[serde(default)]
    pub result_key: Option<String>,
}

impl TableInput {
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut inv = Invalid::new();
        check_text(&mut inv, "name", &self.name, 1, 200);
        check_text(&mut inv, "purpose", &self.purpose, 0, 5000);
        if let Some(k) = &self.result_key {
            check_slug(&mut inv, "result_key", k);
        }
        inv.into_result()
    }
}

/// A seat at a table over a span of time. Ending a membership keeps it, with its end date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Membership {
    pub id: Id,
    pub table_id: Id,
    pub table_name: String,
    pub person_id: Id,
    pub person_name: String,
    pub organization_name: Option<String>,
    pub role: MemberRole,
    pub start_date: NaiveDate,
    /// The day the membership ended (from that day on the person is no longer at the table).
    pub end_date: Option<NaiveDate>,
}

impl Membership {
    /// Whether the person sits at the table on `today`. The end date is the day the membership
    /// ended: from that day on the person no longer sits there.
    pub fn is_current(&self, today: NaiveDate) -> bool {
        self.start_date <= today && self.end_date.is_none_or(|e| e > today)
    }
}

#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MembershipInput {
    pub person_id: Id,
    pub role: MemberRole,
    pub start_date: NaiveDate,
    #[serde(default)]
    pub end_date: Option<NaiveDate>,
}

impl MembershipInput {
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut inv = Invalid::new();
        if let Some(e) = self.end_date {
            if e < self.start_date {
                inv.add("end_date", "must be on or after the start date");
            }
        }
        inv.into_result()
    }
}

/// A change to a membership: a new role, or an end date when someone leaves the table.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MembershipUpdate {
    pub role: Option<MemberRole>,
    pub end_date: Option<NaiveDate>,
}
