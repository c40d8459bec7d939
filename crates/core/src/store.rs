//! The one interface to storage. `backbone-store` implements it for SQLite and PostgreSQL; the web
//! and CLI layers see only this trait.
//!
//! Invariants every implementation keeps:
//! - every write runs in one transaction together with its audit entry: all of it or nothing;
//! - inputs are validated (`validate()`) before anything is written;
//! - agenda versions, ended memberships and audit entries are never changed or deleted.

use crate::error::StoreResult;
use crate::export::InitiativeExport;
use crate::indicator::*;
use crate::model::*;
use chrono::{DateTime, Utc};

/// A page of the audit log, newest first.
#[derive(Debug, Clone, Default)]
pub struct AuditQuery {
    pub initiative_id: Option<Id>,
    pub entity: Option<String>,
    pub before_id: Option<Id>,
    pub limit: i64,
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

#[async_trait::async_trait]
pub trait Store: Send + Sync + 'static {
    /// Answers when the database can be reached.
    async fn ping(&self) -> StoreResult<()>;
    /// "sqlite" or "postgres".
    fn backend(&self) -> &'static str;

    // initiatives
    async fn list_initiatives(&self) -> StoreResult<Vec<Initiative>>;
    async fn initiative_by_slug(&self, slug: &str) -> StoreResult<Initiative>;
    async fn create_initiative(&self, actor: &Actor, input: &NewInitiative) -> StoreResult<Initiative>;
    async fn update_initiative(&self, actor: &Actor, id: Id, input: &InitiativeUpdate) -> StoreResult<Initiative>;
    async fn preconditions(&self, initiative_id: Id) -> StoreResult<Vec<Precondition>>;
    async fn set_precondition(
        &self,
        actor: &Actor,
        initiative_id: Id,
        kind: PreconditionKind,
        input: &PreconditionInput,
    ) -> StoreResult<Precondition>;

    // common agenda
    async fn agenda_versions(&self, initiative_id: Id) -> StoreResult<Vec<AgendaVersion>>;
    async fn agenda_version(&self, initiative_id: Id, number: i64) -> StoreResult<AgendaVersion>;
    async fn current_agenda(&self, initiative_id: Id) -> StoreResult<Option<AgendaVersion>>;
    async fn create_agenda_version(
        &self,
        actor: &Actor,
        initiative_id: Id,
        input: &AgendaInput,
    ) -> StoreResult<AgendaVersion>;
    async fn endorsements(&self, initiative_id: Id, version: Option<i64>) -> StoreResult<Vec<Endorsement>>;
    async fn endorse(
        &self,
        actor: &Actor,
        initiative_id: Id,
        version: i64,
        input: &EndorsementInput,
    ) -> StoreResult<Endorsement>;

    // organisations
    async fn organizations(&self, initiative_id: Id) -> StoreResult<Vec<Organization>>;
    async fn organization(&self, initiative_id: Id, id: Id) -> StoreResult<Organization>;
    async fn create_organization(
        &self,
        actor: &Actor,
        initiative_id: Id,
        input: &OrganizationInput,
    ) -> StoreResult<Organization>;
    async fn update_organization(
        &self,
        actor: &Actor,
        initiative_id: Id,
        id: Id,
        input: &OrganizationInput,
    ) -> StoreResult<Organization>;

    // people
    async fn people(&self, initiative_id: Id) -> StoreResult<Vec<Person>>;
    async fn person(&self, initiative_id: Id, id: Id) -> StoreResult<Person>;
    async fn create_person(&self, actor: &Actor, initiative_id: Id, input: &PersonInput) -> StoreResult<Person>;
    async fn update_person(&self, actor: &Actor, initiative_id: Id, id: Id, input: &PersonInput)
        -> StoreResult<Person>;

