//! The initiative itself: its name, its phase (initiating action → organizing for impact →
//! sustaining action) and the three preconditions with their evidence.

mod store;
pub use store::InitiativeStore;

use crate::checks::*;
use crate::error::Invalid;
use crate::vocabulary::vocabulary;
use crate::Id;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

vocabulary! {
    /// The three phases of collective impact (Hanleybrown, Kania & Kramer, 2012).
    Phase {
        InitiatingAction => "initiating_action",
        OrganizingForImpact => "organizing_for_impact",
        SustainingAction => "sustaining_action",
    }
}

vocabulary! {
    /// The three preconditions for collective impact.
    PreconditionKind {
        InfluentialChampion => "influential_champion",
        FinancialResources => "financial_resources",
        UrgencyForChange => "urgency_for_change",
    }
}

vocabulary! {
    /// How far a precondition is in place.
    Readiness {
        NotYet => "not_yet",
        Emerging => "emerging",
        InPlace => "in_place",
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Initiative {
    pub id: Id,
    /// Short name used in addresses: `/i/{slug}`.
    pub slug: String,
    pub name: String,
    pub description: String,
    pub phase: Phase,
    /// When true the public (no login) sees the home page and the current common agenda.
    pub published: bool,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewInitiative {
    pub slug: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default = "default_phase")]
    pub phase: Phase,
    #[serde(default)]
    pub published: bool,
}

fn default_phase() -> Phase {
    Phase::InitiatingAction
}

/// A change to an initiative's description; absent fields stay as they are.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InitiativeUpdate {
    pub name: Option<String>,
    pub description: Option<String>,
    pub phase: Option<Phase>,
    pub published: Option<bool>,
}

impl NewInitiative {
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut inv = Invalid::new();
        check_slug(&mut inv, "slug", &self.slug);
        check_text(&mut inv, "name", &self.name, 1, 200);
        check_text(&mut inv, "description", &self.description, 0, 5000);
        inv.into_result()
    }
}

impl InitiativeUpdate {
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut inv = Invalid::new();
        if let Some(n) = &self.name {
            check_text(&mut inv, "name", n, 1, 200);
        }
        if let Some(d) = &self.description {
            check_text(&mut inv, "description", d, 0, 5000);
        }
        inv.into_result()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Precondition {
    pub kind: PreconditionKind,
    pub readiness: Readiness,
    /// What shows the precondition is (or is not) in place.
    pub evidence: String,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PreconditionInput {
    pub readiness: Readiness,
    #[serde(default)]
    pub evidence: String,
}

impl PreconditionInput {
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut inv = Invalid::new();
        check_text(&mut inv, "evidence", &self.evidence, 0, 5000);
        inv.into_result()
    }
}
