//! The common agenda: versions and endorsements.

use super::*;

async fn every_agenda_edit_is_a_new_version_and_stale_edits_are_refused(ts: TestStore) {
    let i = initiative(&ts).await;
    assert!(ts.store.current_agenda(i.id).await.unwrap().is_none());
    let v1 = ts
        .store
        .create_agenda_version(&staff(), i.id, &agenda("First draft from the kickoff", 0, "Every child reads."))
        .await
        .unwrap();
    assert_eq!(v1.number, 1);
    let v2 = ts
        .store
        .create_agenda_version(
            &staff(),
            i.id,
            &agenda("Residents asked for equity", 1, "Every child, of every race and ZIP code, reads."),
        )
        .await
        .unwrap();
    assert_eq!(v2.number, 2);
    assert_eq!(v2.author_name, "Test staff");
    // Someone still editing version 1 cannot overwrite version 2.
    let stale =
        ts.store.create_agenda_version(&staff(), i.id, &agenda("Late edit", 1, "Every child reads well.")).await;
    match stale {
        Err(StoreError::Conflict { field, reason }) => {
            assert_eq!(field, "based_on");
            assert!(reason.contains("version 2"), "{reason}");
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
    let versions = ts.store.agenda_versions(i.id).await.unwrap();
    assert_eq!(versions.iter().map(|v| v.number).collect::<Vec<_>>(), vec![2, 1]);
    assert_eq!(ts.store.agenda_version(i.id, 1).await.unwrap().shared_vision, "Every child reads.");
    assert_eq!(ts.store.current_agenda(i.id).await.unwrap().unwrap().number, 2);
    assert_eq!(ts.store.agenda_version(i.id, 1).await.unwrap().results[0].strategies[0].key, "summer-reading");
}

async fn partners_endorse_a_version_once(ts: TestStore) {
    let i = initiative(&ts).await;
    let o = ts.store.create_organization(&staff(), i.id, &org("Bright Start Early Learning")).await.unwrap();
    ts.store.create_agenda_version(&staff(), i.id, &agenda("First", 0, "Every child reads.")).await.unwrap();
    let e = ts
        .store
        .endorse(
            &Actor::system("Rosa Delgado"),
            i.id,
            1,
            &EndorsementInput { organization_id: o.id, note: "Board voted 9-0".into() },
        )
        .await
        .unwrap();
    assert_eq!(e.organization_name, "Bright Start Early Learning");
    assert_eq!(e.endorsed_by_name, "Rosa Delgado");
    let twice =
        ts.store.endorse(&staff(), i.id, 1, &EndorsementInput { organization_id: o.id, note: String::new() }).await;
    assert!(matches!(twice, Err(StoreError::Conflict { .. })), "{twice:?}");
    let missing =
        ts.store.endorse(&staff(), i.id, 7, &EndorsementInput { organization_id: o.id, note: String::new() }).await;
    assert!(matches!(missing, Err(StoreError::NotFound("agenda version"))), "{missing:?}");
    assert_eq!(ts.store.endorsements(i.id, Some(1)).await.unwrap().len(), 1);
    assert!(ts.store.endorsements(i.id, Some(2)).await.unwrap().is_empty());
}

both_backends!(every_agenda_edit_is_a_new_version_and_stale_edits_are_refused, partners_endorse_a_version_once);
