//! The records of a collective impact initiative, named as the field names them.
//!
//! Every record belongs to an initiative. Inputs (`New*`, `*Input`) reject unknown fields and are
//! checked by `validate()` before anything is written.

use crate::error::Invalid;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub type Id = i64;

/// Declares a closed vocabulary stored as its snake_case name, with the order used in forms.
macro_rules! vocabulary {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
            serde::Serialize, serde::Deserialize, utoipa::ToSchema,
        )]
        pub enum $name { $($(#[$vm])* #[serde(rename = $text)] $variant),+ }

        impl $name {
            /// Every value, in the order used in forms.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The stored and serialised name.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
            /// The value with this stored name, if any.
            pub fn parse(s: &str) -> Option<Self> {
                match s { $($text => Some($name::$variant),)+ _ => None }
            }
            /// The catalogue key of its label: `sector-school_district`.
            pub fn label_key(self) -> String {
                format!("{}-{}", stringify!($name).to_lowercase(), self.as_str())
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
pub(crate) use vocabulary;

vocabulary! {
    /// The three phases of collective impact (Hanleybrown, Kania & Kramer, 2012).
    Phase {
        InitiatingAction => "initiating_action",
        OrganizingForImpact => "organizing_for_impact",
        SustainingAction => "sustaining_action",
    }
}

vocabulary! {
    /// The three preconditions for collective impact.
    PreconditionKind {
        InfluentialChampion => "influential_champion",
        FinancialResources => "financial_resources",
        UrgencyForChange => "urgency_for_change",
    }
}

vocabulary! {
    /// How far a precondition is in place.
    Readiness {
        NotYet => "not_yet",
        Emerging => "emerging",
        InPlace => "in_place",
    }
}

vocabulary! {
    Sector {
        SchoolDistrict => "school_district",
        EarlyChildhood => "early_childhood",
        HigherEducation => "higher_education",
        Health => "health",
        Housing => "housing",
        Business => "business",
        Faith => "faith",
        Philanthropy => "philanthropy",
        Government => "government",
        Nonprofit => "nonprofit",
        ResidentLed => "resident_led",
    }
}

vocabulary! {
    /// Annual budget, in bands so that small and large partners can be compared fairly.
    BudgetBand {
        Under100k => "under_100k",
        From100kTo1m => "100k_to_1m",
        From1mTo5m => "1m_to_5m",
        From5mTo20m => "5m_to_20m",
        Over20m => "over_20m",
    }
}

vocabulary! {
    TableKind {
        SteeringCommittee => "steering_committee",
        WorkingGroup => "working_group",
        ActionNetwork => "action_network",
        ResidentTable => "resident_table",
    }
}

vocabulary! {
    MemberRole {
        Chair => "chair",
        Facilitator => "facilitator",
        Member => "member",
    }
}

vocabulary! {
    /// What a signed-in user may do in one initiative. The public (no login) has no role.
    Role {
        Admin => "admin",
        DataSteward => "data_steward",
        TableMember => "table_member",
        ResidentMember => "resident_member",
    }
}

// ---------------------------------------------------------------- initiative

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Initiative {
    pub id: Id,
    /// Short name used in addresses: `/i/{slug}`.
    pub slug: String,
    pub name: String,
    pub description: String,
    pub phase: Phase,
    /// When true the public (no login) sees the home page and the current common agenda.
    pub published: bool,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewInitiative {
    pub slug: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default = "default_phase")]
    pub phase: Phase,
    #[serde(default)]
    pub published: bool,
}

fn default_phase() -> Phase {
    Phase::InitiatingAction
}

/// A change to an initiative's description; absent fields stay as they are.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InitiativeUpdate {
    pub name: Option<String>,
    pub description: Option<String>,
    pub phase: Option<Phase>,
    pub published: Option<bool>,
}

impl NewInitiative {
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut inv = Invalid::new();
        check_slug(&mut inv, "slug", &self.slug);
        check_text(&mut inv, "name", &self.name, 1, 200);
        check_text(&mut inv, "description", &self.description, 0, 5000);
        inv.into_result()
    }
}

impl InitiativeUpdate {
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut inv = Invalid::new();
        if let Some(n) = &self.name {
            check_text(&mut inv, "name", n, 1, 200);
        }
        if let Some(d) = &self.description {
            check_text(&mut inv, "description", d, 0, 5000);
        }
        inv.into_result()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Precondition {
    pub kind: PreconditionKind,
    pub readiness: Readiness,
    /// What shows the precondition is (or is not) in place.
    pub evidence: String,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PreconditionInput {
    pub readiness: Readiness,
    #[serde(default)]
    pub evidence: String,
}

impl PreconditionInput {
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut inv = Invalid::new();
        check_text(&mut inv, "evidence", &self.evidence, 0, 5000);
        inv.into_result()
    }
}

// ---------------------------------------------------------------- common agenda

/// A population-level result ("All children enter kindergarten ready to learn") and the strategies
/// that serve it. `key` stays the same across versions so indicators can point at it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AgendaResult {
    pub key: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub strategies: Vec<Strategy>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Strategy {
    pub key: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
}

/// One version of the common agenda. Versions are never changed: an edit makes the next one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct AgendaVersion {
    pub initiative_id: Id,
    /// 1, 2, 3 … in the order they were made.
    pub number: i64,
    pub problem_statement: String,
    pub shared_vision: String,
    pub results: Vec<AgendaResult>,
    /// Why this version was made.
    pub reason: String,
    pub author_user_id: Option<Id>,
    pub author_name: String,
    pub created_at: DateTime<Utc>,
}

/// A proposed new version of the agenda. `based_on` is the version the author edited: if someone
/// else saved in between, the save is refused rather than silently overwriting their work.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AgendaInput {
    pub problem_statement: String,
    pub shared_vision: String,
    #[serde(default)]
    pub results: Vec<AgendaResult>,
    pub reason: String,
    /// The version number this edit started from; `0` or absent for the first version.
    #[serde(default)]
    pub based_on: i64,
}

impl AgendaInput {
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut inv = Invalid::new();
        check_text(&mut inv, "problem_statement", &self.problem_statement, 1, 10_000);
        check_text(&mut inv, "shared_vision", &self.shared_vision, 1, 10_000);
        check_text(&mut inv, "reason", &self.reason, 1, 1000);
        if self.results.len() > 50 {
            inv.add("results", "at most 50 results");
        }
        let mut keys = std::collections::HashSet::new();
        for (i, r) in self.results.iter().enumerate() {
            let p = format!("results[{i}]");
            check_slug(&mut inv, &format!("{p}.key"), &r.key);
            if !keys.insert(r.key.clone()) {
                inv.add(format!("{p}.key"), "is used by another result or strategy");
            }
            check_text(&mut inv, &format!("{p}.title"), &r.title, 1, 300);
            check_text(&mut inv, &format!("{p}.description"), &r.description, 0, 5000);
            for (j, s) in r.strategies.iter().enumerate() {
                let q = format!("{p}.strategies[{j}]");
                check_slug(&mut inv, &format!("{q}.key"), &s.key);
                if !keys.insert(s.key.clone()) {
                    inv.add(format!("{q}.key"), "is used by another result or strategy");
                }
                check_text(&mut inv, &format!("{q}.title"), &s.title, 1, 300);
                check_text(&mut inv, &format!("{q}.description"), &s.description, 0, 5000);
            }
        }
        if self.based_on < 0 {
            inv.add("based_on", "must be a version number (0 for the first version)");
        }
        inv.into_result()
    }
}

