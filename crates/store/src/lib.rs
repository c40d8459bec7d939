//! The Backbone Store on SQLite (default, embedded) and PostgreSQL (several app servers, one
//! database). `open` picks the backend from the URL scheme and runs that backend's migrations.
//!
//! Both backends share one body of SQL written in the common dialect (`$1` parameters, `RETURNING`,
//! `lower()`), one file per capability in `sql/`; the schema differs per backend in `migrations/`.
//! `sqlite.rs` and `postgres.rs` each compile that body for their backend, so each backend is a
//! concrete, separately tested implementation.

mod codec;
mod error;
mod postgres;
mod sqlite;
mod sqlite_raw;
pub mod testing;

pub use postgres::PgStore;
pub use sqlite::SqliteStore;

use backbone_core::measure::period::Years;
use backbone_core::{Store, StoreError};
use sqlx::postgres::PgConnectOptions;
use std::str::FromStr;
use std::sync::Arc;

/// What a server's configuration sets for the store's checks.
#[derive(Debug, Clone, Copy, Default)]
pub struct Settings {
    /// The years reporting periods may start in.
    pub years: Years,
}

/// Opens (creating and migrating if needed) the database at `url`:
/// `sqlite://path/to/file.db`, `sqlite::memory:`, or `postgres://user@host/db`.
pub async fn open(url: &str) -> Result<Arc<dyn Store>, StoreError> {
    open_with(url, Settings::default()).await
}

/// `open`, with the server's settings.
pub async fn open_with(url: &str, settings: Settings) -> Result<Arc<dyn Store>, StoreError> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        let opts = PgConnectOptions::from_str(url).map_err(config_err)?;
        Ok(Arc::new(PgStore::open(opts).await?.with(settings)))
    } else if url.starts_with("sqlite:") {
        Ok(Arc::new(SqliteStore::open(url).await?.with(settings)))
    } else {
        Err(StoreError::Backend(format!(
            "unsupported database URL {:?}: use sqlite://FILE or postgres://…",
            redact(url)
        )))
    }
}

pub(crate) fn config_err(e: sqlx::Error) -> StoreError {
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
        let mut conn = sqlx::PgConnection::connect_with(&base).await.map_err(error::db_err)?;
        sqlx::query(&format!("CREATE SCHEMA IF NOT EXISTS {schema}"))
            .execute(&mut conn)
            .await
            .map_err(error::db_err)?;
        conn.close().await.map_err(error::db_err)?;
    }
    Ok(Arc::new(PgStore::open(base.options([("search_path", schema)])).await?))
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
