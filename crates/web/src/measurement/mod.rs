//! Shared measurement: indicators and their definitions, places and breakdowns, partners'
//! submissions (a file or JSON) and their review, the community dashboard and each indicator's
//! page, with every view of counts suppressed by the disclosure engine.

pub mod api;
pub mod import;
pub mod pages;
pub mod upload;
pub mod view;
