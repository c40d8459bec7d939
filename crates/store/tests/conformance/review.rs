//! The review queue: submissions recorded by the write path with counts kept current, their
//! numbers paged and filtered along one index, and whole submissions approved or returned.

use super::*;
use backbone_core::progress::{Stage, Tracker};
use backbone_core::review::*;

async fn queue(ts: &TestStore, initiative_id: Id) -> Vec<Submission> {
    ts.store.submissions(initiative_id, &SubmissionFilter::default(), None, 200).await.unwrap().submissions
}

fn counts(s: &Submission) -> (u64, u64, u64) {
    (s.counts.submitted, s.counts.approved, s.counts.returned)
}

async fn numbers(ts: &TestStore, i: Id, s: Id, filter: &NumberFilter) -> Vec<ReviewNumber> {
    ts.store.submission_numbers(i, s, filter, None, 200).await.unwrap().numbers
}

async fn each_sending_for_review_is_a_submission_whose_counts_stay_current(ts: TestStore) {
    let (i, o) = measurement_setup(&ts).await;
    let first = vec![
        obs("2023-24", "northside", "", 410.0, 1000.0),
        obs("2023-24", "53205", "", 200.0, 500.0),
        obs("2023-24", "northside", "race_ethnicity=Asian", 40.0, 90.0),
    ];
    ts.store.submit_observations(&staff(), i.id, o.id, vec![first.clone()]).await.unwrap();
    let subs = queue(&ts, i.id).await;
    assert_eq!(subs.len(), 1);
    let a = &subs[0];
    assert_eq!((a.organization_id, a.source, a.submitted_by.as_str()), (o.id, SubmissionSource::Api, "Test staff"));
    assert_eq!(counts(a), (3, 0, 0));

    // The same numbers again set nothing: no submission.
    ts.store.submit_observations(&staff(), i.id, o.id, vec![first.clone()]).await.unwrap();
    assert_eq!(queue(&ts, i.id).await.len(), 1, "re-sending the same file makes no submission");

    // One number approved on its own: the counts follow.
    let total = numbers(&ts, i.id, a.id, &NumberFilter { place: Some("northside".into()), ..Default::default() })
        .await
        .into_iter()
        .find(|n| n.groups.is_empty())
        .unwrap();
    ts.store
        .review_observations(&staff(), i.id, &[total.id], &Review::Approve, &backbone_core::progress::Silent)
        .await
        .unwrap();
    assert_eq!(counts(&ts.store.submission(i.id, a.id).await.unwrap()), (2, 1, 0));

    // A correction of two numbers is a new submission, which takes them off the first one.
    ts.store
        .submit_observations(
            &staff(),
            i.id,
            o.id,
            vec![vec![obs("2023-24", "northside", "", 415.0, 1000.0), obs("2023-24", "53205", "", 210.0, 500.0)]],
        )
        .await
        .unwrap();
    let subs = queue(&ts, i.id).await;
    assert_eq!(subs.len(), 2);
    let b = &subs[0];
    assert!(b.id > a.id, "newest first");
    assert_eq!(counts(b), (2, 0, 0));
    assert_eq!(counts(&subs[1]), (1, 0, 0), "the first submission holds only the number nobody replaced");
    assert_eq!(numbers(&ts, i.id, a.id, &NumberFilter::default()).await.len(), 1);

    // Drafts are no submission until they are sent; sending them is one.
    ts.store
        .submit_batches(
            &staff(),
            i.id,
            o.id,
            true,
            &mut InMemory::new(vec![vec![obs("2024-25", "northside", "", 430.0, 1000.0)]]),
        )
        .await
        .unwrap();
    assert_eq!(queue(&ts, i.id).await.len(), 2);
    assert_eq!(ts.store.send_drafts(&staff(), i.id, o.id).await.unwrap(), 1);
    let subs = queue(&ts, i.id).await;
    assert_eq!((subs.len(), subs[0].source, counts(&subs[0])), (3, SubmissionSource::Drafts, (1, 0, 0)));

    // Approving everything an organisation sent empties every submission's waiting count.
    ts.store.approve_all_submitted(&staff(), i.id, o.id, &backbone_core::progress::Silent).await.unwrap();
    let waiting = ts
        .store
        .submissions(i.id, &SubmissionFilter { waiting_only: true, ..Default::default() }, None, 50)
        .await
        .unwrap();
    assert!(waiting.submissions.is_empty());
    let all: Vec<(u64, u64, u64)> = queue(&ts, i.id).await.iter().map(counts).collect();
    assert_eq!(all, vec![(0, 1, 0), (0, 2, 0), (0, 1, 0)]);

    // Another initiative sees none of it.
    let other = other_initiative(&ts).await;
    assert!(queue(&ts, other.id).await.is_empty());
    assert!(matches!(ts.store.submission(other.id, a.id).await, Err(StoreError::NotFound(_))));
    assert!(matches!(
        ts.store.submission_numbers(other.id, a.id, &NumberFilter::default(), None, 10).await,
        Err(StoreError::NotFound(_))
    ));
}