    // tables and memberships
    async fn tables(&self, initiative_id: Id) -> StoreResult<Vec<Table>>;
    async fn table(&self, initiative_id: Id, id: Id) -> StoreResult<Table>;
    async fn create_table(&self, actor: &Actor, initiative_id: Id, input: &TableInput) -> StoreResult<Table>;
    async fn update_table(&self, actor: &Actor, initiative_id: Id, id: Id, input: &TableInput) -> StoreResult<Table>;
    /// Memberships of a table, or of a person, current and past.
    async fn memberships(
        &self,
        initiative_id: Id,
        table_id: Option<Id>,
        person_id: Option<Id>,
    ) -> StoreResult<Vec<Membership>>;
    async fn add_membership(
        &self,
        actor: &Actor,
        initiative_id: Id,
        table_id: Id,
        input: &MembershipInput,
    ) -> StoreResult<Membership>;
    async fn update_membership(
        &self,
        actor: &Actor,
        initiative_id: Id,
        id: Id,
        input: &MembershipUpdate,
    ) -> StoreResult<Membership>;

    // accounts
    async fn create_user(&self, actor: &Actor, input: &NewUser, password_hash: &str) -> StoreResult<User>;
    async fn user(&self, id: Id) -> StoreResult<User>;
    async fn users(&self) -> StoreResult<Vec<User>>;
    async fn credentials(&self, username: &str) -> StoreResult<Option<Credentials>>;
    async fn set_password(&self, actor: &Actor, user_id: Id, password_hash: &str) -> StoreResult<()>;
    async fn set_user_disabled(&self, actor: &Actor, user_id: Id, disabled: bool) -> StoreResult<User>;
    async fn grants_for_user(&self, user_id: Id) -> StoreResult<Vec<RoleGrant>>;
    async fn grants_in_initiative(&self, initiative_id: Id) -> StoreResult<Vec<RoleGrant>>;
    async fn grant_role(&self, actor: &Actor, initiative_id: Id, input: &RoleGrantInput) -> StoreResult<RoleGrant>;
    async fn revoke_role(&self, actor: &Actor, initiative_id: Id, grant: &RoleGrantInput) -> StoreResult<()>;

    // sessions: only hashes of the secrets are stored
    async fn create_session(&self, token_hash: &str, user_id: Id, expires_at: DateTime<Utc>) -> StoreResult<()>;
    async fn session_user(&self, token_hash: &str, now: DateTime<Utc>) -> StoreResult<Option<User>>;
    async fn delete_session(&self, token_hash: &str) -> StoreResult<()>;
    async fn record_login_attempt(
        &self,
        username: &str,
        client: &str,
        success: bool,
        at: DateTime<Utc>,
    ) -> StoreResult<()>;
    /// Failed sign-ins since `since`: (for this username, from this client).
    async fn recent_login_failures(
        &self,
        username: &str,
        client: &str,
        since: DateTime<Utc>,
    ) -> StoreResult<(i64, i64)>;

    // API tokens
    async fn create_api_token(
        &self,
        actor: &Actor,
        user_id: Id,
        name: &str,
        prefix: &str,
        token_hash: &str,
    ) -> StoreResult<ApiToken>;
    async fn api_tokens(&self, user_id: Id) -> StoreResult<Vec<ApiToken>>;
    async fn revoke_api_token(&self, actor: &Actor, user_id: Id, token_id: Id) -> StoreResult<ApiToken>;
    async fn api_token_user(&self, token_hash: &str, now: DateTime<Utc>) -> StoreResult<Option<User>>;

    // audit
    async fn audit(&self, query: &AuditQuery) -> StoreResult<Vec<AuditEntry>>;

