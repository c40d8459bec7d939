//! Decisions of the tables: recorded after a meeting, or taken in Backbone with a decision process
//! (FIELD.md §8, after Loomio's): advice, consent, consensus, majority vote, ranked choice or score
//! — with a quorum, a closing time, anonymous or named votes, and, for coalitions, one vote per
//! organisation so that a large provider's ten staff do not outvote a volunteer group. The
//! outcome says what was decided, the rule used and who took part, with a date to review it.
//!
//! Who votes: the table's current members, each as their person (linked to their sign-in). A vote
//! may be changed until the decision closes. An anonymous decision never shows who voted how, to
//! anyone, and shows its count only once it closes — so nobody can read one person's vote by
//! watching the count change as they vote.

mod store;
pub mod tally;
pub use store::DecisionStore;

use crate::checks::*;
use crate::error::Invalid;
use crate::vocabulary::vocabulary;
use crate::Id;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

vocabulary! {
    /// How a decision is made.
    DecisionProcess {
        /// Decided elsewhere (in a meeting) and recorded here.
        Recorded => "recorded",
        /// The person responsible asks those affected for advice, then decides.
        Advice => "advice",
        /// Passes unless someone raises a reasoned objection.
        Consent => "consent",
        /// Everyone can live with it; one block stops it.
        Consensus => "consensus",
        /// One choice each; an option chosen by more than half wins.
        Majority => "majority",
        /// Options ranked; the last is dropped round by round until one has more than half.
        RankedChoice => "ranked_choice",
        /// Each option scored from 0 to 5; the highest total wins.
        Score => "score",
    }
}

impl DecisionProcess {
    /// Whether voters choose among the decision's options.
    pub fn uses_options(self) -> bool {
        matches!(self, DecisionProcess::Majority | DecisionProcess::RankedChoice | DecisionProcess::Score)
    }

    /// Whether people vote in Backbone at all.
    pub fn takes_votes(self) -> bool {
        self != DecisionProcess::Recorded
    }

    /// The positions a voter may take in a consent, consensus or advice process.
    pub fn positions(self) -> &'static [Position] {
        match self {
            DecisionProcess::Consent => &[Position::Consent, Position::Abstain, Position::Object],
            DecisionProcess::Consensus => &[Position::Agree, Position::Abstain, Position::Disagree, Position::Block],
            DecisionProcess::Advice => &[Position::Advice],
            _ => &[],
        }
    }
}

vocabulary! {
    /// Where a voter stands in a consent, consensus or advice process.
    Position {
        Consent => "consent",
        Agree => "agree",
        Abstain => "abstain",
        /// Consent: a reasoned objection, which stops it.
        Object => "object",
        /// Consensus: not in favour, but will not stand in the way.
        Disagree => "disagree",
        /// Consensus: stops it.
        Block => "block",
        /// Advice: advice given to the person deciding.
        Advice => "advice",
    }
}

/// The highest score a voter may give an option.
pub const MAX_SCORE: u8 = 5;

