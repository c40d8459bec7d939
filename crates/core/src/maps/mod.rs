//! Places on a map: the boundaries of the initiative's places, uploaded by backbone staff as a
//! GeoJSON FeatureCollection whose features name their place in a property (`code` unless said
//! otherwise). Read strictly (`read_boundaries`): every problem with the feature's index and field.
//! Each upload is a new version; the earlier ones are kept.

mod store;
#[cfg(test)]
mod tests;
pub use store::MapStore;

use crate::error::Invalid;
use crate::measure::place::is_place_code;
use crate::Id;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use std::collections::{HashMap, HashSet};
use utoipa::ToSchema;

/// The largest boundary file taken: 1 MiB, the server's body limit.
pub const MAX_BYTES: usize = 1024 * 1024;
/// At most this many features in one file.
pub const MAX_FEATURES: usize = 5_000;
/// At most this many positions in all the file's polygons.
pub const MAX_POSITIONS: usize = 500_000;
/// The property that names a feature's place unless the upload says another.
pub const DEFAULT_PROPERTY: &str = "code";
/// At most this many problems are reported for one file.
const MOST_PROBLEMS: usize = 100;

/// One place's boundary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PlaceBoundary {
    /// The place's code.
    pub place: String,
    /// A GeoJSON geometry, `Polygon` or `MultiPolygon`, longitude before latitude.
    #[schema(value_type = Object)]
    pub geometry: Value,
}

/// One upload of boundaries: a version of the initiative's map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BoundarySet {
    pub id: Id,
    pub initiative_id: Id,
    /// 1 for the first upload, one more with each.
    pub version: u32,
    /// The property that named each feature's place.
    pub property: String,
    pub uploaded_by: String,
    pub uploaded_at: DateTime<Utc>,
    pub boundaries: Vec<PlaceBoundary>,
}

/// Reads a GeoJSON FeatureCollection of boundaries: each feature a `Polygon` or `MultiPolygon`
/// (positions in range, every ring closed, at least four positions) naming in `property` one of
/// `places` (each place once). Every problem is reported with the feature and field it is in.
pub fn read_boundaries(text: &str, property: &str, places: &HashSet<&str>) -> Result<Vec<PlaceBoundary>, Invalid> {
    let mut inv = Invalid::new();
    if property.trim().is_empty() || property.chars().count() > 60 || property.chars().any(char::is_control) {
        inv.add("property", "must be the name of a property of the features, 1 to 60 characters");
    }
    if text.len() > MAX_BYTES {
        inv.add("geojson", format!("is {} bytes: at most {MAX_BYTES} bytes (1 MB) are taken", text.len()));
    }
    if !inv.is_empty() {
        return Err(inv);
    }
    let doc: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            return Err(Invalid::one(
                "geojson",
                format!("is not JSON: {} at line {}, column {}", plain_json_error(&e), e.line(), e.column()),
            ))
        }
    };
    if doc.get("type").and_then(Value::as_str) != Some("FeatureCollection") {
        return Err(Invalid::one("geojson.type", "must be \"FeatureCollection\""));
    }
    let Some(features) = doc.get("features").and_then(Value::as_array) else {
        return Err(Invalid::one("geojson.features", "must be a list of features"));
    };
    if features.is_empty() {
        return Err(Invalid::one("geojson.features", "has no features"));
    }
    if features.len() > MAX_FEATURES {
        return Err(Invalid::one("geojson.features", format!("has {}: at most {MAX_FEATURES}", features.len())));
    }
    let mut out = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut positions = 0usize;
    for (i, f) in features.iter().enumerate() {
        if inv.0.len() >= MOST_PROBLEMS {
            break;
        }
        let at = |field: &str| format!("features[{i}].{field}");
        if f.get("type").and_then(Value::as_str) != Some("Feature") {
            inv.add(at("type"), "must be \"Feature\"");
            continue;
        }
        let code = match f.get("properties").and_then(|p| p.get(property)) {
            Some(Value::String(s)) => Some(s.trim().to_string()),
            Some(Value::Number(n)) => Some(n.to_string()),
            Some(_) => {
                inv.add(at(&format!("properties.{property}")), "must be a place code (text)");
                None
            }
            None => {
                inv.add(at(&format!("properties.{property}")), "is missing: it names the feature's place");
                None
            }
        };
        if let Some(code) = &code {
            if !is_place_code(code) {
                inv.add(at(&format!("properties.{property}")), format!("\"{code}\" is not a place code"));
            } else if !places.contains(code.as_str()) {
                inv.add(at(&format!("properties.{property}")), format!("\"{code}\" is not a place of this initiative"));
            } else if let Some(first) = seen.insert(code.clone(), i) {
                inv.add(
                    at(&format!("properties.{property}")),
                    format!("\"{code}\" already has a boundary: features[{first}]"),
                );
            }
        }
        let geometry = match f.get("geometry") {
            Some(g @ Value::Object(_)) => read_geometry(g, &at("geometry"), &mut inv, &mut positions),
            _ => {
                inv.add(at("geometry"), "is missing: a Polygon or MultiPolygon is needed");
                None
            }
        };
        if let (Some(place), Some(geometry)) = (code, geometry) {
            out.push(PlaceBoundary { place, geometry });
        }
    }
    if positions > MAX_POSITIONS {
        inv.add("geojson", format!("has {positions} positions: at most {MAX_POSITIONS}; simplify the boundaries"));
    }
    inv.into_result().map(|()| out)
}

