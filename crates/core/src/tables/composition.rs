//! Who sits at a table, by the demographics members chose to share and the kind of organisation
//! they come from: counts of people, so they go through the disclosure engine (`crate::privacy`)
//! like every other published count.
//!
//! Safe against differencing over time: comparing the composition before and after one person
//! joins or leaves would tell that person's answers, however well each is suppressed on its own.
//! So a table's composition is published as a snapshot, and a new snapshot only once at least
//! `threshold` people have joined, left or changed their answers since the last one
//! (`changes_since`). Comparing two published snapshots then tells something about a group of at
//! least that many people, never about one of them. Snapshots are kept: they are the table's
//! composition over time.

use crate::partners::{BudgetBand, Sector};
use crate::people::{Demographics, AGE_BANDS, GENDER, LANGUAGES, RACE_ETHNICITY};
use crate::privacy::{suppress, Cell, Margin, SuppressionRule};
use crate::Id;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// The rule for counting people at a table. A table is small (a steering committee of 20), its
/// members know each other and chose to share, and nobody can act on what a group of tables does
/// not show: with the indicators' threshold of 10 every group at every table would read "hidden".
/// Groups of 1 to 4 are hidden (the usual minimum for reports on small groups), with their
/// complements, and a new snapshot waits for 5 changes.
pub const AT_A_TABLE: SuppressionRule = SuppressionRule { threshold: 5, show_zero: true };

/// The snapshot format: 1 counted race, gender and residence; 2 adds age, home language, lived
/// experience and the member's organisation (budget band and sector).
pub const SNAPSHOT_VERSION: u32 = 2;

/// One way of counting the members (by race, by gender …): each category's count and the total,
/// after suppression. Race, gender, age and language categories are named by the answer given;
/// the others by codes: `another` (described in their own words), `not_reported`, `shared` /
/// `not_shared`, `yes` / `no`, a budget band or sector code, or `no_organization` (residents who
/// sit for themselves).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Breakdown {
    pub cells: Vec<(String, Cell)>,
    pub total: Cell,
}

impl Default for Breakdown {
    /// A breakdown an earlier snapshot did not count: nothing shown.
    fn default() -> Self {
        Breakdown { cells: Vec::new(), total: Cell::Suppressed }
    }
}

impl Breakdown {
    /// The shown count of one category.
    pub fn get(&self, category: &str) -> Option<Cell> {
        self.cells.iter().find(|(k, _)| k == category).map(|(_, c)| *c)
    }
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
    #[serde(default)]
    pub age_band: Breakdown,
    #[serde(default)]
    pub primary_language: Breakdown,
    /// `yes` / `no`: lived experience of what the initiative works on.
    #[serde(default)]
    pub lived_experience: Breakdown,
    /// Members by their organisation's budget band (`no_organization` for residents).
    #[serde(default)]
    pub budget_band: Breakdown,
    /// Members by their organisation's sector (`no_organization` for residents).
    #[serde(default)]
    pub sector: Breakdown,
}

impl Composition {
    /// The breakdown of one facet, by its name in the API (`race_ethnicity`, `age_band` …).
    pub fn facet(&self, name: &str) -> Option<&Breakdown> {
        Some(match name {
            "reported" => &self.reported,
            "race_ethnicity" => &self.race_ethnicity,
            "gender" => &self.gender,
            "community_resident" => &self.community_resident,
            "age_band" => &self.age_band,
            "primary_language" => &self.primary_language,
            "lived_experience" => &self.lived_experience,
            "budget_band" => &self.budget_band,
            "sector" => &self.sector,
            _ => return None,
        })
    }
}

/// One person at the table, as the composition counts them: what they shared (only counted with
/// consent) and the organisation they sit for (`None`: a resident sitting for themselves).
#[derive(Debug, Clone, PartialEq)]
pub struct Seat {
    pub person_id: Id,
    pub demographics: Option<Demographics>,
    pub organization: Option<(BudgetBand, Sector)>,
}

/// One member as a snapshot remembers them: a fingerprint of what they shared, so that a later
/// change of answers counts as a change without the snapshot keeping the answers themselves.
pub type Fingerprints = BTreeMap<Id, u64>;

/// A published composition and the members it counted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    pub members: Fingerprints,
    pub composition: Composition,
    /// The format its fingerprints and breakdowns were made in (`SNAPSHOT_VERSION`).
    #[serde(default = "first_version")]
    pub version: u32,
}

fn first_version() -> u32 {
    1
}

