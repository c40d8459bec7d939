//! The community dashboard: every indicator the viewer may see at a glance (latest value, target,
//! trend), population indicators under the agenda result they serve, and its CSV download.

use crate::http::csv::{csv_response, Cell, CsvWriter};
use crate::http::prelude::*;
use crate::measurement::view::*;
use backbone_core::agenda::AgendaResult;
use backbone_core::measure::analytics::{TrackStatus, TrendDirection};
use backbone_core::measure::indicator::*;
use backbone_core::measure::view::{IndicatorView, Point};
use backbone_core::translations::{Content, Shown, Subject, TextField};
/// One indicator at a glance.
pub struct Tile {
    pub indicator: Indicator,
    /// Its name in the reader's language.
    pub name: Shown,
    pub latest: String,
    pub latest_value: Option<f64>,
    pub latest_suppressed: bool,
    pub target: Option<(String, f64)>,
    pub latest_period: String,
    pub status: TrackStatus,
    pub trend: String,
    pub trend_class: &'static str,
    pub sparkline: String,
}

/// A result of the common agenda with its indicators.
pub struct ResultTiles {
    pub title: Shown,
    pub tiles: Vec<Tile>,
}

#[derive(Template)]
#[template(path = "measurement/templates/dashboard.html")]
struct DashboardPage {
    page: PageCtx,
    i: Initiative,
    results: Vec<ResultTiles>,
    performance: Vec<Tile>,
    public: bool,
}

/// A small inline SVG line of the values, for the dashboard (decoration; the numbers are in text).
fn sparkline(points: &[Point]) -> String {
    let vals: Vec<(usize, f64)> = points.iter().enumerate().filter_map(|(i, p)| p.value.map(|v| (i, v))).collect();
    if vals.len() < 2 {
        return String::new();
    }
    let (lo, hi) = vals.iter().fold((f64::MAX, f64::MIN), |(l, h), (_, v)| (l.min(*v), h.max(*v)));
    let span = if hi - lo < 1e-9 { 1.0 } else { hi - lo };
    let n = (points.len() - 1).max(1) as f64;
    let coords: Vec<String> = vals
        .iter()
        .map(|(i, v)| format!("{:.1},{:.1}", *i as f64 / n * 118.0 + 1.0, 29.0 - (v - lo) / span * 26.0))
        .collect();
    format!("M{}", coords.join(" L"))
}

fn tile(t: &Tr, c: &Content, ind: Indicator, v: &IndicatorView) -> Tile {
    let (trend, trend_class) = match v.trend.direction {
        _ if v.trend.periods == 0 => (t.get("trend-none"), "flat"),
        TrendDirection::Better => (t.with("trend-better", "count", v.trend.periods), "better"),
        TrendDirection::Worse => (t.with("trend-worse", "count", v.trend.periods), "worse"),
        TrendDirection::Flat => (t.get("trend-flat"), "flat"),
    };
    Tile {
        latest: v
            .latest
            .as_ref()
            .and_then(|l| l.value)
            .map(|x| fmt_value(t, ind.unit, x))
            .unwrap_or_else(|| "—".into()),
        latest_value: v.latest.as_ref().and_then(|l| l.value),
        latest_suppressed: v.latest.as_ref().is_some_and(|l| l.suppressed),
        target: v.target.as_ref().map(|t| (t.period.clone(), t.value)),
        latest_period: v.latest.as_ref().map(|l| l.period.clone()).unwrap_or_default(),
        status: v.status,
        trend,
        trend_class,
        sparkline: sparkline(&v.series),
        name: c.indicator_name(&ind),
        indicator: ind,
    }
}