fn plain_json_error(e: &serde_json::Error) -> String {
    let s = e.to_string();
    s.split(" at line ").next().unwrap_or(&s).to_string()
}

/// The geometry, as it will be kept (its type and coordinates, two numbers a position), if it is
/// a valid Polygon or MultiPolygon.
fn read_geometry(g: &Value, field: &str, inv: &mut Invalid, positions: &mut usize) -> Option<Value> {
    let kind = g.get("type").and_then(Value::as_str).unwrap_or("");
    let coords = g.get("coordinates");
    let before = inv.0.len();
    let kept = match (kind, coords) {
        ("Polygon", Some(c)) => read_polygon(c, &format!("{field}.coordinates"), inv, positions).map(Value::Array),
        ("MultiPolygon", Some(Value::Array(polys))) if !polys.is_empty() => {
            let mut all = Vec::new();
            for (p, poly) in polys.iter().enumerate() {
                if let Some(rings) = read_polygon(poly, &format!("{field}.coordinates[{p}]"), inv, positions) {
                    all.push(Value::Array(rings));
                }
            }
            Some(Value::Array(all))
        }
        ("MultiPolygon", _) => {
            inv.add(format!("{field}.coordinates"), "must be a list of polygons");
            None
        }
        ("Polygon", None) => {
            inv.add(format!("{field}.coordinates"), "is missing");
            None
        }
        (other, _) => {
            let name = if other.is_empty() { "no type".to_string() } else { format!("a {other}") };
            inv.add(format!("{field}.type"), format!("is {name}: only Polygon and MultiPolygon are boundaries"));
            None
        }
    };
    let kept = kept?;
    (inv.0.len() == before).then(|| json!({"type": kind, "coordinates": kept}))
}

/// A polygon's rings: the outer ring, then holes.
fn read_polygon(c: &Value, field: &str, inv: &mut Invalid, positions: &mut usize) -> Option<Vec<Value>> {
    let Some(rings) = c.as_array().filter(|r| !r.is_empty()) else {
        inv.add(field, "must be a list of rings (the outer ring first)");
        return None;
    };
    let mut out = Vec::new();
    for (r, ring) in rings.iter().enumerate() {
        let at = format!("{field}[{r}]");
        let Some(points) = ring.as_array() else {
            inv.add(&at, "must be a list of positions");
            continue;
        };
        if points.len() < 4 {
            inv.add(
                &at,
                format!("has {} positions: a ring needs at least 4, the last the same as the first", points.len()),
            );
            continue;
        }
        *positions += points.len();
        let mut kept = Vec::new();
        for (k, p) in points.iter().enumerate() {
            match position(p) {
                Ok(xy) => kept.push(xy),
                Err(reason) => {
                    inv.add(format!("{at}[{k}]"), reason);
                    break;
                }
            }
        }
        if kept.len() == points.len() {
            if kept.first() != kept.last() {
                inv.add(&at, "is not closed: its last position must repeat its first");
            }
            out.push(Value::Array(kept.into_iter().map(|(x, y)| json!([x, y])).collect()));
        }
    }
    Some(out)
}

