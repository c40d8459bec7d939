//! The long CSV format partners submit data in, read row by row so that memory does not grow
//! with the file, with every problem reported by row and column.
//!
//! ```text
//! indicator,period,geography,groups,numerator,denominator
//! third-grade-reading,2024-25,riverbend,,1523,4010
//! third-grade-reading,2024-25,47302,race_ethnicity=Black or African American,210,702
//! ```
//!
//! `groups` is empty for everyone, or `dimension=value` pairs separated by `;`. `denominator` is
//! required for rates (percent, rate per 1,000) and empty otherwise. Row 1 is the header, so the
//! first number is on row 2, as a spreadsheet shows it.

use crate::measure::observation::{parse_groups, Catalog, ObservationInput};
use serde::Serialize;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::io::Read;

pub const COLUMNS: [&str; 6] = ["indicator", "period", "geography", "groups", "numerator", "denominator"];

/// One problem in one cell of the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct RowError {
    /// The row as a spreadsheet numbers it (the header is row 1).
    pub row: u64,
    /// The column's name, or empty for a problem with the whole row.
    pub column: String,
    pub reason: String,
}

/// What checking a whole file found.
#[derive(Debug, Clone, Default, PartialEq, Serialize, utoipa::ToSchema)]
pub struct CsvReport {
    pub rows: u64,
    pub valid_rows: u64,
    pub invalid_rows: u64,
    /// The first problems found (at most `MAX_REPORTED_ERRORS`); `invalid_rows` counts them all.
    pub errors: Vec<RowError>,
    /// The first valid rows, to show before importing.
    pub preview: Vec<ObservationInput>,
}

pub const MAX_REPORTED_ERRORS: usize = 1000;

impl CsvReport {
    /// Counts one item read from a file, keeping the first rows and problems; hands back the
    /// observation when the row is valid. A problem with the header is not counted as a row.
    pub fn record(&mut self, item: Result<ObservationInput, Vec<RowError>>) -> Option<ObservationInput> {
        match item {
            Ok(o) => {
                self.rows += 1;
                self.valid_rows += 1;
                if self.preview.len() < PREVIEW_ROWS {
                    self.preview.push(o.clone());
                }
                Some(o)
            }
            Err(errs) => {
                if !errs.iter().any(|e| e.row == 1) {
                    self.rows += 1;
                    self.invalid_rows += 1;
                }
                let room = MAX_REPORTED_ERRORS.saturating_sub(self.errors.len());
                self.errors.extend(errs.into_iter().take(room));
                None
            }
        }
    }

    /// The header itself was wrong, so no row could be read.
    pub fn header_failed(&self) -> bool {
        self.errors.iter().any(|e| e.row == 1)
    }
}
pub const PREVIEW_ROWS: usize = 20;

/// Reads observations from CSV one row at a time, checking each against the catalogue and
/// against the rows before it (the same number twice is an error).
pub struct CsvRows<'c, R: Read> {
    reader: csv::Reader<R>,
    catalog: &'c Catalog<'c>,
    record: csv::StringRecord,
    columns: [usize; 6],
    header_error: Option<RowError>,
    header_len: usize,
    /// A 64-bit hash of each row's key (as two halves, so an entry packs into 12 bytes) and its
    /// row number: about 200 MB for 10M rows.
    seen: HashMap<[u32; 2], u32>,
    done: bool,
}

