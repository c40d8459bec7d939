//! Closed vocabularies (sector, phase, unit …): one stored name per value, used in the database, in
//! JSON, in the OpenAPI document and in catalogue keys.

/// Declares a closed vocabulary stored as its snake_case name, with the order used in forms.
macro_rules! vocabulary {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
            serde::Serialize, serde::Deserialize,
        )]
        pub enum $name { $($(#[$vm])* #[serde(rename = $text)] $variant),+ }

        impl $name {
            /// Every value, in the order used in forms.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The stored and serialised name.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
            /// The value with this stored name, if any.
            pub fn parse(s: &str) -> Option<Self> {
                match s { $($text => Some($name::$variant),)+ _ => None }
            }
            /// The catalogue key of its label: `sector-school_district`.
            pub fn label_key(self) -> String {
                format!("{}-{}", stringify!($name).to_lowercase(), self.as_str())
            }
        }

        // Written out rather than derived, so that the document lists the stored names
        // (`organizing_for_impact`), exactly as they travel in JSON.
        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                utoipa::openapi::schema::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::schema::Type::String)
                    .enum_values(Some([$($text),+]))
                    .into()
            }
        }

        impl utoipa::ToSchema for $name {}

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
pub(crate) use vocabulary;

#[cfg(test)]
mod tests {
    use crate::initiative::Phase;
    use crate::partners::{BudgetBand, Sector};
    #[test]
    fn vocabularies_serialise_as_their_stored_names() {
        assert_eq!(serde_json::to_string(&BudgetBand::From100kTo1m).unwrap(), "\"100k_to_1m\"");
        assert_eq!(serde_json::from_str::<BudgetBand>("\"under_100k\"").unwrap(), BudgetBand::Under100k);
    }

    #[test]
    fn the_api_document_names_values_as_they_travel() {
        let schema = serde_json::to_value(<BudgetBand as utoipa::PartialSchema>::schema()).unwrap();
        let names: Vec<&str> = schema["enum"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
        assert_eq!(names, BudgetBand::ALL.iter().map(|b| b.as_str()).collect::<Vec<_>>());
        assert!(names.contains(&"over_20m"));
    }

    #[test]
    fn vocabularies_round_trip_through_their_names() {
        for s in Sector::ALL {
            assert_eq!(Sector::parse(s.as_str()), Some(*s));
        }
        assert_eq!(BudgetBand::From100kTo1m.label_key(), "budgetband-100k_to_1m");
        assert_eq!(Phase::parse("nonsense"), None);
    }
}
