//! Place boundaries: each upload a version, the earlier ones kept, and carried by the export.

use super::*;
use backbone_core::maps::*;
use serde_json::json;

fn square(place: &str, x: f64) -> PlaceBoundary {
    PlaceBoundary {
        place: place.into(),
        geometry: json!({"type": "Polygon", "coordinates": [[[x, 43.0], [x + 0.1, 43.0], [x + 0.1, 43.1], [x, 43.0]]]}),
    }
}

async fn every_upload_of_boundaries_is_a_version_and_the_earlier_are_kept(ts: TestStore) {
    let (i, _) = measurement_setup(&ts).await;
    assert_eq!(ts.store.boundaries(i.id).await.unwrap(), None);
    // Only the initiative's places; nothing is kept otherwise.
    let e = ts.store.save_boundaries(&staff(), i.id, "code", &[square("53205", -87.9), square("99999", -87.8)]).await;
    let Err(StoreError::Invalid(inv)) = e else { panic!("{e:?}") };
    assert_eq!(inv.reason_for("features[1]"), Some("\"99999\" is not a place of this initiative"));
    assert!(ts.store.boundary_versions(i.id).await.unwrap().is_empty());

    let before = audit_count(&ts, i.id).await;
    let first = ts.store.save_boundaries(&staff(), i.id, "code", &[square("53205", -87.9)]).await.unwrap();
    assert_eq!(audit_count(&ts, i.id).await, before + 1);
    assert_eq!((first.version, first.uploaded_by.as_str()), (1, "Test staff"));
    let second = ts
        .store
        .save_boundaries(&staff(), i.id, "ZCTA5", &[square("53205", -88.0), square("northside", -88.1)])
        .await
        .unwrap();
    assert_eq!(second.version, 2);
    let latest = ts.store.boundaries(i.id).await.unwrap().unwrap();
    assert_eq!(latest, second);
    assert_eq!(latest.boundaries.iter().map(|b| b.place.as_str()).collect::<Vec<_>>(), ["53205", "northside"]);
    let all = ts.store.boundary_versions(i.id).await.unwrap();
    assert_eq!(all, vec![first.clone(), second]);
    assert_eq!(all[0].boundaries[0].geometry, square("53205", -87.9).geometry, "the first is kept as it was");
    // Another initiative has none of them.
    let other = other_initiative(&ts).await;
    assert_eq!(ts.store.boundaries(other.id).await.unwrap(), None);
}

both_backends!(every_upload_of_boundaries_is_a_version_and_the_earlier_are_kept);

async fn boundaries_travel_with_the_export(ts: TestStore) {
    let today = Utc::now().date_naive();
    let doc = backbone_demo::demo_initiative(today);
    assert!(!doc.place_boundaries.is_empty());
    let i = ts.store.import_initiative(&staff(), &doc, None).await.unwrap();
    let out = ts.store.export_initiative(i.id).await.unwrap();
    let strip = |d: &backbone_core::exchange::InitiativeExport| {
        d.place_boundaries
            .iter()
            .map(|s| {
                let mut b = s.boundaries.clone();
                b.sort_by(|x, y| x.place.cmp(&y.place));
                (s.version, s.property.clone(), s.uploaded_by.clone(), s.uploaded_at, b)
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(strip(&out), strip(&doc));
    let latest = ts.store.boundaries(i.id).await.unwrap().unwrap();
    assert_eq!(latest.initiative_id, i.id);
    assert_eq!(latest.boundaries.len(), doc.geographies.len(), "every demo place has a boundary");
}

both_backends!(boundaries_travel_with_the_export);
