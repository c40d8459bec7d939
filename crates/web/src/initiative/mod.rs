//! The initiative itself: its home page, its settings (name, phase, publication) and preconditions, and the list of initiatives.

pub mod api;
pub mod pages;
