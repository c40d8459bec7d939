//! Places on a map: the boundaries staff upload (GeoJSON, read strictly on the blocking pool,
//! every upload kept), and the maps drawn from them in the browser with Leaflet (vendored, no tile
//! server): an indicator's latest published value by place — the same suppressed cells the
//! indicator page shows — with community assets and the programs reaching each place, and a table
//! beside it with the same values.

pub mod api;
pub mod pages;

use crate::http::error::{AppError, AppResult};
use crate::measurement::view::{build_view, fmt_value, ViewParams};
use crate::AppState;
use backbone_core::access::Access;
use backbone_core::activities::ActivityQuery;
use backbone_core::initiative::Initiative;
use backbone_core::maps::{self, PlaceBoundary};
use backbone_core::measure::indicator::Indicator;
use backbone_core::Id;
use serde::Serialize;
use serde_json::Value;
use std::collections::{HashMap, HashSet};

/// Reads an uploaded file against the initiative's places, on the blocking pool.
pub async fn read_upload(
    s: &AppState,
    initiative_id: Id,
    text: String,
    property: String,
) -> AppResult<Vec<PlaceBoundary>> {
    let codes: Vec<String> = s.store.geographies(initiative_id).await?.into_iter().map(|g| g.code).collect();
    tokio::task::spawn_blocking(move || {
        let known: HashSet<&str> = codes.iter().map(String::as_str).collect();
        maps::read_boundaries(&text, &property, &known)
    })
    .await
    .map_err(|e| AppError::Internal(format!("reading the boundaries: {e}")))?
    .map_err(AppError::Invalid)
}

/// The sequential palette of the choropleth, lightest (lowest) first; ColorBrewer "Blues".
pub const PALETTE: [&str; 5] = ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"];

/// One place as the map and its table show it.
#[derive(Debug, Clone, Serialize)]
pub struct MapPlace {
    pub code: String,
    pub name: String,
    pub geometry: Value,
    /// A place that holds others drawn on the map: only its outline.
    pub outline: bool,
    /// The value as people read it, "hidden to protect privacy" or "no data"; empty without an
    /// indicator.
    pub label: String,
    pub hidden: bool,
    pub color: Option<&'static str>,
    /// The live programs that reach it (a program for a district or the city reaches the places
    /// inside), by name.
    pub activities: Vec<String>,
    /// The community assets in it, by name.
    pub assets: Vec<String>,
}

/// A community asset's pin.
#[derive(Debug, Clone, Serialize)]
pub struct MapPin {
    pub id: Id,
    pub name: String,
    pub lat: f64,
    pub lon: f64,
    /// Pinned at its place's centre, not at a point of its own.
    pub at_centre: bool,
    pub resident_led: bool,
}

pub struct MapData {
    pub places: Vec<MapPlace>,
    pub pins: Vec<MapPin>,
    /// (class, "up to 31.2%") from the lowest class (0); the class's colour is `PALETTE[class]`,
    /// and `swatch cN` in the style sheet.
    pub legend: Vec<(usize, String)>,
    /// The period the values are of.
    pub period: Option<String>,
}

