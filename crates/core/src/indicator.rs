//! Shared measurement records: indicators (Results-Based Accountability), the geographies and
//! disaggregation dimensions data is reported by, and observations with their approval workflow.

use crate::error::Invalid;
use crate::measure::analytics::{Direction, Unit};
use crate::measure::period::{Period, PeriodKind};
use crate::model::{check_slug, check_text, vocabulary, Id};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use utoipa::ToSchema;

vocabulary! {
    /// A population indicator measures a community result; a performance measure answers one of
    /// the three RBA questions about a program.
    Level {
        Population => "population",
        HowMuch => "how_much",
        HowWell => "how_well",
        BetterOff => "better_off",
    }
}

vocabulary! {
    GeoLevel {
        Community => "community",
        District => "district",
        Zip => "zip",
        Tract => "tract",
    }
}

vocabulary! {
    /// draft → submitted → approved by a backbone data steward; a returned submission carries a reason.
    ObservationStatus {
        Draft => "draft",
        Submitted => "submitted",
        Approved => "approved",
        Returned => "returned",
    }
}

/// A target for one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Target {
    pub period: String,
    pub value: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Indicator {
    pub id: Id,
    pub initiative_id: Id,
    /// Short stable name used in files: `third-grade-reading`.
    pub key: String,
    pub name: String,
    /// Plain-language description for residents.
    pub description: String,
    pub numerator_definition: String,
    pub denominator_definition: String,
    #[schema(value_type = String)]
    pub unit: Unit,
    #[schema(value_type = String)]
    pub direction: Direction,
    #[schema(value_type = String)]
    pub period_kind: PeriodKind,
    pub source: String,
    pub level: Level,
    /// The result (or strategy) of the common agenda it serves, by key.
    pub result_key: Option<String>,
    pub owner_organization_id: Option<Id>,
    pub baseline_period: Option<String>,
    pub targets: Vec<Target>,
    /// Counts (or denominators) below this are hidden outside backbone staff.
    pub suppression_threshold: u32,
    /// The smallest change of an equity gap per year, in the indicator's unit, that counts as
    /// narrowing or widening; smaller is "stable". None: 1 point for a percent, any change otherwise.
    #[serde(default)]
    pub min_gap_change: Option<f64>,
    /// Shown on the public community dashboard.
    pub published: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IndicatorInput {
    pub key: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub numerator_definition: String,
    #[serde(default)]
    pub denominator_definition: String,
    #[schema(value_type = String)]
    pub unit: Unit,
    #[schema(value_type = String)]
    pub direction: Direction,
    #[schema(value_type = String)]
    pub period_kind: PeriodKind,
    #[serde(default)]
    pub source: String,
    pub level: Level,
    #[serde(default)]
    pub result_key: Option<String>,
    #[serde(default)]
    pub owner_organization_id: Option<Id>,
    #[serde(default)]
    pub baseline_period: Option<String>,
    #[serde(default)]
    pub targets: Vec<Target>,
    #[serde(default = "default_threshold")]
    pub suppression_threshold: u32,
    /// The smallest change of an equity gap per year that counts as narrowing or widening.
    #[serde(default)]
    pub min_gap_change: Option<f64>,
    #[serde(default)]
    pub published: bool,
}

fn default_threshold() -> u32 {
    10
}

impl Unit {
    /// A percent or a rate: a share of the denominator.
    pub fn is_rate(self) -> bool {
        matches!(self, Unit::Percent | Unit::RatePer1000)
    }

    /// Rates, amounts and scores are over people (the denominator), who are also what small-cell
    /// suppression counts; only a count stands alone.
    pub fn needs_denominator(self) -> bool {
        !matches!(self, Unit::Count)
    }
}

impl IndicatorInput {
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut inv = Invalid::new();
        check_slug(&mut inv, "key", &self.key);
        check_text(&mut inv, "name", &self.name, 1, 200);
        check_text(&mut inv, "description", &self.description, 0, 2000);
        check_text(&mut inv, "numerator_definition", &self.numerator_definition, 0, 1000);
        check_text(&mut inv, "denominator_definition", &self.denominator_definition, 0, 1000);
        check_text(&mut inv, "source", &self.source, 0, 500);
        if self.unit.needs_denominator() && self.denominator_definition.trim().is_empty() {
            let what = if self.unit.is_rate() { "a rate" } else { "an average" };
            inv.add(
                "denominator_definition",
                format!("{what} needs its denominator defined (who is counted below the line)"),
            );
        }
        if let Some(p) = &self.baseline_period {
            if let Err(e) = Period::parse(self.period_kind, p) {
                inv.add("baseline_period", e);
            }
        }
        for (i, t) in self.targets.iter().enumerate() {
            if let Err(e) = Period::parse(self.period_kind, &t.period) {
                inv.add(format!("targets[{i}].period"), e);
            }
            if !t.value.is_finite() || (self.unit == Unit::Percent && !(0.0..=100.0).contains(&t.value)) {
                inv.add(format!("targets[{i}].value"), "must be a number (0–100 for a percent)");
            }
        }
        if !(1..=100).contains(&self.suppression_threshold) {
            inv.add("suppression_threshold", "must be between 1 and 100");
        }
        if self.min_gap_change.is_some_and(|m| !(m.is_finite() && m >= 0.0)) {
            inv.add("min_gap_change", "must be a number of 0 or more");
        }
        if let Some(k) = &self.result_key {
            check_slug(&mut inv, "result_key", k);
        }
        inv.into_result()
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

/// The groups one number describes: `{"race_ethnicity": "Black or African American"}`; empty for
/// everyone. Stored in a canonical text form so equal groups compare equal.
pub type Groups = BTreeMap<String, String>;

pub fn groups_key(g: &Groups) -> String {
    // Called for every imported row: one allocation, no formatting machinery.
    let mut key = String::with_capacity(g.iter().map(|(k, v)| k.len() + v.len() + 2).sum());
    for (k, v) in g {
        if !key.is_empty() {
            key.push(';');
        }
        key.push_str(k);
        key.push('=');
        key.push_str(v);
    }
    key
}

pub fn parse_groups(s: &str) -> Result<Groups, String> {
    let mut g = Groups::new();
    for part in s.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let (k, v) = part
            .split_once('=')
            .ok_or_else(|| format!("\"{part}\" should be dimension=value, like race_ethnicity=Asian"))?;
        if g.insert(k.trim().to_string(), v.trim().to_string()).is_some() {
            return Err(format!("the dimension \"{}\" appears twice", k.trim()));
        }
    }
    Ok(g)
}

/// One number as submitted: indicator × period × geography × groups, with its workflow state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Observation {
    pub id: Id,
    pub indicator_key: String,
    pub period: String,
    pub geography: String,
    pub groups: Groups,
    pub numerator: f64,
    pub denominator: Option<f64>,
    /// The indicator's value: the percent or rate computed from numerator and denominator.
    pub value: Option<f64>,
    pub organization_id: Id,
    pub status: ObservationStatus,
    pub return_reason: Option<String>,
    /// 1 for the first submission; each correction adds one, and earlier values stay in the history.
    pub revision: i64,
    pub updated_at: DateTime<Utc>,
}

