//! Trust between partners: survey rounds in the style of the PARTNER tool. Each organisation
//! rates its relationship with each other one — the level of collaboration, and trust
//! (reliability, support of the mission, openness to discussion) and value (power and influence,
//! level of involvement, resources contributed), each 1 to 4 — and `metrics` turns a closed
//! round into the network's figures (FIELD.md §5).
//!
//! What anyone is shown: results only of a closed round (so no one can watch a score move as one
//! more organisation answers); ties without who named whom or at what level; an organisation's
//! trust and value scores only when at least `MIN_RATERS` organisations rated it; never one
//! organisation's ratings of another, except to the organisation that gave them and to staff.

pub mod metrics;
mod store;
#[cfg(test)]
mod tests;

pub use metrics::*;
pub use store::NetworkStore;

use crate::checks::check_text;
use crate::error::Invalid;
use crate::vocabulary::vocabulary;
use crate::Id;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

vocabulary! {
    /// How two organisations work together (PARTNER's scale).
    CollaborationLevel {
        NoRelationship => "none",
        /// They know of each other's work.
        Awareness => "awareness",
        /// They share information and support each other's work.
        Cooperation => "cooperation",
        /// They plan and carry out some work together.
        Coordination => "coordination",
        /// They share resources, staff or goals.
        Integration => "integration",
    }
}

impl CollaborationLevel {
    /// Whether the level counts as working together (a tie on the map): cooperation or closer.
    pub fn is_tie(self) -> bool {
        matches!(self, Self::Cooperation | Self::Coordination | Self::Integration)
    }
}

/// A survey round: partners answer between two days; results are shown once it is closed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct SurveyRound {
    pub id: Id,
    pub initiative_id: Id,
    pub name: String,
    pub opens_on: NaiveDate,
    pub closes_on: NaiveDate,
    /// When staff closed it; its results are fixed from then on.
    pub closed_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RoundInput {
    pub name: String,
    pub opens_on: NaiveDate,
    pub closes_on: NaiveDate,
}

impl RoundInput {
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut inv = Invalid::new();
        check_text(&mut inv, "name", &self.name, 1, 100);
        if self.closes_on < self.opens_on {
            inv.add("closes_on", "must be on or after the day it opens");
        }
        inv.into_result()
    }
}

/// One organisation's answers about another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PartnerRating {
    /// The organisation rated.
    pub about: Id,
    pub level: CollaborationLevel,
    /// Trust: it does what it says it will (1 to 4).
    #[serde(default)]
    pub reliability: Option<u8>,
    /// Trust: it shares the mission of the partnership.
    #[serde(default)]
    pub mission: Option<u8>,
    /// Trust: it is open to discussion.
    #[serde(default)]
    pub openness: Option<u8>,
    /// Value: its power and influence.
    #[serde(default)]
    pub power: Option<u8>,
    /// Value: its level of involvement.
    #[serde(default)]
    pub involvement: Option<u8>,
    /// Value: the resources it brings.
    #[serde(default)]
    pub resources: Option<u8>,
}

impl PartnerRating {
    /// The trust answers given (reliability, mission, openness).
    pub fn trust(&self) -> impl Iterator<Item = u8> + '_ {
        [self.reliability, self.mission, self.openness].into_iter().flatten()
    }
    /// The value answers given (power, involvement, resources).
    pub fn value(&self) -> impl Iterator<Item = u8> + '_ {
        [self.power, self.involvement, self.resources].into_iter().flatten()
    }
}

/// An organisation's answers in a round: one rating per other organisation it knows (those it
/// leaves out count as no relationship).
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResponseInput {
    pub ratings: Vec<PartnerRating>,
}

impl ResponseInput {
    /// `respondent` answers about `organizations` (the initiative's), each at most once, never
    /// itself; scores from 1 to 4, and none without a relationship.
    pub fn validate(&self, respondent: Id, organizations: &[Id]) -> Result<(), Invalid> {
        let mut inv = Invalid::new();
        if self.ratings.len() > 1_000 {
            inv.add("ratings", "at most 1000 ratings");
        }
        for (i, r) in self.ratings.iter().enumerate() {
            let at = |f: &str| format!("ratings[{i}].{f}");
            if r.about == respondent {
                inv.add(at("about"), "an organisation does not rate itself");
            } else if !organizations.contains(&r.about) {
                inv.add(at("about"), "is not an organisation of the initiative");
            }
            if self.ratings[..i].iter().any(|o| o.about == r.about) {
                inv.add(at("about"), "is rated twice");
            }
            let scores = [
                ("reliability", r.reliability),
                ("mission", r.mission),
                ("openness", r.openness),
                ("power", r.power),
                ("involvement", r.involvement),
                ("resources", r.resources),
            ];
            for (name, v) in scores {
                match v {
                    Some(v) if !(1..=4).contains(&v) => inv.add(at(name), "must be from 1 to 4"),
                    Some(_) if r.level == CollaborationLevel::NoRelationship => {
                        inv.add(at(name), "is only asked of an organisation you have a relationship with")
                    }
                    _ => {}
                }
            }
        }
        inv.into_result()
    }
}

/// An organisation's answers as recorded: the latest counts; earlier ones are kept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct SurveyResponse {
    pub round_id: Id,
    pub organization_id: Id,
    pub ratings: Vec<PartnerRating>,
    pub submitted_at: DateTime<Utc>,
    pub submitted_by: String,
}
