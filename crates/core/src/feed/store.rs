use super::*;
use crate::audit::Actor;
use crate::error::StoreResult;

/// What the feeds read that no other capability's store gives, and what a person chooses to
/// follow.
#[async_trait::async_trait]
pub trait FeedStore: Send + Sync {
    /// Every step of the initiative's commitments taken since `since`, newest first (at most 2,000).
    async fn commitment_steps(&self, initiative_id: Id, since: DateTime<Utc>) -> StoreResult<Vec<CommitmentStep>>;
    /// Numbers approved since `since`, one per indicator, period and organisation, at the latest approval.
    async fn approvals(&self, initiative_id: Id, since: DateTime<Utc>) -> StoreResult<Vec<Approval>>;
    /// The keys of the indicators a user follows in an initiative.
    async fn followed_indicators(&self, initiative_id: Id, user_id: Id) -> StoreResult<Vec<String>>;
    /// Follow an indicator or stop following it; answers the keys followed afterwards.
    async fn set_following(
        &self,
        actor: &Actor,
        initiative_id: Id,
        user_id: Id,
        indicator_key: &str,
        follow: bool,
    ) -> StoreResult<Vec<String>>;
    /// Keeps a user's new private feed key (for calendar and feed readers, which cannot sign in)
    /// as its hash, replacing any earlier one: old links stop working.
    async fn renew_feed_key(&self, actor: &Actor, user_id: Id, key_hash: &str) -> StoreResult<()>;
    /// The user a feed key (by its hash) belongs to.
    async fn user_of_feed_key(&self, key_hash: &str) -> StoreResult<Option<Id>>;
}
