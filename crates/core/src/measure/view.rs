//! What an indicator page shows, computed from approved numbers: the series for a place, the
//! baseline forecast, targets and status, the groups and places, and the equity gaps — after
//! small-cell suppression applied jointly to everything that can be published for the indicator,
//! so that no view can be subtracted from another to recover a hidden count.

use crate::measure::analytics::{
    baseline_forecast, change_since_baseline, gap_trend, gaps, track_status, trend_run, value_of, GapTrend, Reference,
    TrackStatus, TrendRun, Unit, DEFAULT_MIN_GAP_CHANGE_PER_YEAR,
};
use crate::measure::indicator::{Indicator, Target};
use crate::measure::observation::{parse_groups, CellSum};
use crate::measure::period::Period;
use crate::measure::place::{Dimension, Geography};
use crate::privacy::{suppress, Margin, SuppressionRule};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};

/// (period, place, groups) — one published cell.
pub type CellKey = (String, String, String);

/// The count that decides whether a cell may be shown: the people a rate or an average is over
/// (the denominator), else the count itself.
fn disclosure_count(unit: Unit, c: &CellSum) -> u64 {
    let n = if unit.needs_denominator() { c.denominator.unwrap_or(0.0) } else { c.numerator };
    n.max(0.0).round() as u64
}

/// The cells that must be hidden from everyone but the data's owners. Margins are every place's
/// total over each dimension's groups, and every parent place over its children for the same
/// groups — wherever the published parts add up exactly to the published total.
pub fn hidden_cells(
    indicator: &Indicator,
    cells: &[CellSum],
    geographies: &[Geography],
    dimensions: &[Dimension],
) -> HashSet<CellKey> {
    let rule = SuppressionRule { threshold: indicator.suppression_threshold.max(1) as u64, show_zero: true };
    let children_of = children_of(geographies);
    let mut by_period: BTreeMap<&str, Vec<&CellSum>> = BTreeMap::new();
    for c in cells {
        by_period.entry(c.period.as_str()).or_default().push(c);
    }
    let mut hidden = HashSet::new();
    for (period, cells) in by_period {
        let index: HashMap<(&str, &str), usize> =
            cells.iter().enumerate().map(|(i, c)| ((c.geography.as_str(), c.groups.as_str()), i)).collect();
        let counts: Vec<u64> = cells.iter().map(|c| disclosure_count(indicator.unit, c)).collect();
        let adds_up = |parts: &[usize], total: usize| {
            let sum = |f: &dyn Fn(&CellSum) -> f64| parts.iter().map(|i| f(cells[*i])).sum::<f64>();
            (sum(&|c| c.numerator) - cells[total].numerator).abs() < 1e-6
                && (sum(&|c| c.denominator.unwrap_or(0.0)) - cells[total].denominator.unwrap_or(0.0)).abs() < 1e-6
        };
        let mut margins = Vec::new();
        // A place's groups add up to its total.
        for g in geographies {
            let Some(&total) = index.get(&(g.code.as_str(), "")) else { continue };
            for d in dimensions {
                let parts: Vec<usize> = d
                    .values
                    .iter()
                    .filter_map(|v| index.get(&(g.code.as_str(), format!("{}={v}", d.key).as_str())).copied())
                    .collect();
                if !parts.is_empty() && adds_up(&parts, total) {
                    margins.push(Margin::new(parts, total));
                }
            }
        }
        // A parent's children add up to it, for every groups key.
        let group_keys: HashSet<&str> = cells.iter().map(|c| c.groups.as_str()).collect();
        for (parent, children) in &children_of {
            for gk in &group_keys {
                let Some(&total) = index.get(&(*parent, *gk)) else { continue };
                let parts: Vec<usize> =
                    children.iter().filter_map(|c| index.get(&(c.code.as_str(), *gk)).copied()).collect();
                if parts.len() == children.len() && adds_up(&parts, total) {
                    margins.push(Margin::new(parts, total));
                }
            }
        }
        for (i, h) in suppress(&counts, &margins, rule).into_iter().enumerate() {
            if h {
                hidden.insert((period.to_string(), cells[i].geography.clone(), cells[i].groups.clone()));
            }
        }
    }
    hidden
}

