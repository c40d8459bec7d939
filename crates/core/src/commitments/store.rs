use super::*;
use crate::audit::Actor;
use crate::error::StoreResult;

/// Commitments and their history. Writes check every reference (the organisation, the person,
/// the strategy of the current agenda, the indicator, the activity, the table) in the same
/// transaction; every status or date change is appended to the history, never rewritten.
#[async_trait::async_trait]
pub trait CommitmentStore: Send + Sync {
    /// Commitments matching `query`, soonest due first.
    async fn commitments(&self, initiative_id: Id, query: &CommitmentQuery) -> StoreResult<Vec<Commitment>>;
    async fn commitment(&self, initiative_id: Id, id: Id) -> StoreResult<Commitment>;
    /// Makes a commitment, not started.
    async fn create_commitment(
        &self,
        actor: &Actor,
        initiative_id: Id,
        input: &CommitmentInput,
    ) -> StoreResult<Commitment>;
    /// Changes what a commitment says (not its status: see `change_commitment_status`). A new due
    /// date given here is kept in the history too.
    async fn update_commitment(
        &self,
        actor: &Actor,
        initiative_id: Id,
        id: Id,
        input: &CommitmentInput,
    ) -> StoreResult<Commitment>;
    async fn change_commitment_status(
        &self,
        actor: &Actor,
        initiative_id: Id,
        id: Id,
        change: &StatusChange,
    ) -> StoreResult<Commitment>;
    /// Every state it has been in, oldest first.
    async fn commitment_history(&self, initiative_id: Id, id: Id) -> StoreResult<Vec<CommitmentEvent>>;
}
