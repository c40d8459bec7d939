//! Learning: improvement cycles tied to an indicator, and a learning log found by words on both
//! databases (stemmed: "tutors" finds "tutoring").

use super::*;
use backbone_core::learning::*;

async fn the_learning_log_is_found_by_its_words(ts: TestStore) {
    let (i, o) = measurement_setup(&ts).await;
    let lesson = |title: &str, body: &str, result: LessonResult| LessonInput {
        title: title.into(),
        body: body.into(),
        result: Some(result),
        organization_id: Some(o.id),
        indicator_key: Some("third-grade-reading".into()),
        ..Default::default()
    };
    let s = &ts.store;
    s.create_lesson(
        &staff(),
        i.id,
        &lesson(
            "Volunteer tutoring after school",
            "Tutoring twice a week kept 40 children reading all year.",
            LessonResult::Worked,
        ),
    )
    .await
    .unwrap();
    s.create_lesson(
        &staff(),
        i.id,
        &lesson(
            "Reading logs sent home",
            "Families found the paper logs a chore; few came back.",
            LessonResult::DidNotWork,
        ),
    )
    .await
    .unwrap();
    let find = |text: &str| LessonQuery { text: Some(text.into()), ..Default::default() };
    let titles = |v: Vec<Lesson>| v.into_iter().map(|l| l.title).collect::<Vec<_>>();
    assert_eq!(titles(s.lessons(i.id, &find("tutors")).await.unwrap()), ["Volunteer tutoring after school"]);
    assert_eq!(titles(s.lessons(i.id, &find("paper families")).await.unwrap()), ["Reading logs sent home"]);
    assert!(s.lessons(i.id, &find("paper tutoring")).await.unwrap().is_empty(), "every word must match");
    assert!(s.lessons(i.id, &find("\" OR 1=1 --")).await.is_ok(), "punctuation is not syntax");
    assert_eq!(s.lessons(i.id, &LessonQuery::default()).await.unwrap().len(), 2);
    let failed = LessonQuery { result: Some(LessonResult::DidNotWork), ..Default::default() };
    assert_eq!(titles(s.lessons(i.id, &failed).await.unwrap()), ["Reading logs sent home"]);
    let r = s
        .create_lesson(
            &staff(),
            i.id,
            &LessonInput { indicator_key: Some("no-such".into()), ..lesson("x", "y", LessonResult::Mixed) },
        )
        .await;
    assert!(matches!(r, Err(StoreError::Invalid(_))), "{r:?}");

    // A cycle moves from plan to act; abandoning it says why.
    let plan = CycleInput {
        indicator_key: "third-grade-reading".into(),
        title: "Reading logs".into(),
        change_idea: "Send a reading log home every Friday".into(),
        prediction: "Half come back signed; scores rise 2 points".into(),
        ..Default::default()
    };
    let c = s.create_cycle(&staff(), i.id, &plan).await.unwrap();
    assert_eq!(c.stage(), CycleStage::Plan);
    let act = CycleInput {
        study: "One in eight came back; no change in the spring scores.".into(),
        study_periods: vec!["2023-24".into()],
        decision: Some(CycleDecision::Abandon),
        decision_reason: "A chore for families; we will try reading nights instead.".into(),
        ..plan.clone()
    };
    let c = s.update_cycle(&staff(), i.id, c.id, &act).await.unwrap();
    assert_eq!((c.stage(), c.study_periods.clone()), (CycleStage::Act, vec!["2023-24".to_string()]));
    assert_eq!(s.cycles(i.id, Some("third-grade-reading")).await.unwrap().len(), 1);
    let bad = CycleInput { indicator_key: "no-such".into(), ..plan };
    assert!(matches!(s.create_cycle(&staff(), i.id, &bad).await, Err(StoreError::Invalid(_))));
}

both_backends!(the_learning_log_is_found_by_its_words);
