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
use crate::privacy::{is_small, protect, DisclosureRule, Margin, BOTTOM_CODE_PERCENT, TOP_CODE_PERCENT};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};

/// (period, place, groups) — one published cell.
pub type CellKey = (String, String, String);

/// What is withheld of one published cell; a cell not listed is shown whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Withheld {
    /// Nothing of it is shown.
    Everything,
    /// Under the n-size rule: only that the percentage is at least `TOP_CODE_PERCENT`.
    TopCoded,
    /// Under the n-size rule: only that the percentage is at most `BOTTOM_CODE_PERCENT`.
    BottomCoded,
}

impl Withheld {
    /// The stored name: `everything`, `top_coded`, `bottom_coded`.
    pub fn as_str(self) -> &'static str {
        match self {
            Withheld::Everything => "everything",
            Withheld::TopCoded => "top_coded",
            Withheld::BottomCoded => "bottom_coded",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "everything" => Some(Withheld::Everything),
            "top_coded" => Some(Withheld::TopCoded),
            "bottom_coded" => Some(Withheld::BottomCoded),
            _ => None,
        }
    }
}

/// The people a cell is about, whose number decides which shown cell is the cheapest to hide:
/// those a rate or an average is over (the denominator), else the count itself.
fn people(unit: Unit, c: &CellSum) -> u64 {
    let n = if unit.needs_denominator() { c.denominator.unwrap_or(0.0) } else { c.numerator };
    n.max(0.0).round() as u64
}

/// The primary rule for one cell: `Some` when it may not be shown whole on its own.
fn primary_withheld(indicator: &Indicator, c: &CellSum) -> Option<Withheld> {
    let t = u64::from(indicator.suppression_threshold.max(1));
    let whole = |x: f64| x.max(0.0).round() as u64;
    let n = whole(c.numerator);
    let d = c.denominator.map(whole);
    let small = |x: u64| is_small(x, t);
    let hidden = match (indicator.unit, d) {
        (Unit::Count, _) => small(n),
        (Unit::Percent | Unit::RatePer1000, Some(d)) => match indicator.disclosure_rule {
            DisclosureRule::BothSides => small(n) || small(d) || small(d.saturating_sub(n)),
            DisclosureRule::GroupSize => small(d),
        },
        // Averages are over people: only how many decides.
        (_, Some(d)) => small(d),
        (_, None) => false,
    };
    if hidden {
        return Some(Withheld::Everything);
    }
    if indicator.unit == Unit::Percent && indicator.disclosure_rule == DisclosureRule::GroupSize {
        if let Some(v) = value_of(indicator.unit, c.numerator, c.denominator) {
            if v >= TOP_CODE_PERCENT {
                return Some(Withheld::TopCoded);
            }
            if v <= BOTTOM_CODE_PERCENT {
                return Some(Withheld::BottomCoded);
            }
        }
    }
    None
}

/// What is withheld of each cell of an indicator (cells shown whole are not in it), by period,
/// place and groups; hashed with foldhash (millions of lookups when an initiative is published).
pub type Withholdings = HashMap<CellKey, Withheld, foldhash::fast::RandomState>;

