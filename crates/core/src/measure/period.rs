//! Reporting periods: the school year, calendar year, quarter or month a value describes.
//!
//! Text forms (what partners type and what the API shows):
//!
//! | kind | text | index |
//! | --- | --- | --- |
//! | school year | `2019-20` (also accepted: `2019-2020`) | start year: 2019 |
//! | calendar year | `2019` | year: 2019 |
//! | quarter | `2019-Q3` | year × 4 + quarter − 1 |
//! | month | `2019-07` | year × 12 + month − 1 |
//!
//! A school year runs from July to June, as in US federal education data; that only matters when
//! periods of different kinds are compared (see [`Period::years_since`]).

use crate::vocabulary::vocabulary as measure_vocabulary;
use chrono::{Datelike, NaiveDate};
use serde::{Serialize, Serializer};

measure_vocabulary! {
    /// How long a reporting period is, and how it is written.
    PeriodKind {
        /// July to June, written `2019-20`.
        SchoolYear => "school_year",
        /// January to December, written `2019`.
        CalendarYear => "calendar_year",
        /// Three months, written `2019-Q3`.
        Quarter => "quarter",
        /// One month, written `2019-07`.
        Month => "month",
    }
}

impl PeriodKind {
    /// How many periods of this kind make a year.
    pub fn per_year(self) -> i32 {
        match self {
            PeriodKind::SchoolYear | PeriodKind::CalendarYear => 1,
            PeriodKind::Quarter => 4,
            PeriodKind::Month => 12,
        }
    }

    /// Months in one period of this kind.
    fn months(self) -> i32 {
        12 / self.per_year()
    }

    /// An example of the text form, for messages.
    fn example(self) -> &'static str {
        match self {
            PeriodKind::SchoolYear => "2019-20",
            PeriodKind::CalendarYear => "2019",
            PeriodKind::Quarter => "2019-Q3",
            PeriodKind::Month => "2019-07",
        }
    }

    /// The name used in messages: "school year", "calendar year", ...
    fn name(self) -> &'static str {
        match self {
            PeriodKind::SchoolYear => "school year",
            PeriodKind::CalendarYear => "calendar year",
            PeriodKind::Quarter => "quarter",
            PeriodKind::Month => "month",
        }
    }
}

/// The years periods may start in, set by the server's configuration (`period_years`), so that
/// a typo such as `2204-05` or `0202` is refused rather than stored. By default 1900 to 2100.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Years {
    first: i32,
    last: i32,
}

impl Default for Years {
    fn default() -> Self {
        Years { first: 1900, last: 2100 }
    }
}

impl Years {
    /// From the first to the last year, both four-digit years, the first not after the last.
    pub fn new(first: i32, last: i32) -> Result<Years, String> {
        if !(1000..=9999).contains(&first) || !(1000..=9999).contains(&last) {
            return Err(format!("{first} to {last}: both must be years of four digits"));
        }
        if first > last {
            return Err(format!("{first} to {last}: the first year must not be after the last"));
        }
        Ok(Years { first, last })
    }

    /// Reads `1990-2060` (or `1990..2060`, `1990 to 2060`).
    pub fn parse(text: &str) -> Result<Years, String> {
        let t = text.trim();
        let (a, b) = t
            .split_once("..")
            .or_else(|| t.split_once(" to "))
            .or_else(|| t.split_once('-'))
            .ok_or_else(|| format!("{t:?}: write the first and the last year, like 1990-2060"))?;
        let year = |s: &str| s.trim().parse::<i32>().map_err(|_| format!("{t:?}: {:?} is not a year", s.trim()));
        Years::new(year(a)?, year(b)?)
    }

    pub fn first(self) -> i32 {
        self.first
    }

    pub fn last(self) -> i32 {
        self.last
    }

