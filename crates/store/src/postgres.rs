//! The Store on PostgreSQL, for several app servers sharing one database: submissions are
//! staged with COPY and applied with one UPDATE and one INSERT, serialised per organisation by
//! an advisory lock.

use crate::error::db_err;
use backbone_core::{StoreError, StoreResult};
use sql::measure::{Staged, Submitter, Written};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use std::time::Duration;

pub struct PgStore {
    pool: sqlx::PgPool,
    years: backbone_core::measure::period::Years,
}

type Db = sqlx::Postgres;
type This = PgStore;
const BEGIN: &str = "BEGIN";
const BACKEND: &str = "postgres";
/// The numbers of organisation `$1` sent in initiative `$2`, as `o`: with `o.status = 'submitted'`
/// (which every use adds), along the partial index of waiting numbers by organisation
/// (`observations_waiting`, which migration 0040 keeps here), whatever the planner's statistics
/// say about the approved millions.
const WAITING: &str = "o.organization_id = $1
     AND o.submission_id IN (SELECT id FROM submissions WHERE organization_id = $1 AND initiative_id = $2)";

// The SQL shared with SQLite, compiled here for PostgreSQL (see `sql/mod.rs`).
#[allow(clippy::duplicate_mod)]
#[path = "sql/mod.rs"]
mod sql;

static MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

impl PgStore {
    /// The store with the server's settings.
    pub fn with(mut self, settings: crate::Settings) -> Self {
        self.years = settings.years;
        self
    }

    pub async fn open(opts: PgConnectOptions) -> Result<Self, StoreError> {
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(opts)
            .await
            .map_err(db_err)?;
        // Several app servers may start at once: migrations take an advisory lock.
        MIGRATIONS.run(&pool).await.map_err(|e| StoreError::Backend(format!("migrating PostgreSQL: {e}")))?;
        let store = PgStore { pool, years: Default::default() };
        store.refresh_if_outdated().await?;
        Ok(store)
    }
}

/// The connection a submission's rows are written on: any of the pool's (SQLite's differs).
pub(crate) struct RowsConnection(sqlx::pool::PoolConnection<sqlx::Postgres>);

impl RowsConnection {
    pub(crate) async fn open(pool: &sqlx::PgPool) -> StoreResult<Self> {
        Ok(RowsConnection(pool.acquire().await.map_err(db_err)?))
    }

    pub(crate) async fn begin(&mut self) -> StoreResult<sqlx::Transaction<'_, sqlx::Postgres>> {
        sqlx::Connection::begin_with(&mut *self.0, BEGIN).await.map_err(db_err)
    }

    pub(crate) async fn release(self) -> StoreResult<()> {
        Ok(())
    }
}

/// The PostgreSQL advisory-lock key space of submissions (one key per organisation).
const SUBMISSION_LOCK: i64 = 0x4242 << 48;

/// The PostgreSQL advisory lock of recomputing the published cells when the store opens.
const REFRESH_LOCK: i64 = 0x4243 << 48;

