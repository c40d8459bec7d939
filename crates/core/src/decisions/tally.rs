//! Counting a decision's votes by its process and rules (quorum, one vote per organisation), and
//! the sentence that records the rule and the count with the outcome.

use super::{Ballot, Decision, DecisionProcess, Position, Vote};
use serde::Serialize;
use std::collections::HashMap;
use utoipa::ToSchema;

#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Tally {
    /// People who voted.
    pub voters: u32,
    /// Votes counted: with one vote per organisation, each organisation's most recent one.
    pub counted: u32,
    pub quorum_met: bool,
    /// Consent, consensus, advice: how many took each position.
    pub positions: Vec<PositionCount>,
    /// Majority: votes per option; score: total score per option; ranked choice: first choices
    /// in the last round.
    pub option_totals: Vec<u32>,
    /// Ranked choice: the first choices of each round.
    pub rounds: Vec<Vec<u32>>,
    /// The option that won, by its place in `options`.
    pub winner: Option<usize>,
    /// Consent and consensus: no objection (no block) and the quorum met.
    pub passes: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct PositionCount {
    pub position: Position,
    pub count: u32,
}

/// The ballots that count: all of them, or each organisation's most recent one.
fn counted<'a>(d: &Decision, votes: &'a [Vote]) -> Vec<&'a Ballot> {
    if !d.one_vote_per_organization {
        return votes.iter().map(|v| &v.ballot).collect();
    }
    let mut latest: HashMap<i64, &Vote> = HashMap::new();
    let mut own = Vec::new();
    for v in votes {
        match v.organization_id {
            Some(o) => {
                let e = latest.entry(o).or_insert(v);
                if v.at > e.at {
                    *e = v;
                }
            }
            None => own.push(&v.ballot),
        }
    }
    let mut orgs: Vec<(&i64, &&Vote)> = latest.iter().collect();
    orgs.sort_by_key(|(o, _)| **o);
    orgs.into_iter().map(|(_, v)| &v.ballot).chain(own).collect()
}

/// Counts the votes of a decision.
pub fn tally(d: &Decision, votes: &[Vote]) -> Tally {
    let ballots = counted(d, votes);
    let n = ballots.len() as u32;
    let mut t = Tally {
        voters: votes.len() as u32,
        counted: n,
        quorum_met: d.quorum.is_none_or(|q| n >= q),
        positions: Vec::new(),
        option_totals: Vec::new(),
        rounds: Vec::new(),
        winner: None,
        passes: None,
    };
    let options = d.options.len();
    match d.process {
        DecisionProcess::Recorded => {}
        DecisionProcess::Advice | DecisionProcess::Consent | DecisionProcess::Consensus => {
            t.positions = d
                .process
                .positions()
                .iter()
                .map(|p| PositionCount {
                    position: *p,
                    count: ballots.iter().filter(|b| b.position == Some(*p)).count() as u32,
                })
                .collect();
            let stops = |p: Position| ballots.iter().any(|b| b.position == Some(p));
            t.passes = match d.process {
                DecisionProcess::Consent => Some(t.quorum_met && n > 0 && !stops(Position::Object)),
                DecisionProcess::Consensus => Some(t.quorum_met && n > 0 && !stops(Position::Block)),
                _ => None,
            };
        }
        DecisionProcess::Majority => {
            let mut totals = vec![0u32; options];
            for b in &ballots {
                if let Some(c) = b.choice.filter(|c| *c < options) {
                    totals[c] += 1;
                }
            }
            t.winner = totals.iter().position(|c| 2 * c > n).filter(|_| t.quorum_met);
            t.option_totals = totals;
        }
        DecisionProcess::Score => {
            let mut totals = vec![0u32; options];
            for b in &ballots {
                for (i, s) in b.scores.iter().enumerate().take(options) {
                    totals[i] += u32::from(*s);
                }
            }
            let best = totals.iter().copied().max().unwrap_or(0);
            let top: Vec<usize> = (0..options).filter(|i| totals[*i] == best).collect();
            t.winner = (best > 0 && top.len() == 1 && t.quorum_met).then(|| top[0]);
            t.option_totals = totals;
        }
        DecisionProcess::RankedChoice => {
            let mut continuing: Vec<bool> = vec![true; options];
            loop {
                let mut firsts = vec![0u32; options];
                for b in &ballots {
                    if let Some(first) = b.ranking.iter().find(|r| **r < options && continuing[**r]) {
                        firsts[*first] += 1;
                    }
                }
                let live: u32 = firsts.iter().sum();
                t.rounds.push(firsts.clone());
                let left: Vec<usize> = (0..options).filter(|i| continuing[*i]).collect();
                if let Some(w) = left.iter().copied().find(|i| 2 * firsts[*i] > live) {
                    t.winner = Some(w).filter(|_| t.quorum_met);
                    break;
                }
                if left.len() <= 1 || live == 0 {
                    break;
                }
                // Drop the option with the fewest first choices (of those tied, the one listed last).
                let fewest = left.iter().map(|i| firsts[*i]).min().unwrap_or(0);
                let out = *left.iter().rev().find(|i| firsts[**i] == fewest).expect("one is left");
                continuing[out] = false;
            }
            t.option_totals = t.rounds.last().cloned().unwrap_or_default();
        }
    }
    t
}

