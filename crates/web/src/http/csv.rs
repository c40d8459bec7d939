//! CSV downloads. Every cell is written formula-safe: text that a spreadsheet would run as a
//! formula (it starts with `=`, `+`, `-`, `@`, a tab or a carriage return) is prefixed with `'`,
//! so it stays text; numbers are written from numbers, so they never need it.

use crate::http::error::AppError;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use std::borrow::Cow;

/// One cell of a download.
pub enum Cell<'a> {
    Text(&'a str),
    Number(Option<f64>),
    Whole(Option<i64>),
}

/// Free text for a CSV cell, made formula-safe.
pub fn safe_text(text: &str) -> Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}").into()
    } else {
        text.into()
    }
}

/// A CSV document written row by row, every cell formula-safe.
pub struct CsvWriter {
    w: csv::Writer<Vec<u8>>,
}

impl Default for CsvWriter {
    fn default() -> Self {
        Self::new()
    }
}

impl CsvWriter {
    pub fn new() -> Self {
        CsvWriter { w: csv::Writer::from_writer(Vec::new()) }
    }

    pub fn header(&mut self, names: &[&str]) -> Result<(), AppError> {
        let cells: Vec<Cell> = names.iter().map(|n| Cell::Text(n)).collect();
        self.row(&cells)
    }

    pub fn row(&mut self, cells: &[Cell]) -> Result<(), AppError> {
        let fields: Vec<Cow<str>> = cells
            .iter()
            .map(|c| match c {
                Cell::Text(t) => safe_text(t),
                Cell::Number(n) => n.map(|v| v.to_string()).unwrap_or_default().into(),
                Cell::Whole(n) => n.map(|v| v.to_string()).unwrap_or_default().into(),
            })
            .collect();
        self.w.write_record(fields.iter().map(|f| f.as_ref())).map_err(|e| AppError::Internal(e.to_string()))
    }

    pub fn finish(self) -> Result<Vec<u8>, AppError> {
        self.w.into_inner().map_err(|e| AppError::Internal(e.to_string()))
    }
}

/// A CSV download named `filename`.
pub fn csv_response(filename: &str, body: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{filename}\"")),
        ],
        body,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_a_spreadsheet_would_run_stays_text() {
        assert_eq!(safe_text("=HYPERLINK(\"http://evil\")"), "'=HYPERLINK(\"http://evil\")");
        assert_eq!(safe_text("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(safe_text("Kindergarten readiness"), "Kindergarten readiness");
        assert_eq!(safe_text(""), "");
    }

    #[test]
    fn every_cell_is_safe_and_numbers_stay_numbers() {
        let mut w = CsvWriter::new();
        w.header(&["name", "gap"]).unwrap();
        w.row(&[Cell::Text("-1+2"), Cell::Number(Some(-3.5))]).unwrap();
        let text = String::from_utf8(w.finish().unwrap()).unwrap();
        assert_eq!(text, "name,gap\n'-1+2,-3.5\n");
    }
}
