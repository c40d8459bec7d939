//! Rows as the database returns them, and their conversion into domain records. The derives are
//! generic over the backend, so both stores share them.

use backbone_core::model::*;
use backbone_core::StoreError;
use chrono::{DateTime, NaiveDate, Utc};

fn vocab<T>(parse: fn(&str) -> Option<T>, s: &str, what: &str) -> Result<T, StoreError> {
    parse(s).ok_or_else(|| StoreError::Backend(format!("unknown {what} {s:?} in the database")))
}

fn json<T: serde::de::DeserializeOwned>(s: &str) -> Result<T, StoreError> {
    serde_json::from_str(s).map_err(|e| StoreError::Backend(format!("unreadable JSON in the database: {e}")))
}

pub fn to_json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).expect("domain records serialise")
}

#[derive(sqlx::FromRow)]
pub struct InitiativeRow {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub description: String,
    pub phase: String,
    pub published: bool,
    pub created_at: DateTime<Utc>,
}

impl InitiativeRow {
    pub fn into_domain(self) -> Result<Initiative, StoreError> {
        Ok(Initiative {
            id: self.id,
            slug: self.slug,
            name: self.name,
            description: self.description,
            phase: vocab(Phase::parse, &self.phase, "phase")?,
            published: self.published,
            created_at: self.created_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub struct PreconditionRow {
    pub kind: String,
    pub readiness: String,
    pub evidence: String,
    pub updated_at: DateTime<Utc>,
}

impl PreconditionRow {
    pub fn into_domain(self) -> Result<Precondition, StoreError> {
        Ok(Precondition {
            kind: vocab(PreconditionKind::parse, &self.kind, "precondition")?,
            readiness: vocab(Readiness::parse, &self.readiness, "readiness")?,
            evidence: self.evidence,
            updated_at: self.updated_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub struct AgendaRow {
    pub initiative_id: i64,
    pub number: i64,
    pub problem_statement: String,
    pub shared_vision: String,
    pub results: String,
    pub reason: String,
    pub author_user_id: Option<i64>,
    pub author_name: String,
    pub created_at: DateTime<Utc>,
}

impl AgendaRow {
    pub fn into_domain(self) -> Result<AgendaVersion, StoreError> {
        Ok(AgendaVersion {
            initiative_id: self.initiative_id,
            number: self.number,
            problem_statement: self.problem_statement,
            shared_vision: self.shared_vision,
            results: json(&self.results)?,
            reason: self.reason,
            author_user_id: self.author_user_id,
            author_name: self.author_name,
            created_at: self.created_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub struct EndorsementRow {
    pub version: i64,
    pub organization_id: i64,
    pub organization_name: String,
    pub endorsed_by_user_id: Option<i64>,
    pub endorsed_by_name: String,
    pub note: String,
    pub created_at: DateTime<Utc>,
}

impl EndorsementRow {
    pub fn into_domain(self) -> Endorsement {
        Endorsement {
            version: self.version,
            organization_id: self.organization_id,
            organization_name: self.organization_name,
            endorsed_by_user_id: self.endorsed_by_user_id,
            endorsed_by_name: self.endorsed_by_name,
            note: self.note,
            created_at: self.created_at,
        }
    }
}

#[derive(sqlx::FromRow)]
pub struct OrganizationRow {
    pub id: i64,
    pub initiative_id: i64,
    pub name: String,
    pub sector: String,
    pub budget_band: String,
    pub resident_led: bool,
    pub service_area: String,
    pub website: String,
    pub leadership: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl OrganizationRow {
    pub fn into_domain(self) -> Result<Organization, StoreError> {
        Ok(Organization {
            id: self.id,
            initiative_id: self.initiative_id,
            name: self.name,
            sector: vocab(Sector::parse, &self.sector, "sector")?,
            budget_band: vocab(BudgetBand::parse, &self.budget_band, "budget band")?,
            resident_led: self.resident_led,
            service_area: json(&self.service_area)?,
            website: self.website,
            leadership: self.leadership.as_deref().map(json).transpose()?,
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub struct PersonRow {
    pub id: i64,
    pub initiative_id: i64,
    pub name: String,
    pub email: String,
    pub phone: String,
    pub organization_id: Option<i64>,
    pub organization_name: Option<String>,
    pub title: String,
    pub demographics: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl PersonRow {
    pub fn into_domain(self) -> Result<Person, StoreError> {
        Ok(Person {
            id: self.id,
            initiative_id: self.initiative_id,
            name: self.name,
            email: self.email,
            phone: self.phone,
            organization_id: self.organization_id,
            organization_name: self.organization_name,
            title: self.title,
            demographics: self.demographics.as_deref().map(json).transpose()?,
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub struct TableRow {
    pub id: i64,
    pub initiative_id: i64,
    pub name: String,
    pub kind: String,
    pub purpose: String,
    pub result_key: Option<String>,
    pub active_members: i64,
    pub created_at: DateTime<Utc>,
}

impl TableRow {
    pub fn into_domain(self) -> Result<Table, StoreError> {
        Ok(Table {
            id: self.id,
            initiative_id: self.initiative_id,
            name: self.name,
            kind: vocab(TableKind::parse, &self.kind, "table kind")?,
            purpose: self.purpose,
            result_key: self.result_key,
            active_members: self.active_members,
            created_at: self.created_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub struct MembershipRow {
    pub id: i64,
    pub table_id: i64,
    pub table_name: String,
    pub person_id: i64,
    pub person_name: String,
    pub organization_name: Option<String>,
    pub role: String,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
}

impl MembershipRow {
    pub fn into_domain(self) -> Result<Membership, StoreError> {
        Ok(Membership {
            id: self.id,
            table_id: self.table_id,
            table_name: self.table_name,
            person_id: self.person_id,
            person_name: self.person_name,
            organization_name: self.organization_name,
            role: vocab(MemberRole::parse, &self.role, "member role")?,
            start_date: self.start_date,
            end_date: self.end_date,
        })
    }
}

#[derive(sqlx::FromRow)]
pub struct UserRow {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub server_admin: bool,
    pub disabled: bool,
    pub created_at: DateTime<Utc>,
}

impl UserRow {
    pub fn into_domain(self) -> User {
        User {
            id: self.id,
            username: self.username,
            display_name: self.display_name,
            server_admin: self.server_admin,
            disabled: self.disabled,
            created_at: self.created_at,
        }
    }
}

#[derive(sqlx::FromRow)]
pub struct CredentialsRow {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub server_admin: bool,
    pub disabled: bool,
    pub created_at: DateTime<Utc>,
    pub password_hash: Option<String>,
}

#[derive(sqlx::FromRow)]
pub struct GrantRow {
    pub user_id: i64,
    pub initiative_id: i64,
    pub role: String,
    pub organization_id: Option<i64>,
}

impl GrantRow {
    pub fn into_domain(self) -> Result<RoleGrant, StoreError> {
        Ok(RoleGrant {
            user_id: self.user_id,
            initiative_id: self.initiative_id,
            role: vocab(Role::parse, &self.role, "role")?,
            organization_id: self.organization_id,
        })
    }
}

#[derive(sqlx::FromRow)]
pub struct TokenRow {
    pub id: i64,
    pub user_id: i64,
    pub name: String,
    pub prefix: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

impl TokenRow {
    pub fn into_domain(self) -> ApiToken {
        ApiToken {
            id: self.id,
            user_id: self.user_id,
            name: self.name,
            prefix: self.prefix,
            created_at: self.created_at,
            last_used_at: self.last_used_at,
            revoked_at: self.revoked_at,
        }
    }
}

#[derive(sqlx::FromRow)]
pub struct AuditRow {
    pub id: i64,
    pub initiative_id: Option<i64>,
    pub actor_user_id: Option<i64>,
    pub actor_name: String,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<i64>,
    pub before_json: Option<String>,
    pub after_json: Option<String>,
    pub at: DateTime<Utc>,
}

impl AuditRow {
    pub fn into_domain(self) -> Result<AuditEntry, StoreError> {
        Ok(AuditEntry {
            id: self.id,
            initiative_id: self.initiative_id,
            actor_user_id: self.actor_user_id,
            actor_name: self.actor_name,
            action: self.action,
            entity: self.entity,
            entity_id: self.entity_id,
            before: self.before_json.as_deref().map(json).transpose()?,
            after: self.after_json.as_deref().map(json).transpose()?,
            at: self.at,
        })
    }
}

// ---------------------------------------------------------------- shared measurement

use backbone_core::indicator::*;
use backbone_core::measure::analytics::{Direction, Unit};
use backbone_core::measure::period::PeriodKind;

#[derive(sqlx::FromRow)]
pub struct IndicatorRow {
    pub id: i64,
    pub initiative_id: i64,
    pub key: String,
    pub name: String,
    pub description: String,
    pub numerator_definition: String,
    pub denominator_definition: String,
    pub unit: String,
    pub direction: String,
    pub period_kind: String,
    pub source: String,
    pub level: String,
    pub result_key: Option<String>,
    pub owner_organization_id: Option<i64>,
    pub baseline_period: Option<String>,
    pub targets: String,
    pub suppression_threshold: i64,
    pub min_gap_change: Option<f64>,
    pub published: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl IndicatorRow {
    pub fn into_domain(self) -> Result<Indicator, StoreError> {
        Ok(Indicator {
            id: self.id,
            initiative_id: self.initiative_id,
            key: self.key,
            name: self.name,
            description: self.description,
            numerator_definition: self.numerator_definition,
            denominator_definition: self.denominator_definition,
            unit: vocab(Unit::parse, &self.unit, "unit")?,
            direction: vocab(Direction::parse, &self.direction, "direction")?,
            period_kind: vocab(PeriodKind::parse, &self.period_kind, "period kind")?,
            source: self.source,
            level: vocab(Level::parse, &self.level, "level")?,
            result_key: self.result_key,
            owner_organization_id: self.owner_organization_id,
            baseline_period: self.baseline_period,
            targets: json(&self.targets)?,
            suppression_threshold: self.suppression_threshold as u32,
            min_gap_change: self.min_gap_change,
            published: self.published,
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub struct GeographyRow {
    pub code: String,
    pub name: String,
    pub level: String,
    pub parent: Option<String>,
}

impl GeographyRow {
    pub fn into_domain(self) -> Result<Geography, StoreError> {
        Ok(Geography {
            code: self.code,
            name: self.name,
            level: vocab(GeoLevel::parse, &self.level, "place level")?,
            parent: self.parent,
        })
    }
}

#[derive(sqlx::FromRow)]
pub struct DimensionRow {
    pub key: String,
    pub name: String,
    pub vals: String,
}

impl DimensionRow {
    pub fn into_domain(self) -> Result<Dimension, StoreError> {
        Ok(Dimension { key: self.key, name: self.name, values: json(&self.vals)? })
    }
}

#[derive(sqlx::FromRow)]
pub struct ObservationRow {
    pub id: i64,
    pub indicator_key: String,
    pub unit: String,
    pub period: String,
    pub geography: String,
    pub groups: String,
    pub numerator: f64,
    pub denominator: Option<f64>,
    pub organization_id: i64,
    pub status: String,
    pub return_reason: Option<String>,
    pub revision: i64,
    pub updated_at: DateTime<Utc>,
}

impl ObservationRow {
    pub fn into_domain(self) -> Result<Observation, StoreError> {
        let unit = vocab(Unit::parse, &self.unit, "unit")?;
        Ok(Observation {
            id: self.id,
            indicator_key: self.indicator_key,
            period: self.period,
            geography: self.geography,
            groups: parse_groups(&self.groups).map_err(StoreError::Backend)?,
            numerator: self.numerator,
            denominator: self.denominator,
            value: backbone_core::measure::analytics::value_of(unit, self.numerator, self.denominator),
            organization_id: self.organization_id,
            status: vocab(ObservationStatus::parse, &self.status, "status")?,
            return_reason: self.return_reason,
            revision: self.revision,
            updated_at: self.updated_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub struct RevisionRow {
    pub revision: i64,
    pub numerator: f64,
    pub denominator: Option<f64>,
    pub status: String,
    pub note: Option<String>,
    pub actor_name: String,
    pub at: DateTime<Utc>,
}

impl RevisionRow {
    pub fn into_domain(self) -> Result<backbone_core::store::ObservationRevision, StoreError> {
        Ok(backbone_core::store::ObservationRevision {
            revision: self.revision,
            numerator: self.numerator,
            denominator: self.denominator,
            status: vocab(ObservationStatus::parse, &self.status, "status")?,
            note: self.note,
            actor_name: self.actor_name,
            at: self.at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub struct CellRow {
    pub period: String,
    pub geography: String,
    pub groups: String,
    pub numerator: f64,
    pub denominator: Option<f64>,
}