async fn a_submissions_numbers_are_paged_and_filtered_in_one_order(ts: TestStore) {
    let (i, o) = measurement_setup(&ts).await;
    let mut rows = Vec::new();
    for (k, period) in ["2019-20", "2020-21", "2021-22", "2022-23", "2023-24"].iter().enumerate() {
        let k = k as f64;
        rows.push(obs(period, "northside", "", 400.0 + k, 1000.0));
        rows.push(obs(period, "53205", "", 200.0 + k, 500.0));
        rows.push(obs(period, "53205", "race_ethnicity=Asian", 20.0 + k, 50.0));
    }
    ts.store.submit_observations(&staff(), i.id, o.id, vec![rows]).await.unwrap();
    let s = queue(&ts, i.id).await[0].clone();
    assert_eq!(s.counts.submitted, 15);

    // Page by page, three at a time: every number once, in the order they arrived.
    let mut seen = Vec::new();
    let mut after: Option<NumberCursor> = None;
    let mut pages = 0;
    loop {
        let page = ts.store.submission_numbers(i.id, s.id, &NumberFilter::default(), after.as_ref(), 3).await.unwrap();
        assert!(page.numbers.len() <= 3);
        seen.extend(page.numbers.iter().map(|n| (n.indicator_id, n.id)));
        pages += 1;
        match page.next {
            Some(c) => after = Some(c),
            None => break,
        }
    }
    assert_eq!(pages, 5);
    let mut sorted = seen.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(seen, sorted, "pages follow one order, with nothing twice");
    assert_eq!(seen.len(), 15);
    let periods: Vec<String> =
        numbers(&ts, i.id, s.id, &NumberFilter::default()).await.into_iter().map(|n| n.period).step_by(3).collect();
    assert_eq!(periods, ["2019-20", "2020-21", "2021-22", "2022-23", "2023-24"], "as the file had them");

    // Filters: by place, by indicator, by status.
    let place = numbers(&ts, i.id, s.id, &NumberFilter { place: Some("53205".into()), ..Default::default() }).await;
    assert_eq!(place.len(), 10);
    assert!(place.iter().all(|n| n.geography == "53205"));
    assert!(place.windows(2).all(|w| w[0].id < w[1].id), "in the order they arrived");
    let ind = ts.store.indicator(i.id, "third-grade-reading").await.unwrap();
    let by_ind = numbers(&ts, i.id, s.id, &NumberFilter { indicator_id: Some(ind.id), ..Default::default() }).await;
    assert_eq!(by_ind.len(), 15);
    let none =
        numbers(&ts, i.id, s.id, &NumberFilter { indicator_id: Some(ind.id + 1000), ..Default::default() }).await;
    assert!(none.is_empty());
    let approved =
        numbers(&ts, i.id, s.id, &NumberFilter { status: ObservationStatus::Approved, ..Default::default() }).await;
    assert!(approved.is_empty());
    let drafts = ts
        .store
        .submission_numbers(
            i.id,
            s.id,
            &NumberFilter { status: ObservationStatus::Draft, ..Default::default() },
            None,
            5,
        )
        .await;
    assert!(matches!(drafts, Err(StoreError::Invalid(_))), "drafts are not in the queue");

    // Submissions page too, newest first.
    for p in ["2024-25", "2025-26"] {
        ts.store
            .submit_observations(&staff(), i.id, o.id, vec![vec![obs(p, "northside", "", 1.0, 10.0)]])
            .await
            .unwrap();
    }
    let first = ts.store.submissions(i.id, &SubmissionFilter::default(), None, 2).await.unwrap();
    assert_eq!(first.submissions.len(), 2);
    let rest = ts.store.submissions(i.id, &SubmissionFilter::default(), first.next, 2).await.unwrap();
    assert_eq!(rest.submissions.iter().map(|s| s.id).collect::<Vec<_>>(), vec![s.id]);
    assert!(rest.next.is_none());
    let mine = SubmissionFilter { organization_id: Some(o.id + 1000), ..Default::default() };
    assert!(ts.store.submissions(i.id, &mine, None, 10).await.unwrap().submissions.is_empty());
}

