//! Shared measurement (handbook §2–4): indicators, the places and dimensions numbers are reported
//! by, observations and their review, the long CSV format partners submit, and the mathematics —
//! reporting periods, Results-Based Accountability figures, equity gaps, and the indicator view.
//!
//! The mathematics is pure arithmetic over plain values: no I/O, no clock, no randomness. Callers
//! load the data, call these functions, and store or show what they return. Small-cell
//! suppression is the disclosure engine's (`crate::privacy`), shared with every other view of
//! counts of people.
//!
//! - [`indicator`], [`place`], [`observation`]: the records and the checks every number passes;
//! - [`csv`]: the long CSV format, read row by row with every problem by row and column;
//! - [`number`]: numbers as spreadsheets write them, read strictly (no decimal comma, no infinity);
//! - [`period`]: school years, calendar years, quarters and months, and their text forms;
//! - [`analytics`]: values of a measure, roll-ups, baseline forecasts, targets, trends and gaps;
//! - [`view`]: what an indicator page shows, suppressed jointly over every published margin;
//! - [`upload`]: files uploaded through the web, kept on the server between preview and import;
//! - `MeasureStore`, `PlaceStore` and `UploadStore`: the storage interfaces of all of it.

pub mod analytics;
#[allow(missing_docs)]
pub mod csv;
#[allow(missing_docs)]
pub mod indicator;
pub mod number;
#[allow(missing_docs)]
pub mod observation;
pub mod period;
#[allow(missing_docs)]
pub mod place;
mod store;
pub mod upload;
// Field names of the view records say what they hold; the records themselves are documented.
#[allow(missing_docs)]
pub mod view;

pub use analytics::{Direction, Unit};
pub use period::{Period, PeriodKind};
pub use store::{MeasureStore, PlaceStore};
