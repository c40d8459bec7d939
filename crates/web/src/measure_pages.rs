//! Pages of shared measurement: the dashboard (public for published indicators), the indicator
//! page with its chart, table and plain-language summary, uploading a file with a preview, and
//! the review queue of backbone staff.

use crate::measure_api::{build_view, csv_response, csv_text, import_csv, view_csv, ViewParams, MAX_UPLOAD_BYTES};
use crate::pages::{FormData, PageCtx, PageError, PageResult, Req};
use crate::AppState;
use askama::Template;
use axum::extract::{DefaultBodyLimit, Multipart, Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect};
use axum::routing::{get, post};
use axum::{Form, Router};
use backbone_core::access::Access;
use backbone_core::agenda::AgendaResult;
use backbone_core::initiative::Initiative;
use backbone_core::measure::analytics::{TrackStatus, TrendDirection, Unit};
use backbone_core::measure::csv::CsvReport;
use backbone_core::measure::indicator::*;
use backbone_core::measure::observation::ObservationQuery;
use backbone_core::measure::observation::Review;
use backbone_core::measure::observation::*;
use backbone_core::measure::place::*;
use backbone_core::measure::view::{IndicatorView, Point};
use backbone_core::Id;
use serde::Serialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/i/{slug}/dashboard", get(dashboard))
        .route("/i/{slug}/dashboard.csv", get(dashboard_download))
        .route("/i/{slug}/indicators/new", get(indicator_new).post(indicator_create))
        .route("/i/{slug}/indicators/{key}", get(indicator_page))
        .route("/i/{slug}/indicators/{key}/edit", get(indicator_edit).post(indicator_update))
        .route("/i/{slug}/indicators/{key}/data.csv", get(indicator_download))
        .route("/i/{slug}/data", get(data_home))
        .route("/i/{slug}/data/upload", post(upload).layer(DefaultBodyLimit::max(MAX_UPLOAD_BYTES + 64 * 1024)))
        .route("/i/{slug}/data/import", post(import).layer(DefaultBodyLimit::max(2 * MAX_UPLOAD_BYTES)))
        .route("/i/{slug}/data/review", post(review))
        .route("/i/{slug}/data/send-drafts", post(send_drafts))
        .route("/i/{slug}/data/setup", get(setup_page))
        .route("/i/{slug}/data/setup/{list}", post(setup_save))
}

fn fmt_value(unit: Unit, v: f64) -> String {
    match unit {
        Unit::Percent => format!("{v:.1}%"),
        Unit::RatePer1000 => format!("{v:.1} per 1,000"),
        Unit::Currency => format!("${v:.0}"),
        Unit::Count => format!("{v:.0}"),
        Unit::Score => format!("{v:.1}"),
    }
}

/// One indicator at a glance.
pub struct Tile {
    pub indicator: Indicator,
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
    pub title: String,
    pub tiles: Vec<Tile>,
}

#[derive(Template)]
#[template(path = "dashboard.html")]
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

fn tile(t: &crate::i18n::Tr, ind: Indicator, v: &IndicatorView) -> Tile {
    let (trend, trend_class) = match v.trend.direction {
        _ if v.trend.periods == 0 => (t.get("trend-none"), "flat"),
        TrendDirection::Better => (t.with("trend-better", "count", v.trend.periods), "better"),
        TrendDirection::Worse => (t.with("trend-worse", "count", v.trend.periods), "worse"),
        TrendDirection::Flat => (t.get("trend-flat"), "flat"),
    };
    Tile {
        latest: v.latest.as_ref().and_then(|l| l.value).map(|x| fmt_value(ind.unit, x)).unwrap_or_else(|| "—".into()),
        latest_value: v.latest.as_ref().and_then(|l| l.value),
        latest_suppressed: v.latest.as_ref().is_some_and(|l| l.suppressed),
        target: v.target.as_ref().map(|t| (t.period.clone(), t.value)),
        latest_period: v.latest.as_ref().map(|l| l.period.clone()).unwrap_or_default(),
        status: v.status,
        trend,
        trend_class,
        sparkline: sparkline(&v.series),
        indicator: ind,
    }
}

