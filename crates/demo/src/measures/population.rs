//! Population-level indicators of the demo (kindergarten readiness to postsecondary completion, child poverty, teen births): how each is made, and the numbers of each year by place and group.

use super::*;

pub(crate) const FIRST_YEAR: i32 = 2013;
pub(crate) const BASELINE_YEAR: i32 = 2016;
pub(crate) const PANDEMIC_YEAR: i32 = 2020;

pub(crate) struct Population {
    pub(crate) key: &'static str,
    pub(crate) name: &'static str,
    pub(crate) description: &'static str,
    pub(crate) numerator: &'static str,
    pub(crate) denominator: &'static str,
    pub(crate) unit: Unit,
    pub(crate) direction: Direction,
    pub(crate) kind: PeriodKind,
    pub(crate) source: &'static str,
    pub(crate) result_key: Option<&'static str>,
    pub(crate) owner: &'static str,
    pub(crate) published: bool,
    /// The community value for each year from [`FIRST_YEAR`]; `None` where nothing was measured.
    pub(crate) trend: [Option<f64>; 12],
    /// Change per year after the table ends.
    pub(crate) drift: f64,
    /// Denominator in [`FIRST_YEAR`], its yearly relative change, and its factor in the pandemic year.
    pub(crate) cohort: f64,
    pub(crate) cohort_drift: f64,
    pub(crate) pandemic_cohort: f64,
    /// Denominators are the numerators of this indicator for the same period and cell.
    pub(crate) cohort_of: Option<&'static str>,
    /// Offsets from the community value, in the indicator's unit, by race, home language and ZIP.
    pub(crate) race: [f64; 6],
    pub(crate) language: [f64; 5],
    pub(crate) zip: [f64; 8],
    /// Relative change per year, after the baseline, of the race and language gaps (< 0 narrows).
    pub(crate) gap_drift: f64,
    /// How much wider the gaps are in the pandemic year.
    pub(crate) pandemic_gap: f64,
    /// Offsets move with the community value (rates of rarer events).
    pub(crate) proportional: bool,
    /// Reported by home language too.
    pub(crate) by_language: bool,
    /// Days from the end of a period until its numbers come out (negative: before it ends).
    pub(crate) release_days: i64,
    /// Status of the latest period's numbers.
    pub(crate) latest: ObservationStatus,
    /// Targets: (periods after the latest, value).
    pub(crate) targets: [(i32, f64); 2],
}

pub(crate) const SCHOOLS: &str = "Riverbend Public Schools";
pub(crate) const HEALTH: &str = "Mercer County Health Department";
pub(crate) const BACKBONE: &str = "United Way of the Riverbend Region";

