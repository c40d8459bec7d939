//! Backbone's domain: the records of a collective impact initiative, their validation, who may see
//! and do what, small-cell suppression, agenda differences, and the `Store` interface.
//! Pure logic: no I/O, no async runtime, no database.

pub mod access;
pub mod demo;
pub mod diff;
pub mod error;
pub mod export;
pub mod indicator;
pub mod measure;
pub mod model;
pub mod observation_csv;
pub mod store;
pub mod suppression;

pub use error::{FieldError, Invalid, StoreError, StoreResult};
pub use store::Store;
