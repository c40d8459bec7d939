//! People of the initiative and the demographics they chose to share, with consent.

mod store;
pub use store::PeopleStore;

use crate::checks::*;
use crate::error::Invalid;
use crate::Id;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Demographics a person chose to share, with their explicit consent. Never shown per person
/// outside backbone staff; elsewhere only as suppressed aggregates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Demographics {
    /// Must be true: demographics are only stored with consent.
    pub consent: bool,
    #[serde(default)]
    pub race_ethnicity: Option<String>,
    #[serde(default)]
    pub gender: Option<String>,
    #[serde(default)]
    pub age_band: Option<String>,
    #[serde(default)]
    pub primary_language: Option<String>,
    /// Lives in the community the initiative serves.
    #[serde(default)]
    pub community_resident: Option<bool>,
    /// Has lived experience of what the initiative works on (as a parent of a young child, a
    /// student, a family that struggled to find child care …), in their own judgement.
    #[serde(default)]
    pub lived_experience: Option<bool>,
}

/// The answer lists offered for self-reported demographics (people may also write their own).
pub const RACE_ETHNICITY: &[&str] = &[
    "American Indian or Alaska Native",
    "Asian",
    "Black or African American",
    "Hispanic or Latino",
    "Middle Eastern or North African",
    "Native Hawaiian or Pacific Islander",
    "White",
    "Multiracial",
];
pub const GENDER: &[&str] = &["Woman", "Man", "Non-binary"];
pub const AGE_BANDS: &[&str] = &["Under 18", "18-24", "25-34", "35-44", "45-54", "55-64", "65+"];
/// Home languages counted by name in compositions (others are written in and counted as "another").
/// The most spoken at home in the US after English, as the census names them.
pub const LANGUAGES: &[&str] = &[
    "English",
    "Spanish",
    "Arabic",
    "Chinese",
    "Haitian Creole",
    "Hmong",
    "Korean",
    "Portuguese",
    "Russian",
    "Somali",
    "Tagalog",
    "Vietnamese",
];

impl Demographics {
    fn validate(&self, inv: &mut Invalid) {
        if !self.consent {
            inv.add("demographics.consent", "demographics can only be recorded with the person's consent");
        }
        for (f, v) in [
            ("demographics.race_ethnicity", &self.race_ethnicity),
            ("demographics.gender", &self.gender),
            ("demographics.primary_language", &self.primary_language),
        ] {
            if let Some(v) = v {
                check_text(inv, f, v, 1, 100);
            }
        }
        if let Some(a) = &self.age_band {
            if !AGE_BANDS.contains(&a.as_str()) {
                inv.add("demographics.age_band", format!("must be one of: {}", AGE_BANDS.join(", ")));
            }
        }
    }
}

impl Demographics {
    /// Checks answers a person shares about themselves: with consent, each answer a short text
    /// (`demographics.gender`), the age band one of [`AGE_BANDS`].
    pub fn check(&self) -> Result<(), Invalid> {
        let mut inv = Invalid::new();
        self.validate(&mut inv);
        inv.into_result()
    }

    /// Whether they shared, without the answers: what the audit log keeps, so that answers
    /// withdrawn are gone from everywhere but the aggregates already published.
    pub fn without_answers(&self) -> Demographics {
        Demographics {
            consent: self.consent,
            race_ethnicity: None,
            gender: None,
            age_band: None,
            primary_language: None,
            community_resident: None,
            lived_experience: None,
        }
    }
}

/// A person's record as the audit log keeps it (JSON): their demographic answers left out.
/// Anything that is not a person's record is returned as it was.
pub fn audit_json_without_answers(json: &str) -> String {
    let Ok(mut v) = serde_json::from_str::<serde_json::Value>(json) else { return json.to_string() };
    let Some(d) = v.get_mut("demographics").and_then(|d| d.as_object_mut()) else { return json.to_string() };
    d.retain(|k, _| k == "consent");
    v.to_string()
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Person {
    pub id: Id,
    pub initiative_id: Id,
    pub name: String,
    pub email: String,
    pub phone: String,
    /// Residents may belong to no organisation.
    pub organization_id: Option<Id>,
    pub organization_name: Option<String>,
    pub title: String,
    /// Present only for viewers allowed to see it (backbone staff).
    pub demographics: Option<Demographics>,
    /// The account this person signs in with, when they have one (set by backbone staff): how
    /// they vote, take part and commit as themselves.
    #[serde(default)]
    pub user_id: Option<Id>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Person {
    /// The record as the audit log keeps it: whether they shared demographics, not the answers.
    pub fn for_audit(&self) -> Person {
        Person { demographics: self.demographics.as_ref().map(Demographics::without_answers), ..self.clone() }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PersonInput {
    pub name: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub organization_id: Option<Id>,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub demographics: Option<Demographics>,
}

impl PersonInput {
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut inv = Invalid::new();
        check_text(&mut inv, "name", &self.name, 1, 200);
        if !self.email.is_empty() {
            check_email(&mut inv, "email", &self.email);
        }
        check_text(&mut inv, "phone", &self.phone, 0, 40);
        if self.phone.chars().any(|c| !(c.is_ascii_digit() || " +-().x".contains(c))) {
            inv.add("phone", "may contain only digits, spaces and + - ( ) . x");
        }
        check_text(&mut inv, "title", &self.title, 0, 200);
        if let Some(d) = &self.demographics {
            d.validate(&mut inv);
        }
        inv.into_result()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_audit_log_keeps_whether_a_person_shared_never_the_answers() {
        let json = r#"{"id":7,"name":"Ana","demographics":{"consent":true,"gender":"Woman","age_band":"25-34"}}"#;
        let kept: serde_json::Value = serde_json::from_str(&audit_json_without_answers(json)).unwrap();
        assert_eq!(kept["demographics"], serde_json::json!({"consent": true}));
        assert_eq!(kept["name"], "Ana");
        let none = r#"{"id":7,"demographics":null}"#;
        assert_eq!(audit_json_without_answers(none), none);
        assert_eq!(audit_json_without_answers("not json"), "not json");
    }

    #[test]
    fn demographics_need_consent() {
        let p = PersonInput {
            name: "Ana Ruiz".into(),
            email: "ana@example.org".into(),
            phone: "(414) 555-0101".into(),
            organization_id: None,
            title: String::new(),
            demographics: Some(Demographics {
                consent: false,
                race_ethnicity: Some("Hispanic or Latino".into()),
                gender: None,
                age_band: Some("30s".into()),
                primary_language: None,
                community_resident: Some(true),
                lived_experience: None,
            }),
        };
        let err = p.validate().unwrap_err();
        assert!(err.reason_for("demographics.consent").is_some());
        assert!(err.reason_for("demographics.age_band").is_some());
    }
}
