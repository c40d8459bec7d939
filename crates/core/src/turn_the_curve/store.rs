use super::*;
use crate::audit::Actor;
use crate::commitments::Commitment;
use crate::error::StoreResult;

/// Tables' plans to turn indicators' curves: append-only versions, and the commitments their
/// actions became.
#[async_trait::async_trait]
pub trait TurnTheCurveStore: Send + Sync {
    /// The plans for an indicator (one per table working it), at their current versions, by table.
    async fn curve_plans(&self, initiative_id: Id, indicator_key: &str) -> StoreResult<Vec<CurvePlan>>;
    async fn curve_plan(&self, initiative_id: Id, id: Id) -> StoreResult<CurvePlan>;
    /// Every version of a plan, newest first.
    async fn curve_plan_versions(&self, initiative_id: Id, id: Id) -> StoreResult<Vec<CurvePlanVersion>>;
    /// Adopts a version of the table's plan for the indicator: its first (starting the plan) or
    /// one replacing the current. Partners and actions must name the initiative's organisations.
    async fn adopt_curve_plan(
        &self,
        actor: &Actor,
        initiative_id: Id,
        indicator_key: &str,
        input: &CurvePlanInput,
    ) -> StoreResult<CurvePlan>;
    /// Turns an action of the current version into a commitment (`commitment_for`), in one
    /// transaction with the record that it did.
    async fn commit_curve_action(
        &self,
        actor: &Actor,
        initiative_id: Id,
        plan_id: Id,
        action_key: &str,
    ) -> StoreResult<Commitment>;
}