/// A position: [longitude, latitude] (an altitude after them is dropped).
fn position(p: &Value) -> Result<(f64, f64), String> {
    let nums: Option<Vec<f64>> = p.as_array().and_then(|a| a.iter().map(Value::as_f64).collect::<Option<Vec<_>>>());
    let Some(nums) = nums.filter(|n| n.len() == 2 || n.len() == 3) else {
        return Err("must be [longitude, latitude] in numbers".into());
    };
    let (lon, lat) = (nums[0], nums[1]);
    if !(-180.0..=180.0).contains(&lon) {
        return Err(format!("has longitude {lon}: it must be from -180 to 180"));
    }
    if !(-90.0..=90.0).contains(&lat) {
        return Err(format!("has latitude {lat}: it must be from -90 to 90 (is it [longitude, latitude]?)"));
    }
    Ok((lon, lat))
}

/// The outer rings of a boundary's polygons, as (longitude, latitude) lists.
fn outer_rings(geometry: &Value) -> Vec<Vec<(f64, f64)>> {
    let ring = |r: &Value| -> Vec<(f64, f64)> {
        r.as_array()
            .map(|pts| pts.iter().filter_map(|p| Some((p.get(0)?.as_f64()?, p.get(1)?.as_f64()?))).collect())
            .unwrap_or_default()
    };
    let coords = geometry.get("coordinates");
    match geometry.get("type").and_then(Value::as_str) {
        Some("Polygon") => coords.and_then(|c| c.get(0)).map(ring).into_iter().collect(),
        Some("MultiPolygon") => coords
            .and_then(Value::as_array)
            .map(|polys| polys.iter().filter_map(|p| p.get(0)).map(ring).collect())
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// Where to pin what is in a place without a point of its own: the centroid of its largest
/// polygon's outer ring, as (latitude, longitude).
pub fn centroid(geometry: &Value) -> Option<(f64, f64)> {
    let mut best: Option<(f64, f64, f64)> = None;
    for ring in outer_rings(geometry) {
        let (mut a, mut cx, mut cy) = (0.0, 0.0, 0.0);
        for w in ring.windows(2) {
            let ((x0, y0), (x1, y1)) = (w[0], w[1]);
            let cross = x0 * y1 - x1 * y0;
            a += cross;
            cx += (x0 + x1) * cross;
            cy += (y0 + y1) * cross;
        }
        if a.abs() < f64::EPSILON {
            continue;
        }
        let area = a / 2.0;
        let c = (cy / (6.0 * area), cx / (6.0 * area), area.abs());
        if best.is_none_or(|b| c.2 > b.2) {
            best = Some(c);
        }
    }
    best.map(|(lat, lon, _)| (lat, lon))
}

/// The boundaries as a GeoJSON FeatureCollection, each feature with its place's `code` and
/// `name` (from `names`, code → name).
pub fn feature_collection(boundaries: &[PlaceBoundary], names: &HashMap<String, String>) -> Value {
    let features: Vec<Value> = boundaries
        .iter()
        .map(|b| {
            let mut props = Map::new();
            props.insert("code".into(), json!(b.place));
            props.insert("name".into(), json!(names.get(&b.place).cloned().unwrap_or_else(|| b.place.clone())));
            json!({"type": "Feature", "properties": props, "geometry": b.geometry})
        })
        .collect();
    json!({"type": "FeatureCollection", "features": features})
}

/// Up to `n` class breaks for a choropleth: the values' quantiles (distinct, ascending). A value
/// is in class k when it is at most `breaks[k]` and above the break before.
pub fn class_breaks(values: &[f64], n: usize) -> Vec<f64> {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
    if v.is_empty() || n == 0 {
        return Vec::new();
    }
    v.sort_by(f64::total_cmp);
    let mut out: Vec<f64> =
        (1..=n).map(|k| v[((k * v.len()).div_ceil(n)).saturating_sub(1).min(v.len() - 1)]).collect();
    out.dedup();
    out
}

/// The class of `value` among `breaks` (0 for the lowest).
pub fn class_of(value: f64, breaks: &[f64]) -> usize {
    breaks.iter().position(|b| value <= *b).unwrap_or(breaks.len().saturating_sub(1))
}
