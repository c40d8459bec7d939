//! The Backbone Store on SQLite (default, embedded) and PostgreSQL (several app servers, one
//! database). `open` picks the backend from the URL scheme and runs that backend's migrations.
//!
//! Both backends share one body of SQL written in the common dialect (`$1` parameters, `RETURNING`,
//! `lower()`); the schema differs per backend in `migrations/`. The body is instantiated once per
//! backend by `store_impl!`, so each backend is a concrete, separately tested implementation.

mod imp;
mod rows;
pub mod testing;

use backbone_core::{Store, StoreError};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgPool, SqlitePool};
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

pub struct SqliteStore {
    pool: SqlitePool,
}

pub struct PgStore {
    pool: PgPool,
}

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static PG_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

/// Opens (creating and migrating if needed) the database at `url`:
/// `sqlite://path/to/file.db`, `sqlite::memory:`, or `postgres://user@host/db`.
pub async fn open(url: &str) -> Result<Arc<dyn Store>, StoreError> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(Arc::new(PgStore::open(PgConnectOptions::from_str(url).map_err(config_err)?).await?))
    } else if url.starts_with("sqlite:") {
        Ok(Arc::new(SqliteStore::open(url).await?))
    } else {
        Err(StoreError::Backend(format!(
            "unsupported database URL {:?}: use sqlite://FILE or postgres://…",
            redact(url)
        )))
    }
}

fn config_err(e: sqlx::Error) -> StoreError {
    StoreError::Backend(format!("bad database URL: {e}"))
}

/// The URL without its password, for messages and logs.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!("{}{}:***{}", &url[..s + 3], user, &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

/// Opens PostgreSQL with every table inside `schema` (created if missing). Tests use it to give
/// each test its own empty database in one cluster.
pub async fn open_postgres_schema(url: &str, schema: &str) -> Result<Arc<dyn Store>, StoreError> {
    if !schema.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') {
        return Err(StoreError::Backend(format!("bad schema name {schema:?}")));
    }
    let base = PgConnectOptions::from_str(url).map_err(config_err)?;
    {
        use sqlx::Connection;
        let mut conn = sqlx::PgConnection::connect_with(&base).await.map_err(imp::db_err)?;
        sqlx::query(&format!("CREATE SCHEMA IF NOT EXISTS {schema}")).execute(&mut conn).await.map_err(imp::db_err)?;
        conn.close().await.map_err(imp::db_err)?;
    }
    Ok(Arc::new(PgStore::open(base.options([("search_path", schema)])).await?))
}

impl SqliteStore {
    pub async fn open(url: &str) -> Result<Self, StoreError> {
        let opts = SqliteConnectOptions::from_str(url)
            .map_err(config_err)?
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
            .map_err(imp::db_err)?;
        SQLITE_MIGRATIONS.run(&pool).await.map_err(|e| StoreError::Backend(format!("migrating SQLite: {e}")))?;
        Ok(SqliteStore { pool })
    }
}

impl PgStore {
    pub async fn open(opts: PgConnectOptions) -> Result<Self, StoreError> {
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(opts)
            .await
            .map_err(imp::db_err)?;
        // Several app servers may start at once: migrations take an advisory lock.
        PG_MIGRATIONS.run(&pool).await.map_err(|e| StoreError::Backend(format!("migrating PostgreSQL: {e}")))?;
        Ok(PgStore { pool })
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn passwords_never_reach_messages() {
        assert_eq!(
            super::redact("postgres://backbone:s3cret@db.internal/backbone"),
            "postgres://backbone:***@db.internal/backbone"
        );
        assert_eq!(super::redact("sqlite://backbone.db"), "sqlite://backbone.db");
    }
}
