//! The demo's decisions: a year of them, taken the ways coalitions take them — the agenda by
//! consent, the home visiting referrals by consensus, the Resident Table's meeting night by a
//! contested majority vote with one vote per organisation, the FAFSA night format by ranked choice,
//! the summer fair's place by an anonymous score — one recorded after the meeting, and one still
//! open. Their action items are commitments.

use super::*;
use backbone_core::decisions::tally::{rule, tally};
use backbone_core::decisions::{Ballot, Decision, DecisionProcess, Outcome, Position, Vote};
use backbone_core::exchange::{CommitmentExport, DecisionExport, MeetingExport};
use DecisionProcess::*;

pub(crate) struct DecisionSpec {
    table: &'static str,
    title: &'static str,
    proposal: &'static str,
    process: DecisionProcess,
    options: &'static [&'static str],
    quorum: Option<u32>,
    anonymous: bool,
    one_per_organization: bool,
    /// Opened this many days ago; closed this many days later (`None`: still open).
    opened_ago: i64,
    closed_after: Option<i64>,
    /// How each seated member votes, in turn (cycled); `None` for a member who does not vote.
    ballots: &'static [Option<Pick>],
    statement: &'static str,
    review_after_days: Option<i64>,
    /// The commitments (by title) that are its action items.
    action_items: &'static [&'static str],
}