/// One number to submit, as it arrives from a CSV row or the API.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ObservationInput {
    pub indicator: String,
    pub period: String,
    pub geography: String,
    #[serde(default)]
    pub groups: Groups,
    pub numerator: f64,
    #[serde(default)]
    pub denominator: Option<f64>,
}

/// What observations are checked against: the initiative's indicators, places and dimensions,
/// indexed once so that checking a row costs a few hash lookups however many places there are.
pub struct Catalog<'a> {
    indicators: HashMap<&'a str, &'a Indicator>,
    geographies: HashSet<&'a str>,
    dimensions: HashMap<&'a str, (&'a Dimension, HashSet<&'a str>)>,
}

impl<'a> Catalog<'a> {
    pub fn new(indicators: &'a [Indicator], geographies: &'a [Geography], dimensions: &'a [Dimension]) -> Self {
        Catalog {
            indicators: indicators.iter().map(|i| (i.key.as_str(), i)).collect(),
            geographies: geographies.iter().map(|g| g.code.as_str()).collect(),
            dimensions: dimensions
                .iter()
                .map(|d| (d.key.as_str(), (d, d.values.iter().map(String::as_str).collect())))
                .collect(),
        }
    }

    pub fn indicator(&self, key: &str) -> Option<&'a Indicator> {
        self.indicators.get(key).copied()
    }

    /// Checks one observation; problems are named by the CSV column they come from.
    pub fn check(&self, o: &ObservationInput) -> Result<(), Invalid> {
        let mut inv = Invalid::new();
        let indicator = self.indicator(&o.indicator);
        match indicator {
            None => inv.add("indicator", format!("\"{}\" is not an indicator of this initiative", o.indicator)),
            Some(ind) => {
                if let Err(e) = Period::parse(ind.period_kind, &o.period) {
                    inv.add("period", e);
                }
                if ind.unit.needs_denominator() {
                    match o.denominator {
                        None if ind.unit.is_rate() => inv.add("denominator", "is required for a rate"),
                        None => inv.add("denominator", "is required: the number of people the average is over"),
                        Some(d) if !(d.is_finite() && d > 0.0) => inv.add("denominator", "must be a number above 0"),
                        Some(d) if ind.unit.is_rate() && o.numerator > d => inv
                            .add("numerator", format!("{} is more than the denominator {}", fmt(o.numerator), fmt(d))),
                        _ => {}
                    }
                } else if o.denominator.is_some() {
                    inv.add("denominator", format!("must be empty: {} is a count", ind.name));
                }
                if matches!(ind.unit, Unit::Count) && o.numerator.fract() != 0.0 {
                    inv.add("numerator", "a count must be a whole number");
                }
            }
        }
        if !o.numerator.is_finite() || o.numerator < 0.0 {
            inv.add("numerator", "must be a number of 0 or more");
        }
        if !self.geographies.contains(o.geography.as_str()) {
            inv.add("geography", format!("\"{}\" is not a known place", o.geography));
        }
        for (k, v) in &o.groups {
            match self.dimensions.get(k.as_str()) {
                None => inv.add("groups", format!("\"{k}\" is not a known dimension")),
                Some((d, values)) if !values.contains(v.as_str()) => inv.add(
                    "groups",
                    format!("\"{v}\" is not a value of {}; use one of: {}", d.name, d.values.join(", ")),
                ),
                _ => {}
            }
        }
        inv.into_result()
    }
}

fn fmt(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        format!("{x}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_groups_key_is_the_sorted_pairs_and_reads_back() {
        let g = parse_groups(" race_ethnicity = Asian ; language=Spanish").unwrap();
        assert_eq!(groups_key(&g), "language=Spanish;race_ethnicity=Asian");
        assert_eq!(parse_groups(&groups_key(&g)).unwrap(), g);
        assert_eq!(groups_key(&Groups::new()), "");
        assert!(parse_groups("language=Spanish;language=English").unwrap_err().contains("appears twice"));
        assert!(parse_groups("Spanish").unwrap_err().contains("dimension=value"));
    }
}
