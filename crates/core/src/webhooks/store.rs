use super::*;
use crate::audit::Actor;
use crate::error::StoreResult;

/// Endpoints, the outbox and the deliveries. The outbox is written by the other stores, in the
/// transaction of each change that is an event (`is_event`).
#[async_trait::async_trait]
pub trait WebhookStore: Send + Sync {
    async fn endpoints(&self, initiative_id: Id) -> StoreResult<Vec<Endpoint>>;
    async fn endpoint(&self, initiative_id: Id, id: Id) -> StoreResult<Endpoint>;
    /// The endpoint's signing secret, for staff to copy into the receiver.
    async fn endpoint_secret(&self, initiative_id: Id, id: Id) -> StoreResult<String>;
    async fn create_endpoint(
        &self,
        actor: &Actor,
        initiative_id: Id,
        input: &EndpointInput,
        secret: &str,
    ) -> StoreResult<Endpoint>;
    async fn update_endpoint(
        &self,
        actor: &Actor,
        initiative_id: Id,
        id: Id,
        input: &EndpointInput,
    ) -> StoreResult<Endpoint>;
    /// Turns the outbox's new events into deliveries for the active endpoints that want them;
    /// answers how many deliveries were made.
    async fn fan_out(&self, now: DateTime<Utc>) -> StoreResult<u64>;
    /// Claims up to `limit` deliveries due at `now` for one attempt each, leased until
    /// `now + lease` so that no other server sends them meanwhile (a server that stops
    /// mid-attempt leaves them to be tried again once the lease ends).
    async fn claim_due(&self, now: DateTime<Utc>, lease: Duration, limit: u32) -> StoreResult<Vec<Due>>;
    /// Records an attempt: delivered, or the next attempt scheduled, or failed for good.
    async fn record_attempt(&self, delivery_id: Id, outcome: &Outcome) -> StoreResult<Delivery>;
    /// An initiative's deliveries, newest first (of one endpoint, when given).
    async fn deliveries(&self, initiative_id: Id, endpoint_id: Option<Id>, limit: u32) -> StoreResult<Vec<Delivery>>;
    async fn delivery_attempts(&self, initiative_id: Id, delivery_id: Id) -> StoreResult<Vec<Attempt>>;
    /// Sends a delivery again from its first attempt (after a receiver was fixed).
    async fn redeliver(&self, actor: &Actor, initiative_id: Id, delivery_id: Id) -> StoreResult<Delivery>;
}