/// Options a decision may offer at most.
pub const MOST_OPTIONS: usize = 20;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Decision {
    pub id: Id,
    pub initiative_id: Id,
    pub table_id: Id,
    /// The meeting it was taken or discussed at.
    pub meeting_id: Option<Id>,
    pub title: String,
    /// What is proposed, in full.
    pub proposal: String,
    pub process: DecisionProcess,
    /// The choices of a majority, ranked-choice or score decision.
    pub options: Vec<String>,
    /// Votes taken until then (none for a recorded decision).
    pub closes_at: Option<DateTime<Utc>>,
    /// How many must take part for the result to stand.
    pub quorum: Option<u32>,
    /// Nobody sees who voted how; the count shows only once it closes.
    pub anonymous: bool,
    /// Each organisation's most recent vote counts once for it; residents vote for themselves.
    pub one_vote_per_organization: bool,
    pub outcome: Option<Outcome>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Decision {
    /// Open for votes at `now`: it takes votes, has no outcome yet, and has not passed its closing time.
    pub fn is_open(&self, now: DateTime<Utc>) -> bool {
        self.process.takes_votes() && self.outcome.is_none() && self.closes_at.is_none_or(|c| now < c)
    }

    /// Whether the count may be shown before the outcome (never for an anonymous decision).
    pub fn shows_count(&self) -> bool {
        self.outcome.is_some() || !self.anonymous
    }

    /// Past its review date on `today`.
    pub fn review_due(&self, today: NaiveDate) -> bool {
        self.outcome.as_ref().and_then(|o| o.review_on).is_some_and(|r| r <= today)
    }
}

/// What was decided.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Outcome {
    /// What was decided, in words.
    pub statement: String,
    /// The rule used and the count, written when it closed ("Consent: no objection; 9 of 12
    /// members took part, quorum 7").
    pub rule: String,
    /// How many took part (votes counted).
    pub took_part: u32,
    /// When to look at it again.
    pub review_on: Option<NaiveDate>,
    pub decided_by: String,
    pub decided_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionInput {
    pub table_id: Id,
    #[serde(default)]
    pub meeting_id: Option<Id>,
    pub title: String,
    #[serde(default)]
    pub proposal: String,
    pub process: DecisionProcess,
    #[serde(default)]
    pub options: Vec<String>,
    #[serde(default)]
    pub closes_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub quorum: Option<u32>,
    #[serde(default)]
    pub anonymous: bool,
    #[serde(default)]
    pub one_vote_per_organization: bool,
}

impl DecisionInput {
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut inv = Invalid::new();
        check_text(&mut inv, "title", &self.title, 1, 300);
        check_text(&mut inv, "proposal", &self.proposal, 0, 20_000);
        if self.process.uses_options() {
            if self.options.len() < 2 {
                inv.add("options", "offer at least two options");
            }
            if self.options.len() > MOST_OPTIONS {
                inv.add("options", format!("at most {MOST_OPTIONS} options"));
            }
            let mut seen = std::collections::HashSet::new();
            for (i, o) in self.options.iter().enumerate() {
                check_text(&mut inv, &format!("options[{i}]"), o, 1, 300);
                if !seen.insert(o.trim().to_lowercase()) {
                    inv.add(format!("options[{i}]"), "is offered twice");
                }
            }
        } else if !self.options.is_empty() {
            inv.add("options", "only majority, ranked-choice and score decisions have options");
        }
        if !self.process.takes_votes() && (self.closes_at.is_some() || self.quorum.is_some() || self.anonymous) {
            inv.add("process", "a recorded decision takes no votes: no closing time, quorum or anonymity");
        }
        if self.closes_at.is_some_and(|c| !(2000..=2100).contains(&c.year())) {
            inv.add("closes_at", "is not a date Backbone expects (2000 to 2100)");
        }
        if self.quorum.is_some_and(|q| q == 0 || q > 10_000) {
            inv.add("quorum", "must be from 1 to 10,000 votes");
        }
        inv.into_result()
    }
}

/// A ballot: the fields its decision's process uses.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Ballot {
    /// Consent, consensus or advice: where the voter stands.
    #[serde(default)]
    pub position: Option<Position>,
    /// Majority: the option chosen (by its place in `options`, from 0).
    #[serde(default)]
    pub choice: Option<usize>,
    /// Ranked choice: options from most to least preferred (any number of them, each once).
    #[serde(default)]
    pub ranking: Vec<usize>,
    /// Score: one score from 0 to 5 per option, in the order of `options`.
    #[serde(default)]
    pub scores: Vec<u8>,
    /// Why; required for an objection, a block and advice.
    #[serde(default)]
    pub comment: String,
}

impl Ballot {
    /// Checks the ballot against its decision's process and options.
    pub fn validate(&self, d: &Decision) -> Result<(), Invalid> {
        let mut inv = Invalid::new();
        check_text(&mut inv, "comment", &self.comment, 0, 4000);
        let n = d.options.len();
        let only = |inv: &mut Invalid, used: &str| {
            let extra = [
                ("position", self.position.is_some()),
                ("choice", self.choice.is_some()),
                ("ranking", !self.ranking.is_empty()),
                ("scores", !self.scores.is_empty()),
            ];
            for (field, given) in extra {
                if given && field != used {
                    inv.add(field, format!("a {} decision does not use it", d.process.as_str().replace('_', "-")));
                }
            }
        };
        match d.process {
            DecisionProcess::Recorded => inv.add("process", "a recorded decision takes no votes"),
            DecisionProcess::Advice | DecisionProcess::Consent | DecisionProcess::Consensus => {
                only(&mut inv, "position");
                match self.position {
                    None => inv.add("position", "say where you stand"),
                    Some(p) if !d.process.positions().contains(&p) => inv.add(
                        "position",
                        format!(
                            "a {} decision takes: {}",
                            d.process.as_str(),
                            d.process.positions().iter().map(|p| p.as_str()).collect::<Vec<_>>().join(", ")
                        ),
                    ),
                    Some(p @ (Position::Object | Position::Block | Position::Advice))
                        if self.comment.trim().is_empty() =>
                    {
                        inv.add("comment", format!("say why ({})", p.as_str()))
                    }
                    _ => {}
                }
            }
            DecisionProcess::Majority => {
                only(&mut inv, "choice");
                match self.choice {
                    None => inv.add("choice", "choose an option"),
                    Some(c) if c >= n => inv.add("choice", format!("there are {n} options, numbered from 0")),
                    _ => {}
                }
            }
            DecisionProcess::RankedChoice => {
                only(&mut inv, "ranking");
                if self.ranking.is_empty() {
                    inv.add("ranking", "rank at least one option");
                }
                let mut seen = std::collections::HashSet::new();
                for (i, r) in self.ranking.iter().enumerate() {
                    if *r >= n {
                        inv.add(format!("ranking[{i}]"), format!("there are {n} options, numbered from 0"));
                    } else if !seen.insert(r) {
                        inv.add(format!("ranking[{i}]"), "is ranked twice");
                    }
                }
            }
            DecisionProcess::Score => {
                only(&mut inv, "scores");
                if self.scores.len() != n {
                    inv.add("scores", format!("give one score for each of the {n} options"));
                }
                for (i, s) in self.scores.iter().enumerate() {
                    if *s > MAX_SCORE {
                        inv.add(format!("scores[{i}]"), format!("scores run from 0 to {MAX_SCORE}"));
                    }
                }
            }
        }
        inv.into_result()
    }
}

