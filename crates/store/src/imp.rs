//! The SQL behind the Store, instantiated for each backend by `store_impl!`.

use crate::rows::*;
use crate::{PgStore, SqliteStore};
use backbone_core::export::{org_input, person_input, InitiativeExport, ObservationExport, EXPORT_FORMAT};
use backbone_core::indicator::*;
use backbone_core::model::*;
use backbone_core::store::{AuditQuery, CellSum, ObservationQuery, ObservationRevision, Review, Store, SubmitSummary};
use backbone_core::{StoreError, StoreResult};
use chrono::{DateTime, Utc};
use std::collections::HashMap;

/// Maps a database error to the Store's error; unique-constraint violations become conflicts that
/// name the field a user can change.
pub fn db_err(e: sqlx::Error) -> StoreError {
    match &e {
        sqlx::Error::RowNotFound => StoreError::NotFound("record"),
        sqlx::Error::Database(d) if d.is_unique_violation() => {
            // SQLite names columns in the message, PostgreSQL names the index.
            let what = format!("{} {}", d.constraint().unwrap_or(""), d.message());
            let (field, reason) = if what.contains("indicators") {
                ("key", "another indicator of this initiative already uses this key")
            } else if what.contains("initiatives") {
                ("slug", "another initiative already uses this short name")
            } else if what.contains("organizations") {
                ("name", "another organisation in this initiative already has this name")
            } else if what.contains("tables") {
                ("name", "another table in this initiative already has this name")
            } else if what.contains("users") {
                ("username", "this username is taken")
            } else if what.contains("endorsements") {
                ("organization_id", "this organisation has already endorsed this version")
            } else if what.contains("role_grants") {
                ("role", "the user already holds this role")
            } else if what.contains("agenda_versions") {
                ("based_on", "someone else saved a new version at the same moment; reload and try again")
            } else {
                ("", "this record already exists")
            };
            StoreError::conflict(field, reason)
        }
        sqlx::Error::Database(d) if d.is_foreign_key_violation() => {
            StoreError::conflict("", "this refers to a record that does not exist")
        }
        _ => {
            tracing::error!(error = %e, "database error");
            StoreError::Backend(e.to_string())
        }
    }
}

fn not_found(what: &'static str) -> impl FnOnce(StoreError) -> StoreError {
    move |e| match e {
        StoreError::NotFound(_) => StoreError::NotFound(what),
        other => other,
    }
}

const INITIATIVE_COLS: &str = "id, slug, name, description, phase, published, created_at";
const ORG_COLS: &str =
    "id, initiative_id, name, sector, budget_band, resident_led, service_area, website, leadership, created_at, updated_at";
const PERSON_SELECT: &str = "SELECT p.id, p.initiative_id, p.name, p.email, p.phone, p.organization_id, \
     o.name AS organization_name, p.title, p.demographics, p.created_at, p.updated_at \
     FROM people p LEFT JOIN organizations o ON o.id = p.organization_id";
const TABLE_SELECT: &str = "SELECT t.id, t.initiative_id, t.name, t.kind, t.purpose, t.result_key, t.created_at, \
     (SELECT COUNT(*) FROM memberships m WHERE m.table_id = t.id AND m.start_date <= $1 \
        AND (m.end_date IS NULL OR m.end_date >= $1)) AS active_members \
     FROM tables t";
const MEMBERSHIP_SELECT: &str = "SELECT m.id, m.table_id, t.name AS table_name, m.person_id, p.name AS person_name, \
     o.name AS organization_name, m.role, m.start_date, m.end_date \
     FROM memberships m JOIN tables t ON t.id = m.table_id JOIN people p ON p.id = m.person_id \
     LEFT JOIN organizations o ON o.id = p.organization_id";
const AGENDA_COLS: &str =
    "initiative_id, number, problem_statement, shared_vision, results, reason, author_user_id, author_name, created_at";
const ENDORSEMENT_SELECT: &str = "SELECT e.version, e.organization_id, o.name AS organization_name, \
     e.endorsed_by_user_id, e.endorsed_by_name, e.note, e.created_at \
     FROM endorsements e JOIN organizations o ON o.id = e.organization_id";
const USER_COLS: &str = "id, username, display_name, server_admin, disabled, created_at";
const TOKEN_COLS: &str = "id, user_id, name, prefix, created_at, last_used_at, revoked_at";
const INDICATOR_COLS: &str =
    "id, initiative_id, key, name, description, numerator_definition, denominator_definition, \
     unit, direction, period_kind, source, level, result_key, owner_organization_id, baseline_period, targets, \
     suppression_threshold, min_gap_change, published, created_at, updated_at";
const OBSERVATION_SELECT: &str =
    "SELECT o.id, i.key AS indicator_key, i.unit, o.period, o.geography, o.groups, o.numerator, \
     o.denominator, o.organization_id, o.status, o.return_reason, o.revision, o.updated_at \
     FROM observations o JOIN indicators i ON i.id = o.indicator_id";
const AUDIT_COLS: &str =
    "id, initiative_id, actor_user_id, actor_name, action, entity, entity_id, before_json, after_json, at";

fn today() -> chrono::NaiveDate {
    Utc::now().date_naive()
}

/// The audit record of one write, made in the write's own transaction.
struct Audit<'a> {
    initiative_id: Option<Id>,
    action: &'a str,
    entity: &'a str,
    entity_id: Option<Id>,
    before: Option<String>,
    after: Option<String>,
}

/// One submitted number: indicator id, period, place, groups key, numerator, denominator.
type Staged<'a> = (Id, &'a str, &'a str, String, f64, Option<f64>);

/// Who writes a submission, and when: every row it touches carries both.
struct Submitter<'a> {
    organization_id: Id,
    at: DateTime<Utc>,
    actor: &'a str,
    /// `submitted`, or `draft` for numbers not yet sent for review.
    status: &'static str,
}

/// `VALUES (…), (…)` of submitted rows, as SQLite's column1 … column6.
fn push_rows<'a>(q: &mut sqlx::QueryBuilder<'a, sqlx::Sqlite>, rows: &'a [Staged<'a>]) {
    q.push_values(rows, |mut b, r| {
        b.push_bind(r.0).push_bind(r.1).push_bind(r.2).push_bind(r.3.as_str()).push_bind(r.4).push_bind(r.5);
    });
}

