//! The demo's shared measurement: Riverbend's places, the dimensions numbers are broken down by,
//! seven population indicators with twelve years of history, and three partner programs'
//! performance measures, with every number's submission and review.
//!
//! Population numbers are drawn for every ZIP × race × home language cell first and only then summed,
//! so the community total always equals the sum of the race groups, of the home languages and of the
//! ZIP codes. Small groups (American Indian or Alaska Native students, teen births in Oak Hill,
//! 24-month screenings in one ZIP) leave small-cell suppression something to do.

use super::{Rng, DOWN, EAST, HARBOR, INITIATIVE_ID, NORTH, OAK, RIVER, SOUTH, WEST, ZIPS};
use backbone_core::accounts::User;
use backbone_core::exchange::ObservationExport;
use backbone_core::measure::analytics::{Direction, Unit};
use backbone_core::measure::indicator::*;
use backbone_core::measure::observation::*;
use backbone_core::measure::period::{Period, PeriodKind};
use backbone_core::measure::place::*;
use backbone_core::partners::Organization;
use backbone_core::Id;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use std::collections::HashMap;

mod population;
mod programs;

use population::*;
use programs::*;

/// What [`shared_measurement`] adds to the demo document.
pub(super) struct SharedMeasurement {
    pub(super) indicators: Vec<Indicator>,
    pub(super) geographies: Vec<Geography>,
    pub(super) dimensions: Vec<Dimension>,
    pub(super) observations: Vec<ObservationExport>,
}

// ---------------------------------------------------------------- places and groups

const COMMUNITY: &str = "riverbend";
const RACE: &str = "race_ethnicity";
const LANGUAGE: &str = "home_language";

const RACES: [&str; 6] = [
    "Asian",
    "Black or African American",
    "Hispanic or Latino",
    "White",
    "Multiracial",
    "American Indian or Alaska Native",
];
const LANGUAGES: [&str; 5] = ["English", "Spanish", "Hmong", "Somali", "Other"];

/// Planning districts: (code, name).
const DISTRICTS: [(&str, &str); 3] = [
    ("eastside", "Eastside district (Eastside, Northgate, Downtown)"),
    ("southside", "Southside district (Southside, Harbor Point)"),
    ("oak-hill", "Oak Hill district (Oak Hill, Riverside, Westside)"),
];

struct Place {
    name: &'static str,
    district: usize,
    /// Percent of the community's children who live here.
    share: f64,
    /// Percent of its children in each of [`RACES`] (in the first year).
    races: [f64; 6],
}

/// In the order of `ZIPS`.
const PLACES: [Place; 8] = [
    Place { name: "Eastside", district: 0, share: 18.0, races: [6.0, 42.0, 33.0, 12.0, 6.5, 0.35] },
    Place { name: "Northgate", district: 0, share: 13.0, races: [30.0, 35.0, 8.0, 20.0, 6.6, 0.3] },
    Place { name: "Westside", district: 2, share: 14.0, races: [3.0, 15.0, 45.0, 30.0, 6.7, 0.2] },
    Place { name: "Downtown", district: 0, share: 1.6, races: [8.0, 30.0, 15.0, 40.0, 6.7, 0.2] },
    Place { name: "Riverside", district: 2, share: 13.0, races: [6.0, 12.0, 12.0, 62.0, 7.8, 0.15] },
    Place { name: "Southside", district: 1, share: 17.0, races: [8.0, 45.0, 30.0, 10.0, 6.5, 0.35] },
    Place { name: "Oak Hill", district: 2, share: 12.4, races: [6.0, 5.0, 5.0, 78.0, 5.9, 0.1] },
    Place { name: "Harbor Point", district: 1, share: 11.0, races: [10.0, 25.0, 22.0, 35.0, 7.8, 0.15] },
];

/// Yearly relative change of each race's share: the city slowly grows more diverse.
const RACE_DRIFT: [f64; 6] = [0.012, 0.004, 0.018, -0.012, 0.02, 0.0];

/// Percent of each race's children by home language ([`LANGUAGES`]).
const LANGUAGE_BY_RACE: [[f64; 5]; 6] = [
    [45.0, 0.0, 42.0, 0.0, 13.0],
    [85.0, 0.0, 0.0, 13.0, 2.0],
    [46.0, 53.0, 0.0, 0.0, 1.0],
    [97.0, 0.5, 0.0, 0.0, 2.5],
    [94.0, 3.0, 1.0, 0.0, 2.0],
    [100.0, 0.0, 0.0, 0.0, 0.0],
];

