//! The Store on SQLite, the embedded default: one file, write transactions serialised by
//! `BEGIN IMMEDIATE`, and submissions written batch by batch through one prepared statement.

use crate::error::db_err;
use crate::sqlite_raw::{Param, Stmt};
use backbone_core::{StoreError, StoreResult};
use sql::measure::{Staged, Submitter, Written, BATCH_ROWS};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use std::str::FromStr;
use std::time::Duration;

pub struct SqliteStore {
    pool: sqlx::SqlitePool,
    years: backbone_core::measure::period::Years,
    /// Copies the write-ahead log into the database file in the background; stops with the store.
    _checkpoints: Option<Checkpoints>,
}

/// SQLite's automatic checkpoint runs inside the commit of whichever write fills the
/// write-ahead log past its threshold: after a 10M-row import or approval, seconds of copying
/// pages into the database file that the person waiting for the commit would pay for. Instead
/// the store turns it off and checkpoints every second on its own task (PASSIVE: never waiting
/// for readers or writers), and keeps the log file under `journal_size_limit` afterwards.
struct Checkpoints(tokio::task::JoinHandle<()>);

impl Checkpoints {
    const EVERY: Duration = Duration::from_secs(1);

    fn start(pool: sqlx::SqlitePool) -> Self {
        Checkpoints(tokio::spawn(async move {
            let mut tick = tokio::time::interval(Self::EVERY);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tick.tick().await;
                if let Err(e) = sqlx::query("PRAGMA wal_checkpoint(PASSIVE)").execute(&pool).await {
                    tracing::warn!(error = %e, "checkpointing the write-ahead log");
                }
            }
        }))
    }
}

impl Drop for Checkpoints {
    fn drop(&mut self) {
        self.0.abort();
    }
}

type Db = sqlx::Sqlite;
type This = SqliteStore;
/// Write transactions take the database's write lock at once, so two never deadlock.
const BEGIN: &str = "BEGIN IMMEDIATE";
const BACKEND: &str = "sqlite";
/// The numbers of organisation `$1` sent in initiative `$2`, as `o`: each is in one of the
/// organisation's submissions (a waiting number always is: drafts have none). With
/// `o.status = 'submitted'` (which every use adds) they are read along observations_review
/// (migration 0040) without visiting the rows.
const WAITING: &str =
    "o.submission_id IN (SELECT id FROM submissions WHERE organization_id = $1 AND initiative_id = $2)";

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
        // Checkpoints on the store's own task (`Checkpoints`), never inside a commit; the log
        // file shrinks back to 64 MB once checkpointed.
        let opts =
            if memory { opts } else { opts.pragma("wal_autocheckpoint", "0").pragma("journal_size_limit", "67108864") };
        let pool = SqlitePoolOptions::new()
            .max_connections(if memory { 1 } else { 8 })
            .connect_with(opts)
            .await
            .map_err(db_err)?;
        MIGRATIONS.run(&pool).await.map_err(|e| StoreError::Backend(format!("migrating SQLite: {e}")))?;
        let checkpoints = (!memory).then(|| Checkpoints::start(pool.clone()));
        let store = SqliteStore { pool, years: Default::default(), _checkpoints: checkpoints };
        store.refresh_if_outdated().await?;
        Ok(store)
    }
}

/// The connection a submission's rows are written on, or an approval's decided. SQLite checks
/// each row's foreign keys as it is written: about a third of writing a submission at 10M rows
/// (measured: 10 s of 32 s), and about a tenth of marking numbers approved (measured on 1M in
/// the `sqlite3` shell: 4.0–4.1 s with the checks, 3.5–3.6 s without; each revision the history
/// trigger keeps names its number). A submission's rows hold only an indicator id just read from
/// `indicators` in the same transaction, its organisation (checked in it) and its submission
/// (made in it); an approval's revisions name the numbers it is updating and its published cells
/// an indicator it has read.
/// BEGIN IMMEDIATE keeps every other writer out meanwhile, so this connection leaves the checks
/// off (`PRAGMA foreign_keys` applies only outside a transaction) and turns them back on before
/// it goes back to the pool. Should anything stop it first, the connection is closed, never
/// pooled with its checks off.
pub(crate) struct RowsConnection(Option<sqlx::pool::PoolConnection<sqlx::Sqlite>>);