/// What must be withheld from everyone but the data's owners, decided jointly for everything
/// that can be published for the indicator, period by period: the primary rule for each cell
/// (`DisclosureRule`), then complementary suppression over every linked margin — every place's
/// total over each dimension's groups, and every parent place over its children for the same
/// groups, wherever the published parts add up exactly to the published total.
///
/// A fully hidden cell hides its numerator and its denominator alike, and both add up over the
/// same margins, so protecting one protects the other (and those not counted, their
/// difference). A top- or bottom-coded cell shows its denominator but not its numerator: the
/// numerators are then protected on their own, and any further cell that takes is hidden whole.
pub fn withheld_cells(
    indicator: &Indicator,
    cells: &[CellSum],
    geographies: &[Geography],
    dimensions: &[Dimension],
) -> Withholdings {
    let children_of = children_of(geographies);
    let mut by_period: BTreeMap<&str, Vec<&CellSum>> = BTreeMap::new();
    for c in cells {
        by_period.entry(c.period.as_str()).or_default().push(c);
    }
    let mut withheld = Withholdings::default();
    for (period, cells) in by_period {
        let margins = margins_of(&cells, geographies, dimensions, &children_of);
        let first: Vec<Option<Withheld>> = cells.iter().map(|c| primary_withheld(indicator, c)).collect();
        let people: Vec<u64> = cells.iter().map(|c| people(indicator.unit, c)).collect();
        let mut hidden = protect(&people, first.iter().map(|w| *w == Some(Withheld::Everything)).collect(), &margins);
        let coded: Vec<bool> =
            first.iter().map(|w| matches!(w, Some(Withheld::TopCoded | Withheld::BottomCoded))).collect();
        if coded.iter().any(|c| *c) {
            let numerators: Vec<u64> = cells.iter().map(|c| c.numerator.max(0.0).round() as u64).collect();
            loop {
                let without_numerator: Vec<bool> = hidden.iter().zip(&coded).map(|(h, c)| *h || *c).collect();
                let protected = protect(&numerators, without_numerator.clone(), &margins);
                let more: Vec<usize> = (0..cells.len()).filter(|i| protected[*i] && !without_numerator[*i]).collect();
                if more.is_empty() {
                    break;
                }
                for i in more {
                    hidden[i] = true;
                }
                hidden = protect(&people, hidden, &margins);
            }
        }
        for (i, c) in cells.iter().enumerate() {
            let w = if hidden[i] { Some(Withheld::Everything) } else { first[i].filter(|_| coded[i]) };
            if let Some(w) = w {
                withheld.insert((period.to_string(), c.geography.clone(), c.groups.clone()), w);
            }
        }
    }
    withheld
}

/// The margins a viewer can know of one period's cells (see `withheld_cells`).
fn margins_of(
    cells: &[&CellSum],
    geographies: &[Geography],
    dimensions: &[Dimension],
    children_of: &BTreeMap<&str, Vec<&Geography>>,
) -> Vec<Margin> {
    let index: HashMap<(&str, &str), usize> =
        cells.iter().enumerate().map(|(i, c)| ((c.geography.as_str(), c.groups.as_str()), i)).collect();
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
    for (parent, children) in children_of {
        for gk in &group_keys {
            let Some(&total) = index.get(&(*parent, *gk)) else { continue };
            let parts: Vec<usize> =
                children.iter().filter_map(|c| index.get(&(c.code.as_str(), *gk)).copied()).collect();
            if parts.len() == children.len() && adds_up(&parts, total) {
                margins.push(Margin::new(parts, total));
            }
        }
    }
    margins
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
    /// Under the education n-size rule, a percentage shown only as a bound: `{"min": 95}` is
    /// "95 % or more", `{"max": 5}` is "5 % or less".
    pub range: Option<ValueRange>,
    /// A place made of smaller ones whose parts did not all report this period: how many did.
    /// Its own number cannot be shown until they all have.
    pub coverage: Option<Coverage>,
}

impl Point {
    fn empty(period: &str) -> Point {
        Point {
            period: period.into(),
            value: None,
            numerator: None,
            denominator: None,
            suppressed: false,
            range: None,
            coverage: None,
        }
    }
}

/// A value known only to lie in a range.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, utoipa::ToSchema)]
pub struct ValueRange {
    pub min: Option<f64>,
    pub max: Option<f64>,
}

/// How many of the places inside a place reported a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Coverage {
    pub reported: usize,
    pub of: usize,
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
    pub status: TrackStatus,
    /// (latest − baseline) / baseline.
    pub change_since_baseline: Option<f64>,
    pub trend: TrendRun,
    pub groups: Vec<GroupSeries>,
    /// A breakdown was asked for, but this place has no numbers by it (race by ZIP code, say).
    pub breakdown_missing: bool,
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
    let withheld = withheld_cells(indicator, cells, geographies, dimensions);
    assemble_view(indicator, cells, &withheld, geographies, dimensions, geography, dimension, reference)
}