/// Each place that has places inside it, with those places (looked up once, not per parent: an
/// initiative may have thousands of places).
fn children_of(geographies: &[Geography]) -> BTreeMap<&str, Vec<&Geography>> {
    let known: HashSet<&str> = geographies.iter().map(|g| g.code.as_str()).collect();
    let mut out: BTreeMap<&str, Vec<&Geography>> = BTreeMap::new();
    for g in geographies {
        if let Some(p) = g.parent.as_deref().filter(|p| known.contains(p)) {
            out.entry(p).or_default().push(g);
        }
    }
    out
}

/// Adds the cells of places that have no numbers of their own but whose every child place has:
/// the parent's numerator and denominator are the sums of its children's (a rate is recomputed
/// from them, never averaged). Works upwards through the hierarchy, for every period and groups.
pub fn roll_up_places(cells: &mut Vec<CellSum>, geographies: &[Geography]) {
    let children_of = children_of(geographies);
    loop {
        let by_key: HashMap<(&str, &str, &str), &CellSum> =
            cells.iter().map(|c| ((c.period.as_str(), c.geography.as_str(), c.groups.as_str()), c)).collect();
        let keys: HashSet<(&str, &str)> = cells.iter().map(|c| (c.period.as_str(), c.groups.as_str())).collect();
        let mut added = Vec::new();
        for (parent, children) in &children_of {
            for (period, groups) in &keys {
                if by_key.contains_key(&(*period, *parent, *groups)) {
                    continue;
                }
                let parts: Option<Vec<&&CellSum>> =
                    children.iter().map(|c| by_key.get(&(*period, c.code.as_str(), *groups))).collect();
                if let Some(parts) = parts {
                    let (numerator, denominator) = crate::measure::analytics::roll_up(
                        &parts.iter().map(|c| (c.numerator, c.denominator)).collect::<Vec<_>>(),
                    );
                    added.push(CellSum {
                        period: period.to_string(),
                        geography: parent.to_string(),
                        groups: groups.to_string(),
                        numerator,
                        denominator,
                    });
                }
            }
        }
        if added.is_empty() {
            return;
        }
        cells.extend(added);
    }
}

/// One period's number as shown.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Point {
    pub period: String,
    pub value: Option<f64>,
    pub numerator: Option<f64>,
    pub denominator: Option<f64>,
    /// Hidden to protect privacy (a small count, or one that would reveal a small count).
    pub suppressed: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct GroupSeries {
    pub group: String,
    pub points: Vec<Point>,
}

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct PlacePoint {
    pub code: String,
    pub name: String,
    pub point: Point,
}

/// One group's gap from the reference in the latest period, and which way it has been going.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct EquityRow {
    pub group: String,
    pub value: f64,
    pub reference_value: f64,
    /// In the indicator's unit; positive means worse off.
    pub gap: f64,
    /// > 1 means worse off.
    pub ratio: Option<f64>,
    #[schema(value_type = String)]
    pub trend: GapTrend,
}

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct ForecastPoint {
    pub period: String,
    pub value: f64,
}

/// Everything the indicator page and its API show.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct IndicatorView {
    pub geography: String,
    pub geography_name: String,
    pub dimension: Option<String>,
    pub periods: Vec<String>,
    /// The place's value for everyone, period by period.
    pub series: Vec<Point>,
    /// Where the measure was heading at the baseline if nothing changed ("turn the curve").
    pub forecast: Vec<ForecastPoint>,
    pub latest: Option<Point>,
    pub target: Option<Target>,
    #[schema(value_type = String)]
    pub status: TrackStatus,
    /// (latest − baseline) / baseline.
    pub change_since_baseline: Option<f64>,
    #[schema(value_type = Object)]
    pub trend: TrendRun,
    pub groups: Vec<GroupSeries>,
    pub equity_reference: String,
    pub equity: Vec<EquityRow>,
    /// The places inside this one, in the latest period.
    pub places: Vec<PlacePoint>,
    pub suppressed_cells: usize,
}

