use super::*;
use crate::decisions::{DecisionProcess, Outcome};
use crate::measure::analytics::{Direction, Unit};
use crate::measure::indicator::Level;
use crate::measure::period::PeriodKind;
use crate::partners::Sector;

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn at(s: &str) -> DateTime<Utc> {
    date(s).and_hms_opt(12, 0, 0).unwrap().and_utc()
}

fn organization(id: Id, name: &str, band: BudgetBand) -> Organization {
    Organization {
        id,
        initiative_id: 1,
        name: name.into(),
        sector: Sector::ALL[0],
        budget_band: band,
        resident_led: band == BudgetBand::Under100k,
        service_area: vec![],
        website: String::new(),
        leadership: None,
        created_at: at("2020-01-01"),
        updated_at: at("2020-01-01"),
    }
}

fn indicator(id: Id, key: &str, kind: PeriodKind, due_days: Option<u32>, owner: Option<Id>) -> Indicator {
    Indicator {
        id,
        initiative_id: 1,
        key: key.into(),
        name: key.replace('-', " "),
        description: String::new(),
        numerator_definition: String::new(),
        denominator_definition: String::new(),
        unit: Unit::Percent,
        direction: Direction::Up,
        period_kind: kind,
        source: String::new(),
        level: Level::HowWell,
        result_key: None,
        owner_organization_id: owner,
        baseline_period: None,
        targets: vec![],
        suppression_threshold: 10,
        disclosure_rule: Default::default(),
        min_gap_change: None,
        report_due_days: due_days,
        submitters: vec![],
        published: false,
        created_at: at("2020-01-01"),
        updated_at: at("2020-01-01"),
    }
}

fn submission(indicator_id: Id, organization_id: Id, period: &str, on: &str) -> Submission {
    Submission { indicator_id, organization_id, period: period.into(), first_submitted_at: at(on) }
}

fn commitment(id: Id, org: Id, due: &str, status: CommitmentStatus, done: Option<&str>) -> Commitment {
    Commitment {
        id,
        initiative_id: 1,
        organization_id: Some(org),
        person_id: None,
        title: format!("Commitment {id}"),
        details: String::new(),
        due_on: date(due),
        status,
        reason: String::new(),
        done_on: done.map(date),
        strategy_key: None,
        indicator_key: None,
        activity_id: None,
        table_id: None,
        meeting_id: None,
        decision_id: None,
        created_at: at("2026-01-01"),
        updated_at: at("2026-01-01"),
    }
}

fn meeting(id: Id, on: &str) -> Meeting {
    Meeting {
        id,
        initiative_id: 1,
        table_id: 1,
        title: "Steering committee".into(),
        starts_at: at(on),
        minutes: 90,
        place: String::new(),
        agenda: vec![],
        notes: String::new(),
        cancelled: false,
        created_at: at("2026-01-01"),
        updated_at: at("2026-01-01"),
    }
}

fn attended(person_id: Id, org: Option<Id>, status: AttendanceStatus) -> Attendance {
    Attendance { person_id, person_name: format!("Person {person_id}"), organization_id: org, status }
}

#[test]
fn quarterly_numbers_are_on_time_late_or_missing_against_their_due_date() {
    let orgs = [organization(7, "Bright Start", BudgetBand::From5mTo20m)];
    // Due 45 days after each quarter: 2026-Q1 on 15 May, Q2 on 14 August, Q3 on 14 November.
    let inds = [indicator(1, "visits-completed", PeriodKind::Quarter, Some(45), Some(7))];
    let subs = [
        submission(1, 7, "2026-Q1", "2026-05-15"),
        submission(1, 7, "2026-Q2", "2026-08-20"),
        // An earlier place's row of the same period counts as its first submission.
        submission(1, 7, "2026-Q2", "2026-09-01"),
    ];
    let periods = reporting_periods(&inds, &orgs, &subs, date("2026-01-01"), date("2026-12-01"));
    let shown: Vec<(&str, Timeliness, Option<NaiveDate>)> =
        periods.iter().map(|p| (p.period.as_str(), p.timeliness, p.submitted_on)).collect();
    assert_eq!(
        shown,
        [
            ("2026-Q3", Timeliness::Missing, None),
            ("2026-Q2", Timeliness::Late, Some(date("2026-08-20"))),
            ("2026-Q1", Timeliness::OnTime, Some(date("2026-05-15"))),
            // 2025-Q4 fell due on 14 February 2026, inside the window, and nothing came.
            ("2025-Q4", Timeliness::Missing, None),
        ]
    );
    assert_eq!(periods[1].due_on, date("2026-08-14"));
    // The current quarter is not due yet and is not held against anyone.
    assert!(!periods.iter().any(|p| p.period == "2026-Q4"));
}