fn geographies() -> Vec<Geography> {
    let mut out =
        vec![Geography { code: COMMUNITY.into(), name: "Riverbend".into(), level: GeoLevel::Community, parent: None }];
    for (code, name) in DISTRICTS {
        out.push(Geography {
            code: code.into(),
            name: name.into(),
            level: GeoLevel::District,
            parent: Some(COMMUNITY.into()),
        });
    }
    for (zip, place) in ZIPS.iter().zip(&PLACES) {
        out.push(Geography {
            code: zip.to_string(),
            name: format!("{zip} {}", place.name),
            level: GeoLevel::Zip,
            parent: Some(DISTRICTS[place.district].0.into()),
        });
    }
    out
}

fn dimensions() -> Vec<Dimension> {
    vec![
        Dimension {
            key: RACE.into(),
            name: "Race and ethnicity".into(),
            values: RACES.iter().map(|s| s.to_string()).collect(),
        },
        Dimension {
            key: LANGUAGE.into(),
            name: "Home language".into(),
            values: LANGUAGES.iter().map(|s| s.to_string()).collect(),
        },
    ]
}

// ---------------------------------------------------------------- the workflow

/// When one indicator's numbers for one period were submitted and, if so, reviewed.
#[derive(Clone, Copy)]
struct Batch {
    submitted: DateTime<Utc>,
    reviewed: Option<(ObservationStatus, DateTime<Utc>)>,
}

fn stamp(date: NaiveDate, rng: &mut Rng) -> DateTime<Utc> {
    date.and_hms_opt(rng.range(9, 16) as u32, rng.range(0, 59) as u32, rng.range(0, 59) as u32)
        .expect("valid time")
        .and_utc()
}

/// Submitted once the numbers are out (or when the partnership loaded its history), reviewed a few
/// days later unless still waiting; never after yesterday.
fn schedule(rng: &mut Rng, today: NaiveDate, load: NaiveDate, released: NaiveDate, status: ObservationStatus) -> Batch {
    let submitted = (released + Duration::days(rng.range(0, 14))).max(load).min(today - Duration::days(2));
    let reviewed = (submitted + Duration::days(rng.range(2, 12))).min(today - Duration::days(1));
    Batch {
        submitted: stamp(submitted, rng),
        reviewed: (status != ObservationStatus::Submitted).then(|| (status, stamp(reviewed, rng))),
    }
}

fn revision(
    revision: i64,
    numerator: f64,
    denominator: Option<f64>,
    status: ObservationStatus,
    note: Option<&str>,
    actor: &str,
    at: DateTime<Utc>,
) -> ObservationRevision {
    ObservationRevision {
        revision,
        numerator,
        denominator,
        status,
        note: note.map(str::to_string),
        actor_name: actor.into(),
        at,
    }
}

struct Writer<'a> {
    actor: &'a str,
    out: Vec<ObservationExport>,
}

impl Writer<'_> {
    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        indicator: &str,
        period: &str,
        geography: &str,
        groups: Groups,
        organization_id: Id,
        numerator: u64,
        denominator: Option<u64>,
        batch: Batch,
    ) {
        let (n, d) = (numerator as f64, denominator.map(|d| d as f64));
        let mut history = vec![revision(1, n, d, ObservationStatus::Submitted, None, self.actor, batch.submitted)];
        if let Some((status, at)) = batch.reviewed {
            history.push(revision(1, n, d, status, None, self.actor, at));
        }
        let last = history.last().expect("one revision at least");
        self.out.push(ObservationExport {
            indicator: indicator.into(),
            period: period.into(),
            geography: geography.into(),
            groups,
            organization_id,
            numerator: n,
            denominator: d,
            status: last.status,
            return_reason: None,
            revision: 1,
            updated_at: last.at,
            // Read from the history on import: approved numbers are the published ones.
            approved: None,
            history,
            // Grouped into submissions by `review::demo_submissions`.
            submission_id: None,
        });
    }

    fn find(&mut self, indicator: &str, period: &str, geography: &str, groups: &Groups) -> &mut ObservationExport {
        self.out
            .iter_mut()
            .find(|o| o.indicator == indicator && o.period == period && o.geography == geography && &o.groups == groups)
            .unwrap_or_else(|| panic!("no demo observation {indicator} {period} {geography}"))
    }

    /// A reviewer sends a submitted number back.
    fn return_one(&mut self, indicator: &str, period: &str, geography: &str, reason: &str, at: DateTime<Utc>) {
        let actor = self.actor.to_string();
        let o = self.find(indicator, period, geography, &Groups::new());
        let first = o.history[0].clone();
        o.history = vec![
            first.clone(),
            revision(1, first.numerator, first.denominator, ObservationStatus::Returned, Some(reason), &actor, at),
        ];
        o.status = ObservationStatus::Returned;
        o.return_reason = Some(reason.into());
        o.updated_at = at;
    }

    /// An approved (or returned) first submission, then the corrected number, approved.
    #[allow(clippy::too_many_arguments)]
    fn correct(
        &mut self,
        indicator: &str,
        period: &str,
        geography: &str,
        earlier: (f64, Option<f64>),
        returned: Option<&str>,
        resubmitted: DateTime<Utc>,
        approved: DateTime<Utc>,
    ) {
        let actor = self.actor.to_string();
        let o = self.find(indicator, period, geography, &Groups::new());
        let (n, d) = (o.numerator, o.denominator);
        let (first, review) = (o.history[0].at, o.history[1].at);
        let decision = if returned.is_some() { ObservationStatus::Returned } else { ObservationStatus::Approved };
        o.history = vec![
            revision(1, earlier.0, earlier.1, ObservationStatus::Submitted, None, &actor, first),
            revision(1, earlier.0, earlier.1, decision, returned, &actor, review),
            revision(2, n, d, ObservationStatus::Submitted, None, &actor, resubmitted),
            revision(2, n, d, ObservationStatus::Approved, None, &actor, approved),
        ];
        o.revision = 2;
        o.status = ObservationStatus::Approved;
        o.updated_at = approved;
    }
}