/// The dashboard's tiles: population indicators under the agenda result they serve (or "other"),
/// program measures apart. Only indicators the viewer may see; every number already suppressed.
async fn dashboard_tiles(
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
    let params = ViewParams { geography: None, dimension: None, reference: None };
    let mut results: Vec<ResultTiles> =
        agenda.iter().map(|r| ResultTiles { title: r.title.clone(), tiles: vec![] }).collect();
    let mut other = ResultTiles { title: req.t.get("dashboard-other"), tiles: vec![] };
    let mut performance = Vec::new();
    for ind in indicators {
        let v = build_view(s, i, &ind, &params).await.map_err(|e| req.err(e))?;
        let level = ind.level;
        let pos = ind
            .result_key
            .as_ref()
            .and_then(|k| agenda.iter().position(|r| &r.key == k || r.strategies.iter().any(|s| &s.key == k)));
        let t = tile(&req.t, ind, &v);
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

async fn dashboard(State(s): State<AppState>, req: Req, Path(slug): Path<String>) -> PageResult {
    let (i, access) = req.initiative(&s, &slug).await?;
    let (results, performance) = dashboard_tiles(&s, &req, &i, &access).await?;
    let page = DashboardPage {
        page: req.page(req.t.get("dashboard-title"), Some((&i, &access)), "dashboard"),
        public: !access.is_member(),
        i,
        results,
        performance,
    };
    render(&page, &req)
}

/// The dashboard as CSV: one row per indicator, with the same (suppressed) numbers as the page.
async fn dashboard_download(State(s): State<AppState>, req: Req, Path(slug): Path<String>) -> PageResult {
    let (i, access) = req.initiative(&s, &slug).await?;
    let (results, performance) = dashboard_tiles(&s, &req, &i, &access).await?;
    let programs = req.t.get("dashboard-performance");
    let rows = results
        .iter()
        .flat_map(|r| r.tiles.iter().map(move |t| (r.title.as_str(), t)))
        .chain(performance.iter().map(|t| (programs.as_str(), t)));
    let internal = |e: csv::Error| req.err(crate::error::AppError::Internal(e.to_string()));
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
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
    .map_err(internal)?;
    for (result, t) in rows {
        let ind = &t.indicator;
        let note = if t.latest_suppressed { "suppressed" } else { "" };
        w.write_record([
            csv_text(result).as_ref(),
            &ind.key,
            &csv_text(&ind.name),
            ind.level.as_str(),
            ind.unit.as_str(),
            ind.direction.as_str(),
            &t.latest_period,
            &t.latest_value.map(|x| format!("{}", (x * 10.0).round() / 10.0)).unwrap_or_default(),
            note,
            t.target.as_ref().map(|x| x.0.as_str()).unwrap_or_default(),
            &t.target.as_ref().map(|x| format!("{}", x.1)).unwrap_or_default(),
            t.status.as_str(),
            &t.trend,
        ])
        .map_err(internal)?;
    }
    let body = w.into_inner().map_err(|e| req.err(crate::error::AppError::Internal(e.to_string())))?;
    Ok(csv_response(&format!("{}-dashboard.csv", i.slug), body))
}

/// A place's code and name, as a choice in a list.
type CodeName = (String, String);

/// The place picker's choices: the top-level places, the chosen place with the places it lies in
/// (from the top down), and the places directly inside it.
fn place_choices(geographies: &[Geography], chosen: &str) -> (Vec<CodeName>, Vec<CodeName>) {
    let by_code: std::collections::HashMap<&str, &Geography> =
        geographies.iter().map(|g| (g.code.as_str(), g)).collect();
    let mut path = Vec::new();
    let mut at = by_code.get(chosen).copied();
    while let Some(g) = at {
        if path.iter().any(|(c, _): &(String, String)| c == &g.code) {
            break; // a cycle would be a data error; never loop on it
        }
        path.push((g.code.clone(), g.name.clone()));
        at = g.parent.as_deref().and_then(|p| by_code.get(p).copied());
    }
    path.reverse();
    // Every top-level place stays reachable, with the chosen place's chain under its own.
    let mut choices = Vec::new();
    for root in geographies.iter().filter(|g| g.parent.is_none()) {
        if path.first().is_some_and(|(c, _)| c == &root.code) {
            choices.append(&mut path);
        } else {
            choices.push((root.code.clone(), root.name.clone()));
        }
    }
    choices.append(&mut path);
    let path = choices;
    let children = geographies
        .iter()
        .filter(|g| g.parent.as_deref() == Some(chosen))
        .map(|g| (g.code.clone(), g.name.clone()))
        .collect();
    (path, children)
}

fn render(t: &impl Template, req: &Req) -> PageResult {
    crate::pages::render(t, req.t)
}

/// The chart's data, handed to Chart.js through a `data-chart` attribute (no inline script).
#[derive(Serialize)]
struct ChartData {
    labels: Vec<String>,
    unit: String,
    series: Vec<ChartSeries>,
}

#[derive(Serialize)]
struct ChartSeries {
    label: String,
    kind: &'static str,
    values: Vec<Option<f64>>,
}

#[derive(Template)]
#[template(path = "indicator.html")]
struct IndicatorPage {
    page: PageCtx,
    i: Initiative,
    ind: Indicator,
    v: IndicatorView,
    chart: String,
    summary: Vec<String>,
    /// The chosen place and the places it lies in, from the community down (code, name).
    place_path: Vec<(String, String)>,
    /// The places directly inside the chosen one: an initiative may have thousands of places,
    /// so the choice is walked down the hierarchy rather than listed whole.
    place_children: Vec<(String, String)>,
    dimensions: Vec<(String, String)>,
    selected_dimension: String,
    rows: Vec<(String, Vec<String>)>,
    equity: Vec<(String, String, String, String)>,
    place_rows: Vec<(String, String, String)>,
    download: String,
}

impl IndicatorPage {
    fn unit_label(&self) -> String {
        self.page.t.get(&self.ind.unit.label_key())
    }
}

async fn indicator_page(
    State(s): State<AppState>,
    req: Req,
    Path((slug, key)): Path<(String, String)>,
    Query(q): Query<std::collections::HashMap<String, String>>,
) -> PageResult {
    let (i, access) = req.initiative(&s, &slug).await?;
    let e = |e| req.err(e);
    let ind = s.store.indicator(i.id, &key).await.map_err(e)?;
    if !access.can_view_indicator(ind.published) {
        return Err(req.err(crate::error::AppError::NotFound("indicator")));
    }
    let params = ViewParams {
        geography: q.get("geography").filter(|g| !g.is_empty()).cloned(),
        dimension: q.get("dimension").filter(|d| !d.is_empty()).cloned(),
        reference: None,
    };
    let v = build_view(&s, &i, &ind, &params).await.map_err(|e| req.err(e))?;
    let geographies = s.store.geographies(i.id).await.map_err(e)?;
    let dims = s.store.dimensions(i.id).await.map_err(e)?;
    let t = req.t;
    let f = |x: Option<f64>| x.map(|v| fmt_value(ind.unit, v)).unwrap_or_default();

    // Every period shown on the chart, in order: the data's, the forecast's and the targets'.
    let mut all: Vec<backbone_core::measure::period::Period> = v
        .periods
        .iter()
        .chain(v.forecast.iter().map(|f| &f.period))
        .chain(ind.targets.iter().map(|t| &t.period))
        .filter_map(|p| backbone_core::measure::period::Period::parse(ind.period_kind, p).ok())
        .collect();
    all.sort();
    all.dedup();
    let labels: Vec<String> = all.iter().map(|p| p.label()).collect();
    let at = |points: &[Point], label: &str| points.iter().find(|p| p.period == label).and_then(|p| p.value);
    let mut series = vec![ChartSeries {
        label: v.geography_name.clone(),
        kind: "actual",
        values: labels.iter().map(|l| at(&v.series, l)).collect(),
    }];
    if !v.forecast.is_empty() {
        series.push(ChartSeries {
            label: t.get("chart-forecast"),
            kind: "forecast",
            values: labels.iter().map(|l| v.forecast.iter().find(|f| &f.period == l).map(|f| f.value)).collect(),
        });
    }
    if !ind.targets.is_empty() {
        series.push(ChartSeries {
            label: t.get("chart-target"),
            kind: "target",
            values: labels.iter().map(|l| ind.targets.iter().find(|x| &x.period == l).map(|x| x.value)).collect(),
        });
    }
    for g in &v.groups {
        series.push(ChartSeries {
            label: g.group.clone(),
            kind: "group",
            values: labels.iter().map(|l| at(&g.points, l)).collect(),
        });
    }
    let chart =
        serde_json::to_string(&ChartData { labels, unit: ind.unit.as_str().into(), series }).unwrap_or_default();

    // The plain-language summary.
    let mut summary = Vec::new();
    if let Some(l) = &v.latest {
        summary.push(t.with2("summary-latest", "period", &l.period, "value", f(l.value)));
    }
    let baseline_value =
        ind.baseline_period.as_ref().and_then(|b| v.series.iter().find(|p| &p.period == b)).and_then(|p| p.value);
    if let (Some(b), Some(then), Some(now)) =
        (&ind.baseline_period, baseline_value, v.latest.as_ref().and_then(|l| l.value))
    {
        let better = (now > then) == (ind.direction == backbone_core::measure::analytics::Direction::Up);
        // Percentages change by points; other measures by a share of where they were.
        let change = match (ind.unit, v.change_since_baseline) {
            (Unit::Percent, _) => t.with("points", "count", format!("{:.1}", (now - then).abs())),
            (_, Some(c)) => format!("{:.0}%", c.abs() * 100.0),
            (_, None) => fmt_value(ind.unit, (now - then).abs()),
        };
        let key = if (now - then).abs() < 1e-9 {
            "summary-baseline-same"
        } else if better {
            "summary-baseline-better"
        } else {
            "summary-baseline-worse"
        };
        summary.push(t.with2(key, "baseline", format!("{b} ({})", fmt_value(ind.unit, then)), "change", change));
    }
    if let Some(target) = &v.target {
        summary.push(t.with2("summary-target", "period", &target.period, "value", fmt_value(ind.unit, target.value)));
    }
    if let Some(worst) = v.equity.iter().filter(|e| e.gap > 0.0).max_by(|a, b| a.gap.total_cmp(&b.gap)) {
        let gap = match ind.unit {
            Unit::Percent => format!("{:.1}", worst.gap),
            _ => fmt_value(ind.unit, worst.gap),
        };
        let reference = match v.equity.iter().find(|e| e.gap == 0.0) {
            Some(best) if v.equity_reference == "best_group" => best.group.clone(),
            _ => t.get("everyone"),
        };
        summary.push(format!(
            "{} {}",
            t.with2("summary-gap", "group", &worst.group, "gap", gap),
            t.with("summary-gap-reference", "reference", reference)
        ));
        summary.push(t.get(&format!("summary-gap-{}", worst.trend.as_str())));
    }
    if v.suppressed_cells > 0 {
        summary.push(t.get("summary-suppressed"));
    }

    // The data table beneath the chart: one row per period.
    let cell = |p: &Point| if p.suppressed { t.get("suppressed") } else { f(p.value) };
    let rows: Vec<(String, Vec<String>)> = v
        .periods
        .iter()
        .enumerate()
        .map(|(k, period)| {
            let mut cells = vec![cell(&v.series[k])];
            cells.extend(v.groups.iter().map(|g| cell(&g.points[k])));
            (period.clone(), cells)
        })
        .collect();
    let equity = v
        .equity
        .iter()
        .map(|e| {
            (
                e.group.clone(),
                fmt_value(ind.unit, e.value),
                format!("{:+.1}", e.gap),
                t.get(&format!("gaptrend-{}", e.trend.as_str())),
            )
        })
        .collect();
    let place_rows = v
        .places
        .iter()
        .map(|p| {
            let mut q = vec![("geography", p.code.clone())];
            if let Some(d) = &params.dimension {
                q.push(("dimension", d.clone()));
            }
            let href = format!("/i/{slug}/indicators/{key}?{}", serde_urlencoded::to_string(&q).unwrap_or_default());
            (href, p.name.clone(), cell(&p.point))
        })
        .collect();
    let (place_path, place_children) = place_choices(&geographies, &v.geography);
    let mut query = vec![];
    if let Some(g) = &params.geography {
        query.push(("geography", g.clone()));
    }
    if let Some(d) = &params.dimension {
        query.push(("dimension", d.clone()));
    }
    let download =
        format!("/i/{slug}/indicators/{key}/data.csv?{}", serde_urlencoded::to_string(&query).unwrap_or_default());
    let mut dimensions = vec![(String::new(), t.get("dimension-none"))];
    dimensions.extend(dims.iter().map(|d| (d.key.clone(), d.name.clone())));
    let page = IndicatorPage {
        page: req.page(ind.name.clone(), Some((&i, &access)), "dashboard"),
        place_path,
        place_children,
        dimensions,
        selected_dimension: params.dimension.clone().unwrap_or_default(),
        chart,
        summary,
        rows,
        equity,
        place_rows,
        download,
        i,
        ind,
        v,
    };
    render(&page, &req)
}

async fn indicator_download(
    State(s): State<AppState>,
    req: Req,
    Path((slug, key)): Path<(String, String)>,
    Query(params): Query<ViewParams>,
) -> PageResult {
    let (i, access) = req.initiative(&s, &slug).await?;
    let ind = s.store.indicator(i.id, &key).await.map_err(|e| req.err(e))?;
    if !access.can_view_indicator(ind.published) {
        return Err(req.err(crate::error::AppError::NotFound("indicator")));
    }
    let v = build_view(&s, &i, &ind, &params).await.map_err(|e| req.err(e))?;
    Ok(csv_response(&format!("{}-{}.csv", ind.key, v.geography), view_csv(&ind, &v).map_err(|e| req.err(e))?))
}

// ---------------------------------------------------------------- data: upload and review

#[derive(Template)]
#[template(path = "data.html")]
struct DataPage {
    page: PageCtx,
    i: Initiative,
    organizations: Vec<(String, String)>,
    pending: Vec<(Observation, String)>,
    is_staff: bool,
    report: Option<CsvReport>,
    organization_id: String,
    organization_name: String,
    file_text: String,
    /// Organisations the viewer submits for that have drafts: id, name, how many.
    drafts: Vec<(String, String, u64)>,
    error: Option<String>,
    columns: &'static [&'static str],
}

async fn data_page(
    s: &AppState,
    req: &Req,
    i: Initiative,
    access: Access,
    preview: Option<(CsvReport, Id, String)>,
    error: Option<String>,
) -> PageResult {
    let e = |e| req.err(e);
    let orgs = s.store.organizations(i.id).await.map_err(e)?;
    let organizations: Vec<(String, String)> =
        orgs.iter().filter(|o| access.can_submit_for(o.id)).map(|o| (o.id.to_string(), o.name.clone())).collect();
    let name_of = |id: Id| orgs.iter().find(|o| o.id == id).map(|o| o.name.clone()).unwrap_or_default();
    let pending = if access.can_manage_measurement() {
        s.store
            .observations(
                i.id,
                &ObservationQuery { status: Some(ObservationStatus::Submitted), limit: 500, ..Default::default() },
            )
            .await
            .map_err(e)?
            .into_iter()
            .map(|o| {
                let n = name_of(o.organization_id);
                (o, n)
            })
            .collect()
    } else {
        Vec::new()
    };
    let (report, organization_id, file_text) = match preview {
        Some((r, org, text)) => (Some(r), org.to_string(), text),
        None => (None, String::new(), String::new()),
    };
    let organization_name = organization_id.parse().map(name_of).unwrap_or_default();
    let drafts = s
        .store
        .draft_counts(i.id)
        .await
        .map_err(e)?
        .into_iter()
        .filter(|(org, _)| access.can_submit_for(*org))
        .map(|(org, n)| (org.to_string(), name_of(org), n))
        .collect();
    let page = DataPage {
        page: req.page(req.t.get("data-title"), Some((&i, &access)), "data"),
        is_staff: access.can_manage_measurement(),
        i,
        organizations,
        pending,
        report,
        organization_id,
        organization_name,
        file_text,
        drafts,
        error,
        columns: &backbone_core::measure::csv::COLUMNS,
    };
    render(&page, req)
}

async fn data_home(State(s): State<AppState>, req: Req, Path(slug): Path<String>) -> PageResult {
    let (i, access) = req.initiative_member(&s, &slug).await?;
    req.require(&access, access.can_manage_measurement() || !access.stewarded_organizations().is_empty())?;
    data_page(&s, &req, i, access, None, None).await
}

/// Step 1: a file is uploaded and checked; nothing is imported yet.
async fn upload(State(s): State<AppState>, req: Req, Path(slug): Path<String>, mut form: Multipart) -> PageResult {
    let (i, access) = req.initiative_member(&s, &slug).await?;
    let mut csrf = String::new();
    let mut org = String::new();
    let mut text = String::new();
    while let Some(field) =
        form.next_field().await.map_err(|e| req.err(crate::error::AppError::BadRequest(e.to_string())))?
    {
        match field.name().unwrap_or("") {
            "csrf" => csrf = field.text().await.unwrap_or_default(),
            "organization_id" => org = field.text().await.unwrap_or_default(),
            "file" => {
                let bytes =
                    field.bytes().await.map_err(|e| req.err(crate::error::AppError::BadRequest(e.to_string())))?;
                text = String::from_utf8_lossy(&bytes).into_owned();
            }
            _ => {}
        }
    }
    req.viewer.check_csrf(&csrf).map_err(|e| req.err(e))?;
    let Ok(org) = org.parse::<Id>() else {
        return data_page(&s, &req, i, access, None, Some(req.t.get("data-choose-organization"))).await;
    };
    req.require(&access, access.can_submit_for(org))?;
    if text.trim().is_empty() {
        return data_page(&s, &req, i, access, None, Some(req.t.get("data-choose-file"))).await;
    }
    let indicators = s.store.indicators(i.id).await.map_err(|e| req.err(e))?;
    let geographies = s.store.geographies(i.id).await.map_err(|e| req.err(e))?;
    let dimensions = s.store.dimensions(i.id).await.map_err(|e| req.err(e))?;
    let catalog = Catalog::new(&indicators, &geographies, &dimensions);
    let report = backbone_core::measure::csv::CsvRows::new(text.as_bytes(), &catalog).report();
    data_page(&s, &req, i, access, Some((report, org, text)), None).await
}

/// Step 2: the checked file is imported, whole or only its valid rows, as the person chose.
async fn import(
    State(s): State<AppState>,
    req: Req,
    Path(slug): Path<String>,
    Form(f): Form<Vec<(String, String)>>,
) -> PageResult {
    let f = FormData::new(f);
    let (i, access) = req.initiative_member(&s, &slug).await?;
    req.viewer.check_csrf(f.get("csrf")).map_err(|e| req.err(e))?;
    let org: Id = f
        .get("organization_id")
        .parse()
        .map_err(|_| req.err(crate::error::AppError::BadRequest(req.t.get("data-choose-organization"))))?;
    req.require(&access, access.can_submit_for(org))?;
    let valid_only = f.get("valid_only") == "true";
    let draft = f.get("draft") == "true";
    match import_csv(&s, &req.viewer, &i, org, f.get("file").as_bytes(), valid_only, draft)
        .await
        .map_err(|e| req.err(e))?
    {
        Ok(result) => {
            let sm = result.summary.unwrap_or_default();
            let kind = if draft { "drafted" } else { "imported" };
            let notice = format!(
                "notice={kind}&added={}&revised={}&unchanged={}&kept={}&count={}",
                sm.added, sm.revised, sm.unchanged, sm.already_sent, sm.drafts_sent
            );
            Ok(Redirect::to(&format!("/i/{slug}/data?{notice}")).into_response())
        }
        Err(report) => data_page(&s, &req, i, access, Some((report, org, f.get("file").to_string())), None).await,
    }
}

/// A partner sends its drafts for review.
async fn send_drafts(
    State(s): State<AppState>,
    req: Req,
    Path(slug): Path<String>,
    Form(f): Form<Vec<(String, String)>>,
) -> PageResult {
    let form = FormData::new(f);
    let (i, access) = req.initiative_member(&s, &slug).await?;
    req.viewer.check_csrf(form.get("csrf")).map_err(|e| req.err(e))?;
    let Ok(org) = form.get("organization_id").parse::<Id>() else {
        return data_page(&s, &req, i, access, None, Some(req.t.get("data-choose-organization"))).await;
    };
    req.require(&access, access.can_submit_for(org))?;
    let sent = s.store.send_drafts(&req.viewer.actor(), i.id, org).await.map_err(|e| req.err(e))?;
    Ok(Redirect::to(&format!("/i/{slug}/data?notice=drafts-sent&count={sent}")).into_response())
}

async fn review(
    State(s): State<AppState>,
    req: Req,
    Path(slug): Path<String>,
    Form(f): Form<Vec<(String, String)>>,
) -> PageResult {
    let form = FormData::new(f);
    let (i, access) = req.initiative_member(&s, &slug).await?;
    req.require(&access, access.can_manage_measurement())?;
    req.viewer.check_csrf(form.get("csrf")).map_err(|e| req.err(e))?;
    let ids: Vec<Id> = form.all("observation").iter().filter_map(|v| v.parse().ok()).collect();
    if ids.is_empty() {
        return data_page(&s, &req, i, access, None, Some(req.t.get("review-choose"))).await;
    }
    let decision = match form.get("decision") {
        "approve" => Review::Approve,
        _ => Review::Return { reason: form.get("reason").to_string() },
    };
    match s.store.review_observations(&req.viewer.actor(), i.id, &ids, &decision).await {
        Ok(_) => Ok(Redirect::to(&format!("/i/{slug}/data?notice=reviewed")).into_response()),
        Err(e) => {
            let msg = crate::error::AppError::from(e)
                .field_errors()
                .first()
                .map(|f| f.reason.clone())
                .unwrap_or_else(|| req.t.get("error-internal"));
            data_page(&s, &req, i, access, None, Some(msg)).await
        }
    }
}

impl Req {
    /// The initiative, for its members only.
    async fn initiative_member(&self, s: &AppState, slug: &str) -> Result<(Initiative, Access), PageError> {
        let (i, a) = self.initiative(s, slug).await?;
        self.require(&a, a.is_member())?;
        Ok((i, a))
    }
}

// ---------------------------------------------------------------- defining indicators

#[derive(Template)]
#[template(path = "indicator_form.html")]
struct IndicatorFormPage {
    page: PageCtx,
    i: Initiative,
    /// The key when editing (it cannot change).
    editing: Option<String>,
    f: IndicatorFields,
    units: Vec<(String, String)>,
    directions: Vec<(String, String)>,
    period_kinds: Vec<(String, String)>,
    levels: Vec<(String, String)>,
    results: Vec<(String, String)>,
    organizations: Vec<(String, String)>,
    errors: crate::pages::Errors,
}

/// The form's fields as typed.
#[derive(Default)]
pub struct IndicatorFields {
    pub key: String,
    pub name: String,
    pub description: String,
    pub numerator_definition: String,
    pub denominator_definition: String,
    pub unit: String,
    pub direction: String,
    pub period_kind: String,
    pub source: String,
    pub level: String,
    pub result_key: String,
    pub owner_organization_id: String,
    pub baseline_period: String,
    /// One target per line: `2027-28: 60`.
    pub targets: String,
    pub suppression_threshold: String,
    /// Empty for the unit's default.
    pub min_gap_change: String,
    pub published: bool,
}

impl IndicatorFields {
    fn of(ind: &Indicator) -> Self {
        IndicatorFields {
            key: ind.key.clone(),
            name: ind.name.clone(),
            description: ind.description.clone(),
            numerator_definition: ind.numerator_definition.clone(),
            denominator_definition: ind.denominator_definition.clone(),
            unit: ind.unit.as_str().into(),
            direction: ind.direction.as_str().into(),
            period_kind: ind.period_kind.as_str().into(),
            source: ind.source.clone(),
            level: ind.level.as_str().into(),
            result_key: ind.result_key.clone().unwrap_or_default(),
            owner_organization_id: ind.owner_organization_id.map(|o| o.to_string()).unwrap_or_default(),
            baseline_period: ind.baseline_period.clone().unwrap_or_default(),
            targets: ind.targets.iter().map(|t| format!("{}: {}", t.period, t.value)).collect::<Vec<_>>().join("\n"),
            suppression_threshold: ind.suppression_threshold.to_string(),
            min_gap_change: ind.min_gap_change.map(|m| m.to_string()).unwrap_or_default(),
            published: ind.published,
        }
    }

    fn read(f: &FormData, key: Option<&str>) -> Self {
        let g = |n: &str| f.get(n).to_string();
        IndicatorFields {
            key: key.map(str::to_string).unwrap_or_else(|| g("key")),
            name: g("name"),
            description: g("description"),
            numerator_definition: g("numerator_definition"),
            denominator_definition: g("denominator_definition"),
            unit: g("unit"),
            direction: g("direction"),
            period_kind: g("period_kind"),
            source: g("source"),
            level: g("level"),
            result_key: g("result_key"),
            owner_organization_id: g("owner_organization_id"),
            baseline_period: g("baseline_period"),
            targets: g("targets"),
            suppression_threshold: g("suppression_threshold"),
            min_gap_change: g("min_gap_change"),
            published: f.checked("published"),
        }
    }

    /// The input these fields describe, or the problems found, named by field.
    fn input(&self, t: &crate::i18n::Tr) -> Result<IndicatorInput, crate::pages::Errors> {
        use backbone_core::measure::analytics::Direction;
        use backbone_core::measure::period::PeriodKind;
        let mut errors = crate::pages::Errors::default();
        let unit = Unit::parse(&self.unit);
        let direction = Direction::parse(&self.direction);
        let period_kind = PeriodKind::parse(&self.period_kind);
        let level = Level::parse(&self.level);
        for (ok, field) in [
            (unit.is_some(), "unit"),
            (direction.is_some(), "direction"),
            (period_kind.is_some(), "period_kind"),
            (level.is_some(), "level"),
        ] {
            if !ok {
                errors.add(field, t.get("choose-from-list"));
            }
        }
        let mut targets = Vec::new();
        for line in self.targets.lines().map(str::trim).filter(|l| !l.is_empty()) {
            match line.split_once(':').map(|(p, v)| (p.trim(), v.trim().trim_end_matches('%').parse::<f64>())) {
                Some((p, Ok(v))) => targets.push(Target { period: p.to_string(), value: v }),
                _ => errors.add("targets", t.with("targets-format", "line", line)),
            }
        }
        let threshold = self.suppression_threshold.trim().parse::<u32>().unwrap_or_else(|_| {
            errors.add("suppression_threshold", t.get("whole-number"));
            10
        });
        let min_gap_change = match self.min_gap_change.trim() {
            "" => None,
            v => v.parse::<f64>().map(Some).unwrap_or_else(|_| {
                errors.add("min_gap_change", t.get("a-number"));
                None
            }),
        };
        let owner = match self.owner_organization_id.as_str() {
            "" => None,
            v => v.parse().ok(),
        };
        let (Some(unit), Some(direction), Some(period_kind), Some(level)) = (unit, direction, period_kind, level)
        else {
            return Err(errors);
        };
        let input = IndicatorInput {
            key: self.key.trim().to_string(),
            name: self.name.clone(),
            description: self.description.clone(),
            numerator_definition: self.numerator_definition.clone(),
            denominator_definition: self.denominator_definition.clone(),
            unit,
            direction,
            period_kind,
            source: self.source.clone(),
            level,
            result_key: Some(self.result_key.clone()).filter(|k| !k.is_empty()),
            owner_organization_id: owner,
            baseline_period: Some(self.baseline_period.trim().to_string()).filter(|b| !b.is_empty()),
            targets,
            suppression_threshold: threshold,
            min_gap_change,
            published: self.published,
        };
        if let Err(inv) = input.validate() {
            for fe in inv.0 {
                let name = fe.field.split(['[', '.']).next().unwrap_or(&fe.field).to_string();
                errors.add(&name, fe.reason);
            }
        }
        if errors.is_empty() {
            Ok(input)
        } else {
            Err(errors)
        }
    }
}

async fn indicator_form(
    s: &AppState,
    req: &Req,
    i: Initiative,
    access: &Access,
    editing: Option<String>,
    f: IndicatorFields,
    errors: crate::pages::Errors,
) -> PageResult {
    use backbone_core::measure::analytics::Direction;
    use backbone_core::measure::period::PeriodKind;
    let e = |e| req.err(e);
    let t = req.t;
    let opts = |pairs: Vec<(&'static str, String)>| {
        pairs.into_iter().map(|(v, k)| (v.to_string(), t.get(&k))).collect::<Vec<_>>()
    };
    let mut results = vec![(String::new(), t.get("no-result"))];
    if let Some(a) = s.store.current_agenda(i.id).await.map_err(e)? {
        for r in a.results {
            results.push((r.key.clone(), r.title.clone()));
            for st in r.strategies {
                results.push((st.key.clone(), format!("— {}", st.title)));
            }
        }
    }
    let mut organizations = vec![(String::new(), t.get("no-owner"))];
    organizations.extend(s.store.organizations(i.id).await.map_err(e)?.into_iter().map(|o| (o.id.to_string(), o.name)));
    let title = match &editing {
        Some(_) => t.with("indicator-edit-title", "name", &f.name),
        None => t.get("indicator-new-title"),
    };
    let page = IndicatorFormPage {
        page: req.page(title, Some((&i, access)), "dashboard"),
        units: opts(Unit::ALL.iter().map(|u| (u.as_str(), u.label_key())).collect()),
        directions: opts(Direction::ALL.iter().map(|u| (u.as_str(), u.label_key())).collect()),
        period_kinds: opts(PeriodKind::ALL.iter().map(|u| (u.as_str(), u.label_key())).collect()),
        levels: opts(Level::ALL.iter().map(|u| (u.as_str(), u.label_key())).collect()),
        results,
        organizations,
        editing,
        f,
        errors,
        i,
    };
    let body = page.render().map_err(|e| req.err(e))?;
    let status =
        if page.errors.is_empty() { axum::http::StatusCode::OK } else { axum::http::StatusCode::UNPROCESSABLE_ENTITY };
    Ok((status, Html(body)).into_response())
}

async fn indicator_new(State(s): State<AppState>, req: Req, Path(slug): Path<String>) -> PageResult {
    let (i, access) = req.initiative_member(&s, &slug).await?;
    req.require(&access, access.can_manage_measurement())?;
    let f = IndicatorFields {
        unit: "percent".into(),
        direction: "up".into(),
        period_kind: "school_year".into(),
        level: "population".into(),
        suppression_threshold: "10".into(),
        ..Default::default()
    };
    indicator_form(&s, &req, i, &access, None, f, Default::default()).await
}

async fn indicator_create(
    State(s): State<AppState>,
    req: Req,
    Path(slug): Path<String>,
    Form(form): Form<Vec<(String, String)>>,
) -> PageResult {
    let form = FormData::new(form);
    let (i, access) = req.initiative_member(&s, &slug).await?;
    req.require(&access, access.can_manage_measurement())?;
    req.viewer.check_csrf(form.get("csrf")).map_err(|e| req.err(e))?;
    let f = IndicatorFields::read(&form, None);
    let errors = match f.input(&req.t) {
        Ok(input) => match s.store.create_indicator(&req.viewer.actor(), i.id, &input).await {
            Ok(ind) => {
                return Ok(Redirect::to(&format!("/i/{slug}/indicators/{}?notice=created", ind.key)).into_response())
            }
            Err(e) => crate::pages::Errors::from_store(e).map_err(|e| req.err(e))?,
        },
        Err(errors) => errors,
    };
    indicator_form(&s, &req, i, &access, None, f, errors).await
}

async fn indicator_edit(State(s): State<AppState>, req: Req, Path((slug, key)): Path<(String, String)>) -> PageResult {
    let (i, access) = req.initiative_member(&s, &slug).await?;
    req.require(&access, access.can_manage_measurement())?;
    let ind = s.store.indicator(i.id, &key).await.map_err(|e| req.err(e))?;
    indicator_form(&s, &req, i, &access, Some(key), IndicatorFields::of(&ind), Default::default()).await
}

async fn indicator_update(
    State(s): State<AppState>,
    req: Req,
    Path((slug, key)): Path<(String, String)>,
    Form(form): Form<Vec<(String, String)>>,
) -> PageResult {
    let form = FormData::new(form);
    let (i, access) = req.initiative_member(&s, &slug).await?;
    req.require(&access, access.can_manage_measurement())?;
    req.viewer.check_csrf(form.get("csrf")).map_err(|e| req.err(e))?;
    let f = IndicatorFields::read(&form, Some(&key));
    let errors = match f.input(&req.t) {
        Ok(input) => match s.store.update_indicator(&req.viewer.actor(), i.id, &key, &input).await {
            Ok(_) => return Ok(Redirect::to(&format!("/i/{slug}/indicators/{key}?notice=saved")).into_response()),
            Err(e) => crate::pages::Errors::from_store(e).map_err(|e| req.err(e))?,
        },
        Err(errors) => errors,
    };
    indicator_form(&s, &req, i, &access, Some(key), f, errors).await
}

// ---------------------------------------------------------------- places and dimensions

#[derive(Template)]
#[template(path = "data_setup.html")]
struct SetupPage {
    page: PageCtx,
    i: Initiative,
    places: String,
    dimensions: String,
    errors: crate::pages::Errors,
}

fn places_text(places: &[Geography]) -> String {
    places
        .iter()
        .map(|g| format!("{} | {} | {} | {}", g.code, g.name, g.level.as_str(), g.parent.clone().unwrap_or_default()))
        .collect::<Vec<_>>()
        .join("\n")
}

fn dimensions_text(dims: &[Dimension]) -> String {
    dims.iter().map(|d| format!("{} | {} | {}", d.key, d.name, d.values.join("; "))).collect::<Vec<_>>().join("\n")
}

/// Reads "code | name | level | parent" lines; problems are named by line.
fn parse_places(text: &str, t: &crate::i18n::Tr) -> Result<Vec<Geography>, String> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let parts: Vec<&str> = line.split('|').map(str::trim).collect();
        let level = parts.get(2).and_then(|l| GeoLevel::parse(l));
        match (parts.len(), level) {
            (3 | 4, Some(level)) if !parts[0].is_empty() && !parts[1].is_empty() => out.push(Geography {
                code: parts[0].to_string(),
                name: parts[1].to_string(),
                level,
                parent: parts.get(3).filter(|p| !p.is_empty()).map(|p| p.to_string()),
            }),
            _ => return Err(t.with2("setup-place-line", "line", n + 1, "text", line.trim())),
        }
    }
    Ok(out)
}