/// A partner organisation's endorsement of one agenda version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Endorsement {
    pub version: i64,
    pub organization_id: Id,
    pub organization_name: String,
    pub endorsed_by_user_id: Option<Id>,
    pub endorsed_by_name: String,
    pub note: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EndorsementInput {
    pub organization_id: Id,
    #[serde(default)]
    pub note: String,
}

impl EndorsementInput {
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut inv = Invalid::new();
        check_text(&mut inv, "note", &self.note, 0, 2000);
        inv.into_result()
    }
}

// ---------------------------------------------------------------- organisations

/// Self-reported make-up of an organisation's leadership (board and senior staff). Shown only
/// to backbone staff and the organisation itself; elsewhere only in suppressed aggregates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LeadershipDemographics {
    /// People in leadership.
    pub total: u32,
    pub people_of_color: u32,
    pub women: u32,
    /// Leaders who live in the community the initiative serves.
    pub community_residents: u32,
    /// Leaders with lived experience of the issue.
    pub lived_experience: u32,
}

impl LeadershipDemographics {
    fn validate(&self, inv: &mut Invalid) {
        for (field, n) in [
            ("leadership.people_of_color", self.people_of_color),
            ("leadership.women", self.women),
            ("leadership.community_residents", self.community_residents),
            ("leadership.lived_experience", self.lived_experience),
        ] {
            if n > self.total {
                inv.add(field, format!("cannot be more than the {} people in leadership", self.total));
            }
        }
        if self.total > 10_000 {
            inv.add("leadership.total", "must be at most 10000");
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Organization {
    pub id: Id,
    pub initiative_id: Id,
    pub name: String,
    pub sector: Sector,
    pub budget_band: BudgetBand,
    /// Led by residents / grassroots: keeps the $25k volunteer group visible next to the $25M provider.
    pub resident_led: bool,
    /// ZIP codes served.
    pub service_area: Vec<String>,
    pub website: String,
    pub leadership: Option<LeadershipDemographics>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OrganizationInput {
    pub name: String,
    pub sector: Sector,
    pub budget_band: BudgetBand,
    #[serde(default)]
    pub resident_led: bool,
    #[serde(default)]
    pub service_area: Vec<String>,
    #[serde(default)]
    pub website: String,
    #[serde(default)]
    pub leadership: Option<LeadershipDemographics>,
}

impl OrganizationInput {
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut inv = Invalid::new();
        check_text(&mut inv, "name", &self.name, 1, 200);
        check_zips(&mut inv, "service_area", &self.service_area);
        if !self.website.is_empty() && !self.website.starts_with("https://") && !self.website.starts_with("http://") {
            inv.add("website", "must start with https:// or http://");
        }
        check_text(&mut inv, "website", &self.website, 0, 300);
        if let Some(l) = &self.leadership {
            l.validate(&mut inv);
        }
        inv.into_result()
    }
}

// ---------------------------------------------------------------- people

/// Demographics a person chose to share, with their explicit consent. Never shown per person
/// outside backbone staff; elsewhere only as suppressed aggregates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Demographics {
    /// Must be true: demographics are only stored with consent.
    pub consent: bool,
    #[serde(default)]
    pub race_ethnicity: Option<String>,
    #[serde(default)]
    pub gender: Option<String>,
    #[serde(default)]
    pub age_band: Option<String>,
    #[serde(default)]
    pub primary_language: Option<String>,
    /// Lives in the community the initiative serves.
    #[serde(default)]
    pub community_resident: Option<bool>,
}

/// The answer lists offered for self-reported demographics (people may also write their own).
pub const RACE_ETHNICITY: &[&str] = &[
    "American Indian or Alaska Native",
    "Asian",
    "Black or African American",
    "Hispanic or Latino",
    "Middle Eastern or North African",
    "Native Hawaiian or Pacific Islander",
    "White",
    "Multiracial",
];
pub const GENDER: &[&str] = &["Woman", "Man", "Non-binary"];
pub const AGE_BANDS: &[&str] = &["Under 18", "18-24", "25-34", "35-44", "45-54", "55-64", "65+"];

impl Demographics {
    fn validate(&self, inv: &mut Invalid) {
        if !self.consent {
            inv.add("demographics.consent", "demographics can only be recorded with the person's consent");
        }
        for (f, v) in [
            ("demographics.race_ethnicity", &self.race_ethnicity),
            ("demographics.gender", &self.gender),
            ("demographics.primary_language", &self.primary_language),
        ] {
            if let Some(v) = v {
                check_text(inv, f, v, 1, 100);
            }
        }
        if let Some(a) = &self.age_band {
            if !AGE_BANDS.contains(&a.as_str()) {
                inv.add("demographics.age_band", format!("must be one of: {}", AGE_BANDS.join(", ")));
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Person {
    pub id: Id,
    pub initiative_id: Id,
    pub name: String,
    pub email: String,
    pub phone: String,
    /// Residents may belong to no organisation.
    pub organization_id: Option<Id>,
    pub organization_name: Option<String>,
    pub title: String,
    /// Present only for viewers allowed to see it (backbone staff).
    pub demographics: Option<Demographics>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PersonInput {
    pub name: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub organization_id: Option<Id>,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub demographics: Option<Demographics>,
}

impl PersonInput {
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut inv = Invalid::new();
        check_text(&mut inv, "name", &self.name, 1, 200);
        if !self.email.is_empty() {
            check_email(&mut inv, "email", &self.email);
        }
        check_text(&mut inv, "phone", &self.phone, 0, 40);
        if self.phone.chars().any(|c| !(c.is_ascii_digit() || " +-().x".contains(c))) {
            inv.add("phone", "may contain only digits, spaces and + - ( ) . x");
        }
        check_text(&mut inv, "title", &self.title, 0, 200);
        if let Some(d) = &self.demographics {
            d.validate(&mut inv);
        }
        inv.into_result()
    }
}

// ---------------------------------------------------------------- tables

/// A table where people meet: the steering committee, a working group, a resident table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Table {
    pub id: Id,
    pub initiative_id: Id,
    pub name: String,
    pub kind: TableKind,
    pub purpose: String,
    /// The result this table works toward, by its key in the common agenda.
    pub result_key: Option<String>,
    pub active_members: i64,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TableInput {
    pub name: String,
    pub kind: TableKind,
    #[serde(default)]
    pub purpose: String,
    #[serde(default)]
    pub result_key: Option<String>,
}

impl TableInput {
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut inv = Invalid::new();
        check_text(&mut inv, "name", &self.name, 1, 200);
        check_text(&mut inv, "purpose", &self.purpose, 0, 5000);
        if let Some(k) = &self.result_key {
            check_slug(&mut inv, "result_key", k);
        }
        inv.into_result()
    }
}

/// A seat at a table over a span of time. Ending a membership keeps it, with its end date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Membership {
    pub id: Id,
    pub table_id: Id,
    pub table_name: String,
    pub person_id: Id,
    pub person_name: String,
    pub organization_name: Option<String>,
    pub role: MemberRole,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
}

impl Membership {
    pub fn is_current(&self, today: NaiveDate) -> bool {
        self.start_date <= today && self.end_date.is_none_or(|e| e >= today)
    }
}

#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MembershipInput {
    pub person_id: Id,
    pub role: MemberRole,
    pub start_date: NaiveDate,
    #[serde(default)]
    pub end_date: Option<NaiveDate>,
}

impl MembershipInput {
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut inv = Invalid::new();
        if let Some(e) = self.end_date {
            if e < self.start_date {
                inv.add("end_date", "must be on or after the start date");
            }
        }
        inv.into_result()
    }
}

/// A change to a membership: a new role, or an end date when someone leaves the table.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MembershipUpdate {
    pub role: Option<MemberRole>,
    pub end_date: Option<NaiveDate>,
}

// ---------------------------------------------------------------- accounts

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct User {
    pub id: Id,
    /// Sign-in name (an e-mail address or a short name), unique on the server.
    pub username: String,
    pub display_name: String,
    /// Server operators can create initiatives and manage every one.
    pub server_admin: bool,
    pub disabled: bool,
    pub created_at: DateTime<Utc>,
}

/// A user with the password hash, for the sign-in check only. Never serialised.
#[derive(Clone)]
pub struct Credentials {
    pub user: User,
    pub password_hash: String,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials").field("user", &self.user).field("password_hash", &"<hidden>").finish()
    }
}