impl SqliteStore {
    /// SQLite writes each batch straight into `observations` with one multi-row upsert: a new
    /// cell is inserted, a different number for an existing cell is a correction (the trigger
    /// keeps the old one), the same number again changes nothing. Answers the rows written.
    async fn write_batch(
        tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>,
        rows: &[Staged<'_>],
        by: &Submitter<'_>,
    ) -> StoreResult<Written> {
        let mut written = Written::default();
        for chunk in rows.chunks(BATCH_ROWS) {
            if by.status == "draft" {
                // Counted before writing: the cells whose number differs from one already sent.
                let mut q = sqlx::QueryBuilder::<sqlx::Sqlite>::new("SELECT COUNT(*) FROM observations o JOIN (");
                push_rows(&mut q, chunk);
                q.push(
                    ") v ON o.indicator_id = v.column1 AND o.period = v.column2 AND o.geography = v.column3 AND o.groups = v.column4 \
                     WHERE o.status <> 'draft' AND (o.numerator <> v.column5 OR o.denominator IS NOT v.column6) AND o.organization_id = ",
                );
                q.push_bind(by.organization_id);
                let n: i64 = q.build_query_scalar().fetch_one(&mut **tx).await.map_err(db_err)?;
                written.already_sent += n as u64;
            }
            let mut q = sqlx::QueryBuilder::<sqlx::Sqlite>::new(
                "INSERT INTO observations (indicator_id, period, geography, groups, numerator, denominator, organization_id, status, revision, updated_at, updated_by) \
                 SELECT column1, column2, column3, column4, column5, column6, ",
            );
            q.push_bind(by.organization_id)
                .push(", ")
                .push_bind(by.status)
                .push(", 1, ")
                .push_bind(by.at)
                .push(", ")
                .push_bind(by.actor)
                .push(" FROM (");
            push_rows(&mut q, chunk);
            q.push(
                ") WHERE true ON CONFLICT (indicator_id, period, geography, groups, organization_id) DO UPDATE SET \
                 numerator = excluded.numerator, denominator = excluded.denominator, status = excluded.status, return_reason = NULL, \
                 revision = observations.revision + (observations.numerator <> excluded.numerator OR observations.denominator IS NOT excluded.denominator), \
                 updated_at = excluded.updated_at, updated_by = excluded.updated_by \
                 WHERE ((observations.numerator <> excluded.numerator OR observations.denominator IS NOT excluded.denominator) \
                 AND (excluded.status = 'submitted' OR observations.status = 'draft')) \
                 OR (excluded.status = 'submitted' AND observations.status = 'draft')",
            );
            written.rows += q.build().execute(&mut **tx).await.map_err(db_err)?.rows_affected();
        }
        Ok(written)
    }

    /// SQLite transactions that write start with BEGIN IMMEDIATE: submissions never overlap.
    async fn begin_submission(_tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>, _by: &Submitter<'_>) -> StoreResult<()> {
        Ok(())
    }

    async fn finish_submission(
        _tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>,
        _by: &Submitter<'_>,
    ) -> StoreResult<Written> {
        Ok(Written::default())
    }
}

impl PgStore {
    /// PostgreSQL stages rows with COPY, its bulk loader; `finish_submission` applies them.
    async fn write_batch(
        tx: &mut sqlx::Transaction<'_, sqlx::Postgres>,
        rows: &[Staged<'_>],
        _by: &Submitter<'_>,
    ) -> StoreResult<Written> {
        fn quote(out: &mut String, s: &str) {
            out.push('"');
            out.push_str(&s.replace('"', "\"\""));
            out.push('"');
        }
        let mut data = String::with_capacity(rows.len() * 64);
        for r in rows {
            data.push_str(&r.0.to_string());
            data.push(',');
            quote(&mut data, r.1);
            data.push(',');
            quote(&mut data, r.2);
            data.push(',');
            quote(&mut data, &r.3);
            data.push(',');
            data.push_str(&r.4.to_string());
            data.push(',');
            if let Some(d) = r.5 {
                data.push_str(&d.to_string());
            }
            data.push('\n');
        }
        let mut copy = tx
            .copy_in_raw("COPY obs_stage (indicator_id, period, geography, groups, numerator, denominator) FROM STDIN WITH (FORMAT csv)")
            .await
            .map_err(db_err)?;
        copy.send(data.into_bytes()).await.map_err(db_err)?;
        copy.finish().await.map_err(db_err)?;
        Ok(Written::default())
    }

    async fn begin_submission(tx: &mut sqlx::Transaction<'_, sqlx::Postgres>, by: &Submitter<'_>) -> StoreResult<()> {
        // One submission per organisation at a time, across app servers: two at once could both
        // find a cell new and insert it twice.
        sqlx::query("SELECT pg_advisory_xact_lock($1)")
            .bind(SUBMISSION_LOCK | by.organization_id)
            .execute(&mut **tx)
            .await
            .map_err(db_err)?;
        sqlx::query(
            "CREATE TEMP TABLE IF NOT EXISTS obs_stage (indicator_id BIGINT, period TEXT, geography TEXT, groups TEXT, \
             numerator DOUBLE PRECISION, denominator DOUBLE PRECISION) ON COMMIT DROP",
        )
        .execute(&mut **tx)
        .await
        .map_err(db_err)?;
        sqlx::query("TRUNCATE obs_stage").execute(&mut **tx).await.map_err(db_err)?;
        Ok(())
    }

    /// Set-based: one UPDATE for the corrections (the trigger keeps the old numbers), one INSERT
    /// for the new cells (an anti-join: measured faster than ON CONFLICT's speculative inserts).
    /// Answers the rows written.
    async fn finish_submission(
        tx: &mut sqlx::Transaction<'_, sqlx::Postgres>,
        by: &Submitter<'_>,
    ) -> StoreResult<Written> {
        let already_sent = if by.status == "draft" {
            let n: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM obs_stage s JOIN observations o ON o.organization_id = $1 AND o.indicator_id = s.indicator_id \
                 AND o.period = s.period AND o.geography = s.geography AND o.groups = s.groups \
                 WHERE o.status <> 'draft' AND (o.numerator <> s.numerator OR o.denominator IS DISTINCT FROM s.denominator)",
            )
            .bind(by.organization_id)
            .fetch_one(&mut **tx)
            .await
            .map_err(db_err)?;
            n as u64
        } else {
            0
        };
        let revised = sqlx::query(
            "UPDATE observations SET numerator = s.numerator, denominator = s.denominator, status = $4, return_reason = NULL, \
             revision = observations.revision + CASE WHEN observations.numerator <> s.numerator \
             OR observations.denominator IS DISTINCT FROM s.denominator THEN 1 ELSE 0 END, updated_at = $1, updated_by = $3 \
             FROM obs_stage s WHERE observations.organization_id = $2 AND observations.indicator_id = s.indicator_id \
             AND observations.period = s.period AND observations.geography = s.geography AND observations.groups = s.groups \
             AND (((observations.numerator <> s.numerator OR observations.denominator IS DISTINCT FROM s.denominator) \
             AND ($4 = 'submitted' OR observations.status = 'draft')) OR ($4 = 'submitted' AND observations.status = 'draft'))",
        )
        .bind(by.at)
        .bind(by.organization_id)
        .bind(by.actor)
        .bind(by.status)
        .execute(&mut **tx)
        .await
        .map_err(db_err)?
        .rows_affected();
        tracing::debug!(revised, "staged corrections applied");
        let added = sqlx::query(
            "INSERT INTO observations (indicator_id, period, geography, groups, organization_id, numerator, denominator, status, revision, updated_at, updated_by) \
             SELECT s.indicator_id, s.period, s.geography, s.groups, $1, s.numerator, s.denominator, $4, 1, $2, $3 FROM obs_stage s \
             WHERE NOT EXISTS (SELECT 1 FROM observations o WHERE o.organization_id = $1 AND o.indicator_id = s.indicator_id \
             AND o.period = s.period AND o.geography = s.geography AND o.groups = s.groups)",
        )
        .bind(by.organization_id)
        .bind(by.at)
        .bind(by.actor)
        .bind(by.status)
        .execute(&mut **tx)
        .await
        .map_err(db_err)?
        .rows_affected();
        sqlx::query("TRUNCATE obs_stage").execute(&mut **tx).await.map_err(db_err)?;
        Ok(Written { rows: revised + added, already_sent })
    }
}

/// What writing a submission's rows did: rows inserted or changed, and (saving drafts) numbers
/// left alone because they differ from ones already sent for review.
#[derive(Default)]
struct Written {
    rows: u64,
    already_sent: u64,
}

/// The PostgreSQL advisory-lock key space of submissions (one key per organisation).
const SUBMISSION_LOCK: i64 = 0x4242 << 48;

/// Rows per multi-row upsert (6 parameters each, well under SQLite's limit).
const BATCH_ROWS: usize = 1000;

macro_rules! store_impl {
    ($store:ident, $db:ty, $begin:literal, $backend:literal) => {
        impl $store {
            async fn begin(&self) -> StoreResult<sqlx::Transaction<'_, $db>> {
                self.pool.begin_with($begin).await.map_err(db_err)
            }

            async fn audit(tx: &mut sqlx::Transaction<'_, $db>, actor: &Actor, a: Audit<'_>, at: DateTime<Utc>) -> StoreResult<()> {
                sqlx::query(
                    "INSERT INTO audit_log (initiative_id, actor_user_id, actor_name, action, entity, entity_id, before_json, after_json, at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                )
                .bind(a.initiative_id)
                .bind(actor.user_id)
                .bind(&actor.name)
                .bind(a.action)
                .bind(a.entity)
                .bind(a.entity_id)
                .bind(a.before)
                .bind(a.after)
                .bind(at)
                .execute(&mut **tx)
                .await
                .map_err(db_err)?;
                Ok(())
            }

            async fn initiative_tx(tx: &mut sqlx::Transaction<'_, $db>, id: Id) -> StoreResult<Initiative> {
                sqlx::query_as::<_, InitiativeRow>(&format!("SELECT {INITIATIVE_COLS} FROM initiatives WHERE id = $1"))
                    .bind(id)
                    .fetch_one(&mut **tx)
                    .await
                    .map_err(db_err)
                    .map_err(not_found("initiative"))?
                    .into_domain()
            }

            async fn org_tx(tx: &mut sqlx::Transaction<'_, $db>, initiative_id: Id, id: Id) -> StoreResult<Organization> {
                sqlx::query_as::<_, OrganizationRow>(&format!(
                    "SELECT {ORG_COLS} FROM organizations WHERE id = $1 AND initiative_id = $2"
                ))
                .bind(id)
                .bind(initiative_id)
                .fetch_one(&mut **tx)
                .await
                .map_err(db_err)
                .map_err(not_found("organisation"))?
                .into_domain()
            }

            async fn person_tx(tx: &mut sqlx::Transaction<'_, $db>, initiative_id: Id, id: Id) -> StoreResult<Person> {
                sqlx::query_as::<_, PersonRow>(&format!("{PERSON_SELECT} WHERE p.id = $1 AND p.initiative_id = $2"))
                    .bind(id)
                    .bind(initiative_id)
                    .fetch_one(&mut **tx)
                    .await
                    .map_err(db_err)
                    .map_err(not_found("person"))?
                    .into_domain()
            }

            async fn table_tx(tx: &mut sqlx::Transaction<'_, $db>, initiative_id: Id, id: Id) -> StoreResult<Table> {
                sqlx::query_as::<_, TableRow>(&format!("{TABLE_SELECT} WHERE t.id = $2 AND t.initiative_id = $3"))
                    .bind(today())
                    .bind(id)
                    .bind(initiative_id)
                    .fetch_one(&mut **tx)
                    .await
                    .map_err(db_err)
                    .map_err(not_found("table"))?
                    .into_domain()
            }

            async fn membership_tx(tx: &mut sqlx::Transaction<'_, $db>, initiative_id: Id, id: Id) -> StoreResult<Membership> {
                sqlx::query_as::<_, MembershipRow>(&format!("{MEMBERSHIP_SELECT} WHERE m.id = $1 AND t.initiative_id = $2"))
                    .bind(id)
                    .bind(initiative_id)
                    .fetch_one(&mut **tx)
                    .await
                    .map_err(db_err)
                    .map_err(not_found("membership"))?
                    .into_domain()
            }

            async fn check_org_in_initiative(tx: &mut sqlx::Transaction<'_, $db>, initiative_id: Id, org: Option<Id>, field: &str) -> StoreResult<()> {
                if let Some(org) = org {
                    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM organizations WHERE id = $1 AND initiative_id = $2")
                        .bind(org)
                        .bind(initiative_id)
                        .fetch_one(&mut **tx)
                        .await
                        .map_err(db_err)?;
                    if n == 0 {
                        return Err(backbone_core::Invalid::one(field, "is not an organisation of this initiative").into());
                    }
                }
                Ok(())
            }

            async fn insert_org(tx: &mut sqlx::Transaction<'_, $db>, initiative_id: Id, o: &OrganizationInput, created: DateTime<Utc>, updated: DateTime<Utc>) -> StoreResult<Id> {
                sqlx::query_scalar(
                    "INSERT INTO organizations (initiative_id, name, sector, budget_band, resident_led, service_area, website, leadership, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
                )
                .bind(initiative_id)
                .bind(o.name.trim())
                .bind(o.sector.as_str())
                .bind(o.budget_band.as_str())
                .bind(o.resident_led)
                .bind(to_json(&o.service_area))
                .bind(o.website.trim())
                .bind(o.leadership.as_ref().map(to_json))
                .bind(created)
                .bind(updated)
                .fetch_one(&mut **tx)
                .await
                .map_err(db_err)
            }

            async fn insert_person(tx: &mut sqlx::Transaction<'_, $db>, initiative_id: Id, p: &PersonInput, created: DateTime<Utc>, updated: DateTime<Utc>) -> StoreResult<Id> {
                sqlx::query_scalar(
                    "INSERT INTO people (initiative_id, name, email, phone, organization_id, title, demographics, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
                )
                .bind(initiative_id)
                .bind(p.name.trim())
                .bind(p.email.trim())
                .bind(p.phone.trim())
                .bind(p.organization_id)
                .bind(p.title.trim())
                .bind(p.demographics.as_ref().map(to_json))
                .bind(created)
                .bind(updated)
                .fetch_one(&mut **tx)
                .await
                .map_err(db_err)
            }

            async fn insert_table(tx: &mut sqlx::Transaction<'_, $db>, initiative_id: Id, t: &TableInput, created: DateTime<Utc>) -> StoreResult<Id> {
                sqlx::query_scalar(
                    "INSERT INTO tables (initiative_id, name, kind, purpose, result_key, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                )
                .bind(initiative_id)
                .bind(t.name.trim())
                .bind(t.kind.as_str())
                .bind(t.purpose.trim())
                .bind(t.result_key.as_deref())
                .bind(created)
                .fetch_one(&mut **tx)
                .await
                .map_err(db_err)
            }

            async fn insert_membership(tx: &mut sqlx::Transaction<'_, $db>, table_id: Id, m: &MembershipInput) -> StoreResult<Id> {
                sqlx::query_scalar(
                    "INSERT INTO memberships (table_id, person_id, role, start_date, end_date) VALUES ($1, $2, $3, $4, $5) RETURNING id",
                )
                .bind(table_id)
                .bind(m.person_id)
                .bind(m.role.as_str())
                .bind(m.start_date)
                .bind(m.end_date)
                .fetch_one(&mut **tx)
                .await
                .map_err(db_err)
            }

            #[allow(clippy::too_many_arguments)]
            async fn insert_agenda(
                tx: &mut sqlx::Transaction<'_, $db>,
                initiative_id: Id,
                number: i64,
                input: &AgendaInput,
                author_user_id: Option<Id>,
                author_name: &str,
                at: DateTime<Utc>,
            ) -> StoreResult<()> {
                sqlx::query(&format!("INSERT INTO agenda_versions ({AGENDA_COLS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"))
                    .bind(initiative_id)
                    .bind(number)
                    .bind(input.problem_statement.trim())
                    .bind(input.shared_vision.trim())
                    .bind(to_json(&input.results))
                    .bind(input.reason.trim())
                    .bind(author_user_id)
                    .bind(author_name)
                    .bind(at)
                    .execute(&mut **tx)
                    .await
                    .map_err(db_err)?;
                Ok(())
            }

            async fn agenda_tx(tx: &mut sqlx::Transaction<'_, $db>, initiative_id: Id, number: i64) -> StoreResult<AgendaVersion> {
                sqlx::query_as::<_, AgendaRow>(&format!("SELECT {AGENDA_COLS} FROM agenda_versions WHERE initiative_id = $1 AND number = $2"))
                    .bind(initiative_id)
                    .bind(number)
                    .fetch_one(&mut **tx)
                    .await
                    .map_err(db_err)
                    .map_err(not_found("agenda version"))?
                    .into_domain()
            }

            /// Recomputes the published cells of the given (indicator, period) pairs: approved numbers
            /// summed over organisations, suppressed jointly over every margin (core::measure::view).
            async fn refresh_published(tx: &mut sqlx::Transaction<'_, $db>, initiative_id: Id, pairs: &std::collections::BTreeSet<(Id, String)>) -> StoreResult<()> {
                if pairs.is_empty() {
                    return Ok(());
                }
                let geographies = sqlx::query_as::<_, GeographyRow>("SELECT code, name, level, parent FROM geographies WHERE initiative_id = $1")
                    .bind(initiative_id)
                    .fetch_all(&mut **tx)
                    .await
                    .map_err(db_err)?
                    .into_iter()
                    .map(GeographyRow::into_domain)
                    .collect::<StoreResult<Vec<_>>>()?;
                let dimensions = sqlx::query_as::<_, DimensionRow>("SELECT key, name, vals FROM dimensions WHERE initiative_id = $1")
                    .bind(initiative_id)
                    .fetch_all(&mut **tx)
                    .await
                    .map_err(db_err)?
                    .into_iter()
                    .map(DimensionRow::into_domain)
                    .collect::<StoreResult<Vec<_>>>()?;
                let mut indicators: HashMap<Id, Indicator> = HashMap::new();
                for (indicator_id, period) in pairs {
                    if !indicators.contains_key(indicator_id) {
                        let ind = sqlx::query_as::<_, IndicatorRow>(&format!("SELECT {INDICATOR_COLS} FROM indicators WHERE id = $1"))
                            .bind(indicator_id)
                            .fetch_one(&mut **tx)
                            .await
                            .map_err(db_err)?
                            .into_domain()?;
                        indicators.insert(*indicator_id, ind);
                    }
                    let indicator = &indicators[indicator_id];
                    let cells: Vec<CellSum> = sqlx::query_as::<_, CellRow>(
                        "SELECT period, geography, groups, SUM(numerator) AS numerator, SUM(denominator) AS denominator FROM observations \
                         WHERE indicator_id = $1 AND period = $2 AND status = 'approved' GROUP BY period, geography, groups",
                    )
                    .bind(indicator_id)
                    .bind(period)
                    .fetch_all(&mut **tx)
                    .await
                    .map_err(db_err)?
                    .into_iter()
                    .map(|r| CellSum { period: r.period, geography: r.geography, groups: r.groups, numerator: r.numerator, denominator: r.denominator })
                    .collect();
                    let mut cells = cells;
                    backbone_core::measure::view::roll_up_places(&mut cells, &geographies);
                    let hidden = backbone_core::measure::view::hidden_cells(indicator, &cells, &geographies, &dimensions);
                    sqlx::query("DELETE FROM published_cells WHERE indicator_id = $1 AND period = $2")
                        .bind(indicator_id)
                        .bind(period)
                        .execute(&mut **tx)
                        .await
                        .map_err(db_err)?;
                    for chunk in cells.chunks(BATCH_ROWS) {
                        let mut q = sqlx::QueryBuilder::<$db>::new("INSERT INTO published_cells (indicator_id, period, geography, groups, numerator, denominator, hidden) ");
                        q.push_values(chunk, |mut b, c| {
                            let h = hidden.contains(&(c.period.clone(), c.geography.clone(), c.groups.clone()));
                            b.push_bind(*indicator_id)
                                .push_bind(c.period.clone())
                                .push_bind(c.geography.clone())
                                .push_bind(c.groups.clone())
                                .push_bind(c.numerator)
                                .push_bind(c.denominator)
                                .push_bind(h);
                        });
                        q.build().execute(&mut **tx).await.map_err(db_err)?;
                    }
                }
                Ok(())
            }

            /// Every (indicator, period) of an initiative, or of one indicator, that has approved numbers.
            async fn approved_pairs(tx: &mut sqlx::Transaction<'_, $db>, initiative_id: Id, indicator_id: Option<Id>) -> StoreResult<std::collections::BTreeSet<(Id, String)>> {
                Ok(sqlx::query_as::<_, (i64, String)>(
                    "SELECT DISTINCT o.indicator_id, o.period FROM observations o JOIN indicators i ON i.id = o.indicator_id \
                     WHERE i.initiative_id = $1 AND ($2 IS NULL OR o.indicator_id = $2) AND o.status = 'approved'",
                )
                .bind(initiative_id)
                .bind(indicator_id)
                .fetch_all(&mut **tx)
                .await
                .map_err(db_err)?
                .into_iter()
                .collect())
            }

            async fn user_by_name_tx(tx: &mut sqlx::Transaction<'_, $db>, username: &str) -> StoreResult<Option<User>> {
                Ok(sqlx::query_as::<_, UserRow>(&format!("SELECT {USER_COLS} FROM users WHERE lower(username) = lower($1)"))
                    .bind(username)
                    .fetch_optional(&mut **tx)
                    .await
                    .map_err(db_err)?
                    .map(UserRow::into_domain))
            }
        }

        #[async_trait::async_trait]
        impl Store for $store {
            async fn ping(&self) -> StoreResult<()> {
                sqlx::query("SELECT 1").execute(&self.pool).await.map_err(db_err)?;
                Ok(())
            }

            fn backend(&self) -> &'static str {
                $backend
            }

            // ------------------------------------------------------------ initiatives

            async fn list_initiatives(&self) -> StoreResult<Vec<Initiative>> {
                sqlx::query_as::<_, InitiativeRow>(&format!("SELECT {INITIATIVE_COLS} FROM initiatives ORDER BY name"))
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_err)?
                    .into_iter()
                    .map(InitiativeRow::into_domain)
                    .collect()
            }

            async fn initiative_by_slug(&self, slug: &str) -> StoreResult<Initiative> {
                sqlx::query_as::<_, InitiativeRow>(&format!("SELECT {INITIATIVE_COLS} FROM initiatives WHERE slug = $1"))
                    .bind(slug)
                    .fetch_one(&self.pool)
                    .await
                    .map_err(db_err)
                    .map_err(not_found("initiative"))?
                    .into_domain()
            }

            async fn create_initiative(&self, actor: &Actor, input: &NewInitiative) -> StoreResult<Initiative> {
                input.validate()?;
                let now = Utc::now();
                let mut tx = self.begin().await?;
                let id: Id = sqlx::query_scalar(
                    "INSERT INTO initiatives (slug, name, description, phase, published, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                )
                .bind(&input.slug)
                .bind(input.name.trim())
                .bind(input.description.trim())
                .bind(input.phase.as_str())
                .bind(input.published)
                .bind(now)
                .fetch_one(&mut *tx)
                .await
                .map_err(db_err)?;
                let created = Self::initiative_tx(&mut tx, id).await?;
                Self::audit(&mut tx, actor, Audit { initiative_id: Some(id), action: "initiative.create", entity: "initiative", entity_id: Some(id), before: None, after: Some(to_json(&created)) }, now).await?;
                tx.commit().await.map_err(db_err)?;
                Ok(created)
            }

            async fn update_initiative(&self, actor: &Actor, id: Id, input: &InitiativeUpdate) -> StoreResult<Initiative> {
                input.validate()?;
                let now = Utc::now();
                let mut tx = self.begin().await?;
                let before = Self::initiative_tx(&mut tx, id).await?;
                sqlx::query("UPDATE initiatives SET name = $1, description = $2, phase = $3, published = $4 WHERE id = $5")
                    .bind(input.name.as_deref().map(str::trim).unwrap_or(&before.name))
                    .bind(input.description.as_deref().map(str::trim).unwrap_or(&before.description))
                    .bind(input.phase.unwrap_or(before.phase).as_str())
                    .bind(input.published.unwrap_or(before.published))
                    .bind(id)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_err)?;
                let after = Self::initiative_tx(&mut tx, id).await?;
                Self::audit(&mut tx, actor, Audit { initiative_id: Some(id), action: "initiative.update", entity: "initiative", entity_id: Some(id), before: Some(to_json(&before)), after: Some(to_json(&after)) }, now).await?;
                tx.commit().await.map_err(db_err)?;
                Ok(after)
            }

            async fn preconditions(&self, initiative_id: Id) -> StoreResult<Vec<Precondition>> {
                let mut out: Vec<Precondition> = sqlx::query_as::<_, PreconditionRow>(
                    "SELECT kind, readiness, evidence, updated_at FROM preconditions WHERE initiative_id = $1",
                )
                .bind(initiative_id)
                .fetch_all(&self.pool)
                .await
                .map_err(db_err)?
                .into_iter()
                .map(PreconditionRow::into_domain)
                .collect::<StoreResult<_>>()?;
                out.sort_by_key(|p| p.kind);
                Ok(out)
            }

            async fn set_precondition(&self, actor: &Actor, initiative_id: Id, kind: PreconditionKind, input: &PreconditionInput) -> StoreResult<Precondition> {
                input.validate()?;
                let now = Utc::now();
                let mut tx = self.begin().await?;
                Self::initiative_tx(&mut tx, initiative_id).await?;
                let before = sqlx::query_as::<_, PreconditionRow>(
                    "SELECT kind, readiness, evidence, updated_at FROM preconditions WHERE initiative_id = $1 AND kind = $2",
                )
                .bind(initiative_id)
                .bind(kind.as_str())
                .fetch_optional(&mut *tx)
                .await
                .map_err(db_err)?
                .map(PreconditionRow::into_domain)
                .transpose()?;
                sqlx::query("DELETE FROM preconditions WHERE initiative_id = $1 AND kind = $2")
                    .bind(initiative_id)
                    .bind(kind.as_str())
                    .execute(&mut *tx)
                    .await
                    .map_err(db_err)?;
                sqlx::query("INSERT INTO preconditions (initiative_id, kind, readiness, evidence, updated_at) VALUES ($1, $2, $3, $4, $5)")
                    .bind(initiative_id)
                    .bind(kind.as_str())
                    .bind(input.readiness.as_str())
                    .bind(input.evidence.trim())
                    .bind(now)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_err)?;
                let after = Precondition { kind, readiness: input.readiness, evidence: input.evidence.trim().to_string(), updated_at: now };
                Self::audit(&mut tx, actor, Audit { initiative_id: Some(initiative_id), action: "precondition.set", entity: "precondition", entity_id: None, before: before.as_ref().map(to_json), after: Some(to_json(&after)) }, now).await?;
                tx.commit().await.map_err(db_err)?;
                Ok(after)
            }

            // ------------------------------------------------------------ agenda

            async fn agenda_versions(&self, initiative_id: Id) -> StoreResult<Vec<AgendaVersion>> {
                sqlx::query_as::<_, AgendaRow>(&format!("SELECT {AGENDA_COLS} FROM agenda_versions WHERE initiative_id = $1 ORDER BY number DESC"))
                    .bind(initiative_id)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_err)?
                    .into_iter()
                    .map(AgendaRow::into_domain)
                    .collect()
            }

