//! The community's estimates and tables' compositions over time.

use super::*;
use backbone_core::representation::*;
use backbone_core::tables::composition::{next_snapshot, Seat, AT_A_TABLE};

fn estimate(place: &str, facet: Facet, group: &str, estimate: u64, universe: u64) -> CommunityEstimate {
    CommunityEstimate { place: place.into(), facet, group: group.into(), estimate, margin_of_error: Some(40), universe }
}

async fn community_profiles_are_kept_whole_and_the_latest_is_in_force(ts: TestStore) {
    let (i, _) = measurement_setup(&ts).await;
    let first = CommunityProfileInput {
        source: "ACS 2018-2022".into(),
        estimates: vec![
            estimate("northside", Facet::RaceEthnicity, "Black or African American", 6_000, 10_000),
            estimate("northside", Facet::RaceEthnicity, "White", 3_000, 10_000),
            estimate("53205", Facet::Gender, "Woman", 2_600, 5_000),
        ],
    };
    let recorded = ts.store.record_community_profile(&staff(), i.id, &first).await.unwrap();
    assert_eq!(recorded.recorded_by, "Test staff");
    let newer = CommunityProfileInput {
        source: "ACS 2019-2023".into(),
        estimates: vec![estimate("northside", Facet::RaceEthnicity, "Black or African American", 6_200, 10_100)],
    };
    ts.store.record_community_profile(&staff(), i.id, &newer).await.unwrap();
    let profiles = ts.store.community_profiles(i.id).await.unwrap();
    assert_eq!(profiles.len(), 2);
    assert_eq!(profiles[0].estimates, first.estimates, "every estimate kept, in order");
    let current = current_estimates(&profiles);
    assert_eq!(current.len(), 2, "the newer race estimates replace both, the gender ones stay");
    assert!(current.iter().any(|e| e.group == "Woman"));

    // A place the initiative does not have: refused, nothing written.
    let stray = CommunityProfileInput {
        source: "ACS".into(),
        estimates: vec![estimate("southside", Facet::Gender, "Man", 10, 20)],
    };
    let err = ts.store.record_community_profile(&staff(), i.id, &stray).await.unwrap_err();
    match err {
        StoreError::Invalid(inv) => assert!(inv.reason_for("estimates[0].place").is_some(), "{inv}"),
        e => panic!("{e:?}"),
    }
    assert_eq!(ts.store.community_profiles(i.id).await.unwrap().len(), 2);
    // Another initiative sees none of them.
    let other = other_initiative(&ts).await;
    assert!(ts.store.community_profiles(other.id).await.unwrap().is_empty());
}

both_backends!(community_profiles_are_kept_whole_and_the_latest_is_in_force);

async fn a_tables_compositions_are_kept_in_order_with_their_format(ts: TestStore) {
    let i = initiative(&ts).await;
    let t = ts
        .store
        .create_table(
            &staff(),
            i.id,
            &TableInput {
                name: "Youth Council".into(),
                kind: TableKind::WorkingGroup,
                purpose: String::new(),
                result_key: None,
                joining: Default::default(),
            },
        )
        .await
        .unwrap();
    let seats: Vec<Seat> = (0..6).map(|k| Seat { person_id: k, demographics: None, organization: None }).collect();
    let first = next_snapshot(None, &seats, AT_A_TABLE, Utc::now() - Duration::days(60)).unwrap();
    ts.store.publish_composition(i.id, t.id, &first).await.unwrap();
    let more: Vec<Seat> = (0..11).map(|k| Seat { person_id: k, demographics: None, organization: None }).collect();
    let second = next_snapshot(Some(&first), &more, AT_A_TABLE, Utc::now()).unwrap();
    ts.store.publish_composition(i.id, t.id, &second).await.unwrap();
    let history = ts.store.composition_history(i.id, Some(t.id)).await.unwrap();
    assert_eq!(history.iter().map(|(_, s)| s.composition.current_members).collect::<Vec<_>>(), [6, 11]);
    assert!(history.iter().all(|(table, s)| *table == t.id && s.version == second.version));
    assert_eq!(ts.store.latest_composition(i.id, t.id).await.unwrap(), Some(second));
    assert_eq!(ts.store.composition_history(i.id, None).await.unwrap().len(), 2);
}

both_backends!(a_tables_compositions_are_kept_in_order_with_their_format);
