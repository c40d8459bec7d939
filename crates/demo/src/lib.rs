//! The demo initiative: the Riverbend Cradle to Career Partnership, a believable collective impact
//! initiative in a fictional mid-sized US city, with its partners, people, tables, common agenda
//! history, endorsements, demo logins and shared measurement (indicators, places and twelve years of
//! numbers; see `demo_measures.rs`).
//!
//! Everything is built from the constant data below and a small seeded generator, so two calls with
//! the same `today` give the same document. Dates are set relative to `today`, so the demo always
//! looks current. No I/O.

use backbone_core::accounts::*;
use backbone_core::agenda::*;
use backbone_core::exchange::{InitiativeExport, EXPORT_FORMAT};
use backbone_core::initiative::*;
use backbone_core::partners::*;
use backbone_core::people::*;
use backbone_core::tables::*;
use backbone_core::Id;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use std::collections::{HashMap, HashSet};

mod measures;

/// The password of every demo login.
pub const DEMO_PASSWORD: &str = "backbone-demo-2026";

/// A demo login and, in plain words, what it is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoLogin {
    pub username: &'static str,
    pub role: &'static str,
}

const LOGINS: &[DemoLogin] = &[
    DemoLogin { username: "director", role: "backbone executive director (admin)" },
    DemoLogin { username: "datalead", role: "backbone data lead (admin)" },
    DemoLogin { username: "steward", role: "data steward for Riverbend Public Schools" },
    DemoLogin { username: "member", role: "member of the Early Grade Reading Working Group" },
    DemoLogin { username: "resident", role: "member of the Resident Table" },
];

/// The demo logins, all with [`DEMO_PASSWORD`].
pub fn demo_logins() -> &'static [DemoLogin] {
    LOGINS
}

const INITIATIVE_ID: Id = 1;

// ---------------------------------------------------------------- a tiny deterministic generator

/// splitmix64: enough variety for believable data, the same sequence on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// A number in `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        debug_assert!(lo <= hi);
        lo + (self.next() % (hi - lo + 1) as u64) as i64
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next() % items.len() as u64) as usize]
    }
}

// ---------------------------------------------------------------- dates

fn day(today: NaiveDate, days_ago: i64) -> NaiveDate {
    today - Duration::days(days_ago)
}

fn at(today: NaiveDate, days_ago: i64, hour: u32, minute: u32) -> DateTime<Utc> {
    day(today, days_ago).and_hms_opt(hour, minute, 0).expect("valid time").and_utc()
}

// ---------------------------------------------------------------- the city

/// The city's ZIP codes, by neighbourhood.
const ZIPS: [&str; 8] = [
    "47302", // Eastside
    "47303", // Northgate
    "47304", // Westside
    "47305", // Downtown
    "47306", // Riverside
    "47307", // Southside
    "47320", // Oak Hill
    "47334", // Harbor Point
];
const EAST: usize = 0;
const NORTH: usize = 1;
const WEST: usize = 2;
const DOWN: usize = 3;
const RIVER: usize = 4;
const SOUTH: usize = 5;
const OAK: usize = 6;
const HARBOR: usize = 7;
const CITYWIDE: &[usize] = &[EAST, NORTH, WEST, DOWN, RIVER, SOUTH, OAK, HARBOR];

/// Heritage codes used below to give people self-reported demographics that fit their names:
/// B Black / African American, S Somali, L Latino, W White, H Hmong, A Asian, N American Indian,
/// M Middle Eastern / North African, X multiracial. Gender: f woman, m man, n non-binary.
type Staff = (&'static str, &'static str, char, char); // (title, name, heritage, gender)

struct OrgSpec {
    name: &'static str,
    sector: Sector,
    band: BudgetBand,
    resident_led: bool,
    domain: &'static str,
    zips: &'static [usize],
    staff: &'static [Staff],
}

use BudgetBand::{From100kTo1m, From1mTo5m, From5mTo20m, Over20m, Under100k};

