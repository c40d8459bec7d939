//! Results-Based Accountability figures (handbook §2) and equity analytics (handbook §3).
//!
//! Values are `f64` in the indicator's unit: a percent is 17.27, not 0.1727. Fractions that
//! compare two values (variance from target, change since baseline) are plain fractions: 0.1 is
//! 10 %. Inputs are assumed finite; a division by zero gives `None`, never infinity.

use super::period::Period;
use crate::vocabulary::vocabulary as measure_vocabulary;
use serde::Serialize;

measure_vocabulary! {
    /// What an indicator's value counts.
    Unit {
        /// Numerator / denominator × 100.
        Percent => "percent",
        /// Numerator / denominator × 1,000.
        RatePer1000 => "rate_per_1000",
        /// A number of people, events, ...: the numerator itself.
        Count => "count",
        /// An amount of money per person: the total amount / the people it is about.
        Currency => "currency",
        /// An average score: the sum of the scores / the people scored.
        Score => "score",
    }
}

measure_vocabulary! {
    /// Which way is better for an indicator.
    Direction {
        /// Higher is better (3rd-grade reading).
        Up => "up",
        /// Lower is better (teen births).
        Down => "down",
    }
}

impl Direction {
    /// Whether `a` is better than `b` in this direction (equal is not better).
    pub fn better(self, a: f64, b: f64) -> bool {
        match self {
            Direction::Up => a > b,
            Direction::Down => a < b,
        }
    }
}

/// The value of a measure from its numerator and denominator: a percent is n / d × 100, a rate
/// per 1,000 is n / d × 1,000, an amount or a score is the average per person, n / d, and a
/// count is the numerator itself. Averages are kept as sums and people, so that rolling places
/// or groups up (Σn / Σd) weighs every person equally, as for rates.
/// `None` when a denominator is needed but missing or zero.
pub fn value_of(unit: Unit, numerator: f64, denominator: Option<f64>) -> Option<f64> {
    let scale = match unit {
        Unit::Percent => 100.0,
        Unit::RatePer1000 => 1000.0,
        Unit::Currency | Unit::Score => 1.0,
        Unit::Count => return Some(numerator),
    };
    match denominator {
        Some(d) if d != 0.0 => Some(numerator / d * scale),
        _ => None,
    }
}

/// Combines several groups or geographies into one: Σ numerators and Σ denominators, so that
/// [`value_of`] on the result weighs every person equally. Never average percentages.
///
/// The denominator is `None` unless every cell has one (and there is at least one cell).
pub fn roll_up(cells: &[(f64, Option<f64>)]) -> (f64, Option<f64>) {
    let numerator = cells.iter().map(|(n, _)| n).sum();
    let denominator = if cells.is_empty() { None } else { cells.iter().map(|(_, d)| *d).sum() };
    (numerator, denominator)
}

/// A straight line y = slope × x + intercept.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Line {
    /// Change of y per unit of x.
    pub slope: f64,
    /// y at x = 0.
    pub intercept: f64,
}

impl Line {
    /// y at `x`.
    pub fn at(self, x: f64) -> f64 {
        self.slope * x + self.intercept
    }
}

/// Ordinary least squares: the line minimising the squared vertical distances to `points`.
/// `None` for fewer than two points or when every x is the same.
pub fn ols(points: &[(f64, f64)]) -> Option<Line> {
    if points.len() < 2 {
        return None;
    }
    let n = points.len() as f64;
    let mean_x = points.iter().map(|(x, _)| x).sum::<f64>() / n;
    let mean_y = points.iter().map(|(_, y)| y).sum::<f64>() / n;
    let sxx: f64 = points.iter().map(|(x, _)| (x - mean_x).powi(2)).sum();
    let sxy: f64 = points.iter().map(|(x, y)| (x - mean_x) * (y - mean_y)).sum();
    if sxx == 0.0 {
        return None;
    }
    let slope = sxy / sxx;
    Some(Line { slope, intercept: mean_y - slope * mean_x })
}

