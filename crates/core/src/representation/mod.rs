//! Representation at every table: who sits at each table against the community it serves.
//!
//! The community's composition comes per place from census-style estimates (an estimate, its
//! margin of error and its universe per group, as public ACS tables give them), imported from a
//! CSV or entered by hand; every import is kept, and the latest one for a place and facet is the
//! one compared. A table's side is its published composition (`tables::composition`, through the
//! disclosure engine), so everything here is computed from counts already shown: a share, ratio
//! or gap is shown only when the counts it rests on are, and its trend only over published
//! snapshots. Organisations are compared too (`voice`): how many grassroots, small and large
//! organisations hold the seats, come, lead the agenda items and take part in decisions.

mod csv;
mod store;
#[cfg(test)]
mod tests;
pub mod voice;

pub use csv::{read_community_csv, read_hand_entry, COLUMNS};
pub use store::RepresentationStore;

use crate::partners::{BudgetBand, Organization};
use crate::people::{AGE_BANDS, GENDER, LANGUAGES, RACE_ETHNICITY};
use crate::privacy::Cell;
use crate::tables::composition::{Breakdown, Composition};
use crate::vocabulary::vocabulary;
use crate::Id;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

vocabulary! {
    /// What a community estimate describes: the facets of a table's composition the census has.
    Facet {
        RaceEthnicity => "race_ethnicity",
        Gender => "gender",
        AgeBand => "age_band",
        PrimaryLanguage => "primary_language",
        LivedExperience => "lived_experience",
    }
}

impl Facet {
    /// The groups an estimate may name: the composition's categories for this facet.
    pub fn groups(self) -> Vec<&'static str> {
        let mut groups: Vec<&'static str> = match self {
            Facet::RaceEthnicity => RACE_ETHNICITY.to_vec(),
            Facet::Gender => GENDER.to_vec(),
            Facet::AgeBand => AGE_BANDS.to_vec(),
            Facet::PrimaryLanguage => LANGUAGES.to_vec(),
            Facet::LivedExperience => vec!["yes", "no"],
        };
        if matches!(self, Facet::RaceEthnicity | Facet::Gender | Facet::PrimaryLanguage) {
            groups.push("another");
        }
        groups
    }

    /// The table's breakdown for this facet.
    pub fn of(self, c: &Composition) -> &Breakdown {
        c.facet(self.as_str()).expect("every facet is a breakdown of the composition")
    }
}

/// One group of the community in one place: how many people, within what margin, out of how many.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CommunityEstimate {
    /// The place's code (one of the initiative's places).
    pub place: String,
    pub facet: Facet,
    /// One of the facet's groups (`Facet::groups`): "Black or African American", "25-34" …
    pub group: String,
    /// People in the group.
    pub estimate: u64,
    /// The published margin of error (90 %, as the ACS gives it), when there is one.
    #[serde(default)]
    pub margin_of_error: Option<u64>,
    /// People in the universe the estimate is part of (the "Total:" line of an ACS table).
    pub universe: u64,
}

/// One import or hand entry of community estimates, kept whole.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CommunityProfile {
    pub id: Id,
    /// Where the numbers come from ("ACS 2019-2023 5-year, B03002"), as the person wrote it.
    pub source: String,
    pub recorded_at: DateTime<Utc>,
    pub recorded_by: String,
    pub estimates: Vec<CommunityEstimate>,
}

/// What a person sends: estimates and where they come from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CommunityProfileInput {
    pub source: String,
    pub estimates: Vec<CommunityEstimate>,
}

impl CommunityProfileInput {
    /// Every problem, naming `estimates[N].field` (N from 0). `places` are the initiative's
    /// place codes.
    pub fn validate(&self, places: &[String]) -> Result<(), Invalid> {
        let mut inv = Invalid::new();
        crate::checks::check_text(&mut inv, "source", &self.source, 1, 300);
        if self.estimates.is_empty() {
            inv.add("estimates", "has no estimates");
        }
        check_estimates(&mut inv, &self.estimates, places, |i, f| format!("estimates[{i}].{f}"));
        inv.into_result()
    }
}

use crate::error::Invalid;