const ORGS: &[OrgSpec] = &[
    OrgSpec {
        name: "Riverbend Public Schools",
        sector: Sector::SchoolDistrict,
        band: Over20m,
        resident_led: false,
        domain: "riverbendschools.org",
        zips: CITYWIDE,
        staff: &[
            ("Superintendent", "Marcus Whitfield", 'B', 'm'),
            ("Chief Academic Officer", "Katherine Novak", 'W', 'f'),
            ("Director of Research & Assessment", "Tomás Herrera", 'L', 'm'),
            ("Director of Early Learning", "Yer Thao", 'H', 'f'),
            ("Graduation Coach, Eastside High School", "Darnell Coleman", 'B', 'm'),
            ("Family Engagement Coordinator", "Guadalupe Ortiz", 'L', 'f'),
            ("Principal, Washington Elementary", "Heather Lindgren", 'W', 'f'),
            ("Principal, Eastside High School", "Victor Salinas", 'L', 'm'),
            ("English Learner Program Supervisor", "Nhia Vue", 'H', 'm'),
        ],
    },
    OrgSpec {
        name: "Harbor Point Academy",
        sector: Sector::SchoolDistrict,
        band: From5mTo20m,
        resident_led: false,
        domain: "harborpointacademy.org",
        zips: &[HARBOR, SOUTH, DOWN],
        staff: &[
            ("Executive Director", "Rebecca Sullivan", 'W', 'f'),
            ("Dean of Students", "Jamal Freeman", 'B', 'm'),
            ("College Counselor", "Grace Park", 'A', 'f'),
        ],
    },
    OrgSpec {
        name: "Little Sprouts Early Learning Center",
        sector: Sector::EarlyChildhood,
        band: From1mTo5m,
        resident_led: false,
        domain: "littlesproutsrb.org",
        zips: &[EAST, DOWN],
        staff: &[
            ("Center Director", "Monique Dawson", 'B', 'f'),
            ("Lead Pre-K Teacher", "Ana Martínez", 'L', 'f'),
            ("Family Advocate", "Hawa Ahmed", 'S', 'f'),
        ],
    },
    OrgSpec {
        name: "Mercer County Head Start",
        sector: Sector::EarlyChildhood,
        band: From5mTo20m,
        resident_led: false,
        domain: "mercerheadstart.org",
        zips: CITYWIDE,
        staff: &[
            ("Head Start Director", "Laura Becker", 'W', 'f'),
            ("Family Services Manager", "Fadumo Abdullahi", 'S', 'f'),
            ("Disabilities & Mental Health Coordinator", "Kevin Tran", 'A', 'm'),
            ("Education Manager", "Renee Begay", 'N', 'f'),
        ],
    },
    OrgSpec {
        name: "Casa de Abuela Family Child Care Network",
        sector: Sector::EarlyChildhood,
        band: From100kTo1m,
        resident_led: true,
        domain: "casadeabuela.org",
        zips: &[EAST, SOUTH, WEST],
        staff: &[
            ("Network Coordinator", "Rosa Hernández", 'L', 'f'),
            ("Provider Mentor", "Mai Vang", 'H', 'f'),
            ("Family Child Care Provider", "Leticia Campos", 'L', 'f'),
        ],
    },
    OrgSpec {
        name: "Bright Start Home Visiting",
        sector: Sector::EarlyChildhood,
        band: From1mTo5m,
        resident_led: false,
        domain: "brightstartrb.org",
        zips: &[EAST, NORTH, SOUTH],
        staff: &[
            ("Program Director", "Sarah Kowalski", 'W', 'f'),
            ("Nurse Home Visitor", "Ifrah Hussein", 'S', 'f'),
            ("Parent Educator", "Marisol Vega", 'L', 'f'),
        ],
    },
    OrgSpec {
        name: "Riverbend Community College",
        sector: Sector::HigherEducation,
        band: Over20m,
        resident_led: false,
        domain: "riverbendcc.org",
        zips: CITYWIDE,
        staff: &[
            ("President", "Reginald Gaines", 'B', 'm'),
            ("Vice President of Student Success", "Anjali Shah", 'A', 'f'),
            ("Dual Enrollment Coordinator", "Chue Xiong", 'H', 'm'),
            ("Director of Adult Basic Education", "Samuel Okoro", 'B', 'm'),
        ],
    },
    OrgSpec {
        name: "Northfield State University – Riverbend Campus",
        sector: Sector::HigherEducation,
        band: Over20m,
        resident_led: false,
        domain: "northfieldstate.example",
        zips: CITYWIDE,
        staff: &[
            ("Associate Provost for Community Engagement", "Hannah Fitzgerald", 'W', 'f'),
            ("Director of School Partnerships", "Layla Haddad", 'M', 'f'),
            ("Professor of Literacy Education", "Rachel Goldberg", 'W', 'f'),
        ],
    },
    OrgSpec {
        name: "St. Brigid Health System",
        sector: Sector::Health,
        band: Over20m,
        resident_led: false,
        domain: "stbrigidhealth.org",
        zips: CITYWIDE,
        staff: &[
            ("President & CEO", "Michael Olson", 'W', 'm'),
            ("Director of Community Health", "Tamika Robinson", 'B', 'f'),
            ("Pediatrician and Early Literacy Champion", "Sanjay Patel", 'A', 'm'),
            ("Community Benefit Manager", "Jennifer Walsh", 'W', 'f'),
        ],
    },
    OrgSpec {
        name: "Eastside Community Health Center",
        sector: Sector::Health,
        band: From5mTo20m,
        resident_led: false,
        domain: "eastsidechc.org",
        zips: &[EAST, NORTH, SOUTH],
        staff: &[
            ("Chief Executive Officer", "Alejandra Flores", 'L', 'f'),
            ("Community Health Worker", "Abdi Jama", 'S', 'm'),
            ("Behavioral Health Director", "Winona Cornelius", 'N', 'f'),
            ("Pediatric Nurse Practitioner", "Nadia Rahman", 'A', 'f'),
        ],
    },
    OrgSpec {
        name: "Riverbend Children's Dental Clinic",
        sector: Sector::Health,
        band: From100kTo1m,
        resident_led: false,
        domain: "kidsdentalrb.org",
        zips: &[EAST, DOWN, SOUTH],
        staff: &[
            ("Clinic Manager", "Linh Nguyen", 'A', 'f'),
            ("School Sealant Program Lead", "Farhan Qureshi", 'A', 'm'),
        ],
    },
    OrgSpec {
        name: "Riverbend Housing Authority",
        sector: Sector::Housing,
        band: From5mTo20m,
        resident_led: false,
        domain: "riverbendhousing.org",
        zips: &[EAST, NORTH, SOUTH, HARBOR],
        staff: &[
            ("Executive Director", "Cedric Harris", 'B', 'm'),
            ("Resident Services Coordinator", "Pang Moua", 'H', 'f'),
            ("Family Self-Sufficiency Coordinator", "Shawn Mitchell", 'B', 'm'),
        ],
    },
    OrgSpec {
        name: "Habitat for Humanity of Mercer County",
        sector: Sector::Housing,
        band: From1mTo5m,
        resident_led: false,
        domain: "habitatmercer.org",
        zips: &[EAST, WEST, SOUTH],
        staff: &[
            ("Executive Director", "Brian Larsen", 'W', 'm'),
            ("Homeowner Services Manager", "Veronica Gutiérrez", 'L', 'f'),
        ],
    },
    OrgSpec {
        name: "Westside Tenants Union",
        sector: Sector::Housing,
        band: Under100k,
        resident_led: true,
        domain: "westsidetenants.org",
        zips: &[WEST, RIVER],
        staff: &[
            ("Lead Organizer", "Yesenia Ramírez", 'L', 'f'),
            ("Volunteer Treasurer", "Terrence Jackson", 'B', 'm'),
        ],
    },
    OrgSpec {
        name: "HomeFirst Family Shelter",
        sector: Sector::Housing,
        band: From1mTo5m,
        resident_led: false,
        domain: "homefirstrb.org",
        zips: &[DOWN, EAST],
        staff: &[
            ("Director of Family Programs", "Keisha Washington", 'B', 'f'),
            ("Housing Case Manager", "Dawn Yellowbird", 'N', 'f'),
        ],
    },
    OrgSpec {
        name: "Riverbend Area Chamber of Commerce",
        sector: Sector::Business,
        band: From1mTo5m,
        resident_led: false,
        domain: "riverbendchamber.org",
        zips: CITYWIDE,
        staff: &[
            ("President", "David Schmidt", 'W', 'm'),
            ("Director of Talent Initiatives", "Nisha Kapoor", 'A', 'f'),
            ("Chair, Education & Workforce Committee", "Greg Halvorsen", 'W', 'm'),
        ],
    },
    OrgSpec {
        name: "Mercer Precision Manufacturing",
        sector: Sector::Business,
        band: Over20m,
        resident_led: false,
        domain: "mercerprecision.example",
        zips: &[WEST, RIVER],
        staff: &[
            ("Vice President, People & Culture", "Julie Anderson", 'W', 'f'),
            ("Apprenticeship Program Manager", "Luis García", 'L', 'm'),
            ("Plant Manager", "Kurt Hoffman", 'W', 'm'),
        ],
    },
    OrgSpec {
        name: "First River Credit Union",
        sector: Sector::Business,
        band: Over20m,
        resident_led: false,
        domain: "firstriver.example",
        zips: CITYWIDE,
        staff: &[("Community Impact Officer", "Andre Mensah", 'B', 'm'), ("Financial Coach", "Xeng Lee", 'H', 'm')],
    },
    OrgSpec {
        name: "Greater Mount Zion Baptist Church",
        sector: Sector::Faith,
        band: From100kTo1m,
        resident_led: false,
        domain: "mountzionrb.org",
        zips: &[EAST, SOUTH],
        staff: &[
            ("Senior Pastor", "Jerome Pettaway", 'B', 'm'),
            ("Youth Ministry Director", "Simone Carter", 'B', 'f'),
        ],
    },
    OrgSpec {
        name: "Iglesia Nueva Esperanza",
        sector: Sector::Faith,
        band: Under100k,
        resident_led: true,
        domain: "nuevaesperanzarb.org",
        zips: &[EAST, WEST],
        staff: &[("Pastor", "Rafael Morales", 'L', 'm')],
    },
    OrgSpec {
        name: "Islamic Center of Riverbend",
        sector: Sector::Faith,
        band: From100kTo1m,
        resident_led: false,
        domain: "icriverbend.org",
        zips: &[NORTH, DOWN, HARBOR],
        staff: &[
            ("Imam and Community Liaison", "Mohamed Osman", 'S', 'm'),
            ("Chair, Education Committee", "Rania Khalil", 'M', 'f'),
        ],
    },
    OrgSpec {
        name: "Hmong Alliance Church of Riverbend",
        sector: Sector::Faith,
        band: Under100k,
        resident_led: true,
        domain: "hmongalliancerb.org",
        zips: &[NORTH, SOUTH],
        staff: &[("Pastor", "Koua Yang", 'H', 'm')],
    },
    OrgSpec {
        name: "Bethany Lutheran Church",
        sector: Sector::Faith,
        band: From100kTo1m,
        resident_led: false,
        domain: "bethanyrb.org",
        zips: &[OAK, RIVER],
        staff: &[
            ("Outreach Coordinator", "Karen Johansson", 'W', 'f'),
            ("Tutoring Ministry Volunteer Lead", "Ruth Engstrom", 'W', 'f'),
        ],
    },
    OrgSpec {
        name: "Riverbend Community Foundation",
        sector: Sector::Philanthropy,
        band: From5mTo20m,
        resident_led: false,
        domain: "riverbendfoundation.org",
        zips: CITYWIDE,
        staff: &[
            ("President & CEO", "Gloria Castillo", 'L', 'f'),
            ("Senior Program Officer, Education", "Thomas Murphy", 'W', 'm'),
        ],
    },
    OrgSpec {
        name: "United Way of the Riverbend Region",
        sector: Sector::Philanthropy,
        band: From5mTo20m,
        resident_led: false,
        domain: "uwriverbend.org",
        zips: CITYWIDE,
        staff: &[
            ("President & CEO", "Angela Ross", 'B', 'f'),
            ("Executive Director, Riverbend Cradle to Career", "Danielle Okafor", 'B', 'f'),
            ("Data & Continuous Improvement Lead", "Priya Raman", 'A', 'f'),
            ("Community Engagement Manager", "Lucía Torres", 'L', 'f'),
            ("Project Coordinator", "Eric Lindqvist", 'W', 'm'),
        ],
    },
    OrgSpec {
        name: "Hollister Family Foundation",
        sector: Sector::Philanthropy,
        band: From1mTo5m,
        resident_led: false,
        domain: "hollisterfoundation.org",
        zips: CITYWIDE,
        staff: &[
            ("Executive Director", "Matthew Hollister", 'W', 'm'),
            ("Program Associate", "Brianna Cole", 'X', 'f'),
        ],
    },
    OrgSpec {
        name: "City of Riverbend",
        sector: Sector::Government,
        band: Over20m,
        resident_led: false,
        domain: "cityofriverbend.example",
        zips: CITYWIDE,
        staff: &[
            ("Mayor", "Teresa Alvarez", 'L', 'f'),
            ("Deputy Mayor for Education & Youth", "Hassan Ali", 'S', 'm'),
            ("Youth Employment Program Manager", "Jasmine Harris", 'B', 'f'),
            ("Youth Programs Supervisor, Parks & Recreation", "Dominic Salas", 'L', 'm'),
        ],
    },
    OrgSpec {
        name: "Mercer County Health Department",
        sector: Sector::Government,
        band: From5mTo20m,
        resident_led: false,
        domain: "mercerhealth.example",
        zips: CITYWIDE,
        staff: &[
            ("Health Commissioner", "Paul Schreiber", 'W', 'm'),
            ("Maternal & Child Health Epidemiologist", "Mei Chen", 'A', 'f'),
            ("WIC Program Coordinator", "Sahra Abdi", 'S', 'f'),
        ],
    },
    OrgSpec {
        name: "Riverbend Public Library",
        sector: Sector::Government,
        band: From5mTo20m,
        resident_led: false,
        domain: "riverbendlibrary.org",
        zips: CITYWIDE,
        staff: &[
            ("Library Director", "Joseph Skenandore", 'N', 'm'),
            ("Youth Services Manager", "Megan O'Brien", 'W', 'f'),
            ("Bilingual Early Literacy Librarian", "Bao Yang", 'H', 'f'),
        ],
    },
    OrgSpec {
        name: "Mercer County Department of Human Services",
        sector: Sector::Government,
        band: Over20m,
        resident_led: false,
        domain: "mercercounty.example",
        zips: CITYWIDE,
        staff: &[
            ("Director", "Ricardo Medina", 'L', 'm'),
            ("Child Care Subsidy Program Manager", "Ebony Lewis", 'B', 'f'),
            ("Family Stability Caseworker", "Fue Chang", 'H', 'm'),
        ],
    },
    OrgSpec {
        name: "Riverbend Reads",
        sector: Sector::Nonprofit,
        band: From100kTo1m,
        resident_led: false,
        domain: "riverbendreads.org",
        zips: &[EAST, NORTH, SOUTH, WEST],
        staff: &[
            ("Executive Director", "Hana Nakamura", 'A', 'f'),
            ("Early Literacy Coordinator", "Aaliyah Brooks", 'B', 'f'),
            ("Volunteer Tutor Manager", "Patrick Doyle", 'W', 'm'),
            ("Family Literacy Specialist", "Yasmin Nasser", 'M', 'f'),
        ],
    },
    OrgSpec {
        name: "Boys & Girls Clubs of Riverbend",
        sector: Sector::Nonprofit,
        band: From1mTo5m,
        resident_led: false,
        domain: "bgcriverbend.org",
        zips: &[EAST, SOUTH, WEST, HARBOR],
        staff: &[
            ("Chief Executive Officer", "Malik Grant", 'B', 'm'),
            ("Director of Teen Programs", "Carlos López", 'L', 'm'),
            ("Club Director, Eastside", "Trevon Hayes", 'B', 'm'),
        ],
    },
    OrgSpec {
        name: "Southside Youth Mentoring Collaborative",
        sector: Sector::Nonprofit,
        band: From100kTo1m,
        resident_led: false,
        domain: "southsidementoring.org",
        zips: &[SOUTH, EAST],
        staff: &[
            ("Executive Director", "Latoya Simmons", 'B', 'f'),
            ("Mentor Coordinator", "Liban Farah", 'S', 'm'),
            ("Program Assistant", "Jordan Ellis", 'X', 'n'),
        ],
    },
    OrgSpec {
        name: "Somali Community Services of Riverbend",
        sector: Sector::Nonprofit,
        band: From100kTo1m,
        resident_led: false,
        domain: "somaliservicesrb.org",
        zips: &[NORTH, HARBOR, DOWN],
        staff: &[
            ("Executive Director", "Ayan Mohamud", 'S', 'f'),
            ("Family Navigator", "Yusuf Omar", 'S', 'm'),
            ("Youth Program Lead", "Khadra Mohamed", 'S', 'f'),
        ],
    },
    OrgSpec {
        name: "Hmong American Family Center",
        sector: Sector::Nonprofit,
        band: From1mTo5m,
        resident_led: false,
        domain: "hmongfamilycenter.org",
        zips: &[NORTH, SOUTH],
        staff: &[
            ("Executive Director", "Pao Lor", 'H', 'm'),
            ("Youth & College Access Coordinator", "Kia Her", 'H', 'f'),
            ("Early Childhood Family Educator", "Youa Vang", 'H', 'f'),
        ],
    },
    OrgSpec {
        name: "Next Step College Access Network",
        sector: Sector::Nonprofit,
        band: From1mTo5m,
        resident_led: false,
        domain: "nextsteprb.org",
        zips: CITYWIDE,
        staff: &[
            ("Executive Director", "Vikram Iyer", 'A', 'm'),
            ("College Completion Coach", "Daniela Cruz", 'L', 'f'),
            ("FAFSA Outreach Specialist", "Omar Saleh", 'M', 'm'),
        ],
    },
    OrgSpec {
        name: "Riverbend Workforce Alliance",
        sector: Sector::Nonprofit,
        band: From5mTo20m,
        resident_led: false,
        domain: "riverbendworkforce.org",
        zips: CITYWIDE,
        staff: &[
            ("President", "Emily Sorensen", 'W', 'f'),
            ("Career Pathways Director", "Tariq Mansour", 'M', 'm'),
            ("Youth Apprenticeship Navigator", "Andrés Villalobos", 'L', 'm'),
        ],
    },
    // The $25k all-volunteer parent group, next to the $25M providers above.
    OrgSpec {
        name: "Eastside Parents United",
        sector: Sector::ResidentLed,
        band: Under100k,
        resident_led: true,
        domain: "eastsideparents.org",
        zips: &[EAST],
        staff: &[("Volunteer Chair", "Shanice Whitaker", 'B', 'f'), ("Volunteer Organizer", "Miguel Reyes", 'L', 'm')],
    },
    OrgSpec {
        name: "Northgate Neighborhood Association",
        sector: Sector::ResidentLed,
        band: Under100k,
        resident_led: true,
        domain: "northgateneighbors.org",
        zips: &[NORTH],
        staff: &[("President", "Nou Xiong", 'H', 'f')],
    },
    OrgSpec {
        name: "Familias Unidas de Riverbend",
        sector: Sector::ResidentLed,
        band: Under100k,
        resident_led: true,
        domain: "familiasunidasrb.org",
        zips: &[EAST, WEST, SOUTH],
        staff: &[("Coordinator", "Carmen Salazar", 'L', 'f')],
    },
    OrgSpec {
        name: "Southside Parent Power",
        sector: Sector::ResidentLed,
        band: From100kTo1m,
        resident_led: true,
        domain: "southsideparentpower.org",
        zips: &[SOUTH],
        staff: &[("Co-Director", "Tanisha Moore", 'B', 'f'), ("Co-Director", "Abdirahman Nur", 'S', 'm')],
    },
];

