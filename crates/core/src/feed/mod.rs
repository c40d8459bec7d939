//! Continuous communication: what happened in an initiative, as one stream of events read from
//! the records themselves — commitments made and changed, meetings planned and held, decisions
//! opened and made, numbers approved, activities registered — for the whole initiative, for one
//! table, or "for me" (my commitments and my organisation's, my tables' meetings and decisions,
//! new numbers on the indicators I follow). Pure: the store gives the sources, this module turns
//! them into events and chooses those of an audience.
//!
//! Events carry no count of people and no vote: a decision appears when it opens and when it is
//! made, never as ballots come in, so an anonymous decision stays anonymous here too.

mod store;
pub use store::FeedStore;

use crate::activities::Activity;
use crate::commitments::{CommitmentEvent, CommitmentStatus};
use crate::decisions::Decision;
use crate::meetings::Meeting;
use crate::vocabulary::vocabulary;
use crate::Id;
use chrono::{DateTime, Duration, Utc};
use serde::Serialize;
use utoipa::ToSchema;

/// How far back a feed reads.
pub const FEED_DAYS: i64 = 120;
/// The most events a feed answers with.
pub const MOST_EVENTS: usize = 200;

vocabulary! {
    /// What happened.
    EventKind {
        CommitmentMade => "commitment_made",
        /// Its status or due date changed.
        CommitmentChanged => "commitment_changed",
        MeetingPlanned => "meeting_planned",
        MeetingHeld => "meeting_held",
        DecisionOpened => "decision_opened",
        DecisionMade => "decision_made",
        NumbersApproved => "numbers_approved",
        ActivityRegistered => "activity_registered",
    }
}

/// One thing that happened, as feeds, digests and webhooks tell it.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Event {
    /// Stable across readings ("commitment-12-3"): Atom entry ids and webhook ids are made from it.
    pub id: String,
    pub at: DateTime<Utc>,
    pub kind: EventKind,
    /// What it is about: the commitment's, meeting's, decision's or indicator's name.
    pub title: String,
    /// What changed, in a few words (a status and its reason, a rule, a period).
    pub detail: String,
    /// Who did it, when known.
    pub actor_name: String,
    /// Where to read more, under the initiative (`/commitments/12`).
    pub path: String,
    pub table_id: Option<Id>,
    pub organization_id: Option<Id>,
    pub person_id: Option<Id>,
    pub indicator_key: Option<String>,
}

/// One step in a commitment's history, with what the feed needs of the commitment.
#[derive(Debug, Clone, PartialEq)]
pub struct CommitmentStep {
    pub commitment_id: Id,
    pub title: String,
    pub organization_id: Option<Id>,
    pub person_id: Option<Id>,
    pub table_id: Option<Id>,
    pub indicator_key: Option<String>,
    /// The step that made it.
    pub first: bool,
    /// Its number among the commitment's steps, for a stable id.
    pub step_id: Id,
    pub event: CommitmentEvent,
}

/// Numbers of one indicator and period from one organisation, approved.
#[derive(Debug, Clone, PartialEq)]
pub struct Approval {
    pub indicator_key: String,
    pub indicator_name: String,
    pub period: String,
    pub organization_id: Id,
    pub at: DateTime<Utc>,
}

/// What events are made from.
#[derive(Default)]
pub struct Sources<'a> {
    pub steps: &'a [CommitmentStep],
    pub meetings: &'a [Meeting],
    pub decisions: &'a [Decision],
    pub approvals: &'a [Approval],
    pub activities: &'a [Activity],
    /// Table names, for meetings' titles: (id, name).
    pub tables: &'a [(Id, String)],
}

fn status_word(s: CommitmentStatus) -> &'static str {
    match s {
        CommitmentStatus::NotStarted => "not started",
        CommitmentStatus::OnTrack => "on track",
        CommitmentStatus::AtRisk => "at risk",
        CommitmentStatus::Done => "done",
        CommitmentStatus::Dropped => "dropped",
    }
}

