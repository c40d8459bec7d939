use super::*;
use crate::audit::Actor;
use crate::error::StoreResult;

/// Messages about published numbers.
#[async_trait::async_trait]
pub trait FeedbackStore: Send + Sync {
    /// How many messages `client_key` (a hash of the sender's address) sent the initiative since
    /// `since`; for the hourly limit.
    async fn feedback_sent_since(&self, initiative_id: Id, client_key: &str, since: DateTime<Utc>) -> StoreResult<u64>;
    /// Records a checked message about a published indicator, waiting for staff.
    async fn submit_feedback(
        &self,
        initiative_id: Id,
        indicator_key: &str,
        input: &FeedbackInput,
        language: &str,
        client_key: &str,
    ) -> StoreResult<Feedback>;
    /// Messages, newest first: about one indicator or all, in one status or all.
    async fn feedback(
        &self,
        initiative_id: Id,
        indicator_key: Option<&str>,
        status: Option<FeedbackStatus>,
    ) -> StoreResult<Vec<Feedback>>;
    async fn feedback_item(&self, initiative_id: Id, id: Id) -> StoreResult<Feedback>;
    /// Publishes or declines a message (audited).
    async fn moderate_feedback(
        &self,
        actor: &Actor,
        initiative_id: Id,
        id: Id,
        input: &ModerationInput,
    ) -> StoreResult<Feedback>;
    /// The owner's answer (a later one replaces it; the audit keeps both).
    async fn reply_to_feedback(
        &self,
        actor: &Actor,
        initiative_id: Id,
        id: Id,
        input: &ReplyInput,
        by: &str,
    ) -> StoreResult<Feedback>;
}
