use super::*;
use crate::audit::Actor;
use crate::error::StoreResult;

/// A table's assessment rounds and the answers given in them. Answers are never changed: a new
/// submission is kept beside the earlier ones, and the latest counts.
#[async_trait::async_trait]
pub trait AssessmentStore: Send + Sync {
    /// The rounds of one table (or of every table), newest first.
    async fn assessment_rounds(&self, initiative_id: Id, table_id: Option<Id>) -> StoreResult<Vec<AssessmentRound>>;
    async fn assessment_round(&self, initiative_id: Id, id: Id) -> StoreResult<AssessmentRound>;
    /// Opens a round of a table with the current instrument.
    async fn open_assessment_round(
        &self,
        actor: &Actor,
        initiative_id: Id,
        table_id: Id,
        input: &AssessmentRoundInput,
    ) -> StoreResult<AssessmentRound>;
    /// Closes a round: it takes no more answers. Closing a closed round is a conflict.
    async fn close_assessment_round(&self, actor: &Actor, initiative_id: Id, id: Id) -> StoreResult<AssessmentRound>;
    /// Records a person's answers in an open round (checked against its instrument); a closed
    /// round is a conflict. The audit says she answered, not what.
    async fn submit_assessment_answer(
        &self,
        actor: &Actor,
        initiative_id: Id,
        round_id: Id,
        person_id: Id,
        input: &AssessmentAnswerInput,
    ) -> StoreResult<AssessmentAnswer>;
    /// A person's latest answers in a round, if she answered.
    async fn assessment_answer_of(
        &self,
        initiative_id: Id,
        round_id: Id,
        person_id: Id,
    ) -> StoreResult<Option<AssessmentAnswer>>;
    /// How many people answered a round.
    async fn assessment_respondents(&self, initiative_id: Id, round_id: Id) -> StoreResult<u64>;
    /// Each person's latest answers in a round: for `results` and the export only.
    async fn assessment_answers(&self, initiative_id: Id, round_id: Id) -> StoreResult<Vec<AssessmentAnswer>>;
}
