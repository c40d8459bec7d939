//! Fresh, empty stores for tests: one suite, two backends.
//!
//! SQLite gets a new file in the temp directory; PostgreSQL gets a new schema in the cluster named
//! by `BACKBONE_TEST_POSTGRES_URL`. Without that variable PostgreSQL tests are skipped with a
//! message, unless `BACKBONE_REQUIRE_POSTGRES=1` (as in CI), where they fail instead.

use backbone_core::store::prelude::*;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A store for one test; the SQLite file is removed when it is dropped.
pub struct TestStore {
    pub store: Arc<dyn Store>,
    /// The URL another process or app server would use to reach the same data.
    pub url: String,
    /// For PostgreSQL, the schema holding this test's tables.
    pub schema: Option<String>,
    file: Option<PathBuf>,
}

impl Drop for TestStore {
    fn drop(&mut self) {
        if let Some(f) = &self.file {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", f.display()));
            }
        }
    }
}

static COUNTER: AtomicU64 = AtomicU64::new(0);

fn unique() -> String {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
    format!("{}_{}_{}", std::process::id(), nanos % 1_000_000_000, COUNTER.fetch_add(1, Ordering::Relaxed))
}

/// A fresh store, or `None` when PostgreSQL is not configured and not required.
pub async fn fresh(backend: Backend) -> Option<TestStore> {
    match backend {
        Backend::Sqlite => {
            let file = std::env::temp_dir().join(format!("backbone-test-{}.db", unique()));
            let url = format!("sqlite://{}", file.display());
            let store = crate::open(&url).await.expect("open SQLite");
            Some(TestStore { store, url, schema: None, file: Some(file) })
        }
        Backend::Postgres => {
            let url = match std::env::var("BACKBONE_TEST_POSTGRES_URL") {
                Ok(u) if !u.is_empty() => u,
                _ => {
                    if std::env::var("BACKBONE_REQUIRE_POSTGRES").as_deref() == Ok("1") {
                        panic!("BACKBONE_REQUIRE_POSTGRES=1 but BACKBONE_TEST_POSTGRES_URL is not set");
                    }
                    eprintln!("skipping PostgreSQL: set BACKBONE_TEST_POSTGRES_URL (scripts/test does)");
                    return None;
                }
            };
            let schema = format!("t_{}", unique());
            let store = crate::open_postgres_schema(&url, &schema).await.expect("open PostgreSQL");
            Some(TestStore { store, url, schema: Some(schema), file: None })
        }
    }
}

/// Runs each test once per backend: `both_backends!(a, b);` after `async fn a(ts: TestStore)`
/// and `async fn b(ts: TestStore)` expands to the tests `a::sqlite`, `a::postgres`, `b::sqlite` …
/// The tests themselves are plain functions, so rustfmt and rust-analyzer see them whole.
#[macro_export]
macro_rules! both_backends {
    ($($name:ident),+ $(,)?) => {
        $(
            mod $name {
                #[tokio::test]
                async fn sqlite() {
                    super::$name($crate::testing::fresh($crate::testing::Backend::Sqlite).await.unwrap()).await
                }

                #[tokio::test]
                async fn postgres() {
                    if let Some(s) = $crate::testing::fresh($crate::testing::Backend::Postgres).await {
                        super::$name(s).await
                    }
                }
            }
        )+
    };
}