/// Every event from `since` until `now`, newest first.
pub fn events(src: &Sources, since: DateTime<Utc>, now: DateTime<Utc>) -> Vec<Event> {
    let within = |t: DateTime<Utc>| t >= since && t <= now;
    let table_name = |id: Id| src.tables.iter().find(|(t, _)| *t == id).map(|(_, n)| n.clone()).unwrap_or_default();
    let mut out = Vec::new();
    for s in src.steps.iter().filter(|s| within(s.event.at)) {
        let mut detail = status_word(s.event.status).to_string();
        if !s.event.reason.is_empty() {
            detail.push_str(": ");
            detail.push_str(&s.event.reason);
        }
        detail.push_str(&format!(" (due {})", s.event.due_on));
        out.push(Event {
            id: format!("commitment-{}-{}", s.commitment_id, s.step_id),
            at: s.event.at,
            kind: if s.first { EventKind::CommitmentMade } else { EventKind::CommitmentChanged },
            title: s.title.clone(),
            detail,
            actor_name: s.event.actor_name.clone(),
            path: format!("/commitments/{}", s.commitment_id),
            table_id: s.table_id,
            organization_id: s.organization_id,
            person_id: s.person_id,
            indicator_key: s.indicator_key.clone(),
        });
    }
    for m in src.meetings {
        let base = Event {
            id: String::new(),
            at: m.created_at,
            kind: EventKind::MeetingPlanned,
            title: format!("{} — {}", table_name(m.table_id), m.title),
            detail: String::new(),
            actor_name: String::new(),
            path: format!("/meetings/{}", m.id),
            table_id: Some(m.table_id),
            organization_id: None,
            person_id: None,
            indicator_key: None,
        };
        if within(m.created_at) {
            out.push(Event {
                id: format!("meeting-{}-planned", m.id),
                detail: if m.cancelled { "cancelled".into() } else { m.place.clone() },
                ..base.clone()
            });
        }
        let ended = m.starts_at + Duration::minutes(i64::from(m.minutes));
        if !m.cancelled && within(ended) {
            out.push(Event {
                id: format!("meeting-{}-held", m.id),
                at: ended,
                kind: EventKind::MeetingHeld,
                detail: format!("{} agenda items", m.agenda.len()),
                ..base
            });
        }
    }
    for d in src.decisions {
        let base = Event {
            id: format!("decision-{}-opened", d.id),
            at: d.created_at,
            kind: EventKind::DecisionOpened,
            title: d.title.clone(),
            detail: d.process.as_str().replace('_', " "),
            actor_name: String::new(),
            path: format!("/decisions/{}", d.id),
            table_id: Some(d.table_id),
            organization_id: None,
            person_id: None,
            indicator_key: None,
        };
        if d.process.takes_votes() && within(d.created_at) {
            out.push(base.clone());
        }
        if let Some(o) = d.outcome.as_ref().filter(|o| within(o.decided_at)) {
            out.push(Event {
                id: format!("decision-{}-made", d.id),
                at: o.decided_at,
                kind: EventKind::DecisionMade,
                detail: format!("{} {}", o.statement, o.rule).trim().to_string(),
                actor_name: o.decided_by.clone(),
                ..base
            });
        }
    }
    for a in src.approvals.iter().filter(|a| within(a.at)) {
        out.push(Event {
            id: format!("numbers-{}-{}-{}", a.indicator_key, a.period, a.organization_id),
            at: a.at,
            kind: EventKind::NumbersApproved,
            title: a.indicator_name.clone(),
            detail: a.period.clone(),
            actor_name: String::new(),
            path: format!("/indicators/{}", a.indicator_key),
            table_id: None,
            organization_id: Some(a.organization_id),
            person_id: None,
            indicator_key: Some(a.indicator_key.clone()),
        });
    }
    for a in src.activities.iter().filter(|a| within(a.created_at)) {
        out.push(Event {
            id: format!("activity-{}", a.id),
            at: a.created_at,
            kind: EventKind::ActivityRegistered,
            title: a.name.clone(),
            detail: a.population.clone(),
            actor_name: String::new(),
            path: format!("/activities/{}", a.id),
            table_id: None,
            organization_id: Some(a.organization_id),
            person_id: None,
            indicator_key: a.indicator_keys.first().cloned(),
        });
    }
    out.sort_by(|a, b| b.at.cmp(&a.at).then_with(|| b.id.cmp(&a.id)));
    out
}

/// Whose feed: someone's own part of the initiative.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Audience {
    /// Their person in the initiative.
    pub person_id: Option<Id>,
    /// Their organisation and those they act for.
    pub organizations: Vec<Id>,
    /// The tables they sit at now.
    pub tables: Vec<Id>,
    /// The indicators they follow.
    pub indicators: Vec<String>,
}

/// Which events a feed shows.
#[derive(Debug, Clone, PartialEq)]
pub enum FeedScope {
    Initiative,
    Table(Id),
    Me(Audience),
}

impl FeedScope {
    pub fn shows(&self, e: &Event) -> bool {
        match self {
            FeedScope::Initiative => true,
            FeedScope::Table(t) => e.table_id == Some(*t),
            FeedScope::Me(a) => {
                let mine = e.person_id.is_some() && e.person_id == a.person_id;
                let my_org = e.organization_id.is_some_and(|o| a.organizations.contains(&o))
                    && !matches!(e.kind, EventKind::NumbersApproved);
                let my_table = e.table_id.is_some_and(|t| a.tables.contains(&t));
                let followed = e.indicator_key.as_ref().is_some_and(|k| a.indicators.contains(k));
                mine || my_org || my_table || followed
            }
        }
    }
}

/// The events of a scope, newest first, at most `MOST_EVENTS`.
pub fn select(events: Vec<Event>, scope: &FeedScope) -> Vec<Event> {
    events.into_iter().filter(|e| scope.shows(e)).take(MOST_EVENTS).collect()
}

#[cfg(test)]
mod tests;
