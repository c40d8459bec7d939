//! The review queue: backbone staff see what partners sent grouped by submission (organisation,
//! file, time), page and filter its numbers, see each beside the value last approved with the
//! change and an outlier flag, and approve or return a whole submission in one action.
//! Every page is a keyset seek (see `core::review`), so the queue answers as fast with ten
//! million numbers as with ten.

pub mod api;
pub mod pages;

use backbone_core::measure::analytics::Unit;
use backbone_core::review::ReviewNumber;

/// A value as the queue shows it: a percent with one decimal and its sign, others as numbers.
pub fn shown_value(unit: Unit, v: Option<f64>) -> String {
    match v {
        None => "—".into(),
        Some(v) if unit == Unit::Percent => format!("{v:.1}%"),
        Some(v) if v.fract() == 0.0 => format!("{v:.0}"),
        Some(v) => format!("{v:.1}"),
    }
}

/// The change from the previous approved value, signed ("+13.0 pts" for a percent).
pub fn shown_change(n: &ReviewNumber) -> String {
    match n.change() {
        None => String::new(),
        Some(c) if n.unit == Unit::Percent => format!("{c:+.1} pts"),
        Some(c) if c.fract() == 0.0 => format!("{c:+.0}"),
        Some(c) => format!("{c:+.1}"),
    }
}
