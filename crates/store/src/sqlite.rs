//! The Store on SQLite, the embedded default: one file, write transactions serialised by
//! `BEGIN IMMEDIATE`, and submissions written batch by batch with multi-row upserts.

use crate::error::db_err;
use backbone_core::{StoreError, StoreResult};
use sql::measure::{Staged, Submitter, Written, BATCH_ROWS};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use std::str::FromStr;
use std::time::Duration;

pub struct SqliteStore {
    pool: sqlx::SqlitePool,
    years: backbone_core::measure::period::Years,
}

type Db = sqlx::Sqlite;
type This = SqliteStore;
/// Write transactions take the database's write lock at once, so two never deadlock.
const BEGIN: &str = "BEGIN IMMEDIATE";
const BACKEND: &str = "sqlite";

// The SQL shared with PostgreSQL, compiled here for SQLite (see `sql/mod.rs`).
#[allow(clippy::duplicate_mod)]
#[path = "sql/mod.rs"]
mod sql;

static MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

impl SqliteStore {
    /// The store with the server's settings.
    pub fn with(mut self, settings: crate::Settings) -> Self {
        self.years = settings.years;
        self
    }

    pub async fn open(url: &str) -> Result<Self, StoreError> {
        let opts = SqliteConnectOptions::from_str(url)
            .map_err(crate::config_err)?
            .create_if_missing(true)
            .foreign_keys(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .busy_timeout(Duration::from_secs(10))
            // 32 MB of page cache per connection: large imports keep their indexes in cache.
            .pragma("cache_size", "-32768");
        let memory = url.contains(":memory:");
        let pool = SqlitePoolOptions::new()
            .max_connections(if memory { 1 } else { 8 })
            .connect_with(opts)
            .await
            .map_err(db_err)?;
        MIGRATIONS.run(&pool).await.map_err(|e| StoreError::Backend(format!("migrating SQLite: {e}")))?;
        let store = SqliteStore { pool, years: Default::default() };
        store.refresh_if_outdated().await?;
        Ok(store)
    }
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
                    ") v ON o.indicator_id = v.column1 AND o.period = v.column2 AND o.geography = v.column3 AND o.groups = v.column4
                  WHERE o.status <> 'draft' AND (o.numerator <> v.column5 OR o.denominator IS NOT v.column6)
                      AND o.organization_id = ",
                );
                q.push_bind(by.organization_id);
                let n: i64 = q.build_query_scalar().fetch_one(&mut **tx).await.map_err(db_err)?;
                written.already_sent += n as u64;
            }
            let mut q = sqlx::QueryBuilder::<sqlx::Sqlite>::new(
                "INSERT INTO observations (indicator_id, period, geography, groups, numerator, denominator,
                     organization_id, status, revision, updated_at, updated_by, submission_id)
                 SELECT column1, column2, column3, column4, column5, column6, ",
            );
            q.push_bind(by.organization_id)
                .push(", ")
                .push_bind(by.status)
                .push(", 1, ")
                .push_bind(by.at)
                .push(", ")
                .push_bind(by.actor)
                .push(", ")
                .push_bind(by.submission_id) // review queue [hc]
                .push(" FROM (");
            push_rows(&mut q, chunk);
            q.push(
                ")
              WHERE true
              ON CONFLICT (indicator_id, period, geography, groups, organization_id)
              DO UPDATE SET numerator = excluded.numerator, denominator = excluded.denominator,
                  status = excluded.status, return_reason = NULL,
                  revision = observations.revision + (observations.numerator <> excluded.numerator OR observations.denominator IS NOT excluded.denominator),
                   updated_at = excluded.updated_at, updated_by = excluded.updated_by,
                   submission_id = excluded.submission_id
              WHERE ((observations.numerator <> excluded.numerator OR observations.denominator IS NOT excluded.denominator) AND (excluded.status = 'submitted' OR observations.status = 'draft'))
                   OR (excluded.status = 'submitted' AND observations.status = 'draft')",
            );
            written.rows += q.build().execute(&mut **tx).await.map_err(db_err)?.rows_affected();
        }
        Ok(written)
    }

    /// SQLite transactions that write start with BEGIN IMMEDIATE: two refreshes never overlap.
    async fn lock_refresh(_tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>) -> StoreResult<()> {
        Ok(())
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

impl SqliteStore {
    /// Writes decided published cells of one indicator (new, or changed in sum or decision),
    /// a thousand to a multi-row upsert.
    async fn write_cells(
        tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>,
        indicator_id: backbone_core::Id,
        cells: &[(backbone_core::measure::observation::CellSum, Option<backbone_core::measure::view::Withheld>)],
    ) -> StoreResult<()> {
        use backbone_core::measure::view::Withheld;
        for chunk in cells.chunks(BATCH_ROWS) {
            let mut q = sqlx::QueryBuilder::<sqlx::Sqlite>::new(
                "INSERT INTO published_cells (indicator_id, period, geography, groups, numerator, denominator,
                     hidden, withheld) ",
            );
            q.push_values(chunk, |mut b, (c, w)| {
                b.push_bind(indicator_id)
                    .push_bind(c.period.as_str())
                    .push_bind(c.geography.as_str())
                    .push_bind(c.groups.as_str())
                    .push_bind(c.numerator)
                    .push_bind(c.denominator)
                    .push_bind(*w == Some(Withheld::Everything))
                    .push_bind(w.map(|w| w.as_str()));
            });
            q.push(
                " ON CONFLICT (indicator_id, geography, groups, period)
                 DO UPDATE SET numerator = excluded.numerator, denominator = excluded.denominator,
                     hidden = excluded.hidden, withheld = excluded.withheld",
            );
            q.build().execute(&mut **tx).await.map_err(db_err)?;
        }
        Ok(())
    }
}
