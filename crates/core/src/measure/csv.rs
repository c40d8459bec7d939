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

use crate::measure::indicator::Indicator;
use crate::measure::number::{self, show, Commas, LARGEST};
use crate::measure::observation::{parse_groups, Catalog, ObservationInput};
use crate::measure::place::{Dimension, Geography};
use serde::Serialize;
use std::collections::HashMap;
use std::hash::Hash;
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
    /// What was noticed about the file as a whole, e.g. "The values are separated by semicolons".
    pub notes: Vec<String>,
    /// Totals whose group rows add up to more than them. Rows that contradict each other are
    /// never imported, not even as "valid rows only": which of them is right is the partner's
    /// to say.
    pub contradictions: u64,
    /// Reading stopped before the end of the file (it could not be read further): nothing of it
    /// is imported, not even its valid rows.
    pub incomplete: bool,
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

    /// Once every row is read: adds what only the whole file shows — the notes, whether reading
    /// stopped early, and the totals that their groups exceed (each such total row, valid on its
    /// own, is then counted invalid).
    pub fn finish<R: Read>(&mut self, rows: &mut CsvRows<'_, R>) {
        self.notes = rows.notes().to_vec();
        self.incomplete |= rows.stopped_early;
        let errors = rows.contradictions();
        let mut at: Vec<u64> = errors.iter().map(|e| e.row).collect();
        at.dedup();
        let n = at.len() as u64;
        self.contradictions += n;
        self.valid_rows = self.valid_rows.saturating_sub(n);
        self.invalid_rows += n;
        let room = MAX_REPORTED_ERRORS.saturating_sub(self.errors.len());
        self.errors.extend(errors.into_iter().take(room));
    }

    /// Whether the file may be imported: read to its end, with rows, a readable header and no contradictions,
    /// and (unless only the valid rows are asked for) no problem at all.
    pub fn importable(&self, valid_only: bool) -> bool {
        self.valid_rows > 0
            && !self.header_failed()
            && !self.incomplete
            && self.contradictions == 0
            && (self.invalid_rows == 0 || valid_only)
    }
}
pub const PREVIEW_ROWS: usize = 20;

/// Reads observations from CSV one row at a time, checking each against the catalogue and
/// against the rows before it (the same number twice is an error). Values may be separated by
/// commas or, when the header leaves no doubt, by semicolons or tabs (as spreadsheets set to
/// other languages save them); `notes` says so. Once every row is read, group rows are checked
/// against their totals (`contradictions`).
pub struct CsvRows<'c, R: Read> {
    reader: csv::Reader<std::io::Chain<std::io::Cursor<Vec<u8>>, std::io::BufReader<R>>>,
    catalog: &'c Catalog<'c>,
    record: csv::StringRecord,
    columns: [usize; 6],
    header_error: Option<RowError>,
    header_len: usize,
    commas: Commas,
    notes: Vec<String>,
    /// A 64-bit hash of each row's key (as two halves, so an entry packs into 12 bytes) and its
    /// row number: about 220 MB for 10M rows.
    seen: Sharded<u32>,
    totals: Totals,
    rows_read: u64,
    done: bool,
    stopped_early: bool,
    contradictions: Option<Vec<RowError>>,
}

/// The delimiters a file may use, by how they are named in messages.
const DELIMITERS: [(u8, &str); 3] = [(b',', "commas"), (b';', "semicolons"), (b'\t', "tabs")];

fn header_names(line: &[u8], delimiter: u8) -> Vec<String> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).delimiter(delimiter).from_reader(line);
    let mut record = csv::StringRecord::new();
    match reader.read_record(&mut record) {
        Ok(true) => record.iter().map(|s| s.trim().trim_start_matches('\u{feff}').trim().to_lowercase()).collect(),
        _ => Vec::new(),
    }
}

/// A header that names the required columns and no unknown ones.
fn fits(names: &[String]) -> bool {
    ["indicator", "period", "geography", "numerator"].iter().all(|c| names.iter().any(|n| n == c))
        && names.iter().all(|n| COLUMNS.contains(&n.as_str()))
}