/// The fewest points a baseline forecast is drawn from: two points make a line, not a trend.
pub const MIN_BASELINE_POINTS: usize = 3;

/// "Turn the curve": where the measure goes if we do nothing differently.
///
/// Fits [`ols`] to the last `window` actuals up to and including `baseline_end` (x = years since
/// the first of them) and projects that line onto every period from the first fitted one through
/// `through`. `None` when `window` or the actuals available are fewer than
/// [`MIN_BASELINE_POINTS`], when the periods are not all of one kind, or when `through` is before
/// the first fitted period. Actuals may come in any order; several values for one period are all
/// fitted.
pub fn baseline_forecast(
    actuals: &[(Period, f64)],
    baseline_end: Period,
    window: usize,
    through: Period,
) -> Option<Vec<(Period, f64)>> {
    if window < MIN_BASELINE_POINTS {
        return None;
    }
    let kind = baseline_end.kind;
    if through.kind != kind || actuals.iter().any(|(p, _)| p.kind != kind) {
        return None;
    }
    let mut baseline: Vec<(Period, f64)> = actuals.iter().copied().filter(|(p, _)| *p <= baseline_end).collect();
    baseline.sort_by_key(|(p, _)| *p);
    let fitted = &baseline[baseline.len().saturating_sub(window)..];
    if fitted.len() < MIN_BASELINE_POINTS {
        return None;
    }
    let first = fitted[0].0;
    let points: Vec<(f64, f64)> = fitted.iter().map(|(p, v)| (p.years_since(first), *v)).collect();
    let line = ols(&points)?;
    let forecast: Vec<(Period, f64)> =
        first.through(through).into_iter().map(|p| (p, line.at(p.years_since(first)))).collect();
    if forecast.is_empty() {
        None
    } else {
        Some(forecast)
    }
}

measure_vocabulary! {
    /// Where a measure stands against its target.
    TrackStatus {
        /// The actual meets or beats the target.
        OnTrack => "on_track",
        /// The actual falls short of the target.
        OffTrack => "off_track",
        /// There is an actual but no target.
        NoTarget => "no_target",
        /// There is no actual for the period.
        NoData => "no_data",
    }
}

/// Whether `actual` meets or beats `target` in the desired direction. Meeting the target exactly
/// is on track. No actual is [`TrackStatus::NoData`], whether or not there is a target.
pub fn track_status(actual: Option<f64>, target: Option<f64>, direction: Direction) -> TrackStatus {
    match (actual, target) {
        (None, _) => TrackStatus::NoData,
        (Some(_), None) => TrackStatus::NoTarget,
        (Some(a), Some(t)) if a == t || direction.better(a, t) => TrackStatus::OnTrack,
        (Some(_), Some(_)) => TrackStatus::OffTrack,
    }
}

/// (actual − target) / target, as a fraction (0.1 = 10 % above target). Not signed by direction:
/// above the target is positive whichever way is better. `None` when the target is zero.
pub fn variance_from_target(actual: f64, target: f64) -> Option<f64> {
    relative_change(target, actual)
}

/// (current − baseline) / baseline, as a fraction (−0.25 = a quarter lower than the baseline).
/// `None` when the baseline is zero.
pub fn change_since_baseline(current: f64, baseline: f64) -> Option<f64> {
    relative_change(baseline, current)
}

fn relative_change(from: f64, to: f64) -> Option<f64> {
    if from == 0.0 {
        None
    } else {
        Some((to - from) / from)
    }
}

measure_vocabulary! {
    /// Which way a measure has been moving, judged by the desired direction.
    TrendDirection {
        /// Moving the desired way.
        Better => "better",
        /// Moving the wrong way.
        Worse => "worse",
        /// Not moving.
        Flat => "flat",
    }
}

/// How long the current trend has lasted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct TrendRun {
    /// Which way the latest change went.
    pub direction: TrendDirection,
    /// How many consecutive period-to-period changes, ending with the latest, went that way.
    pub periods: usize,
}