impl PgStore {
    /// PostgreSQL stages rows with COPY, its bulk loader, in its binary format (no numbers to
    /// print and parse again); `finish_submission` applies them.
    async fn write_batch(
        tx: &mut sqlx::Transaction<'_, sqlx::Postgres>,
        rows: &[Staged<'_>],
        _by: &Submitter<'_>,
    ) -> StoreResult<Written> {
        let mut data = Vec::with_capacity(19 + rows.len() * 96 + 2);
        data.extend_from_slice(b"PGCOPY\n\xff\r\n\0");
        data.extend_from_slice(&0i32.to_be_bytes()); // flags
        data.extend_from_slice(&0i32.to_be_bytes()); // header extension
        let text = |data: &mut Vec<u8>, s: &str| {
            data.extend_from_slice(&(s.len() as i32).to_be_bytes());
            data.extend_from_slice(s.as_bytes());
        };
        for r in rows {
            data.extend_from_slice(&6i16.to_be_bytes());
            data.extend_from_slice(&8i32.to_be_bytes());
            data.extend_from_slice(&r.0.to_be_bytes());
            text(&mut data, r.1);
            text(&mut data, r.2);
            text(&mut data, &r.3);
            data.extend_from_slice(&8i32.to_be_bytes());
            data.extend_from_slice(&r.4.to_bits().to_be_bytes());
            match r.5 {
                Some(d) => {
                    data.extend_from_slice(&8i32.to_be_bytes());
                    data.extend_from_slice(&d.to_bits().to_be_bytes());
                }
                None => data.extend_from_slice(&(-1i32).to_be_bytes()),
            }
        }
        data.extend_from_slice(&(-1i16).to_be_bytes());
        let mut copy = tx
            .copy_in_raw("COPY obs_stage (indicator_id, period, geography, groups, numerator, denominator) FROM STDIN WITH (FORMAT binary)")
            .await
            .map_err(db_err)?;
        copy.send(data).await.map_err(db_err)?;
        copy.finish().await.map_err(db_err)?;
        Ok(Written::default())
    }

    /// Several app servers may open the store at once: one recomputes, the others then find it done.
    async fn lock_refresh(tx: &mut sqlx::Transaction<'_, sqlx::Postgres>) -> StoreResult<()> {
        sqlx::query("SELECT pg_advisory_xact_lock($1)").bind(REFRESH_LOCK).execute(&mut **tx).await.map_err(db_err)?;
        Ok(())
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
    /// for the new cells (an anti-join: measured faster than ON CONFLICT's speculative inserts),
    /// in the order of the cells' key, so the unique index grows at its end rather than all over.
    /// Answers the rows written.
    async fn finish_submission(
        tx: &mut sqlx::Transaction<'_, sqlx::Postgres>,
        by: &Submitter<'_>,
    ) -> StoreResult<Written> {
        // The planner knows nothing of a table filled in this transaction: without its
        // statistics it joins a million staged rows as if they were a few.
        sqlx::query("ANALYZE obs_stage").execute(&mut **tx).await.map_err(db_err)?;
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
             OR observations.denominator IS DISTINCT FROM s.denominator THEN 1 ELSE 0 END, updated_at = $1, updated_by = $3, \
             submission_id = $5 \
             FROM obs_stage s WHERE observations.organization_id = $2 AND observations.indicator_id = s.indicator_id \
             AND observations.period = s.period AND observations.geography = s.geography AND observations.groups = s.groups \
             AND (((observations.numerator <> s.numerator OR observations.denominator IS DISTINCT FROM s.denominator) \
             AND ($4 = 'submitted' OR observations.status = 'draft')) OR ($4 = 'submitted' AND observations.status = 'draft'))",
        )
        .bind(by.at)
        .bind(by.organization_id)
        .bind(by.actor)
        .bind(by.status)
        .bind(by.submission_id) // review queue [hc]
        .execute(&mut **tx)
        .await
        .map_err(db_err)?
        .rows_affected();
        tracing::debug!(revised, "staged corrections applied");
        let added = sqlx::query(
            "INSERT INTO observations (indicator_id, period, geography, groups, organization_id, numerator, denominator, status, revision, updated_at, updated_by, submission_id) \
             SELECT s.indicator_id, s.period, s.geography, s.groups, $1, s.numerator, s.denominator, $4, 1, $2, $3, $5 FROM obs_stage s \
             WHERE NOT EXISTS (SELECT 1 FROM observations o WHERE o.organization_id = $1 AND o.indicator_id = s.indicator_id \
             AND o.period = s.period AND o.geography = s.geography AND o.groups = s.groups) \
             ORDER BY s.indicator_id, s.period COLLATE \"C\", s.geography COLLATE \"C\", s.groups COLLATE \"C\"",
        )
        .bind(by.organization_id)
        .bind(by.at)
        .bind(by.actor)
        .bind(by.status)
        .bind(by.submission_id) // review queue [hc]
        .execute(&mut **tx)
        .await
        .map_err(db_err)?
        .rows_affected();
        sqlx::query("TRUNCATE obs_stage").execute(&mut **tx).await.map_err(db_err)?;
        // The review queue's first pages over a million new numbers were planned as scans of a
        // small table (p99 about 1 s) before this.
        Self::after_bulk_write(tx, added + revised, &["observations", "observation_revisions"]).await?;
        Ok(Written { rows: revised + added, already_sent })
    }

    /// After a statement wrote `rows` rows into `tables`: from [`ANALYZE_AFTER_ROWS`] on, the
    /// planner's statistics of them are refreshed before the transaction commits. Until
    /// autovacuum gets to them they describe the tables before the write, and the next queries
    /// are planned for that: after a 10M approval, counting a 1,000-row submission's corrections
    /// scanned every observation (1.4 s, 2.6–3.7 s with JIT compiling the scan), planned with no
    /// statistics of the 10M revisions the approval had written. ANALYZE inside the transaction
    /// counts its own rows, and its sample costs about a second a table even at 10M.
    pub(crate) async fn after_bulk_write(
        tx: &mut sqlx::Transaction<'_, sqlx::Postgres>,
        rows: u64,
        tables: &[&str],
    ) -> StoreResult<()> {
        if rows >= ANALYZE_AFTER_ROWS {
            sqlx::query(&format!("ANALYZE {}", tables.join(", "))).execute(&mut **tx).await.map_err(db_err)?;
        }
        Ok(())
    }
}

/// A write of at least this many rows refreshes the planner's statistics of the tables it wrote
/// before it commits (`PgStore::after_bulk_write`).
const ANALYZE_AFTER_ROWS: u64 = 100_000;

impl PgStore {
    /// Writes decided published cells of one indicator (new, or changed in sum or decision):
    /// each column bound as one array and unnested, so a million cells are a few statements
    /// rather than thousands of parameter lists.
    async fn write_cells(
        tx: &mut sqlx::Transaction<'_, sqlx::Postgres>,
        indicator_id: backbone_core::Id,
        cells: &[(backbone_core::measure::observation::CellSum, Option<backbone_core::measure::view::Withheld>)],
    ) -> StoreResult<()> {
        use backbone_core::measure::view::Withheld;
        for chunk in cells.chunks(50_000) {
            let periods: Vec<&str> = chunk.iter().map(|(c, _)| c.period.as_str()).collect();
            let places: Vec<&str> = chunk.iter().map(|(c, _)| c.geography.as_str()).collect();
            let groups: Vec<&str> = chunk.iter().map(|(c, _)| c.groups.as_str()).collect();
            let numerators: Vec<f64> = chunk.iter().map(|(c, _)| c.numerator).collect();
            let denominators: Vec<Option<f64>> = chunk.iter().map(|(c, _)| c.denominator).collect();
            let hidden: Vec<bool> = chunk.iter().map(|(_, w)| *w == Some(Withheld::Everything)).collect();
            let withheld: Vec<Option<&str>> = chunk.iter().map(|(_, w)| w.map(|w| w.as_str())).collect();
            sqlx::query(
                "INSERT INTO published_cells (indicator_id, period, geography, groups, numerator, denominator, hidden,
                     withheld)
                 SELECT $1, * FROM UNNEST($2::text[], $3::text[], $4::text[], $5::float8[], $6::float8[], $7::bool[],
                     $8::text[])
                 ON CONFLICT (indicator_id, geography, groups, period)
                 DO UPDATE SET numerator = excluded.numerator, denominator = excluded.denominator,
                     hidden = excluded.hidden, withheld = excluded.withheld",
            )
            .bind(indicator_id)
            .bind(&periods)
            .bind(&places)
            .bind(&groups)
            .bind(&numerators)
            .bind(&denominators)
            .bind(&hidden)
            .bind(&withheld)
            .execute(&mut **tx)
            .await
            .map_err(db_err)?;
        }
        Ok(())
    }
}

