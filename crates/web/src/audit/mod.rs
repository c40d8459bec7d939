//! The audit log, for backbone staff.

pub mod api;
pub mod pages;
