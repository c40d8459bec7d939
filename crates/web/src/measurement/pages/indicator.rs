//! An indicator's page: the chart with its baseline forecast and targets, the plain-language
//! summary, the data table by group, the equity gaps, the places inside this one, the CSV download.

use crate::http::csv::csv_response;
use crate::http::prelude::*;
use crate::measurement::view::*;
use axum::extract::Query;
use backbone_core::measure::analytics::Unit;
use backbone_core::measure::indicator::*;
use backbone_core::measure::observation::{ObservationQuery, ObservationStatus};
use backbone_core::measure::place::*;
use backbone_core::measure::view::{IndicatorView, Point, ValueRange};
use serde::Serialize;
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
#[template(path = "measurement/templates/indicator.html")]
struct IndicatorPage {
    page: PageCtx,
    i: Initiative,
    ind: Indicator,
    /// Its name and description in the reader's language.
    name: backbone_core::translations::Shown,
    description: backbone_core::translations::Shown,
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
    /// Corrections of published numbers waiting for review (shown to staff).
    pending_corrections: usize,
    download: String,
    /// The strategies and activities meant to move it.
    work: Vec<crate::activities::StrategyWork>,
    /// The commitments behind that work, for those who may see commitments.
    commitments: Option<Vec<crate::commitments::Listed>>,
    /// Whether the viewer follows it (for those who may follow indicators).
    following: Option<bool>,
    /// Tables' plans to turn its curve, beside the chart (for members).
    curve_plans: Option<Vec<backbone_core::turn_the_curve::CurvePlan>>,
    /// What people said about its numbers and what was done (`feedback`).
    said: Vec<crate::feedback::pages::Shown>,
}

impl IndicatorPage {
    fn unit_label(&self) -> String {
        self.page.t.get(&self.ind.unit.label_key())
    }
}

pub async fn indicator_page(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, key)): ApiPath<(String, String)>,
    Query(q): Query<std::collections::HashMap<String, String>>,
) -> PageResult {
    let e = |e| req.err(e);
    let ind = s.store.indicator(i.id, &key).await.map_err(e)?;
    if !access.can_view_indicator(ind.published) {
        return Err(req.err(AppError::NotFound("indicator")));
    }
    let params = ViewParams {
        geography: q.get("geography").filter(|g| !g.is_empty()).cloned(),
        dimension: q.get("dimension").filter(|d| !d.is_empty()).cloned(),
        reference: None,
    };
    let v = build_view(&s, &i, &ind, &params).await.map_err(|e| req.err(e))?;
    let work = crate::activities::work_on_indicator(&s, i.id, &ind).await.map_err(|e| req.err(e))?;
    let commitments = if access.can_view_commitments() {
        Some(crate::commitments::behind_indicator(&s, i.id, &ind, &work).await.map_err(|e| req.err(e))?)
    } else {
        None
    };
    let curve_plans =
        if access.can_view_curve_plans() { Some(s.store.curve_plans(i.id, &ind.key).await.map_err(e)?) } else { None };
    let following = match &req.viewer.user {
        Some(u) if access.can_follow() => {
            Some(s.store.followed_indicators(i.id, u.id).await.map_err(e)?.contains(&ind.key))
        }
        _ => None,
    };
    // Staff see that a correction is waiting: the page still shows the approved number.
    let pending_corrections = if access.can_manage_measurement() {
        let waiting = ObservationQuery {
            indicator: Some(ind.key.clone()),
            status: Some(ObservationStatus::Submitted),
            limit: 100_000,
            ..Default::default()
        };
        s.store.observations(i.id, &waiting).await.map_err(e)?.iter().filter(|o| o.correction_pending()).count()
    } else {
        0
    };
    let geographies = s.store.geographies(i.id).await.map_err(e)?;
    let dims = s.store.dimensions(i.id).await.map_err(e)?;
    let t = req.t;
    let f = |x: Option<f64>| x.map(|v| fmt_value(&t, ind.unit, v)).unwrap_or_default();

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
            (_, None) => fmt_value(&t, ind.unit, (now - then).abs()),
        };
        let key = if (now - then).abs() < 1e-9 {
            "summary-baseline-same"
        } else if better {
            "summary-baseline-better"
        } else {
            "summary-baseline-worse"
        };
        summary.push(t.with2(key, "baseline", format!("{b} ({})", fmt_value(&t, ind.unit, then)), "change", change));
    }
    if let Some(target) = &v.target {
        summary.push(t.with2(
            "summary-target",
            "period",
            &target.period,
            "value",
            fmt_value(&t, ind.unit, target.value),
        ));
    }
    if let Some(worst) = v.equity.iter().filter(|e| e.gap > 0.0).max_by(|a, b| a.gap.total_cmp(&b.gap)) {
        let gap = match ind.unit {
            Unit::Percent => format!("{:.1}", worst.gap),
            _ => fmt_value(&t, ind.unit, worst.gap),
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
    // A cell as people read it: its value, "under 10", "95% or more", or how many parts reported.
    let cell = |p: &Point| match (p.suppressed, p.range, p.coverage) {
        (true, ..) => t.get("suppressed"),
        (_, Some(ValueRange { min: Some(m), .. }), _) => t.with("value-at-least", "value", fmt_value(&t, ind.unit, m)),
        (_, Some(ValueRange { max: Some(m), .. }), _) => t.with("value-at-most", "value", fmt_value(&t, ind.unit, m)),
        (_, _, Some(c)) if p.value.is_none() => t.with2("value-partly-reported", "reported", c.reported, "of", c.of),
        _ => f(p.value),
    };
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
                fmt_value(&t, ind.unit, e.value),
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
            let href =
                format!("/i/{}/indicators/{key}?{}", i.slug, serde_urlencoded::to_string(&q).unwrap_or_default());
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
        format!("/i/{}/indicators/{key}/data.csv?{}", i.slug, serde_urlencoded::to_string(&query).unwrap_or_default());
    let mut dimensions = vec![(String::new(), t.get("dimension-none"))];
    dimensions.extend(dims.iter().map(|d| (d.key.clone(), d.name.clone())));
    let content = crate::translations::content(&s, &req, &i).await?;
    let (name, description) = (content.indicator_name(&ind), content.indicator_description(&ind));
    let page = IndicatorPage {
        page: req.page(name.text.clone(), Some((&i, &access)), "dashboard"),
        name,
        description,
        place_path,
        place_children,
        dimensions,
        selected_dimension: params.dimension.clone().unwrap_or_default(),
        chart,
        summary,
        rows,
        equity,
        place_rows,
        pending_corrections,
        download,
        work,
        commitments,
        following,
        curve_plans,
        said: if ind.published {
            crate::feedback::pages::said_about(&s, &req.t, i.id, &ind.key).await.map_err(|e| req.err(e))?
        } else {
            Vec::new()
        },
        i,
        ind,
        v,
    };
    render(&page, req.t)
}

pub async fn indicator_download(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, key)): ApiPath<(String, String)>,
    Query(params): Query<ViewParams>,
) -> PageResult {
    let ind = s.store.indicator(i.id, &key).await.map_err(|e| req.err(e))?;
    if !access.can_view_indicator(ind.published) {
        return Err(req.err(AppError::NotFound("indicator")));
    }
    let v = build_view(&s, &i, &ind, &params).await.map_err(|e| req.err(e))?;
    Ok(csv_response(&format!("{}-{}.csv", ind.key, v.geography), view_csv(&ind, &v).map_err(|e| req.err(e))?))
}