#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewUser {
    pub username: String,
    pub display_name: String,
    /// At least 10 characters.
    pub password: String,
    #[serde(default)]
    pub server_admin: bool,
}

pub const MIN_PASSWORD_LEN: usize = 10;

impl NewUser {
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut inv = Invalid::new();
        check_username(&mut inv, "username", &self.username);
        check_text(&mut inv, "display_name", &self.display_name, 1, 200);
        check_password(&mut inv, "password", &self.password);
        inv.into_result()
    }
}

pub fn check_password(inv: &mut Invalid, field: &str, password: &str) {
    if password.chars().count() < MIN_PASSWORD_LEN {
        inv.add(field, format!("must be at least {MIN_PASSWORD_LEN} characters"));
    }
    if password.len() > 1000 {
        inv.add(field, "must be at most 1000 characters");
    }
}

/// One role a user holds in one initiative. A data steward acts for one organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct RoleGrant {
    pub user_id: Id,
    pub initiative_id: Id,
    pub role: Role,
    pub organization_id: Option<Id>,
}

#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RoleGrantInput {
    pub user_id: Id,
    pub role: Role,
    #[serde(default)]
    pub organization_id: Option<Id>,
}

impl RoleGrantInput {
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut inv = Invalid::new();
        match (self.role, self.organization_id) {
            (Role::DataSteward, None) => {
                inv.add("organization_id", "a data steward acts for one organisation: name it")
            }
            (r, Some(_)) if r != Role::DataSteward => {
                inv.add("organization_id", "only a data steward acts for an organisation")
            }
            _ => {}
        }
        inv.into_result()
    }
}

