//! Initiatives and their preconditions.

use super::*;

async fn initiatives_have_unique_short_names(ts: TestStore) {
    let i = initiative(&ts).await;
    assert_eq!(ts.store.initiative_by_slug("northside-promise").await.unwrap(), i);
    let again = ts
        .store
        .create_initiative(
            &staff(),
            &NewInitiative {
                slug: "northside-promise".into(),
                name: "Other".into(),
                description: String::new(),
                phase: Phase::InitiatingAction,
                published: false,
            },
        )
        .await;
    match again {
        Err(StoreError::Conflict { field, .. }) => assert_eq!(field, "slug"),
        other => panic!("expected a conflict on slug, got {other:?}"),
    }
    assert!(matches!(ts.store.initiative_by_slug("nowhere").await, Err(StoreError::NotFound("initiative"))));
    let updated = ts
        .store
        .update_initiative(
            &staff(),
            i.id,
            &InitiativeUpdate { phase: Some(Phase::OrganizingForImpact), published: Some(true), ..Default::default() },
        )
        .await
        .unwrap();
    assert_eq!(updated.phase, Phase::OrganizingForImpact);
    assert!(updated.published);
    assert_eq!(updated.name, "Northside Promise", "fields not sent stay as they were");
}

async fn preconditions_keep_their_evidence_and_history(ts: TestStore) {
    let i = initiative(&ts).await;
    let input =
        PreconditionInput { readiness: Readiness::Emerging, evidence: "Mayor has spoken at two convenings".into() };
    ts.store.set_precondition(&staff(), i.id, PreconditionKind::InfluentialChampion, &input).await.unwrap();
    let input =
        PreconditionInput { readiness: Readiness::InPlace, evidence: "Mayor co-chairs the steering committee".into() };
    ts.store.set_precondition(&staff(), i.id, PreconditionKind::InfluentialChampion, &input).await.unwrap();
    let p = ts.store.preconditions(i.id).await.unwrap();
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].readiness, Readiness::InPlace);
    let log = ts
        .store
        .audit(&AuditQuery {
            initiative_id: Some(i.id),
            entity: Some("precondition".into()),
            limit: 10,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(log.len(), 2);
    assert_eq!(log[0].before.as_ref().unwrap()["readiness"], "emerging");
    assert_eq!(log[0].after.as_ref().unwrap()["readiness"], "in_place");
}

both_backends!(initiatives_have_unique_short_names, preconditions_keep_their_evidence_and_history);
