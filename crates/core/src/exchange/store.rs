use super::*;
use crate::audit::Actor;
use crate::error::StoreResult;
use crate::initiative::Initiative;
use crate::Id;

/// Whole initiatives, in and out.
#[async_trait::async_trait]
pub trait ExchangeStore: Send + Sync {
    async fn export_initiative(&self, initiative_id: Id) -> StoreResult<InitiativeExport>;
    /// Imports a document as a new initiative, all or nothing. `slug` overrides the document's.
    async fn import_initiative(
        &self,
        actor: &Actor,
        doc: &InitiativeExport,
        slug: Option<&str>,
    ) -> StoreResult<Initiative>;
}
