//! The alignment map: the strategies of the common agenda against the partners' live activities
//! (active or planned) and the places they serve. It shows
//! - **coverage**: for each strategy, which organisations work on it, with how many activities,
//!   and which places they reach;
//! - **gaps**: a strategy nobody works on, and a place (at the finest level, e.g. a ZIP code)
//!   that no activity reaches;
//! - **possible duplication**: two organisations doing the same strategy for the same ages in
//!   the same places — a question for the working group, not a verdict.
//!
//! A place covers the places inside it: an activity for the whole city reaches every ZIP code.
//! An activity without places counts for its strategies but reaches no place.

use super::Activity;
use crate::agenda::AgendaVersion;
use crate::measure::place::Geography;
use crate::Id;
use serde::Serialize;
use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, BinaryHeap, HashMap};
use utoipa::ToSchema;

/// Overlaps listed at the most (`overlap_count` says how many there are).
pub const MOST_OVERLAPS: usize = 200;

#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct AlignmentMap {
    pub strategies: Vec<StrategyCoverage>,
    /// The organisations with live activities, by name.
    pub organizations: Vec<OrganizationRef>,
    /// The places at the finest level, each with the live activities that reach it.
    pub places: Vec<PlaceCoverage>,
    /// Strategies no live activity serves.
    pub strategy_gaps: Vec<StrategyRef>,
    /// Places at the finest level no live activity reaches.
    pub place_gaps: Vec<PlaceRef>,
    /// Possible duplication, most shared places first (at most `MOST_OVERLAPS`).
    pub overlaps: Vec<Overlap>,
    pub overlap_count: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct OrganizationRef {
    pub id: Id,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct StrategyRef {
    pub result_key: String,
    pub result_title: String,
    pub key: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct PlaceRef {
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct StrategyCoverage {
    pub strategy: StrategyRef,
    /// Live activities serving it.
    pub activities: usize,
    /// Each organisation working on it, with its live activities serving it, by id.
    pub by_organization: Vec<OrganizationCount>,
    /// The places at the finest level it reaches.
    pub places_reached: Vec<String>,
    /// The places at the finest level it does not reach.
    pub places_missed: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct OrganizationCount {
    pub organization_id: Id,
    pub activities: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct PlaceCoverage {
    pub place: PlaceRef,
    /// Live activities that reach it (ids).
    pub activity_ids: Vec<Id>,
    /// The strategies those activities serve (keys).
    pub strategy_keys: Vec<String>,
}

/// Two organisations' activities on one strategy, for overlapping ages, in the same places.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Overlap {
    pub strategy_key: String,
    pub activity_ids: [Id; 2],
    pub organization_ids: [Id; 2],
    /// The places at the finest level both reach.
    pub places: Vec<String>,
    /// The ages both serve, when either names an age range.
    pub ages: Option<(u8, u8)>,
}

/// The strategies of an agenda version, each with its result.
pub fn strategies_of(agenda: Option<&AgendaVersion>) -> Vec<StrategyRef> {
    agenda
        .map(|a| {
            a.results
                .iter()
                .flat_map(|r| {
                    r.strategies.iter().map(|s| StrategyRef {
                        result_key: r.key.clone(),
                        result_title: r.title.clone(),
                        key: s.key.clone(),
                        title: s.title.clone(),
                    })
                })
                .collect()
        })
        .unwrap_or_default()
}

/// For each place code, the places at the finest level it covers (itself when nothing lies
/// inside it). A cycle in the list (which the store refuses) ends the walk rather than looping.
pub fn leaves_under(places: &[Geography]) -> HashMap<&str, BTreeSet<&str>> {
    let mut children: HashMap<&str, Vec<&str>> = HashMap::new();
    for g in places {
        if let Some(p) = g.parent.as_deref() {
            children.entry(p).or_default().push(g.code.as_str());
        }
    }
    let mut out = HashMap::new();
    for g in places {
        let mut leaves = BTreeSet::new();
        let mut stack = vec![g.code.as_str()];
        let mut seen = BTreeSet::new();
        while let Some(code) = stack.pop() {
            if !seen.insert(code) {
                continue;
            }
            match children.get(code) {
                Some(kids) => stack.extend(kids.iter().copied()),
                None => {
                    leaves.insert(code);
                }
            }
        }
        out.insert(g.code.as_str(), leaves);
    }
    out
}

/// The alignment map of the live activities against the strategies and places (see the module).
pub fn alignment(
    strategies: &[StrategyRef],
    activities: &[Activity],
    organizations: &[OrganizationRef],
    places: &[Geography],
) -> AlignmentMap {
    let live: Vec<&Activity> = activities.iter().filter(|a| a.is_live()).collect();
    let under = leaves_under(places);
    let leaf_codes: Vec<&str> = places.iter().map(|g| g.code.as_str()).filter(|c| under[c].contains(c)).collect();
    let reach: HashMap<Id, BTreeSet<&str>> = live
        .iter()
        .map(|a| (a.id, a.places.iter().filter_map(|p| under.get(p.as_str())).flatten().copied().collect()))
        .collect();

    let coverage: Vec<StrategyCoverage> = strategies
        .iter()
        .map(|s| {
            let serving: Vec<&&Activity> = live.iter().filter(|a| a.strategy_keys.contains(&s.key)).collect();
            let mut by_organization = BTreeMap::new();
            let mut reached = BTreeSet::new();
            for a in &serving {
                *by_organization.entry(a.organization_id).or_insert(0) += 1;
                reached.extend(reach[&a.id].iter().copied());
            }
            StrategyCoverage {
                strategy: s.clone(),
                activities: serving.len(),
                by_organization: by_organization
                    .into_iter()
                    .map(|(organization_id, activities)| OrganizationCount { organization_id, activities })
                    .collect(),
                places_reached: leaf_codes.iter().filter(|c| reached.contains(*c)).map(|c| c.to_string()).collect(),
                places_missed: leaf_codes.iter().filter(|c| !reached.contains(*c)).map(|c| c.to_string()).collect(),
            }
        })
        .collect();

    let place_coverage: Vec<PlaceCoverage> = places
        .iter()
        .filter(|g| leaf_codes.contains(&g.code.as_str()))
        .map(|g| {
            let reaching: Vec<&&Activity> = live.iter().filter(|a| reach[&a.id].contains(g.code.as_str())).collect();
            let keys: BTreeSet<&str> =
                reaching.iter().flat_map(|a| a.strategy_keys.iter().map(String::as_str)).collect();
            PlaceCoverage {
                place: PlaceRef { code: g.code.clone(), name: g.name.clone() },
                activity_ids: reaching.iter().map(|a| a.id).collect(),
                strategy_keys: keys.into_iter().map(String::from).collect(),
            }
        })
        .collect();

    // Every pair of organisations' activities on a strategy is compared, so the places each
    // reaches are kept as bits (one per finest place) and only the pairs that make the list are
    // written out: the rest are counted.
    let bit: HashMap<&str, usize> = leaf_codes.iter().enumerate().map(|(i, c)| (*c, i)).collect();
    let words = leaf_codes.len().div_ceil(64);
    let bits: HashMap<Id, Vec<u64>> = reach
        .iter()
        .map(|(id, codes)| {
            let mut b = vec![0u64; words];
            for i in codes.iter().filter_map(|c| bit.get(c)) {
                b[i / 64] |= 1 << (i % 64);
            }
            (*id, b)
        })
        .collect();
    // The best `MOST_OVERLAPS` so far, worst on top: most shared places first, then by the
    // activities' ids, then in the strategies' order.
    let mut best: BinaryHeap<(Reverse<u32>, [Id; 2], usize)> = BinaryHeap::new();
    let mut overlap_count = 0;
    // (strategy, pair) → the ages they share, for the pairs on the list.
    type Listed = HashMap<(usize, [Id; 2]), Option<(u8, u8)>>;
    let mut found: Listed = HashMap::new();
    for (si, s) in strategies.iter().enumerate() {
        let serving: Vec<&&Activity> = live.iter().filter(|a| a.strategy_keys.contains(&s.key)).collect();
        for (i, a) in serving.iter().enumerate() {
            for b in &serving[i + 1..] {
                if a.organization_id == b.organization_id {
                    continue;
                }
                let Some(ages) = shared_ages(a, b) else { continue };
                let shared: u32 = bits[&a.id].iter().zip(&bits[&b.id]).map(|(x, y)| (x & y).count_ones()).sum();
                if shared == 0 {
                    continue;
                }
                overlap_count += 1;
                let key = (Reverse(shared), [a.id, b.id], si);
                if best.len() < MOST_OVERLAPS {
                    best.push(key);
                } else if best.peek().is_some_and(|worst| key < *worst) {
                    if let Some((_, ids, s)) = best.pop() {
                        found.remove(&(s, ids));
                    }
                    best.push(key);
                } else {
                    continue;
                }
                found.insert((si, [a.id, b.id]), ages);
            }
        }
    }
    let organization_of: HashMap<Id, Id> = live.iter().map(|a| (a.id, a.organization_id)).collect();
    let overlaps: Vec<Overlap> = best
        .into_sorted_vec()
        .into_iter()
        .map(|(_, ids, si)| Overlap {
            strategy_key: strategies[si].key.clone(),
            activity_ids: ids,
            organization_ids: [organization_of[&ids[0]], organization_of[&ids[1]]],
            places: reach[&ids[0]].intersection(&reach[&ids[1]]).map(|c| c.to_string()).collect(),
            ages: found[&(si, ids)],
        })
        .collect();

    let working: BTreeSet<Id> = live.iter().map(|a| a.organization_id).collect();
    let mut orgs: Vec<OrganizationRef> = organizations.iter().filter(|o| working.contains(&o.id)).cloned().collect();
    orgs.sort_by_key(|o| o.name.to_lowercase());
    AlignmentMap {
        strategy_gaps: coverage.iter().filter(|c| c.activities == 0).map(|c| c.strategy.clone()).collect(),
        place_gaps: place_coverage.iter().filter(|p| p.activity_ids.is_empty()).map(|p| p.place.clone()).collect(),
        strategies: coverage,
        organizations: orgs,
        places: place_coverage,
        overlaps,
        overlap_count,
    }
}

/// `Some(None)` when neither names ages (both serve everyone), `Some(Some(range))` when their
/// age ranges meet, `None` when they do not.
fn shared_ages(a: &Activity, b: &Activity) -> Option<Option<(u8, u8)>> {
    let range = |x: &Activity| (x.age_min.unwrap_or(0), x.age_max.unwrap_or(u8::MAX));
    if a.age_min.is_none() && a.age_max.is_none() && b.age_min.is_none() && b.age_max.is_none() {
        return Some(None);
    }
    let (lo, hi) = (range(a).0.max(range(b).0), range(a).1.min(range(b).1));
    (lo <= hi).then_some(Some((lo, hi.min(120))))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::activities::{ActivityKind, ActivityStatus};
    use crate::measure::place::GeoLevel;

    fn place(code: &str, parent: Option<&str>) -> Geography {
        Geography {
            code: code.into(),
            name: format!("Place {code}"),
            level: GeoLevel::Zip,
            parent: parent.map(Into::into),
        }
    }

    fn activity(id: Id, org: Id, strategy: &str, places: &[&str], ages: (Option<u8>, Option<u8>)) -> Activity {
        Activity {
            id,
            initiative_id: 1,
            organization_id: org,
            name: format!("Activity {id}"),
            description: String::new(),
            kind: ActivityKind::Program,
            status: ActivityStatus::Active,
            population: String::new(),
            age_min: ages.0,
            age_max: ages.1,
            places: places.iter().map(|p| p.to_string()).collect(),
            capacity: None,
            strategy_keys: vec![strategy.into()],
            indicator_keys: vec![],
            starts_on: None,
            ends_on: None,
            created_at: chrono::Utc::now(),
            updated_at: chrono::Utc::now(),
        }
    }

    fn strategy(key: &str) -> StrategyRef {
        StrategyRef { result_key: "ready".into(), result_title: "Ready".into(), key: key.into(), title: key.into() }
    }

    #[test]
    fn the_map_shows_coverage_gaps_and_possible_duplication() {
        let places = vec![
            place("city", None),
            place("east", Some("city")),
            place("47301", Some("east")),
            place("47302", Some("east")),
            place("47303", Some("city")),
        ];
        let orgs = vec![
            OrganizationRef { id: 1, name: "Bright Start".into() },
            OrganizationRef { id: 2, name: "Any Day Care".into() },
            OrganizationRef { id: 3, name: "Idle Org".into() },
        ];
        let mut ended = activity(4, 3, "tutoring", &["city"], (None, None));
        ended.status = ActivityStatus::Ended;
        let activities = vec![
            activity(1, 1, "home-visiting", &["east"], (Some(0), Some(3))),
            activity(2, 2, "home-visiting", &["47302", "47303"], (Some(2), Some(5))),
            activity(3, 2, "home-visiting", &["47301"], (Some(4), Some(5))),
            ended,
        ];
        let strategies = vec![strategy("home-visiting"), strategy("tutoring")];
        let map = alignment(&strategies, &activities, &orgs, &places);
        let hv = &map.strategies[0];
        assert_eq!(hv.activities, 3);
        let counts: Vec<(Id, usize)> = hv.by_organization.iter().map(|c| (c.organization_id, c.activities)).collect();
        assert_eq!(counts, [(1, 1), (2, 2)]);
        assert_eq!(hv.places_reached, ["47301", "47302", "47303"]);
        assert!(hv.places_missed.is_empty());
        assert_eq!(map.strategy_gaps, vec![strategy("tutoring")], "an ended activity covers nothing");
        assert!(map.place_gaps.is_empty());
        assert_eq!(map.organizations.iter().map(|o| o.id).collect::<Vec<_>>(), [2, 1], "by name; idle ones left out");
        // Activity 1 (ages 0–3, east = 47301 and 47302) and 2 (ages 2–5, 47302 and 47303) meet in
        // 47302 for ages 2–3; activity 3 (ages 4–5) meets neither: no common ages with 1, the
        // same organisation as 2.
        assert_eq!(
            map.overlaps,
            vec![Overlap {
                strategy_key: "home-visiting".into(),
                activity_ids: [1, 2],
                organization_ids: [1, 2],
                places: vec!["47302".into()],
                ages: Some((2, 3)),
            }]
        );
        let p = map.places.iter().find(|p| p.place.code == "47303").unwrap();
        assert_eq!(p.activity_ids, [2]);
    }

    #[test]
    fn a_long_list_of_possible_duplication_keeps_the_pairs_sharing_the_most_places() {
        // 40 organisations on two strategies, each reaching some of eight ZIP codes: 1,560 pairs.
        let mut places = vec![place("city", None)];
        let zips: Vec<String> = (0..8).map(|z| format!("4730{z}")).collect();
        places.extend(zips.iter().map(|z| place(z, Some("city"))));
        let mut activities = Vec::new();
        for n in 0..80u8 {
            let reached: Vec<&str> = zips
                .iter()
                .enumerate()
                .filter(|(z, _)| (u32::from(n) * 7 + 3) & (1 << z) != 0)
                .map(|(_, c)| c.as_str())
                .collect();
            let strategy = if n % 2 == 0 { "tutoring" } else { "mentoring" };
            activities.push(activity(Id::from(n) + 1, Id::from(n % 40), strategy, &reached, (Some(n % 9), Some(12))));
        }
        let strategies = [strategy("tutoring"), strategy("mentoring")];
        let map = alignment(&strategies, &activities, &[], &places);
        // Every pair, written out and sorted: what the list must begin with.
        let mut all = Vec::new();
        for s in &strategies {
            let serving: Vec<&Activity> = activities.iter().filter(|a| a.strategy_keys.contains(&s.key)).collect();
            for (i, a) in serving.iter().enumerate() {
                for b in &serving[i + 1..] {
                    let shared: Vec<String> = a.places.iter().filter(|p| b.places.contains(p)).cloned().collect();
                    if a.organization_id != b.organization_id && !shared.is_empty() {
                        all.push((s.key.clone(), [a.id, b.id], shared));
                    }
                }
            }
        }
        all.sort_by(|x, y| y.2.len().cmp(&x.2.len()).then(x.1.cmp(&y.1)));
        assert!(all.len() > MOST_OVERLAPS);
        assert_eq!(map.overlap_count, all.len());
        let listed: Vec<(String, [Id; 2], Vec<String>)> =
            map.overlaps.iter().map(|o| (o.strategy_key.clone(), o.activity_ids, o.places.clone())).collect();
        assert_eq!(listed, all[..MOST_OVERLAPS]);
    }

    #[test]
    fn a_place_nobody_reaches_is_a_gap() {
        let places = vec![place("city", None), place("47301", Some("city")), place("47302", Some("city"))];
        let activities = vec![activity(1, 1, "tutoring", &["47301"], (None, None))];
        let map = alignment(&[strategy("tutoring")], &activities, &[], &places);
        assert_eq!(map.place_gaps, vec![PlaceRef { code: "47302".into(), name: "Place 47302".into() }]);
        assert_eq!(map.strategies[0].places_missed, ["47302"]);
    }

    #[test]
    fn a_city_wide_activity_reaches_every_place_inside() {
        let places = vec![place("city", None), place("east", Some("city")), place("47301", Some("east"))];
        let under = leaves_under(&places);
        assert_eq!(under["city"], BTreeSet::from(["47301"]));
        assert_eq!(under["47301"], BTreeSet::from(["47301"]));
    }
}
