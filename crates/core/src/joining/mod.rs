//! Joining a table: residents join as members, not an audience. A table's page says when it
//! meets, how to join and whom to ask (`tables::TableJoining`); anyone may ask to join a table that
//! welcomes requests — a few times an hour at most from one place —; backbone staff welcome the
//! request (a person and a seat, in one step) or decline it with a note. Only staff see a
//! request: it holds how to reach someone.

mod store;
#[cfg(test)]
mod tests;

pub use store::JoiningStore;

use crate::checks::{check_email, check_text};
use crate::error::Invalid;
use crate::tables::MemberRole;
use crate::vocabulary::vocabulary;
use crate::Id;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// How many requests to join one place (a client address) may send an initiative in an hour.
pub const PER_HOUR: u64 = 5;

vocabulary! {
    /// Where a request is: waiting for staff, welcomed (the person has a seat), or declined.
    JoinStatus {
        Waiting => "waiting",
        Welcomed => "welcomed",
        Declined => "declined",
    }
}

/// What someone sends to ask for a seat at a table.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct JoinRequestInput {
    pub name: String,
    /// An e-mail address or a phone number is needed, so staff can answer.
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub phone: String,
    /// Where they live or work, in their words (optional).
    #[serde(default)]
    pub neighborhood: String,
    /// Why they want to join, what they bring, what they need to take part (interpretation,
    /// child care, a ride).
    #[serde(default)]
    pub message: String,
}

impl JoinRequestInput {
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut inv = Invalid::new();
        check_text(&mut inv, "name", &self.name, 1, 200);
        let (email, phone) = (self.email.trim(), self.phone.trim());
        if email.is_empty() && phone.is_empty() {
            inv.add("email", "give an e-mail address or a phone number so we can answer");
        }
        if !email.is_empty() {
            check_email(&mut inv, "email", email);
        }
        check_text(&mut inv, "phone", phone, 0, 40);
        if phone.chars().any(|c| !(c.is_ascii_digit() || " +-().x".contains(c))) {
            inv.add("phone", "may contain only digits, spaces and + - ( ) . x");
        }
        check_text(&mut inv, "neighborhood", &self.neighborhood, 0, 200);
        check_text(&mut inv, "message", &self.message, 0, 2000);
        if self.message.matches("http").count() > 2 {
            inv.add("message", "at most two links");
        }
        inv.into_result()
    }
}

/// A request to join a table (staff only).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct JoinRequest {
    pub id: Id,
    pub table_id: Id,
    pub table_name: String,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub neighborhood: Option<String>,
    pub message: String,
    /// The language of the page it was sent from (`en`, `es`): the one to answer in.
    pub language: String,
    pub status: JoinStatus,
    /// Why it was declined, or a word on the welcome.
    pub note: Option<String>,
    /// The person who got the seat, once welcomed.
    pub person_id: Option<Id>,
    pub decided_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

/// What the sender is told back: that it was received, never what is stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct JoinReceipt {
    pub table_id: Id,
    pub status: JoinStatus,
    pub created_at: DateTime<Utc>,
}

impl From<&JoinRequest> for JoinReceipt {
    fn from(r: &JoinRequest) -> Self {
        JoinReceipt { table_id: r.table_id, status: r.status, created_at: r.created_at }
    }
}

/// Staff's decision about a waiting request.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct JoinDecision {
    /// `welcomed` or `declined`.
    pub status: JoinStatus,
    /// Required when declining: why.
    #[serde(default)]
    pub note: String,
    /// The seat a welcome gives (member unless said otherwise).
    #[serde(default = "member")]
    pub role: MemberRole,
    /// The first day of the seat (today unless said otherwise).
    #[serde(default)]
    pub start_date: Option<NaiveDate>,
}

fn member() -> MemberRole {
    MemberRole::Member
}

impl JoinDecision {
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut inv = Invalid::new();
        match self.status {
            JoinStatus::Waiting => inv.add("status", "must be welcomed or declined"),
            JoinStatus::Declined => check_text(&mut inv, "note", &self.note, 1, 500),
            JoinStatus::Welcomed => check_text(&mut inv, "note", &self.note, 0, 500),
        }
        inv.into_result()
    }
}
