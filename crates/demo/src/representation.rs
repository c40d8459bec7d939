//! The demo's community numbers and each table's compositions over time: census-style estimates
//! for Riverbend's children and families, and the snapshots Backbone would have published had
//! members looked at their tables every month since each table began. The Steering Committee's
//! story: founded by the heads of the largest institutions, it under-represented the Black and
//! Latino families it serves; round by round it handed seats to grassroots leaders and residents,
//! and now its gap is Hmong and other Asian families, young people and Hmong and Somali speakers.

use super::*;
use backbone_core::exchange::CompositionExport;
use backbone_core::representation::{CommunityEstimate, CommunityProfile, Facet};
use backbone_core::tables::composition::{next_snapshot, Seat, Snapshot, AT_A_TABLE};

/// (facet, universe, source, [(group, estimate, margin of error)]) for the whole city.
type Estimates = (Facet, u64, &'static str, &'static [(&'static str, u64, u64)]);

const RIVERBEND: &[Estimates] = &[
    (
        Facet::RaceEthnicity,
        22_410,
        "ACS 2019-2023 5-year estimates, children under 18 by race and Hispanic origin (B01001B-I)",
        &[
            ("Black or African American", 8_960, 610),
            ("Hispanic or Latino", 7_620, 540),
            ("White", 3_140, 330),
            ("Asian", 1_790, 260),
            ("Middle Eastern or North African", 230, 90),
            ("American Indian or Alaska Native", 90, 50),
            ("Multiracial", 580, 160),
        ],
    ),
    (
        Facet::Gender,
        96_400,
        "ACS 2019-2023 5-year estimates, sex by age (B01001)",
        &[("Woman", 49_530, 420), ("Man", 46_870, 420)],
    ),
    (
        Facet::AgeBand,
        96_400,
        "ACS 2019-2023 5-year estimates, sex by age (B01001)",
        &[
            ("Under 18", 22_410, 380),
            ("18-24", 10_120, 520),
            ("25-34", 14_270, 610),
            ("35-44", 12_630, 570),
            ("45-54", 11_090, 530),
            ("55-64", 11_380, 540),
            ("65+", 14_500, 480),
        ],
    ),
    (
        Facet::PrimaryLanguage,
        89_600,
        "ACS 2019-2023 5-year estimates, language spoken at home, people 5 and older (C16001)",
        &[
            ("English", 63_620, 1_050),
            ("Spanish", 15_230, 840),
            ("Hmong", 4_480, 520),
            ("Somali", 2_690, 410),
            ("Arabic", 900, 230),
            ("another", 2_680, 400),
        ],
    ),
];

/// The Eastside district's children, for comparing a table with the neighbourhoods it began in.
const EASTSIDE: &[Estimates] = &[(
    Facet::RaceEthnicity,
    9_870,
    "ACS 2019-2023 5-year estimates, children under 18 by race and Hispanic origin (B01001B-I), tracts of the Eastside district",
    &[
        ("Black or African American", 4_640, 420),
        ("Hispanic or Latino", 3_450, 360),
        ("White", 690, 150),
        ("Asian", 820, 190),
        ("Multiracial", 270, 110),
    ],
)];

pub(crate) fn demo_community_profiles(today: NaiveDate) -> Vec<CommunityProfile> {
    let profile = |id: Id, place: &str, list: &[Estimates], days_ago: i64| CommunityProfile {
        id,
        source: list.first().map(|(_, _, s, _)| s.to_string()).unwrap_or_default(),
        recorded_at: at(today, days_ago, 15, 10),
        recorded_by: "Priya Raman".into(),
        estimates: list
            .iter()
            .flat_map(|(facet, universe, _, groups)| {
                groups.iter().map(move |(group, estimate, moe)| CommunityEstimate {
                    place: place.into(),
                    facet: *facet,
                    group: group.to_string(),
                    estimate: *estimate,
                    margin_of_error: Some(*moe),
                    universe: *universe,
                })
            })
            .collect(),
    };
    vec![profile(1, "riverbend", RIVERBEND, 400), profile(2, "eastside", EASTSIDE, 380)]
}

/// Each table's compositions, as published by looking every 30 days from its first day to today.
pub(crate) fn demo_compositions(
    today: NaiveDate,
    tables: &[Table],
    memberships: &[Membership],
    people: &[Person],
    organizations: &[Organization],
) -> Vec<CompositionExport> {
    let mut out = Vec::new();
    for t in tables {
        let first = (today - t.created_at.date_naive()).num_days();
        let mut looks: Vec<i64> = (0..=first / 30).map(|k| first - 30 * k).collect();
        if looks.last() != Some(&0) {
            looks.push(0);
        }
        let mut previous: Option<Snapshot> = None;
        for days_ago in looks {
            let on = day(today, days_ago);
            let seats: Vec<Seat> = memberships
                .iter()
                .filter(|m| m.table_id == t.id && m.is_current(on))
                .map(|m| {
                    let p = people.iter().find(|p| p.id == m.person_id).expect("a seat's person");
                    let organization = p
                        .organization_id
                        .and_then(|o| organizations.iter().find(|org| org.id == o))
                        .map(|o| (o.budget_band, o.sector));
                    Seat { person_id: p.id, demographics: p.demographics.clone(), organization }
                })
                .collect();
            if let Some(s) = next_snapshot(previous.as_ref(), &seats, AT_A_TABLE, at(today, days_ago, 9, 0)) {
                out.push(CompositionExport { table_id: t.id, snapshot: s.clone() });
                previous = Some(s);
            }
        }
    }
    out
}

/// Residents' messages about the third-grade reading number: two shown and answered by the
/// school district that owns it ("you said, we did"), one waiting for staff to read it.
pub(crate) fn demo_feedback(today: NaiveDate) -> Vec<backbone_core::feedback::Feedback> {
    use backbone_core::feedback::{Agreement, Feedback, FeedbackStatus, Reply};
    let item = |id: Id, matches, comment: &str, name: Option<&str>, language: &str, days_ago: i64| Feedback {
        id,
        indicator_key: "third-grade-reading".into(),
        matches,
        comment: comment.into(),
        name: name.map(str::to_string),
        contact: None,
        language: language.into(),
        status: FeedbackStatus::Published,
        moderation_note: None,
        reply: None,
        created_at: at(today, days_ago, 20, 15),
    };
    let by = "Riverbend Public Schools".to_string();
    vec![
        Feedback {
            reply: Some(Reply {
                text: "Lo escuchamos también en la Mesa de Residentes. Desde enero, la evaluación de lectura de primavera \
                       se ofrece también en español en Westside, y Familias Unidas coordina los círculos de lectura en \
                       familia con la biblioteca. Mostraremos los resultados en los dos idiomas el próximo año."
                    .into(),
                by: by.clone(),
                at: at(today, 70, 9, 30),
            }),
            ..item(
                1,
                Agreement::Partly,
                "En Westside muchos niños leen mejor en español que en inglés, pero la prueba solo mide el inglés.",
                None,
                "es",
                84,
            )
        },
        Feedback {
            reply: Some(Reply {
                text: "You are right that the city-wide number hides it. In January Riverbend Reads moved two tutors to \
                       Washington Elementary and the waiting list went from 40 children to 12. From next year we will \
                       show this number school by school."
                    .into(),
                by,
                at: at(today, 40, 11, 0),
            }),
            ..item(
                2,
                Agreement::No,
                "The number went up, but at Washington Elementary the reading specialist left in October and 40 children \
                 are on the tutoring waiting list.",
                Some("Deja T."),
                "en",
                52,
            )
        },
        Feedback {
            status: FeedbackStatus::Waiting,
            contact: Some("grandma.reads@mail.example".into()),
            ..item(3, Agreement::Yes, "It matches what I see at the library story times: more kids reading every month.", None, "en", 3)
        },
    ]
}