/// Builds the view of `indicator` for one place and (optionally) one dimension.
pub fn indicator_view(
    indicator: &Indicator,
    cells: &[CellSum],
    geographies: &[Geography],
    dimensions: &[Dimension],
    geography: &str,
    dimension: Option<&str>,
    reference: Reference,
) -> IndicatorView {
    let mut cells = cells.to_vec();
    roll_up_places(&mut cells, geographies);
    let cells = &cells[..];
    let hidden = hidden_cells(indicator, cells, geographies, dimensions);
    assemble_view(indicator, cells, &hidden, geographies, dimensions, geography, dimension, reference)
}

/// Builds the view from cells whose suppression was decided already (`hidden`), such as the
/// pre-aggregated published cells the store keeps. `cells` need only hold the place's own cells,
/// its groups and its children.
#[allow(clippy::too_many_arguments)]
pub fn assemble_view(
    indicator: &Indicator,
    cells: &[CellSum],
    hidden: &HashSet<CellKey>,
    geographies: &[Geography],
    dimensions: &[Dimension],
    geography: &str,
    dimension: Option<&str>,
    reference: Reference,
) -> IndicatorView {
    let lookup: HashMap<(&str, &str, &str), &CellSum> =
        cells.iter().map(|c| ((c.period.as_str(), c.geography.as_str(), c.groups.as_str()), c)).collect();
    let mut periods: Vec<Period> = cells
        .iter()
        .filter(|c| c.geography == geography)
        .filter_map(|c| Period::parse(indicator.period_kind, &c.period).ok())
        .collect();
    periods.sort();
    periods.dedup();
    let labels: Vec<String> = periods.iter().map(|p| p.label()).collect();
    let point = |period: &str, geo: &str, groups: &str| -> Point {
        match lookup.get(&(period, geo, groups)) {
            None => Point { period: period.into(), value: None, numerator: None, denominator: None, suppressed: false },
            Some(_) if hidden.contains(&(period.to_string(), geo.to_string(), groups.to_string())) => {
                Point { period: period.into(), value: None, numerator: None, denominator: None, suppressed: true }
            }
            Some(c) => Point {
                period: period.into(),
                value: value_of(indicator.unit, c.numerator, c.denominator),
                numerator: Some(c.numerator),
                denominator: c.denominator,
                suppressed: false,
            },
        }
    };
    let series: Vec<Point> = labels.iter().map(|p| point(p, geography, "")).collect();
    let actuals: Vec<(Period, f64)> =
        periods.iter().zip(&series).filter_map(|(p, pt)| pt.value.map(|v| (*p, v))).collect();
    let latest = series.iter().rev().find(|p| p.value.is_some()).cloned();

    let baseline = indicator.baseline_period.as_deref().and_then(|b| Period::parse(indicator.period_kind, b).ok());
    let last_target =
        indicator.targets.iter().filter_map(|t| Period::parse(indicator.period_kind, &t.period).ok()).max();
    let horizon = [periods.last().copied(), last_target].into_iter().flatten().max();
    let forecast = match (baseline, horizon) {
        (Some(b), Some(h)) => baseline_forecast(&actuals, b, 5, h)
            .unwrap_or_default()
            .into_iter()
            .map(|(p, v)| ForecastPoint { period: p.label(), value: v })
            .collect(),
        _ => Vec::new(),
    };
    // The target for the latest period, or else the next one ahead.
    let latest_period = latest.as_ref().and_then(|l| Period::parse(indicator.period_kind, &l.period).ok());
    let mut targets: Vec<(Period, &Target)> = indicator
        .targets
        .iter()
        .filter_map(|t| Period::parse(indicator.period_kind, &t.period).ok().map(|p| (p, t)))
        .collect();
    targets.sort_by_key(|(p, _)| *p);
    let target = latest_period
        .and_then(|lp| targets.iter().find(|(p, _)| *p >= lp).or(targets.last()).map(|(_, t)| (*t).clone()));
    // On track: meets the target of the latest period, or — for a target ahead — the recent trend
    // (a line through the last five values) reaches it in time.
    let status = match (&latest, &target, latest_period) {
        (Some(l), Some(t), _) if t.period == l.period => track_status(l.value, Some(t.value), indicator.direction),
        (Some(l), Some(t), Some(lp)) => {
            let recent: Vec<(Period, f64)> = actuals.iter().rev().take(5).rev().copied().collect();
            let first = recent.first().map(|(p, _)| *p).unwrap_or(lp);
            let points: Vec<(f64, f64)> = recent.iter().map(|(p, v)| (p.years_since(first), *v)).collect();
            let projected =
                match (crate::measure::analytics::ols(&points), Period::parse(indicator.period_kind, &t.period)) {
                    (Some(line), Ok(tp)) if recent.len() >= 3 => Some(line.at(tp.years_since(first))),
                    _ => l.value,
                };
            track_status(projected, Some(t.value), indicator.direction)
        }
        (Some(l), None, _) => track_status(l.value, None, indicator.direction),
        _ => TrackStatus::NoData,
    };
    let baseline_value = baseline.and_then(|b| actuals.iter().find(|(p, _)| *p == b)).map(|(_, v)| *v);
    let change = match (latest.as_ref().and_then(|l| l.value), baseline_value) {
        (Some(now), Some(then)) => change_since_baseline(now, then),
        _ => None,
    };
    let trend = trend_run(&actuals.iter().map(|(_, v)| *v).collect::<Vec<_>>(), indicator.direction);

    // Groups of the chosen dimension at this place.
    let dim = dimension.and_then(|d| dimensions.iter().find(|x| x.key == d));
    let groups: Vec<GroupSeries> = match dim {
        Some(d) => d
            .values
            .iter()
            .map(|v| {
                let key = format!("{}={v}", d.key);
                GroupSeries { group: v.clone(), points: labels.iter().map(|p| point(p, geography, &key)).collect() }
            })
            .filter(|g| g.points.iter().any(|p| p.value.is_some() || p.suppressed))
            .collect(),
        None => Vec::new(),
    };

    // Equity in the latest period with visible values, and each gap's trend over the periods.
    let gap_at = |i: usize| -> Vec<crate::measure::analytics::Gap> {
        let visible: Vec<(String, f64)> =
            groups.iter().filter_map(|g| g.points[i].value.map(|v| (g.group.clone(), v))).collect();
        gaps(&visible, series[i].value, reference, indicator.direction)
    };
    let equity =
        match (0..labels.len()).rev().find(|i| groups.iter().filter(|g| g.points[*i].value.is_some()).count() >= 2) {
            None => Vec::new(),
            Some(last) => gap_at(last)
                .into_iter()
                .map(|g| {
                    let history: Vec<(Period, f64)> = (0..=last)
                        .filter_map(|i| gap_at(i).into_iter().find(|x| x.group == g.group).map(|x| (periods[i], x.gap)))
                        .collect();
                    let k = history.len().saturating_sub(1).min(3);
                    let min = indicator.min_gap_change.unwrap_or(if indicator.unit == Unit::Percent {
                        DEFAULT_MIN_GAP_CHANGE_PER_YEAR
                    } else {
                        0.0
                    });
                    EquityRow {
                        trend: gap_trend(&history, k, min),
                        group: g.group,
                        value: g.value,
                        reference_value: g.reference_value,
                        gap: g.gap,
                        ratio: g.ratio,
                    }
                })
                .collect(),
        };

    let places: Vec<PlacePoint> = match latest.as_ref().or(series.last()) {
        Some(l) => geographies
            .iter()
            .filter(|g| g.parent.as_deref() == Some(geography))
            .map(|g| PlacePoint { code: g.code.clone(), name: g.name.clone(), point: point(&l.period, &g.code, "") })
            .collect(),
        None => Vec::new(),
    };

    IndicatorView {
        geography: geography.to_string(),
        geography_name: geographies.iter().find(|g| g.code == geography).map(|g| g.name.clone()).unwrap_or_default(),
        dimension: dim.map(|d| d.key.clone()),
        periods: labels,
        series,
        forecast,
        latest,
        target,
        status,
        change_since_baseline: change,
        trend,
        groups,
        equity_reference: match reference {
            Reference::BestGroup => "best_group".into(),
            Reference::Whole => "whole".into(),
        },
        equity,
        places,
        suppressed_cells: hidden.iter().filter(|(_, g, _)| g == geography).count(),
    }
}