/// An API token for a machine client. The secret is shown once, at creation; only its hash is kept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ApiToken {
    pub id: Id,
    pub user_id: Id,
    pub name: String,
    /// The first characters of the secret, to recognise it.
    pub prefix: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ApiTokenInput {
    pub name: String,
}

impl ApiTokenInput {
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut inv = Invalid::new();
        check_text(&mut inv, "name", &self.name, 1, 100);
        inv.into_result()
    }
}

// ---------------------------------------------------------------- audit

/// One write, as it happened: who, what, when, and the record before and after.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct AuditEntry {
    pub id: Id,
    pub initiative_id: Option<Id>,
    pub actor_user_id: Option<Id>,
    pub actor_name: String,
    /// `organization.create`, `agenda.version`, `membership.update` …
    pub action: String,
    pub entity: String,
    pub entity_id: Option<Id>,
    #[schema(value_type = Object)]
    pub before: Option<serde_json::Value>,
    #[schema(value_type = Object)]
    pub after: Option<serde_json::Value>,
    pub at: DateTime<Utc>,
}

/// Who is writing: recorded in the audit log with every change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user_id: Option<Id>,
    /// The name shown in the audit log and on agenda versions ("Maria Lopez", or "backbone CLI").
    pub name: String,
}

impl Actor {
    pub fn user(user: &User) -> Self {
        Actor { user_id: Some(user.id), name: user.display_name.clone() }
    }
    pub fn system(name: &str) -> Self {
        Actor { user_id: None, name: name.to_string() }
    }
}

