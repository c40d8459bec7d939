//! The Store's behaviour, specified once and checked on SQLite and on PostgreSQL.

use backbone_core::measure::indicator::*;

use backbone_core::measure::observation::*;

use backbone_core::accounts::*;
use backbone_core::agenda::*;
use backbone_core::audit::AuditQuery;
use backbone_core::audit::*;
use backbone_core::initiative::*;
use backbone_core::measure::analytics::{Direction, Unit};
use backbone_core::measure::observation::ObservationQuery;
use backbone_core::measure::observation::Review;
use backbone_core::measure::period::PeriodKind;
use backbone_core::measure::place::*;
use backbone_core::partners::*;
use backbone_core::people::*;
use backbone_core::progress::{Silent, Stage, Tracker};
use backbone_core::tables::*;
use backbone_core::Id;
use backbone_core::StoreError;
use backbone_store::both_backends;
use backbone_store::testing::TestStore;
use chrono::{Duration, NaiveDate, Utc};

mod accountability;
mod accounts;
mod activities;
mod agenda;
mod assessments;
mod commitments;
mod community_assets;
mod content_version;
mod decisions;
mod exchange;
mod initiative;
mod learning;
mod maps;
mod measure;
mod meetings;
mod network;
mod partners;
mod representation;
mod review;
mod tables;
mod translations;
mod turn_the_curve;
mod uploads;

pub(crate) fn staff() -> Actor {
    Actor::system("Test staff")
}

pub(crate) fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

pub(crate) async fn initiative(ts: &TestStore) -> Initiative {
    ts.store
        .create_initiative(
            &staff(),
            &NewInitiative {
                slug: "northside-promise".into(),
                name: "Northside Promise".into(),
                description: "Every Northside child, cradle to career.".into(),
                phase: Phase::InitiatingAction,
                published: false,
            },
        )
        .await
        .unwrap()
}

/// A second initiative, to check that nothing of the first is seen from it.
pub(crate) async fn other_initiative(ts: &TestStore) -> Initiative {
    ts.store
        .create_initiative(
            &staff(),
            &NewInitiative {
                slug: "southside".into(),
                name: "Southside".into(),
                description: String::new(),
                phase: Phase::InitiatingAction,
                published: false,
            },
        )
        .await
        .unwrap()
}

pub(crate) fn org(name: &str) -> OrganizationInput {
    OrganizationInput {
        name: name.into(),
        sector: Sector::EarlyChildhood,
        budget_band: BudgetBand::From1mTo5m,
        resident_led: false,
        service_area: vec!["53205".into(), "53206".into()],
        website: "https://bright-start.example.org".into(),
        leadership: Some(LeadershipDemographics {
            total: 9,
            people_of_color: 6,
            women: 7,
            community_residents: 4,
            lived_experience: 2,
        }),
    }
}

pub(crate) fn agenda(reason: &str, based_on: i64, vision: &str) -> AgendaInput {
    AgendaInput {
        problem_statement: "Only 31% of Northside third graders read at grade level.".into(),
        shared_vision: vision.into(),
        results: vec![AgendaResult {
            key: "early-grade-reading".into(),
            title: "Children read at grade level by third grade".into(),
            description: String::new(),
            strategies: vec![Strategy {
                key: "summer-reading".into(),
                title: "Summer reading for every K-3 child".into(),
                description: String::new(),
            }],
        }],
        reason: reason.into(),
        based_on,
    }
}

pub(crate) async fn audit_count(ts: &TestStore, initiative_id: Id) -> usize {
    ts.store
        .audit(&AuditQuery { initiative_id: Some(initiative_id), limit: 500, ..Default::default() })
        .await
        .unwrap()
        .len()
}

pub(crate) fn reading_indicator() -> IndicatorInput {
    IndicatorInput {
        key: "third-grade-reading".into(),
        name: "Third graders reading at grade level".into(),
        description: "Share of third graders who meet the standard on the state reading test.".into(),
        numerator_definition: "Third graders meeting the standard".into(),
        denominator_definition: "Third graders tested".into(),
        unit: Unit::Percent,
        direction: Direction::Up,
        period_kind: PeriodKind::SchoolYear,
        source: "State assessment".into(),
        level: Level::Population,
        result_key: Some("early-grade-reading".into()),
        owner_organization_id: None,
        baseline_period: Some("2018-19".into()),
        targets: vec![Target { period: "2027-28".into(), value: 60.0 }],
        suppression_threshold: 10,
        disclosure_rule: Default::default(),
        submitters: Vec::new(),
        min_gap_change: None,
        report_due_days: None,
        published: true,
    }
}

pub(crate) fn obs(period: &str, geography: &str, groups: &str, n: f64, d: f64) -> ObservationInput {
    ObservationInput {
        indicator: "third-grade-reading".into(),
        period: period.into(),
        geography: geography.into(),
        groups: parse_groups(groups).unwrap(),
        numerator: n,
        denominator: Some(d),
    }
}

pub(crate) async fn measurement_setup(ts: &TestStore) -> (Initiative, Organization) {
    let i = initiative(ts).await;
    let o = ts.store.create_organization(&staff(), i.id, &org("Northside Public Schools")).await.unwrap();
    ts.store.create_indicator(&staff(), i.id, &reading_indicator()).await.unwrap();
    ts.store
        .set_geographies(
            &staff(),
            i.id,
            &[
                Geography {
                    code: "northside".into(),
                    name: "Northside".into(),
                    level: GeoLevel::Community,
                    parent: None,
                },
                Geography {
                    code: "53205".into(),
                    name: "53205".into(),
                    level: GeoLevel::Zip,
                    parent: Some("northside".into()),
                },
            ],
        )
        .await
        .unwrap();
    ts.store
        .set_dimensions(
            &staff(),
            i.id,
            &[Dimension {
                key: "race_ethnicity".into(),
                name: "Race or ethnicity".into(),
                values: vec!["Asian".into(), "White".into()],
            }],
        )
        .await
        .unwrap();
    (i, o)
}
