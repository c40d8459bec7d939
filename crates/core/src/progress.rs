//! How far a long operation has come (an import of millions of rows, an approval that
//! recomputes what is published), told to whoever shows it: a line in the CLI, a page.
//!
//! The operation says what it is doing ([`Stage`]) and how much of it is done; the one showing
//! it decides how often to draw. [`Tracker`] keeps the latest report where another thread can
//! read it; [`Silent`] ignores everything (tests, quick operations).

use std::sync::atomic::{AtomicU64, AtomicU8, Ordering};

/// What a long operation is doing now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Reading and checking the rows of a file.
    Checking,
    /// Writing rows to the database.
    Writing,
    /// Marking numbers approved.
    Approving,
    /// Recomputing the published (summed, suppressed) numbers.
    Publishing,
    /// Finished; nothing more will be reported.
    Done,
}

impl Stage {
    /// A stable name for APIs and message keys.
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Checking => "checking",
            Stage::Writing => "writing",
            Stage::Approving => "approving",
            Stage::Publishing => "publishing",
            Stage::Done => "done",
        }
    }

    fn from_u8(v: u8) -> Stage {
        match v {
            0 => Stage::Checking,
            1 => Stage::Writing,
            2 => Stage::Approving,
            3 => Stage::Publishing,
            _ => Stage::Done,
        }
    }

    fn to_u8(self) -> u8 {
        match self {
            Stage::Checking => 0,
            Stage::Writing => 1,
            Stage::Approving => 2,
            Stage::Publishing => 3,
            Stage::Done => 4,
        }
    }
}

/// Where a long operation reports. `done` and `total` count the stage's units (rows, cells,
/// indicator periods); `total` is `None` when it is not known ahead.
pub trait Progress: Send + Sync {
    fn report(&self, stage: Stage, done: u64, total: Option<u64>);
}

/// Ignores every report.
pub struct Silent;

impl Progress for Silent {
    fn report(&self, _: Stage, _: u64, _: Option<u64>) {}
}

/// The latest report, readable from another thread while the operation runs.
#[derive(Debug, Default)]
pub struct Tracker {
    stage: AtomicU8,
    done: AtomicU64,
    /// `u64::MAX` when unknown.
    total: AtomicU64,
}

/// A copy of a [`Tracker`]'s latest report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Snapshot {
    pub stage: Stage,
    pub done: u64,
    pub total: Option<u64>,
}

impl Snapshot {
    /// The share done, 0–100, when the total is known.
    pub fn percent(&self) -> Option<u8> {
        let total = self.total?;
        if total == 0 {
            return Some(100);
        }
        Some(((self.done.min(total) as f64 / total as f64) * 100.0).floor() as u8)
    }
}

impl Tracker {
    pub fn new() -> Tracker {
        Tracker { stage: AtomicU8::new(0), done: AtomicU64::new(0), total: AtomicU64::new(u64::MAX) }
    }

    pub fn snapshot(&self) -> Snapshot {
        let total = self.total.load(Ordering::Relaxed);
        Snapshot {
            stage: Stage::from_u8(self.stage.load(Ordering::Relaxed)),
            done: self.done.load(Ordering::Relaxed),
            total: (total != u64::MAX).then_some(total),
        }
    }
}

impl Progress for Tracker {
    fn report(&self, stage: Stage, done: u64, total: Option<u64>) {
        self.stage.store(stage.to_u8(), Ordering::Relaxed);
        self.done.store(done, Ordering::Relaxed);
        self.total.store(total.unwrap_or(u64::MAX), Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tracker_keeps_the_latest_report() {
        let t = Tracker::new();
        assert_eq!(t.snapshot(), Snapshot { stage: Stage::Checking, done: 0, total: None });
        t.report(Stage::Writing, 250, Some(1000));
        let s = t.snapshot();
        assert_eq!((s.stage, s.done, s.total, s.percent()), (Stage::Writing, 250, Some(1000), Some(25)));
        t.report(Stage::Publishing, 3, None);
        assert_eq!(t.snapshot().percent(), None);
        t.report(Stage::Done, 10, Some(0));
        assert_eq!(t.snapshot().percent(), Some(100));
    }
}