// ---------------------------------------------------------------- checks

pub fn check_text(inv: &mut Invalid, field: &str, value: &str, min: usize, max: usize) {
    let n = value.trim().chars().count();
    if min > 0 && n == 0 {
        inv.add(field, "is required");
    } else if n < min {
        inv.add(field, format!("must be at least {min} characters"));
    } else if value.chars().count() > max {
        inv.add(field, format!("must be at most {max} characters"));
    }
    if value.chars().any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t') {
        inv.add(field, "contains control characters");
    }
}

/// Lower-case letters, digits and hyphens, 2–60 long, starting with a letter.
pub fn check_slug(inv: &mut Invalid, field: &str, value: &str) {
    let ok = (2..=60).contains(&value.len())
        && value.starts_with(|c: char| c.is_ascii_lowercase())
        && value.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !ok {
        inv.add(field, "must be 2–60 lower-case letters, digits or hyphens, starting with a letter");
    }
}

pub fn check_email(inv: &mut Invalid, field: &str, value: &str) {
    let ok = value.len() <= 254
        && !value.contains(char::is_whitespace)
        && match value.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty() && domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.')
            }
            None => false,
        };
    if !ok {
        inv.add(field, "must be an e-mail address like name@example.org");
    }
}

pub fn check_username(inv: &mut Invalid, field: &str, value: &str) {
    let ok =
        (3..=100).contains(&value.len()) && value.chars().all(|c| c.is_ascii_alphanumeric() || "._-@+".contains(c));
    if !ok {
        inv.add(field, "must be 3–100 letters, digits or . _ - @ +");
    }
}

pub fn check_zips(inv: &mut Invalid, field: &str, zips: &[String]) {
    if zips.len() > 200 {
        inv.add(field, "at most 200 ZIP codes");
    }
    for (i, z) in zips.iter().enumerate() {
        if !(z.len() == 5 && z.chars().all(|c| c.is_ascii_digit())) {
            inv.add(format!("{field}[{i}]"), format!("\"{z}\" is not a 5-digit ZIP code"));
        }
    }
}

