//! Commitments: who committed to do what, by when, toward which strategy, indicator or activity —
//! the last link of the chain from a result to the work, and what partners are held accountable
//! for, by one standard. Every change of status or date is kept (`CommitmentEvent`), with who made
//! it and why.
//!
//! A commitment is *kept* when it is done by its due date, *late* when done after it or still open
//! past it, *dropped* when given up (always with a reason).

mod store;
pub use store::CommitmentStore;

use crate::checks::*;
use crate::error::Invalid;
use crate::vocabulary::vocabulary;
use crate::Id;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

vocabulary! {
    /// Where a commitment stands.
    CommitmentStatus {
        NotStarted => "not_started",
        OnTrack => "on_track",
        /// Something is in the way (the reason says what).
        AtRisk => "at_risk",
        Done => "done",
        /// Given up (the reason says why).
        Dropped => "dropped",
    }
}

impl CommitmentStatus {
    /// Not done and not dropped.
    pub fn is_open(self) -> bool {
        !matches!(self, CommitmentStatus::Done | CommitmentStatus::Dropped)
    }

    /// A change to this status must say why.
    pub fn needs_reason(self) -> bool {
        matches!(self, CommitmentStatus::AtRisk | CommitmentStatus::Dropped)
    }
}

vocabulary! {
    /// How a commitment stands against its due date, for the accountability view.
    Standing {
        /// Done by the due date.
        Kept => "kept",
        /// Done after the due date.
        DoneLate => "done_late",
        /// Open past the due date.
        Overdue => "overdue",
        /// Open, due within the next week.
        DueSoon => "due_soon",
        /// Open, due later.
        Open => "open",
        Dropped => "dropped",
    }
}

/// Days before its due date from which an open commitment is "due soon".
pub const DUE_SOON_DAYS: i64 = 7;

/// One commitment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Commitment {
    pub id: Id,
    pub initiative_id: Id,
    /// The organisation that commits, when an organisation does.
    pub organization_id: Option<Id>,
    /// The person who carries it (for an organisation) or who commits (a resident, a volunteer).
    pub person_id: Option<Id>,
    pub title: String,
    pub details: String,
    pub due_on: NaiveDate,
    pub status: CommitmentStatus,
    /// Why the status is what it is (required when at risk or dropped).
    pub reason: String,
    /// The day it was done.
    pub done_on: Option<NaiveDate>,
    /// What it serves: a strategy of the common agenda, an indicator, an activity.
    pub strategy_key: Option<String>,
    pub indicator_key: Option<String>,
    pub activity_id: Option<Id>,
    /// The table it was made at, and the meeting.
    pub table_id: Option<Id>,
    #[serde(default)]
    pub meeting_id: Option<Id>,
    /// The decision whose action item it is.
    #[serde(default)]
    pub decision_id: Option<Id>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Commitment {
    /// How it stands on `today` against its due date.
    pub fn standing(&self, today: NaiveDate) -> Standing {
        match (self.status, self.done_on) {
            (CommitmentStatus::Dropped, _) => Standing::Dropped,
            (CommitmentStatus::Done, Some(d)) if d > self.due_on => Standing::DoneLate,
            (CommitmentStatus::Done, _) => Standing::Kept,
            _ if self.due_on < today => Standing::Overdue,
            _ if (self.due_on - today).num_days() <= DUE_SOON_DAYS => Standing::DueSoon,
            _ => Standing::Open,
        }
    }
}

/// What a commitment is: made, or changed (its status changes through `StatusChange`).
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CommitmentInput {
    #[serde(default)]
    pub organization_id: Option<Id>,
    #[serde(default)]
    pub person_id: Option<Id>,
    pub title: String,
    #[serde(default)]
    pub details: String,
    pub due_on: NaiveDate,
    #[serde(default)]
    pub strategy_key: Option<String>,
    #[serde(default)]
    pub indicator_key: Option<String>,
    #[serde(default)]
    pub activity_id: Option<Id>,
    #[serde(default)]
    pub table_id: Option<Id>,
    /// The meeting it was made at (of `table_id`).
    #[serde(default)]
    pub meeting_id: Option<Id>,
    /// The decision whose action item it is.
    #[serde(default)]
    pub decision_id: Option<Id>,
}

impl CommitmentInput {
    /// The checks that need nothing stored.
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut inv = Invalid::new();
        check_text(&mut inv, "title", &self.title, 1, 300);
        check_text(&mut inv, "details", &self.details, 0, 4000);
        if self.organization_id.is_none() && self.person_id.is_none() {
            inv.add("organization_id", "say who commits: an organisation, a person, or both");
        }
        for (field, key) in [("strategy_key", &self.strategy_key), ("indicator_key", &self.indicator_key)] {
            if let Some(k) = key {
                check_slug(&mut inv, field, k);
            }
        }
        check_date(&mut inv, "due_on", self.due_on);
        inv.into_result()
    }
}

