//! The instrument: the fixed statements a table answers, grouped in sections, by stable key. Their
//! words live in the catalogues (`assessment-s-<key>` in en.ftl and es.ftl), not here, so the
//! same statement reads the same in both languages and can be reworded without changing what was
//! asked. A change to *which* statements are asked is a new version: every round keeps the
//! version it was opened with, and its answers are read against that version forever.

use crate::vocabulary::vocabulary;

vocabulary! {
    /// A part of the instrument (FIELD.md §1).
    Section {
        /// The five conditions of collective impact (Kania & Kramer).
        Conditions => "conditions",
        /// The eight principles of practice (Collective Impact Forum).
        Principles => "principles",
        /// The six essential practices.
        Practices => "practices",
        /// Trust and culture at the table.
        Culture => "culture",
    }
}

/// One statement, answered on the agreement scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Statement {
    /// Stable key; its words are the catalogue message `assessment-s-<key>`.
    pub key: &'static str,
    pub section: Section,
}

/// The version new rounds are opened with.
pub const CURRENT_VERSION: u32 = 1;

use Section::*;

const fn s(key: &'static str, section: Section) -> Statement {
    Statement { key, section }
}

/// Version 1: 5 conditions (two statements for the agenda and for measurement), 8 principles,
/// 6 practices and 6 statements on trust and culture.
const V1: &[Statement] = &[
    s("common-agenda", Conditions),
    s("common-agenda-approach", Conditions),
    s("shared-measurement", Conditions),
    s("shared-measurement-use", Conditions),
    s("mutually-reinforcing", Conditions),
    s("continuous-communication", Conditions),
    s("backbone-support", Conditions),
    s("equity-focus", Principles),
    s("community-included", Principles),
    s("cross-sector-partners", Principles),
    s("data-to-learn", Principles),
    s("system-leadership", Principles),
    s("program-and-system", Principles),
    s("relationships-trust", Principles),
    s("local-context", Principles),
    s("health-equity", Practices),
    s("community-engagement", Practices),
    s("facilitative-leadership", Practices),
    s("sustainable-thinking", Practices),
    s("culture-of-learning", Practices),
    s("strategic-communication", Practices),
    s("conflict-in-the-room", Culture),
    s("grassroots-equal-voice", Culture),
    s("residents-shape-decisions", Culture),
    s("talk-about-what-failed", Culture),
    s("trust-each-other", Culture),
    s("same-standard", Culture),
];

/// The statements of an instrument version, in the order they are asked; `None` for a version
/// this build does not know.
pub fn statements(version: u32) -> Option<&'static [Statement]> {
    match version {
        1 => Some(V1),
        _ => None,
    }
}

/// Every statement key of every known version (for the catalogue check).
pub fn every_key() -> Vec<&'static str> {
    let mut keys: Vec<&'static str> = (1..=CURRENT_VERSION).filter_map(statements).flatten().map(|s| s.key).collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}