/// Reads "key | name | value; value; …" lines.
fn parse_dimensions(text: &str, t: &crate::i18n::Tr) -> Result<Vec<Dimension>, String> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let parts: Vec<&str> = line.split('|').map(str::trim).collect();
        if parts.len() != 3 || parts[0].is_empty() || parts[1].is_empty() {
            return Err(t.with2("setup-dimension-line", "line", n + 1, "text", line.trim()));
        }
        let values = parts[2].split(';').map(str::trim).filter(|v| !v.is_empty()).map(str::to_string).collect();
        out.push(Dimension { key: parts[0].to_string(), name: parts[1].to_string(), values });
    }
    Ok(out)
}

async fn setup_page(State(s): State<AppState>, req: Req, Path(slug): Path<String>) -> PageResult {
    let (i, access) = req.initiative_member(&s, &slug).await?;
    req.require(&access, access.can_manage_measurement())?;
    let places = places_text(&s.store.geographies(i.id).await.map_err(|e| req.err(e))?);
    let dimensions = dimensions_text(&s.store.dimensions(i.id).await.map_err(|e| req.err(e))?);
    let page = SetupPage {
        page: req.page(req.t.get("setup-title"), Some((&i, &access)), "data"),
        i,
        places,
        dimensions,
        errors: Default::default(),
    };
    render(&page, &req)
}