/// A due date from 2000 to 2100: anything else is a typo.
fn check_date(inv: &mut Invalid, field: &str, d: NaiveDate) {
    use chrono::Datelike;
    if !(2000..=2100).contains(&d.year()) {
        inv.add(field, format!("{d} is not a date Backbone expects (2000 to 2100)"));
    }
}

/// A change of status, due date or both, with the reason.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusChange {
    pub status: CommitmentStatus,
    #[serde(default)]
    pub reason: String,
    /// A new due date, when it moves.
    #[serde(default)]
    pub due_on: Option<NaiveDate>,
}

impl StatusChange {
    /// Checks the change against the commitment as it is: at risk and dropped say why, and so
    /// does a due date that moves.
    pub fn validate(&self, current: &Commitment) -> Result<(), Invalid> {
        let mut inv = Invalid::new();
        check_text(&mut inv, "reason", &self.reason, 0, 2000);
        let moves = self.due_on.is_some_and(|d| d != current.due_on);
        if self.reason.trim().is_empty() {
            if self.status.needs_reason() && self.status != current.status {
                let why = match self.status {
                    CommitmentStatus::AtRisk => "say what is in the way",
                    _ => "say why it is dropped",
                };
                inv.add("reason", why);
            } else if moves {
                inv.add("reason", "say why the due date moves");
            }
        }
        if let Some(d) = self.due_on {
            check_date(&mut inv, "due_on", d);
        }
        if self.status == current.status && !moves && self.reason.trim() == current.reason.trim() {
            inv.add("status", "nothing changes: choose another status or a new date");
        }
        inv.into_result()
    }
}

/// One step in a commitment's history: made, or changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CommitmentEvent {
    pub status: CommitmentStatus,
    pub reason: String,
    pub due_on: NaiveDate,
    pub actor_name: String,
    pub at: DateTime<Utc>,
}

/// Which commitments to list.
#[derive(Debug, Clone, Default)]
pub struct CommitmentQuery {
    pub organization_id: Option<Id>,
    pub person_id: Option<Id>,
    pub status: Option<CommitmentStatus>,
    pub open_only: bool,
    pub strategy_key: Option<String>,
    pub indicator_key: Option<String>,
    pub activity_id: Option<Id>,
    pub table_id: Option<Id>,
    pub meeting_id: Option<Id>,
    pub decision_id: Option<Id>,
}

impl CommitmentQuery {
    pub fn matches(&self, c: &Commitment) -> bool {
        self.organization_id.is_none_or(|o| c.organization_id == Some(o))
            && self.person_id.is_none_or(|p| c.person_id == Some(p))
            && self.status.is_none_or(|s| c.status == s)
            && (!self.open_only || c.status.is_open())
            && self.strategy_key.as_ref().is_none_or(|k| c.strategy_key.as_ref() == Some(k))
            && self.indicator_key.as_ref().is_none_or(|k| c.indicator_key.as_ref() == Some(k))
            && self.activity_id.is_none_or(|a| c.activity_id == Some(a))
            && self.table_id.is_none_or(|t| c.table_id == Some(t))
            && self.meeting_id.is_none_or(|m| c.meeting_id == Some(m))
            && self.decision_id.is_none_or(|d| c.decision_id == Some(d))
    }
}

/// How one organisation (or everyone) has kept its commitments: the same yardstick for all.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, ToSchema)]
pub struct Record {
    pub kept: u32,
    pub done_late: u32,
    pub overdue: u32,
    pub dropped: u32,
    /// Open and not yet due (due soon included).
    pub open: u32,
}

impl std::ops::AddAssign<&Record> for Record {
    fn add_assign(&mut self, o: &Record) {
        self.kept += o.kept;
        self.done_late += o.done_late;
        self.overdue += o.overdue;
        self.dropped += o.dropped;
        self.open += o.open;
    }
}