/// Residents who take part on their own, not for an organisation:
/// (name, title, heritage, gender, age band).
const RESIDENTS: &[(&str, &str, char, char, &str)] = &[
    ("Hodan Warsame", "Parent, Northgate", 'S', 'f', "35-44"),
    ("Marisela Rodríguez", "Parent, Westside", 'L', 'f', "25-34"),
    ("Deja Thompson", "Parent, Eastside", 'B', 'f', "35-44"),
    ("Tou Vang", "Parent, Southside", 'H', 'm', "45-54"),
    ("Brenda Kowalczyk", "Grandparent, Riverside", 'W', 'f', "55-64"),
    ("DeShawn Price", "Parent, Southside", 'B', 'm', "25-34"),
    ("Fatima Yusuf", "Parent, Harbor Point", 'S', 'f', "25-34"),
    ("Jorge Alvarado", "Parent, Eastside", 'L', 'm', "45-54"),
    ("Linda Webster", "Retired teacher, Oak Hill", 'N', 'f', "55-64"),
    ("Kou Her", "Parent, Northgate", 'H', 'm', "35-44"),
    ("Tiana Woods", "Youth leader, Eastside", 'B', 'f', "18-24"),
    ("Amy Peterson", "Parent, Riverside", 'W', 'f', "35-44"),
    ("Abdullahi Hassan", "Parent, Northgate", 'S', 'm', "45-54"),
    ("Paola Jiménez", "Parent, Westside", 'L', 'f', "35-44"),
    ("Terrell Banks", "Parent, Southside", 'B', 'm', "45-54"),
    ("Zoua Xiong", "Parent, Northgate", 'H', 'f', "25-34"),
    ("Samira Aziz", "Parent, Downtown", 'M', 'f', "35-44"),
    ("Beverly Hughes", "Grandparent raising two grandchildren, Eastside", 'B', 'f', "65+"),
    ("Tyler Jensen", "Youth leader, Riverside", 'W', 'm', "18-24"),
    ("Esperanza Ruiz", "Family child care provider, Eastside", 'L', 'f', "55-64"),
    ("Ahmed Dualeh", "Parent, Harbor Point", 'S', 'm', "35-44"),
    ("Jaylen Scott", "Youth leader, Southside", 'B', 'm', "18-24"),
];

// ---------------------------------------------------------------- users

/// (username, display name, days ago the account was made). Each display name is a person above.
const USERS: &[(&str, &str, i64)] = &[
    ("director", "Danielle Okafor", 1460),
    ("datalead", "Priya Raman", 1300),
    ("steward", "Tomás Herrera", 1150),
    ("member", "Aaliyah Brooks", 1090),
    ("resident", "Hodan Warsame", 990),
];
const DIRECTOR: Id = 1;
const STEWARD: Id = 3;
const STEWARD_ORG: &str = "Riverbend Public Schools";

// ---------------------------------------------------------------- tables

const CHAIR: MemberRole = MemberRole::Chair;
const FACILITATOR: MemberRole = MemberRole::Facilitator;
const MEMBER: MemberRole = MemberRole::Member;

struct TableSpec {
    name: &'static str,
    kind: TableKind,
    purpose: &'static str,
    result_key: Option<&'static str>,
    created_ago: i64,
    /// (person, role, started days ago, ended days ago or 0 while current)
    seats: &'static [(&'static str, MemberRole, i64, i64)],
}

