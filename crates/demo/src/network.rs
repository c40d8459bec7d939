//! The demo's partner network surveys: two closed rounds a year apart and one open now. The
//! backbone (United Way) works with nearly everyone; partners working toward the same strategy
//! work together, more of them in the second round; five grassroots groups — the tenants' union
//! and four parents' and neighbours' groups — trust each other and no one else: a cluster the
//! map shows apart, and two introductions (from their activities) worth making.

use super::*;
use backbone_core::activities::Activity;
use backbone_core::exchange::SurveyRoundExport;
use backbone_core::network::{CollaborationLevel, PartnerRating, SurveyResponse, SurveyRound};

/// The grassroots cluster.
const GRASSROOTS: &[&str] = &[
    "Westside Tenants Union",
    "Eastside Parents United",
    "Northgate Neighborhood Association",
    "Familias Unidas de Riverbend",
    "Southside Parent Power",
];

/// The backbone, and the partners every other one knows.
const HUB: &str = "United Way of the Riverbend Region";
const CONVENERS: &[&str] = &["Riverbend Public Schools", "City of Riverbend", "Riverbend Public Library"];

/// Who does not answer a round (by the organisation's position).
fn answers(round: usize, index: usize) -> bool {
    match round {
        0 => index % 4 != 3,
        _ => index % 7 != 5,
    }
}

pub(crate) fn demo_survey_rounds(
    today: NaiveDate,
    organizations: &[Organization],
    activities: &[Activity],
) -> Vec<SurveyRoundExport> {
    let named = |name: &str| organizations.iter().find(|o| o.name == name).unwrap_or_else(|| panic!("no {name}")).id;
    let grassroots: Vec<Id> = GRASSROOTS.iter().map(|n| named(n)).collect();
    let hub = named(HUB);
    let conveners: Vec<Id> = CONVENERS.iter().map(|n| named(n)).collect();
    let strategies_of = |org: Id| -> Vec<&str> {
        activities
            .iter()
            .filter(|a| a.organization_id == org)
            .flat_map(|a| a.strategy_keys.iter().map(String::as_str))
            .collect()
    };
    // Whether a and b work together in a round, and how closely.
    let level = |round: usize, a: Id, b: Id| -> CollaborationLevel {
        use CollaborationLevel::*;
        let (ga, gb) = (grassroots.contains(&a), grassroots.contains(&b));
        if ga || gb {
            return if ga && gb {
                if round == 0 && (a + b) % 3 == 0 {
                    Awareness
                } else {
                    Coordination
                }
            } else {
                NoRelationship
            };
        }
        if a == hub || b == hub {
            return if round == 0 && (a + b) % 5 == 0 { Awareness } else { Coordination };
        }
        let shared = strategies_of(a).iter().any(|s| strategies_of(b).contains(s));
        if shared {
            // In the first round half of the strategy partners had not yet started working together.
            return if round == 0 && (a * b) % 2 == 0 { Awareness } else { Integration };
        }
        if conveners.contains(&a) || conveners.contains(&b) {
            return if round == 0 || (a + b) % 2 == 0 { Awareness } else { Cooperation };
        }
        NoRelationship
    };
    let specs = [("Spring 2025", 430, 400, true), ("Spring 2026", 120, 95, true), ("Autumn 2026", 20, -10, false)];
    let mut out = Vec::new();
    for (round, (name, opened, closes, closed)) in specs.iter().enumerate() {
        let id = round as Id + 1;
        let survey = SurveyRound {
            id,
            initiative_id: INITIATIVE_ID,
            name: name.to_string(),
            opens_on: day(today, *opened),
            closes_on: day(today, *closes),
            closed_at: closed.then(|| at(today, *closes, 17, 0)),
            created_at: at(today, opened + 5, 10, 0),
        };
        let mut rng = Rng(0x5eed + id as u64);
        let responses = if !closed {
            Vec::new()
        } else {
            organizations
                .iter()
                .enumerate()
                .filter(|(i, _)| answers(round, *i))
                .map(|(i, from)| {
                    let ratings = organizations
                        .iter()
                        .filter(|to| to.id != from.id)
                        .filter_map(|to| {
                            let l = level(round, from.id, to.id);
                            if l == CollaborationLevel::NoRelationship {
                                return None;
                            }
                            // Trust grew between the rounds; the grassroots groups trust each other most.
                            let base: u8 = if grassroots.contains(&from.id) { 3 } else { 2 + u8::from(round > 0) };
                            let mut score = || (base + u8::from(rng.chance(45))).min(4);
                            Some(PartnerRating {
                                about: to.id,
                                level: l,
                                reliability: Some(score()),
                                mission: Some(score()),
                                openness: Some(score()),
                                power: Some(if to.budget_band == BudgetBand::Over20m {
                                    4
                                } else {
                                    score().saturating_sub(1).max(1)
                                }),
                                involvement: Some(score()),
                                resources: Some(if to.resident_led { 2 } else { score() }),
                            })
                        })
                        .collect();
                    SurveyResponse {
                        round_id: id,
                        organization_id: from.id,
                        ratings,
                        submitted_at: at(today, *opened - 3 - (i as i64 % 20), 14, (i * 7 % 60) as u32),
                        submitted_by: from.name.clone(),
                    }
                })
                .collect()
        };
        out.push(SurveyRoundExport { round: survey, responses });
    }
    out
}