impl Record {
    pub fn of<'a>(commitments: impl IntoIterator<Item = &'a Commitment>, today: NaiveDate) -> Record {
        let mut r = Record::default();
        for c in commitments {
            r.count(c.status, c.done_on.is_some_and(|d| d > c.due_on), c.due_on < today, 1);
        }
        r
    }

    /// Counts `n` commitments of one status, done after their due date or not, due before today
    /// or not — all that decides where a commitment stands (`Commitment::standing`), so counts
    /// the database groups by add up the same as the records would.
    pub fn count(&mut self, status: CommitmentStatus, done_late: bool, past_due: bool, n: u32) {
        match status {
            CommitmentStatus::Dropped => self.dropped += n,
            CommitmentStatus::Done if done_late => self.done_late += n,
            CommitmentStatus::Done => self.kept += n,
            _ if past_due => self.overdue += n,
            _ => self.open += n,
        }
    }

    /// Commitments whose due date has passed or that ended: the ones a share can be taken of.
    pub fn settled(&self) -> u32 {
        self.kept + self.done_late + self.overdue + self.dropped
    }

    /// The share kept on time of those settled, in percent; `None` before any is settled.
    pub fn kept_percent(&self) -> Option<f64> {
        let n = self.settled();
        (n > 0).then(|| f64::from(self.kept) * 100.0 / f64::from(n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn commitment(due: &str, status: CommitmentStatus, done: Option<&str>) -> Commitment {
        Commitment {
            id: 1,
            initiative_id: 1,
            organization_id: Some(3),
            person_id: None,
            title: "Share attendance data monthly".into(),
            details: String::new(),
            due_on: date(due),
            status,
            reason: String::new(),
            done_on: done.map(date),
            strategy_key: None,
            indicator_key: None,
            activity_id: None,
            table_id: None,
            meeting_id: None,
            decision_id: None,
            created_at: Utc::now(),
            updated_at: Utc::now(),
        }
    }

    #[test]
    fn a_commitment_stands_against_its_due_date() {
        use CommitmentStatus::*;
        let today = date("2026-03-10");
        assert_eq!(commitment("2026-03-01", Done, Some("2026-02-27")).standing(today), Standing::Kept);
        assert_eq!(commitment("2026-03-01", Done, Some("2026-03-04")).standing(today), Standing::DoneLate);
        assert_eq!(commitment("2026-03-09", OnTrack, None).standing(today), Standing::Overdue);
        assert_eq!(commitment("2026-03-17", AtRisk, None).standing(today), Standing::DueSoon);
        assert_eq!(commitment("2026-03-18", NotStarted, None).standing(today), Standing::Open);
        assert_eq!(commitment("2026-01-01", Dropped, None).standing(today), Standing::Dropped);
        let all = [
            commitment("2026-03-01", Done, Some("2026-02-27")),
            commitment("2026-03-01", Done, Some("2026-03-04")),
            commitment("2026-03-09", OnTrack, None),
            commitment("2026-04-01", OnTrack, None),
        ];
        let r = Record::of(&all, today);
        assert_eq!((r.kept, r.done_late, r.overdue, r.open, r.settled()), (1, 1, 1, 1, 3));
        assert_eq!(r.kept_percent().map(|p| p.round()), Some(33.0));
        assert_eq!(Record::default().kept_percent(), None);
    }

    #[test]
    fn risks_drops_and_new_dates_say_why() {
        let c = commitment("2026-03-01", CommitmentStatus::OnTrack, None);
        let change = |status, reason: &str, due: Option<&str>| StatusChange {
            status,
            reason: reason.into(),
            due_on: due.map(date),
        };
        let e = change(CommitmentStatus::Dropped, " ", None).validate(&c).unwrap_err();
        assert_eq!(e.reason_for("reason"), Some("say why it is dropped"));
        let e = change(CommitmentStatus::AtRisk, "", None).validate(&c).unwrap_err();
        assert_eq!(e.reason_for("reason"), Some("say what is in the way"));
        let e = change(CommitmentStatus::OnTrack, "", Some("2026-04-01")).validate(&c).unwrap_err();
        assert_eq!(e.reason_for("reason"), Some("say why the due date moves"));
        assert!(change(CommitmentStatus::OnTrack, "", None).validate(&c).is_err(), "nothing changes");
        assert!(change(CommitmentStatus::Done, "", None).validate(&c).is_ok());
        assert!(change(CommitmentStatus::OnTrack, "The data agreement needs the board", Some("2026-04-01"))
            .validate(&c)
            .is_ok());
    }

    #[test]
    fn someone_commits_to_something_real() {
        let input = CommitmentInput {
            organization_id: None,
            person_id: None,
            title: "".into(),
            details: String::new(),
            due_on: date("2206-01-01"),
            strategy_key: Some("Summer Reading".into()),
            indicator_key: None,
            activity_id: None,
            table_id: None,
            meeting_id: None,
            decision_id: None,
        };
        let e = input.validate().unwrap_err();
        assert!(e.reason_for("organization_id").is_some());
        assert_eq!(e.reason_for("title"), Some("is required"));
        assert!(e.reason_for("due_on").unwrap().contains("2206-01-01"));
        assert!(e.reason_for("strategy_key").is_some());
    }
}