/// The rule and the count in one sentence, kept with the outcome.
pub fn rule(d: &Decision, t: &Tally, members: u32) -> String {
    let who = if d.one_vote_per_organization { " (one vote per organisation)" } else { "" };
    let part = match d.process {
        DecisionProcess::Recorded => return "Recorded after the meeting".into(),
        _ => format!("{} of {members} members took part{who}", t.counted),
    };
    let quorum = match d.quorum {
        Some(q) if t.quorum_met => format!(", quorum {q} met"),
        Some(q) => format!(", quorum {q} not met"),
        None => String::new(),
    };
    let count = |p: Position| t.positions.iter().find(|c| c.position == p).map(|c| c.count).unwrap_or(0);
    let option = |i: usize| d.options.get(i).cloned().unwrap_or_default();
    let result = match d.process {
        DecisionProcess::Recorded => unreachable!("returned above"),
        DecisionProcess::Advice => format!("Advice: {} gave advice", count(Position::Advice)),
        DecisionProcess::Consent => match count(Position::Object) {
            0 => "Consent: no objection".to_string(),
            n => format!("Consent: {n} objection{}", if n == 1 { "" } else { "s" }),
        },
        DecisionProcess::Consensus => match count(Position::Block) {
            0 => format!(
                "Consensus: no block ({} agree, {} stand aside or disagree)",
                count(Position::Agree),
                count(Position::Abstain) + count(Position::Disagree)
            ),
            n => format!("Consensus: blocked by {n}"),
        },
        DecisionProcess::Majority => match t.winner {
            Some(w) => format!("Majority vote: “{}” with {} of {} votes", option(w), t.option_totals[w], t.counted),
            None => "Majority vote: no option had more than half".to_string(),
        },
        DecisionProcess::RankedChoice => match t.winner {
            Some(w) => format!(
                "Ranked choice: “{}” after {} round{}",
                option(w),
                t.rounds.len(),
                if t.rounds.len() == 1 { "" } else { "s" }
            ),
            None => "Ranked choice: no option won a majority".to_string(),
        },
        DecisionProcess::Score => match t.winner {
            Some(w) => format!("Score: “{}” with {} points", option(w), t.option_totals[w]),
            None => "Score: no single highest option".to_string(),
        },
    };
    format!("{result}; {part}{quorum}")
}

#[cfg(test)]
mod tests {
    use super::super::tests::decision;
    use super::*;
    use chrono::{Duration, Utc};

    fn vote(org: Option<i64>, minutes_ago: i64, ballot: Ballot) -> Vote {
        Vote {
            person_id: Some(1),
            person_name: None,
            organization_id: org,
            ballot,
            at: Utc::now() - Duration::minutes(minutes_ago),
        }
    }
    fn position(p: Position) -> Ballot {
        Ballot { position: Some(p), comment: "because".into(), ..Default::default() }
    }
    fn choice(c: usize) -> Ballot {
        Ballot { choice: Some(c), ..Default::default() }
    }
    fn ranking(r: &[usize]) -> Ballot {
        Ballot { ranking: r.to_vec(), ..Default::default() }
    }