impl<'c, R: Read> CsvRows<'c, R> {
    pub fn new(input: R, catalog: &'c Catalog<'c>) -> Self {
        let mut reader = csv::ReaderBuilder::new().flexible(true).trim(csv::Trim::All).from_reader(input);
        let mut columns = [usize::MAX; 6];
        let mut header_error = None;
        let mut header_len = 0;
        match reader.headers() {
            Ok(h) => {
                header_len = h.len();
                let names: Vec<String> = h.iter().map(|s| s.trim_start_matches('\u{feff}').to_lowercase()).collect();
                for (i, want) in COLUMNS.iter().enumerate() {
                    match names.iter().position(|n| n == want) {
                        Some(p) => columns[i] = p,
                        None if *want == "groups" || *want == "denominator" => {}
                        None => {
                            header_error = Some(RowError {
                                row: 1,
                                column: want.to_string(),
                                reason: format!("the header has no \"{want}\" column; expected: {}", COLUMNS.join(",")),
                            })
                        }
                    }
                }
                if let Some(extra) = names.iter().find(|n| !COLUMNS.contains(&n.as_str())) {
                    header_error.get_or_insert(RowError {
                        row: 1,
                        column: extra.clone(),
                        reason: format!("unknown column \"{extra}\"; expected: {}", COLUMNS.join(",")),
                    });
                }
            }
            Err(e) => {
                header_error =
                    Some(RowError { row: 1, column: String::new(), reason: format!("cannot read the header: {e}") })
            }
        }
        CsvRows {
            reader,
            catalog,
            record: csv::StringRecord::new(),
            columns,
            header_error,
            header_len,
            seen: HashMap::new(),
            done: false,
        }
    }

    fn cell(&self, col: usize) -> &str {
        let i = self.columns[col];
        if i == usize::MAX {
            ""
        } else {
            self.record.get(i).unwrap_or("")
        }
    }

    fn parse_row(&mut self, row: u64) -> Result<ObservationInput, Vec<RowError>> {
        let mut errors = Vec::new();
        let err = |column: &str, reason: String| RowError { row, column: column.into(), reason };
        if self.record.len() != self.header_len {
            return Err(vec![err(
                "",
                format!("has {} values but the header has {} columns", self.record.len(), self.header_len),
            )]);
        }
        let number = |col: usize, name: &str, errors: &mut Vec<RowError>| -> Option<f64> {
            let cell = self.cell(col);
            if cell.is_empty() {
                return None;
            }
            // "1,250" as a spreadsheet writes it.
            let parsed = if cell.contains(',') { cell.replace(',', "").parse::<f64>() } else { cell.parse::<f64>() };
            match parsed {
                Ok(v) if v.is_finite() => Some(v),
                _ => {
                    errors.push(err(name, format!("\"{}\" is not a number", self.cell(col))));
                    None
                }
            }
        };
        let numerator = number(4, "numerator", &mut errors);
        let denominator = number(5, "denominator", &mut errors);
        if numerator.is_none() && self.cell(4).is_empty() {
            errors.push(err("numerator", "is required".into()));
        }
        let groups = match parse_groups(self.cell(3)) {
            Ok(g) => g,
            Err(e) => {
                errors.push(err("groups", e));
                Default::default()
            }
        };
        let input = ObservationInput {
            indicator: self.cell(0).to_string(),
            period: self.cell(1).to_string(),
            geography: self.cell(2).to_string(),
            groups,
            numerator: numerator.unwrap_or(0.0),
            denominator,
        };
        if errors.is_empty() {
            if let Err(inv) = self.catalog.check(&input) {
                errors.extend(inv.0.into_iter().map(|f| err(&f.field, f.reason)));
            }
        }
        if errors.is_empty() {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            (&input.indicator, &input.period, &input.geography, &input.groups).hash(&mut h);
            let h = h.finish();
            if let Some(first) = self.seen.insert([h as u32, (h >> 32) as u32], row.min(u32::MAX as u64) as u32) {
                errors.push(err("", format!("repeats row {first}: the same indicator, period, place and groups")));
            }
        }
        if errors.is_empty() {
            Ok(input)
        } else {
            Err(errors)
        }
    }

    /// Reads the whole file and reports on it, keeping only the first errors and rows.
    pub fn report(self) -> CsvReport {
        let mut report = CsvReport::default();
        for item in self {
            report.record(item);
        }
        report
    }
}

