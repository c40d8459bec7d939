//! The whole initiative as one JSON document, for `backbone export` / `backbone import` and for the
//! demo. Ids in the document are references inside the document; import gives records new ids and
//! rewires every reference, so a document can be imported next to the initiative it came from.

mod store;
pub use store::ExchangeStore;

use crate::accounts::{RoleGrant, User};
use crate::activities::{Activity, ActivityInput};
use crate::agenda::{AgendaVersion, Endorsement};
use crate::audit::AuditEntry;
use crate::checks::*;
use crate::commitments::{Commitment, CommitmentEvent, CommitmentInput};
use crate::decisions::{Decision, DecisionInput, Vote};
use crate::initiative::{Initiative, Precondition};
use crate::measure::indicator::{Indicator, IndicatorInput};
use crate::measure::observation::{
    Approved, Catalog, Groups, ObservationInput, ObservationRevision, ObservationStatus,
};
use crate::measure::place::{Dimension, Geography};
use crate::meetings::{Attendance, Meeting, MeetingInput};
use crate::partners::{Organization, OrganizationInput};
use crate::people::{Person, PersonInput};
use crate::tables::{Membership, Table};
use crate::Id;
use serde::{Deserialize, Serialize};

/// Bumped when the document's shape changes; import refuses versions it does not know.
pub const EXPORT_FORMAT: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InitiativeExport {
    pub format: u32,
    pub initiative: Initiative,
    pub preconditions: Vec<Precondition>,
    /// Users referenced by the records below (authors, endorsers, role holders, audit actors).
    /// Passwords are never exported: an imported user who is new to the server must be given a
    /// password (`backbone admin reset-password`) before signing in.
    pub users: Vec<User>,
    pub roles: Vec<RoleGrant>,
    pub organizations: Vec<Organization>,
    pub people: Vec<Person>,
    pub tables: Vec<Table>,
    pub memberships: Vec<Membership>,
    pub agenda_versions: Vec<AgendaVersion>,
    pub endorsements: Vec<Endorsement>,
    pub audit: Vec<AuditEntry>,
    /// Shared measurement (absent in documents from before it existed).
    #[serde(default)]
    pub indicators: Vec<Indicator>,
    #[serde(default)]
    pub geographies: Vec<Geography>,
    #[serde(default)]
    pub dimensions: Vec<Dimension>,
    #[serde(default)]
    pub observations: Vec<ObservationExport>,
    /// Partners' programs and activities (absent in documents from before they existed).
    #[serde(default)]
    pub activities: Vec<Activity>,
    /// Commitments, each with its history (absent in documents from before they existed).
    #[serde(default)]
    pub commitments: Vec<CommitmentExport>,
    /// Meetings, each with who came (absent in documents from before they existed).
    #[serde(default)]
    pub meetings: Vec<MeetingExport>,
    /// Decisions, each with its votes (absent in documents from before they existed).
    #[serde(default)]
    pub decisions: Vec<DecisionExport>,
    /// Improvement cycles (absent in documents from before they existed).
    #[serde(default)]
    pub cycles: Vec<crate::learning::Cycle>,
    /// The learning log (absent in documents from before it existed).
    #[serde(default)]
    pub lessons: Vec<crate::learning::Lesson>,
    /// Tables' charters, every version oldest first with its endorsements (absent in documents
    /// from before they existed).
    #[serde(default)]
    pub charters: Vec<CharterExport>,
    /// Tables' plans to turn indicators' curves, every version oldest first, with the
    /// commitments their actions became (absent in documents from before they existed).
    #[serde(default)]
    pub curve_plans: Vec<CurvePlanExport>,
    /// The community's estimates, every profile oldest first (absent in documents from before
    /// they existed).
    #[serde(default)]
    pub community_profiles: Vec<crate::representation::CommunityProfile>,
    /// Every composition published of each table, oldest first: the table's composition over
    /// time (absent in documents from before they were kept).
    #[serde(default)]
    pub table_compositions: Vec<CompositionExport>,
    /// Partner network survey rounds, oldest first, with every organisation's latest answers.
    #[serde(default)]
    pub survey_rounds: Vec<SurveyRoundExport>,
    /// What people said about the published numbers and the answers, oldest first.
    #[serde(default)]
    pub feedback: Vec<crate::feedback::Feedback>,
    /// Requests to join tables and their answers, oldest first.
    #[serde(default)]
    pub join_requests: Vec<crate::joining::JoinRequest>,
    /// The language the initiative's own words are written in (English when absent).
    #[serde(default)]
    pub content_language: Option<String>,
    /// Every translation of its own words, oldest first (the latest of each counts).
    #[serde(default)]
    pub translations: Vec<crate::translations::Translation>,
    /// Community assets, each with every state it has been in (absent in documents from before
    /// they existed).
    #[serde(default)]
    pub community_assets: Vec<CommunityAssetExport>,
    /// Every upload of the places' boundaries, oldest first (absent in documents from before
    /// they existed).
    #[serde(default)]
    pub place_boundaries: Vec<crate::maps::BoundarySet>,
    /// Tables' self-assessment rounds, oldest first, with each person's latest answers (this is
    /// the staff's backup: answers travel as they are, like the network survey's).
    #[serde(default)]
    pub assessment_rounds: Vec<AssessmentRoundExport>,
    /// Submissions of numbers for review, oldest first (absent in documents from before they
    /// were recorded); each observation names the one that last set it.
    #[serde(default)]
    pub submissions: Vec<crate::review::Submission>,
}

