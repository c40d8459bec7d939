//! The demo's commitments: a year of promises made at the tables, kept and broken by large and
//! small partners alike. The story the accountability view tells: the school district and the
//! health system are late on the data they promised, while the small resident-led groups kept
//! nearly everything; one promise was dropped with its reason; a few are at risk or due now.

use super::*;
use backbone_core::commitments::{Commitment, CommitmentEvent, CommitmentStatus};
use backbone_core::exchange::CommitmentExport;

/// How a commitment turned out: days are counted from the day it was made.
#[derive(Clone, Copy)]
pub(crate) enum Outcome {
    /// Done this many days after it was made.
    Done(i64),
    /// Dropped this many days after, for this reason.
    Dropped(i64, &'static str),
    /// At risk since this many days after, for this reason.
    AtRisk(i64, &'static str),
    /// Moved to a due date this many days later, at this many days after, for this reason; then on track.
    Moved(i64, i64, &'static str),
    /// Still on track (or not started, when made in the last fortnight).
    Open,
}

pub(crate) struct CommitmentSpec {
    table: &'static str,
    org: Option<&'static str>,
    person: Option<&'static str>,
    title: &'static str,
    strategy: Option<&'static str>,
    indicator: Option<&'static str>,
    activity: Option<&'static str>,
    /// Made this many days ago, due this many days after.
    made_ago: i64,
    due_after: i64,
    outcome: Outcome,
}

use Outcome::*;

const STEERING: &str = "Steering Committee";
const READINESS: &str = "Kindergarten Readiness Action Network";
const READING: &str = "Early Grade Reading Working Group";
const GRADUATION: &str = "High School Graduation Action Network";
const POSTSECONDARY: &str = "Postsecondary & Career Working Group";
const RESIDENTS: &str = "Resident Table";

pub(crate) const COMMITMENTS: &[CommitmentSpec] = &[
    CommitmentSpec {
        table: STEERING,
        org: Some("Riverbend Public Schools"),
        person: None,
        title: "Sign the data-sharing agreement for student-level attendance and assessment data",
        strategy: Some("early-warning-system"),
        indicator: Some("high-school-graduation"),
        activity: Some("Early warning dashboard and student support teams"),
        made_ago: 330,
        due_after: 60,
        outcome: Done(104),
    },
    CommitmentSpec {
        table: READING,
        org: Some("Riverbend Public Schools"),
        person: None,
        title: "Share third-grade reading results by school and student group each term",
        strategy: Some("reading-tutors"),
        indicator: Some("third-grade-reading"),
        activity: None,
        made_ago: 300,
        due_after: 45,
        outcome: Moved(40, 90, "The assessment vendor changed its export format; the district needs a new extract"),
    },
    CommitmentSpec {
        table: READINESS,
        org: Some("St. Brigid Health System"),
        person: None,
        title: "Add the developmental screening result to every 24-month well-child record",
        strategy: Some("developmental-screening"),
        indicator: Some("kindergarten-readiness"),
        activity: None,
        made_ago: 280,
        due_after: 90,
        outcome: AtRisk(
            120,
            "The electronic record upgrade is delayed to next year; the field cannot be added before it",
        ),
    },
    CommitmentSpec {
        table: READINESS,
        org: Some("Bright Start Home Visiting"),
        person: None,
        title: "Meet with the Health Department's nurse home visitors to split referrals in Eastside",
        strategy: Some("expand-home-visiting"),
        indicator: Some("families-enrolled-home-visiting"),
        activity: Some("Parents as Teachers home visits"),
        made_ago: 200,
        due_after: 30,
        outcome: Done(21),
    },
    CommitmentSpec {
        table: READINESS,
        org: Some("Mercer County Health Department"),
        person: None,
        title: "Agree one referral form with Bright Start for families in Eastside",
        strategy: Some("expand-home-visiting"),
        indicator: Some("families-enrolled-home-visiting"),
        activity: Some("Nurse-Family Partnership"),
        made_ago: 200,
        due_after: 45,
        outcome: Done(62),
    },
    CommitmentSpec {
        table: READINESS,
        org: Some("Casa de Abuela Family Child Care Network"),
        person: None,
        title: "Bring twelve family child care providers to the spring screening training",
        strategy: Some("family-child-care-support"),
        indicator: Some("kindergarten-readiness"),
        activity: Some("Provider circles for family child care"),
        made_ago: 240,
        due_after: 60,
        outcome: Done(55),
    },
    CommitmentSpec {
        table: READING,
        org: Some("Riverbend Reads"),
        person: None,
        title: "Recruit and train 40 more reading tutors for Southside and Northgate",
        strategy: Some("reading-tutors"),
        indicator: Some("students-tutored"),
        activity: Some("Reading Corps tutors"),
        made_ago: 260,
        due_after: 120,
        outcome: Done(112),
    },
    CommitmentSpec {
        table: READING,
        org: Some("Boys & Girls Clubs of Riverbend"),
        person: None,
        title: "Align Power Hour reading help with the Reading Corps tutoring schedule in Southside",
        strategy: Some("reading-tutors"),
        indicator: Some("third-grade-reading"),
        activity: Some("Power Hour reading help"),
        made_ago: 150,
        due_after: 60,
        outcome: Open,
    },
    CommitmentSpec {
        table: READING,
        org: Some("Riverbend Public Library"),
        person: None,
        title: "Open summer story hours at the Harbor Point branch",
        strategy: Some("summer-reading"),
        indicator: Some("third-grade-reading"),
        activity: Some("Summer Reading Challenge"),
        made_ago: 320,
        due_after: 75,
        outcome: Done(70),
    },
    CommitmentSpec {
        table: READING,
        org: Some("Southside Youth Mentoring Collaborative"),
        person: None,
        title: "Keep Book Buddies running through the school year",
        strategy: Some("reading-tutors"),
        indicator: Some("third-grade-reading"),
        activity: Some("Book Buddies"),
        made_ago: 310,
        due_after: 240,
        outcome: Dropped(
            190,
            "The grant that paid for the volunteer coordinator ended; the volunteers joined Reading Corps",
        ),
    },
    CommitmentSpec {
        table: GRADUATION,
        org: Some("Southside Youth Mentoring Collaborative"),
        person: None,
        title: "Match a mentor with every flagged ninth grader at Southside High",
        strategy: Some("mentoring-for-all"),
        indicator: Some("high-school-graduation"),
        activity: Some("One caring adult mentoring"),
        made_ago: 180,
        due_after: 60,
        outcome: Done(58),
    },
    CommitmentSpec {
        table: GRADUATION,
        org: Some("Greater Mount Zion Baptist Church"),
        person: None,
        title: "Host Saturday Scholars at the community centre while the hall is renovated",
        strategy: Some("mentoring-for-all"),
        indicator: Some("high-school-graduation"),
        activity: Some("Saturday Scholars"),
        made_ago: 90,
        due_after: 30,
        outcome: AtRisk(35, "The community centre has no Saturday opening this spring"),
    },
    CommitmentSpec {
        table: GRADUATION,
        org: Some("City of Riverbend"),
        person: None,
        title: "Give every student with an attendance flag a free bus pass",
        strategy: Some("early-warning-system"),
        indicator: Some("high-school-graduation"),
        activity: None,
        made_ago: 220,
        due_after: 100,
        outcome: Done(131),
    },
    CommitmentSpec {
        table: POSTSECONDARY,
        org: Some("Next Step College Access Network"),
        person: None,
        title: "Hold a FAFSA night at every high school before the state deadline",
        strategy: Some("fafsa-completion"),
        indicator: Some("coached-seniors-completing-fafsa"),
        activity: Some("FAFSA nights"),
        made_ago: 170,
        due_after: 100,
        outcome: Done(96),
    },
    CommitmentSpec {
        table: POSTSECONDARY,
        org: Some("Riverbend Community College"),
        person: None,
        title: "Report dual-enrollment course completion by high school",
        strategy: Some("dual-enrollment-pathways"),
        indicator: Some("postsecondary-enrollment"),
        activity: Some("Early College dual enrollment"),
        made_ago: 120,
        due_after: 135,
        outcome: Open,
    },
    CommitmentSpec {
        table: POSTSECONDARY,
        org: Some("Riverbend Workforce Alliance"),
        person: None,
        title: "Sign up three employers for paid apprenticeships",
        strategy: Some("dual-enrollment-pathways"),
        indicator: Some("postsecondary-enrollment"),
        activity: Some("Manufacturing pathway with apprenticeships"),
        made_ago: 40,
        due_after: 45,
        outcome: Open,
    },
    CommitmentSpec {
        table: RESIDENTS,
        org: Some("Eastside Parents United"),
        person: None,
        title: "Hold two listening sessions on kindergarten readiness in Eastside, in English and Spanish",
        strategy: Some("developmental-screening"),
        indicator: Some("kindergarten-readiness"),
        activity: None,
        made_ago: 210,
        due_after: 45,
        outcome: Done(38),
    },
    CommitmentSpec {
        table: RESIDENTS,
        org: Some("Somali Community Services of Riverbend"),
        person: None,
        title: "Translate the readiness flyer into Somali and share it at the mosque and the markets",
        strategy: Some("developmental-screening"),
        indicator: Some("kindergarten-readiness"),
        activity: None,
        made_ago: 160,
        due_after: 30,
        outcome: Done(24),
    },
    CommitmentSpec {
        table: RESIDENTS,
        org: None,
        person: Some("Hodan Warsame"),
        title: "Bring five Northgate parents to the Early Grade Reading Working Group",
        strategy: None,
        indicator: Some("third-grade-reading"),
        activity: None,
        made_ago: 100,
        due_after: 60,
        outcome: Done(49),
    },
    CommitmentSpec {
        table: RESIDENTS,
        org: None,
        person: Some("Marisela Rodríguez"),
        title: "Ask the library for story times in Spanish at the Westside branch",
        strategy: Some("home-language-literacy"),
        indicator: Some("third-grade-reading"),
        activity: None,
        made_ago: 25,
        due_after: 32,
        outcome: Open,
    },
    CommitmentSpec {
        table: STEERING,
        org: Some("United Way of the Riverbend Region"),
        person: None,
        title: "Publish the partnership's first annual report to the community",
        strategy: None,
        indicator: None,
        activity: None,
        made_ago: 140,
        due_after: 170,
        outcome: Open,
    },
    CommitmentSpec {
        table: STEERING,
        org: Some("Hollister Family Foundation"),
        person: None,
        title: "Decide on three-year funding for the backbone's data lead",
        strategy: None,
        indicator: None,
        activity: None,
        made_ago: 75,
        due_after: 82,
        outcome: Open,
    },
];

/// The commitments of the demo with their histories, given how the document names things.
pub(crate) fn demo_commitments(
    today: NaiveDate,
    org_id: impl Fn(&str) -> Id,
    person_id: impl Fn(&str) -> Id,
    table_id: impl Fn(&str) -> Id,
    activity_id: impl Fn(&str) -> Id,
    recorder: &str,
) -> Vec<CommitmentExport> {
    COMMITMENTS
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let made = at(today, s.made_ago, 11, (i * 13 % 60) as u32);
            let after = |days: i64| at(today, s.made_ago - days, 15, (i * 7 % 60) as u32);
            let due = day(today, s.made_ago - s.due_after);
            let event = |status, reason: &str, due_on, at| CommitmentEvent {
                status,
                reason: reason.to_string(),
                due_on,
                actor_name: recorder.to_string(),
                at,
            };
            let mut history = vec![event(CommitmentStatus::NotStarted, "", due, made)];
            let started = s.made_ago > 14;
            if started {
                history.push(event(CommitmentStatus::OnTrack, "", due, after(7)));
            }
            let (mut status, mut reason, mut due_on, mut done_on) =
                (if started { CommitmentStatus::OnTrack } else { CommitmentStatus::NotStarted }, "", due, None);
            match s.outcome {
                Done(d) => {
                    history.push(event(CommitmentStatus::Done, "", due, after(d)));
                    (status, done_on) = (CommitmentStatus::Done, Some(day(today, s.made_ago - d)));
                }
                Dropped(d, why) => {
                    history.push(event(CommitmentStatus::Dropped, why, due, after(d)));
                    (status, reason) = (CommitmentStatus::Dropped, why);
                }
                AtRisk(d, why) => {
                    history.push(event(CommitmentStatus::AtRisk, why, due, after(d)));
                    (status, reason) = (CommitmentStatus::AtRisk, why);
                }
                Moved(d, later, why) => {
                    due_on = day(today, s.made_ago - s.due_after - later);
                    history.push(event(CommitmentStatus::OnTrack, why, due_on, after(d)));
                    reason = why;
                }
                Open => {}
            }
            let updated = history.last().map(|e| e.at).unwrap_or(made);
            CommitmentExport {
                commitment: Commitment {
                    id: i as Id + 1,
                    initiative_id: INITIATIVE_ID,
                    organization_id: s.org.map(&org_id),
                    person_id: s.person.map(&person_id),
                    title: s.title.into(),
                    details: String::new(),
                    due_on,
                    status,
                    reason: reason.into(),
                    done_on,
                    strategy_key: s.strategy.map(String::from),
                    indicator_key: s.indicator.map(String::from),
                    activity_id: s.activity.map(&activity_id),
                    table_id: Some(table_id(s.table)),
                    meeting_id: None,
                    decision_id: None,
                    created_at: made,
                    updated_at: updated,
                },
                history,
            }
        })
        .collect()
}
