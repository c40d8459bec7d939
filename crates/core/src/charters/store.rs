use super::*;
use crate::audit::Actor;
use crate::error::StoreResult;

#[async_trait::async_trait]
pub trait CharterStore: Send + Sync {
    /// Every version of a table's charter, newest first.
    async fn charter_versions(&self, initiative_id: Id, table_id: Id) -> StoreResult<Vec<CharterVersion>>;
    /// Adopts a new version (the first, or one replacing the current).
    async fn adopt_charter(
        &self,
        actor: &Actor,
        initiative_id: Id,
        table_id: Id,
        input: &CharterInput,
    ) -> StoreResult<CharterVersion>;
    /// A member endorses a version (again: the comment is replaced).
    async fn endorse_charter(
        &self,
        actor: &Actor,
        initiative_id: Id,
        version_id: Id,
        person_id: Id,
        comment: &str,
    ) -> StoreResult<CharterEndorsement>;
    async fn charter_endorsements(&self, initiative_id: Id, version_id: Id) -> StoreResult<Vec<CharterEndorsement>>;
}