/// The map of an initiative's places (if it has boundaries), with `indicator`'s latest published
/// values when one is given.
pub async fn map_data(
    s: &AppState,
    i: &Initiative,
    access: &Access,
    indicator: Option<&Indicator>,
    t: crate::http::i18n::Tr,
) -> AppResult<Option<MapData>> {
    let Some(set) = s.store.boundaries(i.id).await? else { return Ok(None) };
    let geographies = s.store.geographies(i.id).await?;
    let parent: HashMap<&str, &str> =
        geographies.iter().filter_map(|g| g.parent.as_deref().map(|p| (g.code.as_str(), p))).collect();
    let name = |code: &str| geographies.iter().find(|g| g.code == code).map(|g| g.name.clone()).unwrap_or(code.into());
    let holds_drawn: HashSet<&str> =
        set.boundaries.iter().filter_map(|b| parent.get(b.place.as_str()).copied()).collect();
    // Latest published values of the places drawn, from the views of the places that hold them.
    let mut points = HashMap::new();
    let mut period = None;
    if let Some(ind) = indicator {
        let mut holders: Vec<Option<String>> =
            set.boundaries.iter().filter_map(|b| parent.get(b.place.as_str()).map(|p| Some(p.to_string()))).collect();
        holders.sort();
        holders.dedup();
        for geography in holders {
            let view = build_view(s, i, ind, &ViewParams { geography, ..Default::default() }).await?;
            for p in view.places {
                period = Some(p.point.period.clone());
                points.insert(p.code.clone(), p.point);
            }
        }
    }
    let values: Vec<f64> = points
        .iter()
        .filter(|(code, _)| !holds_drawn.contains(code.as_str()))
        .filter_map(|(_, p)| if p.suppressed { None } else { p.value })
        .collect();
    let breaks = maps::class_breaks(&values, PALETTE.len());
    let activities = s.store.activities(i.id, &ActivityQuery::default()).await?;
    let assets = crate::community_assets::assets_for(s, i.id, access).await?;
    let within = |code: &str, area: &str| {
        let mut at = Some(code);
        while let Some(c) = at {
            if c == area {
                return true;
            }
            at = parent.get(c).copied();
        }
        false
    };
    let places: Vec<MapPlace> = set
        .boundaries
        .iter()
        .map(|b| {
            let outline = holds_drawn.contains(b.place.as_str());
            let point = points.get(&b.place);
            let hidden = point.is_some_and(|p| p.suppressed);
            let value = point.and_then(|p| if p.suppressed { None } else { p.value });
            let label = match (indicator, point) {
                (None, _) => String::new(),
                (Some(_), Some(p)) if p.suppressed => t.get("map-hidden"),
                (Some(ind), Some(p)) => match (p.value, p.range) {
                    (Some(v), _) => fmt_value(&t, ind.unit, v),
                    (None, Some(r)) => match (r.min, r.max) {
                        (Some(m), _) => t.with("map-at-least", "value", fmt_value(&t, ind.unit, m)),
                        (_, Some(m)) => t.with("map-at-most", "value", fmt_value(&t, ind.unit, m)),
                        _ => t.get("map-no-data"),
                    },
                    (None, None) => t.get("map-no-data"),
                },
                (Some(_), None) => t.get("map-no-data"),
            };
            MapPlace {
                code: b.place.clone(),
                name: name(&b.place),
                geometry: b.geometry.clone(),
                outline,
                color: value.filter(|_| !outline).map(|v| PALETTE[maps::class_of(v, &breaks)]),
                label,
                hidden,
                activities: activities
                    .iter()
                    .filter(|a| a.is_live() && a.places.iter().any(|area| within(&b.place, area)))
                    .map(|a| a.name.clone())
                    .collect(),
                assets: assets.iter().filter(|a| a.place == b.place).map(|a| a.name.clone()).collect(),
            }
        })
        .collect();
    let pins = assets
        .iter()
        .filter_map(|a| {
            let (lat, lon, at_centre) = match (a.latitude, a.longitude) {
                (Some(lat), Some(lon)) => (lat, lon, false),
                _ => {
                    let b = set.boundaries.iter().find(|b| b.place == a.place)?;
                    let (lat, lon) = maps::centroid(&b.geometry)?;
                    (lat, lon, true)
                }
            };
            Some(MapPin { id: a.id, name: a.name.clone(), lat, lon, at_centre, resident_led: a.resident_led })
        })
        .collect();
    let legend = match indicator {
        Some(ind) => {
            breaks.iter().map(|b| t.with("map-up-to", "value", fmt_value(&t, ind.unit, *b))).enumerate().collect()
        }
        None => Vec::new(),
    };
    Ok(Some(MapData { places, pins, legend, period }))
}