const TABLES: &[TableSpec] = &[
    TableSpec {
        name: "Steering Committee",
        kind: TableKind::SteeringCommittee,
        purpose: "Sets the direction of the partnership, adopts the common agenda and its revisions, and holds \
                  partners accountable to the shared results. Co-chaired by the Mayor and the Superintendent; \
                  meets every other month. Two seats are held by residents, chosen by the Resident Table since it \
                  formed.",
        result_key: None,
        created_ago: 1430,
        seats: &[
            ("Teresa Alvarez", CHAIR, 1430, 0),
            ("Marcus Whitfield", CHAIR, 1430, 0),
            ("Danielle Okafor", FACILITATOR, 1430, 0),
            ("Angela Ross", MEMBER, 1430, 0),
            ("Michael Olson", MEMBER, 1430, 0),
            ("Gloria Castillo", MEMBER, 1430, 0),
            ("David Schmidt", MEMBER, 1430, 0),
            ("Anjali Shah", MEMBER, 1430, 1201),
            ("Reginald Gaines", MEMBER, 1200, 0),
            ("Laura Becker", MEMBER, 1400, 0),
            ("Jerome Pettaway", MEMBER, 1400, 0),
            ("Beverly Hughes", MEMBER, 1400, 700),
            ("Jorge Alvarado", MEMBER, 1400, 700),
            ("Cedric Harris", MEMBER, 1380, 0),
            ("Alejandra Flores", MEMBER, 1380, 0),
            ("Ricardo Medina", MEMBER, 1350, 0),
            ("Matthew Hollister", MEMBER, 1200, 400),
            ("Shanice Whitaker", MEMBER, 900, 0),
            ("Hodan Warsame", MEMBER, 699, 0),
            ("Deja Thompson", MEMBER, 699, 0),
        ],
    },
    TableSpec {
        name: "Kindergarten Readiness Action Network",
        kind: TableKind::ActionNetwork,
        purpose: "Early-childhood providers, health partners and families working to raise the share of children \
                  who enter kindergarten ready to succeed, starting in Eastside and Southside.",
        result_key: Some("kindergarten-readiness"),
        created_ago: 1250,
        seats: &[
            ("Laura Becker", CHAIR, 1250, 600),
            ("Monique Dawson", CHAIR, 599, 0),
            ("Laura Becker", MEMBER, 599, 0),
            ("Eric Lindqvist", FACILITATOR, 1250, 0),
            ("Yer Thao", MEMBER, 1250, 0),
            ("Sarah Kowalski", MEMBER, 1250, 0),
            ("Mei Chen", MEMBER, 1250, 300),
            ("Sahra Abdi", MEMBER, 299, 0),
            ("Sanjay Patel", MEMBER, 1200, 0),
            ("Ebony Lewis", MEMBER, 1100, 0),
            ("Rosa Hernández", MEMBER, 1000, 0),
            ("Esperanza Ruiz", MEMBER, 950, 0),
            ("Tou Vang", MEMBER, 950, 500),
            ("Fadumo Abdullahi", MEMBER, 900, 0),
            ("Youa Vang", MEMBER, 800, 0),
            ("Leticia Campos", MEMBER, 700, 0),
        ],
    },
    TableSpec {
        name: "Early Grade Reading Working Group",
        kind: TableKind::WorkingGroup,
        purpose: "Aligns tutoring, summer reading and family literacy so that more children read at grade level by \
                  the end of third grade.",
        result_key: Some("early-grade-reading"),
        created_ago: 1240,
        seats: &[
            ("Hana Nakamura", CHAIR, 1240, 0),
            ("Lucía Torres", FACILITATOR, 1240, 0),
            ("Katherine Novak", MEMBER, 1240, 0),
            ("Megan O'Brien", MEMBER, 1240, 0),
            ("Rachel Goldberg", MEMBER, 1240, 500),
            ("Patrick Doyle", MEMBER, 1240, 800),
            ("Aaliyah Brooks", MEMBER, 1100, 0),
            ("Guadalupe Ortiz", MEMBER, 1100, 0),
            ("Heather Lindgren", MEMBER, 1000, 0),
            ("Paola Jiménez", MEMBER, 950, 0),
            ("Kou Her", MEMBER, 950, 650),
            ("Ruth Engstrom", MEMBER, 900, 0),
            ("Bao Yang", MEMBER, 700, 0),
            ("Yasmin Nasser", MEMBER, 600, 0),
            ("Nhia Vue", MEMBER, 400, 0),
        ],
    },
    TableSpec {
        name: "High School Graduation Action Network",
        kind: TableKind::ActionNetwork,
        purpose: "Uses early-warning data on attendance, behavior and course failure to get ninth graders on track, \
                  and connects every student with a caring adult.",
        result_key: Some("high-school-graduation"),
        created_ago: 1230,
        seats: &[
            ("Darnell Coleman", CHAIR, 1230, 0),
            ("Eric Lindqvist", FACILITATOR, 1230, 0),
            ("Priya Raman", MEMBER, 1230, 0),
            ("Victor Salinas", MEMBER, 1230, 0),
            ("Latoya Simmons", MEMBER, 1230, 0),
            ("Malik Grant", MEMBER, 1230, 700),
            ("Carlos López", MEMBER, 700, 0),
            ("Jamal Freeman", MEMBER, 1100, 0),
            ("Jasmine Harris", MEMBER, 1000, 0),
            ("Simone Carter", MEMBER, 1000, 400),
            ("Liban Farah", MEMBER, 900, 0),
            ("Shawn Mitchell", MEMBER, 900, 0),
            ("Tanisha Moore", MEMBER, 800, 0),
            ("Khadra Mohamed", MEMBER, 600, 0),
            ("Trevon Hayes", MEMBER, 500, 0),
            ("Jaylen Scott", MEMBER, 500, 0),
        ],
    },
    TableSpec {
        name: "Postsecondary & Career Working Group",
        kind: TableKind::WorkingGroup,
        purpose: "Formed to make the case for a postsecondary result in the common agenda; now leads FAFSA \
                  completion, dual enrollment and persistence coaching with the colleges and employers.",
        result_key: Some("postsecondary-completion"),
        created_ago: 420,
        seats: &[
            ("Anjali Shah", CHAIR, 420, 0),
            ("Emily Sorensen", CHAIR, 420, 0),
            ("Priya Raman", FACILITATOR, 420, 0),
            ("Vikram Iyer", MEMBER, 420, 0),
            ("Daniela Cruz", MEMBER, 420, 0),
            ("Chue Xiong", MEMBER, 420, 0),
            ("Nisha Kapoor", MEMBER, 420, 0),
            ("Tariq Mansour", MEMBER, 420, 90),
            ("Layla Haddad", MEMBER, 420, 200),
            ("Kia Her", MEMBER, 400, 0),
            ("Omar Saleh", MEMBER, 380, 0),
            ("Grace Park", MEMBER, 380, 0),
            ("Luis García", MEMBER, 350, 0),
            ("Tyler Jensen", MEMBER, 300, 0),
            ("Andre Mensah", MEMBER, 250, 0),
            ("Andrés Villalobos", MEMBER, 89, 0),
        ],
    },
    TableSpec {
        name: "Resident Table",
        kind: TableKind::ResidentTable,
        purpose: "Parents, grandparents and young people from Eastside, Northgate, Southside, Westside and Harbor \
                  Point who review the agenda and the data, advise every table, and choose the two resident members \
                  of the Steering Committee. Members receive a stipend, a meal, child care and interpretation.",
        result_key: None,
        created_ago: 1000,
        seats: &[
            ("Lucía Torres", FACILITATOR, 1000, 0),
            ("Beverly Hughes", CHAIR, 1000, 501),
            ("Beverly Hughes", MEMBER, 500, 0),
            ("Hodan Warsame", MEMBER, 1000, 501),
            ("Hodan Warsame", CHAIR, 500, 0),
            ("Deja Thompson", MEMBER, 1000, 0),
            ("Marisela Rodríguez", MEMBER, 1000, 0),
            ("Fatima Yusuf", MEMBER, 1000, 0),
            ("Jorge Alvarado", MEMBER, 1000, 0),
            ("Kou Her", MEMBER, 1000, 0),
            ("Tou Vang", MEMBER, 1000, 450),
            ("Brenda Kowalczyk", MEMBER, 1000, 350),
            ("Terrell Banks", MEMBER, 1000, 800),
            ("DeShawn Price", MEMBER, 900, 0),
            ("Linda Webster", MEMBER, 800, 0),
            ("Abdullahi Hassan", MEMBER, 700, 0),
            ("Tiana Woods", MEMBER, 600, 0),
            ("Samira Aziz", MEMBER, 400, 0),
            ("Ahmed Dualeh", MEMBER, 300, 0),
        ],
    },
];

// ---------------------------------------------------------------- endorsements

