use super::*;
use crate::audit::Actor;
use crate::error::StoreResult;
use crate::progress::Progress;

/// The review queue: submissions, their numbers a page at a time, and decisions on whole
/// submissions. Submissions are recorded by the write path (`MeasureStore::submit_batches`,
/// `send_drafts`); this trait reads and decides them.
#[async_trait::async_trait]
pub trait ReviewStore: Send + Sync {
    /// Submissions, newest first, `limit` of them after `after`, with the next page's cursor.
    async fn submissions(
        &self,
        initiative_id: Id,
        filter: &SubmissionFilter,
        after: Option<SubmissionCursor>,
        limit: u32,
    ) -> StoreResult<SubmissionPage>;
    async fn submission(&self, initiative_id: Id, submission_id: Id) -> StoreResult<Submission>;
    /// A page of a submission's numbers in the queue's order, `limit` of them after `after`.
    async fn submission_numbers(
        &self,
        initiative_id: Id,
        submission_id: Id,
        filter: &NumberFilter,
        after: Option<&NumberCursor>,
        limit: u32,
    ) -> StoreResult<NumberPage>;
    /// Approves every waiting number of a submission, or returns them all with the reason, in
    /// one transaction (audited), then recomputes what is published for the indicators and
    /// periods an approval touched. Answers how many numbers changed status; a submission with
    /// nothing waiting is a conflict.
    async fn decide_submission(
        &self,
        actor: &Actor,
        initiative_id: Id,
        submission_id: Id,
        decision: &SubmissionDecision,
        progress: &dyn Progress,
    ) -> StoreResult<u64>;
}
