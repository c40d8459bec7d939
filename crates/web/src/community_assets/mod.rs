//! Community assets: what the community already has beside the partners' programs, listed by
//! place, recorded by members (residents too), changed and retired by backbone staff; shown
//! beside the programs on the alignment map.

pub mod api;
pub mod pages;

use crate::http::error::AppError;
use crate::AppState;
use backbone_core::access::Access;
use backbone_core::community_assets::CommunityAsset;
use backbone_core::Id;

/// The initiative's active assets as this viewer may see them.
pub async fn assets_for(s: &AppState, initiative_id: Id, access: &Access) -> Result<Vec<CommunityAsset>, AppError> {
    let member = access.can_view_asset_contacts();
    Ok(s.store.community_assets(initiative_id, false).await?.into_iter().map(|a| a.shown(member)).collect())
}