/// (agenda version, organisation, recorded by the steward (else the director), days ago, note)
const ENDORSEMENTS: &[(i64, &str, bool, i64, &str)] = &[
    (
        2,
        "Riverbend Public Schools",
        true,
        812,
        "Board of Education resolution endorsing the revised agenda, adopted 7–0.",
    ),
    (
        2,
        "United Way of the Riverbend Region",
        false,
        810,
        "Endorsed by the board of directors at its quarterly meeting.",
    ),
    (
        2,
        "Eastside Parents United",
        false,
        805,
        "Members voted at the monthly meeting at the Eastside branch library and asked that the equity language stay \
         as written.",
    ),
    (
        2,
        "Riverbend Community Foundation",
        false,
        798,
        "Trustees endorse; the Foundation will align its education grantmaking with the agenda's results.",
    ),
    (2, "St. Brigid Health System", false, 790, "Endorsed by the community benefit committee of the board."),
    (
        2,
        "Mercer County Head Start",
        false,
        783,
        "Policy Council endorsement, including the new family child care strategy.",
    ),
    (
        2,
        "City of Riverbend",
        false,
        770,
        "Signed by Mayor Alvarez on behalf of the City; Common Council resolution to follow.",
    ),
    (
        3,
        "Riverbend Public Schools",
        true,
        233,
        "Endorsed by the Board of Education; the district will share postsecondary enrollment and completion data \
         under its data-sharing agreement.",
    ),
    (
        3,
        "United Way of the Riverbend Region",
        false,
        231,
        "Board endorsement; backbone budget for the new result approved.",
    ),
    (
        3,
        "Riverbend Community College",
        false,
        228,
        "The postsecondary result matches the College's strategic plan; we will report completion by high school of \
         origin.",
    ),
    (
        3,
        "Riverbend Area Chamber of Commerce",
        false,
        225,
        "Endorsed by the Chamber board; the Education & Workforce Committee will recruit employers for dual \
         enrollment pathways.",
    ),
    (
        3,
        "Next Step College Access Network",
        false,
        221,
        "Our board endorses the postsecondary result and the persistence coaching strategy.",
    ),
    (
        3,
        "Riverbend Workforce Alliance",
        false,
        219,
        "Endorsed; apprenticeship starts will be reported as a career pathway measure.",
    ),
    (3, "Hmong American Family Center", false, 214, "Endorsed after a family meeting held in Hmong and English."),
    (
        3,
        "Southside Parent Power",
        false,
        210,
        "Members endorse, and ask that FAFSA nights be held in Southside with child care.",
    ),
    (
        3,
        "Riverbend Community Foundation",
        false,
        205,
        "Trustees endorse and add a scholarship fund for persistence coaching.",
    ),
];

// ---------------------------------------------------------------- the common agenda

/// Days ago each agenda version was saved: the first agenda, the Resident Table's revision, and
/// the version adding the postsecondary result.
const VERSION_AGO: [i64; 3] = [1280, 820, 240];

fn strategy(key: &str, title: &str, description: &str) -> Strategy {
    Strategy { key: key.into(), title: title.into(), description: description.into() }
}

fn agenda_result(key: &str, title: &str, description: &str, strategies: Vec<Strategy>) -> AgendaResult {
    AgendaResult { key: key.into(), title: title.into(), description: description.into(), strategies }
}

const DISAGGREGATED: &str = " Reported by race and ethnicity, home language and ZIP code.";

/// The results of agenda version `v` (1, 2 or 3).
fn agenda_results(v: i64) -> Vec<AgendaResult> {
    let measure = |text: &str| if v >= 2 { format!("{text}{DISAGGREGATED}") } else { text.to_string() };

    let mut kr = vec![
        strategy(
            "expand-home-visiting",
            "Expand home visiting for first-time parents",
            "Grow Bright Start and Head Start home visiting in Eastside and Southside, where waiting lists are longest.",
        ),
        strategy(
            "developmental-screening",
            "Universal developmental screening by age three",
            "Pediatric clinics, child care centers and home visitors use one screening tool (ASQ-3) and one referral \
             pathway.",
        ),
    ];
    let mut egr = vec![
        strategy(
            "summer-reading",
            "Summer reading that stops the summer slide",
            "Free summer programs at libraries, clubs and congregations, with a shared book-a-week goal.",
        ),
        strategy(
            "reading-tutors",
            "Trained reading tutors in every K–3 classroom",
            "Volunteer and AmeriCorps tutors give struggling readers 90 minutes a week of structured practice.",
        ),
    ];
    if v >= 2 {
        kr.push(strategy(
            "family-child-care-support",
            "Support family, friend and neighbor care",
            "Coaching, books and small grants for home-based providers, who care for most infants and toddlers in \
             Eastside. Raised by the Resident Table.",
        ));
        egr.push(strategy(
            "home-language-literacy",
            "Books and story times in home languages",
            "Spanish, Hmong and Somali books and bilingual story times, so families build literacy in the language \
             they speak best. Raised by the Resident Table.",
        ));
    }

    let mut results = vec![
        agenda_result(
            "kindergarten-readiness",
            "Children enter kindergarten ready to succeed",
            &measure(
                "Share of incoming kindergartners who meet the benchmark in all five domains of the fall \
                 kindergarten readiness assessment.",
            ),
            kr,
        ),
        agenda_result(
            "early-grade-reading",
            "Children read at grade level by the end of third grade",
            &measure("Share of third graders meeting the standard on the state reading assessment."),
            egr,
        ),
        agenda_result(
            "middle-grade-math",
            "Students are on track in math by eighth grade",
            &measure("Share of eighth graders meeting the standard in math, and of students passing Algebra I by the end of ninth grade."),
            vec![
                strategy(
                    "math-tutoring-corps",
                    "High-dosage math tutoring in grades 6–8",
                    "Small-group tutoring three times a week during the school day, led by trained tutors from the \
                     community.",
                ),
                strategy(
                    "after-school-stem",
                    "After-school and summer STEM clubs",
                    "Clubs, libraries and the community college offer hands-on math and science where students \
                     already spend their afternoons.",
                ),
            ],
        ),
        agenda_result(
            "high-school-graduation",
            "Students graduate from high school on time",
            &measure("Four-year adjusted cohort graduation rate."),
            vec![
                strategy(
                    "early-warning-system",
                    "Early warning on attendance, behavior and course failure",
                    "Every high school reviews early-warning data every two weeks and assigns each flagged student to \
                     an adult who follows up.",
                ),
                strategy(
                    "ninth-grade-on-track",
                    "Ninth grade success teams",
                    "Teams of teachers, counselors and community partners keep ninth graders on track to earn \
                     enough credits.",
                ),
                strategy(
                    "mentoring-for-all",
                    "A caring adult for every student",
                    "Mentoring through clubs, congregations and employers, matched to students who ask for it or \
                     are flagged by the early warning system.",
                ),
            ],
        ),
    ];
    if v >= 3 {
        results.push(agenda_result(
            "postsecondary-completion",
            "Young adults complete a degree or credential",
            &measure(
                "Share of Riverbend graduates who complete a certificate, an associate or a bachelor's degree \
                 within six years of high school.",
            ),
            vec![
                strategy(
                    "fafsa-completion",
                    "FAFSA completion for every senior",
                    "FAFSA nights in every high school and in the neighborhoods, with help in Spanish, Hmong and \
                     Somali.",
                ),
                strategy(
                    "dual-enrollment-pathways",
                    "Dual enrollment and career pathways",
                    "College courses and paid apprenticeships in high school, built with the community college and \
                     local employers.",
                ),
                strategy(
                    "college-persistence-coaching",
                    "Persistence coaching through the first two years",
                    "Coaches stay with students from graduation through their second year of college or training.",
                ),
            ],
        ));
    }
    results
}

const PROBLEM_V1: &str = "In Riverbend, too few children are on a path from cradle to career. Only 41% of children \
    enter kindergarten ready to learn, 38% of third graders read at grade level, 29% of eighth graders meet the \
    standard in math, and 74% of students graduate from high school in four years. Dozens of programs serve children \
    and families, but they work apart: they do not share goals, measures or data.";
const PROBLEM_V2: &str = " The averages hide deep gaps: the four-year graduation rate is 61% for Black students and \
    64% for English learners, and kindergarten readiness in Eastside and Southside (47302 and 47307) is half the rate \
    in Oak Hill. Families told the Resident Table that programs are hard to find, rarely offered in Spanish, Hmong or \
    Somali, and seldom open when working parents can come.";
const PROBLEM_V3: &str = " A diploma is not enough: only 31% of Riverbend graduates complete a degree or credential \
    within six years, while employers in the region report 2,400 open skilled jobs.";

const VISION_V1: &str = "Every child in Riverbend succeeds, from cradle to career.";
const VISION_V2: &str = "Every child in Riverbend succeeds, from cradle to career, no matter their race, \
    neighborhood, language or family income. Families and young people share in deciding how we get there.";
const VISION_V3: &str = "Every child in Riverbend succeeds, from cradle to career, no matter their race, \
    neighborhood, language or family income, and every young adult has a path to a family-sustaining job here at \
    home. Families and young people share in deciding how we get there.";

const REASON_V1: &str = "First common agenda, adopted by the Steering Committee after six months of community \
    conversations and a review of the baseline data.";
const REASON_V2: &str = "Resident Table review: the shared vision now names equity and family voice, every result \
    is reported by race, language and ZIP code, and two strategies were added at residents' request (home-based child \
    care, home-language literacy).";
const REASON_V3: &str = "Adds a postsecondary result, recommended by the Postsecondary & Career Working Group and \
    approved by the Steering Committee; the problem statement now includes postsecondary completion.";

