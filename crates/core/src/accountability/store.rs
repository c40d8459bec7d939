use super::*;
use crate::error::StoreResult;

/// What the accountability view reads that no other capability's store gives: when each
/// organisation first submitted each indicator's numbers for each period.
#[async_trait::async_trait]
pub trait AccountabilityStore: Send + Sync {
    /// For every (indicator, organisation, period) with a submission, the first time one was
    /// submitted (a number sent in for review; drafts are not submissions).
    async fn first_submissions(&self, initiative_id: Id) -> StoreResult<Vec<Submission>>;
}