/// A community asset and every state it has been in, oldest first (the last is the current one).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommunityAssetExport {
    pub versions: Vec<crate::community_assets::CommunityAsset>,
}

/// A self-assessment round and the answers that count in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssessmentRoundExport {
    pub round: crate::assessments::AssessmentRound,
    pub answers: Vec<crate::assessments::AssessmentAnswer>,
}

/// A survey round and the answers that count in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SurveyRoundExport {
    pub round: crate::network::SurveyRound,
    pub responses: Vec<crate::network::SurveyResponse>,
}

/// One published composition of a table, with the fingerprints of the members it counted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompositionExport {
    pub table_id: Id,
    pub snapshot: crate::tables::composition::Snapshot,
}

/// One version of a table's charter and who endorsed it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CharterExport {
    pub version: crate::charters::CharterVersion,
    pub endorsements: Vec<crate::charters::CharterEndorsement>,
}

/// A table's plan to turn one indicator's curve.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CurvePlanExport {
    pub id: Id,
    pub indicator_key: String,
    pub table_id: Id,
    /// Oldest first.
    pub versions: Vec<crate::turn_the_curve::CurvePlanVersion>,
    pub committed: Vec<crate::turn_the_curve::CommittedAction>,
}

/// The input that would adopt this charter version.
pub fn charter_input(v: &crate::charters::CharterVersion) -> crate::charters::CharterInput {
    crate::charters::CharterInput {
        values: v.values.clone(),
        roles: v.roles.clone(),
        decision_making: v.decision_making.clone(),
        conflict: v.conflict.clone(),
        reason: v.reason.clone(),
    }
}

/// The input that would adopt this plan version.
pub fn curve_plan_input(
    table_id: Id,
    v: &crate::turn_the_curve::CurvePlanVersion,
) -> crate::turn_the_curve::CurvePlanInput {
    crate::turn_the_curve::CurvePlanInput {
        table_id,
        story: v.story.clone(),
        partners: v.partners.clone(),
        what_works: v.what_works.clone(),
        actions: v.actions.clone(),
        reason: v.reason.clone(),
    }
}

/// A decision and its votes (with who cast them, even when anonymous: the document moves the
/// initiative, it is not shown to members).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionExport {
    pub decision: Decision,
    pub votes: Vec<Vote>,
}

/// A meeting and who came.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeetingExport {
    pub meeting: Meeting,
    pub attendance: Vec<Attendance>,
}

/// A commitment and every state it has been in, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommitmentExport {
    pub commitment: Commitment,
    pub history: Vec<CommitmentEvent>,
}

/// An observation with its whole history, for moving an initiative between servers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ObservationExport {
    pub indicator: String,
    pub period: String,
    pub geography: String,
    #[serde(default)]
    pub groups: Groups,
    pub organization_id: Id,
    pub numerator: f64,
    pub denominator: Option<f64>,
    pub status: ObservationStatus,
    pub return_reason: Option<String>,
    pub revision: i64,
    pub updated_at: chrono::DateTime<chrono::Utc>,
    /// The values last approved, shown in every view until a correction is approved (absent in
    /// documents from before they were kept: then read from the history).
    #[serde(default)]
    pub approved: Option<Approved>,
    /// Every value and decision, oldest first; the last entry is the current state.
    pub history: Vec<ObservationRevision>,
    /// The submission (in the document) that last set the number; none for a draft or in
    /// documents from before submissions were recorded.
    #[serde(default)]
    pub submission_id: Option<Id>,
}