/// The scorecard's "trend for N periods": how many consecutive most-recent changes in `series`
/// (values in period order, one per period) went the same way as the latest. Fewer than two
/// values give a flat run of 0. Flat means exactly equal values.
pub fn trend_run(series: &[f64], direction: Direction) -> TrendRun {
    let step = |pair: &[f64]| {
        let (before, after) = (pair[0], pair[1]);
        if direction.better(after, before) {
            TrendDirection::Better
        } else if direction.better(before, after) {
            TrendDirection::Worse
        } else {
            TrendDirection::Flat
        }
    };
    let mut steps = series.windows(2).rev().map(step);
    let Some(latest) = steps.next() else {
        return TrendRun { direction: TrendDirection::Flat, periods: 0 };
    };
    TrendRun { direction: latest, periods: 1 + steps.take_while(|s| *s == latest).count() }
}

measure_vocabulary! {
    /// What a group is compared with.
    Reference {
        /// The group with the best value in the desired direction (the default).
        BestGroup => "best_group",
        /// The whole population.
        Whole => "whole",
    }
}

/// One group's distance from the reference.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Gap {
    /// The group's name.
    pub group: String,
    /// The group's value.
    pub value: f64,
    /// The reference's value.
    pub reference_value: f64,
    /// The difference in the indicator's unit, signed so that positive means worse off: value −
    /// reference when lower is better, reference − value when higher is better.
    pub gap: f64,
    /// The disparity ratio, > 1 meaning worse off: value / reference when lower is better,
    /// reference / value when higher is better. `None` when that divides by zero.
    pub ratio: Option<f64>,
}

/// Each group's gap from the reference, in the order given. The best group (first of equals) has
/// gap 0 and ratio 1. Empty when the reference is [`Reference::Whole`] and `whole` is `None`, or
/// when there are no groups.
pub fn gaps(groups: &[(String, f64)], whole: Option<f64>, reference: Reference, direction: Direction) -> Vec<Gap> {
    let best = groups
        .iter()
        .enumerate()
        .reduce(|best, g| if direction.better(g.1 .1, best.1 .1) { g } else { best })
        .map(|(i, _)| i);
    let (reference_value, best) = match (reference, best) {
        (_, None) => return Vec::new(),
        (Reference::BestGroup, Some(i)) => (groups[i].1, Some(i)),
        (Reference::Whole, Some(_)) => match whole {
            Some(w) => (w, None),
            None => return Vec::new(),
        },
    };
    groups
        .iter()
        .enumerate()
        .map(|(i, (group, value))| {
            let (gap, ratio) = if best == Some(i) {
                (0.0, Some(1.0))
            } else {
                let (worse, better) = match direction {
                    Direction::Down => (*value, reference_value),
                    Direction::Up => (reference_value, *value),
                };
                (worse - better, if better == 0.0 { None } else { Some(worse / better) })
            };
            Gap { group: group.clone(), value: *value, reference_value, gap, ratio }
        })
        .collect()
}

measure_vocabulary! {
    /// How a gap has been changing.
    GapTrend {
        /// The gap is getting smaller.
        Narrowing => "narrowing",
        /// The gap is getting larger.
        Widening => "widening",
        /// The gap is changing by less than the minimum meaningful change.
        Stable => "stable",
        /// There are not enough periods to say.
        NotEnoughData => "not_enough_data",
    }
}

/// The default minimum meaningful change of a gap in percents: 1 percentage point per year.
pub const DEFAULT_MIN_GAP_CHANGE_PER_YEAR: f64 = 1.0;