/// Builds the view from cells whose disclosure was decided already (`withheld`), such as the
/// pre-aggregated published cells the store keeps. `cells` need only hold the place's own cells,
/// its groups and its children.
#[allow(clippy::too_many_arguments)]
pub fn assemble_view(
    indicator: &Indicator,
    cells: &[CellSum],
    withheld: &Withholdings,
    geographies: &[Geography],
    dimensions: &[Dimension],
    geography: &str,
    dimension: Option<&str>,
    reference: Reference,
) -> IndicatorView {
    let lookup: HashMap<(&str, &str, &str), &CellSum> =
        cells.iter().map(|c| ((c.period.as_str(), c.geography.as_str(), c.groups.as_str()), c)).collect();
    let children: Vec<&Geography> = geographies.iter().filter(|g| g.parent.as_deref() == Some(geography)).collect();
    // Every period the place or any place inside it has a number for: a period where only some
    // of its parts reported is shown (with how many did), not silently dropped.
    let mut periods: Vec<Period> = cells
        .iter()
        .filter(|c| c.groups.is_empty() && (c.geography == geography || children.iter().any(|g| g.code == c.geography)))
        .filter_map(|c| Period::parse(indicator.period_kind, &c.period).ok())
        .collect();
    periods.sort();
    periods.dedup();
    let labels: Vec<String> = periods.iter().map(|p| p.label()).collect();
    let point = |period: &str, geo: &str, groups: &str| -> Point {
        let key = (period.to_string(), geo.to_string(), groups.to_string());
        match (lookup.get(&(period, geo, groups)), withheld.get(&key)) {
            (None, _) => {
                let mut p = Point::empty(period);
                if geo == geography && groups.is_empty() && !children.is_empty() {
                    let reported =
                        children.iter().filter(|g| lookup.contains_key(&(period, g.code.as_str(), ""))).count();
                    if reported > 0 {
                        p.coverage = Some(Coverage { reported, of: children.len() });
                    }
                }
                p
            }
            (Some(_), Some(Withheld::Everything)) => Point { suppressed: true, ..Point::empty(period) },
            (Some(c), Some(coded)) => Point {
                denominator: c.denominator,
                range: Some(match coded {
                    Withheld::TopCoded => ValueRange { min: Some(TOP_CODE_PERCENT), max: None },
                    _ => ValueRange { min: None, max: Some(BOTTOM_CODE_PERCENT) },
                }),
                ..Point::empty(period)
            },
            (Some(c), None) => Point {
                value: value_of(indicator.unit, c.numerator, c.denominator),
                numerator: Some(c.numerator),
                denominator: c.denominator,
                ..Point::empty(period)
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
    // The forecast starts at the baseline and runs to the last target (or, with no target, to
    // the latest number): where the measure was heading then, over the years the targets cover.
    let horizon = last_target.or(periods.last().copied());
    let forecast = match (baseline, horizon) {
        (Some(b), Some(h)) => baseline_forecast(&actuals, b, 5, h)
            .unwrap_or_default()
            .into_iter()
            .filter(|(p, _)| *p >= b)
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
            .filter(|g| g.points.iter().any(|p| p.value.is_some() || p.suppressed || p.range.is_some()))
            .collect(),
        None => Vec::new(),
    };
    let breakdown_missing = dim.is_some() && groups.is_empty();

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
        suppressed_cells: withheld.keys().filter(|(_, g, _)| g == geography).count(),
        breakdown_missing,
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
            disclosure_rule: Default::default(),
            submitters: Vec::new(),
            min_gap_change: None,
            report_due_days: None,
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

    fn rate_cells(rows: &[(&str, &str, f64, f64)]) -> Vec<CellSum> {
        rows.iter().map(|(geo, groups, n, d)| cell("2023-24", geo, groups, *n, *d)).collect()
    }

    #[test]
    fn a_rate_is_hidden_when_few_are_counted_or_few_are_not() {
        // 2 of 165 names a handful of families; so does 163 of 165 (2 not counted).
        let ind = reading();
        for (n, hidden) in [(2.0, true), (163.0, true), (80.0, false), (0.0, false), (165.0, false)] {
            let cells = rate_cells(&[("town", "", n, 165.0)]);
            let w = withheld_cells(&ind, &cells, &places(), &race());
            assert_eq!(w.contains_key(&("2023-24".into(), "town".into(), String::new())), hidden, "{n} of 165");
        }
    }

    #[test]
    fn the_n_size_rule_looks_at_the_group_and_codes_the_extremes() {
        let mut ind = reading();
        ind.disclosure_rule = DisclosureRule::GroupSize;
        // A: 2 of 40 (5 %) is bottom-coded: its group size may show, its numerator may not. But
        // the total's numerator minus B's and C's would give it back (43 − 20 − 21 = 2), so the
        // numerators are protected as well, and then the group sizes: no number of A can be
        // worked out, whichever cells that takes.
        let cells = rate_cells(&[
            ("town", "", 43.0, 120.0),
            ("town", "race=A", 2.0, 40.0),
            ("town", "race=B", 20.0, 40.0),
            ("town", "race=C", 21.0, 40.0),
        ]);
        let w = withheld_cells(&ind, &cells, &places(), &race());
        let at = |g: &str| w.get(&("2023-24".to_string(), "town".to_string(), g.to_string())).copied();
        assert!(at("race=A").is_some(), "5 % of a group is never shown exactly");
        let margins = vec![Margin::new(vec![1, 2, 3], 0)];
        let numerator_hidden: Vec<bool> = ["", "race=A", "race=B", "race=C"].iter().map(|g| at(g).is_some()).collect();
        let size_hidden: Vec<bool> =
            ["", "race=A", "race=B", "race=C"].iter().map(|g| at(g) == Some(Withheld::Everything)).collect();
        assert!(crate::privacy::recoverable(&[43, 2, 20, 21], &numerator_hidden, &margins).is_empty());
        assert!(crate::privacy::recoverable(&[120, 40, 40, 40], &size_hidden, &margins).is_empty());
        assert_eq!(at(""), None, "the total is shown");
        let top = rate_cells(&[("town", "", 39.0, 40.0)]);
        let w = withheld_cells(&ind, &top, &places(), &race());
        assert_eq!(w.get(&("2023-24".into(), "town".into(), String::new())), Some(&Withheld::TopCoded));
        // Under the default rule the 2 of 40 is hidden outright instead.
        ind.disclosure_rule = DisclosureRule::BothSides;
        let w = withheld_cells(&ind, &cells, &places(), &race());
        assert_eq!(w.get(&("2023-24".into(), "town".into(), "race=A".into())), Some(&Withheld::Everything));
    }

    #[test]
    fn a_count_of_a_few_people_is_hidden() {
        let mut ind = reading();
        ind.unit = Unit::Count;
        let cells = vec![
            CellSum {
                period: "2023-24".into(),
                geography: "11111".into(),
                groups: String::new(),
                numerator: 3.0,
                denominator: None,
            },
            CellSum {
                period: "2023-24".into(),
                geography: "22222".into(),
                groups: String::new(),
                numerator: 40.0,
                denominator: None,
            },
        ];
        let w = withheld_cells(&ind, &cells, &places(), &race());
        assert!(w.contains_key(&("2023-24".into(), "11111".into(), String::new())));
    }

    #[test]
    fn a_place_whose_parts_did_not_all_report_says_so() {
        // Only ZIP 11111 reported 2023-24: the town's number is not shown, and the page says how
        // many of its ZIP codes reported instead of dropping the year.
        let cells = vec![cell("2022-23", "town", "", 50.0, 100.0), cell("2023-24", "11111", "", 30.0, 60.0)];
        let v = indicator_view(&reading(), &cells, &places(), &race(), "town", None, Reference::BestGroup);
        assert_eq!(v.periods, ["2022-23", "2023-24"]);
        let p = &v.series[1];
        assert_eq!(p.value, None);
        assert_eq!(p.coverage, Some(Coverage { reported: 1, of: 2 }));
    }

    #[test]
    fn a_breakdown_without_numbers_here_is_named() {
        let cells = vec![cell("2023-24", "11111", "", 30.0, 60.0)];
        let v = indicator_view(&reading(), &cells, &places(), &race(), "11111", Some("race"), Reference::BestGroup);
        assert!(v.breakdown_missing);
        let v = indicator_view(&reading(), &cells, &places(), &race(), "11111", None, Reference::BestGroup);
        assert!(!v.breakdown_missing);
    }

    #[test]
    fn the_forecast_runs_from_the_baseline_to_the_last_target() {
        let mut ind = reading();
        ind.baseline_period = Some("2019-20".into());
        ind.targets = vec![Target { period: "2021-22".into(), value: 40.0 }];
        let cells: Vec<CellSum> = (0..6)
            .map(|k| cell(&format!("{}-{:02}", 2016 + k, (17 + k) % 100), "town", "", 300.0 + 10.0 * k as f64, 1000.0))
            .collect();
        let v = indicator_view(&ind, &cells, &places(), &race(), "town", None, Reference::BestGroup);
        let periods: Vec<&str> = v.forecast.iter().map(|f| f.period.as_str()).collect();
        assert_eq!(periods, ["2019-20", "2020-21", "2021-22"]);
    }
}
