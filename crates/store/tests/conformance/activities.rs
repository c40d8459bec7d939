//! Partners' programs and activities, linked to the agenda's strategies, the indicators and the places.

use super::*;
use backbone_core::activities::*;

fn summer_reading(org: Id) -> ActivityInput {
    ActivityInput {
        organization_id: org,
        name: "Summer Reading Camp".into(),
        description: "Six weeks of reading with certified teachers, breakfast and lunch.".into(),
        kind: ActivityKind::Program,
        status: ActivityStatus::Active,
        population: "Rising first to fourth graders".into(),
        age_min: Some(6),
        age_max: Some(9),
        places: vec!["53205".into()],
        capacity: Some(240),
        strategy_keys: vec!["summer-reading".into()],
        indicator_keys: vec!["third-grade-reading".into()],
        starts_on: Some(date("2026-06-15")),
        ends_on: None,
    }
}

async fn activities_link_the_work_to_the_agenda_and_keep_their_history(ts: TestStore) {
    let (i, o) = measurement_setup(&ts).await;
    // No agenda yet: no strategy can be named.
    let e = ts.store.create_activity(&staff(), i.id, &summer_reading(o.id)).await;
    assert!(matches!(&e, Err(StoreError::Invalid(inv)) if inv.reason_for("strategy_keys[0]").is_some()), "{e:?}");
    ts.store.create_agenda_version(&staff(), i.id, &agenda("First", 0, "Every child reads.")).await.unwrap();
    let before = audit_count(&ts, i.id).await;
    let a = ts.store.create_activity(&staff(), i.id, &summer_reading(o.id)).await.unwrap();
    assert_eq!((a.age_min, a.age_max, a.capacity), (Some(6), Some(9), Some(240)));
    assert_eq!(a.starts_on, Some(date("2026-06-15")));
    assert_eq!(audit_count(&ts, i.id).await, before + 1);
    // Every reference is the initiative's.
    let stranger = ActivityInput {
        name: "Reading buddies".into(),
        places: vec!["99999".into()],
        indicator_keys: vec!["teen-births".into()],
        organization_id: 999_999,
        ..summer_reading(o.id)
    };
    let e = ts.store.create_activity(&staff(), i.id, &stranger).await;
    assert!(matches!(&e, Err(StoreError::Invalid(inv)) if inv.reason_for("organization_id").is_some()), "{e:?}");
    let e = ts.store.create_activity(&staff(), i.id, &ActivityInput { organization_id: o.id, ..stranger }).await;
    let Err(StoreError::Invalid(inv)) = e else { panic!("{e:?}") };
    assert_eq!(inv.reason_for("places[0]"), Some("\"99999\" is not a place of this initiative"));
    assert_eq!(inv.reason_for("indicator_keys[0]"), Some("\"teen-births\" is not an indicator of this initiative"));
    // One name per organisation.
    let dup = ts.store.create_activity(&staff(), i.id, &summer_reading(o.id)).await;
    assert!(matches!(&dup, Err(StoreError::Conflict { field, .. }) if field == "name"), "{dup:?}");
    // Changes keep what it was (the audit holds before and after), and it stays with its partner.
    let paused = ActivityInput { status: ActivityStatus::Paused, capacity: Some(180), ..summer_reading(o.id) };
    let after = ts.store.update_activity(&staff(), i.id, a.id, &paused).await.unwrap();
    assert_eq!((after.status, after.capacity), (ActivityStatus::Paused, Some(180)));
    let other = ts.store.create_organization(&staff(), i.id, &org("Northside Library")).await.unwrap();
    let moved =
        ts.store.update_activity(&staff(), i.id, a.id, &ActivityInput { organization_id: other.id, ..paused }).await;
    assert!(matches!(&moved, Err(StoreError::Invalid(inv)) if inv.reason_for("organization_id").is_some()));
    let entry = ts
        .store
        .audit(&AuditQuery {
            initiative_id: Some(i.id),
            entity: Some("activity".into()),
            limit: 10,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(entry[0].action, "activity.update");
    assert_eq!(entry[0].before.as_ref().unwrap()["status"], "active");
    // Lists filter by organisation, strategy and indicator; another initiative's id is not found.
    let q = |o: Option<Id>, s: Option<&str>| ActivityQuery {
        organization_id: o,
        strategy_key: s.map(Into::into),
        indicator_key: None,
    };
    assert_eq!(ts.store.activities(i.id, &q(Some(o.id), None)).await.unwrap().len(), 1);
    assert_eq!(ts.store.activities(i.id, &q(Some(other.id), None)).await.unwrap().len(), 0);
    assert_eq!(ts.store.activities(i.id, &q(None, Some("summer-reading"))).await.unwrap().len(), 1);
    assert_eq!(ts.store.activities(i.id, &q(None, Some("tutoring"))).await.unwrap().len(), 0);
    let elsewhere = ts
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
    assert!(matches!(ts.store.activity(elsewhere.id, a.id).await, Err(StoreError::NotFound(_))));
}

both_backends!(activities_link_the_work_to_the_agenda_and_keep_their_history);
