//! The demo's place boundaries: the fictional city of Riverbend as simple rectangles — eight
//! neighbourhoods (ZIP codes), the three planning districts that hold them and the city around
//! all — consistent with the place tree (each district the union of its neighbourhoods).

use super::*;
use crate::community_assets::cell;
use backbone_core::maps::{BoundarySet, PlaceBoundary};
use serde_json::json;

/// (west, south, east, north) in degrees.
type Rect = (f64, f64, f64, f64);

fn rectangle((w, s, e, n): Rect) -> serde_json::Value {
    json!({"type": "Polygon", "coordinates": [[[w, s], [e, s], [e, n], [w, n], [w, s]]]})
}

/// The district codes with their rectangles (each the union of its neighbourhoods').
const DISTRICT_CELLS: [(&str, Rect); 3] = [
    ("eastside", (-87.63, 41.49, -87.57, 41.55)),
    ("southside", (-87.63, 41.46, -87.57, 41.49)),
    ("oak-hill", (-87.66, 41.46, -87.63, 41.55)),
];

pub(crate) fn demo_boundaries(today: NaiveDate) -> Vec<BoundarySet> {
    let mut boundaries =
        vec![PlaceBoundary { place: "riverbend".into(), geometry: rectangle((-87.66, 41.46, -87.57, 41.55)) }];
    boundaries.extend(
        DISTRICT_CELLS.iter().map(|(code, r)| PlaceBoundary { place: code.to_string(), geometry: rectangle(*r) }),
    );
    boundaries.extend(ZIPS.iter().map(|z| PlaceBoundary { place: z.to_string(), geometry: rectangle(cell(z)) }));
    vec![BoundarySet {
        id: 1,
        initiative_id: INITIATIVE_ID,
        version: 1,
        property: "code".into(),
        uploaded_by: people::USERS[1].1.into(),
        uploaded_at: at(today, 60, 14, 0),
        boundaries,
    }]
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_neighbourhood_lies_in_its_district() {
        let today = NaiveDate::from_ymd_opt(2026, 3, 14).unwrap();
        let doc = demo_initiative(today);
        let codes: HashSet<&str> = doc.geographies.iter().map(|g| g.code.as_str()).collect();
        let set = &demo_boundaries(today)[0];
        assert_eq!(set.boundaries.len(), codes.len(), "every place has a boundary");
        for g in &doc.geographies {
            let Some(parent) = &g.parent else { continue };
            let rect = |code: &str| {
                let b = set.boundaries.iter().find(|b| b.place == code).unwrap();
                let pts = b.geometry["coordinates"][0].as_array().unwrap().clone();
                let xs: Vec<f64> = pts.iter().map(|p| p[0].as_f64().unwrap()).collect();
                let ys: Vec<f64> = pts.iter().map(|p| p[1].as_f64().unwrap()).collect();
                let min = |v: &[f64]| v.iter().copied().fold(f64::MAX, f64::min);
                let max = |v: &[f64]| v.iter().copied().fold(f64::MIN, f64::max);
                (min(&xs), min(&ys), max(&xs), max(&ys))
            };
            let (inner, outer) = (rect(&g.code), rect(parent));
            assert!(
                inner.0 >= outer.0 && inner.1 >= outer.1 && inner.2 <= outer.2 && inner.3 <= outer.3,
                "{} lies in {parent}",
                g.code
            );
        }
    }
}
