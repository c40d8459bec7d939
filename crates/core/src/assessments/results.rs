//! A closed round's results: per statement and per section, the mean score, the spread of answers
//! and the share of "don't know"; and the trend of each section across the table's closed rounds.
//! Every rule about what may be shown is applied here (see the module above), so no caller can
//! show more.

use super::instrument::{statements, Section};
use super::{AssessmentAnswer, AssessmentRound, MIN_RESPONDENTS};
use crate::privacy::{one_way_margins, suppress, Cell, SuppressionRule};
use crate::vocabulary::vocabulary;
use crate::Id;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use utoipa::ToSchema;

/// Counts of 1 and 2 people in a statement's spread are hidden (and whatever would reveal them).
pub const SPREAD_RULE: SuppressionRule = SuppressionRule { threshold: 3, show_zero: true };

/// A section's mean moving less than this (on the 1–5 scale) since the round before is steady.
pub const STEADY_WITHIN: f64 = 0.2;

vocabulary! {
    /// Which way a section's mean moved since the table's previous round with results.
    Trend {
        Improving => "improving",
        Steady => "steady",
        Declining => "declining",
    }
}

impl Trend {
    pub fn of(change: f64) -> Trend {
        if change >= STEADY_WITHIN {
            Trend::Improving
        } else if change <= -STEADY_WITHIN {
            Trend::Declining
        } else {
            Trend::Steady
        }
    }
}

/// How the answers to a statement spread, in bands of the scale, each a count of people through
/// the disclosure engine; they add up to the round's respondents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Spread {
    /// Strongly disagree or disagree (1–2).
    pub disagree: Cell,
    /// Neither (3).
    pub neutral: Cell,
    /// Agree or strongly agree (4–5).
    pub agree: Cell,
    pub dont_know: Cell,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct StatementResult {
    /// The statement's key (its words: catalogue message `assessment-s-<key>`).
    pub statement: String,
    pub section: Section,
    /// Mean score from 1 to 5 over those who gave one; absent when fewer than the minimum did.
    pub mean: Option<f64>,
    pub spread: Spread,
    /// Share of respondents who said "don't know" (0 to 1); absent when that count is hidden.
    pub dont_know_share: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct SectionResult {
    pub section: Section,
    /// The mean of each respondent's own mean over the section's statements she scored; absent
    /// when fewer than the minimum scored any.
    pub mean: Option<f64>,
    /// Change of the mean since the table's previous closed round that showed one.
    pub change: Option<f64>,
    pub trend: Option<Trend>,
    pub statements: Vec<StatementResult>,
}

/// A section's mean in one round, for the trend.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct SectionMean {
    pub section: Section,
    pub mean: Option<f64>,
}

/// One closed round of the table, for the trend: its section means when it had enough answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct HistoryPoint {
    pub round_id: Id,
    pub title: String,
    pub closed_at: Option<DateTime<Utc>>,
    /// Empty when the round had too few answers to show.
    pub sections: Vec<SectionMean>,
}

/// What members and staff see of a round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct AssessmentResults {
    pub round_id: Id,
    pub title: String,
    pub instrument_version: u32,
    /// Whether numbers are shown: the round is closed and at least `min_respondents` answered.
    pub shown: bool,
    pub min_respondents: u64,
    /// How many answered; only when shown.
    pub respondents: Option<u64>,
    /// Empty unless shown.
    pub sections: Vec<SectionResult>,
    /// The table's closed rounds up to this one, oldest first.
    pub history: Vec<HistoryPoint>,
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn mean(xs: &[f64]) -> Option<f64> {
    (!xs.is_empty()).then(|| xs.iter().sum::<f64>() / xs.len() as f64)
}

/// The latest answer of each person (callers may pass every submission).
fn latest(answers: &[AssessmentAnswer]) -> Vec<&AssessmentAnswer> {
    let people: BTreeSet<Id> = answers.iter().map(|a| a.person_id).collect();
    people
        .into_iter()
        .filter_map(|p| answers.iter().filter(|a| a.person_id == p).max_by_key(|a| a.submitted_at))
        .collect()
}

