//! Accountability: when each organisation first submitted each period's numbers, kept through
//! review and correction; drafts are not submissions.

use super::*;
use backbone_core::measure::observation::InMemory;

async fn the_first_submission_is_remembered_through_review_and_correction(ts: TestStore) {
    let (i, o) = measurement_setup(&ts).await;
    // Numbers without a reporting schedule hold nobody to anything.
    ts.store
        .submit_observations(&staff(), i.id, o.id, vec![vec![obs("2022-23", "northside", "", 400.0, 1000.0)]])
        .await
        .unwrap();
    assert!(ts.store.first_submissions(i.id).await.unwrap().is_empty());
    let input = IndicatorInput { report_due_days: Some(60), ..reading_indicator() };
    let ind = ts.store.update_indicator(&staff(), i.id, "third-grade-reading", &input).await.unwrap();
    assert_eq!(ind.report_due_days, Some(60));
    let first = ts.store.first_submissions(i.id).await.unwrap();
    assert_eq!(first.len(), 1);
    assert_eq!((first[0].organization_id, first[0].period.as_str()), (o.id, "2022-23"));
    let when = first[0].first_submitted_at;

    // Approved, then corrected and approved again: still first submitted then.
    ts.store.approve_all_submitted(&staff(), i.id, o.id).await.unwrap();
    ts.store
        .submit_observations(&staff(), i.id, o.id, vec![vec![obs("2022-23", "northside", "", 410.0, 1000.0)]])
        .await
        .unwrap();
    ts.store.approve_all_submitted(&staff(), i.id, o.id).await.unwrap();
    let again = ts.store.first_submissions(i.id).await.unwrap();
    assert_eq!(again.len(), 1);
    assert_eq!(again[0].first_submitted_at, when);

    // A draft is not a submission until it is sent.
    ts.store
        .submit_batches(
            &staff(),
            i.id,
            o.id,
            true,
            &mut InMemory::new(vec![vec![obs("2023-24", "northside", "", 1.0, 2.0)]]),
        )
        .await
        .unwrap();
    assert_eq!(ts.store.first_submissions(i.id).await.unwrap().len(), 1);
    ts.store.send_drafts(&staff(), i.id, o.id).await.unwrap();
    let sent = ts.store.first_submissions(i.id).await.unwrap();
    assert_eq!(sent.iter().filter(|s| s.period == "2023-24").count(), 1);
    assert!(sent.iter().all(|s| s.first_submitted_at >= when));
}

both_backends!(the_first_submission_is_remembered_through_review_and_correction);
