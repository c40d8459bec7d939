//! Community estimates as people bring them: a CSV of census-style estimates, or lines typed by
//! hand for one place and facet. Every problem names its row (as a spreadsheet numbers it, the
//! header being row 1) and column; nothing is taken unless everything is right.
//!
//! The CSV, one group per row:
//!
//! ```text
//! place,facet,group,estimate,margin_of_error,universe
//! riverbend,race_ethnicity,Black or African American,27140,1210,96400
//! riverbend,race_ethnicity,Hispanic or Latino,22310,980,96400
//! ```
//!
//! `margin_of_error` may be empty (or the column left out); `universe` is the total of the table
//! the estimate comes from (the ACS "Total:" line), the same for every group of a place and facet.

use super::{check_estimates, CommunityEstimate, Facet};
use crate::error::Invalid;

/// The columns of the community CSV, in the order the template gives them.
pub const COLUMNS: &[&str] = &["place", "facet", "group", "estimate", "margin_of_error", "universe"];

/// A whole number of people as a census table writes it: digits, maybe with thousands commas.
fn people(value: &str) -> Result<u64, String> {
    let digits: String = value.chars().filter(|c| *c != ',').collect();
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(format!("“{value}” is not a whole number of people"));
    }
    digits.parse::<u64>().map_err(|_| format!("“{value}” is too large"))
}

/// Reads the community CSV. `places` are the initiative's place codes.
pub fn read_community_csv(text: &str, places: &[String]) -> Result<Vec<CommunityEstimate>, Invalid> {
    let mut inv = Invalid::new();
    let text = text.trim_start_matches('\u{feff}');
    let mut reader =
        csv::ReaderBuilder::new().has_headers(true).flexible(true).trim(csv::Trim::All).from_reader(text.as_bytes());
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|s| s.to_lowercase()).collect(),
        Err(e) => return Err(Invalid::one("rows[1]", format!("the header could not be read: {e}"))),
    };
    for (i, h) in header.iter().enumerate() {
        if !COLUMNS.contains(&h.as_str()) {
            inv.add(
                format!("rows[1].column[{}]", i + 1),
                format!("“{h}” is not a column; the columns are: {}", COLUMNS.join(", ")),
            );
        }
        if header[..i].contains(h) {
            inv.add(format!("rows[1].column[{}]", i + 1), format!("“{h}” is given twice"));
        }
    }
    for required in COLUMNS.iter().filter(|c| **c != "margin_of_error") {
        if !header.iter().any(|h| h == required) {
            inv.add("rows[1]", format!("the column “{required}” is missing"));
        }
    }
    if !inv.is_empty() {
        return Err(inv);
    }
    let col = |name: &str| header.iter().position(|h| h == name);
    let mut rows = Vec::new();
    let mut row_numbers = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let row = i + 2;
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                inv.add(format!("rows[{row}]"), format!("could not be read: {e}"));
                continue;
            }
        };
        if record.iter().all(|c| c.is_empty()) {
            continue;
        }
        if record.len() != header.len() {
            inv.add(format!("rows[{row}]"), format!("has {} cells; the header has {}", record.len(), header.len()));
            continue;
        }
        let cell = |name: &str| col(name).and_then(|c| record.get(c)).unwrap_or("");
        let mut bad = false;
        let mut number = |name: &str, optional: bool| -> Option<u64> {
            let v = cell(name);
            if v.is_empty() && optional {
                return None;
            }
            match people(v) {
                Ok(n) => Some(n),
                Err(reason) => {
                    inv.add(
                        format!("rows[{row}].{name}"),
                        if v.is_empty() { "is required".to_string() } else { reason },
                    );
                    bad = true;
                    None
                }
            }
        };
        let estimate = number("estimate", false);
        let margin_of_error = number("margin_of_error", true);
        let universe = number("universe", false);
        let facet = Facet::parse(cell("facet"));
        if facet.is_none() {
            let names: Vec<&str> = Facet::ALL.iter().map(|f| f.as_str()).collect();
            inv.add(format!("rows[{row}].facet"), format!("must be one of: {}", names.join(", ")));
        }
        if let (Some(facet), Some(estimate), Some(universe), false) = (facet, estimate, universe, bad) {
            rows.push(CommunityEstimate {
                place: cell("place").to_string(),
                facet,
                group: cell("group").to_string(),
                estimate,
                margin_of_error,
                universe,
            });
            row_numbers.push(row);
        }
    }
    if rows.is_empty() && inv.is_empty() {
        inv.add("rows", "the file has no estimates under its header");
    }
    check_estimates(&mut inv, &rows, places, |i, f| format!("rows[{}].{f}", row_numbers[i]));
    inv.into_result().map(|_| rows)
}

/// Reads estimates typed by hand for one place and facet: for each of the facet's groups
/// (`Facet::groups`, in order) the estimate and its margin of error as typed, either left blank
/// to leave the group out. Problems name the form's fields: `place`, `facet`, `universe`,
/// `estimate-N` and `margin-N` (N the group's position, from 0).
pub fn read_hand_entry(
    place: &str,
    facet: &str,
    universe: &str,
    entries: &[(String, String)],
    places: &[String],
) -> Result<Vec<CommunityEstimate>, Invalid> {
    let mut inv = Invalid::new();
    let Some(facet) = Facet::parse(facet) else {
        return Err(Invalid::one("facet", "choose one from the list"));
    };
    if !places.iter().any(|p| p == place) {
        inv.add("place", "choose one from the list");
    }
    let universe = match people(universe.trim()) {
        Ok(0) => {
            inv.add("universe", "must be more than 0");
            0
        }
        Ok(n) => n,
        Err(reason) => {
            inv.add("universe", if universe.trim().is_empty() { "is required".to_string() } else { reason });
            0
        }
    };
    let mut rows = Vec::new();
    let mut positions = Vec::new();
    for (n, (group, (estimate, margin))) in facet.groups().iter().zip(entries).enumerate() {
        let (estimate, margin) = (estimate.trim(), margin.trim());
        if estimate.is_empty() {
            if !margin.is_empty() {
                inv.add(format!("estimate-{n}"), "is required when a margin of error is given");
            }
            continue;
        }
        let estimate = people(estimate).map_err(|r| inv.add(format!("estimate-{n}"), r)).ok();
        let margin_of_error = match margin {
            "" => Ok(None),
            m => people(m).map(Some).map_err(|r| inv.add(format!("margin-{n}"), r)),
        };
        if let (Some(estimate), Ok(margin_of_error)) = (estimate, margin_of_error) {
            rows.push(CommunityEstimate {
                place: place.to_string(),
                facet,
                group: group.to_string(),
                estimate,
                margin_of_error,
                universe,
            });
            positions.push(n);
        }
    }
    if rows.is_empty() && inv.is_empty() {
        inv.add("estimate-0", "give at least one group's estimate");
    }
    if universe > 0 && !inv.0.iter().any(|e| e.field == "place") {
        check_estimates(&mut inv, &rows, places, |i, f| match f {
            "estimate" | "group" => format!("estimate-{}", positions[i]),
            "universe" => "universe".to_string(),
            f => format!("{f}-{}", positions[i]),
        });
    }
    inv.into_result().map(|_| rows)
}