/// Splits "53205, 53206 53208" into ZIP codes, for forms.
pub fn split_list(s: &str) -> Vec<String> {
    s.split(|c: char| c == ',' || c.is_whitespace()).filter(|p| !p.is_empty()).map(str::to_string).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_organisation_needs_a_name_and_real_zip_codes() {
        let input = OrganizationInput {
            name: " ".into(),
            sector: Sector::Faith,
            budget_band: BudgetBand::Under100k,
            resident_led: true,
            service_area: vec!["53205".into(), "5320".into()],
            website: "example.org".into(),
            leadership: Some(LeadershipDemographics {
                total: 5,
                people_of_color: 6,
                women: 3,
                community_residents: 5,
                lived_experience: 0,
            }),
        };
        let err = input.validate().unwrap_err();
        assert_eq!(err.reason_for("name"), Some("is required"));
        assert_eq!(err.reason_for("service_area[1]"), Some("\"5320\" is not a 5-digit ZIP code"));
        assert!(err.reason_for("website").is_some());
        assert_eq!(
            err.reason_for("leadership.people_of_color"),
            Some("cannot be more than the 5 people in leadership")
        );
        assert!(err.reason_for("leadership.women").is_none());
    }

    #[test]
    fn demographics_need_consent() {
        let p = PersonInput {
            name: "Ana Ruiz".into(),
            email: "ana@example.org".into(),
            phone: "(414) 555-0101".into(),
            organization_id: None,
            title: String::new(),
            demographics: Some(Demographics {
                consent: false,
                race_ethnicity: Some("Hispanic or Latino".into()),
                gender: None,
                age_band: Some("30s".into()),
                primary_language: None,
                community_resident: Some(true),
            }),
        };
        let err = p.validate().unwrap_err();
        assert!(err.reason_for("demographics.consent").is_some());
        assert!(err.reason_for("demographics.age_band").is_some());
    }

    #[test]
    fn agenda_keys_are_unique_across_results_and_strategies() {
        let a = AgendaInput {
            problem_statement: "Too few children read well by 3rd grade.".into(),
            shared_vision: "Every child succeeds, cradle to career.".into(),
            results: vec![AgendaResult {
                key: "reading".into(),
                title: "Children read at grade level".into(),
                description: String::new(),
                strategies: vec![Strategy {
                    key: "reading".into(),
                    title: "Summer reading".into(),
                    description: String::new(),
                }],
            }],
            reason: "First draft".into(),
            based_on: 0,
        };
        let err = a.validate().unwrap_err();
        assert_eq!(err.reason_for("results[0].strategies[0].key"), Some("is used by another result or strategy"));
    }

    #[test]
    fn a_steward_must_name_an_organisation_and_only_a_steward_may() {
        let g = RoleGrantInput { user_id: 1, role: Role::DataSteward, organization_id: None };
        assert!(g.validate().is_err());
        let g = RoleGrantInput { user_id: 1, role: Role::Admin, organization_id: Some(3) };
        assert!(g.validate().is_err());
        let g = RoleGrantInput { user_id: 1, role: Role::DataSteward, organization_id: Some(3) };
        assert!(g.validate().is_ok());
    }

    #[test]
    fn slugs_emails_and_usernames() {
        let mut inv = Invalid::new();
        check_slug(&mut inv, "a", "milwaukee-cradle-to-career");
        check_email(&mut inv, "b", "maria@ourcommunity.org");
        check_username(&mut inv, "c", "maria.lopez");
        assert!(inv.is_empty());
        check_slug(&mut inv, "d", "Bad Slug");
        check_email(&mut inv, "e", "maria@");
        check_username(&mut inv, "f", "a b");
        assert_eq!(inv.0.len(), 3);
    }

    #[test]
    fn vocabularies_serialise_as_their_stored_names() {
        assert_eq!(serde_json::to_string(&BudgetBand::From100kTo1m).unwrap(), "\"100k_to_1m\"");
        assert_eq!(serde_json::from_str::<BudgetBand>("\"under_100k\"").unwrap(), BudgetBand::Under100k);
    }

    #[test]
    fn vocabularies_round_trip_through_their_names() {
        for s in Sector::ALL {
            assert_eq!(Sector::parse(s.as_str()), Some(*s));
        }
        assert_eq!(BudgetBand::From100kTo1m.label_key(), "budgetband-100k_to_1m");
        assert_eq!(Phase::parse("nonsense"), None);
    }
}