use sql::publish::KeptRow;

impl PgStore {
    /// Published cells as the query `sql` selects them (period, place, groups, numerator,
    /// denominator, withheld), its parameters `$1` the indicator, `$2` the initiative and `$3`…
    /// the places.
    async fn fetch_published(
        &self,
        sql: &str,
        indicator_id: backbone_core::Id,
        initiative_id: backbone_core::Id,
        places: &[String],
    ) -> StoreResult<Vec<KeptRow>> {
        let mut q = sqlx::query_as::<_, KeptRow>(sql).bind(indicator_id).bind(initiative_id);
        for place in places {
            q = q.bind(place);
        }
        q.fetch_all(&self.pool).await.map_err(db_err)
    }

    /// One indicator's published cells as kept, of `periods` (all when `None`; a condition
    /// only when given, so that the plan seeks `published_cells_by_period`).
    async fn kept_cells(
        tx: &mut sqlx::Transaction<'_, sqlx::Postgres>,
        indicator_id: backbone_core::Id,
        periods: Option<&[String]>,
    ) -> StoreResult<Vec<KeptRow>> {
        let mut sql = String::from(
            "SELECT period, geography, groups, numerator, denominator, withheld
             FROM published_cells
             WHERE indicator_id = $1",
        );
        if periods.is_some() {
            sql.push_str(" AND period = ANY($2)");
        }
        let mut q = sqlx::query_as(&sql).bind(indicator_id);
        if let Some(p) = periods {
            q = q.bind(p);
        }
        q.fetch_all(&mut **tx).await.map_err(db_err)
    }

    /// One indicator's approved numbers summed over organisations per cell, of `periods` (all
    /// when `None`) and `places` (all when `None`); conditions only when given.
    async fn cell_sums(
        tx: &mut sqlx::Transaction<'_, sqlx::Postgres>,
        indicator_id: backbone_core::Id,
        periods: Option<&[String]>,
        places: Option<&[&str]>,
    ) -> StoreResult<Vec<backbone_core::measure::observation::CellSum>> {
        let mut sql = String::from(
            "SELECT period, geography, groups, SUM(approved_numerator), SUM(approved_denominator)
             FROM observations
             WHERE approved_numerator IS NOT NULL AND indicator_id = $1",
        );
        let mut n = 1;
        if periods.is_some() {
            n += 1;
            sql.push_str(&format!(" AND period = ANY(${n})"));
        }
        if places.is_some() {
            n += 1;
            sql.push_str(&format!(" AND geography = ANY(${n})"));
        }
        sql.push_str(" GROUP BY period, geography, groups");
        let mut q = sqlx::query_as::<_, (String, String, String, f64, Option<f64>)>(&sql).bind(indicator_id);
        if let Some(p) = periods {
            q = q.bind(p);
        }
        if let Some(g) = places {
            q = q.bind(g);
        }
        let rows = q.fetch_all(&mut **tx).await.map_err(db_err)?;
        Ok(rows
            .into_iter()
            .map(|(period, geography, groups, numerator, denominator)| backbone_core::measure::observation::CellSum {
                period,
                geography,
                groups,
                numerator,
                denominator,
            })
            .collect())
    }
}