#[test]
fn nobody_is_held_to_numbers_without_a_schedule_an_owner_or_before_they_joined() {
    let mut late_joiner = organization(8, "Riverbend Reads", BudgetBand::Under100k);
    late_joiner.created_at = at("2026-06-01");
    let orgs = [organization(7, "District", BudgetBand::Over20m), late_joiner];
    let mut listed = indicator(3, "reading-minutes", PeriodKind::Quarter, Some(30), None);
    listed.submitters = vec![8];
    let mut new_indicator = indicator(4, "new-measure", PeriodKind::Quarter, Some(30), Some(7));
    new_indicator.created_at = at("2026-09-01");
    let inds = [
        indicator(1, "no-schedule", PeriodKind::Quarter, None, Some(7)),
        indicator(2, "anyone-may-submit", PeriodKind::Quarter, Some(30), None),
        listed,
        new_indicator,
    ];
    let periods = reporting_periods(&inds, &orgs, &[], date("2026-01-01"), date("2026-12-01"));
    let due: Vec<(&str, &str)> = periods.iter().map(|p| (p.indicator_key.as_str(), p.period.as_str())).collect();
    // Riverbend Reads joined on 1 June: Q2 (due 30 July) and Q3 (due 30 October) only; the new
    // measure was added on 1 September: Q3 only.
    assert_eq!(due, [("new-measure", "2026-Q3"), ("reading-minutes", "2026-Q3"), ("reading-minutes", "2026-Q2")]);
}

#[test]
fn every_organisation_is_held_to_the_same_yardstick_grouped_by_budget_band() {
    let orgs = [
        organization(1, "Mothers of Eastside", BudgetBand::Under100k),
        organization(2, "Riverbend Health", BudgetBand::Over20m),
        organization(3, "Abundant Life Church", BudgetBand::Under100k),
    ];
    let commitments = [
        commitment(1, 1, "2026-03-01", CommitmentStatus::Done, Some("2026-02-20")),
        commitment(2, 1, "2026-04-01", CommitmentStatus::Done, Some("2026-04-10")),
        commitment(3, 2, "2026-05-01", CommitmentStatus::OnTrack, None),
        commitment(4, 2, "2026-06-01", CommitmentStatus::Dropped, None),
        commitment(5, 2, "2027-02-01", CommitmentStatus::NotStarted, None),
        // Settled before the window: not held against it.
        commitment(6, 2, "2025-01-01", CommitmentStatus::Dropped, None),
    ];
    let meetings = [meeting(10, "2026-02-10"), meeting(11, "2026-03-10"), meeting(12, "2025-01-10")];
    let attendance = [
        (10, attended(100, Some(1), AttendanceStatus::Present)),
        (11, attended(100, Some(1), AttendanceStatus::Excused)),
        (10, attended(200, Some(2), AttendanceStatus::Absent)),
        (10, attended(201, Some(2), AttendanceStatus::Present)),
        (11, attended(200, Some(2), AttendanceStatus::Absent)),
        (12, attended(200, Some(2), AttendanceStatus::Present)),
        (10, attended(300, None, AttendanceStatus::Present)),
    ];
    let inds = [indicator(1, "screenings", PeriodKind::Quarter, Some(45), Some(2))];
    let subs = [submission(1, 2, "2026-Q1", "2026-05-30")];
    let (since, today) = (date("2026-01-01"), date("2026-07-01"));
    let view = accountability(&Inputs {
        organizations: &orgs,
        commitments: &tally_commitments(&commitments, since, today),
        attendance: &tally_attendance(&meetings, &attendance, since, today),
        indicators: &inds,
        submissions: &subs,
        since,
        today,
    });
    assert_eq!(
        view.bands.iter().map(|b| b.budget_band).collect::<Vec<_>>(),
        [BudgetBand::Under100k, BudgetBand::Over20m]
    );
    let small = &view.bands[0];
    assert_eq!(
        small.organizations.iter().map(|o| o.name.as_str()).collect::<Vec<_>>(),
        ["Abundant Life Church", "Mothers of Eastside"]
    );
    let mothers = &small.organizations[1];
    assert_eq!((mothers.commitments.kept, mothers.commitments.done_late), (1, 1));
    assert_eq!(mothers.kept_percent, Some(50.0));
    assert_eq!(mothers.attendance, AttendanceRecord { expected: 2, attended: 1 });
    assert_eq!(mothers.data.due(), 0, "nothing was asked of it");
    assert_eq!(small.organizations[0].attendance, AttendanceRecord::default());

    let health = &view.bands[1].organizations[0];
    assert_eq!((health.commitments.overdue, health.commitments.dropped, health.commitments.open), (1, 1, 1));
    assert_eq!(health.kept_percent, Some(0.0));
    // Two of its people at meeting 10, one came: it was there. Meeting 12 is before the window.
    assert_eq!(health.attendance, AttendanceRecord { expected: 2, attended: 1 });
    assert_eq!(health.attendance_percent, Some(50.0));
    // 2025-Q4 (due 14 Feb) missing, 2026-Q1 (due 15 May) late.
    assert_eq!(health.data, DataRecord { on_time: 0, late: 1, missing: 1 });
    assert_eq!(health.data_late_or_missing.len(), 2);
    assert_eq!(view.bands[1].data, health.data);
    assert_eq!(small.attendance, AttendanceRecord { expected: 2, attended: 1 });
}

