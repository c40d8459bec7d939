use super::*;

fn hall() -> CommunityAssetInput {
    CommunityAssetInput {
        kind: AssetKind::Place,
        name: "St. Mark's fellowship hall".into(),
        description: "Saturday reading rooms, tables for 40.".into(),
        place: "eastside".into(),
        address: Some("210 Mill Street".into()),
        latitude: Some(41.52),
        longitude: Some(-87.61),
        serves: "Families in Eastside".into(),
        contact: Some("Church office, 555-0140".into()),
        resident_led: true,
        strategy_keys: vec!["summer-reading".into()],
    }
}

#[test]
fn an_asset_names_a_place_and_a_point_on_the_earth() {
    assert!(hall().validate().is_ok());
    let bad = CommunityAssetInput {
        name: " ".into(),
        place: "=cmd".into(),
        latitude: Some(91.0),
        longitude: Some(-181.0),
        strategy_keys: vec!["Reading".into(), "summer".into(), "summer".into()],
        ..hall()
    };
    let e = bad.validate().unwrap_err();
    assert_eq!(e.reason_for("name"), Some("is required"));
    assert_eq!(e.reason_for("place"), Some("\"=cmd\" is not a place code"));
    assert_eq!(e.reason_for("latitude"), Some("must be from -90 to 90 degrees"));
    assert_eq!(e.reason_for("longitude"), Some("must be from -180 to 180 degrees"));
    assert!(e.reason_for("strategy_keys[0]").unwrap().starts_with("\"Reading\" must be"));
    assert_eq!(e.reason_for("strategy_keys[2]"), Some("\"summer\" is listed twice"));
}

#[test]
fn a_point_needs_both_its_latitude_and_its_longitude() {
    let e = CommunityAssetInput { longitude: None, ..hall() }.validate().unwrap_err();
    assert_eq!(e.reason_for("longitude"), Some("is needed with the latitude"));
    let e = CommunityAssetInput { latitude: None, ..hall() }.validate().unwrap_err();
    assert_eq!(e.reason_for("latitude"), Some("is needed with the longitude"));
    assert!(CommunityAssetInput { latitude: None, longitude: None, ..hall() }.validate().is_ok());
    let e = CommunityAssetInput { place: String::new(), ..hall() }.validate().unwrap_err();
    assert_eq!(e.reason_for("place"), Some("is required"));
}

#[test]
fn the_place_and_strategies_must_be_the_initiatives() {
    let places = HashSet::from(["riverbend", "eastside"]);
    let strategies = HashSet::from(["tutoring"]);
    let e = hall().check_references(&places, &strategies).unwrap_err();
    assert_eq!(
        e.reason_for("strategy_keys[0]"),
        Some("\"summer-reading\" is not a strategy of the current common agenda")
    );
    assert!(e.reason_for("place").is_none());
    let e = CommunityAssetInput { place: "westside".into(), strategy_keys: vec![], ..hall() }
        .check_references(&places, &strategies)
        .unwrap_err();
    assert_eq!(e.reason_for("place"), Some("\"westside\" is not a place of this initiative"));
}

#[test]
fn the_public_sees_neither_how_to_reach_it_nor_who_recorded_it() {
    let now = Utc::now();
    let a = CommunityAsset {
        id: 1,
        initiative_id: 1,
        kind: AssetKind::Place,
        name: "Hall".into(),
        description: String::new(),
        place: "eastside".into(),
        address: None,
        latitude: None,
        longitude: None,
        serves: String::new(),
        contact: Some("555-0140".into()),
        resident_led: false,
        strategy_keys: vec![],
        status: AssetStatus::Active,
        retired_reason: None,
        recorded_by: Some("Ana".into()),
        version: 1,
        created_at: now,
        updated_at: now,
    };
    let public = a.clone().shown(false);
    assert_eq!((public.contact, public.recorded_by), (None, None));
    assert_eq!(a.clone().shown(true), a);
    assert_eq!(a.input().name, "Hall");
}

#[test]
fn retiring_says_why() {
    assert_eq!(RetireAsset { reason: "".into() }.validate().unwrap_err().reason_for("reason"), Some("is required"));
    assert!(RetireAsset { reason: "The hall closed".into() }.validate().is_ok());
}
