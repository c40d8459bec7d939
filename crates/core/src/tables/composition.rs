//! Who sits at a table, by the demographics members chose to share: counts of people, so they go
//! through the disclosure engine (`crate::privacy`) like every other published count.
//!
//! Safe against differencing over time: comparing the composition before and after one person
//! joins or leaves would tell that person's answers, however well each is suppressed on its own.
//! So a table's composition is published as a snapshot, and a new snapshot only once at least
//! `threshold` people have joined, left or changed their answers since the last one
//! (`changes_since`). Comparing two published snapshots then tells something about a group of at
//! least that many people, never about one of them.

use crate::people::{Demographics, GENDER, RACE_ETHNICITY};
use crate::privacy::{suppress, Cell, Margin, SuppressionRule};
use crate::Id;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// One way of counting the members (by race, by gender …): each category's count and the total,
/// after suppression. Race and gender categories are named by the answer given; the others by
/// codes: `another` (described in their own words), `not_reported`, `shared` / `not_shared`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Breakdown {
    pub cells: Vec<(String, Cell)>,
    pub total: Cell,
}

/// A table's members by self-reported demographics, as of its latest published snapshot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Composition {
    /// When this snapshot was published; it changes only once enough members have changed.
    pub as_of: DateTime<Utc>,
    /// How many people have to join, leave or change their answers before the next snapshot.
    pub updates_after_changes: u64,
    pub current_members: u64,
    /// How many of them shared demographics (with consent).
    pub reported: Breakdown,
    pub race_ethnicity: Breakdown,
    pub gender: Breakdown,
    pub community_resident: Breakdown,
}

/// One member as a snapshot remembers them: a fingerprint of what they shared, so that a later
/// change of answers counts as a change without the snapshot keeping the answers themselves.
pub type Fingerprints = BTreeMap<Id, u64>;

/// A published composition and the members it counted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    pub members: Fingerprints,
    pub composition: Composition,
}

/// The fingerprints of these members (person id, what they shared).
pub fn fingerprints(members: &[(Id, Option<&Demographics>)]) -> Fingerprints {
    members.iter().map(|(id, d)| (*id, fingerprint(d.filter(|d| d.consent)))).collect()
}