/// Saves one list (places or breakdowns), replacing it whole, in one transaction.
async fn setup_save(
    State(s): State<AppState>,
    req: Req,
    Path((slug, list)): Path<(String, String)>,
    Form(form): Form<Vec<(String, String)>>,
) -> PageResult {
    let form = FormData::new(form);
    let (i, access) = req.initiative_member(&s, &slug).await?;
    req.require(&access, access.can_manage_measurement())?;
    req.viewer.check_csrf(form.get("csrf")).map_err(|e| req.err(e))?;
    let mut errors = crate::pages::Errors::default();
    let saved = match list.as_str() {
        "places" => match parse_places(form.get("places"), &req.t) {
            Ok(places) => s.store.set_geographies(&req.viewer.actor(), i.id, &places).await.map_err(|e| ("places", e)),
            Err(msg) => {
                errors.add("places", msg);
                Ok(())
            }
        },
        "dimensions" => match parse_dimensions(form.get("dimensions"), &req.t) {
            Ok(dims) => s.store.set_dimensions(&req.viewer.actor(), i.id, &dims).await.map_err(|e| ("dimensions", e)),
            Err(msg) => {
                errors.add("dimensions", msg);
                Ok(())
            }
        },
        _ => return Err(req.err(crate::error::AppError::NotFound("page"))),
    };
    if let Err((field, e)) = saved {
        let e = crate::error::AppError::from(e);
        let reasons: Vec<String> = e.field_errors().into_iter().map(|f| format!("{}: {}", f.field, f.reason)).collect();
        if reasons.is_empty() {
            return Err(req.err(e));
        }
        errors.add(field, reasons.join("; "));
    }
    if errors.is_empty() {
        return Ok(Redirect::to(&format!("/i/{slug}/data/setup?notice=saved")).into_response());
    }
    // Show what was typed in the list that failed, and the saved version of the other.
    let (places, dimensions) = if list == "places" {
        (form.get("places").to_string(), dimensions_text(&s.store.dimensions(i.id).await.map_err(|e| req.err(e))?))
    } else {
        (places_text(&s.store.geographies(i.id).await.map_err(|e| req.err(e))?), form.get("dimensions").to_string())
    };
    let page = SetupPage {
        page: req.page(req.t.get("setup-title"), Some((&i, &access)), "data"),
        i,
        places,
        dimensions,
        errors,
    };
    let body = page.render().map_err(|e| req.err(e))?;
    Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, Html(body)).into_response())
}