impl RowsConnection {
    pub(crate) async fn open(pool: &sqlx::SqlitePool) -> StoreResult<Self> {
        let mut conn = pool.acquire().await.map_err(db_err)?;
        sqlx::query("PRAGMA foreign_keys = OFF").execute(&mut *conn).await.map_err(db_err)?;
        Ok(RowsConnection(Some(conn)))
    }

    pub(crate) async fn begin(&mut self) -> StoreResult<sqlx::Transaction<'_, sqlx::Sqlite>> {
        let conn = self.0.as_mut().ok_or_else(|| StoreError::Backend("the connection is closed".into()))?;
        sqlx::Connection::begin_with(&mut **conn, BEGIN).await.map_err(db_err)
    }

    /// Its checks on again, back to the pool (after the transaction's commit or rollback).
    pub(crate) async fn release(mut self) -> StoreResult<()> {
        if let Some(mut conn) = self.0.take() {
            let on = sqlx::query("PRAGMA foreign_keys = ON").execute(&mut *conn).await;
            if on.is_err() {
                drop(conn.detach());
            }
            on.map_err(db_err)?;
        }
        Ok(())
    }
}

impl Drop for RowsConnection {
    fn drop(&mut self) {
        if let Some(conn) = self.0.take() {
            // Closed, not pooled: its foreign-key checks are off.
            drop(conn.detach());
        }
    }
}

/// `VALUES (…), (…)` of submitted rows, as SQLite's column1 … column6.
fn push_rows<'a>(q: &mut sqlx::QueryBuilder<'a, sqlx::Sqlite>, rows: &'a [Staged<'a>]) {
    q.push_values(rows, |mut b, r| {
        b.push_bind(r.0).push_bind(r.1).push_bind(r.2).push_bind(r.3.as_str()).push_bind(r.4).push_bind(r.5);
    });
}

/// One submitted row: a new cell is inserted, a different number for an existing cell is a
/// correction (the trigger keeps the old one), the same number again changes nothing.
/// ?1–?6: the row; ?7 the organisation, ?8 the status, ?9 when, ?10 who, ?11 the submission
/// (review queue; none for drafts).
const UPSERT: &str = "INSERT INTO observations (indicator_id, period, geography, groups, numerator, denominator,
         organization_id, status, revision, updated_at, updated_by, submission_id)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 1, ?9, ?10, ?11)
     ON CONFLICT (indicator_id, period, geography, groups, organization_id)
     DO UPDATE SET numerator = excluded.numerator, denominator = excluded.denominator,
         status = excluded.status, return_reason = NULL,
         revision = observations.revision + (observations.numerator <> excluded.numerator OR observations.denominator IS NOT excluded.denominator),
         updated_at = excluded.updated_at, updated_by = excluded.updated_by,
         submission_id = excluded.submission_id
     WHERE ((observations.numerator <> excluded.numerator OR observations.denominator IS NOT excluded.denominator) AND (excluded.status = 'submitted' OR observations.status = 'draft'))
         OR (excluded.status = 'submitted' AND observations.status = 'draft')";

/// A new cell, inserted; nothing when the cell exists (then [`UPSERT`] decides). Tried first: a
/// statement that cannot update (so cannot fire the history trigger) needs no statement journal,
/// which makes a first submission about a third faster. Same parameters as [`UPSERT`].
const INSERT_NEW: &str = "INSERT INTO observations (indicator_id, period, geography, groups, numerator, denominator,
         organization_id, status, revision, updated_at, updated_by, submission_id)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 1, ?9, ?10, ?11)
     ON CONFLICT (indicator_id, period, geography, groups, organization_id) DO NOTHING";

