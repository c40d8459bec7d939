//! Upgrades keep data: a database written by an earlier version reads the same after migrating.

use backbone_core::measure::observation::ObservationStatus;
use sqlx::migrate::Migrator;
use std::borrow::Cow;

static SQLITE: Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES: Migrator = sqlx::migrate!("./migrations/postgres");

/// Data as version 3 of the schema held it: every state of an observation in
/// observation_revisions, the newest equal to the row itself.
const BEFORE_HISTORY_TRIGGER: &str = "
INSERT INTO initiatives (id, slug, name, phase, created_at) VALUES (1, 'northside', 'Northside Promise', 'initiating_action', '2025-01-01T00:00:00Z');
INSERT INTO organizations (id, initiative_id, name, sector, budget_band, created_at, updated_at)
  VALUES (1, 1, 'Northside Unified', 'school_district', 'over_20m', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z');
INSERT INTO indicators (id, initiative_id, key, name, unit, direction, period_kind, level, created_at, updated_at)
  VALUES (1, 1, 'third-grade-reading', 'Third-grade reading', 'percent', 'up', 'school_year', 'population', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z');
INSERT INTO observations (id, indicator_id, period, geography, groups, organization_id, numerator, denominator, status, revision, updated_at)
  VALUES (1, 1, '2023-24', 'northside', '', 1, 415, 1000, 'approved', 2, '2025-03-01T00:00:00Z');
INSERT INTO observation_revisions (observation_id, revision, numerator, denominator, status, note, actor_name, at) VALUES
  (1, 1, 410, 1000, 'submitted', NULL, 'Dana Okafor', '2025-01-10T00:00:00Z'),
  (1, 2, 415, 1000, 'submitted', NULL, 'Dana Okafor', '2025-02-01T00:00:00Z'),
  (1, 2, 415, 1000, 'approved', NULL, 'Marcus Lee', '2025-03-01T00:00:00Z');
INSERT INTO observations (id, indicator_id, period, geography, groups, organization_id, numerator, denominator, status, revision, updated_at)
  VALUES (2, 1, '2022-23', 'northside', '', 1, 300, 1000, 'submitted', 2, '2025-04-01T00:00:00Z');
INSERT INTO observation_revisions (observation_id, revision, numerator, denominator, status, note, actor_name, at) VALUES
  (2, 1, 290, 1000, 'submitted', NULL, 'Dana Okafor', '2025-01-10T00:00:00Z');
";

fn version_3(all: &Migrator) -> Migrator {
    let mut v3 = Migrator { migrations: Cow::Owned(all.migrations[..3].to_vec()), ..Migrator::DEFAULT };
    v3.set_ignore_missing(true);
    v3
}

async fn assert_history_kept(store: &dyn backbone_core::Store) {
    let history = store.observation_history(1, 1).await.unwrap();
    let steps: Vec<(i64, f64, ObservationStatus, &str)> =
        history.iter().map(|h| (h.revision, h.numerator, h.status, h.actor_name.as_str())).collect();
    assert_eq!(
        steps,
        vec![
            (1, 410.0, ObservationStatus::Submitted, "Dana Okafor"),
            (2, 415.0, ObservationStatus::Submitted, "Dana Okafor"),
            (2, 415.0, ObservationStatus::Approved, "Marcus Lee"),
        ]
    );
    // A history that did not end with the current state keeps every entry it had.
    let other: Vec<(i64, f64)> =
        store.observation_history(1, 2).await.unwrap().iter().map(|h| (h.revision, h.numerator)).collect();
    assert_eq!(other, vec![(1, 290.0), (2, 300.0)]);
}

/// A SQLite database written by the `earlier` migrations and `seed`, then opened as the server
/// opens it (migrating to the latest), and checked.
async fn upgraded_on_sqlite(name: &str, earlier: Migrator, seed: &str, check: impl AsyncFn(&dyn backbone_core::Store)) {
    let file = std::env::temp_dir().join(format!("backbone-migrate-{name}-{}.db", std::process::id()));
    let url = format!("sqlite://{}", file.display());
    {
        let opts = url.parse::<sqlx::sqlite::SqliteConnectOptions>().unwrap().create_if_missing(true);
        let pool = sqlx::SqlitePool::connect_with(opts).await.unwrap();
        earlier.run(&pool).await.unwrap();
        sqlx::raw_sql(seed).execute(&pool).await.unwrap();
        pool.close().await;
    }
    let store = backbone_store::open(&url).await.unwrap();
    check(store.as_ref()).await;
    drop(store);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", file.display()));
    }
}

/// The same on PostgreSQL, in a schema of its own (skipped without a test server, unless one
/// is required).
async fn upgraded_on_postgres(
    name: &str,
    earlier: Migrator,
    seed: &str,
    check: impl AsyncFn(&dyn backbone_core::Store),
) {
    let url = match std::env::var("BACKBONE_TEST_POSTGRES_URL") {
        Ok(u) if !u.is_empty() => u,
        _ if std::env::var("BACKBONE_REQUIRE_POSTGRES").as_deref() == Ok("1") => {
            panic!("BACKBONE_TEST_POSTGRES_URL is not set")
        }
        _ => return eprintln!("skipped: BACKBONE_TEST_POSTGRES_URL is not set"),
    };
    let schema = format!("{name}_{}", std::process::id());
    let admin = sqlx::PgPool::connect(&url).await.unwrap();
    sqlx::raw_sql(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}"))
        .execute(&admin)
        .await
        .unwrap();
    {
        let opts = url.parse::<sqlx::postgres::PgConnectOptions>().unwrap().options([("search_path", schema.as_str())]);
        let pool = sqlx::PgPool::connect_with(opts).await.unwrap();
        earlier.run(&pool).await.unwrap();
        sqlx::raw_sql(seed).execute(&pool).await.unwrap();
        pool.close().await;
    }
    let store = backbone_store::open_postgres_schema(&url, &schema).await.unwrap();
    check(store.as_ref()).await;
    drop(store);
    sqlx::raw_sql(&format!("DROP SCHEMA {schema} CASCADE")).execute(&admin).await.unwrap();
}

#[tokio::test]
async fn history_written_before_the_trigger_reads_the_same_after_it() {
    upgraded_on_sqlite("history", version_3(&SQLITE), BEFORE_HISTORY_TRIGGER, assert_history_kept).await;
}

#[tokio::test]
async fn history_written_before_the_trigger_reads_the_same_after_it_on_postgres() {
    upgraded_on_postgres("migrate", version_3(&POSTGRES), BEFORE_HISTORY_TRIGGER, assert_history_kept).await;
}

/// Migrations up to, but not including, `version`.
fn before(all: &Migrator, version: i64) -> Migrator {
    let earlier = all.migrations.iter().filter(|m| m.version < version).cloned().collect::<Vec<_>>();
    let mut m = Migrator { migrations: Cow::Owned(earlier), ..Migrator::DEFAULT };
    m.set_ignore_missing(true);
    m
}

/// An audit entry about a person, as the log kept them before migration 34: with the answers.
const PERSON_AUDITED_WITH_ANSWERS: &str = r#"
INSERT INTO initiatives (id, slug, name, phase, created_at) VALUES (1, 'northside', 'Northside Promise', 'initiating_action', '2025-01-01T00:00:00Z');
INSERT INTO audit_log (initiative_id, actor_name, action, entity, entity_id, before_json, after_json, at) VALUES
  (1, 'Marcus Lee', 'person.update', 'person', 7,
   '{"id":7,"name":"Ana","demographics":{"consent":true,"race_ethnicity":"Hispanic or Latino","gender":"Woman"}}',
   '{"id":7,"name":"Ana","demographics":null}', '2025-02-01T00:00:00Z'),
  (1, 'Marcus Lee', 'organization.update', 'organization', 3, '{"demographics":{"race_ethnicity":"kept: not a person"}}', NULL, '2025-02-01T00:00:00Z');
"#;

async fn assert_answers_gone(store: &dyn backbone_core::Store) {
    let entries = store
        .audit(&backbone_core::audit::AuditQuery { initiative_id: Some(1), limit: 10, ..Default::default() })
        .await
        .unwrap();
    let person = entries.iter().find(|e| e.entity == "person").unwrap();
    assert_eq!(person.before.as_ref().unwrap()["demographics"], serde_json::json!({"consent": true}));
    assert_eq!(person.before.as_ref().unwrap()["name"], "Ana", "the rest of the entry stays");
    assert!(person.after.as_ref().unwrap()["demographics"].is_null());
    let other = entries.iter().find(|e| e.entity == "organization").unwrap();
    assert_eq!(other.before.as_ref().unwrap()["demographics"]["race_ethnicity"], "kept: not a person");
}

#[tokio::test]
async fn demographic_answers_leave_the_audit_log_on_upgrade() {
    upgraded_on_sqlite("audit", before(&SQLITE, 34), PERSON_AUDITED_WITH_ANSWERS, assert_answers_gone).await;
}

#[tokio::test]
async fn demographic_answers_leave_the_audit_log_on_upgrade_on_postgres() {
    upgraded_on_postgres("migrate34", before(&POSTGRES, 34), PERSON_AUDITED_WITH_ANSWERS, assert_answers_gone).await;
}

/// Numbers as the schema held them before the review queue recorded submissions (migration 35).
const BEFORE_SUBMISSIONS: &str = "
INSERT INTO initiatives (id, slug, name, phase, created_at) VALUES (1, 'northside', 'Northside Promise', 'initiating_action', '2025-01-01T00:00:00Z');
INSERT INTO organizations (id, initiative_id, name, sector, budget_band, created_at, updated_at)
  VALUES (1, 1, 'Northside Unified', 'school_district', 'over_20m', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z');
INSERT INTO indicators (id, initiative_id, key, name, unit, direction, period_kind, level, created_at, updated_at)
  VALUES (1, 1, 'third-grade-reading', 'Third-grade reading', 'percent', 'up', 'school_year', 'population', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z');
INSERT INTO observations (id, indicator_id, period, geography, groups, organization_id, numerator, denominator, status, return_reason, revision, updated_at, updated_by, approved_numerator, approved_denominator) VALUES
  (1, 1, '2021-22', 'northside', '', 1, 400, 1000, 'approved', NULL, 1, '2025-03-01T00:00:00Z', 'Marcus Lee', 400, 1000),
  (2, 1, '2022-23', 'northside', '', 1, 560, 1000, 'submitted', NULL, 2, '2025-04-01T00:00:00Z', 'Dana Okafor', 410, 1000),
  (3, 1, '2023-24', 'northside', '', 1, 420, 1000, 'returned', 'Check the denominator', 1, '2025-04-02T00:00:00Z', 'Marcus Lee', NULL, NULL),
  (4, 1, '2024-25', 'northside', '', 1, 430, 1000, 'draft', NULL, 1, '2025-04-03T00:00:00Z', 'Dana Okafor', NULL, NULL);
";

async fn assert_one_earlier_submission(store: &dyn backbone_core::Store) {
    use backbone_core::review::*;
    let subs = store.submissions(1, &SubmissionFilter::default(), None, 10).await.unwrap().submissions;
    assert_eq!(subs.len(), 1, "one submission for the organisation's earlier numbers");
    let s = &subs[0];
    assert_eq!((s.organization_id, s.source), (1, SubmissionSource::Earlier));
    assert_eq!(s.counts, SubmissionCounts { submitted: 1, approved: 1, returned: 1 }, "the draft is in none");
    let waiting = store.submission_numbers(1, s.id, &NumberFilter::default(), None, 10).await.unwrap().numbers;
    assert_eq!(waiting.len(), 1);
    assert_eq!(waiting[0].outlier(), Some(Outlier::RateMoved), "41% published, 56% sent");
    // The kept history still works: approving the earlier submission keeps the replaced state.
    let n = store
        .decide_submission(
            &backbone_core::audit::Actor::system("t"),
            1,
            s.id,
            &SubmissionDecision::Approve,
            &backbone_core::progress::Silent,
        )
        .await
        .unwrap();
    assert_eq!(n, 1);
    assert_eq!(store.observation_history(1, 2).await.unwrap().len(), 2);
}

#[tokio::test]
async fn numbers_sent_before_submissions_become_one_earlier_submission() {
    upgraded_on_sqlite("review", before(&SQLITE, 35), BEFORE_SUBMISSIONS, assert_one_earlier_submission).await;
}

#[tokio::test]
async fn numbers_sent_before_submissions_become_one_earlier_submission_on_postgres() {
    upgraded_on_postgres("migrate35", before(&POSTGRES, 35), BEFORE_SUBMISSIONS, assert_one_earlier_submission).await;
}
