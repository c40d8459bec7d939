use super::*;
use crate::audit::Actor;
use crate::error::StoreResult;

/// The initiative's place boundaries, every upload kept.
#[async_trait::async_trait]
pub trait MapStore: Send + Sync {
    /// Keeps checked boundaries as the next version (audited); each place must be the
    /// initiative's.
    async fn save_boundaries(
        &self,
        actor: &Actor,
        initiative_id: Id,
        property: &str,
        boundaries: &[PlaceBoundary],
    ) -> StoreResult<BoundarySet>;
    /// The latest version, if any was uploaded.
    async fn boundaries(&self, initiative_id: Id) -> StoreResult<Option<BoundarySet>>;
    /// Every version, oldest first.
    async fn boundary_versions(&self, initiative_id: Id) -> StoreResult<Vec<BoundarySet>>;
}
