use super::*;
use crate::commitments::CommitmentStatus;
use crate::decisions::{DecisionProcess, Outcome};

fn at(s: &str) -> DateTime<Utc> {
    format!("{s}T12:00:00Z").parse().unwrap()
}

fn step(id: Id, step_id: Id, first: bool, status: CommitmentStatus, reason: &str, on: &str) -> CommitmentStep {
    CommitmentStep {
        commitment_id: id,
        title: format!("Commitment {id}"),
        organization_id: Some(7),
        person_id: if id == 2 { Some(40) } else { None },
        table_id: Some(3),
        indicator_key: None,
        first,
        step_id,
        event: CommitmentEvent {
            status,
            reason: reason.into(),
            due_on: "2026-12-15".parse().unwrap(),
            actor_name: "Maria Lopez".into(),
            at: at(on),
        },
    }
}

fn decision(id: Id, table_id: Id, process: DecisionProcess, opened: &str, decided: Option<&str>) -> Decision {
    Decision {
        id,
        initiative_id: 1,
        table_id,
        meeting_id: None,
        title: format!("Decision {id}"),
        proposal: String::new(),
        process,
        options: vec![],
        closes_at: None,
        quorum: None,
        anonymous: true,
        one_vote_per_organization: false,
        outcome: decided.map(|d| Outcome {
            statement: "Adopted.".into(),
            rule: "Consent: no objection".into(),
            took_part: 8,
            review_on: None,
            decided_by: "Dana Whitfield".into(),
            decided_at: at(d),
        }),
        created_at: at(opened),
        updated_at: at(opened),
    }
}

#[test]
fn what_happened_is_told_newest_first_with_stable_ids() {
    let steps = [
        step(1, 10, true, CommitmentStatus::NotStarted, "", "2026-11-01"),
        step(1, 11, false, CommitmentStatus::AtRisk, "The printer closed", "2026-11-20"),
        step(2, 12, true, CommitmentStatus::NotStarted, "", "2026-06-01"),
    ];
    let decisions = [
        decision(5, 3, DecisionProcess::Consent, "2026-11-10", Some("2026-11-18")),
        // Recorded after the fact: only its outcome is news.
        decision(6, 4, DecisionProcess::Recorded, "2026-11-12", Some("2026-11-12")),
    ];
    let approvals = [Approval {
        indicator_key: "kindergarten-ready".into(),
        indicator_name: "Ready for kindergarten".into(),
        period: "2026-27".into(),
        organization_id: 9,
        at: at("2026-11-25"),
    }];
    let src = Sources { steps: &steps, decisions: &decisions, approvals: &approvals, ..Default::default() };
    let all = events(&src, at("2026-09-01"), at("2026-12-01"));
    let told: Vec<(&str, EventKind)> = all.iter().map(|e| (e.id.as_str(), e.kind)).collect();
    assert_eq!(
        told,
        [
            ("numbers-kindergarten-ready-2026-27-9", EventKind::NumbersApproved),
            ("commitment-1-11", EventKind::CommitmentChanged),
            ("decision-5-made", EventKind::DecisionMade),
            ("decision-6-made", EventKind::DecisionMade),
            ("decision-5-opened", EventKind::DecisionOpened),
            ("commitment-1-10", EventKind::CommitmentMade),
        ],
        "before the window is left out, and nothing of the votes"
    );
    assert_eq!(all[1].detail, "at risk: The printer closed (due 2026-12-15)");
    assert_eq!(all[1].path, "/commitments/1");
    assert_eq!(all, events(&src, at("2026-09-01"), at("2026-12-01")), "the same reading twice");
}

#[test]
fn each_audience_sees_its_part() {
    let steps = [
        step(1, 10, true, CommitmentStatus::NotStarted, "", "2026-11-01"),
        step(2, 12, true, CommitmentStatus::NotStarted, "", "2026-11-02"),
    ];
    let decisions = [decision(5, 4, DecisionProcess::Consent, "2026-11-10", None)];
    let approvals = [Approval {
        indicator_key: "chronic-absence".into(),
        indicator_name: "Chronic absence".into(),
        period: "2025-26".into(),
        organization_id: 7,
        at: at("2026-11-25"),
    }];
    let src = Sources { steps: &steps, decisions: &decisions, approvals: &approvals, ..Default::default() };
    let all = events(&src, at("2026-09-01"), at("2026-12-01"));
    let ids = |scope: FeedScope| select(all.clone(), &scope).into_iter().map(|e| e.id).collect::<Vec<_>>();
    assert_eq!(ids(FeedScope::Initiative).len(), 4);
    assert_eq!(ids(FeedScope::Table(4)), ["decision-5-opened"]);
    let resident = Audience { person_id: Some(40), ..Default::default() };
    assert_eq!(ids(FeedScope::Me(resident)), ["commitment-2-12"], "their own commitment only");
    let follower = Audience { indicators: vec!["chronic-absence".into()], tables: vec![4], ..Default::default() };
    assert_eq!(ids(FeedScope::Me(follower)), ["numbers-chronic-absence-2025-26-7", "decision-5-opened"]);
    let steward = Audience { organizations: vec![7], ..Default::default() };
    assert_eq!(ids(FeedScope::Me(steward)), ["commitment-2-12", "commitment-1-10"]);
}