impl ObservationExport {
    /// The values last approved: as the document says or, in documents from before they were
    /// kept, the current values when approved, else the latest approved state in the history.
    pub fn approved_values(&self) -> Option<Approved> {
        if self.approved.is_some() {
            return self.approved;
        }
        if self.status == ObservationStatus::Approved {
            return Some(Approved { numerator: self.numerator, denominator: self.denominator });
        }
        self.history
            .iter()
            .rev()
            .find(|r| r.status == ObservationStatus::Approved)
            .map(|r| Approved { numerator: r.numerator, denominator: r.denominator })
    }
}

impl InitiativeExport {
    /// Checks that every reference points at a record in the document and every record is valid.
    pub fn validate(&self, years: crate::measure::period::Years) -> Result<(), crate::error::Invalid> {
        use std::collections::{HashMap, HashSet};
        let mut inv = crate::error::Invalid::new();
        if self.format != EXPORT_FORMAT {
            inv.add("format", format!("this Backbone reads format {EXPORT_FORMAT}, the document has {}", self.format));
        }
        check_slug(&mut inv, "initiative.slug", &self.initiative.slug);
        let users: HashSet<Id> = self.users.iter().map(|u| u.id).collect();
        let orgs: HashSet<Id> = self.organizations.iter().map(|o| o.id).collect();
        let people: HashSet<Id> = self.people.iter().map(|p| p.id).collect();
        let tables: HashSet<Id> = self.tables.iter().map(|t| t.id).collect();
        let versions: HashSet<i64> = self.agenda_versions.iter().map(|v| v.number).collect();
        let mut names = HashSet::new();
        for (i, u) in self.users.iter().enumerate() {
            check_username(&mut inv, &format!("users[{i}].username"), &u.username);
            if !names.insert(u.username.to_lowercase()) {
                inv.add(format!("users[{i}].username"), "appears twice");
            }
        }
        for (i, r) in self.roles.iter().enumerate() {
            if !users.contains(&r.user_id) {
                inv.add(format!("roles[{i}].user_id"), "is not a user in the document");
            }
            if let Some(o) = r.organization_id {
                if !orgs.contains(&o) {
                    inv.add(format!("roles[{i}].organization_id"), "is not an organisation in the document");
                }
            }
        }
        for (i, o) in self.organizations.iter().enumerate() {
            if let Err(e) = org_input(o).validate() {
                for f in e.0 {
                    inv.add(format!("organizations[{i}].{}", f.field), f.reason);
                }
            }
        }
        for (i, p) in self.people.iter().enumerate() {
            if let Some(o) = p.organization_id {
                if !orgs.contains(&o) {
                    inv.add(format!("people[{i}].organization_id"), "is not an organisation in the document");
                }
            }
            if p.user_id.is_some_and(|u| !users.contains(&u)) {
                inv.add(format!("people[{i}].user_id"), "is not a user in the document");
            }
            if let Err(e) = person_input(p).validate() {
                for f in e.0 {
                    inv.add(format!("people[{i}].{}", f.field), f.reason);
                }
            }
        }
        for (i, m) in self.memberships.iter().enumerate() {
            if !tables.contains(&m.table_id) {
                inv.add(format!("memberships[{i}].table_id"), "is not a table in the document");
            }
            if !people.contains(&m.person_id) {
                inv.add(format!("memberships[{i}].person_id"), "is not a person in the document");
            }
        }
        for (i, v) in self.agenda_versions.iter().enumerate() {
            if v.number != i as i64 + 1 {
                inv.add(format!("agenda_versions[{i}].number"), format!("expected {}", i + 1));
            }
            if let Some(u) = v.author_user_id {
                if !users.contains(&u) {
                    inv.add(format!("agenda_versions[{i}].author_user_id"), "is not a user in the document");
                }
            }
        }
        for (i, e) in self.endorsements.iter().enumerate() {
            if !versions.contains(&e.version) {
                inv.add(format!("endorsements[{i}].version"), "is not an agenda version in the document");
            }
            if !orgs.contains(&e.organization_id) {
                inv.add(format!("endorsements[{i}].organization_id"), "is not an organisation in the document");
            }
        }
        let catalog = Catalog::new(&self.indicators, &self.geographies, &self.dimensions).within(years);
        for (i, ind) in self.indicators.iter().enumerate() {
            if let Err(e) = indicator_input(ind).validate(years) {
                for f in e.0 {
                    inv.add(format!("indicators[{i}].{}", f.field), f.reason);
                }
            }
            for (j, o) in ind.submitters.iter().enumerate() {
                if !orgs.contains(o) {
                    inv.add(format!("indicators[{i}].submitters[{j}]"), "is not an organisation in the document");
                }
            }
            if let Some(o) = ind.owner_organization_id {
                if !orgs.contains(&o) {
                    inv.add(format!("indicators[{i}].owner_organization_id"), "is not an organisation in the document");
                }
            }
        }
        let submissions: HashMap<Id, Id> = self.submissions.iter().map(|s| (s.id, s.organization_id)).collect();
        for (i, s) in self.submissions.iter().enumerate() {
            if !orgs.contains(&s.organization_id) {
                inv.add(format!("submissions[{i}].organization_id"), "is not an organisation in the document");
            }
        }
        for (i, o) in self.observations.iter().enumerate() {
            if !orgs.contains(&o.organization_id) {
                inv.add(format!("observations[{i}].organization_id"), "is not an organisation in the document");
            }
            if let Some(s) = o.submission_id {
                if submissions.get(&s) != Some(&o.organization_id) {
                    inv.add(
                        format!("observations[{i}].submission_id"),
                        "is not a submission of the observation's organisation in the document",
                    );
                }
            }
            let input = ObservationInput {
                indicator: o.indicator.clone(),
                period: o.period.clone(),
                geography: o.geography.clone(),
                groups: o.groups.clone(),
                numerator: o.numerator,
                denominator: o.denominator,
            };
            if let Err(e) = catalog.check(&input) {
                for f in e.0 {
                    inv.add(format!("observations[{i}].{}", f.field), f.reason);
                }
            }
            if inv.0.len() > 200 {
                break;
            }
        }
        let places: HashSet<&str> = self.geographies.iter().map(|g| g.code.as_str()).collect();
        let indicator_keys: HashSet<&str> = self.indicators.iter().map(|i| i.key.as_str()).collect();
        let current = self.agenda_versions.iter().max_by_key(|v| v.number);
        let strategies: HashSet<&str> = current
            .iter()
            .flat_map(|v| v.results.iter().flat_map(|r| r.strategies.iter().map(|s| s.key.as_str())))
            .collect();
        for (i, a) in self.activities.iter().enumerate() {
            if !orgs.contains(&a.organization_id) {
                inv.add(format!("activities[{i}].organization_id"), "is not an organisation in the document");
            }
            let input = activity_input(a);
            let problems = input
                .validate()
                .err()
                .into_iter()
                .chain(input.check_references(&places, &strategies, &indicator_keys).err());
            for e in problems {
                for f in e.0 {
                    inv.add(format!("activities[{i}].{}", f.field), f.reason);
                }
            }
        }
        let activity_ids: HashSet<Id> = self.activities.iter().map(|a| a.id).collect();
        let meeting_ids: HashSet<Id> = self.meetings.iter().map(|m| m.meeting.id).collect();
        for (i, e) in self.meetings.iter().enumerate() {
            let m = &e.meeting;
            if let Err(problems) = meeting_input(m).validate() {
                for f in problems.0 {
                    inv.add(format!("meetings[{i}].{}", f.field), f.reason);
                }
            }
            if !tables.contains(&m.table_id) {
                inv.add(format!("meetings[{i}].table_id"), "is not a table in the document");
            }
            for (j, item) in m.agenda.iter().enumerate() {
                if item.lead_person_id.is_some_and(|p| !people.contains(&p)) {
                    inv.add(format!("meetings[{i}].agenda[{j}].lead_person_id"), "is not a person in the document");
                }
            }
            for (j, a) in e.attendance.iter().enumerate() {
                if !people.contains(&a.person_id) {
                    inv.add(format!("meetings[{i}].attendance[{j}].person_id"), "is not a person in the document");
                }
            }
        }
        let decision_ids: HashSet<Id> = self.decisions.iter().map(|d| d.decision.id).collect();
        for (i, e) in self.decisions.iter().enumerate() {
            let d = &e.decision;
            let at = |f: &str| format!("decisions[{i}].{f}");
            if let Err(problems) = decision_input(d).validate() {
                for f in problems.0 {
                    inv.add(at(&f.field), f.reason);
                }
            }
            if !tables.contains(&d.table_id) {
                inv.add(at("table_id"), "is not a table in the document");
            }
            if d.meeting_id.is_some_and(|m| !meeting_ids.contains(&m)) {
                inv.add(at("meeting_id"), "is not a meeting in the document");
            }
            for (j, v) in e.votes.iter().enumerate() {
                if !v.person_id.is_some_and(|p| people.contains(&p)) {
                    inv.add(format!("decisions[{i}].votes[{j}].person_id"), "is not a person in the document");
                }
                if v.organization_id.is_some_and(|o| !orgs.contains(&o)) {
                    inv.add(
                        format!("decisions[{i}].votes[{j}].organization_id"),
                        "is not an organisation in the document",
                    );
                }
            }
        }
        for (i, e) in self.commitments.iter().enumerate() {
            let c = &e.commitment;
            let at = |f: &str| format!("commitments[{i}].{f}");
            if let Err(problems) = commitment_input(c).validate() {
                for f in problems.0 {
                    inv.add(at(&f.field), f.reason);
                }
            }
            for (field, id, known, what) in [
                ("organization_id", c.organization_id, &orgs, "an organisation"),
                ("person_id", c.person_id, &people, "a person"),
                ("activity_id", c.activity_id, &activity_ids, "an activity"),
                ("table_id", c.table_id, &tables, "a table"),
                ("meeting_id", c.meeting_id, &meeting_ids, "a meeting"),
                ("decision_id", c.decision_id, &decision_ids, "a decision"),
            ] {
                if id.is_some_and(|id| !known.contains(&id)) {
                    inv.add(at(field), format!("is not {what} in the document"));
                }
            }
            if c.strategy_key.as_deref().is_some_and(|k| !strategies.contains(k)) {
                inv.add(at("strategy_key"), "is not a strategy of the document's current agenda");
            }
            if c.indicator_key.as_deref().is_some_and(|k| !indicator_keys.contains(k)) {
                inv.add(at("indicator_key"), "is not an indicator in the document");
            }
        }
        let cycle_ids: HashSet<Id> = self.cycles.iter().map(|c| c.id).collect();
        for (i, c) in self.cycles.iter().enumerate() {
            let at = |f: &str| format!("cycles[{i}].{f}");
            if let Err(problems) = cycle_input(c).validate() {
                for p in problems.0 {
                    inv.add(at(&p.field), p.reason);
                }
            }
            if !indicator_keys.contains(c.indicator_key.as_str()) {
                inv.add(at("indicator_key"), "is not an indicator in the document");
            }
            if c.table_id.is_some_and(|t| !tables.contains(&t)) {
                inv.add(at("table_id"), "is not a table in the document");
            }
            if c.organization_id.is_some_and(|o| !orgs.contains(&o)) {
                inv.add(at("organization_id"), "is not an organisation in the document");
            }
        }
        for (i, l) in self.lessons.iter().enumerate() {
            let at = |f: &str| format!("lessons[{i}].{f}");
            if let Err(problems) = lesson_input(l).validate() {
                for p in problems.0 {
                    inv.add(at(&p.field), p.reason);
                }
            }
            if l.indicator_key.as_deref().is_some_and(|k| !indicator_keys.contains(k)) {
                inv.add(at("indicator_key"), "is not an indicator in the document");
            }
            if l.cycle_id.is_some_and(|c| !cycle_ids.contains(&c)) {
                inv.add(at("cycle_id"), "is not a cycle in the document");
            }
            if l.organization_id.is_some_and(|o| !orgs.contains(&o)) {
                inv.add(at("organization_id"), "is not an organisation in the document");
            }
        }
        let person_ids: HashSet<Id> = self.people.iter().map(|p| p.id).collect();
        let mut charter_tables: HashMap<Id, u32> = HashMap::new();
        for (i, c) in self.charters.iter().enumerate() {
            let at = |f: &str| format!("charters[{i}].{f}");
            let v = &c.version;
            if !tables.contains(&v.table_id) {
                inv.add(at("version.table_id"), "is not a table in the document");
            }
            let before = charter_tables.insert(v.table_id, v.version).unwrap_or(0);
            if v.version != before + 1 {
                inv.add(at("version.version"), format!("follows version {before} of its table's charter"));
            }
            if let Err(problems) = charter_input(v).validate(v.version == 1) {
                for p in problems.0 {
                    inv.add(at(&format!("version.{}", p.field)), p.reason);
                }
            }
            for (j, e) in c.endorsements.iter().enumerate() {
                if !person_ids.contains(&e.person_id) {
                    inv.add(at(&format!("endorsements[{j}].person_id")), "is not a person in the document");
                }
            }
        }
        let commitment_ids: HashSet<Id> = self.commitments.iter().map(|c| c.commitment.id).collect();
        let mut plan_keys = HashSet::new();
        for (i, p) in self.curve_plans.iter().enumerate() {
            let at = |f: &str| format!("curve_plans[{i}].{f}");
            if !indicator_keys.contains(p.indicator_key.as_str()) {
                inv.add(at("indicator_key"), "is not an indicator in the document");
            }
            if !tables.contains(&p.table_id) {
                inv.add(at("table_id"), "is not a table in the document");
            }
            if !plan_keys.insert((p.indicator_key.as_str(), p.table_id)) {
                inv.add(at("table_id"), "has another plan for this indicator in the document");
            }
            if p.versions.is_empty() {
                inv.add(at("versions"), "a plan has at least one version");
            }
            for (j, v) in p.versions.iter().enumerate() {
                if let Err(problems) = curve_plan_input(p.table_id, v).validate(j == 0) {
                    for e in problems.0 {
                        inv.add(at(&format!("versions[{j}].{}", e.field)), e.reason);
                    }
                }
                let named = v
                    .partners
                    .iter()
                    .filter_map(|r| r.organization_id)
                    .chain(v.actions.iter().filter_map(|a| a.organization_id));
                if named.into_iter().any(|o| !orgs.contains(&o)) {
                    inv.add(at(&format!("versions[{j}]")), "names an organisation not in the document");
                }
            }
            for (j, c) in p.committed.iter().enumerate() {
                if !commitment_ids.contains(&c.commitment_id) {
                    inv.add(at(&format!("committed[{j}].commitment_id")), "is not a commitment in the document");
                }
                if !p.versions.iter().any(|v| v.actions.iter().any(|a| a.key == c.action_key)) {
                    inv.add(at(&format!("committed[{j}].action_key")), "is not an action of the plan");
                }
            }
        }
        let codes: Vec<String> = self.geographies.iter().map(|g| g.code.clone()).collect();
        for (i, p) in self.community_profiles.iter().enumerate() {
            let input = crate::representation::CommunityProfileInput {
                source: p.source.clone(),
                estimates: p.estimates.clone(),
            };
            if let Err(problems) = input.validate(&codes) {
                for e in problems.0 {
                    inv.add(format!("community_profiles[{i}].{}", e.field), e.reason);
                }
            }
        }
        let org_ids: Vec<Id> = self.organizations.iter().map(|o| o.id).collect();
        for (i, s) in self.survey_rounds.iter().enumerate() {
            let input = crate::network::RoundInput {
                name: s.round.name.clone(),
                opens_on: s.round.opens_on,
                closes_on: s.round.closes_on,
            };
            if let Err(problems) = input.validate() {
                for e in problems.0 {
                    inv.add(format!("survey_rounds[{i}].round.{}", e.field), e.reason);
                }
            }
            for (j, r) in s.responses.iter().enumerate() {
                let answers = crate::network::ResponseInput { ratings: r.ratings.clone() };
                if !org_ids.contains(&r.organization_id) {
                    inv.add(
                        format!("survey_rounds[{i}].responses[{j}].organization_id"),
                        "is not an organisation in the document",
                    );
                } else if let Err(problems) = answers.validate(r.organization_id, &org_ids) {
                    for e in problems.0 {
                        inv.add(format!("survey_rounds[{i}].responses[{j}].{}", e.field), e.reason);
                    }
                }
            }
        }
        for (i, a) in self.assessment_rounds.iter().enumerate() {
            let input = crate::assessments::AssessmentRoundInput {
                title: a.round.title.clone(),
                opens_on: a.round.opens_on,
                closes_on: a.round.closes_on,
            };
            if let Err(problems) = input.validate() {
                for e in problems.0 {
                    inv.add(format!("assessment_rounds[{i}].round.{}", e.field), e.reason);
                }
            }
            if !tables.contains(&a.round.table_id) {
                inv.add(format!("assessment_rounds[{i}].round.table_id"), "is not a table in the document");
            }
            for (j, r) in a.answers.iter().enumerate() {
                if !person_ids.contains(&r.person_id) {
                    inv.add(
                        format!("assessment_rounds[{i}].answers[{j}].person_id"),
                        "is not a person in the document",
                    );
                }
                let answers = crate::assessments::AssessmentAnswerInput { answers: r.answers.clone() };
                if let Err(problems) = answers.validate(a.round.instrument_version) {
                    for e in problems.0 {
                        inv.add(format!("assessment_rounds[{i}].answers[{j}].{}", e.field), e.reason);
                    }
                }
            }
        }
        for (i, f) in self.feedback.iter().enumerate() {
            if !indicator_keys.contains(f.indicator_key.as_str()) {
                inv.add(format!("feedback[{i}].indicator_key"), "is not an indicator in the document");
            }
        }
        if let Some(lang) = &self.content_language {
            if let Err(problems) = crate::translations::check_content_language(lang) {
                for e in problems.0 {
                    inv.add(e.field, e.reason);
                }
            }
        }
        for (i, t) in self.translations.iter().enumerate() {
            use crate::translations::Subject;
            let known = match t.subject {
                Subject::Indicator => indicator_keys.contains(t.key.as_str()),
                Subject::Table => t.key.parse::<Id>().is_ok_and(|id| tables.contains(&id)),
                Subject::Initiative | Subject::Agenda => t.key.is_empty(),
                Subject::Result | Subject::Strategy => !t.key.is_empty(),
            };
            if !known {
                inv.add(format!("translations[{i}].key"), format!("is not a {} in the document", t.subject));
            }
            if !crate::translations::is_language(&t.lang) {
                inv.add(format!("translations[{i}].lang"), "is not a language Backbone reads");
            }
        }
        for (i, r) in self.join_requests.iter().enumerate() {
            if !tables.contains(&r.table_id) {
                inv.add(format!("join_requests[{i}].table_id"), "is not a table in the document");
            }
            if r.person_id.is_some_and(|p| !person_ids.contains(&p)) {
                inv.add(format!("join_requests[{i}].person_id"), "is not a person in the document");
            }
        }
        for (i, set) in self.place_boundaries.iter().enumerate() {
            for (j, b) in set.boundaries.iter().enumerate() {
                if !places.contains(b.place.as_str()) {
                    inv.add(format!("place_boundaries[{i}].boundaries[{j}].place"), "is not a place in the document");
                }
            }
        }
        for (i, a) in self.community_assets.iter().enumerate() {
            if a.versions.is_empty() {
                inv.add(format!("community_assets[{i}].versions"), "must hold at least the current state");
            }
            for (j, v) in a.versions.iter().enumerate() {
                if let Err(problems) = v.input().validate() {
                    for e in problems.0 {
                        inv.add(format!("community_assets[{i}].versions[{j}].{}", e.field), e.reason);
                    }
                } else if !places.contains(v.place.as_str()) {
                    inv.add(format!("community_assets[{i}].versions[{j}].place"), "is not a place in the document");
                }
            }
        }
        for (i, c) in self.table_compositions.iter().enumerate() {
            if !tables.contains(&c.table_id) {
                inv.add(format!("table_compositions[{i}].table_id"), "is not a table in the document");
            }
            if c.snapshot.members.keys().any(|p| !person_ids.contains(p)) {
                inv.add(format!("table_compositions[{i}].snapshot.members"), "counts a person not in the document");
            }
        }
        inv.into_result()
    }
}