/// The dashboard's tiles: population indicators under the agenda result they serve (or "other"),
/// program measures apart. Only indicators the viewer may see; every number already suppressed.
pub async fn dashboard_tiles(
    s: &AppState,
    req: &Req,
    i: &Initiative,
    access: &Access,
) -> Result<(Vec<ResultTiles>, Vec<Tile>), PageError> {
    let e = |e| req.err(e);
    let indicators: Vec<Indicator> = s
        .store
        .indicators(i.id)
        .await
        .map_err(e)?
        .into_iter()
        .filter(|x| access.can_view_indicator(x.published))
        .collect();
    let agenda: Vec<AgendaResult> =
        s.store.current_agenda(i.id).await.map_err(e)?.map(|a| a.results).unwrap_or_default();
    let content = crate::translations::content(s, req, i).await?;
    let params = ViewParams { geography: None, dimension: None, reference: None };
    let mut results: Vec<ResultTiles> = agenda
        .iter()
        .map(|r| ResultTiles {
            title: content.show(Subject::Result, &r.key, TextField::Title, &r.title),
            tiles: vec![],
        })
        .collect();
    let mut other = ResultTiles { title: Shown::plain(req.t.get("dashboard-other"), req.t.lang()), tiles: vec![] };
    let mut performance = Vec::new();
    for ind in indicators {
        let v = build_view(s, i, &ind, &params).await.map_err(|e| req.err(e))?;
        let level = ind.level;
        let pos = ind
            .result_key
            .as_ref()
            .and_then(|k| agenda.iter().position(|r| &r.key == k || r.strategies.iter().any(|s| &s.key == k)));
        let t = tile(&req.t, &content, ind, &v);
        match (level, pos) {
            (Level::Population, Some(p)) => results[p].tiles.push(t),
            (Level::Population, None) => other.tiles.push(t),
            _ => performance.push(t),
        }
    }
    results.retain(|r| !r.tiles.is_empty());
    if !other.tiles.is_empty() {
        results.push(other);
    }
    Ok((results, performance))
}

pub async fn dashboard(State(s): State<AppState>, req: Req, Scope { initiative: i, access }: Scope) -> PageResult {
    let (results, performance) = dashboard_tiles(&s, &req, &i, &access).await?;
    let page = DashboardPage {
        page: req.page(req.t.get("dashboard-title"), Some((&i, &access)), "dashboard"),
        public: !access.is_member(),
        i,
        results,
        performance,
    };
    render(&page, req.t)
}

/// The dashboard as CSV: one row per indicator, with the same (suppressed) numbers as the page.
pub async fn dashboard_download(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
) -> PageResult {
    let (results, performance) = dashboard_tiles(&s, &req, &i, &access).await?;
    let programs = req.t.get("dashboard-performance");
    let rows = results
        .iter()
        .flat_map(|r| r.tiles.iter().map(move |t| (r.title.text.as_str(), t)))
        .chain(performance.iter().map(|t| (programs.as_str(), t)));
    let mut w = CsvWriter::new();
    w.header(&[
        "result",
        "indicator",
        "name",
        "level",
        "unit",
        "better",
        "latest_period",
        "latest_value",
        "note",
        "target_period",
        "target",
        "status",
        "trend",
    ])
    .map_err(|e| req.err(e))?;
    for (result, t) in rows {
        let ind = &t.indicator;
        let note = if t.latest_suppressed { "suppressed" } else { "" };
        w.row(&[
            Cell::Text(result),
            Cell::Text(&ind.key),
            Cell::Text(&t.name.text),
            Cell::Text(ind.level.as_str()),
            Cell::Text(ind.unit.as_str()),
            Cell::Text(ind.direction.as_str()),
            Cell::Text(&t.latest_period),
            Cell::Number(t.latest_value.map(|x| (x * 10.0).round() / 10.0)),
            Cell::Text(note),
            Cell::Text(t.target.as_ref().map(|x| x.0.as_str()).unwrap_or_default()),
            Cell::Number(t.target.as_ref().map(|x| x.1)),
            Cell::Text(t.status.as_str()),
            Cell::Text(&t.trend),
        ])
        .map_err(|e| req.err(e))?;
    }
    let body = w.finish().map_err(|e| req.err(e))?;
    Ok(csv_response(&format!("{}-dashboard.csv", i.slug), body))
}
