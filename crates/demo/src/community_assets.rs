//! The demo's community assets: what Riverbend already has beside the partners' programs —
//! congregations' halls, a tenants' association, volunteers at the library, a Spanish-language
//! parents' group, a park with a summer lunch site —, recorded by staff and by the Resident
//! Table's members; one retired when its hall closed, its history kept. Where each is on the map
//! is a point inside its neighbourhood of the fictional city (`cell`).

use super::*;
use backbone_core::community_assets::{AssetKind, AssetStatus, CommunityAsset};
use backbone_core::exchange::CommunityAssetExport;
use AssetKind::{Business, Group, Place, Skill, VolunteerProgram};

/// The fictional city's neighbourhoods on the map: (west, south, east, north) in degrees. Oak
/// Hill district is the west column, the Eastside district the north-east, the Southside district
/// the south-east; the demo's boundaries (`maps`) draw the same rectangles.
pub(crate) fn cell(zip: &str) -> (f64, f64, f64, f64) {
    match zip {
        "47304" => (-87.66, 41.52, -87.63, 41.55), // Westside
        "47306" => (-87.66, 41.49, -87.63, 41.52), // Riverside
        "47320" => (-87.66, 41.46, -87.63, 41.49), // Oak Hill
        "47303" => (-87.63, 41.52, -87.60, 41.55), // Northgate
        "47305" => (-87.63, 41.49, -87.60, 41.52), // Downtown
        "47302" => (-87.60, 41.49, -87.57, 41.55), // Eastside
        "47307" => (-87.63, 41.46, -87.60, 41.49), // Southside
        "47334" => (-87.60, 41.46, -87.57, 41.49), // Harbor Point
        other => panic!("the demo map has no neighbourhood {other}"),
    }
}

struct AssetSpec {
    kind: AssetKind,
    name: &'static str,
    description: &'static str,
    zip: &'static str,
    address: Option<&'static str>,
    /// Where in its neighbourhood, as fractions of its width and height; none when not a place.
    at: Option<(f64, f64)>,
    serves: &'static str,
    contact: Option<&'static str>,
    resident_led: bool,
    strategies: &'static [&'static str],
    /// (user id of who recorded it, days ago)
    recorded: (Id, i64),
}