    /// `Ok` when the period starts within the years, the reason otherwise.
    pub fn check(self, p: Period) -> Result<Period, String> {
        if (self.first..=self.last).contains(&p.year()) {
            Ok(p)
        } else {
            Err(format!(
                "{} is outside the years Backbone accepts here ({} to {}); check the year",
                p.label(),
                self.first,
                self.last
            ))
        }
    }
}

/// The month (1–12) in which a school year starts: July, as in US federal education data.
pub const SCHOOL_YEAR_FIRST_MONTH: u32 = 7;

/// One reporting period. Periods sort by kind first, then in time; within one kind, `index`
/// counts periods (see the module table), so consecutive periods differ by 1.
///
/// Serialised as its label (`"2019-20"`). It is not deserialised on its own, because `2011-12`
/// could be a school year or a month: read the kind from the indicator and use [`Period::parse`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Period {
    /// How long the period is.
    pub kind: PeriodKind,
    /// Position in time, counted in periods of `kind` (see the module table).
    pub index: i32,
}

impl Period {
    /// The school year starting in `start_year`: `school_year(2019)` is 2019-20.
    pub fn school_year(start_year: i32) -> Period {
        Period { kind: PeriodKind::SchoolYear, index: start_year }
    }

    /// The calendar year `year`.
    pub fn calendar_year(year: i32) -> Period {
        Period { kind: PeriodKind::CalendarYear, index: year }
    }

    /// Quarter `quarter` (1–4) of `year`.
    ///
    /// # Panics
    /// When `quarter` is not 1 to 4.
    pub fn quarter(year: i32, quarter: u32) -> Period {
        assert!((1..=4).contains(&quarter), "quarter {quarter} is not 1 to 4");
        Period { kind: PeriodKind::Quarter, index: year * 4 + quarter as i32 - 1 }
    }

    /// Month `month` (1–12) of `year`.
    ///
    /// # Panics
    /// When `month` is not 1 to 12.
    pub fn month(year: i32, month: u32) -> Period {
        assert!((1..=12).contains(&month), "month {month} is not 1 to 12");
        Period { kind: PeriodKind::Month, index: year * 12 + month as i32 - 1 }
    }

    /// The year the period starts in (for a school year, its first year).
    pub fn year(self) -> i32 {
        self.index.div_euclid(self.kind.per_year())
    }

    /// The quarter (1–4) or month (1–12) within the year; 1 for school and calendar years.
    pub fn number_in_year(self) -> u32 {
        self.index.rem_euclid(self.kind.per_year()) as u32 + 1
    }

    /// Reads a period of a known kind, or says in plain English what is wrong with the text.
    ///
    /// `Period::parse(PeriodKind::SchoolYear, "2019-21")` fails with "2019-21 is not a school year:
    /// the second year must follow the first, like 2019-20".
    pub fn parse(kind: PeriodKind, text: &str) -> Result<Period, String> {
        let s = text.trim();
        let shown = if s.is_empty() { "An empty value" } else { s };
        let wrong = |why: &str| format!("{shown} is not a {}: {why}", kind.name());
        let write_it = format!("write it like {}", kind.example());
        match kind {
            PeriodKind::CalendarYear => {
                let year = four_digits(s).ok_or_else(|| wrong("write the year in four digits, like 2019"))?;
                Ok(Period::calendar_year(year))
            }
            PeriodKind::SchoolYear => {
                let (first, second) = s.split_once('-').ok_or_else(|| wrong(&write_it))?;
                let start = four_digits(first).ok_or_else(|| wrong(&write_it))?;
                let follows = match second.len() {
                    2 => digits(second).map(|end| end == (start + 1).rem_euclid(100)),
                    4 => digits(second).map(|end| end == start + 1),
                    _ => None,
                };
                match follows {
                    Some(true) => Ok(Period::school_year(start)),
                    Some(false) => Err(wrong(&format!(
                        "the second year must follow the first, like {}",
                        Period::school_year(start).label()
                    ))),
                    None => Err(wrong(&write_it)),
                }
            }
            PeriodKind::Quarter => {
                let how = "write the year and Q1 to Q4, like 2019-Q3";
                let (year, q) = s.split_once('-').ok_or_else(|| wrong(how))?;
                let year = four_digits(year).ok_or_else(|| wrong(how))?;
                let q = q.strip_prefix(['Q', 'q']).ok_or_else(|| wrong(how))?;
                match (q.len(), digits(q)) {
                    (1, Some(q @ 1..=4)) => Ok(Period::quarter(year, q as u32)),
                    _ => Err(wrong(how)),
                }
            }
            PeriodKind::Month => {
                let how = "write the year and the month in two digits, like 2019-07";
                let (year, m) = s.split_once('-').ok_or_else(|| wrong(how))?;
                let year = four_digits(year).ok_or_else(|| wrong(how))?;
                match (m.len(), digits(m)) {
                    (2, Some(m @ 1..=12)) => Ok(Period::month(year, m as u32)),
                    _ => Err(wrong(how)),
                }
            }
        }
    }

