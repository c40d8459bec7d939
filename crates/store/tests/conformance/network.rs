//! Partner network survey rounds: answers kept, the latest counting, and a closed round fixed.

use super::*;
use backbone_core::network::*;

fn rating(about: Id, trust: u8) -> PartnerRating {
    PartnerRating {
        about,
        level: CollaborationLevel::Coordination,
        reliability: Some(trust),
        mission: Some(trust),
        openness: Some(trust),
        power: None,
        involvement: None,
        resources: None,
    }
}

async fn a_round_keeps_every_answer_counts_the_latest_and_is_fixed_once_closed(ts: TestStore) {
    let i = initiative(&ts).await;
    let a = ts.store.create_organization(&staff(), i.id, &org("Eastside Parents United")).await.unwrap();
    let b = ts.store.create_organization(&staff(), i.id, &org("Riverbend Reads")).await.unwrap();
    let input = RoundInput { name: "Spring 2026".into(), opens_on: date("2026-04-01"), closes_on: date("2026-04-30") };
    let round = ts.store.create_survey_round(&staff(), i.id, &input).await.unwrap();
    assert!(round.closed_at.is_none());
    let bad = RoundInput { closes_on: date("2026-03-01"), ..input.clone() };
    assert!(matches!(ts.store.create_survey_round(&staff(), i.id, &bad).await, Err(StoreError::Invalid(_))));

    ts.store
        .submit_response(&staff(), i.id, round.id, a.id, &ResponseInput { ratings: vec![rating(b.id, 2)] })
        .await
        .unwrap();
    ts.store
        .submit_response(&staff(), i.id, round.id, a.id, &ResponseInput { ratings: vec![rating(b.id, 4)] })
        .await
        .unwrap();
    let answers = ts.store.responses(i.id, round.id).await.unwrap();
    assert_eq!(answers.len(), 1, "one answer per organisation counts");
    assert_eq!(answers[0].ratings[0].reliability, Some(4), "the latest");
    // PartnerRating itself, or an organisation of another initiative: refused, nothing written.
    let itself = ResponseInput { ratings: vec![rating(a.id, 3)] };
    assert!(matches!(
        ts.store.submit_response(&staff(), i.id, round.id, a.id, &itself).await,
        Err(StoreError::Invalid(_))
    ));
    assert_eq!(ts.store.responses(i.id, round.id).await.unwrap()[0].ratings[0].about, b.id);

    let closed = ts.store.close_survey_round(&staff(), i.id, round.id).await.unwrap();
    assert!(closed.closed_at.is_some());
    let late = ts
        .store
        .submit_response(&staff(), i.id, round.id, b.id, &ResponseInput { ratings: vec![rating(a.id, 1)] })
        .await;
    assert!(matches!(late, Err(StoreError::Conflict { .. })), "{late:?}");
    assert!(matches!(ts.store.close_survey_round(&staff(), i.id, round.id).await, Err(StoreError::Conflict { .. })));
    assert_eq!(ts.store.survey_rounds(i.id).await.unwrap().len(), 1);
    // Not found from another initiative.
    let other = other_initiative(&ts).await;
    assert!(matches!(ts.store.survey_round(other.id, round.id).await, Err(StoreError::NotFound(_))));
    assert!(ts.store.responses(other.id, round.id).await.unwrap().is_empty());
}

both_backends!(a_round_keeps_every_answer_counts_the_latest_and_is_fixed_once_closed);
