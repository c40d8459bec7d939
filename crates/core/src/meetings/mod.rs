//! Meetings of the tables: when and where, the agenda with who leads each item (residents and
//! frontline staff as often as directors), who came, and the notes. Decisions and commitments
//! point back to the meeting that made them.

mod store;
pub use store::MeetingStore;

use crate::checks::*;
use crate::error::Invalid;
use crate::vocabulary::vocabulary;
use crate::Id;
use chrono::{DateTime, Datelike, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Items an agenda may have at most.
pub const MOST_ITEMS: usize = 40;

/// One item of a meeting's agenda.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AgendaItem {
    pub title: String,
    /// Who leads it (a person of the initiative).
    #[serde(default)]
    pub lead_person_id: Option<Id>,
    /// Minutes planned for it.
    #[serde(default)]
    pub minutes: Option<u32>,
    /// What was said, once the meeting is held.
    #[serde(default)]
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Meeting {
    pub id: Id,
    pub initiative_id: Id,
    pub table_id: Id,
    pub title: String,
    pub starts_at: DateTime<Utc>,
    /// How long it lasts, in minutes.
    pub minutes: u32,
    /// Where: an address, a room, or a video link.
    pub place: String,
    pub agenda: Vec<AgendaItem>,
    /// The notes of the meeting as a whole.
    pub notes: String,
    pub cancelled: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Meeting {
    /// Held: not cancelled, and started before `now`.
    pub fn is_held(&self, now: DateTime<Utc>) -> bool {
        !self.cancelled && self.starts_at <= now
    }
}

#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MeetingInput {
    pub table_id: Id,
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub minutes: u32,
    #[serde(default)]
    pub place: String,
    #[serde(default)]
    pub agenda: Vec<AgendaItem>,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub cancelled: bool,
}

impl MeetingInput {
    /// The checks that need nothing stored.
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut inv = Invalid::new();
        check_text(&mut inv, "title", &self.title, 1, 200);
        check_text(&mut inv, "place", &self.place, 0, 500);
        check_text(&mut inv, "notes", &self.notes, 0, 20_000);
        if !(5..=720).contains(&self.minutes) {
            inv.add("minutes", "must be from 5 to 720 minutes");
        }
        if !(2000..=2100).contains(&self.starts_at.year()) {
            inv.add(
                "starts_at",
                format!("{} is not a date Backbone expects (2000 to 2100)", self.starts_at.date_naive()),
            );
        }
        if self.agenda.len() > MOST_ITEMS {
            inv.add("agenda", format!("at most {MOST_ITEMS} items"));
        }
        for (i, item) in self.agenda.iter().enumerate() {
            check_text(&mut inv, &format!("agenda[{i}].title"), &item.title, 1, 300);
            check_text(&mut inv, &format!("agenda[{i}].notes"), &item.notes, 0, 10_000);
            if item.minutes.is_some_and(|m| m == 0 || m > 720) {
                inv.add(format!("agenda[{i}].minutes"), "must be from 1 to 720 minutes");
            }
        }
        inv.into_result()
    }

    /// The people the agenda names as leads.
    pub fn leads(&self) -> impl Iterator<Item = (usize, Id)> + '_ {
        self.agenda.iter().enumerate().filter_map(|(i, item)| item.lead_person_id.map(|p| (i, p)))
    }
}

vocabulary! {
    /// Whether someone came.
    AttendanceStatus {
        Present => "present",
        /// Sent word they could not come.
        Excused => "excused",
        Absent => "absent",
    }
}

/// One person's attendance at one meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Attendance {
    pub person_id: Id,
    pub person_name: String,
    /// The organisation the person came for, when they have one.
    pub organization_id: Option<Id>,
    pub status: AttendanceStatus,
}

#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AttendanceInput {
    pub person_id: Id,
    pub status: AttendanceStatus,
}

/// Checks an attendance list: each person once, at most 500.
pub fn check_attendance(list: &[AttendanceInput]) -> Result<(), Invalid> {
    let mut inv = Invalid::new();
    if list.len() > 500 {
        inv.add("attendance", "at most 500 people");
    }
    let mut seen = std::collections::HashSet::new();
    for (i, a) in list.iter().enumerate() {
        if !seen.insert(a.person_id) {
            inv.add(format!("attendance[{i}].person_id"), "is listed twice");
        }
    }
    inv.into_result()
}

/// Which meetings to list.
#[derive(Debug, Clone, Default)]
pub struct MeetingQuery {
    pub table_id: Option<Id>,
    /// Starting at or after.
    pub from: Option<DateTime<Utc>>,
    /// Starting before.
    pub until: Option<DateTime<Utc>>,
    /// Planned (created) or starting within these two moments, both included: the meetings a
    /// feed of that time can tell of.
    pub planned_or_starting: Option<(DateTime<Utc>, DateTime<Utc>)>,
}

impl MeetingQuery {
    pub fn matches(&self, m: &Meeting) -> bool {
        let within = |(a, b): (DateTime<Utc>, DateTime<Utc>), t: DateTime<Utc>| t >= a && t <= b;
        self.table_id.is_none_or(|t| m.table_id == t)
            && self.from.is_none_or(|f| m.starts_at >= f)
            && self.until.is_none_or(|u| m.starts_at < u)
            && self.planned_or_starting.is_none_or(|w| within(w, m.created_at) || within(w, m.starts_at))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> MeetingInput {
        MeetingInput {
            table_id: 1,
            title: "Early Grade Reading Working Group — March".into(),
            starts_at: "2026-03-18T17:30:00Z".parse().unwrap(),
            minutes: 90,
            place: "Riverbend Public Library, Room B".into(),
            agenda: vec![
                AgendaItem {
                    title: "Welcome and introductions".into(),
                    lead_person_id: Some(4),
                    minutes: Some(10),
                    notes: String::new(),
                },
                AgendaItem {
                    title: "Winter reading results".into(),
                    lead_person_id: None,
                    minutes: Some(30),
                    notes: String::new(),
                },
            ],
            notes: String::new(),
            cancelled: false,
        }
    }

    #[test]
    fn a_meeting_has_a_title_a_length_and_real_items() {
        assert!(input().validate().is_ok());
        assert_eq!(input().leads().collect::<Vec<_>>(), [(0, 4)]);
        let mut bad = input();
        bad.minutes = 0;
        bad.agenda[1].title = " ".into();
        bad.agenda[0].minutes = Some(0);
        let e = bad.validate().unwrap_err();
        assert!(e.reason_for("minutes").is_some());
        assert_eq!(e.reason_for("agenda[1].title"), Some("is required"));
        assert!(e.reason_for("agenda[0].minutes").is_some());
    }

    #[test]
    fn each_person_is_listed_once() {
        let list = [
            AttendanceInput { person_id: 3, status: AttendanceStatus::Present },
            AttendanceInput { person_id: 3, status: AttendanceStatus::Absent },
        ];
        assert_eq!(check_attendance(&list).unwrap_err().reason_for("attendance[1].person_id"), Some("is listed twice"));
    }
}
