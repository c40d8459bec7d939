//! Observations: one number for an indicator × period × place × groups, submitted by a partner,
//! through draft → submitted → approved or returned, with every earlier state kept; and `Catalog`,
//! the check every incoming number passes.

use crate::error::Invalid;
use crate::measure::analytics::Unit;
use crate::measure::indicator::Indicator;
use crate::measure::number::{show, LARGEST};
use crate::measure::period::{Period, Years};
use crate::measure::place::{Dimension, Geography};
use crate::vocabulary::vocabulary;
use crate::Id;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use utoipa::ToSchema;

vocabulary! {
    /// draft → submitted → approved by a backbone data steward; a returned submission carries a reason.
    ObservationStatus {
        Draft => "draft",
        Submitted => "submitted",
        Approved => "approved",
        Returned => "returned",
    }
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
    /// The values last approved: what every view shows until a correction is approved. `None`
    /// when the number was never approved.
    pub approved: Option<Approved>,
}

/// A number as it was approved.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Approved {
    pub numerator: f64,
    pub denominator: Option<f64>,
}

impl Observation {
    /// A correction of a published number is waiting for review: the views still show the
    /// approved values.
    pub fn correction_pending(&self) -> bool {
        self.status == ObservationStatus::Submitted
            && self.approved.is_some_and(|a| a.numerator != self.numerator || a.denominator != self.denominator)
    }
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
    /// The organisation whose numbers are checked, when one is: it must submit each indicator.
    submitter: Option<Id>,
    /// The years periods may start in.
    years: Years,
    indicators: HashMap<&'a str, &'a Indicator>,
    geographies: HashSet<&'a str>,
    /// The place codes in the order staff listed them, for messages.
    geography_codes: Vec<&'a str>,
    dimensions: HashMap<&'a str, (&'a Dimension, HashSet<&'a str>)>,
}

impl<'a> Catalog<'a> {
    pub fn new(indicators: &'a [Indicator], geographies: &'a [Geography], dimensions: &'a [Dimension]) -> Self {
        Catalog {
            submitter: None,
            years: Years::default(),
            indicators: indicators.iter().map(|i| (i.key.as_str(), i)).collect(),
            geographies: geographies.iter().map(|g| g.code.as_str()).collect(),
            geography_codes: geographies.iter().map(|g| g.code.as_str()).collect(),
            dimensions: dimensions
                .iter()
                .map(|d| (d.key.as_str(), (d, d.values.iter().map(String::as_str).collect())))
                .collect(),
        }
    }

    /// Checks numbers as submitted by `organization_id`, which must submit each indicator.
    pub fn submitted_by(mut self, organization_id: Id) -> Self {
        self.submitter = Some(organization_id);
        self
    }

    /// Checks periods against `years` (the server's configuration) rather than the default.
    pub fn within(mut self, years: Years) -> Self {
        self.years = years;
        self
    }

