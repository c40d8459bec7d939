//! Who sits at a table, by the demographics members chose to share: counts of people, so they go
//! through the disclosure engine (`crate::privacy`) like every other published count.

use crate::people::{Demographics, GENDER, RACE_ETHNICITY};
use crate::privacy::{suppress, Cell, Margin, SuppressionRule};
use serde::Serialize;
use utoipa::ToSchema;

/// One way of counting the members (by race, by gender …): each category's count and the total,
/// after suppression. Race and gender categories are named by the answer given; the others by
/// codes: `another` (described in their own words), `not_reported`, `shared` / `not_shared`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Breakdown {
    pub cells: Vec<(String, Cell)>,
    pub total: Cell,
}

/// A table's current members by self-reported demographics.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Composition {
    pub current_members: u64,
    /// How many of them shared demographics (with consent).
    pub reported: Breakdown,
    pub race_ethnicity: Breakdown,
    pub gender: Breakdown,
    pub community_resident: Breakdown,
}

/// Counts the members (`None`: shared nothing) and suppresses the counts jointly: every breakdown
/// adds up to the same total, so all four are one table with linked margins.
pub fn composition(members: &[Option<&Demographics>], rule: SuppressionRule) -> Composition {
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
        current_members: total,
        reported: out.next().expect("four breakdowns"),
        race_ethnicity: out.next().expect("four breakdowns"),
        gender: out.next().expect("four breakdowns"),
        community_resident: out.next().expect("four breakdowns"),
    }
}