fn agenda_versions(today: NaiveDate, author: &User) -> Vec<AgendaVersion> {
    let texts = [
        (PROBLEM_V1.to_string(), VISION_V1, REASON_V1),
        (format!("{PROBLEM_V1}{PROBLEM_V2}"), VISION_V2, REASON_V2),
        (format!("{PROBLEM_V1}{PROBLEM_V2}{PROBLEM_V3}"), VISION_V3, REASON_V3),
    ];
    texts
        .into_iter()
        .zip(VERSION_AGO)
        .enumerate()
        .map(|(i, ((problem, vision, reason), ago))| {
            let number = i as i64 + 1;
            AgendaVersion {
                initiative_id: INITIATIVE_ID,
                number,
                problem_statement: problem,
                shared_vision: vision.to_string(),
                results: agenda_results(number),
                reason: reason.to_string(),
                author_user_id: Some(author.id),
                author_name: author.display_name.clone(),
                created_at: at(today, ago, 16, 5 + 7 * i as u32),
            }
        })
        .collect()
}

// ---------------------------------------------------------------- people's details

/// `"Tomás O'Brien"` → `"tomas.obrien"`.
fn email_local(name: &str) -> String {
    let fold = |word: &str| -> String {
        word.chars()
            .filter_map(|c| {
                let c = match c {
                    'á' | 'à' | 'ä' | 'â' => 'a',
                    'é' | 'è' | 'ë' | 'ê' => 'e',
                    'í' | 'ì' | 'ï' | 'î' => 'i',
                    'ó' | 'ò' | 'ö' | 'ô' => 'o',
                    'ú' | 'ù' | 'ü' | 'û' => 'u',
                    'ñ' => 'n',
                    c => c.to_ascii_lowercase(),
                };
                (c.is_ascii_alphanumeric() || c == '-').then_some(c)
            })
            .collect()
    };
    let words: Vec<&str> = name.split_whitespace().collect();
    format!("{}.{}", fold(words[0]), fold(words[words.len() - 1]))
}

fn phone(rng: &mut Rng, used: &mut HashSet<String>) -> String {
    loop {
        let p = format!("(555) 01{}-{:04}", rng.range(0, 9), rng.range(0, 9999));
        if used.insert(p.clone()) {
            return p;
        }
    }
}

fn race(heritage: char) -> &'static str {
    let label = match heritage {
        'B' | 'S' => "Black or African American",
        'L' => "Hispanic or Latino",
        'W' => "White",
        'H' | 'A' => "Asian",
        'N' => "American Indian or Alaska Native",
        'M' => "Middle Eastern or North African",
        _ => "Multiracial",
    };
    debug_assert!(RACE_ETHNICITY.contains(&label));
    label
}

fn language(rng: &mut Rng, heritage: char, resident: bool) -> &'static str {
    let (other, staff_pct, resident_pct) = match heritage {
        'L' => ("Spanish", 35, 60),
        'H' => ("Hmong", 25, 55),
        'S' => ("Somali", 35, 65),
        'M' => ("Arabic", 20, 50),
        _ => return "English",
    };
    if rng.chance(if resident { resident_pct } else { staff_pct }) {
        other
    } else {
        "English"
    }
}

/// Self-reported demographics, shared with consent. Some people skip a question.
fn demographics(rng: &mut Rng, heritage: char, gender: char, age_band: &str, resident: bool) -> Demographics {
    let gender = match gender {
        'f' => GENDER[0],
        'm' => GENDER[1],
        _ => GENDER[2],
    };
    Demographics {
        consent: true,
        race_ethnicity: (!rng.chance(7)).then(|| race(heritage).to_string()),
        gender: (!rng.chance(5)).then(|| gender.to_string()),
        age_band: (!rng.chance(5)).then(|| age_band.to_string()),
        primary_language: Some(language(rng, heritage, resident).to_string()),
        community_resident: Some(resident || rng.chance(45)),
    }
}

fn leadership(rng: &mut Rng, band: BudgetBand, resident_led: bool) -> LeadershipDemographics {
    let total = match band {
        Under100k => rng.range(5, 9),
        From100kTo1m => rng.range(7, 12),
        From1mTo5m => rng.range(9, 15),
        From5mTo20m => rng.range(11, 18),
        Over20m => rng.range(12, 22),
    };
    let mut share = |lo: i64, hi: i64| (total * rng.range(lo, hi) / 100) as u32;
    let (poc, women) = if resident_led { (share(60, 100), share(50, 85)) } else { (share(20, 70), share(35, 70)) };
    let (residents, lived) =
        if resident_led { (share(100, 100), share(50, 100)) } else { (share(20, 80), share(5, 40)) };
    LeadershipDemographics {
        total: total as u32,
        people_of_color: poc,
        women,
        community_residents: residents,
        lived_experience: lived,
    }
}

/// A person before ids and dates are final.
struct Draft {
    org: Option<usize>,
    name: &'static str,
    title: &'static str,
    heritage: char,
    gender: char,
    age_band: String,
    created_ago: i64,
}

// ---------------------------------------------------------------- the document

