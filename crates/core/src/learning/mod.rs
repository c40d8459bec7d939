//! Continuous learning: improvement cycles (Plan-Do-Study-Act) tied to an indicator — the change
//! tried, the prediction, what the data showed (the periods of the indicator it looked at), and
//! whether the group adopts, adapts or abandons it — and a learning log where partners record what
//! did not work as openly as what did, searchable by words, strategy and indicator.

mod store;
pub use store::LearningStore;

use crate::checks::check_text;
use crate::error::Invalid;
use crate::vocabulary::vocabulary;
use crate::Id;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

vocabulary! {
    /// What the group decided after studying a cycle.
    CycleDecision {
        /// Keep the change and spread it.
        Adopt => "adopt",
        /// Change it and try again.
        Adapt => "adapt",
        /// Stop it: it did not work (and say why, so others need not try it again).
        Abandon => "abandon",
    }
}

vocabulary! {
    /// Where a cycle stands.
    CycleStage {
        Plan => "plan",
        Do => "do",
        Study => "study",
        Act => "act",
    }
}

vocabulary! {
    /// How an attempt went, in the learning log.
    LessonResult {
        Worked => "worked",
        Mixed => "mixed",
        DidNotWork => "did_not_work",
    }
}

/// One Plan-Do-Study-Act cycle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Cycle {
    pub id: Id,
    pub initiative_id: Id,
    /// The indicator it means to move.
    pub indicator_key: String,
    pub table_id: Option<Id>,
    pub organization_id: Option<Id>,
    pub title: String,
    /// Plan: the change to try, with whom, where.
    pub change_idea: String,
    /// Plan: what we expect to happen, in numbers where possible.
    pub prediction: String,
    pub started_on: Option<NaiveDate>,
    pub ended_on: Option<NaiveDate>,
    /// Do: what was actually done.
    pub done: String,
    /// Study: what the data showed.
    pub study: String,
    /// The periods of the indicator the study looked at (shown with their numbers).
    pub study_periods: Vec<String>,
    /// Act: adopt, adapt or abandon — and why.
    pub decision: Option<CycleDecision>,
    pub decision_reason: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Cycle {
    pub fn stage(&self) -> CycleStage {
        if self.decision.is_some() {
            CycleStage::Act
        } else if !self.study.is_empty() {
            CycleStage::Study
        } else if self.started_on.is_some() || !self.done.is_empty() {
            CycleStage::Do
        } else {
            CycleStage::Plan
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CycleInput {
    pub indicator_key: String,
    #[serde(default)]
    pub table_id: Option<Id>,
    #[serde(default)]
    pub organization_id: Option<Id>,
    pub title: String,
    pub change_idea: String,
    pub prediction: String,
    #[serde(default)]
    pub started_on: Option<NaiveDate>,
    #[serde(default)]
    pub ended_on: Option<NaiveDate>,
    #[serde(default)]
    pub done: String,
    #[serde(default)]
    pub study: String,
    #[serde(default)]
    pub study_periods: Vec<String>,
    #[serde(default)]
    pub decision: Option<CycleDecision>,
    #[serde(default)]
    pub decision_reason: String,
}

impl CycleInput {
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut inv = Invalid::new();
        crate::checks::check_slug(&mut inv, "indicator_key", &self.indicator_key);
        check_text(&mut inv, "title", &self.title, 1, 200);
        check_text(&mut inv, "change_idea", &self.change_idea, 1, 4000);
        check_text(&mut inv, "prediction", &self.prediction, 1, 4000);
        check_text(&mut inv, "done", &self.done, 0, 4000);
        check_text(&mut inv, "study", &self.study, 0, 4000);
        check_text(&mut inv, "decision_reason", &self.decision_reason, 0, 4000);
        if let (Some(s), Some(e)) = (self.started_on, self.ended_on) {
            if e < s {
                inv.add("ended_on", "must not be before it started");
            }
        }
        if self.study_periods.len() > 40 {
            inv.add("study_periods", "at most 40 periods");
        }
        if self.decision.is_some() && self.study.trim().is_empty() {
            inv.add("study", "say what the data showed before deciding");
        }
        if self.decision == Some(CycleDecision::Abandon) && self.decision_reason.trim().is_empty() {
            inv.add("decision_reason", "say why it is abandoned, so others can learn from it");
        }
        inv.into_result()
    }
}

/// One entry of the learning log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Lesson {
    pub id: Id,
    pub initiative_id: Id,
    pub title: String,
    /// What was tried and what happened.
    pub body: String,
    pub result: LessonResult,
    pub organization_id: Option<Id>,
    pub strategy_key: Option<String>,
    pub indicator_key: Option<String>,
    pub cycle_id: Option<Id>,
    pub author_name: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LessonInput {
    pub title: String,
    pub body: String,
    pub result: Option<LessonResult>,
    #[serde(default)]
    pub organization_id: Option<Id>,
    #[serde(default)]
    pub strategy_key: Option<String>,
    #[serde(default)]
    pub indicator_key: Option<String>,
    #[serde(default)]
    pub cycle_id: Option<Id>,
}

impl LessonInput {
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut inv = Invalid::new();
        check_text(&mut inv, "title", &self.title, 1, 200);
        check_text(&mut inv, "body", &self.body, 1, 8000);
        if self.result.is_none() {
            inv.add("result", "say whether it worked, did not work, or was mixed");
        }
        for (f, k) in [("strategy_key", &self.strategy_key), ("indicator_key", &self.indicator_key)] {
            if let Some(k) = k {
                crate::checks::check_slug(&mut inv, f, k);
            }
        }
        inv.into_result()
    }
}

/// Which lessons to list.
#[derive(Debug, Clone, Default)]
pub struct LessonQuery {
    /// Words to find in the title or text (full-text search, every word must match).
    pub text: Option<String>,
    pub strategy_key: Option<String>,
    pub indicator_key: Option<String>,
    pub result: Option<LessonResult>,
}

impl LessonQuery {
    /// The words of a search, as plain words (letters and digits only), at most ten.
    pub fn words(&self) -> Vec<String> {
        self.text
            .as_deref()
            .unwrap_or_default()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .take(10)
            .map(|w| w.to_lowercase())
            .collect()
    }

    /// Whether a lesson matches everything but the words (the store matches those).
    pub fn matches(&self, l: &Lesson) -> bool {
        self.strategy_key.as_ref().is_none_or(|k| l.strategy_key.as_ref() == Some(k))
            && self.indicator_key.as_ref().is_none_or(|k| l.indicator_key.as_ref() == Some(k))
            && self.result.is_none_or(|r| l.result == r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_abandoned_cycle_says_why() {
        let mut c = CycleInput {
            indicator_key: "chronic-absence".into(),
            title: "Text reminders the night before".into(),
            change_idea: "Text families of chronically absent 2nd graders at 7 pm".into(),
            prediction: "Absence drops 3 points in two months".into(),
            decision: Some(CycleDecision::Abandon),
            ..Default::default()
        };
        assert_eq!(c.validate().unwrap_err().reason_for("study"), Some("say what the data showed before deciding"));
        c.study = "No change: 21.4 % before and 21.1 % after.".into();
        assert!(c.validate().unwrap_err().reason_for("decision_reason").is_some());
        c.decision_reason = "Families told us the texts came too late to change morning plans.".into();
        assert!(c.validate().is_ok());
    }

    #[test]
    fn search_words_are_plain() {
        let q = LessonQuery { text: Some("Bus-pass  \"attendance\" OR 1=1".into()), ..Default::default() };
        assert_eq!(q.words(), ["bus", "pass", "attendance", "or", "1", "1"]);
    }
}