/// The checks of a set of estimates, each problem named by `at(index, field)`: known places and
/// groups, no group twice, one universe per place and facet, and groups that fit in it.
pub(crate) fn check_estimates(
    inv: &mut Invalid,
    rows: &[CommunityEstimate],
    places: &[String],
    at: impl Fn(usize, &str) -> String,
) {
    for (i, r) in rows.iter().enumerate() {
        if !places.contains(&r.place) {
            inv.add(at(i, "place"), format!("“{}” is not one of the initiative's places", r.place));
        }
        let groups = r.facet.groups();
        if !groups.contains(&r.group.as_str()) {
            inv.add(at(i, "group"), format!("must be one of: {}", groups.join(", ")));
        }
        if r.universe == 0 {
            inv.add(at(i, "universe"), "must be more than 0");
        } else if r.estimate > r.universe {
            inv.add(at(i, "estimate"), format!("is more than the universe of {}", r.universe));
        }
        if r.estimate > 1_000_000_000 || r.universe > 1_000_000_000 {
            inv.add(at(i, "universe"), "must be at most 1000000000");
        }
        if let Some(first) =
            rows[..i].iter().position(|o| o.place == r.place && o.facet == r.facet && o.group == r.group)
        {
            inv.add(
                at(i, "group"),
                format!("“{}” is given twice for this place (also at {})", r.group, at(first, "group")),
            );
        }
        if let Some(o) = rows[..i].iter().find(|o| o.place == r.place && o.facet == r.facet && o.universe != r.universe)
        {
            inv.add(
                at(i, "universe"),
                format!("is {}, but {} for {} in this place is {}", r.universe, o.group, r.facet.as_str(), o.universe),
            );
        }
    }
    // The groups of a place and facet cannot hold more people than its universe.
    let mut seen: Vec<(&str, Facet)> = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        if seen.contains(&(r.place.as_str(), r.facet)) {
            continue;
        }
        seen.push((r.place.as_str(), r.facet));
        let sum: u64 = rows.iter().filter(|o| o.place == r.place && o.facet == r.facet).map(|o| o.estimate).sum();
        if sum > r.universe {
            inv.add(
                at(i, "estimate"),
                format!(
                    "the groups of {} in {} add up to {sum}, more than the universe of {}",
                    r.facet.as_str(),
                    r.place,
                    r.universe
                ),
            );
        }
    }
}

/// The estimates in force: for each place and facet, those of the latest profile that gave it.
/// `profiles` oldest first.
pub fn current_estimates(profiles: &[CommunityProfile]) -> Vec<CommunityEstimate> {
    let mut current: Vec<CommunityEstimate> = Vec::new();
    for p in profiles {
        let replaced: Vec<(&str, Facet)> = p.estimates.iter().map(|e| (e.place.as_str(), e.facet)).collect();
        current.retain(|e| !replaced.contains(&(e.place.as_str(), e.facet)));
        current.extend(p.estimates.iter().cloned());
    }
    current
}

// ---------------------------------------------------------------- comparing a table with the community

/// A group is under-represented when its share at the table is below `under` times its share of
/// the community, over-represented above `over` times (defaults 0.8 and 1.25, the "four-fifths"
/// convention and its mirror). A group so small that a fair share of the table is less than one
/// seat is never called under-represented for having none.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Band {
    pub under: f64,
    pub over: f64,
}

impl Band {
    /// Where a ratio of shares falls.
    pub fn presence(self, ratio: f64) -> Presence {
        if ratio < self.under {
            Presence::Under
        } else if ratio > self.over {
            Presence::Over
        } else {
            Presence::Even
        }
    }
}

impl Default for Band {
    fn default() -> Self {
        Band { under: 0.8, over: 1.25 }
    }
}

vocabulary! {
    Presence {
        Under => "under",
        Even => "even",
        Over => "over",
    }
}

/// One group at one table against the community.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct GroupRepresentation {
    pub group: String,
    /// Members in the group, as published (hidden when few).
    pub at_table: Cell,
    /// Their share of the table's members, when both counts are shown.
    pub table_share: Option<f64>,
    pub community_estimate: u64,
    pub community_share: f64,
    /// The margin of the community's share (from the estimate's margin of error).
    pub community_margin: Option<f64>,
    /// Table share ÷ community share: 1 is a fair share, below 1 fewer than the community.
    pub ratio: Option<f64>,
    /// Table share − community share, in percentage points.
    pub gap_points: Option<f64>,
    /// Fewer, about even or more than the community (hidden with the count).
    pub standing: Option<Presence>,
}

/// One facet (race, age …) at one table against the community of one place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct FacetRepresentation {
    pub facet: Facet,
    /// The members counted (every member: those who did not answer are counted too, so a
    /// question many skip shows fewer of every group, not more), when shown.
    pub members: Option<u64>,
    /// Members who did not answer this question (or shared nothing), as published.
    pub not_reported: Cell,
    pub universe: u64,
    pub groups: Vec<GroupRepresentation>,
}

/// A table's composition against the community of one place (`community`: the estimates in
/// force for that place), facet by facet. Only what follows from shown counts is shown.
pub fn compare(composition: &Composition, community: &[CommunityEstimate], band: Band) -> Vec<FacetRepresentation> {
    Facet::ALL
        .iter()
        .filter_map(|&facet| {
            let estimates: Vec<&CommunityEstimate> = community.iter().filter(|e| e.facet == facet).collect();
            let universe = estimates.first()?.universe;
            let b = facet.of(composition);
            if b.cells.is_empty() {
                return None; // a snapshot from before this facet was counted
            }
            let members = b.total.value().filter(|n| *n > 0);
            let groups = estimates
                .iter()
                .map(|e| {
                    let at_table = b.get(&e.group).unwrap_or(Cell::Suppressed);
                    let community_share = e.estimate as f64 / universe as f64;
                    let table_share = match (at_table, members) {
                        (Cell::Shown(n), Some(d)) => Some(n as f64 / d as f64),
                        _ => None,
                    };
                    let ratio = table_share.filter(|_| community_share > 0.0).map(|t| t / community_share);
                    GroupRepresentation {
                        group: e.group.clone(),
                        at_table,
                        table_share,
                        community_estimate: e.estimate,
                        community_share,
                        community_margin: e.margin_of_error.map(|m| m as f64 / universe as f64),
                        ratio,
                        gap_points: table_share.map(|t| (t - community_share) * 100.0),
                        standing: ratio.map(|r| {
                            let fair_seats = community_share * members.unwrap_or(0) as f64;
                            match band.presence(r) {
                                Presence::Under if fair_seats < 1.0 => Presence::Even,
                                p => p,
                            }
                        }),
                    }
                })
                .collect();
            let not_reported = b.get("not_reported").unwrap_or(Cell::Suppressed);
            Some(FacetRepresentation { facet, members, not_reported, universe, groups })
        })
        .collect()
}

