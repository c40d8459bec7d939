use super::*;

fn places() -> HashSet<&'static str> {
    HashSet::from(["riverbend", "47302", "47303"])
}

fn square(code: &str, x: f64, y: f64) -> Value {
    json!({"type": "Feature", "properties": {"code": code, "label": "ignored"},
        "geometry": {"type": "Polygon", "coordinates": [[[x, y], [x + 0.1, y], [x + 0.1, y + 0.1], [x, y + 0.1], [x, y]]]}})
}

fn collection(features: Vec<Value>) -> String {
    json!({"type": "FeatureCollection", "features": features}).to_string()
}

#[test]
fn a_feature_collection_of_polygons_names_its_places() {
    let multi = json!({"type": "Feature", "properties": {"code": "47303"}, "geometry": {"type": "MultiPolygon",
        "coordinates": [[[[0.0, 0.0, 12.0], [1.0, 0.0, 12.0], [1.0, 1.0, 12.0], [0.0, 0.0, 12.0]]]]}});
    let read = read_boundaries(&collection(vec![square("47302", -87.6, 41.5), multi]), "code", &places()).unwrap();
    assert_eq!(read.len(), 2);
    assert_eq!(read[0].place, "47302");
    assert_eq!(read[0].geometry["type"], "Polygon");
    assert_eq!(read[1].geometry["coordinates"][0][0][0], json!([0.0, 0.0]), "altitudes are dropped");
}

#[test]
fn another_property_may_name_the_place() {
    let f = json!({"type": "Feature", "properties": {"ZCTA5": 47302},
        "geometry": square("x", 0.0, 0.0)["geometry"].clone()});
    let read = read_boundaries(&collection(vec![f]), "ZCTA5", &places()).unwrap();
    assert_eq!(read[0].place, "47302", "a number is read as the code it writes");
}

#[test]
fn every_problem_names_its_feature_and_field() {
    let point = json!({"type": "Feature", "properties": {"code": "47303"},
        "geometry": {"type": "Point", "coordinates": [0.0, 0.0]}});
    let open = json!({"type": "Feature", "properties": {"code": "riverbend"},
        "geometry": {"type": "Polygon", "coordinates": [[[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]]]}});
    let far = json!({"type": "Feature", "properties": {"code": "47302"},
        "geometry": {"type": "Polygon", "coordinates": [[[0.0, 0.0], [1.0, 95.0], [1.0, 1.0], [0.0, 0.0]]]}});
    let unnamed = json!({"type": "Feature", "properties": {}, "geometry": square("x", 0.0, 0.0)["geometry"].clone()});
    let text = collection(vec![square("99999", 0.0, 0.0), point, open, far, unnamed, square("47302", 1.0, 1.0)]);
    let e = read_boundaries(&text, "code", &places()).unwrap_err();
    assert_eq!(e.reason_for("features[0].properties.code"), Some("\"99999\" is not a place of this initiative"));
    assert_eq!(
        e.reason_for("features[1].geometry.type"),
        Some("is a Point: only Polygon and MultiPolygon are boundaries")
    );
    assert_eq!(
        e.reason_for("features[2].geometry.coordinates[0]"),
        Some("is not closed: its last position must repeat its first")
    );
    assert_eq!(
        e.reason_for("features[3].geometry.coordinates[0][1]"),
        Some("has latitude 95: it must be from -90 to 90 (is it [longitude, latitude]?)")
    );
    assert_eq!(e.reason_for("features[4].properties.code"), Some("is missing: it names the feature's place"));
    assert_eq!(e.reason_for("features[5].properties.code"), Some("\"47302\" already has a boundary: features[3]"));
}

#[test]
fn what_is_not_a_feature_collection_is_refused_whole() {
    let e = read_boundaries("{\"type\": \"Feature\"", "code", &places()).unwrap_err();
    assert!(e.reason_for("geojson").unwrap().starts_with("is not JSON: "), "{e}");
    let e = read_boundaries("{\"type\": \"Topology\"}", "code", &places()).unwrap_err();
    assert_eq!(e.reason_for("geojson.type"), Some("must be \"FeatureCollection\""));
    let e = read_boundaries(&collection(vec![]), "code", &places()).unwrap_err();
    assert_eq!(e.reason_for("geojson.features"), Some("has no features"));
    let e = read_boundaries(&collection(vec![square("47302", 0.0, 0.0)]), " ", &places()).unwrap_err();
    assert!(e.reason_for("property").is_some());
    let big = " ".repeat(MAX_BYTES + 1);
    let e = read_boundaries(&big, "code", &places()).unwrap_err();
    assert!(e.reason_for("geojson").unwrap().contains("at most 1048576 bytes"));
    let short = json!({"type": "Feature", "properties": {"code": "47302"},
        "geometry": {"type": "Polygon", "coordinates": [[[0.0, 0.0], [1.0, 0.0], [0.0, 0.0]]]}});
    let e = read_boundaries(&collection(vec![short]), "code", &places()).unwrap_err();
    assert!(e.reason_for("features[0].geometry.coordinates[0]").unwrap().starts_with("has 3 positions"));
}

#[test]
fn a_place_is_pinned_at_its_centroid() {
    let g = square("x", 2.0, 4.0)["geometry"].clone();
    let (lat, lon) = centroid(&g).unwrap();
    assert!((lat - 4.05).abs() < 1e-9 && (lon - 2.05).abs() < 1e-9, "{lat} {lon}");
    // Of a MultiPolygon, its largest part.
    let multi = json!({"type": "MultiPolygon", "coordinates": [
        [[[0.0, 0.0], [0.1, 0.0], [0.1, 0.1], [0.0, 0.0]]],
        [[[10.0, 10.0], [12.0, 10.0], [12.0, 12.0], [10.0, 12.0], [10.0, 10.0]]]]});
    assert_eq!(centroid(&multi), Some((11.0, 11.0)));
}

#[test]
fn classes_are_the_values_quantiles() {
    let breaks = class_breaks(&[10.0, 20.0, 30.0, 40.0, 50.0], 5);
    assert_eq!(breaks, [10.0, 20.0, 30.0, 40.0, 50.0]);
    assert_eq!(class_of(25.0, &breaks), 2);
    assert_eq!(class_breaks(&[7.0, 7.0, 7.0], 4), [7.0], "equal values make one class");
    assert!(class_breaks(&[], 4).is_empty());
    let fc = feature_collection(
        &[PlaceBoundary { place: "47302".into(), geometry: g_of("47302") }],
        &HashMap::from([("47302".to_string(), "Eastside".to_string())]),
    );
    assert_eq!(fc["features"][0]["properties"]["name"], "Eastside");
}

fn g_of(code: &str) -> Value {
    square(code, 0.0, 0.0)["geometry"].clone()
}