async fn a_whole_submission_is_approved_or_returned_in_one_action(ts: TestStore) {
    let (i, o) = measurement_setup(&ts).await;
    ts.store
        .submit_observations(
            &staff(),
            i.id,
            o.id,
            vec![vec![obs("2023-24", "northside", "", 410.0, 1000.0), obs("2023-24", "53205", "", 200.0, 500.0)]],
        )
        .await
        .unwrap();
    let a = queue(&ts, i.id).await[0].clone();
    let audits = audit_count(&ts, i.id).await;
    let tracker = Tracker::new();
    let changed =
        ts.store.decide_submission(&staff(), i.id, a.id, &SubmissionDecision::Approve, &tracker).await.unwrap();
    assert_eq!(changed, 2);
    assert_eq!(tracker.snapshot().stage, Stage::Done);
    assert_eq!(counts(&ts.store.submission(i.id, a.id).await.unwrap()), (0, 2, 0));
    assert_eq!(audit_count(&ts, i.id).await, audits + 1, "one audited action");
    let entry = ts
        .store
        .audit(&AuditQuery { initiative_id: Some(i.id), limit: 1, ..Default::default() })
        .await
        .unwrap()
        .remove(0);
    // The same event as reviewing numbers one by one, so webhooks hear of it.
    assert_eq!(
        (entry.action.as_str(), entry.entity.as_str(), entry.entity_id),
        ("observation.review", "submission", Some(a.id))
    );
    assert_eq!(entry.after.as_ref().unwrap()["observations"], serde_json::json!(2));
    let ind = ts.store.indicator(i.id, "third-grade-reading").await.unwrap();
    let published = ts.store.published_cells(i.id, ind.id, &["northside".into()], None).await.unwrap();
    assert_eq!(published.len(), 1, "approving publishes");
    let again = ts.store.decide_submission(&staff(), i.id, a.id, &SubmissionDecision::Approve, &tracker).await;
    assert!(matches!(again, Err(StoreError::Conflict { .. })), "nothing left to review");

    // The next year's file: one number moved far, one a little; each beside its approved value.
    ts.store
        .submit_observations(
            &staff(),
            i.id,
            o.id,
            vec![vec![obs("2023-24", "northside", "", 560.0, 1000.0), obs("2023-24", "53205", "", 210.0, 500.0)]],
        )
        .await
        .unwrap();
    let b = queue(&ts, i.id).await[0].clone();
    let shown = numbers(&ts, i.id, b.id, &NumberFilter::default()).await;
    let far = shown.iter().find(|n| n.geography == "northside").unwrap();
    assert_eq!(far.previous.map(|p| p.numerator), Some(410.0));
    assert_eq!(far.change().map(|c| c.round()), Some(15.0));
    assert_eq!(far.outlier(), Some(Outlier::RateMoved));
    let near = shown.iter().find(|n| n.geography == "53205").unwrap();
    assert_eq!((near.change().map(|c| c.round()), near.outlier()), (Some(2.0), None));

    // Returning needs a reason, and sends every waiting number back with it.
    let no_reason = SubmissionDecision::Return { reason: " ".into() };
    let r = ts.store.decide_submission(&staff(), i.id, b.id, &no_reason, &backbone_core::progress::Silent).await;
    assert!(matches!(r, Err(StoreError::Invalid(_))));
    let back = SubmissionDecision::Return { reason: "Northside cannot have jumped 15 points: check the file".into() };
    let n = ts.store.decide_submission(&staff(), i.id, b.id, &back, &backbone_core::progress::Silent).await.unwrap();
    assert_eq!(n, 2);
    assert_eq!(counts(&ts.store.submission(i.id, b.id).await.unwrap()), (0, 0, 2));
    let returned =
        numbers(&ts, i.id, b.id, &NumberFilter { status: ObservationStatus::Returned, ..Default::default() }).await;
    assert_eq!(returned.len(), 2);
    assert!(returned
        .iter()
        .all(|n| n.return_reason.as_deref() == Some("Northside cannot have jumped 15 points: check the file")));
    let still = ts.store.published_cells(i.id, ind.id, &["northside".into()], None).await.unwrap();
    assert_eq!(still[0].0.numerator, 410.0, "a return leaves the published number");

    // Not this initiative's submission: not found.
    let other = other_initiative(&ts).await;
    let r = ts.store.decide_submission(&staff(), other.id, b.id, &SubmissionDecision::Approve, &tracker).await;
    assert!(matches!(r, Err(StoreError::NotFound(_))));
}

