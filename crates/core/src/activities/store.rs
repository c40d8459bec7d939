use super::*;
use crate::audit::Actor;
use crate::error::StoreResult;

/// Partners' programs and activities. Writes check every reference (the organisation, the
/// places, the strategies of the current agenda, the indicators) in the same transaction.
#[async_trait::async_trait]
pub trait ActivityStore: Send + Sync {
    async fn activities(&self, initiative_id: Id, query: &ActivityQuery) -> StoreResult<Vec<Activity>>;
    async fn activity(&self, initiative_id: Id, id: Id) -> StoreResult<Activity>;
    async fn create_activity(&self, actor: &Actor, initiative_id: Id, input: &ActivityInput) -> StoreResult<Activity>;
    /// Changes an activity; it stays with its organisation (`organization_id` must not change).
    async fn update_activity(
        &self,
        actor: &Actor,
        initiative_id: Id,
        id: Id,
        input: &ActivityInput,
    ) -> StoreResult<Activity>;
}