pub(crate) const POPULATION: &[Population] = &[
    Population {
        key: "kindergarten-readiness",
        name: "Kindergartners ready for school",
        description: "Of the children starting kindergarten in Riverbend each fall, the share who meet the \
            benchmark in all five areas of the state's readiness assessment: language and literacy, math, physical \
            development, social-emotional skills and approaches to learning. Teachers observe each child during \
            the first six weeks of school.",
        numerator: "Kindergartners who meet the benchmark in all five domains of the fall kindergarten readiness \
            assessment.",
        denominator: "Kindergartners enrolled on the assessment date and assessed in all five domains.",
        unit: Unit::Percent,
        direction: Direction::Up,
        kind: PeriodKind::SchoolYear,
        source: "State Department of Education, fall kindergarten readiness assessment",
        result_key: Some("kindergarten-readiness"),
        owner: SCHOOLS,
        published: true,
        trend: [
            Some(40.1),
            Some(40.6),
            Some(39.8),
            Some(40.2),
            Some(41.0),
            Some(41.9),
            Some(41.4),
            Some(35.2),
            Some(38.1),
            Some(41.2),
            Some(42.8),
            Some(44.1),
        ],
        drift: 1.0,
        cohort: 4250.0,
        cohort_drift: -0.006,
        pandemic_cohort: 0.91,
        cohort_of: None,
        race: [3.0, -7.0, -8.0, 8.0, 0.0, -7.0],
        language: [0.0, -8.0, -7.0, -9.0, -4.0],
        zip: [-9.0, -5.0, -4.0, -1.0, 6.0, -9.0, 17.0, 0.0],
        gap_drift: -0.02,
        pandemic_gap: 1.25,
        proportional: false,
        by_language: true,
        release_days: -180,
        latest: ObservationStatus::Approved,
        targets: [(3, 50.0), (6, 60.0)],
    },
    Population {
        key: "third-grade-reading",
        name: "Third graders reading at grade level",
        description: "The share of third graders who meet or exceed the standard on the state reading test each \
            spring. Reading well by the end of third grade is one of the strongest signs that a child will finish \
            high school. No test was given in the spring of 2020.",
        numerator: "Third graders scoring Meets or Exceeds on the spring state English language arts assessment.",
        denominator: "Third graders with a valid score on the assessment (Riverbend Public Schools and Harbor Point \
            Academy).",
        unit: Unit::Percent,
        direction: Direction::Up,
        kind: PeriodKind::SchoolYear,
        source: "State Department of Education, grade 3 English language arts assessment",
        result_key: Some("early-grade-reading"),
        owner: SCHOOLS,
        published: true,
        trend: [
            Some(35.0),
            Some(34.5),
            Some(34.2),
            Some(34.0),
            Some(35.1),
            Some(36.6),
            None,
            Some(31.2),
            Some(35.4),
            Some(38.2),
            Some(39.7),
            Some(41.0),
        ],
        drift: 1.0,
        cohort: 4080.0,
        cohort_drift: -0.003,
        pandemic_cohort: 0.87,
        cohort_of: None,
        race: [8.0, -8.0, -7.0, 7.0, 0.0, -6.0],
        language: [0.0, -5.0, -5.0, -8.0, -3.0],
        zip: [-3.0, -2.0, -2.0, 0.0, 2.0, -3.0, 5.0, 0.0],
        gap_drift: -0.02,
        pandemic_gap: 1.25,
        proportional: false,
        by_language: true,
        release_days: 80,
        latest: ObservationStatus::Approved,
        targets: [(3, 48.0), (6, 55.0)],
    },
    Population {
        key: "eighth-grade-math",
        name: "Eighth graders meeting the standard in math",
        description: "The share of eighth graders who meet or exceed the standard on the state math test each \
            spring. Not yet on the public dashboard: the Steering Committee is reviewing it alongside Algebra I \
            completion. No test was given in the spring of 2020.",
        numerator: "Eighth graders scoring Meets or Exceeds on the spring state mathematics assessment.",
        denominator: "Eighth graders with a valid score on the assessment (Riverbend Public Schools and Harbor \
            Point Academy).",
        unit: Unit::Percent,
        direction: Direction::Up,
        kind: PeriodKind::SchoolYear,
        source: "State Department of Education, grade 8 mathematics assessment",
        result_key: Some("middle-grade-math"),
        owner: SCHOOLS,
        published: false,
        trend: [
            Some(28.2),
            Some(28.6),
            Some(29.1),
            Some(28.9),
            Some(29.4),
            Some(29.9),
            None,
            Some(22.1),
            Some(24.9),
            Some(26.8),
            Some(28.3),
            Some(29.6),
        ],
        drift: 0.8,
        cohort: 3900.0,
        cohort_drift: 0.002,
        pandemic_cohort: 0.84,
        cohort_of: None,
        race: [10.0, -10.0, -7.0, 8.0, -1.0, -8.0],
        language: [0.0, -4.0, -3.0, -4.0, -2.0],
        zip: [-3.0, -2.0, -2.0, 0.0, 2.0, -3.0, 6.0, 0.0],
        gap_drift: 0.03,
        pandemic_gap: 1.1,
        proportional: false,
        by_language: true,
        release_days: 80,
        latest: ObservationStatus::Submitted,
        targets: [(3, 35.0), (6, 42.0)],
    },
    Population {
        key: "high-school-graduation",
        name: "Students graduating from high school in four years",
        description: "The share of students who earn a regular diploma within four years of starting ninth grade \
            (the four-year adjusted cohort graduation rate). Each school year is the year the class graduates: \
            2023-24 is the class of 2024.",
        numerator: "Students in the adjusted cohort who earned a regular high school diploma within four years.",
        denominator: "Students who entered ninth grade four years earlier, plus those who transferred in, minus \
            those who transferred out, moved abroad or died (the adjusted cohort).",
        unit: Unit::Percent,
        direction: Direction::Up,
        kind: PeriodKind::SchoolYear,
        source: "State Department of Education, four-year adjusted cohort graduation rate",
        result_key: Some("high-school-graduation"),
        owner: SCHOOLS,
        published: true,
        trend: [
            Some(70.2),
            Some(71.1),
            Some(72.0),
            Some(72.8),
            Some(73.4),
            Some(74.1),
            Some(75.0),
            Some(72.3),
            Some(73.6),
            Some(75.2),
            Some(76.4),
            Some(77.9),
        ],
        drift: 1.0,
        cohort: 3780.0,
        cohort_drift: 0.003,
        pandemic_cohort: 1.0,
        cohort_of: None,
        race: [5.0, -9.0, -6.0, 6.0, -2.0, -12.0],
        language: [0.0, -5.0, -3.0, -7.0, -4.0],
        zip: [-4.0, -2.0, -2.0, -2.0, 2.0, -4.0, 5.0, 1.0],
        gap_drift: 0.0,
        pandemic_gap: 1.15,
        proportional: false,
        by_language: true,
        release_days: 200,
        latest: ObservationStatus::Approved,
        targets: [(3, 82.0), (6, 90.0)],
    },
    Population {
        key: "postsecondary-enrollment",
        name: "Graduates enrolling in college or training",
        description: "Of each year's high school graduates, the share who enroll in a two- or four-year college or \
            a certificate program by the fall after they graduate. The first step toward a degree or credential.",
        numerator: "Graduates who enrolled in a two- or four-year college or a certificate program by November 1 \
            after graduating.",
        denominator: "Students who graduated from a Riverbend high school that school year.",
        unit: Unit::Percent,
        direction: Direction::Up,
        kind: PeriodKind::SchoolYear,
        source: "National Student Clearinghouse StudentTracker for High Schools, via Riverbend Public Schools",
        result_key: Some("postsecondary-completion"),
        owner: SCHOOLS,
        published: true,
        trend: [
            Some(58.1),
            Some(57.9),
            Some(57.4),
            Some(57.0),
            Some(57.6),
            Some(58.0),
            Some(54.1),
            Some(52.2),
            Some(53.0),
            Some(54.6),
            Some(56.1),
            Some(57.3),
        ],
        drift: 0.8,
        cohort: 0.0,
        cohort_drift: 0.0,
        pandemic_cohort: 1.0,
        cohort_of: Some("high-school-graduation"),
        race: [8.0, -9.0, -11.0, 6.0, -3.0, -14.0],
        language: [0.0, -4.0, -2.0, -3.0, -2.0],
        zip: [-4.0, -3.0, -3.0, -2.0, 3.0, -5.0, 7.0, 0.0],
        gap_drift: -0.015,
        pandemic_gap: 1.2,
        proportional: false,
        by_language: true,
        release_days: 235,
        latest: ObservationStatus::Submitted,
        targets: [(3, 62.0), (6, 68.0)],
    },
    Population {
        key: "teen-births",
        name: "Births to teens aged 15 to 19",
        description: "Births to young women aged 15 to 19 who live in Riverbend, per 1,000 young women that age. \
            Lower is better. Counted by where the mother lives, from birth certificates.",
        numerator: "Live births to Riverbend residents aged 15 to 19, by the mother's home address and \
            self-reported race and ethnicity.",
        denominator: "Female residents aged 15 to 19 (Census Bureau population estimates).",
        unit: Unit::RatePer1000,
        direction: Direction::Down,
        kind: PeriodKind::CalendarYear,
        source: "State Office of Vital Records, birth certificates; U.S. Census Bureau population estimates",
        result_key: None,
        owner: HEALTH,
        published: true,
        trend: [
            Some(38.2),
            Some(36.1),
            Some(33.6),
            Some(31.4),
            Some(29.5),
            Some(27.6),
            Some(26.1),
            Some(24.5),
            Some(23.0),
            Some(21.7),
            Some(20.3),
            Some(19.2),
        ],
        drift: -0.8,
        cohort: 10150.0,
        cohort_drift: 0.004,
        pandemic_cohort: 1.0,
        cohort_of: None,
        race: [-15.0, 12.0, 16.0, -13.0, 2.0, 16.0],
        language: [0.0; 5],
        zip: [7.0, 4.0, 5.0, 2.0, -4.0, 7.0, -12.0, 0.0],
        gap_drift: 0.0,
        pandemic_gap: 1.0,
        proportional: true,
        by_language: false,
        release_days: 260,
        latest: ObservationStatus::Approved,
        targets: [(3, 16.0), (6, 12.0)],
    },
    Population {
        key: "child-poverty",
        name: "Children living in poverty",
        description: "The share of Riverbend children under 18 whose family income is below the federal poverty \
            line. Lower is better. From the Census Bureau's American Community Survey; each year is the last of \
            the five years the estimate pools.",
        numerator: "Children under 18 in families with incomes below the federal poverty level.",
        denominator: "Children under 18 for whom poverty status is determined.",
        unit: Unit::Percent,
        direction: Direction::Down,
        kind: PeriodKind::CalendarYear,
        source: "U.S. Census Bureau, American Community Survey 5-year estimates (tables B17020A–I)",
        result_key: None,
        owner: BACKBONE,
        published: true,
        trend: [
            Some(27.4),
            Some(27.9),
            Some(27.6),
            Some(27.2),
            Some(26.9),
            Some(26.5),
            Some(26.2),
            Some(26.9),
            Some(26.1),
            Some(25.3),
            Some(24.7),
            Some(24.4),
        ],
        drift: -0.3,
        cohort: 71200.0,
        cohort_drift: -0.002,
        pandemic_cohort: 1.0,
        cohort_of: None,
        race: [-2.0, 13.0, 8.0, -11.0, 2.0, 12.0],
        language: [0.0, 4.0, 3.0, 9.0, 2.0],
        zip: [10.0, 7.0, 5.0, 4.0, -6.0, 10.0, -14.0, 0.0],
        gap_drift: 0.0,
        pandemic_gap: 1.0,
        proportional: false,
        by_language: false,
        release_days: 345,
        latest: ObservationStatus::Approved,
        targets: [(3, 22.0), (6, 20.0)],
    },
];