fn groups(dimension: &str, value: &str) -> Groups {
    Groups::from([(dimension.to_string(), value.to_string())])
}

fn days_after(at: DateTime<Utc>, days: i64, today: NaiveDate, hour: u32) -> DateTime<Utc> {
    let date = (at.date_naive() + Duration::days(days)).min(today - Duration::days(1)).max(at.date_naive());
    let t = date.and_hms_opt(hour, 20, 0).expect("valid time").and_utc();
    t.max(at + Duration::minutes(30))
}

// ---------------------------------------------------------------- the whole

fn find_org<'a>(organizations: &'a [Organization], name: &str) -> &'a Organization {
    organizations.iter().find(|o| o.name == name).unwrap_or_else(|| panic!("no demo organisation {name}"))
}

/// Riverbend's shared measurement as of `today`: the data lead loaded the history about two years
/// ago, partners began reporting program measures a little later, and newer numbers were submitted
/// as they came out.
pub(super) fn shared_measurement(
    today: NaiveDate,
    organizations: &[Organization],
    users: &[User],
) -> SharedMeasurement {
    let mut rng = Rng(0x5EED_B0C0_2026_0002);
    let actor = users.iter().find(|u| u.username == "datalead").expect("the demo has a data lead").display_name.clone();
    let org = |name: &str| find_org(organizations, name);
    // Nothing is loaded before the organisations that own it exist.
    let load_after = |names: Vec<&str>, days_ago: i64| -> NaiveDate {
        let joined = names.iter().map(|n| org(n).created_at.date_naive() + Duration::days(7)).max();
        (today - Duration::days(days_ago)).max(joined.unwrap_or(today))
    };
    let population_load = load_after(POPULATION.iter().map(|p| p.owner).collect(), 800);
    let program_load = load_after(PROGRAMS.iter().map(|p| p.org).collect(), 700);
    let created = |date: NaiveDate, rng: &mut Rng| stamp(date - Duration::days(rng.range(3, 9)), rng);

    let latest_school_year = Period::containing(PeriodKind::SchoolYear, today).prev();
    let last_population = |kind: PeriodKind| match kind {
        PeriodKind::SchoolYear => latest_school_year,
        _ => Period::calendar_year(latest_school_year.year()),
    };

    let mut indicators = Vec::new();
    let mut writer = Writer { actor: &actor, out: Vec::new() };
    let mut cells_of: HashMap<(&str, i32), Vec<Cell>> = HashMap::new();

    for spec in POPULATION {
        let owner = org(spec.owner).id;
        let last = last_population(spec.kind);
        let first = Period { kind: spec.kind, index: FIRST_YEAR };
        let periods: Vec<(Period, f64)> =
            first.through(last).into_iter().filter_map(|p| spec.level(p.year()).map(|v| (p, v))).collect();
        let latest = periods.last().map(|(p, _)| *p);
        for &(period, level) in &periods {
            let year = period.year();
            let cohort = spec.cohort_of.map(|k| cells_of[&(k, year)].as_slice());
            let cells = population_cells(spec, year, level, cohort, &mut rng);
            let status = if Some(period) == latest { spec.latest } else { ObservationStatus::Approved };
            let released = period.last_day() + Duration::days(spec.release_days);
            let batch = schedule(&mut rng, today, population_load, released, status);
            let label = period.label();
            let sum = |keep: &dyn Fn(&Cell) -> bool| {
                cells.iter().filter(|c| keep(c)).fold((0, 0), |(n, d), c| (n + c.numerator, d + c.denominator))
            };
            let mut margins: Vec<(&str, Groups, (u64, u64))> = vec![(COMMUNITY, Groups::new(), sum(&|_| true))];
            for (r, race) in RACES.iter().enumerate() {
                margins.push((COMMUNITY, groups(RACE, race), sum(&|c| c.race == r)));
            }
            if spec.by_language {
                for (l, language) in LANGUAGES.iter().enumerate() {
                    margins.push((COMMUNITY, groups(LANGUAGE, language), sum(&|c| c.language == l)));
                }
            }
            for (z, zip) in ZIPS.iter().enumerate() {
                margins.push((*zip, Groups::new(), sum(&|c| c.zip == z)));
            }
            for (geography, g, (n, d)) in margins {
                if d > 0 {
                    writer.push(spec.key, &label, geography, g, owner, n, Some(d), batch);
                }
            }
            cells_of.insert((spec.key, year), cells);
        }
        let created_at = created(population_load, &mut rng);
        indicators.push(Indicator {
            id: indicators.len() as Id + 1,
            initiative_id: INITIATIVE_ID,
            key: spec.key.into(),
            name: spec.name.into(),
            description: spec.description.into(),
            numerator_definition: spec.numerator.into(),
            denominator_definition: spec.denominator.into(),
            unit: spec.unit,
            direction: spec.direction,
            period_kind: spec.kind,
            source: spec.source.into(),
            level: Level::Population,
            result_key: spec.result_key.map(str::to_string),
            owner_organization_id: Some(owner),
            baseline_period: Some(Period { kind: spec.kind, index: BASELINE_YEAR }.label()),
            targets: spec
                .targets
                .iter()
                .map(|&(after, value)| Target { period: last.offset(after).label(), value })
                .collect(),
            suppression_threshold: 10,
            disclosure_rule: Default::default(),
            submitters: Vec::new(),
            min_gap_change: None,
            // Due a month after the source releases them.
            report_due_days: Some((spec.release_days.max(0) + 30) as u32),
            published: spec.published,
            created_at,
            updated_at: created_at + Duration::days(rng.range(20, 60)),
        });
    }

    // Two corrections after approval: Harbor Point's reading numbers first left out the charter
    // academy, and provisional teen birth counts were replaced by final ones.
    let reading_year = latest_school_year.offset(-2);
    if let Some(hp) = cells_of.get(&("third-grade-reading", reading_year.year())) {
        let (n, d) =
            hp.iter().filter(|c| c.zip == HARBOR).fold((0u64, 0u64), |(n, d), c| (n + c.numerator, d + c.denominator));
        let label = reading_year.label();
        let approved_at = writer.find("third-grade-reading", &label, ZIPS[HARBOR], &Groups::new()).history[1].at;
        let resubmitted = days_after(approved_at, 41, today, 10);
        let earlier = ((n as f64 * 0.74).round(), Some((d as f64 * 0.78).round()));
        writer.correct(
            "third-grade-reading",
            &label,
            ZIPS[HARBOR],
            earlier,
            None,
            resubmitted,
            days_after(resubmitted, 3, today, 15),
        );
    }
    let births_year = Period::calendar_year(latest_school_year.year() - 2).label();
    let births = writer.find("teen-births", &births_year, COMMUNITY, &Groups::new());
    let (n, d, approved_at) = (births.numerator, births.denominator, births.history[1].at);
    let resubmitted = days_after(approved_at, 190, today, 11);
    writer.correct(
        "teen-births",
        &births_year,
        COMMUNITY,
        ((n - 6.0).max(0.0), d),
        None,
        resubmitted,
        days_after(resubmitted, 5, today, 14),
    );

    for program in PROGRAMS {
        let owner = org(program.org).id;
        let last = Period::containing(program.kind, today).prev();
        let periods = last.offset(1 - program.periods).through(last);
        let span = f64::from(program.periods - 1).max(1.0);
        // People reached, by period and ZIP.
        let mut reach: Vec<Vec<u64>> = Vec::new();
        for (i, p) in periods.iter().enumerate() {
            let season = if p.kind == PeriodKind::Quarter && p.number_in_year() == 3 { program.summer } else { 1.0 };
            let grown = (1.0 + program.growth).powi(i as i32) * season;
            let mut row = Vec::new();
            for &(_, base) in program.zips {
                let noise = 1.0 + 0.05 * normal(&mut rng);
                row.push(round_random(&mut rng, base * grown * noise).max(1));
            }
            reach.push(row);
        }
        for m in &program.measures {
            let mut latest_count = 0;
            for (i, period) in periods.iter().enumerate() {
                let status = if *period == last { program.latest } else { ObservationStatus::Approved };
                let released = period.last_day() + Duration::days(program.ready_days);
                let batch = schedule(&mut rng, today, program_load, released, status);
                let progress = i as f64 / span;
                let rate = m.rate.0 + (m.rate.1 - m.rate.0) * progress;
                let mut rows: Vec<(u64, Option<u64>)> = program
                    .zips
                    .iter()
                    .zip(&reach[i])
                    .map(|(_, &people)| match m.unit {
                        Unit::Count => (people, None),
                        _ => {
                            let d = round_random(&mut rng, people as f64 * m.per_reach).max(1);
                            let p = ((rate + 1.5 * normal(&mut rng)) / 100.0).clamp(0.0, 1.0);
                            let spread = (d as f64 * p * (1.0 - p)).sqrt();
                            let n = (d as f64 * p + 0.7 * spread * normal(&mut rng)).round().clamp(0.0, d as f64);
                            (n as u64, Some(d))
                        }
                    })
                    .collect();
                let returned = *period == last && m.key == RETURNED.0;
                if returned {
                    if let Some(j) = program.zips.iter().position(|&(z, _)| z == RETURNED.1) {
                        rows[j].0 = rows[j].1.unwrap_or(rows[j].0);
                    }
                }
                let total_n: u64 = rows.iter().map(|r| r.0).sum();
                let total_d: Option<u64> = rows.iter().map(|r| r.1).sum();
                let label = period.label();
                writer.push(m.key, &label, COMMUNITY, Groups::new(), owner, total_n, total_d, batch);
                for (&(z, _), &(n, d)) in program.zips.iter().zip(&rows) {
                    writer.push(m.key, &label, ZIPS[z], Groups::new(), owner, n, d, batch);
                }
                if returned {
                    let at = days_after(batch.submitted, 4, today, 16);
                    writer.return_one(m.key, &label, ZIPS[RETURNED.1], RETURN_REASON, at);
                }
                latest_count = total_n;
            }
            // A year on: a tenth more people reached, and three points better than the plan's pace.
            let target = match m.unit {
                Unit::Count => (latest_count as f64 * 1.1 / 10.0).round() * 10.0,
                _ => (m.rate.1 + 3.0).round(),
            };
            let created_at = created(program_load, &mut rng);
            indicators.push(Indicator {
                id: indicators.len() as Id + 1,
                initiative_id: INITIATIVE_ID,
                key: m.key.into(),
                name: m.name.into(),
                description: m.description.into(),
                numerator_definition: m.numerator.into(),
                denominator_definition: m.denominator.into(),
                unit: m.unit,
                direction: Direction::Up,
                period_kind: program.kind,
                source: program.source.into(),
                level: m.level,
                result_key: Some(program.strategy.into()),
                owner_organization_id: Some(owner),
                baseline_period: periods.first().map(|p| p.label()),
                targets: vec![Target { period: last.offset(program.kind.per_year()).label(), value: target }],
                suppression_threshold: 10,
                disclosure_rule: Default::default(),
                submitters: Vec::new(),
                min_gap_change: None,
                // Partners report their programs' numbers within 45 days of the quarter's end.
                report_due_days: Some(45),
                published: false,
                created_at,
                updated_at: created_at + Duration::days(rng.range(5, 30)),
            });
        }
    }

    // A tutoring count for Westside came in as sessions, not students, and was sent back and fixed.
    let tutoring = Period::containing(PeriodKind::Quarter, today).offset(-6).label();
    let o = writer.find("students-tutored", &tutoring, ZIPS[WEST], &Groups::new());
    let (n, returned_at) = (o.numerator, o.history[1].at);
    let reason = format!(
        "Westside's {} looks like the number of tutoring sessions, not of students: it is more than the total for \
         all four neighborhoods. Please send the count of students.",
        n * 9.0
    );
    let resubmitted = days_after(returned_at, 2, today, 10);
    writer.correct(
        "students-tutored",
        &tutoring,
        ZIPS[WEST],
        (n * 9.0, None),
        Some(&reason),
        resubmitted,
        days_after(resubmitted, 1, today, 13),
    );

    SharedMeasurement { indicators, geographies: geographies(), dimensions: dimensions(), observations: writer.out }
}

