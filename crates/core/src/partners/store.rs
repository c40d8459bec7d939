use super::*;
use crate::audit::Actor;
use crate::error::StoreResult;

/// Partner organisations.
#[async_trait::async_trait]
pub trait PartnerStore: Send + Sync {
    async fn organizations(&self, initiative_id: Id) -> StoreResult<Vec<Organization>>;
    async fn organization(&self, initiative_id: Id, id: Id) -> StoreResult<Organization>;
    async fn create_organization(
        &self,
        actor: &Actor,
        initiative_id: Id,
        input: &OrganizationInput,
    ) -> StoreResult<Organization>;
    async fn update_organization(
        &self,
        actor: &Actor,
        initiative_id: Id,
        id: Id,
        input: &OrganizationInput,
    ) -> StoreResult<Organization>;
}