impl<'c, R: Read> CsvRows<'c, R> {
    pub fn new(input: R, catalog: &'c Catalog<'c>) -> Self {
        use std::io::BufRead;
        let mut input = std::io::BufReader::new(input);
        let mut first = Vec::new();
        let read = input.read_until(b'\n', &mut first);
        let mut header_error = None;
        let mut notes = Vec::new();
        let mut delimiter = b',';
        let expected = COLUMNS.join(",");
        match read {
            Err(e) => header_error = Some(file_error(format!("cannot read the file: {e}"))),
            Ok(0) => {
                header_error =
                    Some(file_error(format!("the file is empty: its first line must be the header, {expected}")))
            }
            Ok(_) => {
                if !fits(&header_names(&first, b',')) {
                    if let Some((d, name)) = DELIMITERS[1..].iter().find(|(d, _)| fits(&header_names(&first, *d))) {
                        delimiter = *d;
                        notes.push(format!("The values are separated by {name}, not commas; they were read that way."));
                    }
                }
            }
        }
        let commas = if delimiter == b';' { Commas::Refused } else { Commas::Thousands };
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .trim(csv::Trim::All)
            .delimiter(delimiter)
            .from_reader(std::io::Cursor::new(first).chain(input));
        let mut columns = [usize::MAX; 6];
        let mut header_len = 0;
        if header_error.is_none() {
            match reader.headers() {
                Ok(h) => {
                    header_len = h.len();
                    let names: Vec<String> =
                        h.iter().map(|s| s.trim_start_matches('\u{feff}').trim().to_lowercase()).collect();
                    header_error = check_header(&names, &mut columns);
                }
                Err(e) => header_error = Some(file_error(format!("cannot read the header: {e}"))),
            }
        }
        CsvRows {
            reader,
            catalog,
            record: csv::StringRecord::new(),
            columns,
            header_error,
            header_len,
            commas,
            notes,
            seen: Sharded::default(),
            totals: Totals::default(),
            rows_read: 0,
            done: false,
            stopped_early: false,
            contradictions: None,
        }
    }