/// A demo ballot.
#[derive(Clone, Copy)]
pub(crate) enum Pick {
    Stand(Position, &'static str),
    Choose(usize),
    Rank(&'static [usize]),
    Scores(&'static [u8]),
}

use Pick::*;

const AGREE: Option<Pick> = Some(Stand(Position::Consent, ""));

pub(crate) const DECISIONS: &[DecisionSpec] = &[
    DecisionSpec {
        table: "Steering Committee",
        title: "Adopt version 3 of the common agenda",
        proposal: "Add the postsecondary result recommended by the Postsecondary & Career Working Group, with its three strategies.",
        process: Consent,
        options: &[],
        quorum: Some(7),
        anonymous: false,
        one_per_organization: false,
        opened_ago: 250,
        closed_after: Some(12),
        ballots: &[AGREE, AGREE, Some(Stand(Position::Abstain, "")), AGREE, None, AGREE, AGREE, AGREE, AGREE, None],
        statement: "Version 3 of the common agenda is adopted.",
        review_after_days: Some(365),
        action_items: &[],
    },
    DecisionSpec {
        table: "Kindergarten Readiness Action Network",
        title: "Split home visiting referrals in Eastside",
        proposal: "Bright Start takes first-time parents referred before the third trimester; the Health Department's nurses take those on Medicaid referred later. One referral form for both.",
        process: Consensus,
        options: &[],
        quorum: None,
        anonymous: false,
        one_per_organization: false,
        opened_ago: 205,
        closed_after: Some(5),
        ballots: &[
            Some(Stand(Position::Agree, "")),
            Some(Stand(Position::Agree, "")),
            Some(Stand(Position::Disagree, "Families should choose, not the trimester; we will not stand in the way")),
            Some(Stand(Position::Agree, "")),
            None,
        ],
        statement: "Referrals in Eastside are split as proposed; the two programmes agree one referral form.",
        review_after_days: Some(180),
        action_items: &[
            "Meet with the Health Department's nurse home visitors to split referrals in Eastside",
            "Agree one referral form with Bright Start for families in Eastside",
        ],
    },
    DecisionSpec {
        table: "Resident Table",
        title: "Which night we meet",
        proposal: "Move the Resident Table to the night most members can come, with childcare and food.",
        process: Majority,
        options: &["Tuesday evenings", "Thursday evenings", "Saturday mornings"],
        quorum: Some(6),
        anonymous: false,
        one_per_organization: true,
        opened_ago: 150,
        closed_after: Some(14),
        ballots: &[Some(Choose(2)), Some(Choose(0)), Some(Choose(2)), Some(Choose(1)), Some(Choose(2)), Some(Choose(0)), Some(Choose(2))],
        statement: "The Resident Table meets on Saturday mornings from next month, with childcare and breakfast.",
        review_after_days: Some(30),
        action_items: &[],
    },
    DecisionSpec {
        table: "Postsecondary & Career Working Group",
        title: "The format of FAFSA nights",
        proposal: "How Next Step runs FAFSA nights this year.",
        process: RankedChoice,
        options: &["At every high school", "At the college, with buses", "At libraries and churches"],
        quorum: None,
        anonymous: false,
        one_per_organization: false,
        opened_ago: 180,
        closed_after: Some(8),
        ballots: &[Some(Rank(&[0, 2])), Some(Rank(&[2, 0])), Some(Rank(&[1, 0])), Some(Rank(&[0, 1])), Some(Rank(&[2, 0, 1]))],
        statement: "FAFSA nights are held at every high school, with advisers who speak Spanish, Hmong and Somali.",
        review_after_days: Some(240),
        action_items: &["Hold a FAFSA night at every high school before the state deadline"],
    },
    DecisionSpec {
        table: "High School Graduation Action Network",
        title: "Free bus passes for students with attendance flags",
        proposal: "Ask the City to give every student flagged for attendance a free bus pass for the school year.",
        process: Consent,
        options: &[],
        quorum: None,
        anonymous: false,
        one_per_organization: false,
        opened_ago: 230,
        closed_after: Some(8),
        ballots: &[AGREE, AGREE, AGREE, Some(Stand(Position::Abstain, "")), AGREE],
        statement: "The Network asks the City for free bus passes for students with attendance flags.",
        review_after_days: Some(120),
        action_items: &["Give every student with an attendance flag a free bus pass"],
    },
    DecisionSpec {
        table: "Resident Table",
        title: "Where the summer family fair is held",
        proposal: "Score each place from 0 to 5: how easy it is for your neighbours to come.",
        process: Score,
        options: &["Southside Park", "Eastside Community Health Center lot", "Northgate library"],
        quorum: None,
        anonymous: true,
        one_per_organization: false,
        opened_ago: 60,
        closed_after: Some(9),
        ballots: &[Some(Scores(&[5, 3, 2])), Some(Scores(&[4, 4, 1])), Some(Scores(&[3, 5, 2])), Some(Scores(&[5, 2, 3])), Some(Scores(&[2, 4, 4]))],
        statement: "The summer family fair is held in Southside Park.",
        review_after_days: None,
        action_items: &[],
    },
    DecisionSpec {
        table: "Early Grade Reading Working Group",
        title: "Book Buddies ends; its volunteers join Reading Corps",
        proposal: "Recorded from the meeting: the grant ended and the volunteers chose to tutor with Reading Corps.",
        process: Recorded,
        options: &[],
        quorum: None,
        anonymous: false,
        one_per_organization: false,
        opened_ago: 120,
        closed_after: Some(0),
        ballots: &[],
        statement: "Book Buddies ends; its volunteers join Reading Corps in Southside.",
        review_after_days: None,
        action_items: &[],
    },
    DecisionSpec {
        table: "Steering Committee",
        title: "Adopt the partnership's data-sharing principles",
        proposal: "Partners share person-level data only under a signed agreement, only for the purpose stated, and publish only counts that protect every person.",
        process: Consent,
        options: &[],
        quorum: Some(7),
        anonymous: false,
        one_per_organization: false,
        opened_ago: 4,
        closed_after: None,
        ballots: &[AGREE, None, AGREE, Some(Stand(Position::Object, "Residents have not seen the principles yet: bring them to the Resident Table first")), None, AGREE],
        statement: "",
        review_after_days: None,
        action_items: &[],
    },
];

/// The decisions of the demo with their votes; links each commitment named as an action item.
pub(crate) fn demo_decisions(
    today: NaiveDate,
    tables: &[Table],
    memberships: &[Membership],
    people: &[Person],
    meetings: &[MeetingExport],
    commitments: &mut [CommitmentExport],
    recorder: &str,
) -> Vec<DecisionExport> {
    DECISIONS
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let id = i as Id + 1;
            let table = tables.iter().find(|t| t.name == s.table).unwrap_or_else(|| panic!("no table {}", s.table));
            let opened = at(today, s.opened_ago, 17, (i * 11 % 60) as u32);
            let meeting = meetings
                .iter()
                .filter(|m| m.meeting.table_id == table.id && m.meeting.starts_at <= opened)
                .max_by_key(|m| m.meeting.starts_at)
                .map(|m| m.meeting.id);
            let seated: Vec<&Membership> = memberships
                .iter()
                .filter(|m| m.table_id == table.id && m.is_current(today) && m.is_current(opened.date_naive()))
                .collect();
            let votes: Vec<Vote> = if s.ballots.is_empty() {
                Vec::new()
            } else {
                seated
                    .iter()
                    .enumerate()
                    .filter_map(|(k, m)| {
                        let pick = s.ballots[k % s.ballots.len()]?;
                        let p = people.iter().find(|p| p.id == m.person_id)?;
                        let ballot = match pick {
                            Stand(position, why) => {
                                Ballot { position: Some(position), comment: why.into(), ..Default::default() }
                            }
                            Choose(c) => Ballot { choice: Some(c), ..Default::default() },
                            Rank(r) => Ballot { ranking: r.to_vec(), ..Default::default() },
                            Scores(sc) => Ballot { scores: sc.to_vec(), ..Default::default() },
                        };
                        let days_in = (k as i64 % s.closed_after.unwrap_or(s.opened_ago).max(1)).min(s.opened_ago);
                        Some(Vote {
                            person_id: Some(p.id),
                            person_name: Some(p.name.clone()),
                            organization_id: p.organization_id,
                            ballot,
                            at: at(today, s.opened_ago - days_in, 19, (k * 7 % 60) as u32),
                        })
                    })
                    .collect()
            };
            let mut decision = Decision {
                id,
                initiative_id: INITIATIVE_ID,
                table_id: table.id,
                meeting_id: meeting,
                title: s.title.into(),
                proposal: s.proposal.into(),
                process: s.process,
                options: s.options.iter().map(|o| o.to_string()).collect(),
                closes_at: match (s.process, s.closed_after) {
                    (Recorded, _) => None,
                    (_, Some(after)) => Some(at(today, s.opened_ago - after, 23, 0)),
                    (_, None) => Some(at(today, -5, 23, 0)),
                },
                quorum: s.quorum,
                anonymous: s.anonymous,
                one_vote_per_organization: s.one_per_organization,
                outcome: None,
                created_at: opened,
                updated_at: opened,
            };
            if let Some(after) = s.closed_after {
                let t = tally(&decision, &votes);
                let decided_at = at(today, s.opened_ago - after, 23, 30);
                decision.outcome = Some(Outcome {
                    statement: s.statement.into(),
                    rule: rule(&decision, &t, seated.len() as u32),
                    took_part: t.counted,
                    review_on: s.review_after_days.map(|d| decided_at.date_naive() + Duration::days(d)),
                    decided_by: recorder.into(),
                    decided_at,
                });
                decision.updated_at = decided_at;
            }
            for c in commitments.iter_mut().filter(|c| s.action_items.contains(&c.commitment.title.as_str())) {
                c.commitment.decision_id = Some(id);
            }
            DecisionExport { decision, votes }
        })
        .collect()
}
