use super::*;
use crate::error::StoreResult;

/// What the accountability view reads that no other capability's store gives: organisations'
/// commitments and attendance counted by the database (so the view does not read every record),
/// and when each organisation first submitted each indicator's numbers for each period.
#[async_trait::async_trait]
pub trait AccountabilityStore: Send + Sync {
    /// For every (indicator, organisation, period) with a submission, the first time one was
    /// submitted (a number sent in for review; drafts are not submissions).
    async fn first_submissions(&self, initiative_id: Id) -> StoreResult<Vec<Submission>>;
    /// Organisations' commitments, counted as `tally_commitments` counts them, sorted.
    async fn commitment_tallies(
        &self,
        initiative_id: Id,
        since: NaiveDate,
        today: NaiveDate,
    ) -> StoreResult<Vec<CommitmentTally>>;
    /// Organisations' meetings expected and attended from `since` through `today`, counted as
    /// `tally_attendance` counts them, sorted.
    async fn attendance_tallies(
        &self,
        initiative_id: Id,
        since: NaiveDate,
        today: NaiveDate,
    ) -> StoreResult<Vec<AttendanceTally>>;
}