    /// Reads a period of a known kind that must start within `years`.
    pub fn parse_within(kind: PeriodKind, text: &str, years: Years) -> Result<Period, String> {
        years.check(Period::parse(kind, text)?)
    }

    /// Reads a period whose kind is not known, inferring it from the text: `2019` is a calendar
    /// year, `2019-Q3` a quarter, `2019-20` a school year and `2019-07` a month.
    ///
    /// Twelve school years read like months (`2000-01` to `2011-12`, and the same a century
    /// earlier); for those it refuses to guess and says so.
    pub fn parse_any(text: &str) -> Result<Period, String> {
        let s = text.trim();
        let tries: Vec<Period> = PeriodKind::ALL.iter().filter_map(|k| Period::parse(*k, s).ok()).collect();
        match tries.as_slice() {
            [one] => Ok(*one),
            [] => {
                let shown = if s.is_empty() { "An empty value" } else { s };
                Err(format!(
                    "{shown} is not a period: write a school year like 2019-20, a year like 2019, \
                     a quarter like 2019-Q3 or a month like 2019-07"
                ))
            }
            many => {
                let readings: Vec<String> = many.iter().map(|p| p.describe()).collect();
                Err(format!("{s} could be {}: say which kind of period it is", readings.join(" or ")))
            }
        }
    }

    /// The text form: `2019-20`, `2019`, `2019-Q3` or `2019-07`.
    pub fn label(self) -> String {
        let year = self.year();
        match self.kind {
            PeriodKind::SchoolYear => format!("{year:04}-{:02}", (year + 1).rem_euclid(100)),
            PeriodKind::CalendarYear => format!("{year:04}"),
            PeriodKind::Quarter => format!("{year:04}-Q{}", self.number_in_year()),
            PeriodKind::Month => format!("{year:04}-{:02}", self.number_in_year()),
        }
    }

    /// "the school year 2011-12", "December 2011": for messages.
    fn describe(self) -> String {
        const MONTHS: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        match self.kind {
            PeriodKind::Month => format!("{} {}", MONTHS[self.number_in_year() as usize - 1], self.year()),
            kind => format!("the {} {}", kind.name(), self.label()),
        }
    }

    /// The period that follows: 2019-Q4 → 2020-Q1, 1999-00 → 2000-01.
    pub fn next(self) -> Period {
        self.offset(1)
    }

    /// The period before: 2020-01 → 2019-12.
    pub fn prev(self) -> Period {
        self.offset(-1)
    }

    /// The period `n` periods later (earlier when `n` is negative).
    pub fn offset(self, n: i32) -> Period {
        Period { kind: self.kind, index: self.index + n }
    }

    /// Every period from this one through `last`, both included, in order. Empty when `last` is
    /// earlier or of another kind.
    pub fn through(self, last: Period) -> Vec<Period> {
        if last.kind != self.kind {
            return Vec::new();
        }
        (self.index..=last.index).map(|index| Period { kind: self.kind, index }).collect()
    }