// ---------------------------------------------------------------- randomness

/// A number in `0..1`.
fn unit(rng: &mut Rng) -> f64 {
    (rng.next() >> 11) as f64 / (1u64 << 53) as f64
}

/// Roughly standard normal (Irwin–Hall with twelve terms).
fn normal(rng: &mut Rng) -> f64 {
    (0..12).map(|_| unit(rng)).sum::<f64>() - 6.0
}

/// `x` rounded down or up at random, so that small expected counts add up right on average.
fn round_random(rng: &mut Rng, x: f64) -> u64 {
    let x = x.max(0.0);
    let floor = x.floor();
    floor as u64 + u64::from(unit(rng) < x - floor)
}

#[cfg(test)]
mod tests {
    use super::super::demo_initiative;
    use super::*;
    use backbone_core::exchange::InitiativeExport;
    use backbone_core::measure::analytics::value_of;
    use std::collections::{BTreeMap, HashSet};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 14).unwrap()
    }

    fn doc() -> InitiativeExport {
        demo_initiative(today())
    }

    type Key<'a> = (&'a str, &'a str);

    /// (numerator, denominator) of every community, race, language and ZIP cell, by indicator and period.
    fn margins(d: &InitiativeExport) -> BTreeMap<Key<'_>, Vec<&ObservationExport>> {
        let mut out: BTreeMap<Key, Vec<&ObservationExport>> = BTreeMap::new();
        for o in &d.observations {
            out.entry((o.indicator.as_str(), o.period.as_str())).or_default().push(o);
        }
        out
    }

    /// A cell's numbers as published: a correction waiting for review (the spring file's outlier,
    /// `crate::review`) need not add up until a reviewer accepts it.
    fn published(o: &ObservationExport) -> (f64, Option<f64>) {
        match (o.status, o.approved) {
            (ObservationStatus::Submitted, Some(a)) => (a.numerator, a.denominator),
            _ => (o.numerator, o.denominator),
        }
    }

    fn sum<'a>(cells: impl Iterator<Item = &'a &'a ObservationExport>) -> (f64, Option<f64>) {
        let cells: Vec<_> = cells.map(|o| published(o)).collect();
        let n = cells.iter().map(|o| o.0).sum();
        let d = if cells.iter().all(|o| o.1.is_some()) { Some(cells.iter().map(|o| o.1.unwrap()).sum()) } else { None };
        (n, d)
    }

    fn by_dimension<'a>(cells: &[&'a ObservationExport], dim: &str) -> Vec<&'a ObservationExport> {
        cells.iter().copied().filter(|o| o.geography == COMMUNITY && o.groups.contains_key(dim)).collect()
    }

    fn value(d: &InitiativeExport, key: &str, period: &str, geography: &str, g: Groups) -> f64 {
        let ind = d.indicators.iter().find(|i| i.key == key).unwrap();
        let o = d
            .observations
            .iter()
            .find(|o| o.indicator == key && o.period == period && o.geography == geography && o.groups == g)
            .unwrap_or_else(|| panic!("{key} {period} {geography} {g:?}"));
        value_of(ind.unit, o.numerator, o.denominator).unwrap()
    }

    #[test]
    fn the_document_with_its_measures_validates() {
        let d = doc();
        if let Err(e) = d.validate(Default::default()) {
            panic!("demo document is invalid: {e}");
        }
        assert_eq!(d.indicators.iter().filter(|i| i.level == Level::Population).count(), 7);
        assert!((1_500..=4_000).contains(&d.observations.len()), "{} observations", d.observations.len());
        let keys: HashSet<_> = d.indicators.iter().map(|i| &i.key).collect();
        assert_eq!(keys.len(), d.indicators.len(), "indicator keys are unique");
        let cells: HashSet<_> = d
            .observations
            .iter()
            .map(|o| (&o.indicator, &o.period, &o.geography, groups_key(&o.groups), o.organization_id))
            .collect();
        assert_eq!(cells.len(), d.observations.len(), "one observation per cell and organisation");
    }

    #[test]
    fn places_form_a_hierarchy_over_the_demo_zip_codes() {
        let d = doc();
        let community: Vec<_> = d.geographies.iter().filter(|g| g.level == GeoLevel::Community).collect();
        assert_eq!(community.len(), 1);
        assert!(community[0].parent.is_none());
        let districts: Vec<_> = d.geographies.iter().filter(|g| g.level == GeoLevel::District).collect();
        assert!((2..=3).contains(&districts.len()));
        assert!(districts.iter().all(|g| g.parent.as_deref() == Some(COMMUNITY)));
        let zips: Vec<_> = d.geographies.iter().filter(|g| g.level == GeoLevel::Zip).collect();
        assert_eq!(zips.iter().map(|g| g.code.as_str()).collect::<Vec<_>>(), ZIPS);
        for z in zips {
            assert!(districts.iter().any(|g| Some(&g.code) == z.parent.as_ref()), "{} has a district", z.code);
            assert!(z.name.starts_with(&z.code));
        }
        let races = &d.dimensions.iter().find(|x| x.key == RACE).unwrap().values;
        assert_eq!(races.len(), 6);
        let languages = &d.dimensions.iter().find(|x| x.key == LANGUAGE).unwrap().values;
        assert_eq!(languages.len(), 5);
    }

    #[test]
    fn community_totals_equal_the_sum_of_every_breakdown() {
        let d = doc();
        let mut checked = 0;
        for ((key, period), cells) in margins(&d) {
            let ind = d.indicators.iter().find(|i| i.key == key).unwrap();
            let total: Vec<_> = cells.iter().filter(|o| o.geography == COMMUNITY && o.groups.is_empty()).collect();
            assert_eq!(total.len(), 1, "{key} {period} has one community total");
            let total = (total[0].numerator, total[0].denominator);
            let zips: Vec<_> = cells.iter().filter(|o| o.geography != COMMUNITY).collect();
            assert!(!zips.is_empty(), "{key} {period} by ZIP");
            assert!(zips.iter().all(|o| o.groups.is_empty()));
            assert_eq!(sum(zips.into_iter()), total, "{key} {period}: ZIP codes");
            if ind.level == Level::Population {
                let races = by_dimension(&cells, RACE);
                assert_eq!(races.len(), 6, "{key} {period}");
                assert_eq!(sum(races.iter()), total, "{key} {period}: race groups");
                let languages = by_dimension(&cells, LANGUAGE);
                if ind.period_kind == PeriodKind::SchoolYear {
                    assert_eq!(languages.len(), 5, "{key} {period}");
                    assert_eq!(sum(languages.iter()), total, "{key} {period}: home languages");
                } else {
                    assert!(languages.is_empty());
                }
            }
            for o in cells {
                assert_eq!(o.numerator.fract(), 0.0);
                if let Some(den) = o.denominator {
                    assert!(den >= 1.0 && den.fract() == 0.0 && o.numerator <= den, "{key} {period} {o:?}");
                }
                assert_eq!(o.organization_id, ind.owner_organization_id.unwrap());
            }
            checked += 1;
        }
        assert!(checked > 100);
    }

    #[test]
    fn indicators_cover_population_and_every_performance_quadrant() {
        let d = doc();
        let latest_school_year = Period::containing(PeriodKind::SchoolYear, today()).prev();
        for level in [Level::HowMuch, Level::HowWell, Level::BetterOff] {
            let measures: Vec<_> = d.indicators.iter().filter(|i| i.level == level).collect();
            assert!(measures.len() >= 2, "{level}");
            assert!(measures.iter().all(|i| !i.published));
        }
        let population: Vec<_> = d.indicators.iter().filter(|i| i.level == Level::Population).collect();
        assert_eq!(
            population.iter().filter(|i| !i.published).map(|i| i.key.as_str()).collect::<Vec<_>>(),
            ["eighth-grade-math"]
        );
        let agenda: HashSet<_> = d.agenda_versions.last().unwrap().results.iter().map(|r| r.key.clone()).collect();
        let strategies: HashSet<_> = d
            .agenda_versions
            .last()
            .unwrap()
            .results
            .iter()
            .flat_map(|r| r.strategies.iter().map(|s| s.key.clone()))
            .collect();
        for i in &d.indicators {
            if let Some(k) = &i.result_key {
                assert!(agenda.contains(k) || strategies.contains(k), "{}: {k}", i.key);
            }
            assert!(!i.source.is_empty() && !i.description.is_empty() && !i.numerator_definition.is_empty());
            assert_eq!(i.suppression_threshold, 10);
            assert!(!i.targets.is_empty());
            let latest = d
                .observations
                .iter()
                .filter(|o| o.indicator == i.key)
                .map(|o| Period::parse(i.period_kind, &o.period).unwrap())
                .max()
                .unwrap();
            for t in &i.targets {
                assert!(Period::parse(i.period_kind, &t.period).unwrap() > latest, "{} targets the future", i.key);
            }
            if i.level == Level::Population {
                let baseline = Period::parse(i.period_kind, i.baseline_period.as_ref().unwrap()).unwrap();
                assert_eq!(baseline.year(), 2016);
                let periods: HashSet<_> =
                    d.observations.iter().filter(|o| o.indicator == i.key).map(|o| &o.period).collect();
                assert!(periods.len() >= 11, "{}: {} periods", i.key, periods.len());
                assert_eq!(latest.year(), latest_school_year.year(), "{}", i.key);
            }
        }
    }

    #[test]
    fn small_groups_leave_suppression_something_to_do() {
        let d = doc();
        let small_race = d
            .observations
            .iter()
            .filter(|o| o.groups.contains_key(RACE) && o.denominator.is_some_and(|x| x < 10.0))
            .count();
        assert!(small_race >= 5, "{small_race} race cells with a denominator under 10");
        let indian: Vec<f64> = d
            .observations
            .iter()
            .filter(|o| o.indicator == "third-grade-reading")
            .filter(|o| o.groups.get(RACE).map(String::as_str) == Some("American Indian or Alaska Native"))
            .map(|o| o.denominator.unwrap())
            .collect();
        assert!(indian.iter().all(|&x| (3.0..=18.0).contains(&x)), "{indian:?}");
        let small_zip =
            d.observations.iter().filter(|o| o.geography != COMMUNITY && (1.0..10.0).contains(&o.numerator)).count();
        assert!(small_zip >= 5, "{small_zip} ZIP cells under 10");
    }

    #[test]
    fn trends_and_gaps_look_like_a_real_community() {
        let d = doc();
        let all = || Groups::new();
        let race = |r: &str| groups(RACE, r);
        let reading = |p: &str, g: Groups| value(&d, "third-grade-reading", p, COMMUNITY, g);
        assert!((32.0..=36.0).contains(&reading("2016-17", all())), "{}", reading("2016-17", all()));
        assert!((39.0..=43.0).contains(&reading("2024-25", all())), "{}", reading("2024-25", all()));
        assert!(reading("2020-21", all()) < reading("2018-19", all()) - 3.0, "a pandemic dip");
        assert!(!d.observations.iter().any(|o| o.indicator == "third-grade-reading" && o.period == "2019-20"));
        for p in ["2016-17", "2022-23", "2024-25"] {
            let white = reading(p, race("White"));
            for r in ["Black or African American", "Hispanic or Latino"] {
                let gap = white - reading(p, race(r));
                assert!((13.0..=27.0).contains(&gap), "reading {p}: {r} is {gap:.1} points below White students");
            }
            assert!(reading(p, groups(LANGUAGE, "English")) > reading(p, groups(LANGUAGE, "Spanish")) + 5.0);
        }
        let births = |p: &str| value(&d, "teen-births", p, COMMUNITY, all());
        assert!(births("2013") > 34.0 && births("2024") < 23.0, "{} → {}", births("2013"), births("2024"));
        let poverty = |p: &str| value(&d, "child-poverty", p, COMMUNITY, all());
        assert!((poverty("2013") - poverty("2024")).abs() < 6.0);
        let ready = |z: usize| value(&d, "kindergarten-readiness", "2022-23", ZIPS[z], all());
        assert!(ready(OAK) > 1.6 * ready(EAST) && ready(OAK) > 1.6 * ready(SOUTH), "{} {}", ready(OAK), ready(EAST));

        // Gaps between Black and White students: narrowing in reading, widening in math.
        let gap = |key: &str, p: &str| {
            value(&d, key, p, COMMUNITY, race("White"))
                - value(&d, key, p, COMMUNITY, race("Black or African American"))
        };
        assert!(gap("third-grade-reading", "2024-25") < gap("third-grade-reading", "2016-17") - 1.0);
        assert!(gap("eighth-grade-math", "2024-25") > gap("eighth-grade-math", "2016-17") + 1.0);
    }

    #[test]
    fn the_review_history_matches_every_number() {
        let d = doc();
        let end_of_today = today().and_hms_opt(23, 59, 59).unwrap().and_utc();
        let data_lead = &d.users.iter().find(|u| u.username == "datalead").unwrap().display_name;
        let mut latest: HashMap<&str, Period> = HashMap::new();
        for o in &d.observations {
            let i = d.indicators.iter().find(|i| i.key == o.indicator).unwrap();
            let p = Period::parse(i.period_kind, &o.period).unwrap();
            let e = latest.entry(&o.indicator).or_insert(p);
            *e = (*e).max(p);
        }
        let (mut returned, mut revised, mut submitted) = (0, 0, 0);
        for o in &d.observations {
            let i = d.indicators.iter().find(|i| i.key == o.indicator).unwrap();
            let h = &o.history;
            assert!(!h.is_empty());
            assert_eq!((h[0].revision, h[0].status), (1, ObservationStatus::Submitted));
            let last = h.last().unwrap();
            assert_eq!((last.revision, last.status), (o.revision, o.status), "{o:?}");
            assert_eq!((last.numerator, last.denominator), (o.numerator, o.denominator));
            assert_eq!(o.updated_at, last.at);
            assert!(h.windows(2).all(|w| w[0].at < w[1].at && w[0].revision <= w[1].revision));
            assert!(h.iter().all(|r| &r.actor_name == data_lead && r.at <= end_of_today && r.at > i.created_at));
            assert!(i.created_at <= i.updated_at && i.updated_at <= end_of_today);
            assert_eq!(o.return_reason.is_some(), o.status == ObservationStatus::Returned);
            let is_latest = Period::parse(i.period_kind, &o.period).unwrap() == latest[o.indicator.as_str()];
            if !is_latest {
                assert_eq!(o.status, ObservationStatus::Approved, "{} {}", o.indicator, o.period);
            }
            match o.status {
                ObservationStatus::Returned => returned += 1,
                ObservationStatus::Submitted => submitted += 1,
                _ => {}
            }
            if o.revision == 2 {
                revised += 1;
                assert_ne!((h[0].numerator, h[0].denominator), (o.numerator, o.denominator));
            }
        }
        assert_eq!(returned, 1);
        assert!(revised >= 2);
        assert!(submitted > 50);
    }

    #[test]
    fn measurement_is_deterministic_and_fits_any_date() {
        assert_eq!(doc().observations, doc().observations);
        for date in [(2025, 7, 1), (2030, 1, 2), (2026, 12, 31)] {
            let today = NaiveDate::from_ymd_opt(date.0, date.1, date.2).unwrap();
            let d = demo_initiative(today);
            if let Err(e) = d.validate(Default::default()) {
                panic!("{today}: {e}");
            }
            let end_of_today = today.and_hms_opt(23, 59, 59).unwrap().and_utc();
            assert!(d.observations.iter().flat_map(|o| &o.history).all(|r| r.at <= end_of_today));
        }
    }
}