/// The input that would create this meeting.
pub fn meeting_input(m: &Meeting) -> MeetingInput {
    MeetingInput {
        table_id: m.table_id,
        title: m.title.clone(),
        starts_at: m.starts_at,
        minutes: m.minutes,
        place: m.place.clone(),
        agenda: m.agenda.clone(),
        notes: m.notes.clone(),
        cancelled: m.cancelled,
    }
}

/// The input that would create this commitment.
pub fn commitment_input(c: &Commitment) -> CommitmentInput {
    CommitmentInput {
        organization_id: c.organization_id,
        person_id: c.person_id,
        title: c.title.clone(),
        details: c.details.clone(),
        due_on: c.due_on,
        strategy_key: c.strategy_key.clone(),
        indicator_key: c.indicator_key.clone(),
        activity_id: c.activity_id,
        table_id: c.table_id,
        meeting_id: c.meeting_id,
        decision_id: c.decision_id,
    }
}

/// The input that would record this cycle.
pub fn cycle_input(c: &crate::learning::Cycle) -> crate::learning::CycleInput {
    crate::learning::CycleInput {
        indicator_key: c.indicator_key.clone(),
        table_id: c.table_id,
        organization_id: c.organization_id,
        title: c.title.clone(),
        change_idea: c.change_idea.clone(),
        prediction: c.prediction.clone(),
        started_on: c.started_on,
        ended_on: c.ended_on,
        done: c.done.clone(),
        study: c.study.clone(),
        study_periods: c.study_periods.clone(),
        decision: c.decision,
        decision_reason: c.decision_reason.clone(),
    }
}

