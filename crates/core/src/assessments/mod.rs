//! Self-assessment: periodic rounds in which the members of a table, each as themselves, say how
//! far they agree with the statements of a fixed instrument (`instrument`: the five conditions,
//! the eight principles of practice, the six essential practices, trust and culture), and watch
//! the table's scores move from round to round (`results`).
//!
//! Individual answers are private. What anyone is shown:
//! - while a round is open: nothing about the answers — not how many there are (except to whoever
//!   runs the round: staff or the table's chair, who see a count to know when to close it, never
//!   who answered nor what). A member sees only her own answer, to change it.
//! - once it is closed: results, to staff and to the members sitting at the table, only when at
//!   least [`MIN_RESPONDENTS`] people answered; fewer, and no number at all is shown. A statement's
//!   mean only when at least `MIN_RESPONDENTS` gave it a score (not "don't know"); its spread only
//!   as disagree / neutral / agree / don't know, each count through the disclosure engine
//!   (`crate::privacy`, counts of 1 or 2 hidden together with what would reveal them); and since
//!   an attacker who knows that rule (zeros are shown) and sees the average can sometimes pin a
//!   hidden count down where the equations alone cannot (`results::reveals_a_hidden_count`: two
//!   hidden bands of 2 people between them must be 1 and 1), the whole spread of that statement
//!   is hidden then; the average stays.
//! - a closed round takes no more answers, and results exist only for closed rounds, so nobody can
//!   compare results before and after one more person answers to work out that person's answer
//!   (the differencing attack): between two closed rounds the whole group answered afresh.
//!
//! Who answered is stored (so a person answers once and may change her answer while the round is
//! open; the latest counts, earlier ones are kept), and the audit log — like every write — says
//! that she answered, never what. The export is the staff's backup of the whole initiative and
//! carries the answers as they are, like the partner network's survey answers.
//!
//! What this cannot prevent: a group's agreement is the group's. An average of 5.0 says everyone
//! strongly agreed; if every respondent agreed, a
//! member who knows someone answered knows that she agreed; and members who pool their own
//! answers can narrow down the rest. The minimum number of respondents and the hidden small
//! counts keep those inferences to groups, never one person.

pub mod instrument;
pub mod results;
mod store;
#[cfg(test)]
mod tests;

pub use instrument::{Section, Statement};
pub use results::*;
pub use store::AssessmentStore;

use crate::checks::check_text;
use crate::error::Invalid;
use crate::Id;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Results are shown only for a closed round that at least this many people answered.
pub const MIN_RESPONDENTS: u64 = 5;

/// The agreement scale: 1 strongly disagree … 5 strongly agree; "don't know" is no score.
pub const SCALE: std::ops::RangeInclusive<u8> = 1..=5;

/// A round of a table's self-assessment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct AssessmentRound {
    pub id: Id,
    pub table_id: Id,
    /// "Spring 2026".
    pub title: String,
    pub opens_on: NaiveDate,
    pub closes_on: NaiveDate,
    /// The instrument version its statements come from.
    pub instrument_version: u32,
    /// When it was closed; it takes no more answers and its results are fixed from then on.
    pub closed_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

impl AssessmentRound {
    pub fn is_open(&self) -> bool {
        self.closed_at.is_none()
    }
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AssessmentRoundInput {
    pub title: String,
    pub opens_on: NaiveDate,
    pub closes_on: NaiveDate,
}

impl AssessmentRoundInput {
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut inv = Invalid::new();
        check_text(&mut inv, "title", &self.title, 1, 100);
        if self.closes_on < self.opens_on {
            inv.add("closes_on", "must be on or after the day it opens");
        }
        inv.into_result()
    }
}

/// One statement answered: a score from 1 (strongly disagree) to 5 (strongly agree), or `null`
/// for "don't know".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StatementAnswer {
    /// The statement's key in the round's instrument.
    pub statement: String,
    /// 1 to 5, or null for "don't know".
    pub score: Option<u8>,
}

/// A member's answers in a round: every statement of its instrument, once.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AssessmentAnswerInput {
    pub answers: Vec<StatementAnswer>,
}

impl AssessmentAnswerInput {
    /// Checked against the statements of the round's instrument `version`: each known, answered
    /// once, scored 1 to 5 or "don't know"; none left out.
    pub fn validate(&self, version: u32) -> Result<(), Invalid> {
        let mut inv = Invalid::new();
        let Some(statements) = instrument::statements(version) else {
            return Err(Invalid::one("instrument_version", format!("version {version} is not known")));
        };
        for (i, a) in self.answers.iter().enumerate() {
            if !statements.iter().any(|s| s.key == a.statement) {
                inv.add(format!("answers[{i}].statement"), "is not a statement of this assessment");
            } else if self.answers[..i].iter().any(|o| o.statement == a.statement) {
                inv.add(format!("answers[{i}].statement"), "is answered twice");
            }
            if a.score.is_some_and(|v| !SCALE.contains(&v)) {
                inv.add(format!("answers[{i}].score"), "must be from 1 to 5, or null for don't know");
            }
        }
        for s in statements {
            if !self.answers.iter().any(|a| a.statement == s.key) {
                inv.add(format!("answers.{}", s.key), "is not answered: choose how far you agree, or don't know");
            }
        }
        inv.into_result()
    }
}

/// A member's answers as recorded: the latest in a round counts; earlier ones are kept. Never
/// shown to anyone but the member herself (and in the staff's export).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct AssessmentAnswer {
    pub round_id: Id,
    pub person_id: Id,
    pub answers: Vec<StatementAnswer>,
    pub submitted_at: DateTime<Utc>,
}