/// FNV-1a over the answers the composition counts: stable across runs and versions.
fn fingerprint(d: Option<&Demographics>) -> u64 {
    let text = match d {
        None => String::from("-"),
        Some(d) => format!(
            "{}|{}|{}",
            d.race_ethnicity.as_deref().unwrap_or(""),
            d.gender.as_deref().unwrap_or(""),
            match d.community_resident {
                Some(true) => "y",
                Some(false) => "n",
                None => "",
            }
        ),
    };
    text.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// How many people joined, left or changed their answers between two sets of members.
pub fn changes_since(before: &Fingerprints, now: &Fingerprints) -> u64 {
    let left_or_changed = before.iter().filter(|(id, f)| now.get(id) != Some(f)).count();
    let joined = now.keys().filter(|id| !before.contains_key(id)).count();
    (left_or_changed + joined) as u64
}

/// The snapshot to publish now, or `None` to keep showing `previous`: the first one at once, a
/// new one once at least `rule.threshold` people changed (see the module's description).
pub fn next_snapshot(
    previous: Option<&Snapshot>,
    members: &[(Id, Option<&Demographics>)],
    rule: SuppressionRule,
    now: DateTime<Utc>,
) -> Option<Snapshot> {
    let current = fingerprints(members);
    if previous.is_some_and(|p| changes_since(&p.members, &current) < rule.threshold) {
        return None;
    }
    let answers: Vec<Option<&Demographics>> = members.iter().map(|(_, d)| *d).collect();
    Some(Snapshot { members: current, composition: composition(&answers, rule, now) })
}

/// Counts the members (`None`: shared nothing) and suppresses the counts jointly: every breakdown
/// adds up to the same total, so all four are one table with linked margins.
pub fn composition(members: &[Option<&Demographics>], rule: SuppressionRule, as_of: DateTime<Utc>) -> Composition {
    let shared: Vec<Option<&Demographics>> = members.iter().map(|d| d.filter(|d| d.consent)).collect();
    // `open`: people may describe themselves in their own words, counted as "another".
    let count_by = |values: &[&str], open: bool, pick: &dyn Fn(&Demographics) -> Option<String>| {
        let mut counts: Vec<(String, u64)> = values.iter().map(|v| (v.to_string(), 0)).collect();
        let (mut other, mut unknown) = (0u64, 0u64);
        for d in &shared {
            match d.and_then(pick) {
                Some(v) => match counts.iter_mut().find(|(k, _)| *k == v) {
                    Some(c) => c.1 += 1,
                    None => other += 1,
                },
                None => unknown += 1,
            }
        }
        if open {
            counts.push(("another".into(), other));
        }
        counts.push(("not_reported".into(), unknown));
        counts
    };
    let reported = shared.iter().filter(|d| d.is_some()).count() as u64;
    let total = members.len() as u64;
    let breakdowns = [
        vec![("shared".to_string(), reported), ("not_shared".to_string(), total - reported)],
        count_by(RACE_ETHNICITY, true, &|d| d.race_ethnicity.clone()),
        count_by(GENDER, true, &|d| d.gender.clone()),
        count_by(&["Lives in the community", "Lives elsewhere"], false, &|d| {
            d.community_resident.map(|r| if r { "Lives in the community" } else { "Lives elsewhere" }.to_string())
        }),
    ];
    // Cell 0 is the total; each breakdown's cells follow and add up to it.
    let mut counts = vec![total];
    let mut margins = Vec::new();
    for b in &breakdowns {
        let first = counts.len();
        counts.extend(b.iter().map(|(_, n)| *n));
        margins.push(Margin::new((first..counts.len()).collect::<Vec<_>>(), 0));
    }
    let hidden = suppress(&counts, &margins, rule);
    let shown = |i: usize| if hidden[i] { Cell::Suppressed } else { Cell::Shown(counts[i]) };
    let mut next = 1;
    let mut out = breakdowns.iter().map(|b| {
        let cells = b.iter().map(|(k, _)| {
            next += 1;
            (k.clone(), shown(next - 1))
        });
        Breakdown { cells: cells.collect(), total: shown(0) }
    });
    Composition {
        as_of,
        updates_after_changes: rule.threshold,
        current_members: total,
        reported: out.next().expect("four breakdowns"),
        race_ethnicity: out.next().expect("four breakdowns"),
        gender: out.next().expect("four breakdowns"),
        community_resident: out.next().expect("four breakdowns"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(race: &str) -> Demographics {
        Demographics {
            consent: true,
            race_ethnicity: Some(race.into()),
            gender: Some("Woman".into()),
            age_band: None,
            primary_language: None,
            community_resident: Some(true),
        }
    }

    #[test]
    fn one_person_joining_changes_nothing_that_is_published() {
        let rule = SuppressionRule::default();
        let t0 = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        let answers: Vec<Demographics> =
            (0..14).map(|k| person(if k < 12 { "Black or African American" } else { "Asian" })).collect();
        let members: Vec<(Id, Option<&Demographics>)> =
            answers.iter().enumerate().map(|(i, d)| (i as Id, Some(d))).collect();
        let first = next_snapshot(None, &members, rule, t0).expect("the first snapshot is published at once");
        // A newcomer who is White: the published composition must not change, or "White: 0"
        // turning into "hidden" would tell everyone who can see the member list her race.
        let white = person("White");
        let mut joined = members.clone();
        joined.push((99, Some(&white)));
        assert_eq!(next_snapshot(Some(&first), &joined, rule, t0), None);
        // Nor does one person changing their answers, or leaving.
        assert_eq!(changes_since(&first.members, &fingerprints(&joined)), 1);
        let mut changed = members.clone();
        changed[0].1 = Some(&white);
        assert_eq!(next_snapshot(Some(&first), &changed, rule, t0), None);
        // Ten changes publish a new snapshot.
        let newcomers: Vec<Demographics> = (0..10).map(|_| person("White")).collect();
        let mut many = members.clone();
        many.extend(newcomers.iter().enumerate().map(|(i, d)| (100 + i as Id, Some(d))));
        let second = next_snapshot(Some(&first), &many, rule, t0).expect("ten people changed");
        assert_eq!(second.composition.current_members, 24);
        assert_eq!(changes_since(&first.members, &second.members), 10);
    }

    #[test]
    fn small_counts_are_hidden_with_their_complements() {
        let a = person("Asian");
        let b = person("Black or African American");
        let mut members: Vec<Option<&Demographics>> = vec![Some(&b); 15];
        members.push(Some(&a));
        let c = composition(&members, SuppressionRule::default(), DateTime::from_timestamp(0, 0).unwrap());
        let race: BTreeMap<&str, Cell> = c.race_ethnicity.cells.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        assert_eq!(race["Asian"], Cell::Suppressed);
        assert_eq!(race["Black or African American"], Cell::Suppressed, "or 16 − 15 would give the Asian member away");
        assert_eq!(c.race_ethnicity.total, Cell::Shown(16));
    }
}
