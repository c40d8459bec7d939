//! The review queue: backbone staff check what partners send before it is published.
//!
//! Numbers arrive in **submissions** — a file uploaded, a call to the API, drafts sent for review
//! (or, for numbers sent before submissions were recorded, one "earlier numbers" submission per
//! organisation). Each number remembers the submission that last set it, and each submission
//! keeps how many of its numbers wait, were approved or were returned, so the queue lists
//! submissions and their counts without counting millions of rows.
//!
//! Inside a submission the numbers are read a page at a time, in a fixed order (indicator, place,
//! then the order they arrived), with a [`Cursor`] after the last one shown: every page is one
//! index seek, however deep. Each number is shown beside its **previous value** — the one last
//! approved, what is published now — with the change and, when the change is unusual, an
//! [`Outlier`] flag (the rule is [`outlier`]).
//!
//! A whole submission is approved, or returned with a reason, in one action
//! ([`ReviewStore::decide_submission`]).

mod store;
#[cfg(test)]
mod tests;

pub use store::ReviewStore;

use crate::checks::check_text;
use crate::error::Invalid;
use crate::measure::analytics::{value_of, Unit};
use crate::measure::observation::{Approved, Groups, ObservationStatus};
use crate::vocabulary::vocabulary;
use crate::Id;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

vocabulary! {
    /// How numbers came in: a file uploaded on the Data page, the API, drafts sent for review,
    /// or before submissions were recorded.
    SubmissionSource {
        Upload => "upload",
        Api => "api",
        Drafts => "drafts",
        Earlier => "earlier",
    }
}

/// How many numbers a submission last set, by status. Kept on the submission by every change.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SubmissionCounts {
    /// Waiting for review.
    pub submitted: u64,
    pub approved: u64,
    pub returned: u64,
}

impl SubmissionCounts {
    pub fn total(&self) -> u64 {
        self.submitted + self.approved + self.returned
    }
}

/// One sending of numbers for review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[schema(as = ReviewSubmission)]
pub struct Submission {
    pub id: Id,
    pub initiative_id: Id,
    pub organization_id: Id,
    pub source: SubmissionSource,
    /// The file's name, for an upload.
    pub file_name: Option<String>,
    pub submitted_at: DateTime<Utc>,
    /// Who sent it (their name).
    pub submitted_by: String,
    pub counts: SubmissionCounts,
}

/// Which submissions the queue lists.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, ToSchema)]
pub struct SubmissionFilter {
    pub organization_id: Option<Id>,
    /// Only submissions with numbers still waiting (the default view of the queue).
    #[serde(default)]
    pub waiting_only: bool,
}

/// Where a page of submissions starts: after this submission, newest first (ids grow with time).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SubmissionCursor {
    pub id: Id,
}

impl SubmissionCursor {
    pub fn of(s: &Submission) -> Self {
        SubmissionCursor { id: s.id }
    }

    pub fn encode(&self) -> String {
        self.id.to_string()
    }

    pub fn decode(s: &str) -> Option<Self> {
        Some(SubmissionCursor { id: s.parse().ok()? })
    }
}

/// Which numbers of a submission to show.
#[derive(Debug, Clone, PartialEq)]
pub struct NumberFilter {
    /// Submitted (the default), approved or returned; never drafts, which no submission holds.
    pub status: ObservationStatus,
    pub indicator_id: Option<Id>,
    /// A place code.
    pub place: Option<String>,
}

impl Default for NumberFilter {
    fn default() -> Self {
        NumberFilter { status: ObservationStatus::Submitted, indicator_id: None, place: None }
    }
}

impl NumberFilter {
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut inv = Invalid::new();
        if self.status == ObservationStatus::Draft {
            inv.add("status", "drafts are not in the review queue: choose submitted, approved or returned");
        }
        if let Some(p) = &self.place {
            check_text(&mut inv, "place", p, 1, 100);
        }
        inv.into_result()
    }
}

/// Where a page of numbers starts: after this number, in the queue's order (indicator id, then
/// id: the order numbers arrived in) — the order of the index the store reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberCursor {
    pub indicator_id: Id,
    pub id: Id,
}

impl NumberCursor {
    pub fn of(n: &ReviewNumber) -> Self {
        NumberCursor { indicator_id: n.indicator_id, id: n.id }
    }

    /// `indicator.id`.
    pub fn encode(&self) -> String {
        format!("{}.{}", self.indicator_id, self.id)
    }

    /// A cursor of `encode`; one made before numbers came in arrival order (`indicator.id.place`)
    /// still reads, its place ignored.
    pub fn decode(s: &str) -> Option<Self> {
        let mut parts = s.splitn(3, '.');
        let indicator_id = parts.next()?.parse().ok()?;
        let id = parts.next()?.parse().ok()?;
        Some(NumberCursor { indicator_id, id })
    }
}

/// How many rows a page holds at most, and by default.
pub const MAX_PAGE: u32 = 200;
pub const DEFAULT_PAGE: u32 = 50;

/// The page size asked for, within 1..=[`MAX_PAGE`].
pub fn page_size(asked: Option<u32>) -> u32 {
    asked.unwrap_or(DEFAULT_PAGE).clamp(1, MAX_PAGE)
}

/// One number in the queue, beside the value last approved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ReviewNumber {
    pub id: Id,
    pub submission_id: Id,
    pub indicator_id: Id,
    pub indicator_key: String,
    pub unit: Unit,
    pub period: String,
    pub geography: String,
    pub groups: Groups,
    pub numerator: f64,
    pub denominator: Option<f64>,
    pub status: ObservationStatus,
    pub return_reason: Option<String>,
    pub revision: i64,
    /// The value last approved (published now); `None` for a new number.
    pub previous: Option<Approved>,
}

