//! Turning the curve (Clear Impact's steps, FIELD.md §8): for one indicator, a table works through
//! the **story behind the curve** (the forces helping and hindering it), the **partners** with a
//! role to play, **what works** (evidence, no-cost and low-cost ideas included), and an **action
//! plan** whose actions are judged on leverage, feasibility, specificity and values and become
//! commitments. A table's plan for an indicator is adopted in versions: each is kept, later ones
//! say why, and the plan is shown beside the indicator's chart.
//!
//! An action keeps its `key` from version to version, so the commitment it became stays with it.

mod store;
pub use store::TurnTheCurveStore;

use crate::checks::{check_slug, check_text};
use crate::commitments::CommitmentInput;
use crate::error::Invalid;
use crate::vocabulary::vocabulary;
use crate::Id;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use utoipa::ToSchema;

/// The most items of each step a plan holds.
pub const MOST_ITEMS: usize = 50;

vocabulary! {
    /// Which way a force in the story pushes the curve.
    Force {
        Helping => "helping",
        Hindering => "hindering",
    }
}

vocabulary! {
    /// What an idea costs to try.
    IdeaCost {
        NoCost => "no_cost",
        LowCost => "low_cost",
        HigherCost => "higher_cost",
    }
}

vocabulary! {
    /// How an action is judged on one criterion.
    Rating {
        High => "high",
        Medium => "medium",
        Low => "low",
    }
}

impl Rating {
    fn points(self) -> u8 {
        match self {
            Rating::High => 3,
            Rating::Medium => 2,
            Rating::Low => 1,
        }
    }
}

/// A cause in the story behind the curve.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Cause {
    pub text: String,
    pub force: Force,
}

/// A partner with a role to play: an organisation of the initiative, or someone who is not one
/// (parents, the library, landlords), by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PartnerRole {
    #[serde(default)]
    pub organization_id: Option<Id>,
    /// Who, when not an organisation of the initiative.
    #[serde(default)]
    pub name: String,
    pub role: String,
}

/// Something that works, or might.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Idea {
    pub text: String,
    /// Where the evidence comes from (a study, another city, our own PDSA cycle).
    #[serde(default)]
    pub evidence: String,
    pub cost: IdeaCost,
}

/// An action of the plan, judged on the four criteria.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Action {
    /// Stable across versions (`family-reading-nights`).
    pub key: String,
    pub title: String,
    /// Who will do it; needed before it becomes a commitment.
    #[serde(default)]
    pub organization_id: Option<Id>,
    /// By when; needed before it becomes a commitment.
    #[serde(default)]
    pub due_on: Option<NaiveDate>,
    /// How much difference it would make to the curve.
    pub leverage: Rating,
    /// Whether it can be done.
    pub feasibility: Rating,
    /// Whether it is specific enough to act on.
    pub specificity: Rating,
    /// Whether it fits the community's values.
    pub values: Rating,
}

impl Action {
    /// The four ratings together (4 to 12): the table reads the strongest first.
    pub fn score(&self) -> u8 {
        self.leverage.points() + self.feasibility.points() + self.specificity.points() + self.values.points()
    }
}

/// What a version of a plan says.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CurvePlanInput {
    /// The table working the curve.
    pub table_id: Id,
    /// The story behind the curve: at least one cause.
    pub story: Vec<Cause>,
    #[serde(default)]
    pub partners: Vec<PartnerRole>,
    #[serde(default)]
    pub what_works: Vec<Idea>,
    #[serde(default)]
    pub actions: Vec<Action>,
    /// Why this version (required after the first).
    #[serde(default)]
    pub reason: String,
}

