//! The demo's self-assessments: the Steering Committee and the Early Grade Reading Working Group
//! each answered three rounds four months apart, and each has a round open now. Shared measurement
//! and the backbone's support score high from the start; talking about what did not work, raising
//! conflict in the room, grassroots partners' voice and residents shaping decisions start low and
//! rise — on the Steering Committee most, as residents and grassroots leaders took seats. Every
//! answer is given by a person sitting at the table when the round closed.

use super::*;
use backbone_core::assessments::{instrument, AssessmentAnswer, AssessmentRound, StatementAnswer};
use backbone_core::exchange::AssessmentRoundExport;

/// The rounds' days (days ago): opened, closed; the last one is open.
const ROUNDS: &[(&str, i64, i64)] =
    &[("Spring 2025", 330, 300), ("Fall 2025", 210, 180), ("Winter 2026", 90, 60), ("Spring 2026", 10, 0)];

/// A statement's expected score in each closed round, on each table.
fn expected(table: &str, key: &str, round: usize) -> f64 {
    let rising = |from: f64, to: f64| from + (to - from) * round as f64 / 2.0;
    let steering = table == "Steering Committee";
    match key {
        "shared-measurement" | "shared-measurement-use" | "backbone-support" => 4.3,
        "talk-about-what-failed" => rising(2.1, if steering { 3.3 } else { 3.6 }),
        "conflict-in-the-room" => rising(2.5, 3.5),
        "residents-shape-decisions" | "community-included" | "community-engagement" => {
            if steering {
                rising(2.2, 3.9)
            } else {
                rising(2.8, 3.4)
            }
        }
        "grassroots-equal-voice" | "same-standard" => rising(2.4, if steering { 3.7 } else { 3.2 }),
        "trust-each-other" | "relationships-trust" => rising(3.0, 3.9),
        "equity-focus" | "health-equity" => rising(3.0, 3.7),
        "data-to-learn" | "culture-of-learning" => rising(3.2, 3.8),
        "mutually-reinforcing" => {
            if steering {
                3.2
            } else {
                rising(3.4, 4.0)
            }
        }
        _ => rising(3.4, 3.6),
    }
}

/// A small deterministic number from a person, a statement and a round.
fn mix(person: Id, key: &str, round: usize) -> u64 {
    let mut h: u64 = 1469598103934665603 ^ (person as u64) ^ ((round as u64) << 32);
    for b in key.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(1099511628211);
    }
    h ^ (h >> 29)
}

fn seated(table: &str, name: &str, days_ago: i64) -> bool {
    TABLES
        .iter()
        .filter(|t| t.name == table)
        .flat_map(|t| t.seats.iter())
        .any(|&(n, _, start, end)| n == name && start >= days_ago && (end == 0 || end < days_ago))
}

pub(crate) fn demo_assessment_rounds(
    today: NaiveDate,
    tables: &[Table],
    people: &[Person],
) -> Vec<AssessmentRoundExport> {
    let statements = instrument::statements(instrument::CURRENT_VERSION).expect("the current instrument");
    let mut rounds = Vec::new();
    for (r, &(title, opened, closed)) in ROUNDS.iter().enumerate() {
        for table in ["Steering Committee", "Early Grade Reading Working Group"] {
            let t = tables.iter().find(|t| t.name == table).unwrap_or_else(|| panic!("no table {table}"));
            let open = r == ROUNDS.len() - 1;
            let round = AssessmentRound {
                id: rounds.len() as Id + 1,
                table_id: t.id,
                title: title.into(),
                opens_on: day(today, opened),
                closes_on: day(today, if open { -20 } else { closed }),
                instrument_version: instrument::CURRENT_VERSION,
                closed_at: (!open).then(|| at(today, closed, 17, 0)),
                created_at: at(today, opened, 9, 0),
            };
            let members: Vec<&Person> = people.iter().filter(|p| seated(table, &p.name, closed.max(1))).collect();
            let mut answers = Vec::new();
            let mut so_far = 0;
            for (i, p) in members.iter().enumerate() {
                // Most answer; in the open round four have so far — none of the demo's sign-ins,
                // so they can answer it (and the fifth answer lets its results be shown).
                let answers_now = if open { p.user_id.is_none() && so_far < 4 } else { i % 5 != 3 };
                if !answers_now {
                    continue;
                }
                so_far += 1;
                let answer = statements
                    .iter()
                    .map(|s| {
                        let h = mix(p.id, s.key, r);
                        // Newer members cannot yet say how the table plans to last or reads
                        // its differences: "don't know", several of them at once.
                        let unsure = matches!(s.key, "sustainable-thinking" | "health-equity") && i % 3 == 0;
                        let score = if unsure {
                            None
                        } else {
                            let jitter = [-1.0, -0.5, 0.0, 0.0, 0.5, 1.0][(h % 6) as usize];
                            Some((expected(table, s.key, r.min(2)) + jitter).round().clamp(1.0, 5.0) as u8)
                        };
                        StatementAnswer { statement: s.key.into(), score }
                    })
                    .collect();
                answers.push(AssessmentAnswer {
                    round_id: round.id,
                    person_id: p.id,
                    answers: answer,
                    submitted_at: at(today, opened - 1 - (i as i64 % (opened - closed.max(1)).max(1)), 12, 0),
                });
            }
            rounds.push(AssessmentRoundExport { round, answers });
        }
    }
    rounds
}
