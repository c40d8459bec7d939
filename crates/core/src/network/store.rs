use super::*;
use crate::audit::Actor;
use crate::error::StoreResult;

/// Survey rounds and the answers given in them. Answers are never changed: a new submission is
/// kept beside the earlier ones, and the latest counts.
#[async_trait::async_trait]
pub trait NetworkStore: Send + Sync {
    /// Every round, newest first.
    async fn survey_rounds(&self, initiative_id: Id) -> StoreResult<Vec<SurveyRound>>;
    async fn survey_round(&self, initiative_id: Id, id: Id) -> StoreResult<SurveyRound>;
    async fn create_survey_round(
        &self,
        actor: &Actor,
        initiative_id: Id,
        input: &RoundInput,
    ) -> StoreResult<SurveyRound>;
    /// Closes a round: its results are fixed from then on. Closing a closed round is a conflict.
    async fn close_survey_round(&self, actor: &Actor, initiative_id: Id, id: Id) -> StoreResult<SurveyRound>;
    /// Records an organisation's answers in an open round (checked against the initiative's
    /// organisations); a closed round is a conflict.
    async fn submit_response(
        &self,
        actor: &Actor,
        initiative_id: Id,
        round_id: Id,
        organization_id: Id,
        input: &ResponseInput,
    ) -> StoreResult<SurveyResponse>;
    /// Each organisation's latest answers in a round.
    async fn responses(&self, initiative_id: Id, round_id: Id) -> StoreResult<Vec<SurveyResponse>>;
}