/// The input that would record this lesson.
pub fn lesson_input(l: &crate::learning::Lesson) -> crate::learning::LessonInput {
    crate::learning::LessonInput {
        title: l.title.clone(),
        body: l.body.clone(),
        result: Some(l.result),
        organization_id: l.organization_id,
        strategy_key: l.strategy_key.clone(),
        indicator_key: l.indicator_key.clone(),
        cycle_id: l.cycle_id,
    }
}

/// The input that would open this decision.
pub fn decision_input(d: &Decision) -> DecisionInput {
    DecisionInput {
        table_id: d.table_id,
        meeting_id: d.meeting_id,
        title: d.title.clone(),
        proposal: d.proposal.clone(),
        process: d.process,
        options: d.options.clone(),
        closes_at: d.closes_at,
        quorum: d.quorum,
        anonymous: d.anonymous,
        one_vote_per_organization: d.one_vote_per_organization,
    }
}

/// The input that would create this activity.
pub fn activity_input(a: &Activity) -> ActivityInput {
    ActivityInput {
        organization_id: a.organization_id,
        name: a.name.clone(),
        description: a.description.clone(),
        kind: a.kind,
        status: a.status,
        population: a.population.clone(),
        age_min: a.age_min,
        age_max: a.age_max,
        places: a.places.clone(),
        capacity: a.capacity,
        strategy_keys: a.strategy_keys.clone(),
        indicator_keys: a.indicator_keys.clone(),
        starts_on: a.starts_on,
        ends_on: a.ends_on,
    }
}

