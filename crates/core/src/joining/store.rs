use super::*;
use crate::audit::Actor;
use crate::error::StoreResult;

/// Requests to join tables.
#[async_trait::async_trait]
pub trait JoiningStore: Send + Sync {
    /// How many requests `client_key` (a hash of the sender's address) sent the initiative since
    /// `since`; for the hourly limit.
    async fn join_requests_sent_since(
        &self,
        initiative_id: Id,
        client_key: &str,
        since: DateTime<Utc>,
    ) -> StoreResult<u64>;
    /// Records a checked request to join a table that welcomes requests (otherwise a conflict).
    async fn ask_to_join(
        &self,
        initiative_id: Id,
        table_id: Id,
        input: &JoinRequestInput,
        language: &str,
        client_key: &str,
    ) -> StoreResult<JoinRequest>;
    /// Requests, newest first: to one table or all, in one status or all.
    async fn join_requests(
        &self,
        initiative_id: Id,
        table_id: Option<Id>,
        status: Option<JoinStatus>,
    ) -> StoreResult<Vec<JoinRequest>>;
    async fn join_request(&self, initiative_id: Id, id: Id) -> StoreResult<JoinRequest>;
    /// Welcomes (a person — the one with the same e-mail address if there is one — and a seat at
    /// the table, in the same transaction) or declines a waiting request (audited).
    async fn decide_join_request(
        &self,
        actor: &Actor,
        initiative_id: Id,
        id: Id,
        decision: &JoinDecision,
    ) -> StoreResult<JoinRequest>;
}
