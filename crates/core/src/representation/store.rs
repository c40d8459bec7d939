use super::*;
use crate::audit::Actor;
use crate::error::StoreResult;

/// The community's composition: every import or hand entry of estimates, kept whole.
#[async_trait::async_trait]
pub trait RepresentationStore: Send + Sync {
    /// Every profile recorded for the initiative, oldest first (`current_estimates` picks those in force).
    async fn community_profiles(&self, initiative_id: Id) -> StoreResult<Vec<CommunityProfile>>;
    /// Records a checked profile (`CommunityProfileInput::validate`), audited.
    async fn record_community_profile(
        &self,
        actor: &Actor,
        initiative_id: Id,
        input: &CommunityProfileInput,
    ) -> StoreResult<CommunityProfile>;
}
