//! The common agenda: the current version, editing (a new version each time, refused on a stale copy), history, side-by-side comparison, and endorsements by partners.

pub mod api;
pub mod pages;
