use super::*;
use crate::audit::Actor;
use crate::error::StoreResult;

/// The common agenda's versions and their endorsements. Versions are never changed: each save
/// makes the next one, refused when the editor started from an older version.
#[async_trait::async_trait]
pub trait AgendaStore: Send + Sync {
    /// Every version, newest first.
    async fn agenda_versions(&self, initiative_id: Id) -> StoreResult<Vec<AgendaVersion>>;
    async fn agenda_version(&self, initiative_id: Id, number: i64) -> StoreResult<AgendaVersion>;
    async fn current_agenda(&self, initiative_id: Id) -> StoreResult<Option<AgendaVersion>>;
    async fn create_agenda_version(
        &self,
        actor: &Actor,
        initiative_id: Id,
        input: &AgendaInput,
    ) -> StoreResult<AgendaVersion>;
    /// Endorsements of one version, or of every version.
    async fn endorsements(&self, initiative_id: Id, version: Option<i64>) -> StoreResult<Vec<Endorsement>>;
    async fn endorse(
        &self,
        actor: &Actor,
        initiative_id: Id,
        version: i64,
        input: &EndorsementInput,
    ) -> StoreResult<Endorsement>;
}
