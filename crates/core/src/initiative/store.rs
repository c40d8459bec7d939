use super::*;
use crate::audit::Actor;
use crate::error::StoreResult;

/// Initiatives and their preconditions.
#[async_trait::async_trait]
pub trait InitiativeStore: Send + Sync {
    async fn list_initiatives(&self) -> StoreResult<Vec<Initiative>>;
    async fn initiative_by_slug(&self, slug: &str) -> StoreResult<Initiative>;
    async fn create_initiative(&self, actor: &Actor, input: &NewInitiative) -> StoreResult<Initiative>;
    async fn update_initiative(&self, actor: &Actor, id: Id, input: &InitiativeUpdate) -> StoreResult<Initiative>;
    async fn preconditions(&self, initiative_id: Id) -> StoreResult<Vec<Precondition>>;
    async fn set_precondition(
        &self,
        actor: &Actor,
        initiative_id: Id,
        kind: PreconditionKind,
        input: &PreconditionInput,
    ) -> StoreResult<Precondition>;
}
