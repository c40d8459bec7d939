//! Decisions: members vote while it is open, the outcome is written once.

use super::*;
use backbone_core::decisions::*;

async fn members_vote_and_the_outcome_is_written_once(ts: TestStore) {
    let i = initiative(&ts).await;
    let t = ts
        .store
        .create_table(
            &staff(),
            i.id,
            &TableInput {
                name: "Steering".into(),
                kind: TableKind::SteeringCommittee,
                purpose: String::new(),
                result_key: None,
                joining: Default::default(),
            },
        )
        .await
        .unwrap();
    let person = |name: &str| PersonInput {
        name: name.into(),
        email: String::new(),
        phone: String::new(),
        organization_id: None,
        title: String::new(),
        demographics: None,
    };
    let ana = ts.store.create_person(&staff(), i.id, &person("Ana Ruiz")).await.unwrap();
    let outsider = ts.store.create_person(&staff(), i.id, &person("Otto Side")).await.unwrap();
    let seat =
        MembershipInput { person_id: ana.id, role: MemberRole::Member, start_date: date("2020-01-01"), end_date: None };
    ts.store.add_membership(&staff(), i.id, t.id, &seat).await.unwrap();
    let input = DecisionInput {
        table_id: t.id,
        meeting_id: None,
        title: "Adopt the data principles".into(),
        proposal: String::new(),
        process: DecisionProcess::Consent,
        options: vec![],
        closes_at: None,
        quorum: None,
        anonymous: true,
        one_vote_per_organization: false,
    };
    let d = ts.store.create_decision(&staff(), i.id, &input).await.unwrap();
    let consent = Ballot { position: Some(Position::Consent), ..Default::default() };
    let e = ts.store.cast_vote(&staff(), i.id, d.id, outsider.id, &consent).await;
    assert!(matches!(&e, Err(StoreError::Conflict { field, .. }) if field == "person_id"), "only members vote: {e:?}");
    let bad = Ballot { choice: Some(0), ..Default::default() };
    assert!(matches!(ts.store.cast_vote(&staff(), i.id, d.id, ana.id, &bad).await, Err(StoreError::Invalid(_))));
    ts.store.cast_vote(&staff(), i.id, d.id, ana.id, &consent).await.unwrap();
    let object = Ballot { position: Some(Position::Object), comment: "Not yet".into(), ..Default::default() };
    ts.store.cast_vote(&staff(), i.id, d.id, ana.id, &object).await.unwrap();
    let votes = ts.store.votes(i.id, d.id).await.unwrap();
    assert_eq!(votes.len(), 1, "a changed vote replaces the earlier one");
    assert_eq!(votes[0].ballot.position, Some(Position::Object));
    // The audit of an anonymous decision's vote names no ballot.
    let log = ts
        .store
        .audit(&AuditQuery {
            initiative_id: Some(i.id),
            entity: Some("decision".into()),
            limit: 10,
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(log
        .iter()
        .filter(|e| e.action == "decision.vote")
        .all(|e| e.before.is_none() && !e.after.as_ref().unwrap().to_string().contains("object")));
    let outcome = OutcomeInput {
        statement: "Not adopted yet; back to the Resident Table first.".into(),
        review_on: Some(date("2026-09-01")),
    };
    let closed = ts
        .store
        .close_decision(&staff(), i.id, d.id, &outcome, "Consent: 1 objection; 1 of 1 members took part", 1)
        .await
        .unwrap();
    assert_eq!(closed.outcome.as_ref().unwrap().took_part, 1);
    assert!(matches!(
        ts.store.close_decision(&staff(), i.id, d.id, &outcome, "x", 1).await,
        Err(StoreError::Conflict { .. })
    ));
    assert!(
        matches!(ts.store.cast_vote(&staff(), i.id, d.id, ana.id, &consent).await, Err(StoreError::Conflict { .. })),
        "closed to votes"
    );
    assert!(closed.review_due(date("2026-09-01")) && !closed.review_due(date("2026-08-31")));
    // Its action items point back to it.
    let item = backbone_core::commitments::CommitmentInput {
        organization_id: None,
        person_id: Some(ana.id),
        title: "Take the principles to the Resident Table".into(),
        details: String::new(),
        due_on: date("2026-07-01"),
        strategy_key: None,
        indicator_key: None,
        activity_id: None,
        table_id: Some(t.id),
        meeting_id: None,
        decision_id: Some(d.id),
    };
    assert_eq!(ts.store.create_commitment(&staff(), i.id, &item).await.unwrap().decision_id, Some(d.id));
    let ghost = backbone_core::commitments::CommitmentInput { decision_id: Some(999_999), ..item };
    assert!(matches!(ts.store.create_commitment(&staff(), i.id, &ghost).await, Err(StoreError::Invalid(_))));
}

both_backends!(members_vote_and_the_outcome_is_written_once);
