//! The demo's tables (steering committee, working groups, action networks, the resident table) and who sits at them.

use super::*;
use backbone_core::joining::{JoinRequest, JoinStatus};
// ---------------------------------------------------------------- tables

pub(crate) const CHAIR: MemberRole = MemberRole::Chair;
pub(crate) const FACILITATOR: MemberRole = MemberRole::Facilitator;
pub(crate) const MEMBER: MemberRole = MemberRole::Member;

pub(crate) struct TableSpec {
    pub(crate) name: &'static str,
    pub(crate) kind: TableKind,
    pub(crate) purpose: &'static str,
    pub(crate) result_key: Option<&'static str>,
    pub(crate) created_ago: i64,
    /// (person, role, started days ago, ended days ago or 0 while current)
    pub(crate) seats: &'static [(&'static str, MemberRole, i64, i64)],
}

pub(crate) const TABLES: &[TableSpec] = &[
    TableSpec {
        name: "Steering Committee",
        kind: TableKind::SteeringCommittee,
        purpose: "Sets the direction of the partnership. It adopts the common agenda and its changes. It \
                  holds partners to the shared results. The Mayor and the Superintendent lead it together. \
                  It meets every other month. The Resident Table chooses the residents who hold seats. Each \
                  year the committee checks who is and who is not at its table.",
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
            // The founding committee was the heads of the largest institutions; most of them
            // handed their seats on as the committee set out to look like the families it serves.
            ("Katherine Novak", MEMBER, 1430, 720),
            ("Hannah Fitzgerald", MEMBER, 1430, 720),
            ("Jennifer Walsh", MEMBER, 1430, 720),
            ("Thomas Murphy", MEMBER, 1430, 720),
            ("Paul Schreiber", MEMBER, 1430, 360),
            ("Greg Halvorsen", MEMBER, 1430, 360),
            ("Julie Anderson", MEMBER, 1400, 360),
            ("Emily Sorensen", MEMBER, 1380, 0),
            ("Brian Larsen", MEMBER, 1380, 0),
            // Then grassroots leaders and residents, chosen with the Resident Table.
            ("Miguel Reyes", MEMBER, 230, 0),
            ("DeShawn Price", MEMBER, 230, 0),
            ("Marisela Rodríguez", MEMBER, 110, 0),
            ("Paola Jiménez", MEMBER, 110, 0),
            ("Esperanza Ruiz", MEMBER, 110, 0),
            ("Tiana Woods", MEMBER, 110, 0),
            ("Lucía Torres", MEMBER, 110, 0),
        ],
    },
    TableSpec {
        name: "Kindergarten Readiness Action Network",
        kind: TableKind::ActionNetwork,
        purpose: "Child care providers, health partners and families who work so more children start \
                  kindergarten ready to learn. They start in Eastside and Southside.",
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
        purpose: "Brings tutoring, summer reading and family reading together, so more children read at \
                  grade level by the end of third grade.",
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
        purpose: "Uses early warning data on attendance, behavior and failing grades to keep ninth graders \
                  on track. It finds a caring adult for every student.",
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
        purpose: "It began by asking for a result on college and training in the common agenda. Now it leads \
                  FAFSA help, college classes in high school and coaching in college. It works with the \
                  colleges and employers.",
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
        purpose: "Parents, grandparents and young people from Eastside, Northgate, Southside, Westside and \
                  Harbor Point. They review the agenda and the data, advise every table, and choose the two \
                  residents on the Steering Committee. Members are paid for their time. They get a meal, \
                  child care and an interpreter.",
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
            ("Paola Jiménez", MEMBER, 1000, 0),
            ("Esperanza Ruiz", MEMBER, 950, 0),
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

/// Whether the person ever held a seat on the Steering Committee.
pub(crate) fn sat_on_steering_committee(name: &str) -> bool {
    TABLES.iter().filter(|t| t.kind == TableKind::SteeringCommittee).any(|t| t.seats.iter().any(|s| s.0 == name))
}

/// When each table meets and how to join it, as its page tells everyone: the Resident Table and
/// the action networks take requests from anyone; the Steering Committee's resident seats are
/// chosen by the Resident Table.
pub(crate) fn joining_for(name: &str) -> TableJoining {
    let j = |meets: &str, how: &str, contact: &str, email: &str, welcomes: bool| TableJoining {
        meets: meets.into(),
        how_to_join: how.into(),
        contact_name: contact.into(),
        contact_email: email.into(),
        welcomes_requests: welcomes,
    };
    match name {
        "Resident Table" => j(
            "Second Saturday of each month, 10 am to noon, at the Eastside Library. At every meeting: \
             Spanish and Somali interpreters, child care and lunch.",
            "Anyone who lives in Eastside, Northgate, Southside, Westside or Harbor Point can join: parents, \
             grandparents and young people from age 14. Members come to most meetings and get $50 for each \
             one.",
            "Lucía Torres, resident organizer",
            "residents@riverbendtogether.org",
            true,
        ),
        "Steering Committee" => j(
            "Every other month, on the third Thursday, 4 to 6 pm, City Hall room 210. Open to the public. \
             The agenda is posted a week before.",
            "Partner leaders hold most seats. Two residents hold seats, and the Resident Table chooses them \
             each year. To ask for a resident seat, join the Resident Table.",
            "Riverbend Together backbone team",
            "hello@riverbendtogether.org",
            false,
        ),
        _ => j(
            "Once a month. The next meeting is in the table's calendar.",
            "Open to partners and residents who work on this result. Tell us what you would like to bring.",
            "Riverbend Together backbone team",
            "hello@riverbendtogether.org",
            true,
        ),
    }
}

/// Requests to join the Resident Table from its page: one welcomed (she now has a seat), two
/// waiting — one written in Spanish.
pub(crate) fn demo_join_requests(today: NaiveDate, tables: &[Table], people: &[Person]) -> Vec<JoinRequest> {
    let resident_table = tables.iter().find(|t| t.name == "Resident Table").expect("the demo has a Resident Table");
    let request = |id: Id, name: &str, days_ago: i64| JoinRequest {
        id,
        table_id: resident_table.id,
        table_name: resident_table.name.clone(),
        name: name.into(),
        email: None,
        phone: None,
        neighborhood: None,
        message: String::new(),
        language: "en".into(),
        status: JoinStatus::Waiting,
        note: None,
        person_id: None,
        decided_at: None,
        created_at: at(today, days_ago, 19, 40),
    };
    let welcomed = people.iter().find(|p| p.name == "Tiana Woods").expect("a demo resident");
    vec![
        JoinRequest {
            email: Some("tiana.w@mail.example".into()),
            neighborhood: Some("Harbor Point".into()),
            message: "My son is in 3rd grade at Harbor Point Elementary. I want to help with the reading work.".into(),
            status: JoinStatus::Welcomed,
            note: Some("Called her; she came to the next meeting.".into()),
            person_id: Some(welcomed.id),
            decided_at: Some(at(today, 600, 10, 0)),
            ..request(1, &welcomed.name, 603)
        },
        JoinRequest {
            phone: Some("(555) 318-2290".into()),
            neighborhood: Some("Westside".into()),
            message: "Soy abuela de dos niños en la escuela Washington. Hablo español; necesito interpretación y vengo con los niños.".into(),
            language: "es".into(),
            ..request(2, "Rosa Méndez", 6)
        },
        JoinRequest {
            email: Some("m.okafor@mail.example".into()),
            neighborhood: Some("Northgate".into()),
            message: "I run the homework club at Grace Church on Tuesdays and would like our families to have a voice.".into(),
            ..request(3, "Michael Okafor", 2)
        },
    ]
}