impl Population {
    /// The community value in `year`, if it was measured.
    pub(crate) fn level(&self, year: i32) -> Option<f64> {
        let i = year - FIRST_YEAR;
        if i < 0 {
            return None;
        }
        if let Some(v) = self.trend.get(i as usize) {
            return *v;
        }
        let last = self.trend.len() as i32 - 1;
        let v = self.trend[last as usize].expect("the table ends with a value") + self.drift * f64::from(i - last);
        Some(v.clamp(5.0, 90.0))
    }

    pub(crate) fn scale(&self) -> f64 {
        match self.unit {
            Unit::RatePer1000 => 1000.0,
            _ => 100.0,
        }
    }
}

/// One ZIP × race × home language cell.
#[derive(Clone, Copy)]
pub(crate) struct Cell {
    pub(crate) zip: usize,
    pub(crate) race: usize,
    pub(crate) language: usize,
    pub(crate) denominator: u64,
    pub(crate) numerator: u64,
}

/// Every ZIP × race × language cell of one indicator in one year.
pub(crate) fn population_cells(
    spec: &Population,
    year: i32,
    level: f64,
    cohort: Option<&[Cell]>,
    rng: &mut Rng,
) -> Vec<Cell> {
    let mut cells = Vec::with_capacity(8 * 6 * 5);
    match cohort {
        Some(previous) => {
            cells.extend(previous.iter().map(|c| Cell { denominator: c.numerator, numerator: 0, ..*c }));
        }
        None => {
            let years = f64::from(year - FIRST_YEAR);
            let pandemic = if year == PANDEMIC_YEAR { spec.pandemic_cohort } else { 1.0 };
            let total = spec.cohort * (1.0 + spec.cohort_drift * years) * pandemic;
            for (zip, place) in PLACES.iter().enumerate() {
                let races: Vec<f64> =
                    place.races.iter().zip(RACE_DRIFT).map(|(share, drift)| share * (1.0 + drift * years)).collect();
                let race_sum: f64 = races.iter().sum();
                for (race, race_share) in races.iter().enumerate() {
                    for (language, language_share) in LANGUAGE_BY_RACE[race].iter().enumerate() {
                        let expected = total * place.share / 100.0 * race_share / race_sum * language_share / 100.0;
                        let noise = 1.0 + 0.03 * normal(rng);
                        let denominator = round_random(rng, expected * noise);
                        cells.push(Cell { zip, race, language, denominator, numerator: 0 });
                    }
                }
            }
        }
    }

    // Offsets by group and place, then the intercept that makes the community come out at `level`.
    let years_since_baseline = f64::from((year - BASELINE_YEAR).max(0));
    let mut gap = (1.0 + spec.gap_drift * years_since_baseline).max(0.2);
    if year == PANDEMIC_YEAR {
        gap *= spec.pandemic_gap;
    }
    let proportion = if spec.proportional { level / spec.level(BASELINE_YEAR).unwrap_or(level) } else { 1.0 };
    let offsets: Vec<f64> = cells
        .iter()
        .map(|c| proportion * (gap * (spec.race[c.race] + spec.language[c.language]) + spec.zip[c.zip]))
        .collect();
    let (low, high) = match spec.unit {
        Unit::RatePer1000 => (0.5, 200.0),
        _ => (1.0, 98.0),
    };
    let weight: f64 = cells.iter().map(|c| c.denominator as f64).sum();
    let mut intercept = level;
    for _ in 0..6 {
        let achieved: f64 = cells
            .iter()
            .zip(&offsets)
            .map(|(c, o)| c.denominator as f64 * (intercept + o).clamp(low, high))
            .sum::<f64>()
            / weight.max(1.0);
        intercept += level - achieved;
    }
    let scale = spec.scale();
    for (c, o) in cells.iter_mut().zip(&offsets) {
        let p = (intercept + o).clamp(low, high) / scale;
        let d = c.denominator as f64;
        let spread = (d * p * (1.0 - p)).sqrt();
        let n = (d * p + 0.7 * spread * normal(rng)).round().clamp(0.0, d);
        c.numerator = n as u64;
    }
    cells
}