    /// Months since January of year 0 at the start of the period.
    fn start_month(self) -> i32 {
        match self.kind {
            PeriodKind::SchoolYear => self.index * 12 + SCHOOL_YEAR_FIRST_MONTH as i32 - 1,
            kind => self.index * kind.months(),
        }
    }

    /// Years from the start of `other` to the start of this period: a difference of quarters is
    /// divided by 4, of months by 12. Negative when `other` is later. Periods of different kinds
    /// are compared by their first months (a school year starts in July).
    pub fn years_since(self, other: Period) -> f64 {
        if self.kind == other.kind {
            f64::from(self.index - other.index) / f64::from(self.kind.per_year())
        } else {
            f64::from(self.start_month() - other.start_month()) / 12.0
        }
    }

    /// The first day of the period (1 July for a school year).
    pub fn first_day(self) -> NaiveDate {
        let months = self.start_month();
        NaiveDate::from_ymd_opt(months.div_euclid(12), months.rem_euclid(12) as u32 + 1, 1)
            .expect("the first of a month is a date")
    }

    /// The last day of the period (30 June for a school year).
    pub fn last_day(self) -> NaiveDate {
        self.next().first_day().pred_opt().expect("the day before the first of a month is a date")
    }

    /// The period of `kind` that contains `date`: 15 March 2020 is in the school year 2019-20.
    pub fn containing(kind: PeriodKind, date: NaiveDate) -> Period {
        let (year, month) = (date.year(), date.month());
        match kind {
            PeriodKind::SchoolYear if month >= SCHOOL_YEAR_FIRST_MONTH => Period::school_year(year),
            PeriodKind::SchoolYear => Period::school_year(year - 1),
            PeriodKind::CalendarYear => Period::calendar_year(year),
            PeriodKind::Quarter => Period::quarter(year, (month - 1) / 3 + 1),
            PeriodKind::Month => Period::month(year, month),
        }
    }
}

/// The value of a string of ASCII digits (at most nine, so that it fits).
fn digits(s: &str) -> Option<i32> {
    if s.is_empty() || s.len() > 9 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// A year written in exactly four digits.
fn four_digits(s: &str) -> Option<i32> {
    if s.len() == 4 {
        digits(s)
    } else {
        None
    }
}

impl std::fmt::Display for Period {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label())
    }
}

impl Serialize for Period {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use PeriodKind::*;