impl CurvePlanInput {
    /// `first`: whether this would be the plan's first version (later ones say why).
    pub fn validate(&self, first: bool) -> Result<(), Invalid> {
        let mut inv = Invalid::new();
        if self.story.is_empty() {
            inv.add("story", "tell the story behind the curve: at least one cause");
        }
        for (field, n) in [
            ("story", self.story.len()),
            ("partners", self.partners.len()),
            ("what_works", self.what_works.len()),
            ("actions", self.actions.len()),
        ] {
            if n > MOST_ITEMS {
                inv.add(field, format!("at most {MOST_ITEMS} items"));
            }
        }
        for (i, c) in self.story.iter().enumerate() {
            check_text(&mut inv, &format!("story[{i}].text"), &c.text, 1, 1000);
        }
        for (i, p) in self.partners.iter().enumerate() {
            check_text(&mut inv, &format!("partners[{i}].name"), &p.name, 0, 200);
            if p.organization_id.is_none() && p.name.trim().is_empty() {
                inv.add(format!("partners[{i}].name"), "name the partner, or choose an organisation");
            }
            check_text(&mut inv, &format!("partners[{i}].role"), &p.role, 1, 1000);
        }
        for (i, w) in self.what_works.iter().enumerate() {
            check_text(&mut inv, &format!("what_works[{i}].text"), &w.text, 1, 1000);
            check_text(&mut inv, &format!("what_works[{i}].evidence"), &w.evidence, 0, 1000);
        }
        let mut keys = HashSet::new();
        for (i, a) in self.actions.iter().enumerate() {
            check_slug(&mut inv, &format!("actions[{i}].key"), &a.key);
            if !keys.insert(a.key.as_str()) {
                inv.add(format!("actions[{i}].key"), format!("\"{}\" names another action of this plan", a.key));
            }
            check_text(&mut inv, &format!("actions[{i}].title"), &a.title, 1, 300);
            if let Some(d) = a.due_on.filter(|d| !(2000..=2100).contains(&d.year())) {
                inv.add(format!("actions[{i}].due_on"), format!("{d} is not a date Backbone expects (2000 to 2100)"));
            }
        }
        check_text(&mut inv, "reason", &self.reason, if first { 0 } else { 1 }, 1000);
        inv.into_result()
    }
}

/// One version of a plan. Versions are never changed; a new one replaces the last.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct CurvePlanVersion {
    pub id: Id,
    pub plan_id: Id,
    /// 1 for the first.
    pub version: u32,
    pub story: Vec<Cause>,
    pub partners: Vec<PartnerRole>,
    pub what_works: Vec<Idea>,
    pub actions: Vec<Action>,
    pub reason: String,
    pub author_name: String,
    pub created_at: DateTime<Utc>,
}

impl CurvePlanVersion {
    /// The actions, strongest first (by `Action::score`, then in the plan's order).
    pub fn ranked_actions(&self) -> Vec<&Action> {
        let mut out: Vec<&Action> = self.actions.iter().collect();
        out.sort_by_key(|a| std::cmp::Reverse(a.score()));
        out
    }
}

/// An action that became a commitment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct CommittedAction {
    pub action_key: String,
    pub commitment_id: Id,
}

/// A table's plan to turn one indicator's curve, at its current version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct CurvePlan {
    pub id: Id,
    pub indicator_key: String,
    pub table_id: Id,
    pub table_name: String,
    pub current: CurvePlanVersion,
    /// How many versions there are.
    pub versions: u32,
    pub committed: Vec<CommittedAction>,
}

impl CurvePlan {
    pub fn commitment_of(&self, action_key: &str) -> Option<Id> {
        self.committed.iter().find(|c| c.action_key == action_key).map(|c| c.commitment_id)
    }
}

/// The commitment an action becomes, toward the plan's indicator and at the plan's table; or why
/// it cannot yet (it needs someone who commits and a due date).
pub fn commitment_for(plan: &CurvePlan, action_key: &str) -> Result<CommitmentInput, Invalid> {
    let mut inv = Invalid::new();
    let Some(a) = plan.current.actions.iter().find(|a| a.key == action_key) else {
        inv.add("action_key", format!("\"{action_key}\" is not an action of the current version"));
        return Err(inv);
    };
    if plan.commitment_of(action_key).is_some() {
        inv.add("action_key", "this action is already a commitment");
    }
    if a.organization_id.is_none() {
        inv.add("organization_id", "say in the plan which organisation will do it");
    }
    let Some(due_on) = a.due_on else {
        inv.add("due_on", "give the action a date in the plan first");
        return Err(inv);
    };
    inv.into_result()?;
    Ok(CommitmentInput {
        organization_id: a.organization_id,
        person_id: None,
        title: a.title.clone(),
        details: String::new(),
        due_on,
        strategy_key: None,
        indicator_key: Some(plan.indicator_key.clone()),
        activity_id: None,
        table_id: Some(plan.table_id),
        meeting_id: None,
        decision_id: None,
    })
}

#[cfg(test)]
mod tests;