async fn submissions_travel_with_an_export(ts: TestStore) {
    let (i, o) = measurement_setup(&ts).await;
    ts.store
        .submit_observations(&staff(), i.id, o.id, vec![vec![obs("2023-24", "northside", "", 410.0, 1000.0)]])
        .await
        .unwrap();
    ts.store
        .submit_observations(&staff(), i.id, o.id, vec![vec![obs("2023-24", "53205", "", 200.0, 500.0)]])
        .await
        .unwrap();
    let doc = ts.store.export_initiative(i.id).await.unwrap();
    assert_eq!(doc.submissions.len(), 2);
    assert!(doc.observations.iter().all(|o| o.submission_id.is_some()));
    let copy = ts.store.import_initiative(&staff(), &doc, Some("northside-copy")).await.unwrap();
    let subs = queue(&ts, copy.id).await;
    assert_eq!(subs.iter().map(counts).collect::<Vec<_>>(), vec![(1, 0, 0), (1, 0, 0)]);
    let places: Vec<String> =
        numbers(&ts, copy.id, subs[0].id, &NumberFilter::default()).await.into_iter().map(|n| n.geography).collect();
    assert_eq!(places, vec!["53205".to_string()]);
}

async fn a_place_is_paged_across_every_indicator_of_a_submission(ts: TestStore) {
    let (i, o) = measurement_setup(&ts).await;
    ts.store
        .create_indicator(&staff(), i.id, &IndicatorInput { key: "attendance".into(), ..reading_indicator() })
        .await
        .unwrap();
    let mut rows = Vec::new();
    for period in ["2021-22", "2022-23", "2023-24"] {
        for indicator in ["third-grade-reading", "attendance"] {
            for place in ["northside", "53205"] {
                rows.push(ObservationInput { indicator: indicator.into(), ..obs(period, place, "", 40.0, 100.0) });
            }
        }
    }
    ts.store.submit_observations(&staff(), i.id, o.id, vec![rows]).await.unwrap();
    let s = queue(&ts, i.id).await[0].clone();
    // A later submission of the same place is another submission's, never on these pages.
    ts.store
        .submit_observations(&staff(), i.id, o.id, vec![vec![obs("2024-25", "53205", "", 41.0, 100.0)]])
        .await
        .unwrap();
    assert_eq!(queue(&ts, i.id).await.len(), 2);
    // Two at a time, one place: the pages go on from the first indicator into the second.
    let filter = NumberFilter { place: Some("53205".into()), ..Default::default() };
    let mut seen = Vec::new();
    let mut after: Option<NumberCursor> = None;
    loop {
        let page = ts.store.submission_numbers(i.id, s.id, &filter, after.as_ref(), 2).await.unwrap();
        assert!(page.numbers.len() <= 2);
        assert!(page.numbers.iter().all(|n| n.geography == "53205"));
        seen.extend(page.numbers.iter().map(|n| (n.indicator_id, n.period.clone())));
        match page.next {
            Some(c) => after = Some(c),
            None => break,
        }
    }
    assert_eq!(seen.len(), 6, "three periods of two indicators, each once: {seen:?}");
    let indicators: std::collections::BTreeSet<Id> = seen.iter().map(|(k, _)| *k).collect();
    assert_eq!(indicators.len(), 2);
    let mut sorted = seen.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), 6, "nothing twice");
}

both_backends!(
    each_sending_for_review_is_a_submission_whose_counts_stay_current,
    a_submissions_numbers_are_paged_and_filtered_in_one_order,
    a_place_is_paged_across_every_indicator_of_a_submission,
    a_whole_submission_is_approved_or_returned_in_one_action,
    submissions_travel_with_an_export
);
