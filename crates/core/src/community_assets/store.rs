use super::*;
use crate::audit::Actor;
use crate::error::StoreResult;

/// Community assets. Writes check the place and the strategies in the same transaction, and keep
/// every state the asset has been in.
#[async_trait::async_trait]
pub trait CommunityAssetStore: Send + Sync {
    /// The initiative's assets by place and name; the retired too when `retired`.
    async fn community_assets(&self, initiative_id: Id, retired: bool) -> StoreResult<Vec<CommunityAsset>>;
    async fn community_asset(&self, initiative_id: Id, id: Id) -> StoreResult<CommunityAsset>;
    /// Every state of the asset, oldest first (the last is the current one).
    async fn community_asset_history(&self, initiative_id: Id, id: Id) -> StoreResult<Vec<CommunityAsset>>;
    /// Records an asset; `actor` is who recorded it.
    async fn create_community_asset(
        &self,
        actor: &Actor,
        initiative_id: Id,
        input: &CommunityAssetInput,
    ) -> StoreResult<CommunityAsset>;
    /// Changes an active asset (a new version; a retired one is a conflict).
    async fn update_community_asset(
        &self,
        actor: &Actor,
        initiative_id: Id,
        id: Id,
        input: &CommunityAssetInput,
    ) -> StoreResult<CommunityAsset>;
    /// Retires an active asset, saying why (a new version).
    async fn retire_community_asset(
        &self,
        actor: &Actor,
        initiative_id: Id,
        id: Id,
        retire: &RetireAsset,
    ) -> StoreResult<CommunityAsset>;
}