    /// What the reader noticed about the file as a whole (a delimiter other than commas).
    pub fn notes(&self) -> &[String] {
        &self.notes
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
        for (col, name) in COLUMNS.iter().enumerate() {
            if self.cell(col).contains('\0') {
                errors.push(err(name, "contains a NUL character, which text cannot hold".into()));
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let commas = self.commas;
        let number = |col: usize, name: &str, errors: &mut Vec<RowError>| -> Option<f64> {
            let cell = self.cell(col);
            if cell.is_empty() {
                return None;
            }
            match number::parse(cell, commas) {
                Ok(v) => Some(v),
                Err(e) => {
                    errors.push(err(name, e));
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
            let h = hash64(&(&input.indicator, &input.period, &input.geography, &input.groups));
            if let Some(first) = self.seen.insert(h, row.min(u32::MAX as u64) as u32) {
                errors.push(err("", format!("repeats row {first}: the same indicator, period, place and groups")));
            }
        }
        if errors.is_empty() {
            self.totals.add(row, &input);
            Ok(input)
        } else {
            Err(errors)
        }
    }

    /// Reads the whole file and reports on it, keeping only the first errors and rows.
    pub fn report(mut self) -> CsvReport {
        let mut report = CsvReport::default();
        for item in self.by_ref() {
            report.record(item);
        }
        report.finish(&mut self);
        report
    }

    /// Once every row is read: the totals that their group rows add up to more than, each
    /// named by the total's row and column. Empty before the end of the file.
    pub fn contradictions(&mut self) -> Vec<RowError> {
        if !self.done {
            return Vec::new();
        }
        self.contradictions.get_or_insert_with(|| std::mem::take(&mut self.totals).exceeded()).clone()
    }
}

fn file_error(reason: String) -> RowError {
    RowError { row: 1, column: String::new(), reason }
}

/// Finds each column of the header, or what is wrong with it.
fn check_header(names: &[String], columns: &mut [usize; 6]) -> Option<RowError> {
    let expected = COLUMNS.join(",");
    for (i, name) in names.iter().enumerate() {
        if let Some(j) = names[..i].iter().position(|n| n == name) {
            if !name.is_empty() {
                return Some(RowError {
                    row: 1,
                    column: name.clone(),
                    reason: format!("the column \"{name}\" appears twice (columns {} and {})", j + 1, i + 1),
                });
            }
        }
    }
    let mut error = None;
    for (i, want) in COLUMNS.iter().enumerate() {
        match names.iter().position(|n| n == want) {
            Some(p) => columns[i] = p,
            None if *want == "groups" || *want == "denominator" => {}
            None => {
                error.get_or_insert(RowError {
                    row: 1,
                    column: want.to_string(),
                    reason: format!("the header has no \"{want}\" column; expected: {expected}"),
                });
            }
        }
    }
    if let Some(extra) = names.iter().find(|n| !COLUMNS.contains(&n.as_str())) {
        let reason = if extra.is_empty() {
            format!("the header has a column without a name; expected: {expected}")
        } else {
            format!("unknown column \"{extra}\"; expected: {expected}")
        };
        error.get_or_insert(RowError { row: 1, column: extra.clone(), reason });
    }
    error
}

fn hash64(value: &impl Hash) -> u64 {
    use std::hash::BuildHasher;
    foldhash::quality::FixedState::with_seed(0x6261_636b_626f_6e65).hash_one(value)
}

/// The shard of `Sharded` a hash is kept in: its top six bits.
fn shard(h: u64) -> usize {
    (h >> 58) as usize
}

fn halves(h: u64) -> [u32; 2] {
    [h as u32, (h >> 32) as u32]
}

/// Per indicator, period and place: the row for everyone and the sums of its group rows, one
/// dimension at a time, to check that groups do not add up to more people than their total.
/// 57 bytes a place and period (about 120 MB for the 1.4M of a 10M-row file); a place whose rows
/// break it down by more than one dimension keeps the others apart.
#[derive(Default)]
struct Totals {
    cells: Sharded<Cell>,
    /// The second and further dimensions of a cell, by the cell's hash.
    more: HashMap<u64, Vec<Groups>, foldhash::fast::RandomState>,
}

/// A hash table keyed by 64-bit hashes (stored as two halves, so that a key packs into 8
/// bytes), split into 64 tables by the hash's top bits. Each table grows on its own, so growing
/// copies a 64th of the entries at a time and never holds the whole table twice: at 10M rows
/// that spares a spike of about 110 MB.
struct Sharded<V> {
    shards: Vec<HashMap<[u32; 2], V, foldhash::fast::RandomState>>,
}

impl<V> Default for Sharded<V> {
    fn default() -> Self {
        Sharded { shards: (0..64).map(|_| HashMap::default()).collect() }
    }
}

impl<V> Sharded<V> {
    fn table(&mut self, h: u64) -> &mut HashMap<[u32; 2], V, foldhash::fast::RandomState> {
        &mut self.shards[shard(h)]
    }

    fn insert(&mut self, h: u64, v: V) -> Option<V> {
        self.table(h).insert(halves(h), v)
    }

    fn get(&self, h: u64) -> Option<&V> {
        self.shards[shard(h)].get(&halves(h))
    }

    fn entry(&mut self, h: u64) -> std::collections::hash_map::Entry<'_, [u32; 2], V> {
        self.table(h).entry(halves(h))
    }

    fn into_values(self) -> impl Iterator<Item = V> {
        self.shards.into_iter().flat_map(HashMap::into_values)
    }
}

/// One place and period of one indicator: the row for everyone and its first dimension (nearly
/// every file breaks a total down by one only), field by field so that it packs into 48 bytes
/// with no allocation of its own.
#[derive(Default)]
struct Cell {
    /// The row for everyone: its row number (0 until it is read), numerator and denominator.
    total_row: u32,
    total_numerator: f64,
    total_denominator: f64,
    /// The first dimension reported for the cell, as in [`Groups`] (`rows` 0 until one is).
    key: u32,
    first: u32,
    rows: u32,
    numerator: f64,
    denominator: f64,
}

impl Cell {
    fn first_groups(&self) -> Groups {
        Groups {
            key: self.key,
            first: self.first,
            rows: self.rows,
            numerator: self.numerator,
            denominator: self.denominator,
        }
    }
}

/// The rows of one dimension of a cell: the dimension (by the hash of its key), its first row,
/// the rows counted and the sums of their numerators and denominators.
#[derive(Default, Clone, Copy)]
struct Groups {
    key: u32,
    first: u32,
    rows: u32,
    numerator: f64,
    denominator: f64,
}

impl Groups {
    fn add(&mut self, numerator: f64, denominator: f64) {
        self.rows += 1;
        self.numerator += numerator;
        self.denominator += denominator;
    }
}

impl Totals {
    fn add(&mut self, row: u64, o: &ObservationInput) {
        if o.groups.len() > 1 {
            return;
        }
        let row = row.clamp(1, u32::MAX as u64) as u32;
        let h = hash64(&(&o.indicator, &o.period, &o.geography));
        let cell = self.cells.entry(h).or_default();
        let d = o.denominator.unwrap_or(0.0);
        let Some(dimension) = o.groups.keys().next() else {
            (cell.total_row, cell.total_numerator, cell.total_denominator) = (row, o.numerator, d);
            return;
        };
        let key = hash64(dimension) as u32;
        if cell.rows == 0 || cell.key == key {
            if cell.rows == 0 {
                (cell.key, cell.first) = (key, row);
            }
            cell.rows += 1;
            cell.numerator += o.numerator;
            cell.denominator += d;
            return;
        }
        let more = self.more.entry(h).or_default();
        match more.iter_mut().find(|g| g.key == key) {
            Some(g) => g.add(o.numerator, d),
            None => {
                let mut g = Groups { key, first: row, ..Default::default() };
                g.add(o.numerator, d);
                more.push(g);
            }
        }
    }

    fn exceeded(mut self) -> Vec<RowError> {
        let mut errors = Vec::new();
        for (h, groups) in std::mem::take(&mut self.more) {
            if let Some(cell) = self.cells.get(h) {
                for g in groups {
                    exceeds(cell, g, &mut errors);
                }
            }
        }
        for cell in self.cells.into_values() {
            exceeds(&cell, cell.first_groups(), &mut errors);
        }
        errors.sort_by(|a, b| (a.row, &a.column).cmp(&(b.row, &b.column)));
        errors
    }
}

/// The errors of one dimension's rows adding up to more than their cell's row for everyone.
fn exceeds(cell: &Cell, g: Groups, errors: &mut Vec<RowError>) {
    if cell.total_row == 0 || g.rows == 0 {
        return;
    }
    let more = |sum: f64, total: f64| sum > total + 1e-9 * total.abs().max(1.0);
    for (column, sum, total) in
        [("numerator", g.numerator, cell.total_numerator), ("denominator", g.denominator, cell.total_denominator)]
    {
        if more(sum, total) {
            errors.push(RowError {
                row: cell.total_row as u64,
                column: column.into(),
                reason: format!(
                    "the {} rows of one breakdown (from row {}) add up to {} in this column, more than the {} of everyone on this row",
                    g.rows,
                    g.first,
                    show(sum),
                    show(total)
                ),
            });
        }
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
                self.rows_read += 1;
                let row = self.record.position().map(|p| p.line()).unwrap_or(0);
                Some(self.parse_row(row))
            }
            Ok(false) => {
                self.done = true;
                if self.rows_read == 0 {
                    return Some(Err(vec![file_error(
                        "the file has a header but no rows below it: there is nothing to import".into(),
                    )]));
                }
                None
            }
            Err(e) => {
                let row = e.position().map(|p| p.line()).unwrap_or(0);
                let reason = match e.kind() {
                    // The row is skipped and the reading goes on, so every such row is named.
                    csv::ErrorKind::Utf8 { .. } => {
                        self.rows_read += 1;
                        "is not UTF-8 text: save the file as \"CSV UTF-8\" (in Excel: Save As, then CSV UTF-8)".into()
                    }
                    _ => {
                        self.done = true;
                        self.stopped_early = true;
                        format!("unreadable CSV, so nothing after it was read: {e}")
                    }
                };
                Some(Err(vec![RowError { row, column: String::new(), reason }]))
            }
        }
    }
}

/// The Frictionless Table Schema describing the format, served by the API, with examples that
/// stand for any initiative.
pub fn table_schema() -> serde_json::Value {
    schema_with(
        "third-grade-reading",
        "A place code of the initiative (the community, a district, a ZIP code, a tract).".into(),
        "Empty for everyone, or dimension=value pairs separated by ';', e.g. race_ethnicity=Asian;home_language=Spanish.".into(),
        None,
    )
}

/// The Table Schema for one initiative: its indicators and place codes as the allowed values,
/// and its own breakdowns in the description and the example of `groups`.
pub fn table_schema_for(indicators: &[Indicator], places: &[Geography], dimensions: &[Dimension]) -> serde_json::Value {
    let example_key = indicators.first().map(|i| i.key.as_str()).unwrap_or("third-grade-reading");
    let codes: Vec<&str> = places.iter().map(|g| g.code.as_str()).collect();
    let geography = if codes.is_empty() {
        "A place code of the initiative (none yet: staff add places first).".to_string()
    } else {
        format!("A place code of the initiative, e.g. {}.", codes[0])
    };
    let groups = match dimensions {
        [] => "Empty for everyone (this initiative has no breakdowns yet).".to_string(),
        dims => {
            let example: Vec<String> =
                dims.iter().take(2).filter_map(|d| d.values.first().map(|v| format!("{}={v}", d.key))).collect();
            let keys: Vec<String> = dims.iter().map(|d| format!("{} ({})", d.key, d.values.join(", "))).collect();
            format!(
                "Empty for everyone, or dimension=value pairs separated by ';', e.g. {}. Dimensions: {}.",
                example.join(";"),
                keys.join("; ")
            )
        }
    };
    let indicator_keys: Vec<&str> = indicators.iter().map(|i| i.key.as_str()).collect();
    schema_with(example_key, geography, groups, Some((indicator_keys, codes)))
}

fn schema_with(
    example_indicator: &str,
    geography: String,
    groups: String,
    allowed: Option<(Vec<&str>, Vec<&str>)>,
) -> serde_json::Value {
    let mut schema = serde_json::json!({
        "$schema": "https://specs.frictionlessdata.io/schemas/table-schema.json",
        "title": "Backbone observations (long format)",
        "description": "One number per row: an indicator for one period, place and group. Row 1 is the header. Values are separated by commas (semicolons or tabs are recognised).",
        "fields": [
            {"name": "indicator", "type": "string", "description": format!("The indicator's key, e.g. {example_indicator}."), "constraints": {"required": true}},
            {"name": "period", "type": "string", "description": "School year 2024-25, calendar year 2024, quarter 2024-Q3 or month 2024-07, as the indicator is reported.", "constraints": {"required": true, "pattern": "^[0-9]{4}(-[0-9]{2}|-Q[1-4])?$"}},
            {"name": "geography", "type": "string", "description": geography, "constraints": {"required": true, "pattern": "^[A-Za-z0-9][A-Za-z0-9._-]{0,59}$"}},
            {"name": "groups", "type": "string", "description": groups},
            {"name": "numerator", "type": "number", "description": "The count (for a rate, the people who meet the definition). A whole number of people, except the total of an amount or a score; a decimal point, never a decimal comma.", "constraints": {"required": true, "minimum": 0, "maximum": LARGEST}},
            {"name": "denominator", "type": "number", "description": "The people the number is over: for a percent or rate, those counted below the line; for an amount or a score, the people the total is summed over (the indicator shows the average). Empty for counts.", "constraints": {"minimum": 0, "maximum": LARGEST}}
        ],
        "primaryKey": ["indicator", "period", "geography", "groups"],
        "missingValues": [""]
    });
    if let Some((indicators, places)) = allowed {
        if !indicators.is_empty() {
            schema["fields"][0]["constraints"]["enum"] = serde_json::json!(indicators);
        }
        if !places.is_empty() {
            schema["fields"][2]["constraints"]["enum"] = serde_json::json!(places);
        }
    }
    schema
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
            report_due_days: None,
            published: true,
            created_at: chrono::Utc::now(),
            updated_at: chrono::Utc::now(),
        }
    }

    fn report(csv: &str) -> CsvReport {
        report_bytes(csv.as_bytes())
    }

    fn report_bytes(csv: &[u8]) -> CsvReport {
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
        let dimensions = vec![
            Dimension {
                key: "race_ethnicity".into(),
                name: "Race or ethnicity".into(),
                values: vec!["Asian".into(), "Black or African American".into()],
            },
            Dimension {
                key: "home_language".into(),
                name: "Home language".into(),
                values: vec!["English".into(), "Spanish".into()],
            },
            Dimension { key: "gender".into(), name: "Gender".into(), values: vec!["Girls".into(), "Boys".into()] },
        ];
        let catalog = Catalog::new(&indicators, &geographies, &dimensions);
        CsvRows::new(csv, &catalog).report()
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
        assert_eq!(at(9, "numerator").unwrap(), "3.5 is a count, so it must be a whole number");
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
    fn numbers_are_read_strictly() {
        let r = report(
            "indicator,period,geography,groups,numerator,denominator\n\
             third-grade-reading,2024-25,riverbend,,\"1,5\",10\n\
             third-grade-reading,2023-24,riverbend,,1e308,1e309\n\
             third-grade-reading,2022-23,riverbend,,2.5,10\n\
             third-grade-reading,2021-22,riverbend,,2,10.5\n\
             third-grade-reading,2204-05,riverbend,,2,10\n\
             readiness-score,2024-25,riverbend,,1050.5,300\n",
        );
        let at = |row: u64, column: &str| {
            r.errors.iter().find(|e| e.row == row && e.column == column).map(|e| e.reason.clone()).unwrap_or_default()
        };
        assert_eq!(at(2, "numerator"), "\"1,5\" uses a decimal comma: write a decimal point (1.5)");
        assert!(at(3, "numerator").contains("larger than Backbone accepts"), "{:?}", r.errors);
        assert!(at(3, "denominator").contains("larger than Backbone accepts"));
        assert_eq!(at(4, "numerator"), "2.5 is people, so it must be a whole number");
        assert_eq!(at(5, "denominator"), "10.5 is a number of people, so it must be whole");
        assert!(at(6, "period").contains("outside the years"));
        assert_eq!((r.valid_rows, r.invalid_rows), (1, 5), "an average's total may have a fraction");
    }

    #[test]
    fn semicolons_and_tabs_are_recognised_and_said() {
        let r = report(
            "indicator;period;geography;groups;numerator;denominator\n\
             third-grade-reading;2024-25;riverbend;;1523;4010\n\
             third-grade-reading;2023-24;riverbend;;\"1,523\";4010\n",
        );
        assert_eq!(r.notes, ["The values are separated by semicolons, not commas; they were read that way."]);
        assert_eq!((r.valid_rows, r.invalid_rows), (1, 1));
        assert!(r.errors[0].reason.contains("could be a decimal point"), "{:?}", r.errors);
        let r = report(
            "indicator\tperiod\tgeography\tnumerator\tdenominator\nthird-grade-reading\t2024-25\triverbend\t5\t10\n",
        );
        assert_eq!((r.valid_rows, r.notes.len()), (1, 1), "{:?}", r.errors);
        assert!(r.notes[0].contains("tabs"));
        // A header that fits no delimiter is reported as it is.
        let r = report("indicator;period,geography\n");
        assert!(r.header_failed());
        assert!(r.notes.is_empty());
    }

    #[test]
    fn files_that_cannot_be_numbers_say_why() {
        let r = report("");
        assert_eq!(r.errors[0].row, 1);
        assert!(r.errors[0].reason.starts_with("the file is empty"), "{:?}", r.errors);
        let r = report("indicator,period,geography,groups,numerator,denominator\n");
        assert!(r.errors[0].reason.contains("a header but no rows"), "{:?}", r.errors);
        assert!(!r.importable(true));
        let r = report("indicator,period,geography,period,numerator,denominator\nthird-grade-reading,2024-25,riverbend,2024-25,1,2\n");
        assert_eq!(r.errors[0].reason, "the column \"period\" appears twice (columns 2 and 4)");
        assert_eq!(r.rows, 0);
        let r = report(
            "indicator,period,geography,groups,numerator,denominator\nthird-grade-reading,2024-25,river\0bend,,1,2\n",
        );
        assert_eq!(r.errors[0].column, "geography");
        assert!(r.errors[0].reason.contains("NUL"));
    }

    #[test]
    fn a_file_saved_in_another_encoding_names_each_row() {
        let mut file = b"indicator,period,geography,groups,numerator,denominator\n".to_vec();
        file.extend_from_slice(b"third-grade-reading,2024-25,riverbend,,5,10\n");
        file.extend_from_slice(b"third-grade-reading,2023-24,ni\xf1os,,5,10\n");
        file.extend_from_slice(b"third-grade-reading,2022-23,riverbend,,5,10\n");
        let r = report_bytes(&file);
        assert_eq!((r.rows, r.valid_rows, r.invalid_rows), (3, 2, 1), "{:?}", r.errors);
        assert_eq!(r.errors[0].row, 3);
        assert!(r.errors[0].reason.contains("CSV UTF-8"));
        assert!(!r.incomplete && r.importable(true));
    }

    #[test]
    fn groups_that_add_up_to_more_than_their_total_are_refused_whole() {
        let r = report(
            "indicator,period,geography,groups,numerator,denominator\n\
             third-grade-reading,2024-25,riverbend,,100,400\n\
             third-grade-reading,2024-25,riverbend,race_ethnicity=Asian,60,150\n\
             third-grade-reading,2024-25,riverbend,race_ethnicity=Black or African American,50,300\n\
             third-grade-reading,2024-25,47302,,30,90\n\
             third-grade-reading,2024-25,47302,race_ethnicity=Asian,10,40\n",
        );
        assert_eq!(r.contradictions, 1, "{:?}", r.errors);
        let reasons: Vec<(u64, &str, &str)> =
            r.errors.iter().map(|e| (e.row, e.column.as_str(), e.reason.as_str())).collect();
        assert_eq!(
            reasons,
            [
                (2, "denominator", "the 2 rows of one breakdown (from row 3) add up to 450 in this column, more than the 400 of everyone on this row"),
                (2, "numerator", "the 2 rows of one breakdown (from row 3) add up to 110 in this column, more than the 100 of everyone on this row"),
            ]
        );
        assert_eq!((r.valid_rows, r.invalid_rows), (4, 1));
        assert!(!r.importable(true), "not even its valid rows");
    }

    #[test]
    fn each_breakdown_of_a_total_is_checked_on_its_own() {
        // Two dimensions for one place: race adds up, home language does not; then a third.
        let r = report(
            "indicator,period,geography,groups,numerator,denominator\n\
             third-grade-reading,2024-25,riverbend,,100,400\n\
             third-grade-reading,2024-25,riverbend,race_ethnicity=Asian,60,150\n\
             third-grade-reading,2024-25,riverbend,home_language=English,70,200\n\
             third-grade-reading,2024-25,riverbend,race_ethnicity=Black or African American,30,200\n\
             third-grade-reading,2024-25,riverbend,home_language=Spanish,40,150\n\
             third-grade-reading,2024-25,riverbend,gender=Girls,50,500\n",
        );
        let reasons: Vec<(u64, &str, &str)> =
            r.errors.iter().map(|e| (e.row, e.column.as_str(), e.reason.as_str())).collect();
        assert!(
            reasons.contains(&(2, "numerator", "the 2 rows of one breakdown (from row 4) add up to 110 in this column, more than the 100 of everyone on this row")),
            "{reasons:?}"
        );
        assert!(
            reasons.contains(&(2, "denominator", "the 1 rows of one breakdown (from row 7) add up to 500 in this column, more than the 400 of everyone on this row")),
            "{reasons:?}"
        );
        assert!(!reasons.iter().any(|r| r.2.contains("from row 3)")), "race adds up: {reasons:?}");
    }

    #[test]
    fn checking_totals_costs_48_bytes_a_place_and_period() {
        // With the table's 8-byte key and control byte: about 120 MB for a 10M-row file.
        assert_eq!(std::mem::size_of::<Cell>(), 48);
        assert_eq!(std::mem::size_of::<([u32; 2], Cell)>(), 56);
    }

    #[test]
    fn the_table_schema_names_every_column() {
        let s = table_schema();
        let names: Vec<&str> = s["fields"].as_array().unwrap().iter().map(|f| f["name"].as_str().unwrap()).collect();
        assert_eq!(names, COLUMNS);
    }

    #[test]
    fn an_initiatives_table_schema_uses_its_own_keys() {
        let indicators = vec![indicator("third-grade-reading", Unit::Percent)];
        let places = vec![Geography {
            code: "riverbend".into(),
            name: "Riverbend".into(),
            level: GeoLevel::Community,
            parent: None,
        }];
        let dimensions = vec![Dimension {
            key: "home_language".into(),
            name: "Home language".into(),
            values: vec!["English".into(), "Spanish".into()],
        }];
        let s = table_schema_for(&indicators, &places, &dimensions);
        assert_eq!(s["fields"][0]["constraints"]["enum"], serde_json::json!(["third-grade-reading"]));
        assert_eq!(s["fields"][2]["constraints"]["enum"], serde_json::json!(["riverbend"]));
        let groups = s["fields"][3]["description"].as_str().unwrap();
        assert!(groups.contains("e.g. home_language=English"), "{groups}");
        assert!(groups.contains("home_language (English, Spanish)"));
    }
}
