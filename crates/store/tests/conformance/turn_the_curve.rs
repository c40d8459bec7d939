//! Turning the curve: a table's plan for an indicator in versions, every one kept, and its
//! actions becoming commitments once each.

use super::*;
use backbone_core::commitments::CommitmentQuery;
use backbone_core::turn_the_curve::*;

async fn a_table_turns_the_curve_in_versions_and_its_actions_become_commitments(ts: TestStore) {
    let (i, school) = measurement_setup(&ts).await;
    let table = ts
        .store
        .create_table(
            &staff(),
            i.id,
            &TableInput {
                name: "Early Grade Reading".into(),
                kind: TableKind::WorkingGroup,
                purpose: String::new(),
                result_key: None,
                joining: Default::default(),
            },
        )
        .await
        .unwrap();
    let nudges = Action {
        key: "attendance-nudges".into(),
        title: "  Text families when a child misses two days  ".into(),
        organization_id: Some(school.id),
        due_on: Some(date("2027-02-01")),
        leverage: Rating::High,
        feasibility: Rating::High,
        specificity: Rating::Medium,
        values: Rating::High,
    };
    let first = CurvePlanInput {
        table_id: table.id,
        story: vec![Cause { text: "Chronic absence in K–2".into(), force: Force::Hindering }],
        partners: vec![PartnerRole {
            organization_id: Some(school.id),
            name: String::new(),
            role: "Attendance data".into(),
        }],
        what_works: vec![Idea {
            text: "Nudge letters".into(),
            evidence: "Rogers & Feller 2018".into(),
            cost: IdeaCost::LowCost,
        }],
        actions: vec![nudges.clone()],
        reason: String::new(),
    };
    let plan = ts.store.adopt_curve_plan(&staff(), i.id, "third-grade-reading", &first).await.unwrap();
    assert_eq!((plan.current.version, plan.versions, plan.table_name.as_str()), (1, 1, "Early Grade Reading"));
    assert_eq!(plan.current.actions[0].title, "Text families when a child misses two days", "trimmed");

    // Bad references are refused by field, and nothing is written.
    let mut bad = first.clone();
    bad.partners[0].organization_id = Some(999_999);
    bad.actions[0].organization_id = Some(999_999);
    bad.reason = "A partner outside the initiative".into();
    let Err(StoreError::Invalid(inv)) = ts.store.adopt_curve_plan(&staff(), i.id, "third-grade-reading", &bad).await
    else {
        panic!()
    };
    assert!(
        inv.reason_for("partners[0].organization_id").is_some()
            && inv.reason_for("actions[0].organization_id").is_some()
    );
    let elsewhere = CurvePlanInput { table_id: 999_999, ..first.clone() };
    let Err(StoreError::Invalid(inv)) =
        ts.store.adopt_curve_plan(&staff(), i.id, "third-grade-reading", &elsewhere).await
    else {
        panic!()
    };
    assert!(inv.reason_for("table_id").is_some());
    assert!(matches!(
        ts.store.adopt_curve_plan(&staff(), i.id, "no-such-indicator", &first).await,
        Err(StoreError::NotFound(_))
    ));
    // A second version of the same table's plan says why.
    let Err(StoreError::Invalid(inv)) = ts.store.adopt_curve_plan(&staff(), i.id, "third-grade-reading", &first).await
    else {
        panic!()
    };
    assert!(inv.reason_for("reason").is_some());

    // The action becomes a commitment toward the indicator, at the table, once.
    let c = ts.store.commit_curve_action(&staff(), i.id, plan.id, "attendance-nudges").await.unwrap();
    assert_eq!(
        (c.indicator_key.as_deref(), c.table_id, c.organization_id),
        (Some("third-grade-reading"), Some(table.id), Some(school.id))
    );
    let again = ts.store.commit_curve_action(&staff(), i.id, plan.id, "attendance-nudges").await;
    assert!(matches!(again, Err(StoreError::Invalid(_))), "{again:?}");
    assert_eq!(ts.store.commitments(i.id, &CommitmentQuery::default()).await.unwrap().len(), 1);

    // Version 2 keeps the action (by its key) and adds one not yet dated: the commitment stays
    // with the first, and the second cannot become one yet.
    let later = Action {
        key: "family-reading-nights".into(),
        title: "Family reading nights".into(),
        due_on: None,
        ..nudges.clone()
    };
    let second = CurvePlanInput {
        actions: vec![nudges, later],
        reason: "Added the library's idea from the March meeting".into(),
        ..first.clone()
    };
    let plan = ts.store.adopt_curve_plan(&staff(), i.id, "third-grade-reading", &second).await.unwrap();
    assert_eq!((plan.current.version, plan.versions), (2, 2));
    assert_eq!(plan.commitment_of("attendance-nudges"), Some(c.id));
    let Err(StoreError::Invalid(inv)) =
        ts.store.commit_curve_action(&staff(), i.id, plan.id, "family-reading-nights").await
    else {
        panic!()
    };
    assert!(inv.reason_for("due_on").is_some());
    let versions = ts.store.curve_plan_versions(i.id, plan.id).await.unwrap();
    assert_eq!(versions.iter().map(|v| v.version).collect::<Vec<_>>(), [2, 1], "every version kept, newest first");
    assert_eq!(versions[1].actions.len(), 1);
    assert_eq!(ts.store.curve_plans(i.id, "third-grade-reading").await.unwrap().len(), 1);

    // Another initiative sees none of it.
    let other = ts
        .store
        .create_initiative(
            &staff(),
            &NewInitiative {
                slug: "elsewhere".into(),
                name: "Elsewhere".into(),
                description: String::new(),
                phase: Phase::InitiatingAction,
                published: false,
            },
        )
        .await
        .unwrap();
    assert!(matches!(ts.store.curve_plan(other.id, plan.id).await, Err(StoreError::NotFound(_))));
    assert!(matches!(
        ts.store.commit_curve_action(&staff(), other.id, plan.id, "attendance-nudges").await,
        Err(StoreError::NotFound(_))
    ));
}

both_backends!(a_table_turns_the_curve_in_versions_and_its_actions_become_commitments);