    #[test]
    fn consent_passes_unless_someone_objects() {
        let mut d = decision(DecisionProcess::Consent, &[]);
        d.quorum = Some(3);
        let votes = vec![vote(None, 1, position(Position::Consent)), vote(None, 2, position(Position::Abstain))];
        let t = tally(&d, &votes);
        assert_eq!((t.passes, t.quorum_met), (Some(false), false), "two of a quorum of three");
        let mut more = votes.clone();
        more.push(vote(None, 3, position(Position::Consent)));
        assert_eq!(tally(&d, &more).passes, Some(true));
        assert_eq!(rule(&d, &tally(&d, &more), 12), "Consent: no objection; 3 of 12 members took part, quorum 3 met");
        more.push(vote(None, 4, position(Position::Object)));
        let t = tally(&d, &more);
        assert_eq!(t.passes, Some(false));
        assert_eq!(rule(&d, &t, 12), "Consent: 1 objection; 4 of 12 members took part, quorum 3 met");
    }

    #[test]
    fn one_vote_per_organisation_counts_each_organisations_latest() {
        let mut d = decision(DecisionProcess::Majority, &["Tuesday evenings", "Saturday mornings"]);
        // A large provider's three staff vote Tuesday; two residents and a small group vote Saturday.
        let votes = vec![
            vote(Some(1), 30, choice(0)),
            vote(Some(1), 20, choice(0)),
            vote(Some(1), 10, choice(0)),
            vote(None, 5, choice(1)),
            vote(None, 4, choice(1)),
            vote(Some(2), 3, choice(1)),
        ];
        let t = tally(&d, &votes);
        assert_eq!((t.winner, t.option_totals.clone(), t.counted), (None, vec![3, 3], 6), "a tie: no majority");
        d.one_vote_per_organization = true;
        let t = tally(&d, &votes);
        assert_eq!((t.winner, t.option_totals.clone(), t.counted, t.voters), (Some(1), vec![1, 3], 4, 6));
        assert_eq!(
            rule(&d, &t, 14),
            "Majority vote: “Saturday mornings” with 3 of 4 votes; 4 of 14 members took part (one vote per organisation)"
        );
        // The organisation's most recent vote is the one that counts.
        let changed = vec![vote(Some(1), 30, choice(0)), vote(Some(1), 1, choice(1))];
        assert_eq!(tally(&d, &changed).option_totals, vec![0, 1]);
    }

    #[test]
    fn ranked_choice_drops_the_last_until_one_has_a_majority() {
        let d = decision(DecisionProcess::RankedChoice, &["Library", "School", "Church"]);
        let votes = vec![
            vote(None, 1, ranking(&[0, 2])),
            vote(None, 2, ranking(&[0, 1])),
            vote(None, 3, ranking(&[1, 2])),
            vote(None, 4, ranking(&[1, 2])),
            vote(None, 5, ranking(&[2, 1])),
        ];
        // Round 1: 2-2-1, Church drops; its voter's next choice is School: 2-3.
        let t = tally(&d, &votes);
        assert_eq!(t.rounds, vec![vec![2, 2, 1], vec![2, 3, 0]]);
        assert_eq!(t.winner, Some(1));
        assert_eq!(rule(&d, &t, 5), "Ranked choice: “School” after 2 rounds; 5 of 5 members took part");
    }

    #[test]
    fn consensus_stops_at_a_block_and_score_needs_a_single_best() {
        let d = decision(DecisionProcess::Consensus, &[]);
        let votes = vec![vote(None, 1, position(Position::Agree)), vote(None, 2, position(Position::Block))];
        assert_eq!(tally(&d, &votes).passes, Some(false));
        let s = decision(DecisionProcess::Score, &["A", "B"]);
        let scores = |a: u8, b: u8| Ballot { scores: vec![a, b], ..Default::default() };
        assert_eq!(tally(&s, &[vote(None, 1, scores(5, 3)), vote(None, 2, scores(3, 4))]).winner, Some(0));
        assert_eq!(tally(&s, &[vote(None, 1, scores(4, 4))]).winner, None, "a tie wins nothing");
        assert_eq!(tally(&s, &[]).winner, None);
    }
}
