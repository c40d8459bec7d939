//! The content version: what every app server's cache of public answers compares on each request.

use super::*;

async fn approvals_and_definitions_move_the_content_version_and_submissions_do_not(ts: TestStore) {
    let (i, o) = measurement_setup(&ts).await;
    let before = ts.store.content_version().await.unwrap();
    ts.store
        .submit_batches(
            &staff(),
            i.id,
            o.id,
            false,
            &mut InMemory::new(vec![vec![obs("2023-24", "northside", "", 400.0, 1000.0)]]),
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(ts.store.content_version().await.unwrap(), before, "a number waiting for review is not public");
    ts.store.approve_all_submitted(&staff(), i.id, o.id, &backbone_core::progress::Silent).await.unwrap();
    let approved = ts.store.content_version().await.unwrap();
    assert!(approved.version > before.version, "an approval publishes numbers");
    assert!(approved.changed_at >= before.changed_at);
    let mut change = reading_indicator();
    change.name = "Third graders reading on grade level".into();
    ts.store.update_indicator(&staff(), i.id, "third-grade-reading", &change).await.unwrap();
    assert!(ts.store.content_version().await.unwrap().version > approved.version, "a definition changed");
}

async fn a_write_that_fails_leaves_the_content_version_alone(ts: TestStore) {
    let (i, _) = measurement_setup(&ts).await;
    let before = ts.store.content_version().await.unwrap();
    let dup = ts.store.create_indicator(&staff(), i.id, &reading_indicator()).await;
    assert!(dup.is_err());
    assert_eq!(ts.store.content_version().await.unwrap(), before);
}

both_backends!(
    approvals_and_definitions_move_the_content_version_and_submissions_do_not,
    a_write_that_fails_leaves_the_content_version_alone
);