    pub fn indicator(&self, key: &str) -> Option<&'a Indicator> {
        self.indicators.get(key).copied()
    }

    /// "use one of: …" with the first place codes, and how many there are when not all fit.
    fn known_places(&self) -> String {
        const SHOWN: usize = 12;
        let codes = &self.geography_codes;
        match codes.len() {
            0 => "this initiative has no places yet: staff add them on the Places page".into(),
            n if n <= SHOWN => format!("use one of: {}", codes.join(", ")),
            n => format!("use one of: {} … ({n} places; the Data page lists them all)", codes[..SHOWN].join(", ")),
        }
    }

    /// Checks one observation; problems are named by the CSV column they come from.
    pub fn check(&self, o: &ObservationInput) -> Result<(), Invalid> {
        let mut inv = Invalid::new();
        let indicator = self.indicator(&o.indicator);
        match indicator {
            None => inv.add("indicator", format!("\"{}\" is not an indicator of this initiative", o.indicator)),
            Some(ind) if self.submitter.is_some_and(|org| !ind.accepts_from(org)) => inv.add(
                "indicator",
                format!(
                    "your organisation does not submit \"{}\"; ask the backbone staff to add it to the indicator's submitters",
                    ind.key
                ),
            ),
            Some(ind) => {
                if let Err(e) = Period::parse_within(ind.period_kind, &o.period, self.years) {
                    inv.add("period", e);
                }
                // Counts of people are whole; an average's numerator (a sum of amounts or
                // scores) need not be.
                let people = if ind.unit.needs_denominator() { "people" } else { "a count" };
                if !(ind.unit == Unit::Currency || ind.unit == Unit::Score) && o.numerator.fract() != 0.0 {
                    inv.add("numerator", format!("{} is {people}, so it must be a whole number", show(o.numerator)));
                }
                if ind.unit.needs_denominator() {
                    match o.denominator {
                        None if ind.unit.is_rate() => inv.add("denominator", "is required for a rate"),
                        None => inv.add("denominator", "is required: the number of people the average is over"),
                        Some(d) if !(d.is_finite() && d > 0.0) => inv.add("denominator", "must be a number above 0"),
                        Some(d) if d > LARGEST => inv.add("denominator", too_large(d)),
                        Some(d) if d.fract() != 0.0 => inv
                            .add("denominator", format!("{} is a number of people, so it must be whole", show(d))),
                        Some(d) if ind.unit.is_rate() && o.numerator > d => inv.add(
                            "numerator",
                            format!("{} is more than the denominator {}", show(o.numerator), show(d)),
                        ),
                        _ => {}
                    }
                } else if o.denominator.is_some() {
                    inv.add("denominator", format!("must be empty: {} is a count", ind.name));
                }
            }
        }
        if !o.numerator.is_finite() || o.numerator < 0.0 {
            inv.add("numerator", "must be a number of 0 or more");
        } else if o.numerator > LARGEST {
            inv.add("numerator", too_large(o.numerator));
        }
        if !self.geographies.contains(o.geography.as_str()) {
            inv.add("geography", format!("\"{}\" is not a known place; {}", o.geography, self.known_places()));
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

fn too_large(x: f64) -> String {
    format!("{} is larger than Backbone accepts ({})", show(x), show(LARGEST))
}

/// Which observations to list.
#[derive(Debug, Clone, Default)]
pub struct ObservationQuery {
    pub indicator: Option<String>,
    pub organization_id: Option<Id>,
    pub status: Option<ObservationStatus>,
    pub limit: i64,
}

/// What a submission did, row by row.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct SubmitSummary {
    /// New numbers.
    pub added: u64,
    /// Numbers that replaced a different earlier value (kept in the history).
    pub revised: u64,
    /// Numbers identical to what was already there (re-importing a file changes nothing).
    pub unchanged: u64,
    /// Drafts sent for review by submitting the same numbers again (not saving drafts).
    pub drafts_sent: u64,
    /// Saving drafts only: numbers that differ from ones already sent for review, left as they
    /// are (a draft never replaces a number that is under review or published).
    pub already_sent: u64,
}

/// One earlier (or the current) value of an observation.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct ObservationRevision {
    pub revision: i64,
    pub numerator: f64,
    pub denominator: Option<f64>,
    pub status: ObservationStatus,
    pub note: Option<String>,
    pub actor_name: String,
    pub at: DateTime<Utc>,
}

/// The numbers of one submission, handed to the store batch by batch as they are read.
#[async_trait::async_trait]
pub trait Batches: Send {
    /// The next batch, or `None` once every row has been read.
    async fn next_batch(&mut self) -> Option<Vec<ObservationInput>>;
    /// Asked after the last batch, before committing: whether to keep what was written. A file
    /// found to have problems answers false, and nothing is kept.
    async fn keep(&mut self) -> bool {
        true
    }
    /// How these numbers came in, for the submission they make (review queue): the API unless
    /// said otherwise, and the file's name for an upload.
    fn source(&self) -> (crate::review::SubmissionSource, Option<String>) {
        (crate::review::SubmissionSource::Api, None)
    }
}

/// Batches already in memory: a JSON body, a test, the demo.
pub struct InMemory(std::vec::IntoIter<Vec<ObservationInput>>);

impl InMemory {
    pub fn new(batches: Vec<Vec<ObservationInput>>) -> Self {
        InMemory(batches.into_iter())
    }
}

#[async_trait::async_trait]
impl Batches for InMemory {
    async fn next_batch(&mut self) -> Option<Vec<ObservationInput>> {
        self.0.next()
    }
}

/// A backbone data steward's decision on submitted numbers.
#[derive(Debug, Clone, PartialEq)]
pub enum Review {
    Approve,
    Return { reason: String },
}

/// Summed numerators and denominators of approved observations for one period × place × groups,
/// over every submitting organisation — the input of the analytics.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CellSum {
    pub period: String,
    pub geography: String,
    pub groups: String,
    pub numerator: f64,
    pub denominator: Option<f64>,
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
