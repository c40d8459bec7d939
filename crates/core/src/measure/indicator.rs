//! Indicators (Results-Based Accountability): population indicators for the results of the common
//! agenda, and program measures answering how much, how well, and is anyone better off.

use crate::checks::{check_slug, check_text};
use crate::error::Invalid;
use crate::measure::analytics::{Direction, Unit};
use crate::measure::number::{show, LARGEST};
use crate::measure::period::{Period, PeriodKind, Years};
use crate::privacy::DisclosureRule;
use crate::vocabulary::vocabulary;
use crate::Id;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
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

/// A target for one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Target {
    pub period: String,
    pub value: f64,
}

/// The longest a period's numbers may be due after it ends.
pub const MOST_REPORT_DUE_DAYS: u32 = 730;

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
    pub unit: Unit,
    pub direction: Direction,
    pub period_kind: PeriodKind,
    pub source: String,
    pub level: Level,
    /// The result (or strategy) of the common agenda it serves, by key.
    pub result_key: Option<String>,
    pub owner_organization_id: Option<Id>,
    pub baseline_period: Option<String>,
    pub targets: Vec<Target>,
    /// Numbers resting on fewer people than this are hidden outside backbone staff.
    pub suppression_threshold: u32,
    /// Which numbers of a rate decide whether it is hidden: both sides (the default) or, for
    /// education data, the group's size with top- and bottom-coding.
    #[serde(default)]
    pub disclosure_rule: DisclosureRule,
    /// The smallest change of an equity gap per year, in the indicator's unit, that counts as
    /// narrowing or widening; smaller is "stable". None: 1 point for a percent, any change otherwise.
    #[serde(default)]
    pub min_gap_change: Option<f64>,
    /// Its numbers for a period are due this many days after the period ends (what the
    /// accountability view holds submitters to); none: no reporting schedule.
    #[serde(default)]
    pub report_due_days: Option<u32>,
    /// Partner organisations that may submit its numbers besides its owner. With no owner and
    /// no one listed, any partner may.
    #[serde(default)]
    pub submitters: Vec<Id>,
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
    pub unit: Unit,
    pub direction: Direction,
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
    /// `both_sides` (default) or `group_size`: see `Indicator::disclosure_rule`.
    #[serde(default)]
    pub disclosure_rule: DisclosureRule,
    /// The smallest change of an equity gap per year that counts as narrowing or widening.
    #[serde(default)]
    pub min_gap_change: Option<f64>,
    /// Days after a period ends that its numbers are due (see `Indicator::report_due_days`).
    #[serde(default)]
    pub report_due_days: Option<u32>,
    /// Organisations that may submit its numbers besides its owner (see `Indicator::submitters`).
    #[serde(default)]
    pub submitters: Vec<Id>,
    #[serde(default)]
    pub published: bool,
}

fn default_threshold() -> u32 {
    10
}

impl Indicator {
    /// Whether `organization_id` submits this indicator's numbers: its owner and the
    /// organisations staff listed; any partner when it has neither.
    pub fn accepts_from(&self, organization_id: Id) -> bool {
        match self.owner_organization_id {
            None if self.submitters.is_empty() => true,
            owner => owner == Some(organization_id) || self.submitters.contains(&organization_id),
        }
    }
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
    /// Checks the definition; its baseline and target periods must start within `years`.
    pub fn validate(&self, years: Years) -> Result<(), Invalid> {
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
            if let Err(e) = Period::parse_within(self.period_kind, p, years) {
                inv.add("baseline_period", e);
            }
        }
        for (i, t) in self.targets.iter().enumerate() {
            if let Err(e) = Period::parse_within(self.period_kind, &t.period, years) {
                inv.add(format!("targets[{i}].period"), e);
            }
            let most = if self.unit == Unit::Percent { 100.0 } else { LARGEST };
            if !(t.value.is_finite() && (0.0..=most).contains(&t.value)) {
                inv.add(format!("targets[{i}].value"), format!("must be a number from 0 to {}", show(most)));
            }
        }
        if !(1..=100).contains(&self.suppression_threshold) {
            inv.add("suppression_threshold", "must be between 1 and 100");
        }
        if self.min_gap_change.is_some_and(|m| !(m.is_finite() && m >= 0.0)) {
            inv.add("min_gap_change", "must be a number of 0 or more");
        }
        if self.report_due_days.is_some_and(|d| d > MOST_REPORT_DUE_DAYS) {
            inv.add("report_due_days", format!("must be at most {MOST_REPORT_DUE_DAYS} days (two years)"));
        }
        if let Some(k) = &self.result_key {
            check_slug(&mut inv, "result_key", k);
        }
        if self.submitters.len() > 500 {
            inv.add("submitters", "at most 500 organisations");
        }
        inv.into_result()
    }
}
