use super::composition::Snapshot;
use super::*;
use crate::audit::Actor;
use crate::error::StoreResult;

/// Tables and the seats at them. A seat ends with an end date; it is never deleted.
#[async_trait::async_trait]
pub trait TableStore: Send + Sync {
    async fn tables(&self, initiative_id: Id) -> StoreResult<Vec<Table>>;
    async fn table(&self, initiative_id: Id, id: Id) -> StoreResult<Table>;
    async fn create_table(&self, actor: &Actor, initiative_id: Id, input: &TableInput) -> StoreResult<Table>;
    async fn update_table(&self, actor: &Actor, initiative_id: Id, id: Id, input: &TableInput) -> StoreResult<Table>;
    /// Memberships of a table, or of a person, current and past.
    async fn memberships(
        &self,
        initiative_id: Id,
        table_id: Option<Id>,
        person_id: Option<Id>,
    ) -> StoreResult<Vec<Membership>>;
    async fn add_membership(
        &self,
        actor: &Actor,
        initiative_id: Id,
        table_id: Id,
        input: &MembershipInput,
    ) -> StoreResult<Membership>;
    async fn update_membership(
        &self,
        actor: &Actor,
        initiative_id: Id,
        id: Id,
        input: &MembershipUpdate,
    ) -> StoreResult<Membership>;
    /// The table's latest published composition, if one was published.
    async fn latest_composition(&self, initiative_id: Id, table_id: Id) -> StoreResult<Option<Snapshot>>;
    /// Every composition published, of one table or of all, oldest first: (table id, snapshot).
    async fn composition_history(&self, initiative_id: Id, table_id: Option<Id>) -> StoreResult<Vec<(Id, Snapshot)>>;
    /// Publishes a new composition snapshot of the table.
    async fn publish_composition(&self, initiative_id: Id, table_id: Id, snapshot: &Snapshot) -> StoreResult<()>;
}
