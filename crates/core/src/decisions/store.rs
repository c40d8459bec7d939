use super::*;
use crate::audit::Actor;
use crate::error::StoreResult;

/// Decisions, their votes and outcomes. The table and meeting must be the initiative's; a vote
/// is a current member's of the decision's table, cast while it is open; closing writes the
/// outcome with the count, once.
#[async_trait::async_trait]
pub trait DecisionStore: Send + Sync {
    /// Decisions matching `query`, newest first.
    async fn decisions(&self, initiative_id: Id, query: &DecisionQuery) -> StoreResult<Vec<Decision>>;
    async fn decision(&self, initiative_id: Id, id: Id) -> StoreResult<Decision>;
    /// Opens a decision (or records one: `Recorded` decisions are closed with `close_decision`).
    async fn create_decision(&self, actor: &Actor, initiative_id: Id, input: &DecisionInput) -> StoreResult<Decision>;
    /// Casts (or changes) a person's vote on an open decision.
    async fn cast_vote(
        &self,
        actor: &Actor,
        initiative_id: Id,
        decision_id: Id,
        person_id: Id,
        ballot: &Ballot,
    ) -> StoreResult<Vote>;
    /// Every vote, oldest first, with who cast it (callers hide names of anonymous decisions).
    async fn votes(&self, initiative_id: Id, decision_id: Id) -> StoreResult<Vec<Vote>>;
    /// Writes the outcome: what was decided, the rule and the count at this moment (`rule` is
    /// the sentence `tally::rule` wrote), who took part, the review date.
    async fn close_decision(
        &self,
        actor: &Actor,
        initiative_id: Id,
        id: Id,
        outcome: &OutcomeInput,
        rule: &str,
        took_part: u32,
    ) -> StoreResult<Decision>;
}
