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
    /// When it meets, how to join and whom to ask: public, on the table's page.
    #[serde(default)]
    pub joining: TableJoining,
    pub active_members: i64,
    pub created_at: DateTime<Utc>,
}

/// How a resident finds and joins a table: shown to everyone on the table's page.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TableJoining {
    /// When and where it meets, in plain words ("Second Saturday of the month, 10 am, Eastside
    /// Library; interpretation and child care").
    #[serde(default)]
    pub meets: String,
    /// How to join: who may, what it asks of members, what it offers (stipend, meal, child care).
    #[serde(default)]
    pub how_to_join: String,
    /// Whom to ask: a name, shown to everyone.
    #[serde(default)]
    pub contact_name: String,
    /// Their public e-mail address (a role address is best).
    #[serde(default)]
    pub contact_email: String,
    /// Whether anyone may ask to join from the table's page.
    #[serde(default)]
    pub welcomes_requests: bool,
}

impl TableJoining {
    fn validate(&self, inv: &mut Invalid) {
        check_text(inv, "joining.meets", &self.meets, 0, 500);
        check_text(inv, "joining.how_to_join", &self.how_to_join, 0, 2000);
        check_text(inv, "joining.contact_name", &self.contact_name, 0, 200);
        if !self.contact_email.trim().is_empty() {
            check_email(inv, "joining.contact_email", self.contact_email.trim());
        }
    }
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
    #[serde(default)]
    pub joining: TableJoining,
}

impl TableInput {
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut inv = Invalid::new();
        check_text(&mut inv, "name", &self.name, 1, 200);
        check_text(&mut inv, "purpose", &self.purpose, 0, 5000);
        if let Some(k) = &self.result_key {
            check_slug(&mut inv, "result_key", k);
        }
        self.joining.validate(&mut inv);
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
