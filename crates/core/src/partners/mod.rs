//! Partner organisations, from the $25k volunteer group to the $25M provider: sector, budget band,
//! resident-led, service area and their private leadership make-up.

mod store;
pub use store::PartnerStore;

use crate::checks::*;
use crate::error::Invalid;
use crate::vocabulary::vocabulary;
use crate::Id;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

vocabulary! {
    Sector {
        SchoolDistrict => "school_district",
        EarlyChildhood => "early_childhood",
        HigherEducation => "higher_education",
        Health => "health",
        Housing => "housing",
        Business => "business",
        Faith => "faith",
        Philanthropy => "philanthropy",
        Government => "government",
        Nonprofit => "nonprofit",
        ResidentLed => "resident_led",
    }
}

vocabulary! {
    /// Annual budget, in bands so that small and large partners can be compared fairly.
    BudgetBand {
        Under100k => "under_100k",
        From100kTo1m => "100k_to_1m",
        From1mTo5m => "1m_to_5m",
        From5mTo20m => "5m_to_20m",
        Over20m => "over_20m",
    }
}

/// Self-reported make-up of an organisation's leadership (board and senior staff). Shown only
/// to backbone staff and the organisation itself; elsewhere only in suppressed aggregates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LeadershipDemographics {
    /// People in leadership.
    pub total: u32,
    pub people_of_color: u32,
    pub women: u32,
    /// Leaders who live in the community the initiative serves.
    pub community_residents: u32,
    /// Leaders with lived experience of the issue.
    pub lived_experience: u32,
}

impl LeadershipDemographics {
    fn validate(&self, inv: &mut Invalid) {
        for (field, n) in [
            ("leadership.people_of_color", self.people_of_color),
            ("leadership.women", self.women),
            ("leadership.community_residents", self.community_residents),
            ("leadership.lived_experience", self.lived_experience),
        ] {
            if n > self.total {
                inv.add(field, format!("cannot be more than the {} people in leadership", self.total));
            }
        }
        if self.total > 10_000 {
            inv.add("leadership.total", "must be at most 10000");
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Organization {
    pub id: Id,
    pub initiative_id: Id,
    pub name: String,
    pub sector: Sector,
    pub budget_band: BudgetBand,
    /// Led by residents / grassroots: keeps the $25k volunteer group visible next to the $25M provider.
    pub resident_led: bool,
    /// ZIP codes served.
    pub service_area: Vec<String>,
    pub website: String,
    pub leadership: Option<LeadershipDemographics>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OrganizationInput {
    pub name: String,
    pub sector: Sector,
    pub budget_band: BudgetBand,
    #[serde(default)]
    pub resident_led: bool,
    #[serde(default)]
    pub service_area: Vec<String>,
    #[serde(default)]
    pub website: String,
    #[serde(default)]
    pub leadership: Option<LeadershipDemographics>,
}

impl OrganizationInput {
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut inv = Invalid::new();
        check_text(&mut inv, "name", &self.name, 1, 200);
        check_zips(&mut inv, "service_area", &self.service_area);
        if !self.website.is_empty() && !self.website.starts_with("https://") && !self.website.starts_with("http://") {
            inv.add("website", "must start with https:// or http://");
        }
        check_text(&mut inv, "website", &self.website, 0, 300);
        if let Some(l) = &self.leadership {
            l.validate(&mut inv);
        }
        inv.into_result()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_organisation_needs_a_name_and_real_zip_codes() {
        let input = OrganizationInput {
            name: " ".into(),
            sector: Sector::Faith,
            budget_band: BudgetBand::Under100k,
            resident_led: true,
            service_area: vec!["53205".into(), "5320".into()],
            website: "example.org".into(),
            leadership: Some(LeadershipDemographics {
                total: 5,
                people_of_color: 6,
                women: 3,
                community_residents: 5,
                lived_experience: 0,
            }),
        };
        let err = input.validate().unwrap_err();
        assert_eq!(err.reason_for("name"), Some("is required"));
        assert_eq!(err.reason_for("service_area[1]"), Some("\"5320\" is not a 5-digit ZIP code"));
        assert!(err.reason_for("website").is_some());
        assert_eq!(
            err.reason_for("leadership.people_of_color"),
            Some("cannot be more than the 5 people in leadership")
        );
        assert!(err.reason_for("leadership.women").is_none());
    }
}
