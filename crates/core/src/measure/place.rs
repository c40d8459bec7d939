//! The places data is reported for (community ⊃ district ⊃ ZIP ⊃ tract) and the dimensions it is
//! broken down by (race/ethnicity, home language …).

use crate::vocabulary::vocabulary;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

vocabulary! {
    GeoLevel {
        Community => "community",
        District => "district",
        Zip => "zip",
        Tract => "tract",
    }
}

/// A place data is reported for, in a small hierarchy: community ⊃ district ⊃ ZIP ⊃ tract.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Geography {
    /// `riverbend`, `north-district`, `47302`, `tract-1701`.
    pub code: String,
    pub name: String,
    pub level: GeoLevel,
    pub parent: Option<String>,
}

/// A way of breaking data down (race/ethnicity, language …) and its allowed values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Dimension {
    /// `race_ethnicity`.
    pub key: String,
    pub name: String,
    pub values: Vec<String>,
}