const ASSETS: &[AssetSpec] = &[
    AssetSpec {
        kind: Place,
        name: "St. Mark's fellowship hall",
        description: "The church opens its hall on Saturday mornings for reading rooms: tables, a shelf of donated \
                      books and coffee for parents. Free to use for children's programs on weekdays after 3.",
        zip: "47302",
        address: Some("210 Mill Street"),
        at: Some((0.35, 0.30)),
        serves: "Eastside families, any faith or none",
        contact: Some("Church office, 555-0140"),
        resident_led: true,
        strategies: &["summer-reading"],
        recorded: (5, 300),
    },
    AssetSpec {
        kind: Group,
        name: "Mill Street Homes Tenants' Association",
        description:
            "Residents of the 180-unit Mill Street Homes meet monthly; they run a door-to-door welcome for new \
                      families and have a community room with a lending library.",
        zip: "47302",
        address: Some("Mill Street Homes community room, 400 Mill Street"),
        at: Some((0.55, 0.62)),
        serves: "Families living in Mill Street Homes",
        contact: Some("Ask at the community room, Tuesdays 6–8 pm"),
        resident_led: true,
        strategies: &["family-child-care-support"],
        recorded: (5, 280),
    },
    AssetSpec {
        kind: VolunteerProgram,
        name: "Reading buddies at the Northgate library",
        description: "Retired teachers and high-school volunteers read one-on-one with K–3 children twice a week at \
                      the Northgate branch library.",
        zip: "47303",
        address: Some("Northgate branch library, 15 Elm Avenue"),
        at: Some((0.40, 0.55)),
        serves: "Children in kindergarten to third grade",
        contact: Some("Branch librarian, 555-0188"),
        resident_led: false,
        strategies: &["reading-tutors", "summer-reading"],
        recorded: (1, 420),
    },
    AssetSpec {
        kind: Group,
        name: "Padres Unidos",
        description: "A Spanish-language parents' group that meets after Sunday mass: they swap children's books in \
                      Spanish, share what works at the schools and walk new parents through enrolment.",
        zip: "47307",
        address: None,
        at: Some((0.60, 0.45)),
        serves: "Spanish-speaking parents of young children",
        contact: Some("Through Our Lady of Guadalupe parish, 555-0102"),
        resident_led: true,
        strategies: &["home-language-literacy"],
        recorded: (5, 200),
    },
    AssetSpec {
        kind: Place,
        name: "Harbor Point Park summer lunch site",
        description: "The park's pavilion is a free summer lunch site from June to August; families stay for the \
                      splash pad, which makes it a good place for a story time.",
        zip: "47334",
        address: Some("Harbor Point Park pavilion, Shore Road"),
        at: Some((0.50, 0.35)),
        serves: "Children and teens, all summer",
        contact: None,
        resident_led: false,
        strategies: &["summer-reading"],
        recorded: (2, 360),
    },
    AssetSpec {
        kind: Group,
        name: "Somali Women's Circle",
        description:
            "Mothers meet weekly at the Harbor Point community room; they have asked for Somali picture books \
                      and a bilingual story time.",
        zip: "47334",
        address: None,
        at: Some((0.25, 0.70)),
        serves: "Somali-speaking mothers and their children",
        contact: Some("Through the Resident Table"),
        resident_led: true,
        strategies: &["home-language-literacy"],
        recorded: (5, 150),
    },
    AssetSpec {
        kind: Skill,
        name: "Hmong folk tales told by a retired teacher",
        description: "A retired Northgate teacher tells Hmong folk tales in Hmong and English and has offered a \
                      monthly story hour.",
        zip: "47303",
        address: None,
        at: None,
        serves: "Hmong-speaking families",
        contact: Some("Through the Resident Table"),
        resident_led: true,
        strategies: &["home-language-literacy"],
        recorded: (4, 120),
    },
    AssetSpec {
        kind: Business,
        name: "Fades & Books barbershop",
        description: "A barbershop with a shelf of children's books; boys who read aloud while they wait get a dollar \
                      off.",
        zip: "47307",
        address: Some("77 Harbor Avenue"),
        at: Some((0.30, 0.20)),
        serves: "Boys and their fathers",
        contact: None,
        resident_led: true,
        strategies: &["reading-tutors"],
        recorded: (4, 240),
    },
    AssetSpec {
        kind: Place,
        name: "Riverside community garden",
        description: "Forty plots and a shaded classroom table; the garden club hosts school groups in the spring.",
        zip: "47306",
        address: Some("River Road and 3rd Street"),
        at: Some((0.65, 0.50)),
        serves: "Neighbours and school groups",
        contact: None,
        resident_led: true,
        strategies: &[],
        recorded: (2, 330),
    },
    AssetSpec {
        kind: Place,
        name: "Oak Hill recreation center",
        description: "A gym, a computer room with 20 computers and a kitchen, open until 9 pm on weekdays.",
        zip: "47320",
        address: Some("1 Recreation Drive"),
        at: Some((0.50, 0.50)),
        serves: "Young people 8 to 18",
        contact: Some("Front desk, 555-0166"),
        resident_led: false,
        strategies: &["after-school-stem"],
        recorded: (2, 390),
    },
    AssetSpec {
        kind: Group,
        name: "Westside Block Club",
        description: "Neighbours on six blocks of Westside who organise clean-ups, a summer block party and a phone \
                      tree.",
        zip: "47304",
        address: None,
        at: Some((0.45, 0.40)),
        serves: "Westside neighbours",
        contact: Some("Block club captain, through the Resident Table"),
        resident_led: true,
        strategies: &[],
        recorded: (5, 260),
    },
    AssetSpec {
        kind: VolunteerProgram,
        name: "Homework club at Harbor Lutheran",
        description: "Volunteers from the congregation help with homework Monday to Thursday after school, with a \
                      snack.",
        zip: "47334",
        address: Some("Harbor Lutheran Church, 9 Anchor Street"),
        at: Some((0.75, 0.60)),
        serves: "Children in grades 1 to 8",
        contact: Some("Church office, 555-0123"),
        resident_led: false,
        strategies: &["reading-tutors"],
        recorded: (1, 180),
    },
    AssetSpec {
        kind: Place,
        name: "Grace Chapel basement reading room",
        description: "A quiet room with books where the Saturday reading rooms began, before they moved to St. Mark's.",
        zip: "47305",
        address: Some("Grace Chapel, 30 Main Street"),
        at: Some((0.50, 0.55)),
        serves: "Downtown families",
        contact: None,
        resident_led: true,
        strategies: &["summer-reading"],
        recorded: (5, 500),
    },
];

/// The demo's assets, each with its history; the last one retired (its hall closed for repairs).
pub(crate) fn demo_community_assets(today: NaiveDate) -> Vec<CommunityAssetExport> {
    ASSETS
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let (who, ago) = a.recorded;
            let recorded = at(today, ago, 11, (i * 5 % 60) as u32);
            let point = a.at.map(|(fx, fy)| {
                let (w, s, e, n) = cell(a.zip);
                (((s + fy * (n - s)) * 1e6).round() / 1e6, ((w + fx * (e - w)) * 1e6).round() / 1e6)
            });
            let first = CommunityAsset {
                id: i as Id + 1,
                initiative_id: INITIATIVE_ID,
                kind: a.kind,
                name: a.name.into(),
                description: a.description.into(),
                place: a.zip.into(),
                address: a.address.map(Into::into),
                latitude: point.map(|p| p.0),
                longitude: point.map(|p| p.1),
                serves: a.serves.into(),
                contact: a.contact.map(Into::into),
                resident_led: a.resident_led,
                strategy_keys: a.strategies.iter().map(|s| s.to_string()).collect(),
                status: AssetStatus::Active,
                retired_reason: None,
                recorded_by: Some(people::USERS[who as usize - 1].1.into()),
                version: 1,
                created_at: recorded,
                updated_at: recorded,
            };
            let mut versions = vec![first.clone()];
            if a.name.starts_with("Grace Chapel") {
                let closed = at(today, 210, 15, 0);
                versions.push(CommunityAsset {
                    status: AssetStatus::Retired,
                    retired_reason: Some(
                        "The chapel closed its basement for repairs; the reading rooms moved to St. Mark's.".into(),
                    ),
                    version: 2,
                    updated_at: closed,
                    ..first
                });
            }
            CommunityAssetExport { versions }
        })
        .collect()
}