    fn p(kind: PeriodKind, s: &str) -> Period {
        Period::parse(kind, s).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn periods_stay_within_the_configured_years() {
        let years = Years::default();
        assert!(Period::parse_within(SchoolYear, "2024-25", years).is_ok());
        let e = Period::parse_within(SchoolYear, "2204-05", years).unwrap_err();
        assert_eq!(e, "2204-05 is outside the years Backbone accepts here (1900 to 2100); check the year");
        assert!(Period::parse_within(CalendarYear, "0202", years).is_err());
        let narrow = Years::parse("1990-2060").unwrap();
        assert_eq!((narrow.first(), narrow.last()), (1990, 2060));
        assert!(Period::parse_within(Month, "1989-12", narrow).is_err());
        assert!(Period::parse_within(Quarter, "2060-Q4", narrow).is_ok());
        assert_eq!(Years::parse("1850..1900").unwrap().first(), 1850);
        assert!(Years::parse("2060-1990").unwrap_err().contains("must not be after"));
        assert!(Years::parse("soon").is_err());
        assert!(Years::new(99, 2000).is_err());
    }

    #[test]
    fn kinds_are_stored_by_their_snake_case_names() {
        let names: Vec<&str> = PeriodKind::ALL.iter().map(|k| k.as_str()).collect();
        assert_eq!(names, ["school_year", "calendar_year", "quarter", "month"]);
        assert_eq!(PeriodKind::parse("quarter"), Some(Quarter));
        assert_eq!(PeriodKind::parse("Quarter"), None);
        assert_eq!(serde_json::to_string(&SchoolYear).unwrap(), "\"school_year\"");
        assert_eq!(serde_json::from_str::<PeriodKind>("\"month\"").unwrap(), Month);
    }

    #[test]
    fn each_kind_reads_and_writes_its_text_form() {
        for (kind, text, index) in [
            (SchoolYear, "2019-20", 2019),
            (CalendarYear, "2019", 2019),
            // 2019 × 4 + 3 − 1 = 8078
            (Quarter, "2019-Q3", 8078),
            // 2019 × 12 + 7 − 1 = 24234
            (Month, "2019-07", 24234),
        ] {
            let period = p(kind, text);
            assert_eq!(period, Period { kind, index }, "{text}");
            assert_eq!(period.label(), text);
            assert_eq!(period.to_string(), text);
        }
        assert_eq!(Period::quarter(2019, 3), p(Quarter, "2019-Q3"));
        assert_eq!(Period::month(2019, 7), p(Month, "2019-07"));
    }

    #[test]
    fn a_school_year_spans_two_consecutive_years() {
        assert_eq!(p(SchoolYear, "1999-00"), Period::school_year(1999), "the century turns");
        assert_eq!(p(SchoolYear, "2019-2020"), Period::school_year(2019), "the long form is accepted");
        assert_eq!(p(SchoolYear, " 2019-20 "), Period::school_year(2019), "spaces around are ignored");
        assert_eq!(Period::school_year(1999).label(), "1999-00");
        assert_eq!(
            Period::parse(SchoolYear, "2019-21").unwrap_err(),
            "2019-21 is not a school year: the second year must follow the first, like 2019-20"
        );
        assert_eq!(
            Period::parse(SchoolYear, "2019-2021").unwrap_err(),
            "2019-2021 is not a school year: the second year must follow the first, like 2019-20"
        );
        assert_eq!(Period::parse(SchoolYear, "2019").unwrap_err(), "2019 is not a school year: write it like 2019-20");
        assert_eq!(
            Period::parse(SchoolYear, "").unwrap_err(),
            "An empty value is not a school year: write it like 2019-20"
        );
        assert!(Period::parse(SchoolYear, "19-20").is_err());
        assert!(Period::parse(SchoolYear, "2019-2").is_err());
    }

    #[test]
    fn wrong_text_is_explained_for_every_kind() {
        assert_eq!(
            Period::parse(CalendarYear, "19").unwrap_err(),
            "19 is not a calendar year: write the year in four digits, like 2019"
        );
        assert_eq!(
            Period::parse(Quarter, "2019-Q5").unwrap_err(),
            "2019-Q5 is not a quarter: write the year and Q1 to Q4, like 2019-Q3"
        );
        assert_eq!(
            Period::parse(Month, "2019-13").unwrap_err(),
            "2019-13 is not a month: write the year and the month in two digits, like 2019-07"
        );
        assert!(Period::parse(Month, "2019-7").is_err(), "two digits for the month");
        assert!(Period::parse(Month, "2019-00").is_err());
        assert!(Period::parse(CalendarYear, "+201").is_err());
        assert_eq!(p(Quarter, "2019-q3"), Period::quarter(2019, 3), "a lower-case q is fine");
    }

    #[test]
    fn the_kind_can_be_inferred_from_the_text() {
        assert_eq!(Period::parse_any("2019").unwrap(), Period::calendar_year(2019));
        assert_eq!(Period::parse_any("2019-Q3").unwrap(), Period::quarter(2019, 3));
        assert_eq!(Period::parse_any("2019-20").unwrap(), Period::school_year(2019));
        assert_eq!(Period::parse_any("2019-07").unwrap(), Period::month(2019, 7));
        assert_eq!(Period::parse_any("1999-00").unwrap(), Period::school_year(1999));
        assert_eq!(Period::parse_any("2011-2012").unwrap(), Period::school_year(2011));
        assert_eq!(
            Period::parse_any("2011-12").unwrap_err(),
            "2011-12 could be the school year 2011-12 or December 2011: say which kind of period it is"
        );
        assert_eq!(
            Period::parse_any("2019-21").unwrap_err(),
            "2019-21 is not a period: write a school year like 2019-20, a year like 2019, \
             a quarter like 2019-Q3 or a month like 2019-07"
        );
    }

    #[test]
    fn next_and_previous_cross_year_boundaries() {
        assert_eq!(Period::quarter(2019, 4).next(), Period::quarter(2020, 1));
        assert_eq!(Period::month(2019, 12).next(), Period::month(2020, 1));
        assert_eq!(Period::school_year(1999).next().label(), "2000-01");
        assert_eq!(Period::month(2020, 1).prev(), Period::month(2019, 12));
        assert_eq!(Period::calendar_year(2019).offset(-3), Period::calendar_year(2016));
        let labels: Vec<String> =
            Period::quarter(2019, 3).through(Period::quarter(2020, 2)).into_iter().map(Period::label).collect();
        assert_eq!(labels, ["2019-Q3", "2019-Q4", "2020-Q1", "2020-Q2"]);
        assert!(Period::quarter(2020, 2).through(Period::quarter(2019, 3)).is_empty());
        assert!(Period::quarter(2020, 2).through(Period::month(2021, 1)).is_empty());
    }

    #[test]
    fn years_between_periods() {
        // 2021-Q1 is 6 quarters after 2019-Q3: 6 / 4 = 1.5 years.
        assert_eq!(Period::quarter(2021, 1).years_since(Period::quarter(2019, 3)), 1.5);
        // 2019-07 is 9 months before 2020-04: −9 / 12 = −0.75.
        assert_eq!(Period::month(2019, 7).years_since(Period::month(2020, 4)), -0.75);
        assert_eq!(Period::school_year(2022).years_since(Period::school_year(2018)), 4.0);
        // School year 2019-20 starts July 2019: half a year after calendar year 2019 starts.
        assert_eq!(Period::school_year(2019).years_since(Period::calendar_year(2019)), 0.5);
    }

    #[test]
    fn periods_sort_in_time_within_a_kind() {
        let mut v = vec![Period::month(2020, 1), Period::month(2019, 12), Period::month(2019, 2)];
        v.sort();
        assert_eq!(v, [Period::month(2019, 2), Period::month(2019, 12), Period::month(2020, 1)]);
        assert!(Period::school_year(2018) < Period::school_year(2019));
    }

    #[test]
    fn a_period_serialises_as_its_label() {
        assert_eq!(serde_json::to_string(&Period::school_year(2019)).unwrap(), "\"2019-20\"");
        assert_eq!(serde_json::to_string(&[Period::quarter(2019, 3)]).unwrap(), "[\"2019-Q3\"]");
    }

    #[test]
    fn first_and_last_days_and_the_period_containing_a_date() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(Period::school_year(2019).first_day(), d(2019, 7, 1));
        assert_eq!(Period::school_year(2019).last_day(), d(2020, 6, 30));
        assert_eq!(Period::quarter(2020, 1).last_day(), d(2020, 3, 31));
        assert_eq!(Period::month(2020, 2).last_day(), d(2020, 2, 29), "a leap year");
        assert_eq!(Period::containing(SchoolYear, d(2020, 3, 15)), Period::school_year(2019));
        assert_eq!(Period::containing(SchoolYear, d(2020, 7, 1)), Period::school_year(2020));
        assert_eq!(Period::containing(Quarter, d(2020, 8, 31)), Period::quarter(2020, 3));
        assert_eq!(Period::containing(Month, d(2020, 8, 31)), Period::month(2020, 8));
        assert_eq!(Period::containing(CalendarYear, d(2020, 8, 31)), Period::calendar_year(2020));
    }
}