/// The input that would create this indicator.
pub fn indicator_input(i: &Indicator) -> IndicatorInput {
    IndicatorInput {
        key: i.key.clone(),
        name: i.name.clone(),
        description: i.description.clone(),
        numerator_definition: i.numerator_definition.clone(),
        denominator_definition: i.denominator_definition.clone(),
        unit: i.unit,
        direction: i.direction,
        period_kind: i.period_kind,
        source: i.source.clone(),
        level: i.level,
        result_key: i.result_key.clone(),
        owner_organization_id: i.owner_organization_id,
        baseline_period: i.baseline_period.clone(),
        targets: i.targets.clone(),
        suppression_threshold: i.suppression_threshold,
        disclosure_rule: i.disclosure_rule,
        submitters: i.submitters.clone(),
        min_gap_change: i.min_gap_change,
        report_due_days: i.report_due_days,
        published: i.published,
    }
}

/// The input that would create this organisation (used to validate and to import).
pub fn org_input(o: &Organization) -> OrganizationInput {
    OrganizationInput {
        name: o.name.clone(),
        sector: o.sector,
        budget_band: o.budget_band,
        resident_led: o.resident_led,
        service_area: o.service_area.clone(),
        website: o.website.clone(),
        leadership: o.leadership.clone(),
    }
}

pub fn person_input(p: &Person) -> PersonInput {
    PersonInput {
        name: p.name.clone(),
        email: p.email.clone(),
        phone: p.phone.clone(),
        organization_id: p.organization_id,
        title: p.title.clone(),
        demographics: p.demographics.clone(),
    }
}