vocabulary! {
    /// Whether the distance between a group's share at the table and in the community shrank.
    GapDirection {
        Closing => "closing",
        Widening => "widening",
        Steady => "steady",
    }
}

/// A gap must move by at least this many percentage points between the first and the latest
/// snapshot to count as closing or widening (one member of a table of 20 is 5 points).
pub const MEANINGFUL_CHANGE_POINTS: f64 = 5.0;

/// One group's representation at a published snapshot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct TrendPoint {
    pub as_of: DateTime<Utc>,
    pub table_share: Option<f64>,
    pub ratio: Option<f64>,
}

/// One group's representation over the table's published snapshots.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct GroupTrend {
    pub facet: Facet,
    pub group: String,
    /// Oldest first.
    pub points: Vec<TrendPoint>,
    /// The gap's size at the latest shown point less at the first shown one, in points.
    pub change_points: Option<f64>,
    pub direction: Option<GapDirection>,
}

/// Each group's representation at every published snapshot (`history` oldest first), against
/// today's community estimates.
pub fn trend(history: &[Composition], community: &[CommunityEstimate], band: Band) -> Vec<GroupTrend> {
    let compared: Vec<(DateTime<Utc>, Vec<FacetRepresentation>)> =
        history.iter().map(|c| (c.as_of, compare(c, community, band))).collect();
    let mut out: Vec<GroupTrend> = Vec::new();
    for e in community {
        let points: Vec<TrendPoint> = compared
            .iter()
            .filter_map(|(as_of, facets)| {
                let g = facets.iter().find(|f| f.facet == e.facet)?.groups.iter().find(|g| g.group == e.group)?;
                Some(TrendPoint { as_of: *as_of, table_share: g.table_share, ratio: g.ratio })
            })
            .collect();
        let gaps: Vec<f64> = points
            .iter()
            .filter_map(|p| p.table_share)
            .map(|t| (t - e.estimate as f64 / e.universe as f64).abs() * 100.0)
            .collect();
        let change_points = (gaps.len() >= 2).then(|| gaps[gaps.len() - 1] - gaps[0]);
        let direction = change_points.map(|c| {
            if c <= -MEANINGFUL_CHANGE_POINTS {
                GapDirection::Closing
            } else if c >= MEANINGFUL_CHANGE_POINTS {
                GapDirection::Widening
            } else {
                GapDirection::Steady
            }
        });
        out.push(GroupTrend { facet: e.facet, group: e.group.clone(), points, change_points, direction });
    }
    out
}

// ---------------------------------------------------------------- organisations at the tables

vocabulary! {
    /// Organisations by size and roots, so that a $25k group and a $25M provider can be compared:
    /// grassroots (resident-led, or under $100k), small ($100k–$1M), mid-size ($1M–$5M), large
    /// (over $5M); `residents` are seats held by residents for themselves.
    OrgKind {
        Grassroots => "grassroots",
        Small => "small",
        MidSize => "mid_size",
        Large => "large",
        Residents => "residents",
    }
}

impl OrgKind {
    pub fn of(o: &Organization) -> OrgKind {
        if o.resident_led {
            return OrgKind::Grassroots;
        }
        match o.budget_band {
            BudgetBand::Under100k => OrgKind::Grassroots,
            BudgetBand::From100kTo1m => OrgKind::Small,
            BudgetBand::From1mTo5m => OrgKind::MidSize,
            BudgetBand::From5mTo20m | BudgetBand::Over20m => OrgKind::Large,
        }
    }
}

/// One table against the community: what the representation page and API show.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct TableRepresentation {
    pub table_id: Id,
    pub table_name: String,
    /// The published composition compared (see `tables::composition`).
    pub as_of: DateTime<Utc>,
    pub members: u64,
    pub facets: Vec<FacetRepresentation>,
    pub trend: Vec<GroupTrend>,
    /// Seats, attendance, agenda leads and votes by kind of organisation, over the last twelve
    /// months and quarter by quarter (`voice`); only for those who may see who sits where.
    #[serde(default)]
    pub voice: Option<Vec<voice::VoicePeriod>>,
}