/// The Riverbend Cradle to Career Partnership as an export document, dated relative to `today`.
pub fn demo_initiative(today: NaiveDate) -> InitiativeExport {
    let mut rng = Rng(0x5EED_B0C0_2026_0001);
    let initiative_ago = 1460;

    let initiative = Initiative {
        id: INITIATIVE_ID,
        slug: "riverbend-cradle-to-career".into(),
        name: "Riverbend Cradle to Career Partnership".into(),
        description: "Schools, early-childhood providers, colleges, health systems, employers, congregations, \
                      funders, city and county government and resident-led groups working toward one goal: every \
                      child in Riverbend succeeds, from cradle to career. Partners share a common agenda, a shared \
                      set of measures and a backbone team hosted by United Way of the Riverbend Region. Residents \
                      help set the agenda through the Resident Table and hold two Steering Committee seats."
            .into(),
        phase: Phase::OrganizingForImpact,
        published: true,
        created_at: at(today, initiative_ago, 14, 30),
    };

    let preconditions = vec![
        Precondition {
            kind: PreconditionKind::InfluentialChampion,
            readiness: Readiness::InPlace,
            evidence: "Mayor Teresa Alvarez and Superintendent Marcus Whitfield co-chair the Steering Committee; \
                       United Way President & CEO Angela Ross convenes partners and hosts the backbone. CEO-level \
                       attendance at Steering Committee meetings averaged 85% over the past year."
                .into(),
            updated_at: at(today, 95, 10, 12),
        },
        Precondition {
            kind: PreconditionKind::FinancialResources,
            readiness: Readiness::Emerging,
            evidence: "The backbone is funded for three years ($1.2M) by the Riverbend Community Foundation, United \
                       Way and the Hollister Family Foundation; St. Brigid Health System funds the data lead from \
                       community-benefit dollars. No public funding yet, and funding after year three is not \
                       committed."
                .into(),
            updated_at: at(today, 60, 15, 40),
        },
        Precondition {
            kind: PreconditionKind::UrgencyForChange,
            readiness: Readiness::InPlace,
            evidence: "Only 38% of third graders read at grade level and the four-year graduation rate is 74% (61% \
                       for Black students, 64% for English learners). The district's data report and a Riverbend \
                       Courier series put the gaps on the front page; more than 600 residents came to the community \
                       conversations."
                .into(),
            updated_at: at(today, 30, 9, 5),
        },
    ];

    // Organisations join over the first three years; people soon after their organisation.
    let mut org_ago: Vec<i64> =
        ORGS.iter().enumerate().map(|(i, _)| initiative_ago - 10 - 20 * i as i64 - rng.range(0, 15)).collect();

    let head_ages = ["45-54", "45-54", "55-64", "55-64", "65+"];
    let staff_ages = ["25-34", "25-34", "35-44", "35-44", "45-54", "55-64"];
    let mut drafts = Vec::new();
    for (oi, org) in ORGS.iter().enumerate() {
        for (si, &(title, name, heritage, gender)) in org.staff.iter().enumerate() {
            let age_band = if si == 0 { rng.pick(&head_ages) } else { rng.pick(&staff_ages) };
            drafts.push(Draft {
                org: Some(oi),
                name,
                title,
                heritage,
                gender,
                age_band: age_band.to_string(),
                created_ago: (org_ago[oi] - rng.range(0, 30)).max(1),
            });
        }
    }
    for (ri, &(name, title, heritage, gender, age_band)) in RESIDENTS.iter().enumerate() {
        drafts.push(Draft {
            org: None,
            name,
            title,
            heritage,
            gender,
            age_band: age_band.to_string(),
            created_ago: 1010 - 30 * ri as i64,
        });
    }
    let person_index: HashMap<&str, usize> = drafts.iter().enumerate().map(|(i, d)| (d.name, i)).collect();
    let person = |name: &str| -> usize {
        *person_index.get(name).unwrap_or_else(|| panic!("demo data names an unknown person: {name}"))
    };

    // Nobody sits at a table before their record exists, nor belongs to an organisation before it does.
    for t in TABLES {
        for &(name, _, start, _) in t.seats {
            let d = &mut drafts[person(name)];
            d.created_ago = d.created_ago.max(start);
        }
    }
    for d in &drafts {
        if let Some(oi) = d.org {
            org_ago[oi] = org_ago[oi].max(d.created_ago);
        }
    }

    let organizations: Vec<Organization> = ORGS
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let created = org_ago[i];
            let updated = rng.range(1, created);
            Organization {
                id: i as Id + 1,
                initiative_id: INITIATIVE_ID,
                name: o.name.into(),
                sector: o.sector,
                budget_band: o.band,
                resident_led: o.resident_led,
                service_area: o.zips.iter().map(|&z| ZIPS[z].to_string()).collect(),
                website: format!("https://{}", o.domain),
                leadership: (i % 2 == 0).then(|| leadership(&mut rng, o.band, o.resident_led)),
                created_at: at(today, created, 9, rng.range(0, 59) as u32),
                updated_at: at(today, updated, 17, rng.range(0, 59) as u32),
            }
        })
        .collect();

    let mut phones = HashSet::new();
    let people: Vec<Person> = drafts
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let resident = d.org.is_none_or(|oi| ORGS[oi].resident_led);
            let (email, phone) = match d.org {
                Some(oi) => (
                    format!("{}@{}", email_local(d.name), ORGS[oi].domain),
                    if rng.chance(85) { phone(&mut rng, &mut phones) } else { String::new() },
                ),
                None => {
                    let email =
                        if rng.chance(60) { format!("{}@mail.example", email_local(d.name)) } else { String::new() };
                    let phone =
                        if email.is_empty() || rng.chance(85) { phone(&mut rng, &mut phones) } else { String::new() };
                    (email, phone)
                }
            };
            let consent = rng.chance(if d.org.is_none() { 75 } else { 60 });
            let demographics = consent.then(|| demographics(&mut rng, d.heritage, d.gender, &d.age_band, resident));
            let updated = rng.range(1, d.created_ago);
            Person {
                id: i as Id + 1,
                initiative_id: INITIATIVE_ID,
                name: d.name.into(),
                email,
                phone,
                organization_id: d.org.map(|oi| oi as Id + 1),
                organization_name: d.org.map(|oi| ORGS[oi].name.to_string()),
                title: d.title.into(),
                demographics,
                created_at: at(today, d.created_ago, 10, rng.range(0, 59) as u32),
                updated_at: at(today, updated, 18, rng.range(0, 59) as u32),
            }
        })
        .collect();

    let mut tables = Vec::new();
    let mut memberships = Vec::new();
    for (ti, t) in TABLES.iter().enumerate() {
        let table_id = ti as Id + 1;
        for &(name, role, start, end) in t.seats {
            let p = &people[person(name)];
            memberships.push(Membership {
                id: memberships.len() as Id + 1,
                table_id,
                table_name: t.name.into(),
                person_id: p.id,
                person_name: p.name.clone(),
                organization_name: p.organization_name.clone(),
                role,
                start_date: day(today, start),
                end_date: (end > 0).then(|| day(today, end)),
            });
        }
        let active = memberships.iter().filter(|m| m.table_id == table_id && m.is_current(today)).count();
        tables.push(Table {
            id: table_id,
            initiative_id: INITIATIVE_ID,
            name: t.name.into(),
            kind: t.kind,
            purpose: t.purpose.into(),
            result_key: t.result_key.map(str::to_string),
            active_members: active as i64,
            created_at: at(today, t.created_ago, 11, 0),
        });
    }

    let users: Vec<User> = USERS
        .iter()
        .enumerate()
        .map(|(i, &(username, display_name, ago))| User {
            id: i as Id + 1,
            username: username.into(),
            display_name: display_name.into(),
            server_admin: false,
            disabled: false,
            created_at: at(today, ago, 9, 0),
        })
        .collect();

    let org_id = |name: &str| -> Id {
        organizations
            .iter()
            .find(|o| o.name == name)
            .unwrap_or_else(|| panic!("demo data names an unknown organisation: {name}"))
            .id
    };
    let steward_org = org_id(STEWARD_ORG);
    let roles = vec![
        RoleGrant { user_id: 1, initiative_id: INITIATIVE_ID, role: Role::Admin, organization_id: None },
        RoleGrant { user_id: 2, initiative_id: INITIATIVE_ID, role: Role::Admin, organization_id: None },
        RoleGrant {
            user_id: STEWARD,
            initiative_id: INITIATIVE_ID,
            role: Role::DataSteward,
            organization_id: Some(steward_org),
        },
        RoleGrant { user_id: 4, initiative_id: INITIATIVE_ID, role: Role::TableMember, organization_id: None },
        RoleGrant { user_id: 5, initiative_id: INITIATIVE_ID, role: Role::ResidentMember, organization_id: None },
    ];

    let agenda_versions = agenda_versions(today, &users[DIRECTOR as usize - 1]);

    let endorsements = ENDORSEMENTS
        .iter()
        .map(|&(version, org, by_steward, ago, note)| {
            let by_id = if by_steward { STEWARD } else { DIRECTOR };
            let by = &users[by_id as usize - 1];
            Endorsement {
                version,
                organization_id: org_id(org),
                organization_name: org.into(),
                endorsed_by_user_id: Some(by.id),
                endorsed_by_name: by.display_name.clone(),
                note: note.into(),
                created_at: at(today, ago, 13, rng.range(0, 59) as u32),
            }
        })
        .collect();

    let measurement = measures::shared_measurement(today, &organizations, &users);

    InitiativeExport {
        format: EXPORT_FORMAT,
        initiative,
        preconditions,
        users,
        roles,
        organizations,
        people,
        tables,
        memberships,
        agenda_versions,
        endorsements,
        audit: Vec::new(),
        indicators: measurement.indicators,
        geographies: measurement.geographies,
        dimensions: measurement.dimensions,
        observations: measurement.observations,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use backbone_core::exchange::{org_input, person_input};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 14).unwrap()
    }

    fn doc() -> InitiativeExport {
        demo_initiative(today())
    }

    #[test]
    fn the_demo_is_a_valid_export_document() {
        let d = doc();
        if let Err(e) = d.validate(Default::default()) {
            panic!("demo document is invalid: {e}");
        }
        assert_eq!(d.initiative.slug, "riverbend-cradle-to-career");
        assert_eq!(d.initiative.phase, Phase::OrganizingForImpact);
        assert!(d.initiative.published);
        assert!(d.initiative.created_at.date_naive() < day(today(), 365 * 3));
        assert!(d.audit.is_empty());
        let kinds: HashSet<_> = d.preconditions.iter().map(|p| p.kind).collect();
        assert_eq!(kinds.len(), PreconditionKind::ALL.len());
        assert!(d.preconditions.iter().all(|p| !p.evidence.trim().is_empty()));
    }

    #[test]
    fn every_person_and_organisation_validates_on_its_own() {
        let d = doc();
        for o in &d.organizations {
            if let Err(e) = org_input(o).validate() {
                panic!("{}: {e}", o.name);
            }
        }
        for p in &d.people {
            if let Err(e) = person_input(p).validate() {
                panic!("{}: {e}", p.name);
            }
        }
    }

    #[test]
    fn organisations_cover_every_sector_and_budget_band() {
        let d = doc();
        assert!(d.organizations.len() >= 35, "{} organisations", d.organizations.len());
        let sectors: HashSet<_> = d.organizations.iter().map(|o| o.sector).collect();
        for s in Sector::ALL {
            assert!(sectors.contains(s), "no organisation in sector {s}");
        }
        let bands: HashSet<_> = d.organizations.iter().map(|o| o.budget_band).collect();
        for b in BudgetBand::ALL {
            assert!(bands.contains(b), "no organisation in band {b}");
        }
        assert_eq!(d.organizations.iter().map(|o| o.budget_band).min(), Some(BudgetBand::Under100k));
        assert_eq!(d.organizations.iter().map(|o| o.budget_band).max(), Some(BudgetBand::Over20m));
        assert!(d.organizations.iter().filter(|o| o.resident_led).count() >= 3);
        let names: HashSet<_> = d.organizations.iter().map(|o| &o.name).collect();
        assert_eq!(names.len(), d.organizations.len(), "organisation names are unique");
        for o in &d.organizations {
            assert!(!o.service_area.is_empty());
            assert!(o.service_area.iter().all(|z| ZIPS.contains(&z.as_str())));
            assert!(o.website.starts_with("https://"));
            assert!(o.created_at <= o.updated_at);
        }
        let with_leadership = d.organizations.iter().filter(|o| o.leadership.is_some()).count();
        assert!((15..=25).contains(&with_leadership), "{with_leadership} with leadership demographics");
    }

    #[test]
    fn people_are_varied_and_consistent() {
        let d = doc();
        assert!((120..=160).contains(&d.people.len()), "{} people", d.people.len());
        let residents = d.people.iter().filter(|p| p.organization_id.is_none()).count();
        assert!((18..=25).contains(&residents), "{residents} residents without an organisation");
        let names: HashSet<_> = d.people.iter().map(|p| &p.name).collect();
        assert_eq!(names.len(), d.people.len(), "names are unique");
        let emails: Vec<_> = d.people.iter().filter(|p| !p.email.is_empty()).map(|p| &p.email).collect();
        assert_eq!(emails.iter().collect::<HashSet<_>>().len(), emails.len(), "e-mails are unique");
        assert!(emails.iter().all(|e| e.is_ascii()));
        for p in &d.people {
            assert!(!p.email.is_empty() || !p.phone.is_empty(), "{} can be reached", p.name);
            assert!(p.created_at <= p.updated_at);
            let org = p.organization_id.map(|id| d.organizations.iter().find(|o| o.id == id).unwrap());
            assert_eq!(p.organization_name, org.map(|o| o.name.clone()));
            if let Some(o) = org {
                assert!(p.email.ends_with(&o.website["https://".len()..]), "{} <{}>", p.name, p.email);
                assert!(o.created_at <= p.created_at);
            }
        }
        let with_demographics: Vec<_> = d.people.iter().filter_map(|p| p.demographics.as_ref()).collect();
        let share = with_demographics.len() * 100 / d.people.len();
        assert!((45..=75).contains(&share), "{share}% shared demographics");
        for dm in with_demographics {
            assert!(dm.consent);
            assert!(dm.race_ethnicity.as_deref().is_none_or(|r| RACE_ETHNICITY.contains(&r)));
            assert!(dm.gender.as_deref().is_none_or(|g| GENDER.contains(&g)));
            assert!(dm.age_band.as_deref().is_none_or(|a| AGE_BANDS.contains(&a)));
        }
    }

    #[test]
    fn tables_have_a_history_of_members() {
        let d = doc();
        let count = |k: TableKind| d.tables.iter().filter(|t| t.kind == k).count();
        assert_eq!(count(TableKind::SteeringCommittee), 1);
        assert_eq!(count(TableKind::ResidentTable), 1);
        assert!(count(TableKind::WorkingGroup) + count(TableKind::ActionNetwork) >= 3);
        let latest = d.agenda_versions.last().unwrap();
        let mut keys = HashSet::new();
        for r in &latest.results {
            keys.insert(r.key.as_str());
        }
        for t in &d.tables {
            if let Some(k) = &t.result_key {
                assert!(keys.contains(k.as_str()), "{} works toward {k}, not in the agenda", t.name);
            }
            let current: Vec<_> =
                d.memberships.iter().filter(|m| m.table_id == t.id && m.is_current(today())).collect();
            assert_eq!(t.active_members, current.len() as i64);
            assert!(current.iter().any(|m| m.role == MemberRole::Chair), "{} has a chair", t.name);
            assert!(current.iter().any(|m| m.role == MemberRole::Facilitator), "{} has a facilitator", t.name);
        }
        let steering = d.tables.iter().find(|t| t.kind == TableKind::SteeringCommittee).unwrap();
        assert!((13..=18).contains(&steering.active_members));
        let resident_table = d.tables.iter().find(|t| t.kind == TableKind::ResidentTable).unwrap();
        let resident_seats = d
            .memberships
            .iter()
            .filter(|m| m.table_id == resident_table.id && m.is_current(today()) && m.organization_name.is_none())
            .count();
        assert!((10..=15).contains(&resident_seats), "{resident_seats} residents at the Resident Table");

        let ended: Vec<_> = d.memberships.iter().filter(|m| m.end_date.is_some()).collect();
        assert!(ended.len() >= 10, "{} ended memberships", ended.len());
        assert!(ended.iter().all(|m| m.end_date.unwrap() < today()));
        for m in &d.memberships {
            let t = d.tables.iter().find(|t| t.id == m.table_id).unwrap();
            let p = d.people.iter().find(|p| p.id == m.person_id).unwrap();
            assert_eq!(m.table_name, t.name);
            assert_eq!(m.person_name, p.name);
            assert_eq!(m.organization_name, p.organization_name);
            assert!(m.start_date >= t.created_at.date_naive());
            assert!(m.start_date >= p.created_at.date_naive());
            assert!(m.end_date.is_none_or(|e| e >= m.start_date));
        }
    }

    #[test]
    fn the_agenda_grows_over_three_versions() {
        let d = doc();
        assert_eq!(d.agenda_versions.iter().map(|v| v.number).collect::<Vec<_>>(), vec![1, 2, 3]);
        assert!(d.agenda_versions.windows(2).all(|w| w[0].created_at < w[1].created_at));
        for v in &d.agenda_versions {
            let input = AgendaInput {
                problem_statement: v.problem_statement.clone(),
                shared_vision: v.shared_vision.clone(),
                results: v.results.clone(),
                reason: v.reason.clone(),
                based_on: v.number - 1,
            };
            if let Err(e) = input.validate() {
                panic!("version {}: {e}", v.number);
            }
            let author = d.users.iter().find(|u| Some(u.id) == v.author_user_id).unwrap();
            assert_eq!(v.author_name, author.display_name);
            assert!(v.results.iter().all(|r| (2..=3).contains(&r.strategies.len())));
        }
        let counts: Vec<_> = d.agenda_versions.iter().map(|v| v.results.len()).collect();
        assert_eq!(counts, vec![4, 4, 5]);
        assert_ne!(d.agenda_versions[0].shared_vision, d.agenda_versions[1].shared_vision);
        assert!(d.agenda_versions[2].results.iter().any(|r| r.key == "postsecondary-completion"));
    }

    #[test]
    fn endorsements_name_real_organisations_and_users() {
        let d = doc();
        assert!(d.endorsements.iter().filter(|e| e.version == 2).count() >= 3);
        assert!(d.endorsements.iter().filter(|e| e.version == 3).count() >= 3);
        for e in &d.endorsements {
            let o = d.organizations.iter().find(|o| o.id == e.organization_id).unwrap();
            assert_eq!(e.organization_name, o.name);
            let u = d.users.iter().find(|u| Some(u.id) == e.endorsed_by_user_id).unwrap();
            assert_eq!(e.endorsed_by_name, u.display_name);
            let v = d.agenda_versions.iter().find(|v| v.number == e.version).unwrap();
            assert!(e.created_at > v.created_at);
            if u.id == STEWARD {
                let grant = d.roles.iter().find(|g| g.user_id == u.id).unwrap();
                assert_eq!(grant.organization_id, Some(e.organization_id));
            }
        }
    }

    #[test]
    fn demo_logins_match_users_and_roles() {
        let d = doc();
        assert_eq!(d.users.iter().map(|u| u.id).collect::<Vec<_>>(), (1..=d.users.len() as Id).collect::<Vec<_>>());
        let logins = demo_logins();
        assert_eq!(logins.len(), d.users.len());
        for l in logins {
            let u = d.users.iter().find(|u| u.username == l.username).unwrap();
            assert!(!u.server_admin);
            assert!(d.people.iter().any(|p| p.name == u.display_name), "{} is a person", u.display_name);
            assert!(d.roles.iter().any(|g| g.user_id == u.id));
        }
        let role_of = |name: &str| {
            let u = d.users.iter().find(|u| u.username == name).unwrap();
            d.roles.iter().find(|g| g.user_id == u.id).unwrap().clone()
        };
        assert_eq!(role_of("director").role, Role::Admin);
        assert_eq!(role_of("datalead").role, Role::Admin);
        assert_eq!(role_of("steward").role, Role::DataSteward);
        assert!(role_of("steward").organization_id.is_some());
        assert_eq!(role_of("member").role, Role::TableMember);
        assert_eq!(role_of("resident").role, Role::ResidentMember);
        for g in &d.roles {
            let input = RoleGrantInput { user_id: g.user_id, role: g.role, organization_id: g.organization_id };
            assert!(input.validate().is_ok());
        }
        assert_eq!(d.users[0].display_name, "Danielle Okafor");
        assert!(DEMO_PASSWORD.len() >= MIN_PASSWORD_LEN);
    }

    #[test]
    fn nothing_is_dated_in_the_future() {
        let d = doc();
        let end_of_today = at(today(), 0, 23, 59);
        let mut stamps = vec![d.initiative.created_at];
        stamps.extend(d.preconditions.iter().map(|p| p.updated_at));
        stamps.extend(d.users.iter().map(|u| u.created_at));
        stamps.extend(d.organizations.iter().flat_map(|o| [o.created_at, o.updated_at]));
        stamps.extend(d.people.iter().flat_map(|p| [p.created_at, p.updated_at]));
        stamps.extend(d.tables.iter().map(|t| t.created_at));
        stamps.extend(d.agenda_versions.iter().map(|v| v.created_at));
        stamps.extend(d.endorsements.iter().map(|e| e.created_at));
        assert!(stamps.iter().all(|s| *s <= end_of_today && *s >= d.initiative.created_at - Duration::days(1)));
    }

    #[test]
    fn generation_is_deterministic() {
        assert_eq!(doc(), doc());
        let other = demo_initiative(NaiveDate::from_ymd_opt(2030, 1, 2).unwrap());
        assert_eq!(other.people.len(), doc().people.len());
        assert!(other.validate(Default::default()).is_ok());
    }

    #[test]
    fn e_mail_addresses_are_plain_ascii() {
        assert_eq!(email_local("Tomás Herrera"), "tomas.herrera");
        assert_eq!(email_local("Megan O'Brien"), "megan.obrien");
        assert_eq!(email_local("Andrés Villalobos"), "andres.villalobos");
    }
}
