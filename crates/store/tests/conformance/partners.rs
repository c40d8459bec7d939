//! Partner organisations, with every change audited and bad input refused whole.

use super::*;

async fn organisation_changes_are_audited_with_before_and_after(ts: TestStore) {
    let i = initiative(&ts).await;
    let o = ts.store.create_organization(&staff(), i.id, &org("Bright Start Early Learning")).await.unwrap();
    assert_eq!(o.service_area, vec!["53205", "53206"]);
    assert_eq!(o.leadership.as_ref().unwrap().people_of_color, 6);
    let mut change = org("Bright Start Early Learning Center");
    change.budget_band = BudgetBand::From5mTo20m;
    let after = ts.store.update_organization(&Actor::system("Kim Tran"), i.id, o.id, &change).await.unwrap();
    assert_eq!(after.budget_band, BudgetBand::From5mTo20m);
    let log = ts
        .store
        .audit(&AuditQuery {
            initiative_id: Some(i.id),
            entity: Some("organization".into()),
            limit: 10,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(log[0].action, "organization.update");
    assert_eq!(log[0].actor_name, "Kim Tran");
    assert_eq!(log[0].before.as_ref().unwrap()["name"], "Bright Start Early Learning");
    assert_eq!(log[0].after.as_ref().unwrap()["name"], "Bright Start Early Learning Center");
    let dup = ts.store.create_organization(&staff(), i.id, &org("bright start early learning center")).await;
    assert!(matches!(dup, Err(StoreError::Conflict { ref field, .. }) if field == "name"), "{dup:?}");
}

async fn invalid_input_writes_nothing(ts: TestStore) {
    let i = initiative(&ts).await;
    let before = audit_count(&ts, i.id).await;
    let mut bad = org("");
    bad.service_area = vec!["ABCDE".into()];
    let err = ts.store.create_organization(&staff(), i.id, &bad).await;
    match err {
        Err(StoreError::Invalid(inv)) => {
            assert_eq!(inv.reason_for("name"), Some("is required"));
            assert!(inv.reason_for("service_area[0]").is_some());
        }
        other => panic!("expected invalid, got {other:?}"),
    }
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
    let foreign = ts.store.create_organization(&staff(), other.id, &org("Elsewhere Org")).await.unwrap();
    let p = PersonInput {
        name: "Ana".into(),
        email: String::new(),
        phone: String::new(),
        organization_id: Some(foreign.id),
        title: String::new(),
        demographics: None,
    };
    assert!(
        matches!(ts.store.create_person(&staff(), i.id, &p).await, Err(StoreError::Invalid(_))),
        "an organisation of another initiative"
    );
    assert!(ts.store.organizations(i.id).await.unwrap().is_empty());
    assert!(ts.store.people(i.id).await.unwrap().is_empty());
    assert_eq!(audit_count(&ts, i.id).await, before);
}

both_backends!(organisation_changes_are_audited_with_before_and_after, invalid_input_writes_nothing);
