//! Community assets: recorded in the initiative's places, changed and retired with every state
//! kept, and carried whole by the export.

use super::*;
use backbone_core::community_assets::*;

fn hall() -> CommunityAssetInput {
    CommunityAssetInput {
        kind: AssetKind::Place,
        name: "St. Mark's fellowship hall".into(),
        description: "Saturday reading rooms.".into(),
        place: "53205".into(),
        address: Some("  210 Mill Street ".into()),
        latitude: Some(43.05),
        longitude: Some(-87.95),
        serves: "Families nearby".into(),
        contact: Some("".into()),
        resident_led: true,
        strategy_keys: vec!["summer-reading".into()],
    }
}

fn resident() -> Actor {
    Actor { user_id: None, name: "Hodan Warsame".into() }
}

async fn assets_are_recorded_in_the_initiatives_places_and_keep_every_state(ts: TestStore) {
    let (i, _) = measurement_setup(&ts).await;
    // No agenda yet: no strategy can be named; the place must be one of the initiative's.
    let e = ts.store.create_community_asset(&resident(), i.id, &hall()).await;
    assert!(matches!(&e, Err(StoreError::Invalid(inv)) if inv.reason_for("strategy_keys[0]").is_some()), "{e:?}");
    ts.store.create_agenda_version(&staff(), i.id, &agenda("First", 0, "Every child reads.")).await.unwrap();
    let elsewhere = CommunityAssetInput { place: "99999".into(), ..hall() };
    let e = ts.store.create_community_asset(&resident(), i.id, &elsewhere).await;
    let Err(StoreError::Invalid(inv)) = e else { panic!("{e:?}") };
    assert_eq!(inv.reason_for("place"), Some("\"99999\" is not a place of this initiative"));
    let bad = CommunityAssetInput { latitude: Some(120.0), ..hall() };
    assert!(matches!(ts.store.create_community_asset(&resident(), i.id, &bad).await, Err(StoreError::Invalid(_))));
    assert!(ts.store.community_assets(i.id, true).await.unwrap().is_empty(), "nothing written when refused");

    let before = audit_count(&ts, i.id).await;
    let a = ts.store.create_community_asset(&resident(), i.id, &hall()).await.unwrap();
    assert_eq!(audit_count(&ts, i.id).await, before + 1);
    assert_eq!((a.version, a.status), (1, AssetStatus::Active));
    assert_eq!(a.address.as_deref(), Some("210 Mill Street"), "trimmed");
    assert_eq!(a.contact, None, "an empty contact is none");
    assert_eq!(a.recorded_by.as_deref(), Some("Hodan Warsame"));
    assert_eq!((a.latitude, a.longitude), (Some(43.05), Some(-87.95)));
    assert_eq!(ts.store.community_asset(i.id, a.id).await.unwrap(), a);

    // A change is a new version; the recorder stays.
    let moved =
        CommunityAssetInput { serves: "Every family in 53205".into(), latitude: None, longitude: None, ..hall() };
    let b = ts.store.update_community_asset(&staff(), i.id, a.id, &moved).await.unwrap();
    assert_eq!((b.version, b.serves.as_str(), b.latitude), (2, "Every family in 53205", None));
    assert_eq!(b.recorded_by.as_deref(), Some("Hodan Warsame"));
    assert_eq!(b.created_at, a.created_at);

    // Retiring says why; a retired asset is listed only when asked, and cannot be changed again.
    let e = ts.store.retire_community_asset(&staff(), i.id, a.id, &RetireAsset { reason: " ".into() }).await;
    assert!(matches!(&e, Err(StoreError::Invalid(inv)) if inv.reason_for("reason") == Some("is required")));
    let r =
        ts.store.retire_community_asset(&staff(), i.id, a.id, &RetireAsset { reason: "The hall closed".into() }).await;
    let r = r.unwrap();
    assert_eq!((r.version, r.status, r.retired_reason.as_deref()), (3, AssetStatus::Retired, Some("The hall closed")));
    assert!(ts.store.community_assets(i.id, false).await.unwrap().is_empty());
    assert_eq!(ts.store.community_assets(i.id, true).await.unwrap(), vec![r.clone()]);
    let again = ts.store.update_community_asset(&staff(), i.id, a.id, &hall()).await;
    assert!(matches!(&again, Err(StoreError::Conflict { field, .. }) if field == "status"), "{again:?}");
    let again = ts.store.retire_community_asset(&staff(), i.id, a.id, &RetireAsset { reason: "Again".into() }).await;
    assert!(matches!(&again, Err(StoreError::Conflict { .. })), "{again:?}");

    // Every state is kept, oldest first.
    let history = ts.store.community_asset_history(i.id, a.id).await.unwrap();
    assert_eq!(history, vec![a.clone(), b, r]);
    let entries = ts
        .store
        .audit(&AuditQuery {
            initiative_id: Some(i.id),
            entity: Some("community_asset".into()),
            limit: 10,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(entries[0].action, "community_asset.retire");
    assert_eq!(entries[0].before.as_ref().unwrap()["status"], "active");

    // Another initiative's id is not found.
    let other = other_initiative(&ts).await;
    assert!(matches!(ts.store.community_asset(other.id, a.id).await, Err(StoreError::NotFound(_))));
    assert!(matches!(ts.store.community_asset_history(other.id, a.id).await, Err(StoreError::NotFound(_))));
    assert!(matches!(
        ts.store.update_community_asset(&staff(), other.id, a.id, &hall()).await,
        Err(StoreError::NotFound(_))
    ));
}

both_backends!(assets_are_recorded_in_the_initiatives_places_and_keep_every_state);

async fn community_assets_travel_with_the_export(ts: TestStore) {
    let today = Utc::now().date_naive();
    let doc = backbone_demo::demo_initiative(today);
    assert!(doc.community_assets.len() >= 10);
    assert!(doc.community_assets.iter().any(|a| a.versions.len() == 2), "one retired, with its history");
    let i = ts.store.import_initiative(&staff(), &doc, None).await.unwrap();
    let out = ts.store.export_initiative(i.id).await.unwrap();
    let assets = |d: &backbone_core::exchange::InitiativeExport| {
        let mut all: Vec<Vec<CommunityAsset>> = d
            .community_assets
            .iter()
            .map(|a| a.versions.iter().map(|v| CommunityAsset { id: 0, initiative_id: 0, ..v.clone() }).collect())
            .collect();
        all.sort_by(|a, b| a[0].name.cmp(&b[0].name));
        all
    };
    assert_eq!(assets(&out), assets(&doc));
    // The imported assets are the store's own: the active ones are listed, the retired one not.
    let listed = ts.store.community_assets(i.id, false).await.unwrap();
    assert_eq!(listed.len(), doc.community_assets.len() - 1);
    assert!(listed.iter().all(|a| a.initiative_id == i.id));
    let history = ts.store.community_asset_history(i.id, listed[0].id).await.unwrap();
    assert_eq!(history.last(), Some(&listed[0]));
}

both_backends!(community_assets_travel_with_the_export);