fn score_of(a: &AssessmentAnswer, key: &str) -> Option<u8> {
    a.answers.iter().find(|x| x.statement == key).and_then(|x| x.score)
}

fn answered(a: &AssessmentAnswer, key: &str) -> bool {
    a.answers.iter().any(|x| x.statement == key)
}

/// Whether a round's numbers may be shown at all.
pub fn may_show(round: &AssessmentRound, respondents: u64) -> bool {
    !round.is_open() && respondents >= MIN_RESPONDENTS
}

/// The section means of a round, or none when it may not be shown.
fn section_means(round: &AssessmentRound, answers: &[&AssessmentAnswer]) -> Vec<SectionMean> {
    let Some(statements) = statements(round.instrument_version) else { return Vec::new() };
    if !may_show(round, answers.len() as u64) {
        return Vec::new();
    }
    Section::ALL
        .iter()
        .filter(|sec| statements.iter().any(|s| s.section == **sec))
        .map(|sec| {
            let own: Vec<f64> = answers
                .iter()
                .filter_map(|a| {
                    let scores: Vec<f64> = statements
                        .iter()
                        .filter(|s| s.section == *sec)
                        .filter_map(|s| score_of(a, s.key).map(f64::from))
                        .collect();
                    mean(&scores)
                })
                .collect();
            let shown = own.len() as u64 >= MIN_RESPONDENTS;
            SectionMean { section: *sec, mean: if shown { mean(&own).map(round2) } else { None } }
        })
        .collect()
}

/// Every way to fill a spread's hidden bands that someone who knows the rule could not rule out:
/// the rule would have hidden the same cells, and, when the mean is shown, the scores could add up
/// to it (disagree counts 1–2 each, neutral 3, agree 4–5). `counts` are the bands, then the total.
pub fn possible_fills(counts: &[u64; 5], hidden: &[bool], mean: Option<f64>) -> Vec<[u64; 4]> {
    fn walk(slots: &[usize], rest: u64, fill: &mut [u64; 4], visit: &mut dyn FnMut(&[u64; 4])) {
        match slots {
            [] => {}
            [last] => {
                fill[*last] = rest;
                visit(fill);
            }
            [first, more @ ..] => {
                for v in 0..=rest {
                    fill[*first] = v;
                    walk(more, rest - v, fill, visit);
                }
            }
        }
    }
    let slots: Vec<usize> = (0..4).filter(|i| hidden[*i]).collect();
    let mut fill = [0u64; 4];
    for i in (0..4).filter(|i| !hidden[*i]) {
        fill[i] = counts[i];
    }
    if slots.is_empty() {
        return vec![fill];
    }
    let shown: u64 = fill.iter().sum();
    let Some(rest) = counts[4].checked_sub(shown) else { return Vec::new() };
    let mut out = Vec::new();
    walk(&slots, rest, &mut fill, &mut |f| {
        let candidate = [f[0], f[1], f[2], f[3], counts[4]];
        if suppress(&candidate, &one_way_margins(4), SPREAD_RULE)[..4] != hidden[..4] {
            return;
        }
        if let Some(m) = mean {
            let scored = f[0] + f[1] + f[2];
            let (low, high) = (f[0] + 3 * f[1] + 4 * f[2], 2 * f[0] + 3 * f[1] + 5 * f[2]);
            let (from, to) = ((m - 0.005) * scored as f64, (m + 0.005) * scored as f64);
            if scored == 0 || (low as f64) > to || (high as f64) < from || from.ceil() > to.floor() {
                return;
            }
        }
        out.push(*f);
    });
    out
}

/// Whether what is shown pins down a hidden band's count.
pub fn reveals_a_hidden_count(counts: &[u64; 5], hidden: &[bool], mean: Option<f64>) -> bool {
    let fills = possible_fills(counts, hidden, mean);
    (0..4).filter(|i| hidden[*i]).any(|i| {
        let mut values: Vec<u64> = fills.iter().map(|f| f[i]).collect();
        values.sort_unstable();
        values.dedup();
        values.len() <= 1
    })
}