/// Groups text back into a map (for callers holding `CellSum::groups`).
pub fn groups_of(c: &CellSum) -> BTreeMap<String, String> {
    parse_groups(&c.groups).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::measure::analytics::Direction;
    use crate::measure::indicator::Level;
    use crate::measure::period::PeriodKind;
    use crate::measure::place::GeoLevel;

    fn reading() -> Indicator {
        Indicator {
            id: 1,
            initiative_id: 1,
            key: "third-grade-reading".into(),
            name: "Third-grade reading".into(),
            description: String::new(),
            numerator_definition: String::new(),
            denominator_definition: "Third graders tested".into(),
            unit: Unit::Percent,
            direction: Direction::Up,
            period_kind: PeriodKind::SchoolYear,
            source: String::new(),
            level: Level::Population,
            result_key: None,
            owner_organization_id: None,
            baseline_period: Some("2019-20".into()),
            targets: vec![Target { period: "2023-24".into(), value: 45.0 }],
            suppression_threshold: 10,
            min_gap_change: None,
            published: true,
            created_at: chrono::Utc::now(),
            updated_at: chrono::Utc::now(),
        }
    }

    fn cell(period: &str, geo: &str, groups: &str, n: f64, d: f64) -> CellSum {
        CellSum {
            period: period.into(),
            geography: geo.into(),
            groups: groups.into(),
            numerator: n,
            denominator: Some(d),
        }
    }

    fn places() -> Vec<Geography> {
        vec![
            Geography { code: "town".into(), name: "Town".into(), level: GeoLevel::Community, parent: None },
            Geography { code: "11111".into(), name: "North".into(), level: GeoLevel::Zip, parent: Some("town".into()) },
            Geography { code: "22222".into(), name: "South".into(), level: GeoLevel::Zip, parent: Some("town".into()) },
        ]
    }

    fn race() -> Vec<Dimension> {
        vec![Dimension { key: "race".into(), name: "Race".into(), values: vec!["A".into(), "B".into(), "C".into()] }]
    }

    #[test]
    fn a_small_group_is_hidden_with_a_complement_and_the_total_stays() {
        // 2023-24: A 40/100, B 30/90, C 3/6 (tiny) → total 73/196; ZIPs 50/120 + 23/76.
        let cells = vec![
            cell("2023-24", "town", "", 73.0, 196.0),
            cell("2023-24", "town", "race=A", 40.0, 100.0),
            cell("2023-24", "town", "race=B", 30.0, 90.0),
            cell("2023-24", "town", "race=C", 3.0, 6.0),
            cell("2023-24", "11111", "", 50.0, 120.0),
            cell("2023-24", "22222", "", 23.0, 76.0),
        ];
        let v = indicator_view(&reading(), &cells, &places(), &race(), "town", Some("race"), Reference::BestGroup);
        let shown = |g: &str| v.groups.iter().find(|x| x.group == g).unwrap().points[0].clone();
        assert!(shown("C").suppressed);
        assert!(shown("B").suppressed, "B (the smallest other group) hides C from subtraction");
        assert_eq!(shown("A").value, Some(40.0));
        assert_eq!(v.series[0].value, Some(73.0 / 196.0 * 100.0));
        assert_eq!(v.places.len(), 2);
        assert!(v.places.iter().all(|p| !p.point.suppressed));
        assert_eq!(v.status, TrackStatus::OffTrack, "37.2% is below the 45% target for 2023-24");
    }

    #[test]
    fn a_target_ahead_is_on_track_when_the_recent_trend_reaches_it() {
        // +2 points a year from 30% in 2019-20 to 38% in 2023-24 → 42% by 2025-26.
        let mut ind = reading();
        let cells: Vec<CellSum> = (0..5)
            .map(|k| cell(&format!("{}-{:02}", 2019 + k, (20 + k) % 100), "town", "", 300.0 + 20.0 * k as f64, 1000.0))
            .collect();
        ind.targets = vec![Target { period: "2025-26".into(), value: 42.0 }];
        let v = indicator_view(&ind, &cells, &places(), &race(), "town", None, Reference::BestGroup);
        assert_eq!(v.status, TrackStatus::OnTrack);
        ind.targets = vec![Target { period: "2025-26".into(), value: 45.0 }];
        let v = indicator_view(&ind, &cells, &places(), &race(), "town", None, Reference::BestGroup);
        assert_eq!(v.status, TrackStatus::OffTrack, "the trend reaches 42%, not 45%");
    }

    #[test]
    fn a_place_without_numbers_is_rolled_up_from_its_children() {
        let mut geos = places();
        geos.push(Geography {
            code: "33333".into(),
            name: "Far".into(),
            level: GeoLevel::Zip,
            parent: Some("east".into()),
        });
        geos.push(Geography { code: "east".into(), name: "East".into(), level: GeoLevel::District, parent: None });
        // Town's ZIPs 11111 (9/10) and 22222 (10/100): 19/110 = 17.3%, not the 50% average of 90% and 10%.
        let mut cells = vec![cell("2023-24", "11111", "", 9.0, 10.0), cell("2023-24", "22222", "", 10.0, 100.0)];
        roll_up_places(&mut cells, &geos);
        let town = cells.iter().find(|c| c.geography == "town").unwrap();
        assert_eq!((town.numerator, town.denominator), (19.0, Some(110.0)));
        assert!(cells.iter().all(|c| c.geography != "east"), "east's only child has no number");
    }

    #[test]
    fn whether_a_gap_is_narrowing_depends_on_the_indicators_minimum_change() {
        // B trails A by 20, 18.5, 17 and 15.5 points over four years: 1.5 points a year narrower.
        let mut cells = Vec::new();
        for k in 0..4 {
            let period = format!("{}-{:02}", 2020 + k, (21 + k) % 100);
            let b = 300.0 + 15.0 * k as f64;
            cells.push(cell(&period, "town", "race=A", 500.0, 1000.0));
            cells.push(cell(&period, "town", "race=B", b, 1000.0));
            cells.push(cell(&period, "town", "race=C", 450.0, 1000.0));
            cells.push(cell(&period, "town", "", 1250.0 + b, 3000.0));
        }
        let trend_of_b = |ind: &Indicator| {
            let v = indicator_view(ind, &cells, &places(), &race(), "town", Some("race"), Reference::BestGroup);
            v.equity.iter().find(|e| e.group == "B").unwrap().trend
        };
        let mut ind = reading();
        assert_eq!(trend_of_b(&ind), GapTrend::Narrowing, "the default for a percent is 1 point a year");
        ind.min_gap_change = Some(2.0);
        assert_eq!(trend_of_b(&ind), GapTrend::Stable, "1.5 points a year is under this indicator's 2");
    }

    #[test]
    fn an_average_score_is_hidden_by_the_people_it_is_over_not_by_its_size() {
        // One child scored 95 — a big number about one person; 299 others average 3.19.
        let mut ind = reading();
        ind.unit = Unit::Score;
        let cells = vec![
            cell("2023-24", "town", "", 1050.0, 300.0),
            cell("2023-24", "town", "race=A", 95.0, 1.0),
            cell("2023-24", "town", "race=B", 480.0, 150.0),
            cell("2023-24", "town", "race=C", 475.0, 149.0),
        ];
        let v = indicator_view(&ind, &cells, &places(), &race(), "town", Some("race"), Reference::BestGroup);
        let point = |g: &str| v.groups.iter().find(|x| x.group == g).unwrap().points[0].clone();
        assert!(point("A").suppressed, "one child's score is never shown");
        assert!(point("C").suppressed, "nor can it be worked out from the others and the total");
        assert_eq!(v.series[0].value, Some(3.5), "everyone: 1,050 points over 300 children");
    }

    #[test]
    fn the_forecast_extends_the_baseline_trend_to_the_target_year() {
        // 30, 32, 34 for 2017-18..2019-20 → +2 a year → 42 in 2023-24.
        let cells = vec![
            cell("2017-18", "town", "", 300.0, 1000.0),
            cell("2018-19", "town", "", 320.0, 1000.0),
            cell("2019-20", "town", "", 340.0, 1000.0),
            cell("2020-21", "town", "", 330.0, 1000.0),
        ];
        let v = indicator_view(&reading(), &cells, &places(), &race(), "town", None, Reference::BestGroup);
        let last = v.forecast.last().unwrap();
        assert_eq!(last.period, "2023-24");
        assert!((last.value - 42.0).abs() < 1e-9, "{}", last.value);
        assert_eq!(v.change_since_baseline.map(|c| (c * 1000.0).round()), Some(-29.0), "33 vs 34: −2.9%");
    }
}