            async fn agenda_version(&self, initiative_id: Id, number: i64) -> StoreResult<AgendaVersion> {
                sqlx::query_as::<_, AgendaRow>(&format!("SELECT {AGENDA_COLS} FROM agenda_versions WHERE initiative_id = $1 AND number = $2"))
                    .bind(initiative_id)
                    .bind(number)
                    .fetch_one(&self.pool)
                    .await
                    .map_err(db_err)
                    .map_err(not_found("agenda version"))?
                    .into_domain()
            }

            async fn current_agenda(&self, initiative_id: Id) -> StoreResult<Option<AgendaVersion>> {
                sqlx::query_as::<_, AgendaRow>(&format!(
                    "SELECT {AGENDA_COLS} FROM agenda_versions WHERE initiative_id = $1 ORDER BY number DESC LIMIT 1"
                ))
                .bind(initiative_id)
                .fetch_optional(&self.pool)
                .await
                .map_err(db_err)?
                .map(AgendaRow::into_domain)
                .transpose()
            }

            async fn create_agenda_version(&self, actor: &Actor, initiative_id: Id, input: &AgendaInput) -> StoreResult<AgendaVersion> {
                input.validate()?;
                let now = Utc::now();
                let mut tx = self.begin().await?;
                Self::initiative_tx(&mut tx, initiative_id).await?;
                let current: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(number), 0) FROM agenda_versions WHERE initiative_id = $1")
                    .bind(initiative_id)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(db_err)?;
                if input.based_on != current {
                    let by = if current > 0 {
                        let v = Self::agenda_tx(&mut tx, initiative_id, current).await?;
                        format!("{} saved version {} on {}", v.author_name, current, v.created_at.format("%Y-%m-%d %H:%M UTC"))
                    } else {
                        "there is no version yet".to_string()
                    };
                    return Err(StoreError::conflict(
                        "based_on",
                        format!("you edited version {}, but {by}; reload the agenda, then make your change again", input.based_on),
                    ));
                }
                let number = current + 1;
                Self::insert_agenda(&mut tx, initiative_id, number, input, actor.user_id, &actor.name, now).await?;
                let v = Self::agenda_tx(&mut tx, initiative_id, number).await?;
                Self::audit(&mut tx, actor, Audit { initiative_id: Some(initiative_id), action: "agenda.version", entity: "agenda_version", entity_id: Some(number), before: None, after: Some(to_json(&v)) }, now).await?;
                tx.commit().await.map_err(db_err)?;
                Ok(v)
            }

            async fn endorsements(&self, initiative_id: Id, version: Option<i64>) -> StoreResult<Vec<Endorsement>> {
                Ok(sqlx::query_as::<_, EndorsementRow>(&format!(
                    "{ENDORSEMENT_SELECT} WHERE e.initiative_id = $1 AND ($2 IS NULL OR e.version = $2) ORDER BY e.version DESC, e.created_at"
                ))
                .bind(initiative_id)
                .bind(version)
                .fetch_all(&self.pool)
                .await
                .map_err(db_err)?
                .into_iter()
                .map(EndorsementRow::into_domain)
                .collect())
            }

            async fn endorse(&self, actor: &Actor, initiative_id: Id, version: i64, input: &EndorsementInput) -> StoreResult<Endorsement> {
                input.validate()?;
                let now = Utc::now();
                let mut tx = self.begin().await?;
                Self::agenda_tx(&mut tx, initiative_id, version).await?;
                Self::check_org_in_initiative(&mut tx, initiative_id, Some(input.organization_id), "organization_id").await?;
                sqlx::query(
                    "INSERT INTO endorsements (initiative_id, version, organization_id, endorsed_by_user_id, endorsed_by_name, note, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(initiative_id)
                .bind(version)
                .bind(input.organization_id)
                .bind(actor.user_id)
                .bind(&actor.name)
                .bind(input.note.trim())
                .bind(now)
                .execute(&mut *tx)
                .await
                .map_err(db_err)?;
                let e = sqlx::query_as::<_, EndorsementRow>(&format!(
                    "{ENDORSEMENT_SELECT} WHERE e.initiative_id = $1 AND e.version = $2 AND e.organization_id = $3"
                ))
                .bind(initiative_id)
                .bind(version)
                .bind(input.organization_id)
                .fetch_one(&mut *tx)
                .await
                .map_err(db_err)?
                .into_domain();
                Self::audit(&mut tx, actor, Audit { initiative_id: Some(initiative_id), action: "agenda.endorse", entity: "endorsement", entity_id: Some(version), before: None, after: Some(to_json(&e)) }, now).await?;
                tx.commit().await.map_err(db_err)?;
                Ok(e)
            }

            // ------------------------------------------------------------ organisations

            async fn organizations(&self, initiative_id: Id) -> StoreResult<Vec<Organization>> {
                sqlx::query_as::<_, OrganizationRow>(&format!("SELECT {ORG_COLS} FROM organizations WHERE initiative_id = $1 ORDER BY lower(name)"))
                    .bind(initiative_id)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_err)?
                    .into_iter()
                    .map(OrganizationRow::into_domain)
                    .collect()
            }

            async fn organization(&self, initiative_id: Id, id: Id) -> StoreResult<Organization> {
                let mut tx = self.pool.begin().await.map_err(db_err)?;
                let o = Self::org_tx(&mut tx, initiative_id, id).await;
                tx.rollback().await.map_err(db_err)?;
                o
            }

            async fn create_organization(&self, actor: &Actor, initiative_id: Id, input: &OrganizationInput) -> StoreResult<Organization> {
                input.validate()?;
                let now = Utc::now();
                let mut tx = self.begin().await?;
                Self::initiative_tx(&mut tx, initiative_id).await?;
                let id = Self::insert_org(&mut tx, initiative_id, input, now, now).await?;
                let o = Self::org_tx(&mut tx, initiative_id, id).await?;
                Self::audit(&mut tx, actor, Audit { initiative_id: Some(initiative_id), action: "organization.create", entity: "organization", entity_id: Some(id), before: None, after: Some(to_json(&o)) }, now).await?;
                tx.commit().await.map_err(db_err)?;
                Ok(o)
            }

            async fn update_organization(&self, actor: &Actor, initiative_id: Id, id: Id, input: &OrganizationInput) -> StoreResult<Organization> {
                input.validate()?;
                let now = Utc::now();
                let mut tx = self.begin().await?;
                let before = Self::org_tx(&mut tx, initiative_id, id).await?;
                sqlx::query(
                    "UPDATE organizations SET name = $1, sector = $2, budget_band = $3, resident_led = $4, service_area = $5, \
                     website = $6, leadership = $7, updated_at = $8 WHERE id = $9",
                )
                .bind(input.name.trim())
                .bind(input.sector.as_str())
                .bind(input.budget_band.as_str())
                .bind(input.resident_led)
                .bind(to_json(&input.service_area))
                .bind(input.website.trim())
                .bind(input.leadership.as_ref().map(to_json))
                .bind(now)
                .bind(id)
                .execute(&mut *tx)
                .await
                .map_err(db_err)?;
                let after = Self::org_tx(&mut tx, initiative_id, id).await?;
                Self::audit(&mut tx, actor, Audit { initiative_id: Some(initiative_id), action: "organization.update", entity: "organization", entity_id: Some(id), before: Some(to_json(&before)), after: Some(to_json(&after)) }, now).await?;
                tx.commit().await.map_err(db_err)?;
                Ok(after)
            }

            // ------------------------------------------------------------ people

            async fn people(&self, initiative_id: Id) -> StoreResult<Vec<Person>> {
                sqlx::query_as::<_, PersonRow>(&format!("{PERSON_SELECT} WHERE p.initiative_id = $1 ORDER BY lower(p.name)"))
                    .bind(initiative_id)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_err)?
                    .into_iter()
                    .map(PersonRow::into_domain)
                    .collect()
            }

            async fn person(&self, initiative_id: Id, id: Id) -> StoreResult<Person> {
                sqlx::query_as::<_, PersonRow>(&format!("{PERSON_SELECT} WHERE p.id = $1 AND p.initiative_id = $2"))
                    .bind(id)
                    .bind(initiative_id)
                    .fetch_one(&self.pool)
                    .await
                    .map_err(db_err)
                    .map_err(not_found("person"))?
                    .into_domain()
            }

            async fn create_person(&self, actor: &Actor, initiative_id: Id, input: &PersonInput) -> StoreResult<Person> {
                input.validate()?;
                let now = Utc::now();
                let mut tx = self.begin().await?;
                Self::initiative_tx(&mut tx, initiative_id).await?;
                Self::check_org_in_initiative(&mut tx, initiative_id, input.organization_id, "organization_id").await?;
                let id = Self::insert_person(&mut tx, initiative_id, input, now, now).await?;
                let p = Self::person_tx(&mut tx, initiative_id, id).await?;
                Self::audit(&mut tx, actor, Audit { initiative_id: Some(initiative_id), action: "person.create", entity: "person", entity_id: Some(id), before: None, after: Some(to_json(&p)) }, now).await?;
                tx.commit().await.map_err(db_err)?;
                Ok(p)
            }

            async fn update_person(&self, actor: &Actor, initiative_id: Id, id: Id, input: &PersonInput) -> StoreResult<Person> {
                input.validate()?;
                let now = Utc::now();
                let mut tx = self.begin().await?;
                let before = Self::person_tx(&mut tx, initiative_id, id).await?;
                Self::check_org_in_initiative(&mut tx, initiative_id, input.organization_id, "organization_id").await?;
                sqlx::query(
                    "UPDATE people SET name = $1, email = $2, phone = $3, organization_id = $4, title = $5, demographics = $6, updated_at = $7 WHERE id = $8",
                )
                .bind(input.name.trim())
                .bind(input.email.trim())
                .bind(input.phone.trim())
                .bind(input.organization_id)
                .bind(input.title.trim())
                .bind(input.demographics.as_ref().map(to_json))
                .bind(now)
                .bind(id)
                .execute(&mut *tx)
                .await
                .map_err(db_err)?;
                let after = Self::person_tx(&mut tx, initiative_id, id).await?;
                Self::audit(&mut tx, actor, Audit { initiative_id: Some(initiative_id), action: "person.update", entity: "person", entity_id: Some(id), before: Some(to_json(&before)), after: Some(to_json(&after)) }, now).await?;
                tx.commit().await.map_err(db_err)?;
                Ok(after)
            }

            // ------------------------------------------------------------ tables

            async fn tables(&self, initiative_id: Id) -> StoreResult<Vec<Table>> {
                let mut tables = sqlx::query_as::<_, TableRow>(&format!("{TABLE_SELECT} WHERE t.initiative_id = $2"))
                    .bind(today())
                    .bind(initiative_id)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_err)?
                    .into_iter()
                    .map(TableRow::into_domain)
                    .collect::<StoreResult<Vec<Table>>>()?;
                // Steering committee first, then working groups, action networks, resident tables.
                tables.sort_by_key(|t| (t.kind, t.name.to_lowercase()));
                Ok(tables)
            }

            async fn table(&self, initiative_id: Id, id: Id) -> StoreResult<Table> {
                sqlx::query_as::<_, TableRow>(&format!("{TABLE_SELECT} WHERE t.id = $2 AND t.initiative_id = $3"))
                    .bind(today())
                    .bind(id)
                    .bind(initiative_id)
                    .fetch_one(&self.pool)
                    .await
                    .map_err(db_err)
                    .map_err(not_found("table"))?
                    .into_domain()
            }

            async fn create_table(&self, actor: &Actor, initiative_id: Id, input: &TableInput) -> StoreResult<Table> {
                input.validate()?;
                let now = Utc::now();
                let mut tx = self.begin().await?;
                Self::initiative_tx(&mut tx, initiative_id).await?;
                let id = Self::insert_table(&mut tx, initiative_id, input, now).await?;
                let t = Self::table_tx(&mut tx, initiative_id, id).await?;
                Self::audit(&mut tx, actor, Audit { initiative_id: Some(initiative_id), action: "table.create", entity: "table", entity_id: Some(id), before: None, after: Some(to_json(&t)) }, now).await?;
                tx.commit().await.map_err(db_err)?;
                Ok(t)
            }

            async fn update_table(&self, actor: &Actor, initiative_id: Id, id: Id, input: &TableInput) -> StoreResult<Table> {
                input.validate()?;
                let now = Utc::now();
                let mut tx = self.begin().await?;
                let before = Self::table_tx(&mut tx, initiative_id, id).await?;
                sqlx::query("UPDATE tables SET name = $1, kind = $2, purpose = $3, result_key = $4 WHERE id = $5")
                    .bind(input.name.trim())
                    .bind(input.kind.as_str())
                    .bind(input.purpose.trim())
                    .bind(input.result_key.as_deref())
                    .bind(id)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_err)?;
                let after = Self::table_tx(&mut tx, initiative_id, id).await?;
                Self::audit(&mut tx, actor, Audit { initiative_id: Some(initiative_id), action: "table.update", entity: "table", entity_id: Some(id), before: Some(to_json(&before)), after: Some(to_json(&after)) }, now).await?;
                tx.commit().await.map_err(db_err)?;
                Ok(after)
            }

            async fn memberships(&self, initiative_id: Id, table_id: Option<Id>, person_id: Option<Id>) -> StoreResult<Vec<Membership>> {
                sqlx::query_as::<_, MembershipRow>(&format!(
                    "{MEMBERSHIP_SELECT} WHERE t.initiative_id = $1 AND ($2 IS NULL OR m.table_id = $2) AND ($3 IS NULL OR m.person_id = $3) \
                     ORDER BY (m.end_date IS NULL) DESC, m.end_date DESC, m.start_date, lower(p.name)"
                ))
                .bind(initiative_id)
                .bind(table_id)
                .bind(person_id)
                .fetch_all(&self.pool)
                .await
                .map_err(db_err)?
                .into_iter()
                .map(MembershipRow::into_domain)
                .collect()
            }

            async fn add_membership(&self, actor: &Actor, initiative_id: Id, table_id: Id, input: &MembershipInput) -> StoreResult<Membership> {
                input.validate()?;
                let now = Utc::now();
                let mut tx = self.begin().await?;
                Self::table_tx(&mut tx, initiative_id, table_id).await?;
                Self::person_tx(&mut tx, initiative_id, input.person_id)
                    .await
                    .map_err(|e| match e {
                        StoreError::NotFound(_) => backbone_core::Invalid::one("person_id", "is not a person in this initiative").into(),
                        other => other,
                    })?;
                let far = chrono::NaiveDate::from_ymd_opt(9999, 12, 31).expect("valid date");
                let overlapping: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM memberships WHERE table_id = $1 AND person_id = $2 \
                     AND start_date <= $3 AND (end_date IS NULL OR end_date >= $4)",
                )
                .bind(table_id)
                .bind(input.person_id)
                .bind(input.end_date.unwrap_or(far))
                .bind(input.start_date)
                .fetch_one(&mut *tx)
                .await
                .map_err(db_err)?;
                if overlapping > 0 {
                    return Err(StoreError::conflict("person_id", "this person already sits at this table during these dates"));
                }
                let id = Self::insert_membership(&mut tx, table_id, input).await?;
                let m = Self::membership_tx(&mut tx, initiative_id, id).await?;
                Self::audit(&mut tx, actor, Audit { initiative_id: Some(initiative_id), action: "membership.create", entity: "membership", entity_id: Some(id), before: None, after: Some(to_json(&m)) }, now).await?;
                tx.commit().await.map_err(db_err)?;
                Ok(m)
            }

            async fn update_membership(&self, actor: &Actor, initiative_id: Id, id: Id, input: &MembershipUpdate) -> StoreResult<Membership> {
                let now = Utc::now();
                let mut tx = self.begin().await?;
                let before = Self::membership_tx(&mut tx, initiative_id, id).await?;
                let end = input.end_date.or(before.end_date);
                if let Some(e) = end {
                    if e < before.start_date {
                        return Err(backbone_core::Invalid::one("end_date", format!("must be on or after the start date, {}", before.start_date)).into());
                    }
                }
                sqlx::query("UPDATE memberships SET role = $1, end_date = $2 WHERE id = $3")
                    .bind(input.role.unwrap_or(before.role).as_str())
                    .bind(end)
                    .bind(id)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_err)?;
                let after = Self::membership_tx(&mut tx, initiative_id, id).await?;
                Self::audit(&mut tx, actor, Audit { initiative_id: Some(initiative_id), action: "membership.update", entity: "membership", entity_id: Some(id), before: Some(to_json(&before)), after: Some(to_json(&after)) }, now).await?;
                tx.commit().await.map_err(db_err)?;
                Ok(after)
            }

            // ------------------------------------------------------------ accounts

            async fn create_user(&self, actor: &Actor, input: &NewUser, password_hash: &str) -> StoreResult<User> {
                input.validate()?;
                let now = Utc::now();
                let mut tx = self.begin().await?;
                let id: Id = sqlx::query_scalar(
                    "INSERT INTO users (username, display_name, password_hash, server_admin, disabled, created_at) VALUES ($1, $2, $3, $4, FALSE, $5) RETURNING id",
                )
                .bind(input.username.trim())
                .bind(input.display_name.trim())
                .bind(password_hash)
                .bind(input.server_admin)
                .bind(now)
                .fetch_one(&mut *tx)
                .await
                .map_err(db_err)?;
                let u = Self::user_by_name_tx(&mut tx, input.username.trim()).await?.ok_or(StoreError::NotFound("user"))?;
                Self::audit(&mut tx, actor, Audit { initiative_id: None, action: "user.create", entity: "user", entity_id: Some(id), before: None, after: Some(to_json(&u)) }, now).await?;
                tx.commit().await.map_err(db_err)?;
                Ok(u)
            }

            async fn user(&self, id: Id) -> StoreResult<User> {
                Ok(sqlx::query_as::<_, UserRow>(&format!("SELECT {USER_COLS} FROM users WHERE id = $1"))
                    .bind(id)
                    .fetch_one(&self.pool)
                    .await
                    .map_err(db_err)
                    .map_err(not_found("user"))?
                    .into_domain())
            }

            async fn users(&self) -> StoreResult<Vec<User>> {
                Ok(sqlx::query_as::<_, UserRow>(&format!("SELECT {USER_COLS} FROM users ORDER BY lower(display_name)"))
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_err)?
                    .into_iter()
                    .map(UserRow::into_domain)
                    .collect())
            }

            async fn credentials(&self, username: &str) -> StoreResult<Option<Credentials>> {
                let row = sqlx::query_as::<_, CredentialsRow>(&format!(
                    "SELECT {USER_COLS}, password_hash FROM users WHERE lower(username) = lower($1)"
                ))
                .bind(username.trim())
                .fetch_optional(&self.pool)
                .await
                .map_err(db_err)?;
                Ok(row.map(|r| Credentials {
                    password_hash: r.password_hash.unwrap_or_default(),
                    user: User { id: r.id, username: r.username, display_name: r.display_name, server_admin: r.server_admin, disabled: r.disabled, created_at: r.created_at },
                }))
            }

            async fn set_password(&self, actor: &Actor, user_id: Id, password_hash: &str) -> StoreResult<()> {
                let now = Utc::now();
                let mut tx = self.begin().await?;
                let n = sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
                    .bind(password_hash)
                    .bind(user_id)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_err)?
                    .rows_affected();
                if n == 0 {
                    return Err(StoreError::NotFound("user"));
                }
                // A new password ends every session and is recorded without the secret.
                sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(user_id).execute(&mut *tx).await.map_err(db_err)?;
                Self::audit(&mut tx, actor, Audit { initiative_id: None, action: "user.password", entity: "user", entity_id: Some(user_id), before: None, after: None }, now).await?;
                tx.commit().await.map_err(db_err)?;
                Ok(())
            }

            async fn set_user_disabled(&self, actor: &Actor, user_id: Id, disabled: bool) -> StoreResult<User> {
                let now = Utc::now();
                let mut tx = self.begin().await?;
                let before = sqlx::query_as::<_, UserRow>(&format!("SELECT {USER_COLS} FROM users WHERE id = $1"))
                    .bind(user_id)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(db_err)
                    .map_err(not_found("user"))?
                    .into_domain();
                sqlx::query("UPDATE users SET disabled = $1 WHERE id = $2").bind(disabled).bind(user_id).execute(&mut *tx).await.map_err(db_err)?;
                if disabled {
                    sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(user_id).execute(&mut *tx).await.map_err(db_err)?;
                }
                let after = User { disabled, ..before.clone() };
                Self::audit(&mut tx, actor, Audit { initiative_id: None, action: "user.disable", entity: "user", entity_id: Some(user_id), before: Some(to_json(&before)), after: Some(to_json(&after)) }, now).await?;
                tx.commit().await.map_err(db_err)?;
                Ok(after)
            }

            async fn grants_for_user(&self, user_id: Id) -> StoreResult<Vec<RoleGrant>> {
                sqlx::query_as::<_, GrantRow>("SELECT user_id, initiative_id, role, organization_id FROM role_grants WHERE user_id = $1 ORDER BY id")
                    .bind(user_id)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_err)?
                    .into_iter()
                    .map(GrantRow::into_domain)
                    .collect()
            }

            async fn grants_in_initiative(&self, initiative_id: Id) -> StoreResult<Vec<RoleGrant>> {
                sqlx::query_as::<_, GrantRow>("SELECT user_id, initiative_id, role, organization_id FROM role_grants WHERE initiative_id = $1 ORDER BY id")
                    .bind(initiative_id)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_err)?
                    .into_iter()
                    .map(GrantRow::into_domain)
                    .collect()
            }

            async fn grant_role(&self, actor: &Actor, initiative_id: Id, input: &RoleGrantInput) -> StoreResult<RoleGrant> {
                input.validate()?;
                let now = Utc::now();
                let mut tx = self.begin().await?;
                Self::initiative_tx(&mut tx, initiative_id).await?;
                Self::check_org_in_initiative(&mut tx, initiative_id, input.organization_id, "organization_id").await?;
                let exists: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE id = $1").bind(input.user_id).fetch_one(&mut *tx).await.map_err(db_err)?;
                if exists == 0 {
                    return Err(backbone_core::Invalid::one("user_id", "is not a user on this server").into());
                }
                sqlx::query("INSERT INTO role_grants (user_id, initiative_id, role, organization_id, created_at) VALUES ($1, $2, $3, $4, $5)")
                    .bind(input.user_id)
                    .bind(initiative_id)
                    .bind(input.role.as_str())
                    .bind(input.organization_id)
                    .bind(now)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_err)?;
                let g = RoleGrant { user_id: input.user_id, initiative_id, role: input.role, organization_id: input.organization_id };
                Self::audit(&mut tx, actor, Audit { initiative_id: Some(initiative_id), action: "role.grant", entity: "user", entity_id: Some(input.user_id), before: None, after: Some(to_json(&g)) }, now).await?;
                tx.commit().await.map_err(db_err)?;
                Ok(g)
            }

            async fn revoke_role(&self, actor: &Actor, initiative_id: Id, input: &RoleGrantInput) -> StoreResult<()> {
                let now = Utc::now();
                let mut tx = self.begin().await?;
                let n = sqlx::query(
                    "DELETE FROM role_grants WHERE user_id = $1 AND initiative_id = $2 AND role = $3 AND coalesce(organization_id, 0) = coalesce($4, 0)",
                )
                .bind(input.user_id)
                .bind(initiative_id)
                .bind(input.role.as_str())
                .bind(input.organization_id)
                .execute(&mut *tx)
                .await
                .map_err(db_err)?
                .rows_affected();
                if n == 0 {
                    return Err(StoreError::NotFound("role"));
                }
                let g = RoleGrant { user_id: input.user_id, initiative_id, role: input.role, organization_id: input.organization_id };
                Self::audit(&mut tx, actor, Audit { initiative_id: Some(initiative_id), action: "role.revoke", entity: "user", entity_id: Some(input.user_id), before: Some(to_json(&g)), after: None }, now).await?;
                tx.commit().await.map_err(db_err)?;
                Ok(())
            }

            // ------------------------------------------------------------ sessions

            async fn create_session(&self, token_hash: &str, user_id: Id, expires_at: DateTime<Utc>) -> StoreResult<()> {
                let now = Utc::now();
                let mut tx = self.begin().await?;
                // Sweep expired sessions now and then, so the table stays small.
                sqlx::query("DELETE FROM sessions WHERE expires_at < $1").bind(now).execute(&mut *tx).await.map_err(db_err)?;
                sqlx::query("INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
                    .bind(token_hash)
                    .bind(user_id)
                    .bind(now)
                    .bind(expires_at)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_err)?;
                tx.commit().await.map_err(db_err)?;
                Ok(())
            }

            async fn session_user(&self, token_hash: &str, now: DateTime<Utc>) -> StoreResult<Option<User>> {
                Ok(sqlx::query_as::<_, UserRow>(
                    "SELECT u.id, u.username, u.display_name, u.server_admin, u.disabled, u.created_at FROM sessions s \
                     JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.disabled = FALSE",
                )
                .bind(token_hash)
                .bind(now)
                .fetch_optional(&self.pool)
                .await
                .map_err(db_err)?
                .map(UserRow::into_domain))
            }

            async fn delete_session(&self, token_hash: &str) -> StoreResult<()> {
                sqlx::query("DELETE FROM sessions WHERE token_hash = $1").bind(token_hash).execute(&self.pool).await.map_err(db_err)?;
                Ok(())
            }

            async fn record_login_attempt(&self, username: &str, client: &str, success: bool, at: DateTime<Utc>) -> StoreResult<()> {
                sqlx::query("INSERT INTO login_attempts (username, client, success, at) VALUES ($1, $2, $3, $4)")
                    .bind(username.trim().to_lowercase())
                    .bind(client)
                    .bind(success)
                    .bind(at)
                    .execute(&self.pool)
                    .await
                    .map_err(db_err)?;
                Ok(())
            }

            async fn recent_login_failures(&self, username: &str, client: &str, since: DateTime<Utc>) -> StoreResult<(i64, i64)> {
                let by_user: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM login_attempts WHERE username = $1 AND success = FALSE AND at > $2")
                    .bind(username.trim().to_lowercase())
                    .bind(since)
                    .fetch_one(&self.pool)
                    .await
                    .map_err(db_err)?;
                let by_client: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM login_attempts WHERE client = $1 AND success = FALSE AND at > $2")
                    .bind(client)
                    .bind(since)
                    .fetch_one(&self.pool)
                    .await
                    .map_err(db_err)?;
                Ok((by_user, by_client))
            }

            // ------------------------------------------------------------ API tokens

            async fn create_api_token(&self, actor: &Actor, user_id: Id, name: &str, prefix: &str, token_hash: &str) -> StoreResult<ApiToken> {
                ApiTokenInput { name: name.to_string() }.validate()?;
                let now = Utc::now();
                let mut tx = self.begin().await?;
                let id: Id = sqlx::query_scalar(
                    "INSERT INTO api_tokens (user_id, name, prefix, token_hash, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
                )
                .bind(user_id)
                .bind(name.trim())
                .bind(prefix)
                .bind(token_hash)
                .bind(now)
                .fetch_one(&mut *tx)
                .await
                .map_err(db_err)?;
                let t = sqlx::query_as::<_, TokenRow>(&format!("SELECT {TOKEN_COLS} FROM api_tokens WHERE id = $1"))
                    .bind(id)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(db_err)?
                    .into_domain();
                Self::audit(&mut tx, actor, Audit { initiative_id: None, action: "token.create", entity: "api_token", entity_id: Some(id), before: None, after: Some(to_json(&t)) }, now).await?;
                tx.commit().await.map_err(db_err)?;
                Ok(t)
            }

            async fn api_tokens(&self, user_id: Id) -> StoreResult<Vec<ApiToken>> {
                Ok(sqlx::query_as::<_, TokenRow>(&format!("SELECT {TOKEN_COLS} FROM api_tokens WHERE user_id = $1 ORDER BY id DESC"))
                    .bind(user_id)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_err)?
                    .into_iter()
                    .map(TokenRow::into_domain)
                    .collect())
            }

            async fn revoke_api_token(&self, actor: &Actor, user_id: Id, token_id: Id) -> StoreResult<ApiToken> {
                let now = Utc::now();
                let mut tx = self.begin().await?;
                let before = sqlx::query_as::<_, TokenRow>(&format!("SELECT {TOKEN_COLS} FROM api_tokens WHERE id = $1 AND user_id = $2"))
                    .bind(token_id)
                    .bind(user_id)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(db_err)
                    .map_err(not_found("API token"))?
                    .into_domain();
                sqlx::query("UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
                    .bind(now)
                    .bind(token_id)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_err)?;
                let after = ApiToken { revoked_at: before.revoked_at.or(Some(now)), ..before.clone() };
                Self::audit(&mut tx, actor, Audit { initiative_id: None, action: "token.revoke", entity: "api_token", entity_id: Some(token_id), before: Some(to_json(&before)), after: Some(to_json(&after)) }, now).await?;
                tx.commit().await.map_err(db_err)?;
                Ok(after)
            }

            async fn api_token_user(&self, token_hash: &str, now: DateTime<Utc>) -> StoreResult<Option<User>> {
                let user = sqlx::query_as::<_, UserRow>(
                    "SELECT u.id, u.username, u.display_name, u.server_admin, u.disabled, u.created_at FROM api_tokens t \
                     JOIN users u ON u.id = t.user_id WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.disabled = FALSE",
                )
                .bind(token_hash)
                .fetch_optional(&self.pool)
                .await
                .map_err(db_err)?
                .map(UserRow::into_domain);
                if user.is_some() {
                    sqlx::query("UPDATE api_tokens SET last_used_at = $1 WHERE token_hash = $2")
                        .bind(now)
                        .bind(token_hash)
                        .execute(&self.pool)
                        .await
                        .map_err(db_err)?;
                }
                Ok(user)
            }

            // ------------------------------------------------------------ audit

            async fn audit(&self, q: &AuditQuery) -> StoreResult<Vec<AuditEntry>> {
                let limit = if q.limit <= 0 { 50 } else { q.limit.min(500) };
                sqlx::query_as::<_, AuditRow>(&format!(
                    "SELECT {AUDIT_COLS} FROM audit_log WHERE ($1 IS NULL OR initiative_id = $1) AND ($2 IS NULL OR entity = $2) \
                     AND ($3 IS NULL OR id < $3) ORDER BY id DESC LIMIT $4"
                ))
                .bind(q.initiative_id)
                .bind(q.entity.as_deref())
                .bind(q.before_id)
                .bind(limit)
                .fetch_all(&self.pool)
                .await
                .map_err(db_err)?
                .into_iter()
                .map(AuditRow::into_domain)
                .collect()
            }

            // ------------------------------------------------------------ shared measurement

            async fn indicators(&self, initiative_id: Id) -> StoreResult<Vec<Indicator>> {
                sqlx::query_as::<_, IndicatorRow>(&format!("SELECT {INDICATOR_COLS} FROM indicators WHERE initiative_id = $1 ORDER BY id"))
                    .bind(initiative_id)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_err)?
                    .into_iter()
                    .map(IndicatorRow::into_domain)
                    .collect()
            }

            async fn indicator(&self, initiative_id: Id, key: &str) -> StoreResult<Indicator> {
                sqlx::query_as::<_, IndicatorRow>(&format!("SELECT {INDICATOR_COLS} FROM indicators WHERE initiative_id = $1 AND key = $2"))
                    .bind(initiative_id)
                    .bind(key)
                    .fetch_one(&self.pool)
                    .await
                    .map_err(db_err)
                    .map_err(not_found("indicator"))?
                    .into_domain()
            }

            async fn create_indicator(&self, actor: &Actor, initiative_id: Id, input: &IndicatorInput) -> StoreResult<Indicator> {
                input.validate()?;
                let now = Utc::now();
                let mut tx = self.begin().await?;
                Self::initiative_tx(&mut tx, initiative_id).await?;
                Self::check_org_in_initiative(&mut tx, initiative_id, input.owner_organization_id, "owner_organization_id").await?;
                let id: Id = sqlx::query_scalar(
                    "INSERT INTO indicators (initiative_id, key, name, description, numerator_definition, denominator_definition, unit, direction, \
                     period_kind, source, level, result_key, owner_organization_id, baseline_period, targets, suppression_threshold, published, created_at, updated_at, \
                     min_gap_change) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $18, $19) RETURNING id",
                )
                .bind(initiative_id)
                .bind(&input.key)
                .bind(input.name.trim())
                .bind(input.description.trim())
                .bind(input.numerator_definition.trim())
                .bind(input.denominator_definition.trim())
                .bind(input.unit.as_str())
                .bind(input.direction.as_str())
                .bind(input.period_kind.as_str())
                .bind(input.source.trim())
                .bind(input.level.as_str())
                .bind(input.result_key.as_deref())
                .bind(input.owner_organization_id)
                .bind(input.baseline_period.as_deref())
                .bind(to_json(&input.targets))
                .bind(input.suppression_threshold as i64)
                .bind(input.published)
                .bind(now)
                .bind(input.min_gap_change)
                .fetch_one(&mut *tx)
                .await
                .map_err(db_err)?;
                let created = sqlx::query_as::<_, IndicatorRow>(&format!("SELECT {INDICATOR_COLS} FROM indicators WHERE id = $1"))
                    .bind(id)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(db_err)?
                    .into_domain()?;
                Self::audit(&mut tx, actor, Audit { initiative_id: Some(initiative_id), action: "indicator.create", entity: "indicator", entity_id: Some(id), before: None, after: Some(to_json(&created)) }, now).await?;
                tx.commit().await.map_err(db_err)?;
                Ok(created)
            }

            async fn update_indicator(&self, actor: &Actor, initiative_id: Id, key: &str, input: &IndicatorInput) -> StoreResult<Indicator> {
                input.validate()?;
                let now = Utc::now();
                let mut tx = self.begin().await?;
                let before = sqlx::query_as::<_, IndicatorRow>(&format!("SELECT {INDICATOR_COLS} FROM indicators WHERE initiative_id = $1 AND key = $2"))
                    .bind(initiative_id)
                    .bind(key)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(db_err)
                    .map_err(not_found("indicator"))?
                    .into_domain()?;
                if input.key != before.key {
                    return Err(backbone_core::Invalid::one("key", "cannot change: files and links use it").into());
                }
                if input.unit != before.unit || input.period_kind != before.period_kind {
                    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM observations WHERE indicator_id = $1").bind(before.id).fetch_one(&mut *tx).await.map_err(db_err)?;
                    if n > 0 {
                        return Err(StoreError::conflict("unit", "the unit and period kind cannot change once data has been submitted"));
                    }
                }
                Self::check_org_in_initiative(&mut tx, initiative_id, input.owner_organization_id, "owner_organization_id").await?;
                sqlx::query(
                    "UPDATE indicators SET name = $1, description = $2, numerator_definition = $3, denominator_definition = $4, unit = $5, direction = $6, \
                     period_kind = $7, source = $8, level = $9, result_key = $10, owner_organization_id = $11, baseline_period = $12, targets = $13, \
                     suppression_threshold = $14, published = $15, updated_at = $16, min_gap_change = $18 WHERE id = $17",
                )
                .bind(input.name.trim())
                .bind(input.description.trim())
                .bind(input.numerator_definition.trim())
                .bind(input.denominator_definition.trim())
                .bind(input.unit.as_str())
                .bind(input.direction.as_str())
                .bind(input.period_kind.as_str())
                .bind(input.source.trim())
                .bind(input.level.as_str())
                .bind(input.result_key.as_deref())
                .bind(input.owner_organization_id)
                .bind(input.baseline_period.as_deref())
                .bind(to_json(&input.targets))
                .bind(input.suppression_threshold as i64)
                .bind(input.published)
                .bind(now)
                .bind(before.id)
                .bind(input.min_gap_change)
                .execute(&mut *tx)
                .await
                .map_err(db_err)?;
                let after = sqlx::query_as::<_, IndicatorRow>(&format!("SELECT {INDICATOR_COLS} FROM indicators WHERE id = $1"))
                    .bind(before.id)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(db_err)?
                    .into_domain()?;
                let pairs = Self::approved_pairs(&mut tx, initiative_id, Some(before.id)).await?;
                Self::refresh_published(&mut tx, initiative_id, &pairs).await?;
                Self::audit(&mut tx, actor, Audit { initiative_id: Some(initiative_id), action: "indicator.update", entity: "indicator", entity_id: Some(before.id), before: Some(to_json(&before)), after: Some(to_json(&after)) }, now).await?;
                tx.commit().await.map_err(db_err)?;
                Ok(after)
            }

            async fn geographies(&self, initiative_id: Id) -> StoreResult<Vec<Geography>> {
                sqlx::query_as::<_, GeographyRow>("SELECT code, name, level, parent FROM geographies WHERE initiative_id = $1 ORDER BY code")
                    .bind(initiative_id)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_err)?
                    .into_iter()
                    .map(GeographyRow::into_domain)
                    .collect()
            }

            async fn place_with_children(&self, initiative_id: Id, code: Option<&str>) -> StoreResult<Vec<Geography>> {
                let place = match code {
                    Some(c) => sqlx::query_as::<_, GeographyRow>("SELECT code, name, level, parent FROM geographies WHERE initiative_id = $1 AND code = $2")
                        .bind(initiative_id)
                        .bind(c)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(db_err)?,
                    None => sqlx::query_as::<_, GeographyRow>(
                        "SELECT code, name, level, parent FROM geographies WHERE initiative_id = $1 AND parent IS NULL ORDER BY code LIMIT 1",
                    )
                    .bind(initiative_id)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(db_err)?,
                };
                let Some(place) = place else { return Ok(Vec::new()) };
                let place = place.into_domain()?;
                let mut out = vec![place.clone()];
                out.extend(
                    sqlx::query_as::<_, GeographyRow>("SELECT code, name, level, parent FROM geographies WHERE initiative_id = $1 AND parent = $2 ORDER BY code")
                        .bind(initiative_id)
                        .bind(&place.code)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(db_err)?
                        .into_iter()
                        .map(GeographyRow::into_domain)
                        .collect::<StoreResult<Vec<_>>>()?,
                );
                Ok(out)
            }

            async fn set_geographies(&self, actor: &Actor, initiative_id: Id, places: &[Geography]) -> StoreResult<()> {
                let mut inv = backbone_core::Invalid::new();
                let codes: std::collections::HashSet<&str> = places.iter().map(|p| p.code.as_str()).collect();
                if codes.len() != places.len() {
                    inv.add("places", "each place code may appear only once");
                }
                for (i, p) in places.iter().enumerate() {
                    check_text(&mut inv, &format!("places[{i}].code"), &p.code, 1, 60);
                    check_text(&mut inv, &format!("places[{i}].name"), &p.name, 1, 200);
                    if let Some(parent) = &p.parent {
                        if !codes.contains(parent.as_str()) {
                            inv.add(format!("places[{i}].parent"), format!("\"{parent}\" is not in the list"));
                        }
                    }
                }
                inv.into_result()?;
                let now = Utc::now();
                let mut tx = self.begin().await?;
                Self::initiative_tx(&mut tx, initiative_id).await?;
                let before = sqlx::query_as::<_, GeographyRow>("SELECT code, name, level, parent FROM geographies WHERE initiative_id = $1 ORDER BY code")
                    .bind(initiative_id)
                    .fetch_all(&mut *tx)
                    .await
                    .map_err(db_err)?
                    .into_iter()
                    .map(GeographyRow::into_domain)
                    .collect::<StoreResult<Vec<_>>>()?;
                sqlx::query("DELETE FROM geographies WHERE initiative_id = $1").bind(initiative_id).execute(&mut *tx).await.map_err(db_err)?;
                for p in places {
                    sqlx::query("INSERT INTO geographies (initiative_id, code, name, level, parent) VALUES ($1, $2, $3, $4, $5)")
                        .bind(initiative_id)
                        .bind(&p.code)
                        .bind(p.name.trim())
                        .bind(p.level.as_str())
                        .bind(p.parent.as_deref())
                        .execute(&mut *tx)
                        .await
                        .map_err(db_err)?;
                }
                let pairs = Self::approved_pairs(&mut tx, initiative_id, None).await?;
                Self::refresh_published(&mut tx, initiative_id, &pairs).await?;
                Self::audit(&mut tx, actor, Audit { initiative_id: Some(initiative_id), action: "geography.set", entity: "geography", entity_id: None, before: Some(to_json(&before)), after: Some(to_json(&places)) }, now).await?;
                tx.commit().await.map_err(db_err)?;
                Ok(())
            }

            async fn dimensions(&self, initiative_id: Id) -> StoreResult<Vec<Dimension>> {
                sqlx::query_as::<_, DimensionRow>("SELECT key, name, vals FROM dimensions WHERE initiative_id = $1 ORDER BY key")
                    .bind(initiative_id)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_err)?
                    .into_iter()
                    .map(DimensionRow::into_domain)
                    .collect()
            }

            async fn set_dimensions(&self, actor: &Actor, initiative_id: Id, dimensions: &[Dimension]) -> StoreResult<()> {
                let mut inv = backbone_core::Invalid::new();
                for (i, d) in dimensions.iter().enumerate() {
                    check_slug(&mut inv, &format!("dimensions[{i}].key"), &d.key.replace('_', "-"));
                    check_text(&mut inv, &format!("dimensions[{i}].name"), &d.name, 1, 100);
                    if d.values.is_empty() {
                        inv.add(format!("dimensions[{i}].values"), "needs at least one value");
                    }
                    for (j, v) in d.values.iter().enumerate() {
                        check_text(&mut inv, &format!("dimensions[{i}].values[{j}]"), v, 1, 100);
                        if v.contains(';') || v.contains('=') {
                            inv.add(format!("dimensions[{i}].values[{j}]"), "may not contain ; or =");
                        }
                    }
                }
                inv.into_result()?;
                let now = Utc::now();
                let mut tx = self.begin().await?;
                Self::initiative_tx(&mut tx, initiative_id).await?;
                sqlx::query("DELETE FROM dimensions WHERE initiative_id = $1").bind(initiative_id).execute(&mut *tx).await.map_err(db_err)?;
                for d in dimensions {
                    sqlx::query("INSERT INTO dimensions (initiative_id, key, name, vals) VALUES ($1, $2, $3, $4)")
                        .bind(initiative_id)
                        .bind(&d.key)
                        .bind(d.name.trim())
                        .bind(to_json(&d.values))
                        .execute(&mut *tx)
                        .await
                        .map_err(db_err)?;
                }
                let pairs = Self::approved_pairs(&mut tx, initiative_id, None).await?;
                Self::refresh_published(&mut tx, initiative_id, &pairs).await?;
                Self::audit(&mut tx, actor, Audit { initiative_id: Some(initiative_id), action: "dimension.set", entity: "dimension", entity_id: None, before: None, after: Some(to_json(&dimensions)) }, now).await?;
                tx.commit().await.map_err(db_err)?;
                Ok(())
            }

            async fn submit_observations_if(
                &self,
                actor: &Actor,
                initiative_id: Id,
                organization_id: Id,
                draft: bool,
                batches: &mut (dyn Iterator<Item = Vec<ObservationInput>> + Send),
                proceed: &(dyn Fn() -> bool + Send + Sync),
            ) -> StoreResult<Option<SubmitSummary>> {
                // Rows are written batch by batch as they are read (on PostgreSQL, staged and applied
                // at the end). History needs no writes here: the trigger keeps what corrections replace.
                let now = Utc::now();
                let by = Submitter { organization_id, at: now, actor: &actor.name, status: if draft { "draft" } else { "submitted" } };
                let mut tx = self.begin().await?;
                Self::check_org_in_initiative(&mut tx, initiative_id, Some(organization_id), "organization_id").await?;
                let ids: HashMap<String, Id> = sqlx::query_as::<_, (String, i64)>("SELECT key, id FROM indicators WHERE initiative_id = $1")
                    .bind(initiative_id)
                    .fetch_all(&mut *tx)
                    .await
                    .map_err(db_err)?
                    .into_iter()
                    .collect();
                let watermark: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM observation_revisions")
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(db_err)?;
                Self::begin_submission(&mut tx, &by).await?;
                let started = std::time::Instant::now();
                let mut received: u64 = 0;
                let mut written = Written::default();
                for batch in batches {
                    let mut rows: Vec<Staged> = Vec::with_capacity(batch.len());
                    for row in &batch {
                        let id = *ids.get(&row.indicator).ok_or_else(|| {
                            backbone_core::Invalid::one("indicator", format!("\"{}\" is not an indicator of this initiative", row.indicator))
                        })?;
                        rows.push((id, row.period.as_str(), row.geography.as_str(), groups_key(&row.groups), row.numerator, row.denominator));
                    }
                    let w = Self::write_batch(&mut tx, &rows, &by).await?;
                    written.rows += w.rows;
                    written.already_sent += w.already_sent;
                    received += rows.len() as u64;
                }
                tracing::debug!(rows = received, ms = started.elapsed().as_millis() as u64, "submission read");
                let w = Self::finish_submission(&mut tx, &by).await?;
                written.rows += w.rows;
                written.already_sent += w.already_sent;
                tracing::debug!(ms = started.elapsed().as_millis() as u64, "submission written");
                // Corrections are the rows of this submission whose earlier state the trigger kept.
                const CORRECTED: &str = "FROM observation_revisions r JOIN observations o ON o.id = r.observation_id \
                     WHERE r.id > $1 AND o.organization_id = $2 AND o.updated_at = $3";
                // DISTINCT: another server's review of the same number may have logged a revision too.
                // A draft sent with the same numbers is not a correction: it is counted apart.
                let (changed, drafts_sent): (i64, i64) = sqlx::query_as(&format!(
                    "SELECT COUNT(DISTINCT r.observation_id), COUNT(DISTINCT CASE WHEN r.status = 'draft' AND o.status = 'submitted' \
                     AND r.numerator = o.numerator AND r.denominator IS NOT DISTINCT FROM o.denominator THEN r.observation_id END) {CORRECTED}"
                ))
                .bind(watermark)
                .bind(organization_id)
                .bind(now)
                .fetch_one(&mut *tx)
                .await
                .map_err(db_err)?;
                let drafts_sent = drafts_sent as u64;
                let revised = (changed as u64).saturating_sub(drafts_sent);
                if revised > 0 {
                    // Published numbers that included a corrected one are recomputed without it.
                    let pairs: std::collections::BTreeSet<(Id, String)> = sqlx::query_as::<_, (i64, String)>(&format!(
                        "SELECT DISTINCT o.indicator_id, o.period {CORRECTED} AND EXISTS \
                         (SELECT 1 FROM published_cells p WHERE p.indicator_id = o.indicator_id AND p.period = o.period)"
                    ))
                    .bind(watermark)
                    .bind(organization_id)
                    .bind(now)
                    .fetch_all(&mut *tx)
                    .await
                    .map_err(db_err)?
                    .into_iter()
                    .collect();
                    Self::refresh_published(&mut tx, initiative_id, &pairs).await?;
                }
                let added = written.rows.saturating_sub(revised + drafts_sent);
                if !proceed() {
                    tx.rollback().await.map_err(db_err)?;
                    return Ok(None);
                }
                let already_sent = written.already_sent;
                let summary = SubmitSummary {
                    added,
                    revised,
                    drafts_sent,
                    already_sent,
                    unchanged: received.saturating_sub(added + revised + drafts_sent + already_sent),
                };
                let after = serde_json::json!({ "organization_id": organization_id, "status": by.status, "added": summary.added, "revised": summary.revised, "unchanged": summary.unchanged, "drafts_sent": summary.drafts_sent, "already_sent": summary.already_sent });
                Self::audit(&mut tx, actor, Audit { initiative_id: Some(initiative_id), action: "observation.submit", entity: "observation", entity_id: None, before: None, after: Some(after.to_string()) }, now).await?;
                tx.commit().await.map_err(db_err)?;
                tracing::debug!(ms = started.elapsed().as_millis() as u64, "submission committed");
                Ok(Some(summary))
            }

            async fn send_drafts(&self, actor: &Actor, initiative_id: Id, organization_id: Id) -> StoreResult<u64> {
                let now = Utc::now();
                let mut tx = self.begin().await?;
                Self::check_org_in_initiative(&mut tx, initiative_id, Some(organization_id), "organization_id").await?;
                let sent = sqlx::query(
                    "UPDATE observations SET status = 'submitted', updated_at = $1, updated_by = $2 \
                     WHERE organization_id = $3 AND status = 'draft' AND indicator_id IN (SELECT id FROM indicators WHERE initiative_id = $4)",
                )
                .bind(now)
                .bind(&actor.name)
                .bind(organization_id)
                .bind(initiative_id)
                .execute(&mut *tx)
                .await
                .map_err(db_err)?
                .rows_affected();
                let after = serde_json::json!({ "organization_id": organization_id, "status": "submitted", "observations": sent });
                Self::audit(&mut tx, actor, Audit { initiative_id: Some(initiative_id), action: "observation.send_drafts", entity: "observation", entity_id: None, before: None, after: Some(after.to_string()) }, now).await?;
                tx.commit().await.map_err(db_err)?;
                Ok(sent)
            }

            async fn draft_counts(&self, initiative_id: Id) -> StoreResult<Vec<(Id, u64)>> {
                Ok(sqlx::query_as::<_, (i64, i64)>(
                    // Read through the small partial index of drafts (migration 0007); the unary +
                    // keeps SQLite from walking every observation of each indicator instead.
                    "SELECT o.organization_id, COUNT(*) FROM observations o WHERE o.status = 'draft' \
                     AND +o.indicator_id IN (SELECT id FROM indicators WHERE initiative_id = $1) \
                     GROUP BY o.organization_id ORDER BY o.organization_id",
                )
                .bind(initiative_id)
                .fetch_all(&self.pool)
                .await
                .map_err(db_err)?
                .into_iter()
                .map(|(o, n)| (o, n as u64))
                .collect())
            }

            async fn observations(&self, initiative_id: Id, q: &ObservationQuery) -> StoreResult<Vec<Observation>> {
                let limit = if q.limit <= 0 { 1000 } else { q.limit.min(100_000) };
                sqlx::query_as::<_, ObservationRow>(&format!(
                    "{OBSERVATION_SELECT} WHERE i.initiative_id = $1 AND ($2 IS NULL OR i.key = $2) AND ($3 IS NULL OR o.organization_id = $3) \
                     AND ($4 IS NULL OR o.status = $4) ORDER BY i.key, o.period, o.geography, o.groups LIMIT $5"
                ))
                .bind(initiative_id)
                .bind(q.indicator.as_deref())
                .bind(q.organization_id)
                .bind(q.status.map(|s| s.as_str()))
                .bind(limit)
                .fetch_all(&self.pool)
                .await
                .map_err(db_err)?
                .into_iter()
                .map(ObservationRow::into_domain)
                .collect()
            }

            async fn observation(&self, initiative_id: Id, observation_id: Id) -> StoreResult<Observation> {
                sqlx::query_as::<_, ObservationRow>(&format!("{OBSERVATION_SELECT} WHERE o.id = $1 AND i.initiative_id = $2"))
                    .bind(observation_id)
                    .bind(initiative_id)
                    .fetch_one(&self.pool)
                    .await
                    .map_err(db_err)
                    .map_err(not_found("observation"))?
                    .into_domain()
            }

            async fn observation_history(&self, initiative_id: Id, observation_id: Id) -> StoreResult<Vec<ObservationRevision>> {
                let found: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM observations o JOIN indicators i ON i.id = o.indicator_id WHERE o.id = $1 AND i.initiative_id = $2",
                )
                .bind(observation_id)
                .bind(initiative_id)
                .fetch_one(&self.pool)
                .await
                .map_err(db_err)?;
                if found == 0 {
                    return Err(StoreError::NotFound("observation"));
                }
                // The earlier states, oldest first, then the current one.
                sqlx::query_as::<_, RevisionRow>(
                    "SELECT revision, numerator, denominator, status, note, actor_name, at FROM \
                     (SELECT 0 AS k, id, revision, numerator, denominator, status, note, actor_name, at FROM observation_revisions WHERE observation_id = $1 \
                      UNION ALL SELECT 1, id, revision, numerator, denominator, status, return_reason, updated_by, updated_at FROM observations WHERE id = $1) h \
                     ORDER BY k, id",
                )
                .bind(observation_id)
                .fetch_all(&self.pool)
                .await
                .map_err(db_err)?
                .into_iter()
                .map(RevisionRow::into_domain)
                .collect()
            }

            async fn review_observations(&self, actor: &Actor, initiative_id: Id, ids: &[Id], review: &Review) -> StoreResult<u64> {
                let (status, reason) = match review {
                    Review::Approve => ("approved", None),
                    Review::Return { reason } => {
                        let mut inv = backbone_core::Invalid::new();
                        check_text(&mut inv, "reason", reason, 1, 1000);
                        inv.into_result()?;
                        ("returned", Some(reason.trim().to_string()))
                    }
                };
                let now = Utc::now();
                let mut tx = self.begin().await?;
                let mut changed = 0;
                for id in ids {
                    let current: Option<String> = sqlx::query_scalar(
                        "SELECT o.status FROM observations o JOIN indicators i ON i.id = o.indicator_id WHERE o.id = $1 AND i.initiative_id = $2",
                    )
                    .bind(id)
                    .bind(initiative_id)
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(db_err)?;
                    let Some(current) = current else {
                        return Err(StoreError::NotFound("observation"));
                    };
                    if current != "submitted" {
                        return Err(StoreError::conflict("status", format!("observation {id} is {current}; only submitted numbers can be reviewed")));
                    }
                    sqlx::query("UPDATE observations SET status = $1, return_reason = $2, updated_at = $3, updated_by = $4 WHERE id = $5")
                        .bind(status)
                        .bind(reason.as_deref())
                        .bind(now)
                        .bind(&actor.name)
                        .bind(id)
                        .execute(&mut *tx)
                        .await
                        .map_err(db_err)?;
                    changed += 1;
                }
                let mut pairs = std::collections::BTreeSet::new();
                for id in ids {
                    let pair: (i64, String) = sqlx::query_as("SELECT indicator_id, period FROM observations WHERE id = $1")
                        .bind(id)
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(db_err)?;
                    pairs.insert(pair);
                }
                Self::refresh_published(&mut tx, initiative_id, &pairs).await?;
                let after = serde_json::json!({ "status": status, "reason": reason, "observations": ids });
                Self::audit(&mut tx, actor, Audit { initiative_id: Some(initiative_id), action: "observation.review", entity: "observation", entity_id: None, before: None, after: Some(after.to_string()) }, now).await?;
                tx.commit().await.map_err(db_err)?;
                Ok(changed)
            }

            async fn approve_all_submitted(&self, actor: &Actor, initiative_id: Id, organization_id: Id) -> StoreResult<u64> {
                let now = Utc::now();
                let mut tx = self.begin().await?;
                Self::check_org_in_initiative(&mut tx, initiative_id, Some(organization_id), "organization_id").await?;
                let pairs: std::collections::BTreeSet<(Id, String)> = sqlx::query_as::<_, (i64, String)>(
                    "SELECT DISTINCT o.indicator_id, o.period FROM observations o JOIN indicators i ON i.id = o.indicator_id \
                     WHERE i.initiative_id = $1 AND o.organization_id = $2 AND o.status = 'submitted'",
                )
                .bind(initiative_id)
                .bind(organization_id)
                .fetch_all(&mut *tx)
                .await
                .map_err(db_err)?
                .into_iter()
                .collect();
                let indicator_ids: std::collections::BTreeSet<Id> = pairs.iter().map(|(i, _)| *i).collect();
                let mut changed = 0;
                for indicator_id in indicator_ids {
                    changed += sqlx::query(
                        "UPDATE observations SET status = 'approved', return_reason = NULL, updated_at = $1, updated_by = $2 \
                         WHERE indicator_id = $3 AND organization_id = $4 AND status = 'submitted'",
                    )
                    .bind(now)
                    .bind(&actor.name)
                    .bind(indicator_id)
                    .bind(organization_id)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_err)?
                    .rows_affected();
                }
                Self::refresh_published(&mut tx, initiative_id, &pairs).await?;
                let after = serde_json::json!({ "status": "approved", "organization_id": organization_id, "observations": changed });
                Self::audit(&mut tx, actor, Audit { initiative_id: Some(initiative_id), action: "observation.review", entity: "observation", entity_id: None, before: None, after: Some(after.to_string()) }, now).await?;
                tx.commit().await.map_err(db_err)?;
                Ok(changed)
            }

            async fn approved_cells(&self, initiative_id: Id, indicator_id: Id) -> StoreResult<Vec<CellSum>> {
                Ok(sqlx::query_as::<_, CellRow>(
                    "SELECT o.period, o.geography, o.groups, SUM(o.numerator) AS numerator, SUM(o.denominator) AS denominator \
                     FROM observations o JOIN indicators i ON i.id = o.indicator_id \
                     WHERE i.initiative_id = $1 AND o.indicator_id = $2 AND o.status = 'approved' \
                     GROUP BY o.period, o.geography, o.groups ORDER BY o.period, o.geography, o.groups",
                )
                .bind(initiative_id)
                .bind(indicator_id)
                .fetch_all(&self.pool)
                .await
                .map_err(db_err)?
                .into_iter()
                .map(|r| CellSum { period: r.period, geography: r.geography, groups: r.groups, numerator: r.numerator, denominator: r.denominator })
                .collect())
            }

            async fn published_cells(
                &self,
                initiative_id: Id,
                indicator_id: Id,
                places: &[String],
                dimension: Option<&str>,
            ) -> StoreResult<Vec<(CellSum, bool)>> {
                if places.is_empty() {
                    return Ok(Vec::new());
                }
                // Two index seeks on the primary key (indicator, place, groups, period): the first
                // place with all its groups, then the other places' totals.
                let owned: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM indicators WHERE id = $1 AND initiative_id = $2")
                    .bind(indicator_id)
                    .bind(initiative_id)
                    .fetch_one(&self.pool)
                    .await
                    .map_err(db_err)?;
                if owned == 0 {
                    return Err(StoreError::NotFound("indicator"));
                }
                type Row = (String, String, String, f64, Option<f64>, bool);
                let mut rows: Vec<Row> = sqlx::query_as(
                    "SELECT period, geography, groups, numerator, denominator, hidden FROM published_cells WHERE indicator_id = $1 AND geography = $2",
                )
                .bind(indicator_id)
                .bind(&places[0])
                .fetch_all(&self.pool)
                .await
                .map_err(db_err)?;
                let prefix = dimension.map(|d| format!("{d}="));
                rows.retain(|r| r.2.is_empty() || prefix.as_ref().is_some_and(|p| r.2.starts_with(p.as_str()) && !r.2.contains(';')));
                if places.len() > 1 {
                    let mut q = sqlx::QueryBuilder::<$db>::new(
                        "SELECT period, geography, groups, numerator, denominator, hidden FROM published_cells WHERE indicator_id = ",
                    );
                    q.push_bind(indicator_id).push(" AND groups = '' AND geography IN (");
                    let mut sep = q.separated(", ");
                    for place in &places[1..] {
                        sep.push_bind(place.clone());
                    }
                    sep.push_unseparated(")");
                    rows.extend(q.build_query_as::<Row>().fetch_all(&self.pool).await.map_err(db_err)?);
                }
                Ok(rows
                    .into_iter()
                    .map(|(period, geography, groups, numerator, denominator, hidden)| (CellSum { period, geography, groups, numerator, denominator }, hidden))
                    .collect())
            }

            // ------------------------------------------------------------ export / import

            async fn export_initiative(&self, initiative_id: Id) -> StoreResult<InitiativeExport> {
                let mut tx = self.pool.begin().await.map_err(db_err)?;
                let initiative = Self::initiative_tx(&mut tx, initiative_id).await?;
                tx.rollback().await.map_err(db_err)?;
                let mut agenda_versions = self.agenda_versions(initiative_id).await?;
                agenda_versions.reverse();
                let mut audit = Vec::new();
                let mut before_id = None;
                loop {
                    let page = Store::audit(self, &AuditQuery { initiative_id: Some(initiative_id), entity: None, before_id, limit: 500 }).await?;
                    let done = page.len() < 500;
                    before_id = page.last().map(|a| a.id);
                    audit.extend(page);
                    if done {
                        break;
                    }
                }
                audit.reverse();
                let roles = self.grants_in_initiative(initiative_id).await?;
                let endorsements = self.endorsements(initiative_id, None).await?;
                let mut user_ids: Vec<Id> = roles.iter().map(|r| r.user_id).collect();
                user_ids.extend(agenda_versions.iter().filter_map(|v| v.author_user_id));
                user_ids.extend(endorsements.iter().filter_map(|e| e.endorsed_by_user_id));
                user_ids.extend(audit.iter().filter_map(|a| a.actor_user_id));
                user_ids.sort_unstable();
                user_ids.dedup();
                let mut users = Vec::new();
                for id in user_ids {
                    users.push(self.user(id).await?);
                }
                let mut observations: Vec<ObservationExport> = Vec::new();
                let rows = sqlx::query_as::<_, ObservationRow>(&format!("{OBSERVATION_SELECT} WHERE i.initiative_id = $1 ORDER BY o.id"))
                    .bind(initiative_id)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_err)?;
                let mut history: HashMap<Id, Vec<ObservationRevision>> = HashMap::new();
                let revs = sqlx::query_as::<_, (i64, i64, f64, Option<f64>, String, Option<String>, String, DateTime<Utc>)>(
                    // The document's history ends with the current state, as the history page shows it.
                    "SELECT observation_id, revision, numerator, denominator, status, note, actor_name, at FROM \
                     (SELECT r.observation_id, 0 AS k, r.id AS seq, r.revision, r.numerator, r.denominator, r.status, r.note, r.actor_name, r.at \
                      FROM observation_revisions r JOIN observations o ON o.id = r.observation_id JOIN indicators i ON i.id = o.indicator_id \
                      WHERE i.initiative_id = $1 \
                      UNION ALL SELECT o.id, 1, o.id, o.revision, o.numerator, o.denominator, o.status, o.return_reason, o.updated_by, o.updated_at \
                      FROM observations o JOIN indicators i ON i.id = o.indicator_id WHERE i.initiative_id = $1) h \
                     ORDER BY observation_id, k, seq",
                )
                .bind(initiative_id)
                .fetch_all(&self.pool)
                .await
                .map_err(db_err)?;
                for (oid, revision, numerator, denominator, status, note, actor_name, at) in revs {
                    let status = ObservationStatus::parse(&status).ok_or_else(|| StoreError::Backend(format!("unknown status {status}")))?;
                    history.entry(oid).or_default().push(ObservationRevision { revision, numerator, denominator, status, note, actor_name, at });
                }
                for r in rows {
                    let o = r.into_domain()?;
                    observations.push(ObservationExport {
                        history: history.remove(&o.id).unwrap_or_default(),
                        indicator: o.indicator_key,
                        period: o.period,
                        geography: o.geography,
                        groups: o.groups,
                        organization_id: o.organization_id,
                        numerator: o.numerator,
                        denominator: o.denominator,
                        status: o.status,
                        return_reason: o.return_reason,
                        revision: o.revision,
                        updated_at: o.updated_at,
                    });
                }
                Ok(InitiativeExport {
                    indicators: self.indicators(initiative_id).await?,
                    geographies: self.geographies(initiative_id).await?,
                    dimensions: self.dimensions(initiative_id).await?,
                    observations,
                    format: EXPORT_FORMAT,
                    preconditions: self.preconditions(initiative_id).await?,
                    users,
                    roles,
                    organizations: self.organizations(initiative_id).await?,
                    people: self.people(initiative_id).await?,
                    tables: self.tables(initiative_id).await?,
                    memberships: self.memberships(initiative_id, None, None).await?,
                    agenda_versions,
                    endorsements,
                    audit,
                    initiative,
                })
            }

            async fn import_initiative(&self, actor: &Actor, doc: &InitiativeExport, slug: Option<&str>) -> StoreResult<Initiative> {
                doc.validate()?;
                let slug = slug.unwrap_or(&doc.initiative.slug);
                let mut inv = backbone_core::Invalid::new();
                check_slug(&mut inv, "slug", slug);
                inv.into_result()?;
                let now = Utc::now();
                let mut tx = self.begin().await?;
                let src = &doc.initiative;
                let iid: Id = sqlx::query_scalar(
                    "INSERT INTO initiatives (slug, name, description, phase, published, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                )
                .bind(slug)
                .bind(&src.name)
                .bind(&src.description)
                .bind(src.phase.as_str())
                .bind(src.published)
                .bind(src.created_at)
                .fetch_one(&mut *tx)
                .await
                .map_err(db_err)?;
                for p in &doc.preconditions {
                    sqlx::query("INSERT INTO preconditions (initiative_id, kind, readiness, evidence, updated_at) VALUES ($1, $2, $3, $4, $5)")
                        .bind(iid)
                        .bind(p.kind.as_str())
                        .bind(p.readiness.as_str())
                        .bind(&p.evidence)
                        .bind(p.updated_at)
                        .execute(&mut *tx)
                        .await
                        .map_err(db_err)?;
                }
                // Users are matched by username; new ones arrive without a password.
                let mut users: HashMap<Id, Id> = HashMap::new();
                for u in &doc.users {
                    let id = match Self::user_by_name_tx(&mut tx, &u.username).await? {
                        Some(existing) => existing.id,
                        None => sqlx::query_scalar(
                            "INSERT INTO users (username, display_name, password_hash, server_admin, disabled, created_at) VALUES ($1, $2, NULL, FALSE, $3, $4) RETURNING id",
                        )
                        .bind(&u.username)
                        .bind(&u.display_name)
                        .bind(u.disabled)
                        .bind(u.created_at)
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(db_err)?,
                    };
                    users.insert(u.id, id);
                }
                let mut orgs: HashMap<Id, Id> = HashMap::new();
                for o in &doc.organizations {
                    orgs.insert(o.id, Self::insert_org(&mut tx, iid, &org_input(o), o.created_at, o.updated_at).await?);
                }
                let mut people: HashMap<Id, Id> = HashMap::new();
                for p in &doc.people {
                    let mut input = person_input(p);
                    input.organization_id = p.organization_id.map(|o| orgs[&o]);
                    people.insert(p.id, Self::insert_person(&mut tx, iid, &input, p.created_at, p.updated_at).await?);
                }
                let mut tables: HashMap<Id, Id> = HashMap::new();
                for t in &doc.tables {
                    let input = TableInput { name: t.name.clone(), kind: t.kind, purpose: t.purpose.clone(), result_key: t.result_key.clone() };
                    tables.insert(t.id, Self::insert_table(&mut tx, iid, &input, t.created_at).await?);
                }
                let mut memberships: HashMap<Id, Id> = HashMap::new();
                for m in &doc.memberships {
                    let input = MembershipInput { person_id: people[&m.person_id], role: m.role, start_date: m.start_date, end_date: m.end_date };
                    memberships.insert(m.id, Self::insert_membership(&mut tx, tables[&m.table_id], &input).await?);
                }
                for v in &doc.agenda_versions {
                    let input = AgendaInput {
                        problem_statement: v.problem_statement.clone(),
                        shared_vision: v.shared_vision.clone(),
                        results: v.results.clone(),
                        reason: v.reason.clone(),
                        based_on: v.number - 1,
                    };
                    let author = v.author_user_id.map(|u| users[&u]);
                    Self::insert_agenda(&mut tx, iid, v.number, &input, author, &v.author_name, v.created_at).await?;
                }
                for e in &doc.endorsements {
                    sqlx::query(
                        "INSERT INTO endorsements (initiative_id, version, organization_id, endorsed_by_user_id, endorsed_by_name, note, created_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7)",
                    )
                    .bind(iid)
                    .bind(e.version)
                    .bind(orgs[&e.organization_id])
                    .bind(e.endorsed_by_user_id.map(|u| users[&u]))
                    .bind(&e.endorsed_by_name)
                    .bind(&e.note)
                    .bind(e.created_at)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_err)?;
                }
                for r in &doc.roles {
                    sqlx::query("INSERT INTO role_grants (user_id, initiative_id, role, organization_id, created_at) VALUES ($1, $2, $3, $4, $5)")
                        .bind(users[&r.user_id])
                        .bind(iid)
                        .bind(r.role.as_str())
                        .bind(r.organization_id.map(|o| orgs[&o]))
                        .bind(now)
                        .execute(&mut *tx)
                        .await
                        .map_err(db_err)?;
                }
                for g in &doc.geographies {
                    sqlx::query("INSERT INTO geographies (initiative_id, code, name, level, parent) VALUES ($1, $2, $3, $4, $5)")
                        .bind(iid)
                        .bind(&g.code)
                        .bind(&g.name)
                        .bind(g.level.as_str())
                        .bind(g.parent.as_deref())
                        .execute(&mut *tx)
                        .await
                        .map_err(db_err)?;
                }
                for d in &doc.dimensions {
                    sqlx::query("INSERT INTO dimensions (initiative_id, key, name, vals) VALUES ($1, $2, $3, $4)")
                        .bind(iid)
                        .bind(&d.key)
                        .bind(&d.name)
                        .bind(to_json(&d.values))
                        .execute(&mut *tx)
                        .await
                        .map_err(db_err)?;
                }
                let mut indicators: HashMap<String, Id> = HashMap::new();
                for ind in &doc.indicators {
                    let id: Id = sqlx::query_scalar(
                        "INSERT INTO indicators (initiative_id, key, name, description, numerator_definition, denominator_definition, unit, direction, \
                         period_kind, source, level, result_key, owner_organization_id, baseline_period, targets, suppression_threshold, published, created_at, updated_at, \
                         min_gap_change) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20) RETURNING id",
                    )
                    .bind(iid)
                    .bind(&ind.key)
                    .bind(&ind.name)
                    .bind(&ind.description)
                    .bind(&ind.numerator_definition)
                    .bind(&ind.denominator_definition)
                    .bind(ind.unit.as_str())
                    .bind(ind.direction.as_str())
                    .bind(ind.period_kind.as_str())
                    .bind(&ind.source)
                    .bind(ind.level.as_str())
                    .bind(ind.result_key.as_deref())
                    .bind(ind.owner_organization_id.map(|o| orgs[&o]))
                    .bind(ind.baseline_period.as_deref())
                    .bind(to_json(&ind.targets))
                    .bind(ind.suppression_threshold as i64)
                    .bind(ind.published)
                    .bind(ind.created_at)
                    .bind(ind.updated_at)
                    .bind(ind.min_gap_change)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(db_err)?;
                    indicators.insert(ind.key.clone(), id);
                }
                for o in &doc.observations {
                    let current = o.history.last().filter(|r| {
                        (r.revision, r.numerator, r.denominator, r.status) == (o.revision, o.numerator, o.denominator, o.status)
                    });
                    let oid: Id = sqlx::query_scalar(
                        "INSERT INTO observations (indicator_id, period, geography, groups, organization_id, numerator, denominator, status, return_reason, revision, updated_at, updated_by) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
                    )
                    .bind(indicators[&o.indicator])
                    .bind(&o.period)
                    .bind(&o.geography)
                    .bind(groups_key(&o.groups))
                    .bind(orgs[&o.organization_id])
                    .bind(o.numerator)
                    .bind(o.denominator)
                    .bind(o.status.as_str())
                    .bind(o.return_reason.as_deref())
                    .bind(o.revision)
                    .bind(o.updated_at)
                    .bind(current.map(|r| r.actor_name.as_str()).unwrap_or(""))
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(db_err)?;
                    // The document's last entry is normally the current state, which the row holds.
                    let earlier = if current.is_some() { o.history.len() - 1 } else { o.history.len() };
                    for r in &o.history[..earlier] {
                        sqlx::query(
                            "INSERT INTO observation_revisions (observation_id, revision, numerator, denominator, status, note, actor_name, at) \
                             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                        )
                        .bind(oid)
                        .bind(r.revision)
                        .bind(r.numerator)
                        .bind(r.denominator)
                        .bind(r.status.as_str())
                        .bind(r.note.as_deref())
                        .bind(&r.actor_name)
                        .bind(r.at)
                        .execute(&mut *tx)
                        .await
                        .map_err(db_err)?;
                    }
                }
                // The history comes along; ids inside its before/after snapshots are the source's.
                for a in &doc.audit {
                    let entity_id = a.entity_id.map(|id| match a.entity.as_str() {
                        "initiative" => iid,
                        "organization" => *orgs.get(&id).unwrap_or(&id),
                        "person" => *people.get(&id).unwrap_or(&id),
                        "table" => *tables.get(&id).unwrap_or(&id),
                        "membership" => *memberships.get(&id).unwrap_or(&id),
                        "user" => *users.get(&id).unwrap_or(&id),
                        _ => id,
                    });
                    sqlx::query(
                        "INSERT INTO audit_log (initiative_id, actor_user_id, actor_name, action, entity, entity_id, before_json, after_json, at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                    )
                    .bind(iid)
                    .bind(a.actor_user_id.and_then(|u| users.get(&u).copied()))
                    .bind(&a.actor_name)
                    .bind(&a.action)
                    .bind(&a.entity)
                    .bind(entity_id)
                    .bind(a.before.as_ref().map(to_json))
                    .bind(a.after.as_ref().map(to_json))
                    .bind(a.at)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_err)?;
                }
                let pairs = Self::approved_pairs(&mut tx, iid, None).await?;
                Self::refresh_published(&mut tx, iid, &pairs).await?;
                let created = Self::initiative_tx(&mut tx, iid).await?;
                let summary = serde_json::json!({
                    "slug": slug, "organizations": doc.organizations.len(), "people": doc.people.len(),
                    "tables": doc.tables.len(), "agenda_versions": doc.agenda_versions.len(),
                });
                Self::audit(&mut tx, actor, Audit { initiative_id: Some(iid), action: "initiative.import", entity: "initiative", entity_id: Some(iid), before: None, after: Some(summary.to_string()) }, now).await?;
                tx.commit().await.map_err(db_err)?;
                Ok(created)
            }
        }
    };
}

store_impl!(SqliteStore, sqlx::Sqlite, "BEGIN IMMEDIATE", "sqlite");
store_impl!(PgStore, sqlx::Postgres, "BEGIN", "postgres");