/// The fingerprints of these members in a snapshot format (person id, what was counted).
pub fn fingerprints(seats: &[Seat], version: u32) -> Fingerprints {
    seats.iter().map(|s| (s.person_id, fingerprint(s, version))).collect()
}

/// FNV-1a over what the composition counts of a person: stable across runs and versions.
fn fingerprint(seat: &Seat, version: u32) -> u64 {
    let d = seat.demographics.as_ref().filter(|d| d.consent);
    let yes_no = |v: Option<bool>| match v {
        Some(true) => "y",
        Some(false) => "n",
        None => "",
    };
    let mut text = match d {
        None => String::from("-"),
        Some(d) => format!(
            "{}|{}|{}",
            d.race_ethnicity.as_deref().unwrap_or(""),
            d.gender.as_deref().unwrap_or(""),
            yes_no(d.community_resident)
        ),
    };
    if version >= 2 {
        if let Some(d) = d {
            text.push_str(&format!(
                "|{}|{}|{}",
                d.age_band.as_deref().unwrap_or(""),
                d.primary_language.as_deref().unwrap_or(""),
                yes_no(d.lived_experience)
            ));
        }
        match seat.organization {
            Some((band, sector)) => text.push_str(&format!("|{}|{}", band.as_str(), sector.as_str())),
            None => text.push_str("|-"),
        }
    }
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
///
/// A snapshot of an earlier format is compared in its own format; when nobody has changed, the
/// same people are counted again in the current one at once (what it adds was never published,
/// so nothing can be subtracted), otherwise it waits for enough changes like any other.
pub fn next_snapshot(
    previous: Option<&Snapshot>,
    seats: &[Seat],
    rule: SuppressionRule,
    now: DateTime<Utc>,
) -> Option<Snapshot> {
    if let Some(p) = previous {
        let changes = changes_since(&p.members, &fingerprints(seats, p.version));
        let upgrade = p.version < SNAPSHOT_VERSION && changes == 0;
        if changes < rule.threshold && !upgrade {
            return None;
        }
    }
    Some(Snapshot {
        members: fingerprints(seats, SNAPSHOT_VERSION),
        composition: composition(seats, rule, now),
        version: SNAPSHOT_VERSION,
    })
}

/// Counts the members and suppresses the counts jointly: every breakdown adds up to the same
/// total, so all of them are one table with linked margins.
pub fn composition(seats: &[Seat], rule: SuppressionRule, as_of: DateTime<Utc>) -> Composition {
    let shared: Vec<Option<&Demographics>> =
        seats.iter().map(|s| s.demographics.as_ref().filter(|d| d.consent)).collect();
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
    let by_organization = |codes: Vec<&str>, pick: &dyn Fn(BudgetBand, Sector) -> &'static str| {
        let mut counts: Vec<(String, u64)> = codes.iter().map(|c| (c.to_string(), 0)).collect();
        counts.push(("no_organization".into(), 0));
        for s in seats {
            let code = s.organization.map_or("no_organization", |(b, sec)| pick(b, sec));
            if let Some(c) = counts.iter_mut().find(|(k, _)| k == code) {
                c.1 += 1;
            }
        }
        counts
    };
    let yes_no = |v: Option<bool>| v.map(|v| if v { "yes" } else { "no" }.to_string());
    let reported = shared.iter().filter(|d| d.is_some()).count() as u64;
    let total = seats.len() as u64;
    let breakdowns = [
        vec![("shared".to_string(), reported), ("not_shared".to_string(), total - reported)],
        count_by(RACE_ETHNICITY, true, &|d| d.race_ethnicity.clone()),
        count_by(GENDER, true, &|d| d.gender.clone()),
        count_by(&["Lives in the community", "Lives elsewhere"], false, &|d| {
            d.community_resident.map(|r| if r { "Lives in the community" } else { "Lives elsewhere" }.to_string())
        }),
        count_by(AGE_BANDS, false, &|d| d.age_band.clone()),
        count_by(LANGUAGES, true, &|d| d.primary_language.clone()),
        count_by(&["yes", "no"], false, &|d| yes_no(d.lived_experience)),
        by_organization(BudgetBand::ALL.iter().map(|b| b.as_str()).collect(), &|b, _| b.as_str()),
        by_organization(Sector::ALL.iter().map(|s| s.as_str()).collect(), &|_, s| s.as_str()),
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
    let mut take = || out.next().expect("nine breakdowns");
    Composition {
        as_of,
        updates_after_changes: rule.threshold,
        current_members: total,
        reported: take(),
        race_ethnicity: take(),
        gender: take(),
        community_resident: take(),
        age_band: take(),
        primary_language: take(),
        lived_experience: take(),
        budget_band: take(),
        sector: take(),
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
            lived_experience: None,
        }
    }

    fn seat(id: Id, d: &Demographics) -> Seat {
        Seat { person_id: id, demographics: Some(d.clone()), organization: None }
    }

    #[test]
    fn one_person_joining_changes_nothing_that_is_published() {
        let rule = AT_A_TABLE;
        let t0 = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        let answers: Vec<Demographics> =
            (0..14).map(|k| person(if k < 12 { "Black or African American" } else { "Asian" })).collect();
        let members: Vec<Seat> = answers.iter().enumerate().map(|(i, d)| seat(i as Id, d)).collect();
        let first = next_snapshot(None, &members, rule, t0).expect("the first snapshot is published at once");
        // A newcomer who is White: the published composition must not change, or "White: 0"
        // turning into "hidden" would tell everyone who can see the member list her race.
        let white = person("White");
        let mut joined = members.clone();
        joined.push(seat(99, &white));
        assert_eq!(next_snapshot(Some(&first), &joined, rule, t0), None);
        // Nor does one person changing their answers, or leaving.
        assert_eq!(changes_since(&first.members, &fingerprints(&joined, SNAPSHOT_VERSION)), 1);
        let mut changed = members.clone();
        changed[0] = seat(0, &white);
        assert_eq!(next_snapshot(Some(&first), &changed, rule, t0), None);
        // Nor their organisation: a move to a $25M provider is a change like any other.
        let mut moved = members.clone();
        moved[1].organization = Some((BudgetBand::Over20m, Sector::Health));
        assert_eq!(changes_since(&first.members, &fingerprints(&moved, SNAPSHOT_VERSION)), 1);
        // Five changes publish a new snapshot.
        let mut many = members.clone();
        many.extend((0..5).map(|i| seat(100 + i as Id, &white)));
        let second = next_snapshot(Some(&first), &many, rule, t0).expect("five people changed");
        assert_eq!(second.composition.current_members, 19);
        assert_eq!(changes_since(&first.members, &second.members), 5);
    }

    #[test]
    fn an_earlier_snapshot_is_counted_again_in_full_only_when_nobody_changed() {
        let t0 = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        let answers: Vec<Demographics> = (0..12).map(|_| person("Hispanic or Latino")).collect();
        let members: Vec<Seat> = answers.iter().enumerate().map(|(i, d)| seat(i as Id, d)).collect();
        let old = Snapshot { version: 1, ..next_snapshot(None, &members, AT_A_TABLE, t0).unwrap() };
        let old = Snapshot { members: fingerprints(&members, 1), ..old };
        let again = next_snapshot(Some(&old), &members, AT_A_TABLE, t0).expect("the same people, counted in full");
        assert_eq!(again.version, SNAPSHOT_VERSION);
        let mut joined = members.clone();
        joined.push(seat(50, &answers[0]));
        assert_eq!(next_snapshot(Some(&old), &joined, AT_A_TABLE, t0), None, "one newcomer waits like any change");
    }

    #[test]
    fn small_counts_are_hidden_with_their_complements() {
        let a = person("Asian");
        let b = person("Black or African American");
        let mut members: Vec<Seat> = (0..15).map(|i| seat(i, &b)).collect();
        members.push(seat(15, &a));
        let c = composition(&members, AT_A_TABLE, DateTime::from_timestamp(0, 0).unwrap());
        let race: BTreeMap<&str, Cell> = c.race_ethnicity.cells.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        assert_eq!(race["Asian"], Cell::Suppressed);
        assert_eq!(race["Black or African American"], Cell::Suppressed, "or 16 − 15 would give the Asian member away");
        assert_eq!(c.race_ethnicity.total, Cell::Shown(16));
    }

    #[test]
    fn members_are_counted_by_the_organisation_they_sit_for() {
        let d = person("White");
        let mut members: Vec<Seat> =
            (0..6).map(|i| Seat { organization: Some((BudgetBand::Over20m, Sector::Health)), ..seat(i, &d) }).collect();
        members.extend((6..12).map(|i| seat(i, &d)));
        let c = composition(&members, AT_A_TABLE, DateTime::from_timestamp(0, 0).unwrap());
        assert_eq!(c.budget_band.get("over_20m"), Some(Cell::Shown(6)));
        assert_eq!(c.budget_band.get("no_organization"), Some(Cell::Shown(6)));
        assert_eq!(c.sector.get("health"), Some(Cell::Shown(6)));
        assert_eq!(c.lived_experience.get("not_reported"), Some(Cell::Shown(12)));
    }
}