    // shared measurement
    async fn indicators(&self, initiative_id: Id) -> StoreResult<Vec<Indicator>>;
    async fn indicator(&self, initiative_id: Id, key: &str) -> StoreResult<Indicator>;
    async fn create_indicator(
        &self,
        actor: &Actor,
        initiative_id: Id,
        input: &IndicatorInput,
    ) -> StoreResult<Indicator>;
    async fn update_indicator(
        &self,
        actor: &Actor,
        initiative_id: Id,
        key: &str,
        input: &IndicatorInput,
    ) -> StoreResult<Indicator>;
    async fn geographies(&self, initiative_id: Id) -> StoreResult<Vec<Geography>>;
    /// One place (the community — the place without a parent — when `code` is None) followed by
    /// the places directly inside it; empty when there is no such place.
    async fn place_with_children(&self, initiative_id: Id, code: Option<&str>) -> StoreResult<Vec<Geography>>;
    /// Replaces the list of places; every parent must be in the list.
    async fn set_geographies(&self, actor: &Actor, initiative_id: Id, places: &[Geography]) -> StoreResult<()>;
    async fn dimensions(&self, initiative_id: Id) -> StoreResult<Vec<Dimension>>;
    async fn set_dimensions(&self, actor: &Actor, initiative_id: Id, dimensions: &[Dimension]) -> StoreResult<()>;
    /// Submits numbers for one organisation, all in one transaction: batches are read one at a
    /// time so a large file never sits in memory whole. Rows must already have passed
    /// `Catalog::check`; a row naming an unknown indicator aborts the whole submission.
    async fn submit_observations(
        &self,
        actor: &Actor,
        initiative_id: Id,
        organization_id: Id,
        batches: &mut (dyn Iterator<Item = Vec<ObservationInput>> + Send),
    ) -> StoreResult<SubmitSummary> {
        Ok(self
            .submit_observations_if(actor, initiative_id, organization_id, false, batches, &|| true)
            .await?
            .unwrap_or_default())
    }
    /// As `submit_observations`, but asks `proceed` after the last batch and before committing:
    /// when it answers false (the file turned out to have problems), nothing is kept and the
    /// answer is `None`. This lets a file be checked and written in one pass. With `draft`, new
    /// and changed numbers are saved as drafts, which nobody reviews until `send_drafts`.
    async fn submit_observations_if(
        &self,
        actor: &Actor,
        initiative_id: Id,
        organization_id: Id,
        draft: bool,
        batches: &mut (dyn Iterator<Item = Vec<ObservationInput>> + Send),
        proceed: &(dyn Fn() -> bool + Send + Sync),
    ) -> StoreResult<Option<SubmitSummary>>;
    /// Sends an organisation's drafts for review; answers how many.
    async fn send_drafts(&self, actor: &Actor, initiative_id: Id, organization_id: Id) -> StoreResult<u64>;
    /// How many numbers each organisation has saved as drafts (organisations with none are left out).
    async fn draft_counts(&self, initiative_id: Id) -> StoreResult<Vec<(Id, u64)>>;
    async fn observations(&self, initiative_id: Id, query: &ObservationQuery) -> StoreResult<Vec<Observation>>;
    async fn observation(&self, initiative_id: Id, observation_id: Id) -> StoreResult<Observation>;
    async fn observation_history(&self, initiative_id: Id, observation_id: Id)
        -> StoreResult<Vec<ObservationRevision>>;
    /// Approves or returns submitted observations; returns how many changed.
    async fn review_observations(
        &self,
        actor: &Actor,
        initiative_id: Id,
        ids: &[Id],
        review: &Review,
    ) -> StoreResult<u64>;
    /// Approves everything an organisation has submitted and not yet had reviewed, in one go
    /// (for a large upload the staff have checked as a whole); returns how many.
    async fn approve_all_submitted(&self, actor: &Actor, initiative_id: Id, organization_id: Id) -> StoreResult<u64>;
    /// Approved numbers of one indicator, summed over organisations.
    async fn approved_cells(&self, initiative_id: Id, indicator_id: Id) -> StoreResult<Vec<CellSum>>;
    /// The pre-aggregated published cells of one indicator: the first place's totals and, with
    /// `dimension`, that dimension's groups; the other places' totals — each with whether it is
    /// suppressed. Kept up to
    /// date by every write that changes approved numbers, places or dimensions.
    async fn published_cells(
        &self,
        initiative_id: Id,
        indicator_id: Id,
        places: &[String],
        dimension: Option<&str>,
    ) -> StoreResult<Vec<(CellSum, bool)>>;

    // whole initiative
    async fn export_initiative(&self, initiative_id: Id) -> StoreResult<InitiativeExport>;
    /// Imports a document as a new initiative, all or nothing. `slug` overrides the document's.
    async fn import_initiative(
        &self,
        actor: &Actor,
        doc: &InitiativeExport,
        slug: Option<&str>,
    ) -> StoreResult<Initiative>;
}
