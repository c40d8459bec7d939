//! The places data is reported for (community ⊃ district ⊃ ZIP ⊃ tract) and the dimensions it is
//! broken down by (race/ethnicity, home language …).

use crate::checks::{check_slug, check_text};
use crate::error::Invalid;
use crate::vocabulary::vocabulary;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use utoipa::ToSchema;

vocabulary! {
    GeoLevel {
        Community => "community",
        District => "district",
        Zip => "zip",
        Tract => "tract",
    }
}

/// A place data is reported for, in a small hierarchy: community ⊃ district ⊃ ZIP ⊃ tract.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Geography {
    /// `riverbend`, `north-district`, `47302`, `tract-1701`.
    pub code: String,
    pub name: String,
    pub level: GeoLevel,
    pub parent: Option<String>,
}

/// A way of breaking data down (race/ethnicity, language …) and its allowed values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Dimension {
    /// `race_ethnicity`.
    pub key: String,
    pub name: String,
    pub values: Vec<String>,
}

/// A place code: a letter or digit, then letters, digits, `.`, `_` or `-`, at most 60 in all.
/// So a code never starts a spreadsheet formula (`=`, `+`, `-`, `@`) and reads the same in a
/// CSV cell, an address and a message.
pub fn is_place_code(code: &str) -> bool {
    let mut chars = code.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && code.len() <= 60
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

/// Checks a whole list of places: codes well formed and each once, names present, every parent
/// in the list, and no place its own ancestor.
pub fn check_places(places: &[Geography]) -> Result<(), Invalid> {
    let mut inv = Invalid::new();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, p) in places.iter().enumerate() {
        let field = format!("places[{i}].code");
        if !is_place_code(&p.code) {
            inv.add(
                &field,
                format!(
                    "\"{}\" is not a place code: use letters, digits, '.', '_' or '-' (at most 60), starting with a letter or digit",
                    p.code
                ),
            );
        } else if let Some(first) = seen.insert(p.code.as_str(), i) {
            inv.add(&field, format!("\"{}\" is already the code of places[{first}]", p.code));
        }
        check_text(&mut inv, &format!("places[{i}].name"), &p.name, 1, 200);
    }
    let parent_of: HashMap<&str, &str> =
        places.iter().filter_map(|p| p.parent.as_deref().map(|parent| (p.code.as_str(), parent))).collect();
    for (i, p) in places.iter().enumerate() {
        let Some(parent) = &p.parent else { continue };
        if !seen.contains_key(parent.as_str()) {
            inv.add(format!("places[{i}].parent"), format!("\"{parent}\" is not in the list"));
            continue;
        }
        // Walk up; meeting the place again means it lies inside itself.
        let mut at = parent.as_str();
        for _ in 0..places.len() {
            if at == p.code {
                inv.add(format!("places[{i}].parent"), format!("\"{}\" would lie inside itself", p.code));
                break;
            }
            match parent_of.get(at) {
                Some(next) => at = next,
                None => break,
            }
        }
    }
    inv.into_result()
}

/// Checks a whole list of dimensions: keys well formed and each once, values present, each once
/// and free of the `;` and `=` that CSV groups are written with.
pub fn check_dimensions(dimensions: &[Dimension]) -> Result<(), Invalid> {
    let mut inv = Invalid::new();
    let mut keys = HashSet::new();
    for (i, d) in dimensions.iter().enumerate() {
        let field = format!("dimensions[{i}].key");
        check_slug(&mut inv, &field, &d.key.replace('_', "-"));
        if !keys.insert(d.key.as_str()) {
            inv.add(&field, format!("\"{}\" appears twice", d.key));
        }
        check_text(&mut inv, &format!("dimensions[{i}].name"), &d.name, 1, 100);
        if d.values.is_empty() {
            inv.add(format!("dimensions[{i}].values"), "needs at least one value");
        }
        let mut values = HashSet::new();
        for (j, v) in d.values.iter().enumerate() {
            let field = format!("dimensions[{i}].values[{j}]");
            check_text(&mut inv, &field, v, 1, 100);
            if v.contains(';') || v.contains('=') {
                inv.add(&field, "may not contain ; or =");
            } else if v.trim() != v {
                inv.add(&field, "may not start or end with a space");
            } else if !values.insert(v.as_str()) {
                inv.add(&field, format!("\"{v}\" appears twice"));
            }
        }
    }
    inv.into_result()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(code: &str, parent: Option<&str>) -> Geography {
        Geography { code: code.into(), name: code.into(), level: GeoLevel::Zip, parent: parent.map(Into::into) }
    }

    #[test]
    fn place_codes_cannot_start_a_formula() {
        for ok in ["riverbend", "47302", "tract-1701.02", "North_District"] {
            assert!(is_place_code(ok), "{ok}");
        }
        for bad in ["=HYPERLINK(\"x\")", "+1", "-47302", "@a", "", " 47302", "a b", "ä", &"x".repeat(61)] {
            assert!(!is_place_code(bad), "{bad}");
        }
        let e = check_places(&[place("=1+1", None)]).unwrap_err();
        assert!(e.reason_for("places[0].code").unwrap().contains("not a place code"));
    }

    #[test]
    fn places_form_a_tree() {
        assert!(check_places(&[place("town", None), place("east", Some("town")), place("47301", Some("east"))]).is_ok());
        let e = check_places(&[place("a", Some("b")), place("b", Some("a"))]).unwrap_err();
        assert_eq!(e.reason_for("places[0].parent"), Some("\"a\" would lie inside itself"));
        let e = check_places(&[place("a", Some("zzz")), place("a", None)]).unwrap_err();
        assert!(e.reason_for("places[0].parent").unwrap().contains("not in the list"));
        assert_eq!(e.reason_for("places[1].code"), Some("\"a\" is already the code of places[0]"));
    }

    #[test]
    fn dimensions_have_distinct_keys_and_values() {
        let d = |key: &str, values: &[&str]| Dimension {
            key: key.into(),
            name: "Race".into(),
            values: values.iter().map(|v| v.to_string()).collect(),
        };
        assert!(check_dimensions(&[d("race_ethnicity", &["Asian", "White"])]).is_ok());
        let e = check_dimensions(&[d("race", &["Asian", "Asian", "a=b"]), d("race", &[])]).unwrap_err();
        assert_eq!(e.reason_for("dimensions[0].values[1]"), Some("\"Asian\" appears twice"));
        assert!(e.reason_for("dimensions[0].values[2]").is_some());
        assert_eq!(e.reason_for("dimensions[1].key"), Some("\"race\" appears twice"));
        assert!(e.reason_for("dimensions[1].values").is_some());
    }
}
