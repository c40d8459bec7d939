//! How domain values are stored: closed vocabularies by their names, lists and records as JSON.

use backbone_core::StoreError;

pub(crate) fn vocab<T>(parse: fn(&str) -> Option<T>, s: &str, what: &str) -> Result<T, StoreError> {
    parse(s).ok_or_else(|| StoreError::Backend(format!("unknown {what} {s:?} in the database")))
}

pub(crate) fn json<T: serde::de::DeserializeOwned>(s: &str) -> Result<T, StoreError> {
    serde_json::from_str(s).map_err(|e| StoreError::Backend(format!("unreadable JSON in the database: {e}")))
}

pub fn to_json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).expect("domain records serialise")
}
