//! Self-assessment rounds: answers kept, each person's latest counting, a closed round taking no
//! more; the audit says who answered, never what; rounds and answers travel with the export.

use super::*;
use backbone_core::assessments::*;

async fn table(ts: &TestStore, i: &Initiative, name: &str) -> Table {
    ts.store
        .create_table(
            &staff(),
            i.id,
            &TableInput {
                name: name.into(),
                kind: TableKind::WorkingGroup,
                purpose: String::new(),
                result_key: None,
                joining: Default::default(),
            },
        )
        .await
        .unwrap()
}

async fn someone(ts: &TestStore, i: &Initiative, name: &str) -> Person {
    let input = PersonInput {
        name: name.into(),
        email: String::new(),
        phone: String::new(),
        organization_id: None,
        title: String::new(),
        demographics: None,
    };
    ts.store.create_person(&staff(), i.id, &input).await.unwrap()
}

/// Every statement of the current instrument scored `score`.
fn all(score: Option<u8>) -> AssessmentAnswerInput {
    AssessmentAnswerInput {
        answers: instrument::statements(instrument::CURRENT_VERSION)
            .unwrap()
            .iter()
            .map(|s| StatementAnswer { statement: s.key.into(), score })
            .collect(),
    }
}

async fn a_round_keeps_every_answer_counts_the_latest_and_takes_none_once_closed(ts: TestStore) {
    let i = initiative(&ts).await;
    let reading = table(&ts, &i, "Early Grade Reading").await;
    let other_table = table(&ts, &i, "Resident Table").await;
    let ana = someone(&ts, &i, "Ana Ruiz").await;
    let ben = someone(&ts, &i, "Ben Okafor").await;
    let input = AssessmentRoundInput {
        title: "Spring 2026".into(),
        opens_on: date("2026-04-01"),
        closes_on: date("2026-04-30"),
    };
    let bad = AssessmentRoundInput { closes_on: date("2026-03-01"), ..input.clone() };
    assert!(matches!(
        ts.store.open_assessment_round(&staff(), i.id, reading.id, &bad).await,
        Err(StoreError::Invalid(_))
    ));
    let round = ts.store.open_assessment_round(&staff(), i.id, reading.id, &input).await.unwrap();
    assert_eq!(round.instrument_version, instrument::CURRENT_VERSION, "kept with the round");
    assert!(round.is_open());
    assert_eq!(ts.store.assessment_rounds(i.id, Some(other_table.id)).await.unwrap(), vec![]);
    assert_eq!(ts.store.assessment_rounds(i.id, None).await.unwrap(), vec![round.clone()]);

    ts.store.submit_assessment_answer(&staff(), i.id, round.id, ana.id, &all(Some(2))).await.unwrap();
    ts.store.submit_assessment_answer(&staff(), i.id, round.id, ana.id, &all(Some(4))).await.unwrap();
    ts.store.submit_assessment_answer(&staff(), i.id, round.id, ben.id, &all(None)).await.unwrap();
    assert_eq!(ts.store.assessment_respondents(i.id, round.id).await.unwrap(), 2, "people, not submissions");
    let answers = ts.store.assessment_answers(i.id, round.id).await.unwrap();
    assert_eq!(answers.len(), 2);
    let mine = ts.store.assessment_answer_of(i.id, round.id, ana.id).await.unwrap().unwrap();
    assert_eq!(mine.answers[0].score, Some(4), "the latest counts");
    assert_eq!(answers.iter().find(|a| a.person_id == ben.id).unwrap().answers[3].score, None, "don't know kept");

    // A score out of range: refused, nothing written.
    let before = audit_count(&ts, i.id).await;
    let mut wrong = all(Some(3));
    wrong.answers[2].score = Some(9);
    let refused = ts.store.submit_assessment_answer(&staff(), i.id, round.id, ana.id, &wrong).await;
    match refused {
        Err(StoreError::Invalid(inv)) => assert!(inv.reason_for("answers[2].score").is_some(), "{inv}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(audit_count(&ts, i.id).await, before);
    assert_eq!(ts.store.assessment_answer_of(i.id, round.id, ana.id).await.unwrap().unwrap().answers[2].score, Some(4));

    // The audit says she answered, not what.
    let entries =
        ts.store.audit(&AuditQuery { initiative_id: Some(i.id), limit: 500, ..Default::default() }).await.unwrap();
    let answered: Vec<_> = entries.iter().filter(|e| e.action == "assessment.answer").collect();
    assert_eq!(answered.len(), 3);
    assert!(
        answered.iter().all(|e| !e.after.as_ref().is_some_and(|a| a.to_string().contains("score"))),
        "{answered:?}"
    );

    let closed = ts.store.close_assessment_round(&staff(), i.id, round.id).await.unwrap();
    assert!(closed.closed_at.is_some());
    let late = ts.store.submit_assessment_answer(&staff(), i.id, round.id, ben.id, &all(Some(5))).await;
    assert!(matches!(late, Err(StoreError::Conflict { .. })), "{late:?}");
    assert!(matches!(
        ts.store.close_assessment_round(&staff(), i.id, round.id).await,
        Err(StoreError::Conflict { .. })
    ));
    // Nothing of it from another initiative.
    let other = other_initiative(&ts).await;
    assert!(matches!(ts.store.assessment_round(other.id, round.id).await, Err(StoreError::NotFound(_))));
    assert!(ts.store.assessment_answers(other.id, round.id).await.unwrap().is_empty());
    assert_eq!(ts.store.assessment_respondents(other.id, round.id).await.unwrap(), 0);
    assert!(matches!(
        ts.store.open_assessment_round(&staff(), other.id, reading.id, &input).await,
        Err(StoreError::NotFound(_))
    ));
}

/// The demo's rounds and answers come back from an export and import as they went in, pointing
/// at the copy's tables and people.
async fn assessments_travel_with_the_initiative(ts: TestStore) {
    let doc = backbone_demo::demo_initiative(Utc::now().date_naive());
    assert!(doc.assessment_rounds.len() >= 6);
    let i = ts.store.import_initiative(&staff(), &doc, None).await.unwrap();
    let out = ts.store.export_initiative(i.id).await.unwrap();
    let rounds = |d: &backbone_core::exchange::InitiativeExport| {
        d.assessment_rounds
            .iter()
            .map(|a| {
                let table = d.tables.iter().find(|t| t.id == a.round.table_id).unwrap().name.clone();
                let mut answers: Vec<_> = a
                    .answers
                    .iter()
                    .map(|x| {
                        let who = d.people.iter().find(|p| p.id == x.person_id).unwrap().name.clone();
                        (who, x.answers.clone(), x.submitted_at)
                    })
                    .collect();
                answers.sort_by(|a, b| a.0.cmp(&b.0));
                (table, a.round.title.clone(), a.round.instrument_version, a.round.closed_at, answers)
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(rounds(&out), rounds(&doc));
    // And the imported rounds are the store's own: results come out of them.
    let steering = out.tables.iter().find(|t| t.name == "Steering Committee").unwrap();
    let closed: Vec<_> = ts
        .store
        .assessment_rounds(i.id, Some(steering.id))
        .await
        .unwrap()
        .into_iter()
        .filter(|r| !r.is_open())
        .collect();
    assert!(closed.len() >= 2);
    let answers = ts.store.assessment_answers(i.id, closed[0].id).await.unwrap();
    assert!(answers.len() as u64 >= MIN_RESPONDENTS);
}

both_backends!(
    a_round_keeps_every_answer_counts_the_latest_and_takes_none_once_closed,
    assessments_travel_with_the_initiative
);