fn statement_result(key: &str, section: Section, answers: &[&AssessmentAnswer]) -> StatementResult {
    let scores: Vec<u8> = answers.iter().filter_map(|a| score_of(a, key)).collect();
    let answered_count = answers.iter().filter(|a| answered(a, key)).count() as u64;
    let band = |r: std::ops::RangeInclusive<u8>| scores.iter().filter(|v| r.contains(v)).count() as u64;
    let dont_know = answered_count - scores.len() as u64;
    let counts = [band(1..=2), band(3..=3), band(4..=5), dont_know, answered_count];
    let mut hidden = suppress(&counts, &one_way_margins(4), SPREAD_RULE);
    let average = if scores.len() as u64 >= MIN_RESPONDENTS {
        mean(&scores.iter().map(|v| f64::from(*v)).collect::<Vec<_>>()).map(round2)
    } else {
        None
    };
    // Knowing the rule (zeros shown, 1 and 2 hidden), and the average, can pin down a hidden
    // count that the equations alone leave open: then the whole spread goes (the average stays;
    // it is what the table came for).
    if reveals_a_hidden_count(&counts, &hidden, None)
        || (average.is_some() && reveals_a_hidden_count(&counts, &hidden, average))
    {
        hidden[..4].fill(true);
    }
    let cell = |i: usize| if hidden[i] { Cell::Suppressed } else { Cell::Shown(counts[i]) };
    StatementResult {
        statement: key.to_string(),
        section,
        mean: average,
        spread: Spread { disagree: cell(0), neutral: cell(1), agree: cell(2), dont_know: cell(3) },
        dont_know_share: (!hidden[3] && answered_count > 0).then(|| round2(dont_know as f64 / answered_count as f64)),
    }
}

/// The results of `round` from its answers, and its trend over `earlier`: the table's other
/// closed rounds with their answers (any order; only those closed before this one count).
pub fn results(
    round: &AssessmentRound,
    answers: &[AssessmentAnswer],
    earlier: &[(AssessmentRound, Vec<AssessmentAnswer>)],
) -> AssessmentResults {
    let now = latest(answers);
    let respondents = now.len() as u64;
    let shown = may_show(round, respondents) && statements(round.instrument_version).is_some();
    let mut before: Vec<&(AssessmentRound, Vec<AssessmentAnswer>)> = earlier
        .iter()
        .filter(|(r, _)| {
            r.id != round.id && !r.is_open() && r.closed_at <= round.closed_at && round.closed_at.is_some()
        })
        .collect();
    before.sort_by_key(|(r, _)| (r.closed_at, r.id));
    let mut history: Vec<HistoryPoint> = before
        .iter()
        .map(|(r, a)| HistoryPoint {
            round_id: r.id,
            title: r.title.clone(),
            closed_at: r.closed_at,
            sections: section_means(r, &latest(a)),
        })
        .collect();
    let means = section_means(round, &now);
    let sections = if shown {
        let statements = statements(round.instrument_version).unwrap_or_default();
        means
            .iter()
            .map(|m| {
                let previous = history
                    .iter()
                    .rev()
                    .find_map(|h| h.sections.iter().find(|s| s.section == m.section).and_then(|s| s.mean));
                let change = m.mean.zip(previous).map(|(now, then)| round2(now - then));
                SectionResult {
                    section: m.section,
                    mean: m.mean,
                    change,
                    trend: change.map(Trend::of),
                    statements: statements
                        .iter()
                        .filter(|s| s.section == m.section)
                        .map(|s| statement_result(s.key, s.section, &now))
                        .collect(),
                }
            })
            .collect()
    } else {
        Vec::new()
    };
    if !round.is_open() {
        history.push(HistoryPoint {
            round_id: round.id,
            title: round.title.clone(),
            closed_at: round.closed_at,
            sections: means,
        });
    }
    AssessmentResults {
        round_id: round.id,
        title: round.title.clone(),
        instrument_version: round.instrument_version,
        shown,
        min_respondents: MIN_RESPONDENTS,
        respondents: shown.then_some(respondents),
        sections,
        history,
    }
}