/// Whether a gap is narrowing or widening: compares the gap `k` values back (in period order)
/// with the latest. Change per year = (|latest| − |earlier|) / years between them; below
/// `min_change_per_year` in size it is stable.
///
/// The size of the gap is compared, not its sign: against the whole population a group can be
/// better off (a negative gap), and moving further ahead of the whole is a widening gap too.
/// [`GapTrend::NotEnoughData`] when `k` is 0, there are not more than `k` values, or the two
/// periods compared are the same.
pub fn gap_trend(gap_series: &[(Period, f64)], k: usize, min_change_per_year: f64) -> GapTrend {
    if k == 0 || gap_series.len() <= k {
        return GapTrend::NotEnoughData;
    }
    let mut series = gap_series.to_vec();
    series.sort_by_key(|(p, _)| *p);
    let (then, earlier) = series[series.len() - 1 - k];
    let (now, latest) = series[series.len() - 1];
    let years = now.years_since(then);
    if years <= 0.0 {
        return GapTrend::NotEnoughData;
    }
    let per_year = (latest.abs() - earlier.abs()) / years;
    if per_year.abs() < min_change_per_year {
        GapTrend::Stable
    } else if per_year < 0.0 {
        GapTrend::Narrowing
    } else {
        GapTrend::Widening
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    fn sy(y: i32) -> Period {
        Period::school_year(y)
    }

    #[test]
    fn vocabularies_are_stored_by_snake_case_names() {
        assert_eq!(Unit::RatePer1000.as_str(), "rate_per_1000");
        assert_eq!(Unit::parse("percent"), Some(Unit::Percent));
        assert_eq!(Direction::parse("down"), Some(Direction::Down));
        assert_eq!(serde_json::to_string(&TrackStatus::OffTrack).unwrap(), "\"off_track\"");
        assert_eq!(serde_json::to_string(&GapTrend::NotEnoughData).unwrap(), "\"not_enough_data\"");
        assert_eq!(serde_json::from_str::<Reference>("\"best_group\"").unwrap(), Reference::BestGroup);
        assert_eq!(Unit::Percent.label_key(), "unit-percent");
    }

    #[test]
    fn a_value_is_a_rate_or_the_numerator_itself() {
        // 45 of 60 children read at grade level: 45 / 60 × 100 = 75 %.
        assert_eq!(value_of(Unit::Percent, 45.0, Some(60.0)), Some(75.0));
        // 12 births to 4,000 teens: 12 / 4000 × 1000 = 3 per 1,000.
        assert_eq!(value_of(Unit::RatePer1000, 12.0, Some(4000.0)), Some(3.0));
        assert_eq!(value_of(Unit::Count, 312.0, None), Some(312.0));
        // $350,000 earned by 14 program graduates: $25,000 each.
        assert_eq!(value_of(Unit::Currency, 350_000.0, Some(14.0)), Some(25_000.0));
        // Readiness scores summing to 1,050 for 300 kindergartners: 3.5 on average.
        assert_eq!(value_of(Unit::Score, 1_050.0, Some(300.0)), Some(3.5));
        assert_eq!(value_of(Unit::Score, 3.5, None), None, "an average needs the people it is over");
        assert_eq!(value_of(Unit::Percent, 5.0, Some(0.0)), None, "no one to take a percent of");
        assert_eq!(value_of(Unit::RatePer1000, 5.0, None), None);
    }

    #[test]
    fn a_roll_up_sums_numerators_and_denominators_and_never_averages_percentages() {
        // 9 of 10 (90 %) and 10 of 100 (10 %): together 19 of 110 = 17.27 %, not (90 + 10) / 2 = 50 %.
        let (n, d) = roll_up(&[(9.0, Some(10.0)), (10.0, Some(100.0))]);
        assert_eq!((n, d), (19.0, Some(110.0)));
        let v = value_of(Unit::Percent, n, d).unwrap();
        assert!(close(v, 1900.0 / 110.0) && (v - 17.27).abs() < 0.005, "{v}");
        assert_eq!(roll_up(&[(3.0, None), (4.0, None)]), (7.0, None), "counts add up");
        assert_eq!(roll_up(&[(3.0, Some(10.0)), (4.0, None)]), (7.0, None), "a missing denominator spoils the rate");
        assert_eq!(roll_up(&[]), (0.0, None));
    }

    #[test]
    fn least_squares_line() {
        // (0, 1), (1, 3), (2, 5) lie on y = 2x + 1.
        assert_eq!(ols(&[(0.0, 1.0), (1.0, 3.0), (2.0, 5.0)]), Some(Line { slope: 2.0, intercept: 1.0 }));
        // (0, 0), (1, 2), (2, 1): x̄ = 1, ȳ = 1, Sxy = (−1)(−1) + 0 + (1)(0) = 1, Sxx = 2:
        // slope 0.5, intercept 1 − 0.5 = 0.5.
        let line = ols(&[(0.0, 0.0), (1.0, 2.0), (2.0, 1.0)]).unwrap();
        assert!(close(line.slope, 0.5) && close(line.intercept, 0.5));
        assert!(close(line.at(4.0), 2.5));
        assert_eq!(ols(&[(1.0, 1.0)]), None, "one point");
        assert_eq!(ols(&[(1.0, 1.0), (1.0, 2.0), (1.0, 3.0)]), None, "a vertical line");
    }

    #[test]
    fn the_baseline_forecast_extends_the_trend_of_the_last_window() {
        // Reading at grade level: 2015-16 is outside the window; 2016-17..2018-19 rise 40, 42, 47.
        // x = 0, 1, 2; x̄ = 1, ȳ = 43; Sxy = (−1)(−3) + 0 + (1)(4) = 7; Sxx = 2:
        // slope 3.5 points per year, intercept 43 − 3.5 = 39.5.
        // 2020-21 (actual 60) is after the baseline and is not fitted.
        let actuals = [(sy(2015), 10.0), (sy(2017), 42.0), (sy(2016), 40.0), (sy(2018), 47.0), (sy(2020), 60.0)];
        let f = baseline_forecast(&actuals, sy(2018), 3, sy(2021)).unwrap();
        let expected = [(2016, 39.5), (2017, 43.0), (2018, 46.5), (2019, 50.0), (2020, 53.5), (2021, 57.0)];
        assert_eq!(f.len(), expected.len());
        for ((p, v), (y, e)) in f.iter().zip(expected) {
            assert_eq!(*p, sy(y));
            assert!(close(*v, e), "{p}: {v} ≠ {e}");
        }
    }

    #[test]
    fn a_quarterly_forecast_counts_x_in_years() {
        // 2020-Q1..Q4: 10, 11, 12, 13 — one point per quarter, so 4 points per year: slope 4 a year.
        let q = |n| Period::quarter(2020, n);
        let actuals = [(q(1), 10.0), (q(2), 11.0), (q(3), 12.0), (q(4), 13.0)];
        let f = baseline_forecast(&actuals, q(4), 8, Period::quarter(2021, 1)).unwrap();
        assert_eq!(f.len(), 5, "all four fitted quarters (window 8 is more than there are) and 2021-Q1");
        assert!(close(f[4].1, 14.0));
    }

    #[test]
    fn no_forecast_from_too_little_or_mixed_data() {
        let actuals = [(sy(2016), 40.0), (sy(2017), 42.0), (sy(2018), 47.0)];
        assert!(baseline_forecast(&actuals, sy(2018), 2, sy(2020)).is_none(), "a window of 2 is not a trend");
        assert!(baseline_forecast(&actuals, sy(2017), 3, sy(2020)).is_none(), "only 2 points up to 2017-18");
        assert!(baseline_forecast(&actuals, sy(2018), 3, Period::calendar_year(2020)).is_none(), "kinds differ");
        assert!(baseline_forecast(&actuals, sy(2018), 3, sy(2015)).is_none(), "through is before the baseline");
    }

    #[test]
    fn on_track_means_meeting_or_beating_the_target_in_the_desired_direction() {
        assert_eq!(track_status(Some(72.0), Some(70.0), Direction::Up), TrackStatus::OnTrack);
        assert_eq!(track_status(Some(70.0), Some(70.0), Direction::Up), TrackStatus::OnTrack);
        assert_eq!(track_status(Some(68.0), Some(70.0), Direction::Up), TrackStatus::OffTrack);
        // Teen births per 1,000: 18 against a target of 20 is better.
        assert_eq!(track_status(Some(18.0), Some(20.0), Direction::Down), TrackStatus::OnTrack);
        assert_eq!(track_status(Some(22.0), Some(20.0), Direction::Down), TrackStatus::OffTrack);
        assert_eq!(track_status(Some(22.0), None, Direction::Down), TrackStatus::NoTarget);
        assert_eq!(track_status(None, Some(20.0), Direction::Down), TrackStatus::NoData);
    }

    #[test]
    fn variance_from_target_and_change_since_baseline() {
        // (66 − 60) / 60 = 0.1: 10 % above target.
        assert!(close(variance_from_target(66.0, 60.0).unwrap(), 0.1));
        // (45 − 60) / 60 = −0.25.
        assert!(close(variance_from_target(45.0, 60.0).unwrap(), -0.25));
        assert_eq!(variance_from_target(5.0, 0.0), None);
        // From a baseline of 40 to 50: (50 − 40) / 40 = 0.25.
        assert!(close(change_since_baseline(50.0, 40.0).unwrap(), 0.25));
        assert_eq!(change_since_baseline(50.0, 0.0), None);
    }

    #[test]
    fn a_trend_run_counts_the_latest_changes_that_went_the_same_way() {
        // 50 → 48 worse, then 48 → 52 → 55 → 58: three better changes in a row.
        let run = trend_run(&[50.0, 48.0, 52.0, 55.0, 58.0], Direction::Up);
        assert_eq!(run, TrendRun { direction: TrendDirection::Better, periods: 3 });
        // The same numbers for teen births (lower is better): three worse changes.
        let run = trend_run(&[50.0, 48.0, 52.0, 55.0, 58.0], Direction::Down);
        assert_eq!(run, TrendRun { direction: TrendDirection::Worse, periods: 3 });
        let run = trend_run(&[40.0, 41.0, 41.0, 41.0], Direction::Up);
        assert_eq!(run, TrendRun { direction: TrendDirection::Flat, periods: 2 });
        assert_eq!(trend_run(&[40.0], Direction::Up), TrendRun { direction: TrendDirection::Flat, periods: 0 });
        assert_eq!(trend_run(&[], Direction::Up).periods, 0);
    }

    fn groups(v: &[(&str, f64)]) -> Vec<(String, f64)> {
        v.iter().map(|(g, x)| (g.to_string(), *x)).collect()
    }

    #[test]
    fn gaps_from_the_best_group_when_higher_is_better() {
        // Reading at grade level: Asian 80 % is best.
        // Black: gap 80 − 50 = 30 points, ratio 80 / 50 = 1.6; Latino: 80 − 64 = 16, 80 / 64 = 1.25.
        let g = gaps(
            &groups(&[("Black", 50.0), ("Asian", 80.0), ("Latino", 64.0)]),
            None,
            Reference::BestGroup,
            Direction::Up,
        );
        assert_eq!(g.len(), 3);
        assert_eq!(
            g[0],
            Gap { group: "Black".into(), value: 50.0, reference_value: 80.0, gap: 30.0, ratio: Some(1.6) }
        );
        assert_eq!((g[1].gap, g[1].ratio), (0.0, Some(1.0)), "the best group");
        assert_eq!((g[2].gap, g[2].ratio), (16.0, Some(1.25)));
    }

    #[test]
    fn gaps_from_the_best_group_when_lower_is_better() {
        // Teen births per 1,000: White 10 is best. Black: 25 − 10 = 15, ratio 25 / 10 = 2.5.
        let g = gaps(&groups(&[("Black", 25.0), ("White", 10.0)]), None, Reference::BestGroup, Direction::Down);
        assert_eq!((g[0].gap, g[0].ratio, g[0].reference_value), (15.0, Some(2.5), 10.0));
        assert_eq!((g[1].gap, g[1].ratio), (0.0, Some(1.0)));
        // A best group at zero: others have no finite ratio, the best one still has ratio 1.
        let g = gaps(&groups(&[("A", 0.0), ("B", 4.0)]), None, Reference::BestGroup, Direction::Down);
        assert_eq!((g[0].gap, g[0].ratio), (0.0, Some(1.0)));
        assert_eq!((g[1].gap, g[1].ratio), (4.0, None));
    }

    #[test]
    fn gaps_from_the_whole_population_can_be_negative() {
        // Whole 60 %, higher is better. Black 50: 60 − 50 = 10 worse off, ratio 60 / 50 = 1.2.
        // Asian 80: 60 − 80 = −20 (better off), ratio 60 / 80 = 0.75.
        let g = gaps(&groups(&[("Black", 50.0), ("Asian", 80.0)]), Some(60.0), Reference::Whole, Direction::Up);
        assert_eq!((g[0].gap, g[0].ratio, g[0].reference_value), (10.0, Some(1.2), 60.0));
        assert_eq!((g[1].gap, g[1].ratio), (-20.0, Some(0.75)));
        assert!(gaps(&groups(&[("Black", 50.0)]), None, Reference::Whole, Direction::Up).is_empty());
        assert!(gaps(&[], Some(60.0), Reference::BestGroup, Direction::Up).is_empty());
    }

    #[test]
    fn a_gap_trend_compares_the_change_per_year_with_the_minimum() {
        let series = [(sy(2016), 30.0), (sy(2017), 29.0), (sy(2018), 27.0), (sy(2019), 24.0)];
        // k = 3: 30 → 24 over 3 years: −2 points a year, narrowing.
        assert_eq!(gap_trend(&series, 3, 1.0), GapTrend::Narrowing);
        // k = 1: 27 → 24 in a year: −3.
        assert_eq!(gap_trend(&series, 1, 1.0), GapTrend::Narrowing);
        // −2 a year is less than a minimum of 2.5: stable.
        assert_eq!(gap_trend(&series, 3, 2.5), GapTrend::Stable);
        // Exactly the minimum counts as a change.
        assert_eq!(gap_trend(&series, 3, 2.0), GapTrend::Narrowing);
        let widening = [(sy(2018), 10.0), (sy(2019), 11.5)];
        assert_eq!(gap_trend(&widening, 1, 1.0), GapTrend::Widening);
        assert_eq!(gap_trend(&series, 4, 1.0), GapTrend::NotEnoughData, "only 4 values");
        assert_eq!(gap_trend(&series, 0, 1.0), GapTrend::NotEnoughData);
    }

    #[test]
    fn a_gap_trend_uses_years_not_positions() {
        // Quarterly: 2019-Q1 gap 8, 2020-Q1 gap 6: k = 4 quarters back, 1 year: −2 a year.
        let q = |y, n| Period::quarter(y, n);
        let series = [(q(2019, 1), 8.0), (q(2019, 2), 7.0), (q(2019, 3), 7.0), (q(2019, 4), 6.5), (q(2020, 1), 6.0)];
        assert_eq!(gap_trend(&series, 4, 1.0), GapTrend::Narrowing);
        // k = 1: 6.5 → 6 in a quarter is −2 a year too.
        assert_eq!(gap_trend(&series, 1, 1.0), GapTrend::Narrowing);
        // A missing year: 2016 gap 10, 2019 gap 12 (k = 1 value back, but 3 years): +0.67 a year.
        assert_eq!(gap_trend(&[(sy(2016), 10.0), (sy(2019), 12.0)], 1, 1.0), GapTrend::Stable);
    }

    #[test]
    fn a_gap_trend_compares_sizes_of_gaps() {
        // Against the whole, a group 2 points ahead moves 6 points ahead: the gap widens (|−6| > |−2|).
        assert_eq!(gap_trend(&[(sy(2018), -2.0), (sy(2019), -6.0)], 1, 1.0), GapTrend::Widening);
        // 5 behind to 1 ahead: the size goes from 5 to 1, narrowing.
        assert_eq!(gap_trend(&[(sy(2018), 5.0), (sy(2019), -1.0)], 1, 1.0), GapTrend::Narrowing);
    }
}
