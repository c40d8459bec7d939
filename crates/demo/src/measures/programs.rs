//! Performance measures of the demo's programs (how much, how well, anyone better off), each reported by the partner that runs it.

use super::*;

pub(crate) struct Performance {
    pub(crate) key: &'static str,
    pub(crate) name: &'static str,
    pub(crate) level: Level,
    pub(crate) unit: Unit,
    pub(crate) description: &'static str,
    pub(crate) numerator: &'static str,
    pub(crate) denominator: &'static str,
    /// Denominator per person reached (percent measures only).
    pub(crate) per_reach: f64,
    /// Percent in the first and in the latest period.
    pub(crate) rate: (f64, f64),
}

pub(crate) struct Program {
    pub(crate) org: &'static str,
    pub(crate) source: &'static str,
    pub(crate) strategy: &'static str,
    pub(crate) kind: PeriodKind,
    pub(crate) periods: i32,
    /// (ZIP, people reached there in the first period).
    pub(crate) zips: &'static [(usize, f64)],
    /// Relative growth of the reach per period.
    pub(crate) growth: f64,
    /// Reach in July–September relative to the rest of the year (summer programs).
    pub(crate) summer: f64,
    pub(crate) latest: ObservationStatus,
    /// Days after a period ends that its numbers are ready to submit (due at 45).
    pub(crate) ready_days: i64,
    pub(crate) measures: [Performance; 3],
}