#[test]
fn the_director_sees_what_is_stalled_first() {
    let commitments = [
        commitment(1, 1, "2026-12-20", CommitmentStatus::AtRisk, None),
        commitment(2, 1, "2026-11-01", CommitmentStatus::AtRisk, None),
        commitment(3, 2, "2026-10-01", CommitmentStatus::OnTrack, None),
        commitment(4, 2, "2026-10-01", CommitmentStatus::Done, Some("2026-10-15")),
    ];
    let base = Decision {
        id: 1,
        initiative_id: 1,
        table_id: 1,
        meeting_id: None,
        title: "Adopt the attendance campaign".into(),
        proposal: String::new(),
        process: DecisionProcess::Consent,
        options: vec![],
        closes_at: None,
        quorum: None,
        anonymous: false,
        one_vote_per_organization: false,
        outcome: None,
        created_at: at("2026-01-01"),
        updated_at: at("2026-01-01"),
    };
    let outcome = |review: &str| Outcome {
        statement: "Adopted".into(),
        rule: String::new(),
        took_part: 9,
        review_on: Some(date(review)),
        decided_by: "Staff".into(),
        decided_at: at("2026-02-01"),
    };
    let reviewed = Decision { id: 2, outcome: Some(outcome("2026-11-15")), ..base.clone() };
    let later = Decision { id: 3, outcome: Some(outcome("2027-03-01")), ..base.clone() };
    let closed_unstated = Decision { id: 4, closes_at: Some(at("2026-11-20")), ..base.clone() };
    let open = Decision { id: 5, closes_at: Some(at("2026-12-10")), ..base.clone() };
    let periods = [ReportingPeriod {
        organization_id: 2,
        indicator_key: "screenings".into(),
        indicator_name: "Screenings".into(),
        period: "2026-Q3".into(),
        due_on: date("2026-11-14"),
        submitted_on: None,
        timeliness: Timeliness::Missing,
    }];
    let idle = vec![IdleStrategy { key: "mentoring".into(), title: "Mentoring".into(), result_title: "R".into() }];
    let n = needs_attention(&commitments, &periods, idle, &[reviewed, later, closed_unstated, open], at("2026-12-01"));
    // At risk and already overdue is listed once, as overdue.
    assert_eq!(n.commitments_at_risk.iter().map(|c| c.id).collect::<Vec<_>>(), [1]);
    assert_eq!(n.commitments_overdue.iter().map(|c| c.id).collect::<Vec<_>>(), [3, 2]);
    assert_eq!(n.data_missing.len(), 1);
    assert_eq!(n.decisions_to_review.iter().map(|d| d.id).collect::<Vec<_>>(), [2]);
    assert_eq!(n.decisions_awaiting_outcome.iter().map(|d| d.id).collect::<Vec<_>>(), [4]);
    assert!(!n.is_empty());
}
