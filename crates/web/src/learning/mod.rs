//! Continuous learning: improvement cycles (PDSA) tied to an indicator and the learning log,
//! searchable by words, strategy, indicator and how it went.

pub mod api;
pub mod pages;
