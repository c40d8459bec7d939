//! Commitments: who commits to what by when, and every change kept.

use super::*;
use backbone_core::commitments::*;

fn share_data(org: Id) -> CommitmentInput {
    CommitmentInput {
        organization_id: Some(org),
        person_id: None,
        title: "Share third-grade reading results by school each term".into(),
        details: String::new(),
        due_on: Utc::now().date_naive() + Duration::days(30),
        strategy_key: Some("summer-reading".into()),
        indicator_key: Some("third-grade-reading".into()),
        activity_id: None,
        table_id: None,
        meeting_id: None,
        decision_id: None,
    }
}

async fn commitments_keep_every_change_and_name_real_things(ts: TestStore) {
    let (i, o) = measurement_setup(&ts).await;
    ts.store.create_agenda_version(&staff(), i.id, &agenda("First", 0, "Every child reads.")).await.unwrap();
    let c = ts.store.create_commitment(&staff(), i.id, &share_data(o.id)).await.unwrap();
    assert_eq!((c.status, c.done_on), (CommitmentStatus::NotStarted, None));
    // What it names must exist.
    let wrong = CommitmentInput {
        person_id: Some(999_999),
        strategy_key: Some("moon-landing".into()),
        indicator_key: Some("teen-births".into()),
        table_id: Some(999_999),
        ..share_data(o.id)
    };
    let Err(StoreError::Invalid(inv)) = ts.store.create_commitment(&staff(), i.id, &wrong).await else { panic!() };
    for field in ["person_id", "strategy_key", "indicator_key", "table_id"] {
        assert!(inv.reason_for(field).is_some(), "{field}: {inv}");
    }
    // At risk says why; a new date says why; done keeps the day it was done.
    let risky = StatusChange { status: CommitmentStatus::AtRisk, reason: String::new(), due_on: None };
    assert!(matches!(
        ts.store.change_commitment_status(&staff(), i.id, c.id, &risky).await,
        Err(StoreError::Invalid(_))
    ));
    let later = c.due_on + Duration::days(14);
    let moved = StatusChange {
        status: CommitmentStatus::AtRisk,
        reason: "The data-sharing agreement waits for the school board".into(),
        due_on: Some(later),
    };
    let c2 = ts.store.change_commitment_status(&staff(), i.id, c.id, &moved).await.unwrap();
    assert_eq!((c2.status, c2.due_on), (CommitmentStatus::AtRisk, later));
    let done = StatusChange { status: CommitmentStatus::Done, reason: String::new(), due_on: None };
    let c3 = ts.store.change_commitment_status(&staff(), i.id, c.id, &done).await.unwrap();
    assert_eq!(c3.done_on, Some(Utc::now().date_naive()));
    assert_eq!(c3.standing(Utc::now().date_naive()), Standing::Kept);
    let history = ts.store.commitment_history(i.id, c.id).await.unwrap();
    let steps: Vec<(CommitmentStatus, NaiveDate)> = history.iter().map(|e| (e.status, e.due_on)).collect();
    assert_eq!(
        steps,
        [(CommitmentStatus::NotStarted, c.due_on), (CommitmentStatus::AtRisk, later), (CommitmentStatus::Done, later)]
    );
    assert_eq!(history[1].reason, "The data-sharing agreement waits for the school board");
    assert_eq!(history[1].actor_name, "Test staff");
    // Editing what it says keeps a moved date in the history too.
    let edited = CommitmentInput {
        title: "Share results by school and grade".into(),
        due_on: later + Duration::days(1),
        ..share_data(o.id)
    };
    ts.store.update_commitment(&staff(), i.id, c.id, &edited).await.unwrap();
    assert_eq!(ts.store.commitment_history(i.id, c.id).await.unwrap().len(), 4);
    // Lists filter; another initiative's commitment is not found.
    let open = CommitmentQuery { open_only: true, ..Default::default() };
    assert!(ts.store.commitments(i.id, &open).await.unwrap().is_empty());
    let mine = CommitmentQuery { organization_id: Some(o.id), ..Default::default() };
    assert_eq!(ts.store.commitments(i.id, &mine).await.unwrap().len(), 1);
    let other = ts
        .store
        .create_initiative(
            &staff(),
            &NewInitiative {
                slug: "eastside".into(),
                name: "Eastside".into(),
                description: String::new(),
                phase: Phase::InitiatingAction,
                published: false,
            },
        )
        .await
        .unwrap();
    assert!(matches!(ts.store.commitment(other.id, c.id).await, Err(StoreError::NotFound(_))));
    assert!(matches!(ts.store.commitment_history(other.id, c.id).await, Err(StoreError::NotFound(_))));
}

both_backends!(commitments_keep_every_change_and_name_real_things);