pub(crate) const PROGRAMS: &[Program] = &[
    Program {
        org: "Bright Start Home Visiting",
        source: "Bright Start Home Visiting visit records and ASQ-3 screening log",
        strategy: "expand-home-visiting",
        kind: PeriodKind::Quarter,
        periods: 12,
        zips: &[(EAST, 70.0), (NORTH, 42.0), (SOUTH, 60.0)],
        growth: 0.02,
        summer: 1.0,
        latest: ObservationStatus::Submitted,
        ready_days: 38,
        measures: [
            Performance {
                key: "families-enrolled-home-visiting",
                name: "Families enrolled in home visiting",
                level: Level::HowMuch,
                unit: Unit::Count,
                description: "Families with a baby or toddler who had at least one Bright Start home visit during \
                    the quarter.",
                numerator: "Families with at least one completed home visit during the quarter.",
                denominator: "",
                per_reach: 0.0,
                rate: (0.0, 0.0),
            },
            Performance {
                key: "home-visits-completed-on-time",
                name: "Home visits completed as scheduled",
                level: Level::HowWell,
                unit: Unit::Percent,
                description: "Of the home visits planned with families during the quarter, the share completed \
                    within a week of the planned date.",
                numerator: "Scheduled home visits completed within seven days of their planned date.",
                denominator: "Home visits scheduled during the quarter.",
                per_reach: 5.5,
                rate: (76.0, 87.0),
            },
            Performance {
                key: "children-on-track-at-24-months",
                name: "Children on track at 24 months",
                level: Level::BetterOff,
                unit: Unit::Percent,
                description: "Of the enrolled children screened at 24 months, the share whose developmental \
                    screening shows no area of concern.",
                numerator: "Children whose 24-month ASQ-3 screening shows no area of concern.",
                denominator: "Enrolled children who had their 24-month ASQ-3 screening during the quarter.",
                per_reach: 0.14,
                rate: (64.0, 72.0),
            },
        ],
    },
    Program {
        org: "Riverbend Reads",
        source: "Riverbend Reads tutoring log and benchmark reading checks",
        strategy: "reading-tutors",
        kind: PeriodKind::Quarter,
        periods: 12,
        zips: &[(EAST, 120.0), (NORTH, 80.0), (SOUTH, 110.0), (WEST, 90.0)],
        growth: 0.01,
        summer: 0.45,
        latest: ObservationStatus::Approved,
        ready_days: 25,
        measures: [
            Performance {
                key: "students-tutored",
                name: "Students in reading tutoring",
                level: Level::HowMuch,
                unit: Unit::Count,
                description: "Kindergarten to third-grade students who had at least one tutoring session during \
                    the quarter (summer reading in July to September).",
                numerator: "Students with at least one tutoring session during the quarter.",
                denominator: "",
                per_reach: 0.0,
                rate: (0.0, 0.0),
            },
            Performance {
                key: "tutoring-sessions-delivered",
                name: "Tutoring sessions delivered as planned",
                level: Level::HowWell,
                unit: Unit::Percent,
                description: "Of the tutoring sessions scheduled during the quarter, the share that took place \
                    and lasted at least 25 minutes.",
                numerator: "Tutoring sessions held as scheduled and lasting at least 25 minutes.",
                denominator: "Tutoring sessions scheduled during the quarter.",
                per_reach: 9.0,
                rate: (81.0, 89.0),
            },
            Performance {
                key: "tutored-students-meeting-growth-goal",
                name: "Tutored students meeting their reading growth goal",
                level: Level::BetterOff,
                unit: Unit::Percent,
                description: "Of the students tutored for at least six weeks, the share who met their growth goal \
                    on their latest benchmark reading check.",
                numerator: "Students who met their growth goal on their most recent benchmark reading check.",
                denominator: "Students tutored for at least six weeks who had a benchmark check during the quarter.",
                per_reach: 0.75,
                rate: (52.0, 61.0),
            },
        ],
    },
    Program {
        org: "Next Step College Access Network",
        source: "Next Step coaching records; FAFSA completion data from the state student aid office",
        strategy: "fafsa-completion",
        kind: PeriodKind::CalendarYear,
        periods: 3,
        zips: &[
            (EAST, 207.0),
            (NORTH, 150.0),
            (WEST, 161.0),
            (DOWN, 18.0),
            (RIVER, 150.0),
            (SOUTH, 196.0),
            (OAK, 143.0),
            (HARBOR, 127.0),
        ],
        growth: 0.08,
        summer: 1.0,
        latest: ObservationStatus::Submitted,
        ready_days: 25,
        measures: [
            Performance {
                key: "seniors-coached",
                name: "Seniors coached one-on-one",
                level: Level::HowMuch,
                unit: Unit::Count,
                description: "High school seniors who met a Next Step coach one-on-one at least once during the \
                    year.",
                numerator: "Seniors with at least one one-on-one coaching session during the year.",
                denominator: "",
                per_reach: 0.0,
                rate: (0.0, 0.0),
            },
            Performance {
                key: "seniors-with-three-coaching-sessions",
                name: "Coached seniors with three or more sessions",
                level: Level::HowWell,
                unit: Unit::Percent,
                description: "Of the seniors coached during the year, the share who met their coach at least three \
                    times: once is rarely enough to finish an application.",
                numerator: "Coached seniors with three or more one-on-one sessions during the year.",
                denominator: "Seniors coached one-on-one during the year.",
                per_reach: 1.0,
                rate: (58.0, 67.0),
            },
            Performance {
                key: "coached-seniors-completing-fafsa",
                name: "Coached seniors who completed the FAFSA",
                level: Level::BetterOff,
                unit: Unit::Percent,
                description: "Of the seniors coached during the year, the share who completed the Free Application \
                    for Federal Student Aid by June 30.",
                numerator: "Coached seniors who submitted a complete FAFSA by June 30.",
                denominator: "Seniors coached one-on-one during the year.",
                per_reach: 1.0,
                rate: (61.0, 69.0),
            },
        ],
    },
];

/// The returned number: one ZIP's 24-month screenings in Bright Start's latest quarter.
pub(crate) const RETURNED: (&str, usize) = ("children-on-track-at-24-months", NORTH);
pub(crate) const RETURN_REASON: &str =
    "Every child screened in Northgate this quarter is shown as on track, well above earlier \
    quarters. Please check that these are the 24-month ASQ-3 results and not the 12-month ones, and resubmit.";
