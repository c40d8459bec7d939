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

/// Declares a closed vocabulary stored as its snake_case name, in the style of `model.rs`.
macro_rules! measure_vocabulary {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        pub enum $name { $($(#[$vm])* #[serde(rename = $text)] $variant),+ }

        impl $name {
            /// Every value, in the order used in forms.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stored and serialised name.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// The value with this stored name, if any.
            pub fn parse(s: &str) -> Option<Self> {
                match s { $($text => Some($name::$variant),)+ _ => None }
            }

            /// The catalogue key of its label, such as `unit-percent`.
            pub fn label_key(self) -> String {
                format!("{}-{}", stringify!($name).to_lowercase(), self.as_str())
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

pub mod analytics;
pub mod disclosure;
pub mod period;
// Field names of the view records say what they hold; the records themselves are documented.
#[allow(missing_docs)]
pub mod view;

pub use analytics::{Direction, Unit};
pub use disclosure::Margin;
pub use period::{Period, PeriodKind};