impl<R: Read> Iterator for CsvRows<'_, R> {
    /// A checked observation, or everything wrong with its row.
    type Item = Result<ObservationInput, Vec<RowError>>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        if let Some(e) = self.header_error.take() {
            self.done = true;
            return Some(Err(vec![e]));
        }
        match self.reader.read_record(&mut self.record) {
            Ok(true) => {
                let row = self.record.position().map(|p| p.line()).unwrap_or(0);
                Some(self.parse_row(row))
            }
            Ok(false) => {
                self.done = true;
                None
            }
            Err(e) => {
                self.done = true;
                let row = e.position().map(|p| p.line()).unwrap_or(0);
                Some(Err(vec![RowError { row, column: String::new(), reason: format!("unreadable CSV: {e}") }]))
            }
        }
    }
}

/// The Frictionless Table Schema describing the format, served by the API.
pub fn table_schema() -> serde_json::Value {
    serde_json::json!({
        "$schema": "https://specs.frictionlessdata.io/schemas/table-schema.json",
        "title": "Backbone observations (long format)",
        "description": "One number per row: an indicator for one period, place and group. Row 1 is the header.",
        "fields": [
            {"name": "indicator", "type": "string", "description": "The indicator's key, e.g. third-grade-reading.", "constraints": {"required": true}},
            {"name": "period", "type": "string", "description": "School year 2024-25, calendar year 2024, quarter 2024-Q3 or month 2024-07, as the indicator is reported.", "constraints": {"required": true, "pattern": "^[0-9]{4}(-[0-9]{2}|-Q[1-4])?$"}},
            {"name": "geography", "type": "string", "description": "A place code of the initiative (the community, a district, a ZIP code, a tract).", "constraints": {"required": true}},
            {"name": "groups", "type": "string", "description": "Empty for everyone, or dimension=value pairs separated by ';', e.g. race_ethnicity=Asian;language=Spanish."},
            {"name": "numerator", "type": "number", "description": "The count (for a rate, the people who meet the definition).", "constraints": {"required": true, "minimum": 0}},
            {"name": "denominator", "type": "number", "description": "The people the number is over: for a percent or rate, those counted below the line; for an amount or a score, the people the total is summed over (the indicator shows the average). Empty for counts.", "constraints": {"minimum": 0}}
        ],
        "primaryKey": ["indicator", "period", "geography", "groups"],
        "missingValues": [""]
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::measure::analytics::{Direction, Unit};
    use crate::measure::indicator::*;
    use crate::measure::period::PeriodKind;
    use crate::measure::place::*;

    fn indicator(key: &str, unit: Unit) -> Indicator {
        Indicator {
            id: 1,
            initiative_id: 1,
            key: key.into(),
            name: "Third-grade reading".into(),
            description: String::new(),
            numerator_definition: "Third graders meeting the reading standard".into(),
            denominator_definition: "Third graders tested".into(),
            unit,
            direction: Direction::Up,
            period_kind: PeriodKind::SchoolYear,
            source: "State assessment".into(),
            level: Level::Population,
            result_key: None,
            owner_organization_id: None,
            baseline_period: None,
            targets: vec![],
            suppression_threshold: 10,
            disclosure_rule: Default::default(),
            submitters: Vec::new(),
            min_gap_change: None,
            published: true,
            created_at: chrono::Utc::now(),
            updated_at: chrono::Utc::now(),
        }
    }

    fn report(csv: &str) -> CsvReport {
        let indicators = vec![
            indicator("third-grade-reading", Unit::Percent),
            indicator("families-served", Unit::Count),
            indicator("readiness-score", Unit::Score),
        ];
        let geographies = vec![
            Geography { code: "riverbend".into(), name: "Riverbend".into(), level: GeoLevel::Community, parent: None },
            Geography {
                code: "47302".into(),
                name: "Eastside".into(),
                level: GeoLevel::Zip,
                parent: Some("riverbend".into()),
            },
        ];
        let dimensions = vec![Dimension {
            key: "race_ethnicity".into(),
            name: "Race or ethnicity".into(),
            values: vec!["Asian".into(), "Black or African American".into()],
        }];
        let catalog = Catalog::new(&indicators, &geographies, &dimensions);
        CsvRows::new(csv.as_bytes(), &catalog).report()
    }

    #[test]
    fn a_clean_file_reads_every_row() {
        let r = report(
            "indicator,period,geography,groups,numerator,denominator\n\
             third-grade-reading,2024-25,riverbend,,1523,4010\n\
             third-grade-reading,2024-25,47302,race_ethnicity=Black or African American,210,702\n\
             families-served,2024-25,riverbend,,\"1,250\",\n",
        );
        assert_eq!((r.rows, r.valid_rows, r.invalid_rows), (3, 3, 0), "{:?}", r.errors);
        assert_eq!(r.preview[1].groups.get("race_ethnicity").map(String::as_str), Some("Black or African American"));
        assert_eq!(r.preview[2].numerator, 1250.0);
    }

    #[test]
    fn an_average_needs_the_people_it_is_over_and_may_exceed_them() {
        let r = report(
            "indicator,period,geography,groups,numerator,denominator\n\
             readiness-score,2024-25,riverbend,,1050,300\n\
             readiness-score,2023-24,riverbend,,3.5,\n",
        );
        assert_eq!((r.valid_rows, r.invalid_rows), (1, 1), "{:?}", r.errors);
        assert_eq!(r.errors[0].column, "denominator");
        assert_eq!(r.errors[0].reason, "is required: the number of people the average is over");
    }

    #[test]
    fn every_problem_is_reported_with_its_row_and_column() {
        let r = report(
            "indicator,period,geography,groups,numerator,denominator\n\
             reading-scores,2024-25,riverbend,,1,2\n\
             third-grade-reading,2024-26,riverbend,,1,2\n\
             third-grade-reading,2024-25,atlantis,,1,2\n\
             third-grade-reading,2024-25,riverbend,race_ethnicity=Martian,1,2\n\
             third-grade-reading,2024-25,riverbend,,lots,2\n\
             third-grade-reading,2024-25,riverbend,,30,20\n\
             third-grade-reading,2023-24,riverbend,,30,\n\
             families-served,2024-25,riverbend,,3.5,\n\
             third-grade-reading,2022-23,riverbend,,5,10\n\
             third-grade-reading,2022-23,riverbend,,6,10\n\
             third-grade-reading,2021-22,riverbend\n",
        );
        let at = |row: u64, column: &str| {
            r.errors.iter().find(|e| e.row == row && e.column == column).map(|e| e.reason.clone())
        };
        assert!(at(2, "indicator").unwrap().contains("not an indicator"));
        assert!(at(3, "period").unwrap().contains("2024-26"));
        assert!(at(4, "geography").unwrap().contains("atlantis"));
        assert!(at(5, "groups").unwrap().contains("Martian"));
        assert_eq!(at(6, "numerator").unwrap(), "\"lots\" is not a number");
        assert_eq!(at(7, "numerator").unwrap(), "30 is more than the denominator 20");
        assert_eq!(at(8, "denominator").unwrap(), "is required for a rate");
        assert_eq!(at(9, "numerator").unwrap(), "a count must be a whole number");
        assert_eq!(at(11, "").unwrap(), "repeats row 10: the same indicator, period, place and groups");
        assert!(at(12, "").unwrap().contains("has 3 values"));
        assert_eq!((r.rows, r.valid_rows, r.invalid_rows), (11, 1, 10));
    }

    #[test]
    fn a_wrong_header_stops_at_once() {
        let r = report("indicator,year,geography,numerator\nthird-grade-reading,2024-25,riverbend,1\n");
        assert_eq!(r.errors.len(), 1);
        assert_eq!(r.errors[0].row, 1);
        assert_eq!(r.rows, 0);
    }

    #[test]
    fn the_table_schema_names_every_column() {
        let s = table_schema();
        let names: Vec<&str> = s["fields"].as_array().unwrap().iter().map(|f| f["name"].as_str().unwrap()).collect();
        assert_eq!(names, COLUMNS);
    }
}
