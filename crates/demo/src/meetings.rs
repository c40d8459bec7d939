//! The demo's meetings: a year of them for every table — monthly for the working groups and
//! action networks and the Resident Table, every other month for the Steering Committee — with
//! agendas whose items are led by chairs, partners' staff and residents, who came, and notes; and
//! the next meeting of each table, planned. Most members come; St. Brigid's seat on the Kindergarten
//! Readiness Action Network is often empty, which the accountability view shows.

use super::*;
use backbone_core::exchange::MeetingExport;
use backbone_core::meetings::{AgendaItem, Attendance, AttendanceStatus, Meeting};

/// Per table (by name): the day of the month it meets, its hour (UTC), its place, how often
/// (every `every` months) and the topics its agendas cycle through.
type Rhythm = (&'static str, u32, u32, &'static str, u32, &'static [&'static str]);

const RHYTHM: &[Rhythm] = &[
    (
        "Steering Committee",
        8,
        16,
        "City Hall, Committee Room 2",
        2,
        &[
            "The dashboard: what moved since we last met",
            "Commitments due or at risk",
            "Decisions to review",
            "Funding and the backbone's plan",
        ],
    ),
    (
        "Kindergarten Readiness Action Network",
        12,
        15,
        "Mercer County Head Start, Eastside centre",
        1,
        &[
            "Screening numbers by ZIP",
            "Home visiting referrals in Eastside",
            "Family child care providers' needs",
            "What families told us",
        ],
    ),
    (
        "Early Grade Reading Working Group",
        18,
        22,
        "Riverbend Public Library, Room B",
        1,
        &[
            "Winter reading results",
            "Tutor recruitment",
            "Summer reading plans",
            "Turning the curve on third-grade reading",
        ],
    ),
    (
        "High School Graduation Action Network",
        20,
        21,
        "Southside High School library",
        1,
        &["Early warning flags this month", "Ninth grade success teams", "Mentoring matches", "Attendance campaign"],
    ),
    (
        "Postsecondary & Career Working Group",
        24,
        21,
        "Riverbend Community College, Commons",
        1,
        &["FAFSA completion by school", "Dual enrollment pathways", "Employer partners"],
    ),
    (
        "Resident Table",
        27,
        23,
        "Iglesia Nueva Esperanza, fellowship hall",
        1,
        &[
            "What we heard in the neighbourhoods",
            "Reading the dashboard together",
            "Our asks of the working groups",
            "Childcare and food for the next meeting",
        ],
    ),
];

/// The person whose seat is often empty, and how often they come (in percent).
const OFTEN_AWAY: (&str, i64) = ("Kindergarten Readiness Action Network", 35);

/// The demo's meetings with who came.
pub(crate) fn demo_meetings(
    today: NaiveDate,
    tables: &[Table],
    memberships: &[Membership],
    people: &[Person],
    organizations: &[Organization],
) -> Vec<MeetingExport> {
    use chrono::Datelike;
    let mut rng = Rng(0x005E_ED0F_3EE7_1265);
    let mut out = Vec::new();
    let health = organizations.iter().find(|o| o.name == "St. Brigid Health System").map(|o| o.id);
    for &(table_name, day_of_month, hour, place, every, topics) in RHYTHM {
        let table = tables.iter().find(|t| t.name == table_name).unwrap_or_else(|| panic!("no table {table_name}"));
        // From twelve months back to next month.
        for k in (-2i32..=12).rev() {
            let month0 = today.year() * 12 + today.month0() as i32 - k;
            if month0.rem_euclid(every as i32) != 0 {
                continue;
            }
            let date = NaiveDate::from_ymd_opt(month0.div_euclid(12), month0.rem_euclid(12) as u32 + 1, day_of_month)
                .expect("a day every month has");
            if date < day(today, 365) || date > day(today, -(35 * every as i64)) {
                continue;
            }
            let starts_at = date.and_hms_opt(hour, 30, 0).expect("valid time").and_utc();
            let held = date < today;
            let seated: Vec<&Membership> =
                memberships.iter().filter(|m| m.table_id == table.id && m.is_current(date)).collect();
            let chair = seated.iter().find(|m| m.role == MemberRole::Chair).or(seated.first());
            let lead = |i: usize| seated.get((i * 3 + month0 as usize) % seated.len().max(1)).map(|m| m.person_id);
            let mut agenda = vec![AgendaItem {
                title: "Welcome, and what is on our minds".into(),
                lead_person_id: chair.map(|m| m.person_id),
                minutes: Some(10),
                notes: String::new(),
            }];
            for i in 0..topics.len().min(3) {
                agenda.push(AgendaItem {
                    title: topics[(i + month0 as usize) % topics.len()].to_string(),
                    lead_person_id: lead(i + 1),
                    minutes: Some(if i == 0 { 35 } else { 20 }),
                    notes: if held {
                        format!("Discussed; see the notes of {}.", date.format("%B %Y"))
                    } else {
                        String::new()
                    },
                });
            }
            let attendance: Vec<Attendance> = if held {
                seated
                    .iter()
                    .map(|m| {
                        let p = people.iter().find(|p| p.id == m.person_id).expect("a seat has a person");
                        let often_away =
                            table_name == OFTEN_AWAY.0 && p.organization_id.is_some() && p.organization_id == health;
                        let roll = rng.range(1, 100);
                        let status = if often_away {
                            if roll <= OFTEN_AWAY.1 {
                                AttendanceStatus::Present
                            } else {
                                AttendanceStatus::Absent
                            }
                        } else if roll <= 84 {
                            AttendanceStatus::Present
                        } else if roll <= 94 {
                            AttendanceStatus::Excused
                        } else {
                            AttendanceStatus::Absent
                        };
                        Attendance {
                            person_id: p.id,
                            person_name: p.name.clone(),
                            organization_id: p.organization_id,
                            status,
                        }
                    })
                    .collect()
            } else {
                Vec::new()
            };
            let present = attendance.iter().filter(|a| a.status == AttendanceStatus::Present).count();
            let planned_at = at(today, (today - date).num_days() + 21, 14, 0);
            out.push(MeetingExport {
                meeting: Meeting {
                    id: 0,
                    initiative_id: INITIATIVE_ID,
                    table_id: table.id,
                    title: format!("{table_name} — {}", date.format("%B %Y")),
                    starts_at,
                    minutes: if table_name == "Steering Committee" { 120 } else { 90 },
                    place: place.into(),
                    agenda,
                    notes: if held {
                        format!(
                            "{present} of {} members came. Childcare and an interpreter were offered.",
                            seated.len()
                        )
                    } else {
                        String::new()
                    },
                    cancelled: false,
                    created_at: planned_at.min(at(today, 0, 8, 0)),
                    updated_at: if held { starts_at + chrono::Duration::hours(26) } else { planned_at }
                        .min(at(today, 0, 8, 0)),
                },
                attendance,
            });
        }
    }
    out.sort_by_key(|m| (m.meeting.starts_at, m.meeting.table_id));
    for (i, m) in out.iter_mut().enumerate() {
        m.meeting.id = i as Id + 1;
    }
    out
}