/// One vote as it is kept: the voter (a person), the organisation they belonged to, the ballot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Vote {
    /// Absent in what anyone is shown of an anonymous decision.
    pub person_id: Option<Id>,
    pub person_name: Option<String>,
    pub organization_id: Option<Id>,
    pub ballot: Ballot,
    pub at: DateTime<Utc>,
}

/// How a decision is closed: the statement of what was decided and when to review it.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OutcomeInput {
    pub statement: String,
    #[serde(default)]
    pub review_on: Option<NaiveDate>,
}

impl OutcomeInput {
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut inv = Invalid::new();
        check_text(&mut inv, "statement", &self.statement, 1, 4000);
        if self.review_on.is_some_and(|r| !(2000..=2100).contains(&r.year())) {
            inv.add("review_on", "is not a date Backbone expects (2000 to 2100)");
        }
        inv.into_result()
    }
}

/// Which decisions to list.
#[derive(Debug, Clone, Default)]
pub struct DecisionQuery {
    pub table_id: Option<Id>,
    pub meeting_id: Option<Id>,
}

impl DecisionQuery {
    pub fn matches(&self, d: &Decision) -> bool {
        self.table_id.is_none_or(|t| d.table_id == t) && self.meeting_id.is_none_or(|m| d.meeting_id == Some(m))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn decision(process: DecisionProcess, options: &[&str]) -> Decision {
        Decision {
            id: 1,
            initiative_id: 1,
            table_id: 1,
            meeting_id: None,
            title: "Adopt the reading action plan".into(),
            proposal: String::new(),
            process,
            options: options.iter().map(|o| o.to_string()).collect(),
            closes_at: None,
            quorum: None,
            anonymous: false,
            one_vote_per_organization: false,
            outcome: None,
            created_at: Utc::now(),
            updated_at: Utc::now(),
        }
    }

    #[test]
    fn a_ballot_fits_its_process() {
        let consent = decision(DecisionProcess::Consent, &[]);
        let objection = Ballot { position: Some(Position::Object), ..Default::default() };
        assert_eq!(objection.validate(&consent).unwrap_err().reason_for("comment"), Some("say why (object)"));
        let block = Ballot { position: Some(Position::Block), comment: "No".into(), ..Default::default() };
        assert!(block
            .validate(&consent)
            .unwrap_err()
            .reason_for("position")
            .unwrap()
            .contains("consent, abstain, object"));
        let majority = decision(DecisionProcess::Majority, &["Tuesdays", "Thursdays"]);
        let off = Ballot { choice: Some(2), ..Default::default() };
        assert!(off.validate(&majority).is_err());
        let mixed = Ballot { choice: Some(1), scores: vec![1, 2], ..Default::default() };
        assert!(mixed.validate(&majority).unwrap_err().reason_for("scores").is_some());
        let ranked = decision(DecisionProcess::RankedChoice, &["A", "B", "C"]);
        let twice = Ballot { ranking: vec![0, 0], ..Default::default() };
        assert_eq!(twice.validate(&ranked).unwrap_err().reason_for("ranking[1]"), Some("is ranked twice"));
        let score = decision(DecisionProcess::Score, &["A", "B"]);
        assert!(Ballot { scores: vec![5, 0], ..Default::default() }.validate(&score).is_ok());
        assert!(Ballot { scores: vec![6, 0], ..Default::default() }.validate(&score).is_err());
        assert!(Ballot { scores: vec![1], ..Default::default() }.validate(&score).is_err());
    }

    #[test]
    fn a_decision_states_its_options_and_rules() {
        let input = DecisionInput {
            table_id: 1,
            meeting_id: None,
            title: "Meeting night".into(),
            proposal: String::new(),
            process: DecisionProcess::Majority,
            options: vec!["Tuesday".into(), "tuesday ".into()],
            closes_at: None,
            quorum: Some(0),
            anonymous: false,
            one_vote_per_organization: true,
        };
        let e = input.validate().unwrap_err();
        assert_eq!(e.reason_for("options[1]"), Some("is offered twice"));
        assert!(e.reason_for("quorum").is_some());
        let recorded = DecisionInput { process: DecisionProcess::Recorded, options: vec![], quorum: Some(5), ..input };
        assert!(recorded.validate().unwrap_err().reason_for("process").is_some());
    }
}