/// Runs `f`, which waits on SQLite, without holding up other tasks on this worker thread.
fn off_the_runtime<T>(f: impl FnOnce() -> T) -> T {
    match tokio::runtime::Handle::try_current() {
        Ok(h) if h.runtime_flavor() == tokio::runtime::RuntimeFlavor::MultiThread => tokio::task::block_in_place(f),
        _ => f(),
    }
}

/// Writes `rows` with [`INSERT_NEW`] and [`UPSERT`] prepared once and stepped row by row, straight
/// through SQLite's C interface: a statement per row costs no parsing and no hand-off to another thread, which
/// makes this several times faster than multi-row statements. Answers the rows changed.
///
/// `db` is the open connection, locked for this call (`raw`), inside the submission's transaction.
fn upsert_rows(
    db: *mut libsqlite3_sys::sqlite3,
    rows: &[Staged<'_>],
    by: &Submitter<'_>,
    at: &str,
) -> Result<u64, String> {
    // Safety: the connection is locked for this call, and nothing else uses it meanwhile.
    let (mut insert, mut upsert) = unsafe { (Stmt::prepare(db, INSERT_NEW)?, Stmt::prepare(db, UPSERT)?) };
    let fixed = [
        Param::Int(by.organization_id),
        Param::Text(by.status),
        Param::Text(at),
        Param::Text(by.actor),
        Param::OptInt(by.submission_id),
    ];
    for stmt in [&mut insert, &mut upsert] {
        for (i, p) in fixed.iter().enumerate() {
            stmt.bind(i + 7, *p)?;
        }
    }
    let mut changed = 0u64;
    for r in rows {
        let row = [
            Param::Int(r.0),
            Param::Text(r.1),
            Param::Text(r.2),
            Param::Text(&r.3),
            Param::Double(r.4),
            Param::OptDouble(r.5),
        ];
        insert.bind_all(&row)?;
        let n = insert.execute()?;
        if n > 0 {
            changed += n;
            continue;
        }
        // The cell exists: a correction, a draft sent, or the same number again.
        upsert.bind_all(&row)?;
        changed += upsert.execute()?;
    }
    Ok(changed)
}

impl SqliteStore {
    /// SQLite writes each batch straight into `observations` (see [`upsert_rows`]). Drafts first
    /// count the cells whose number differs from one already sent. Answers the rows written.
    async fn write_batch(
        tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>,
        rows: &[Staged<'_>],
        by: &Submitter<'_>,
    ) -> StoreResult<Written> {
        let mut written = Written::default();
        if by.status == "draft" {
            for chunk in rows.chunks(BATCH_ROWS) {
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
        }
        // As sqlx writes times for SQLite, so that the corrections are found by their time.
        let at = by.at.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, false);
        written.rows += Self::raw(tx, "writing the numbers", |db| upsert_rows(db, rows, by, &at)).await?;
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

use sql::publish::KeptRow;

/// Every row of a statement selecting published cells (period, place, groups, numerator,
/// denominator, withheld).
fn kept_rows(stmt: &mut Stmt<'_>) -> Result<Vec<KeptRow>, String> {
    let mut rows = Vec::new();
    while stmt.step()? {
        rows.push((stmt.text(0)?, stmt.text(1)?, stmt.text(2)?, stmt.double(3), stmt.opt_double(4), stmt.opt_text(5)?));
    }
    Ok(rows)
}

impl SqliteStore {
    /// After a statement wrote `rows` rows into `tables`: nothing to do. SQLite plans without
    /// sampled statistics (no ANALYZE runs on its files), from its indexes' shapes alone, so a
    /// large write never leaves it planning for the tables as they were (PostgreSQL refreshes
    /// its statistics here).
    pub(crate) async fn after_bulk_write(
        _tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>,
        _rows: u64,
        _tables: &[&str],
    ) -> StoreResult<()> {
        Ok(())
    }

    /// Runs `f` on the transaction's own connection, locked for the call, off the runtime.
    async fn raw<T>(
        conn: &mut sqlx::SqliteConnection,
        what: &str,
        f: impl FnOnce(*mut libsqlite3_sys::sqlite3) -> Result<T, String>,
    ) -> StoreResult<T> {
        let mut handle = conn.lock_handle().await.map_err(db_err)?;
        let db = handle.as_raw_handle().as_ptr();
        off_the_runtime(|| f(db)).map_err(|e| StoreError::Backend(format!("{what}: {e}")))
    }

    /// Published cells as the query `sql` selects them (period, place, groups, numerator,
    /// denominator, withheld), its parameters `$1` the indicator, `$2` the initiative and `$3`…
    /// the places: what indicator pages read, stepped through SQLite's C interface.
    async fn fetch_published(
        &self,
        sql: &str,
        indicator_id: backbone_core::Id,
        initiative_id: backbone_core::Id,
        places: &[String],
    ) -> StoreResult<Vec<KeptRow>> {
        let mut conn = self.pool.acquire().await.map_err(db_err)?;
        Self::raw(&mut conn, "reading the published cells", |db| {
            // Safety: the pooled connection is locked for this call (`raw`).
            let mut stmt = unsafe { Stmt::prepare(db, sql)? };
            stmt.bind_dollar(1, Param::Int(indicator_id))?;
            stmt.bind_dollar(2, Param::Int(initiative_id))?;
            for (i, place) in places.iter().enumerate() {
                stmt.bind_dollar(i + 3, Param::Text(place))?;
            }
            kept_rows(&mut stmt)
        })
        .await
    }

    /// One indicator's published cells as kept, of `periods` (all when `None`), along
    /// `published_cells_by_period`, stepped through SQLite's C interface.
    async fn kept_cells(
        tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>,
        indicator_id: backbone_core::Id,
        periods: Option<&[String]>,
    ) -> StoreResult<Vec<KeptRow>> {
        let mut sql = String::from(
            "SELECT period, geography, groups, numerator, denominator, withheld
             FROM published_cells
             WHERE indicator_id = ?1",
        );
        if let Some(p) = periods {
            sql.push_str(" AND period IN (");
            sql.push_str(&(0..p.len()).map(|i| format!("?{}", i + 2)).collect::<Vec<_>>().join(", "));
            sql.push(')');
        }
        Self::raw(tx, "reading the published cells", |db| {
            // Safety: the connection is locked for this call (`raw`).
            let mut stmt = unsafe { Stmt::prepare(db, &sql)? };
            stmt.bind(1, Param::Int(indicator_id))?;
            for (i, p) in periods.unwrap_or_default().iter().enumerate() {
                stmt.bind(i + 2, Param::Text(p))?;
            }
            kept_rows(&mut stmt)
        })
        .await
    }

    /// One indicator's approved numbers summed over organisations per cell, of `periods` (all
    /// when `None`) and `places` (all when `None`), stepped through SQLite's C interface.
    async fn cell_sums(
        tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>,
        indicator_id: backbone_core::Id,
        periods: Option<&[String]>,
        places: Option<&[&str]>,
    ) -> StoreResult<Vec<backbone_core::measure::observation::CellSum>> {
        let mut sql = String::from(
            "SELECT period, geography, groups, SUM(approved_numerator), SUM(approved_denominator)
             FROM observations
             WHERE approved_numerator IS NOT NULL AND indicator_id = ?1",
        );
        let mut n = 1;
        let mut list = |column: &str, len: usize, sql: &mut String| {
            sql.push_str(&format!(" AND {column} IN ("));
            sql.push_str(&(0..len).map(|i| format!("?{}", n + i + 1)).collect::<Vec<_>>().join(", "));
            sql.push(')');
            n += len;
        };
        if let Some(p) = periods {
            list("period", p.len(), &mut sql);
        }
        if let Some(g) = places {
            list("geography", g.len(), &mut sql);
        }
        sql.push_str(" GROUP BY period, geography, groups");
        Self::raw(tx, "summing the approved numbers", |db| {
            // Safety: the connection is locked for this call (`raw`).
            let mut stmt = unsafe { Stmt::prepare(db, &sql)? };
            let mut params = vec![Param::Int(indicator_id)];
            params.extend(periods.unwrap_or_default().iter().map(|p| Param::Text(p)));
            params.extend(places.unwrap_or_default().iter().map(|g| Param::Text(g)));
            stmt.bind_all(&params)?;
            let mut cells = Vec::new();
            while stmt.step()? {
                cells.push(backbone_core::measure::observation::CellSum {
                    period: stmt.text(0)?,
                    geography: stmt.text(1)?,
                    groups: stmt.text(2)?,
                    numerator: stmt.double(3),
                    denominator: stmt.opt_double(4),
                });
            }
            Ok(cells)
        })
        .await
    }

    /// Writes decided published cells of one indicator (new, or changed in sum or decision)
    /// through one prepared upsert stepped row by row.
    async fn write_cells(
        tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>,
        indicator_id: backbone_core::Id,
        cells: &[(backbone_core::measure::observation::CellSum, Option<backbone_core::measure::view::Withheld>)],
    ) -> StoreResult<()> {
        use backbone_core::measure::view::Withheld;
        if cells.is_empty() {
            return Ok(());
        }
        Self::raw(tx, "writing the published cells", |db| {
            // Safety: the connection is locked for this call (`raw`).
            let mut stmt = unsafe {
                Stmt::prepare(
                    db,
                    "INSERT INTO published_cells (indicator_id, period, geography, groups, numerator, denominator,
                         hidden, withheld)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                     ON CONFLICT (indicator_id, geography, groups, period)
                     DO UPDATE SET numerator = excluded.numerator, denominator = excluded.denominator,
                         hidden = excluded.hidden, withheld = excluded.withheld",
                )?
            };
            for (c, w) in cells {
                stmt.bind_all(&[
                    Param::Int(indicator_id),
                    Param::Text(&c.period),
                    Param::Text(&c.geography),
                    Param::Text(&c.groups),
                    Param::Double(c.numerator),
                    Param::OptDouble(c.denominator),
                    Param::Int((*w == Some(Withheld::Everything)) as i64),
                    Param::OptText(w.map(|w| w.as_str())),
                ])?;
                stmt.execute()?;
            }
            Ok(())
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn foreign_keys(conn: &mut sqlx::SqliteConnection) -> i64 {
        sqlx::query_scalar("PRAGMA foreign_keys").fetch_one(conn).await.unwrap()
    }

    #[tokio::test]
    async fn a_connection_that_wrote_rows_never_goes_back_to_the_pool_without_its_foreign_key_checks() {
        let file = std::env::temp_dir().join(format!("backbone-rows-{}.db", std::process::id()));
        let store = SqliteStore::open(&format!("sqlite://{}", file.display())).await.unwrap();
        // Released after its transaction: the checks are on again.
        let mut rows = RowsConnection::open(&store.pool).await.unwrap();
        let mut tx = rows.begin().await.unwrap();
        assert_eq!(foreign_keys(&mut tx).await, 0, "off while the rows are written");
        tx.commit().await.unwrap();
        rows.release().await.unwrap();
        // Stopped before its release (an error on the way): closed, not pooled.
        let mut rows = RowsConnection::open(&store.pool).await.unwrap();
        let tx = rows.begin().await.unwrap();
        drop(tx);
        drop(rows);
        // Every connection the pool hands out checks foreign keys.
        let mut held = Vec::new();
        for _ in 0..8 {
            let mut conn = store.pool.acquire().await.unwrap();
            assert_eq!(foreign_keys(&mut conn).await, 1);
            held.push(conn);
        }
        drop(held);
        drop(store);
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", file.display()));
        }
    }
}
