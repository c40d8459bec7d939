//! Backbone's domain: the records of a collective impact initiative, their rules, who may see and
//! do what, the disclosure engine, the measurement mathematics, and the storage interface.
//! Pure logic: no I/O, no threads, no async runtime, no database.
//!
//! One module per capability, each with its records, rules and store trait:
//! [`initiative`], [`agenda`], [`partners`], [`people`], [`tables`], [`accounts`], [`audit`],
//! [`measure`], [`activities`], [`commitments`], [`community_assets`], [`meetings`], [`decisions`], [`accountability`], [`feed`], [`webhooks`], [`learning`], [`mail`], [`maps`], [`charters`], [`turn_the_curve`], [`representation`], [`network`], [`feedback`], [`review`], [`joining`], [`assessments`], [`translations`], [`exchange`]. Shared by all: [`access`] (the only place that decides
//! permissions), [`privacy`] (the only disclosure engine), [`progress`] (how far a long operation has come), [`checks`], [`error`] and [`store`]
//! (the `Store` every backend implements: the sum of the capabilities' store traits).

pub mod access;
pub mod accountability;
pub mod accounts;
pub mod activities;
pub mod agenda;
pub mod assessments;
pub mod audit;
pub mod charters;
pub mod checks;
pub mod commitments;
pub mod community_assets;
pub mod decisions;
pub mod error;
pub mod exchange;
pub mod feed;
pub mod feedback;
pub mod initiative;
pub mod joining;
pub mod learning;
pub mod mail;
pub mod maps;
pub mod measure;
pub mod meetings;
pub mod network;
pub mod partners;
pub mod people;
pub mod privacy;
pub mod progress;
pub mod representation;
pub mod review;
pub mod store;
pub mod tables;
pub mod translations;
pub mod turn_the_curve;
pub(crate) mod vocabulary;
pub mod webhooks;

pub use error::{FieldError, Invalid, StoreError, StoreResult};
pub use store::Store;

/// Every record's id.
pub type Id = i64;