impl ReviewNumber {
    /// The number's value (a percent or rate from its numerator and denominator).
    pub fn value(&self) -> Option<f64> {
        value_of(self.unit, self.numerator, self.denominator)
    }

    /// The previous approved value.
    pub fn previous_value(&self) -> Option<f64> {
        self.previous.and_then(|p| value_of(self.unit, p.numerator, p.denominator))
    }

    /// The change from the previous approved value, in the value's unit (percentage points for a
    /// percent); `None` for a new number.
    pub fn change(&self) -> Option<f64> {
        Some(self.value()? - self.previous_value()?)
    }

    /// Whether the change from the previous approved value is unusual (see [`outlier`]).
    pub fn outlier(&self) -> Option<Outlier> {
        outlier(self.unit, (self.numerator, self.denominator), self.previous.map(|p| (p.numerator, p.denominator)))
    }
}

/// A page of a submission's numbers, with the cursor of the next page if there is one.
#[derive(Debug, Clone, PartialEq)]
pub struct NumberPage {
    pub numbers: Vec<ReviewNumber>,
    pub next: Option<NumberCursor>,
}

/// A page of submissions, with the cursor of the next page if there is one.
#[derive(Debug, Clone, PartialEq)]
pub struct SubmissionPage {
    pub submissions: Vec<Submission>,
    pub next: Option<SubmissionCursor>,
}

vocabulary! {
    /// Why a number is flagged as unusual.
    Outlier {
        /// A percent or rate moved more than [`RATE_POINTS`] percentage points.
        RateMoved => "rate_moved",
        /// The people a percent or rate is counted over (its denominator) grew or shrank more than
        /// [`FACTOR`] times.
        BaseChanged => "base_changed",
        /// A count, amount or score grew or shrank more than [`FACTOR`] times (and, for a count,
        /// by at least [`COUNT_FLOOR`]).
        ValueChanged => "value_changed",
    }
}

/// A percent or rate moving more than this many percentage points (of its share: 10 points of a
/// percent, 100 of a rate per 1,000) from its approved value is unusual from one report to the next.
pub const RATE_POINTS: f64 = 10.0;
/// A count, amount, score or denominator growing or shrinking more than this many times is unusual.
pub const FACTOR: f64 = 2.0;
/// Counts that change by fewer than this many are never flagged (3 → 7 is not news).
pub const COUNT_FLOOR: f64 = 10.0;

/// The outlier rule: whether a submitted number is far from its previous approved value.
///
/// - a percent or rate (numerator over denominator, `Unit::Percent`, `Unit::RatePer1000`) is
///   unusual when its share moved more than [`RATE_POINTS`] percentage points, or when its
///   denominator — the people it is counted over — changed more than [`FACTOR`] times;
/// - a count is unusual when it changed more than [`FACTOR`] times and by at least
///   [`COUNT_FLOOR`]; an amount or score (an average, `Currency`, `Score`) when its value changed
///   more than [`FACTOR`] times;
/// - a number never approved before has nothing to compare with and is not flagged; nor is one
///   whose previous value is zero while it stays small.
///
/// A flag asks the reviewer to look, nothing more: growth can be real.
pub fn outlier(unit: Unit, current: (f64, Option<f64>), previous: Option<(f64, Option<f64>)>) -> Option<Outlier> {
    let (pn, pd) = previous?;
    let (n, d) = current;
    let far = |a: f64, b: f64| {
        let (a, b) = (a.abs(), b.abs());
        match (a == 0.0, b == 0.0) {
            (true, true) => false,
            (true, false) | (false, true) => true,
            (false, false) => a / b > FACTOR || b / a > FACTOR,
        }
    };
    match unit {
        Unit::Percent | Unit::RatePer1000 => {
            if let (Some(d), Some(pd)) = (d, pd) {
                if d > 0.0 && pd > 0.0 && ((n / d) - (pn / pd)).abs() * 100.0 > RATE_POINTS {
                    return Some(Outlier::RateMoved);
                }
                if far(d, pd) {
                    return Some(Outlier::BaseChanged);
                }
            }
            None
        }
        Unit::Count => (far(n, pn) && (n - pn).abs() >= COUNT_FLOOR).then_some(Outlier::ValueChanged),
        Unit::Currency | Unit::Score => {
            let (v, pv) = (value_of(unit, n, d)?, value_of(unit, pn, pd)?);
            far(v, pv).then_some(Outlier::ValueChanged)
        }
    }
}

/// Approve a whole submission, or return it with a reason.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, ToSchema)]
#[serde(tag = "decision", rename_all = "snake_case", deny_unknown_fields)]
pub enum SubmissionDecision {
    Approve,
    /// Back to the partner, saying what to fix.
    Return {
        reason: String,
    },
}

impl SubmissionDecision {
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut inv = Invalid::new();
        if let SubmissionDecision::Return { reason } = self {
            check_text(&mut inv, "reason", reason, 1, 1000);
        }
        inv.into_result()
    }

    /// The status the submission's waiting numbers take.
    pub fn status(&self) -> ObservationStatus {
        match self {
            SubmissionDecision::Approve => ObservationStatus::Approved,
            SubmissionDecision::Return { .. } => ObservationStatus::Returned,
        }
    }
}
