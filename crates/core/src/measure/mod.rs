//! Shared measurement mathematics (handbook §2–4): reporting periods, Results-Based Accountability
//! figures, equity gaps, and small-cell suppression across linked margins with the attack that tests
//! it.
//!
//! Everything here is pure arithmetic over plain values: no I/O, no clock, no randomness. Callers
//! load the data, call these functions, and store or show what they return.
//!
//! - [`period`]: school years, calendar years, quarters and months, and their text forms;
//! - [`analytics`]: values of a measure, roll-ups, baseline forecasts, targets, trends and gaps;
//! - [`disclosure`]: primary and complementary suppression over tables with linked totals, and the
//!   attacker that tries to recover hidden cells.

#![warn(missing_docs)]

// The closed vocabularies here (units, directions, period kinds …) are declared with the same
// `vocabulary!` macro as those of `model.rs`.

pub mod analytics;
pub mod disclosure;
pub mod period;
// Field names of the view records say what they hold; the records themselves are documented.
#[allow(missing_docs)]
pub mod view;

pub use analytics::{Direction, Unit};
pub use disclosure::Margin;
pub use period::{Period, PeriodKind};
