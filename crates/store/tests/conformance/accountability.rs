//! Accountability: when each organisation first submitted each period's numbers, kept through
//! review and correction; drafts are not submissions.

use super::*;
use backbone_core::measure::observation::InMemory;

async fn the_first_submission_is_remembered_through_review_and_correction(ts: TestStore) {
    let (i, o) = measurement_setup(&ts).await;
    // Numbers without a reporting schedule hold nobody to anything.
    ts.store
        .submit_observations(&staff(), i.id, o.id, vec![vec![obs("2022-23", "northside", "", 400.0, 1000.0)]])
        .await
        .unwrap();
    assert!(ts.store.first_submissions(i.id).await.unwrap().is_empty());
    let input = IndicatorInput { report_due_days: Some(60), ..reading_indicator() };
    let ind = ts.store.update_indicator(&staff(), i.id, "third-grade-reading", &input).await.unwrap();
    assert_eq!(ind.report_due_days, Some(60));
    let first = ts.store.first_submissions(i.id).await.unwrap();
    assert_eq!(first.len(), 1);
    assert_eq!((first[0].organization_id, first[0].period.as_str()), (o.id, "2022-23"));
    let when = first[0].first_submitted_at;

    // Approved, then corrected and approved again: still first submitted then.
    ts.store.approve_all_submitted(&staff(), i.id, o.id, &Silent).await.unwrap();
    ts.store
        .submit_observations(&staff(), i.id, o.id, vec![vec![obs("2022-23", "northside", "", 410.0, 1000.0)]])
        .await
        .unwrap();
    ts.store.approve_all_submitted(&staff(), i.id, o.id, &Silent).await.unwrap();
    let again = ts.store.first_submissions(i.id).await.unwrap();
    assert_eq!(again.len(), 1);
    assert_eq!(again[0].first_submitted_at, when);

    // A draft is not a submission until it is sent.
    ts.store
        .submit_batches(
            &staff(),
            i.id,
            o.id,
            true,
            &mut InMemory::new(vec![vec![obs("2023-24", "northside", "", 1.0, 2.0)]]),
        )
        .await
        .unwrap();
    assert_eq!(ts.store.first_submissions(i.id).await.unwrap().len(), 1);
    ts.store.send_drafts(&staff(), i.id, o.id).await.unwrap();
    let sent = ts.store.first_submissions(i.id).await.unwrap();
    assert_eq!(sent.iter().filter(|s| s.period == "2023-24").count(), 1);
    assert!(sent.iter().all(|s| s.first_submitted_at >= when));
}

both_backends!(the_first_submission_is_remembered_through_review_and_correction);

/// The database counts commitments and attendance for the view exactly as the domain counts
/// the records: over the demo's year (large and small partners, kept and broken commitments,
/// meetings attended and missed), plus meetings on the window's edges and a cancelled one.
async fn the_database_counts_commitments_and_attendance_as_the_records_do(ts: TestStore) {
    use backbone_core::accountability::{tally_attendance, tally_commitments};
    use backbone_core::commitments::CommitmentQuery;
    use backbone_core::meetings::*;
    let today = Utc::now().date_naive();
    let doc = backbone_demo::demo_initiative(today);
    let i = ts.store.import_initiative(&staff(), &doc, None).await.unwrap();
    let since = today - Duration::days(180);
    let table = ts.store.tables(i.id).await.unwrap()[0].id;
    let person = ts.store.people(i.id).await.unwrap().into_iter().find(|p| p.organization_id.is_some()).unwrap();
    let day_start = |d: NaiveDate| d.and_hms_opt(0, 0, 0).unwrap().and_utc();
    let edges = [
        (day_start(since), false),                             // the window's first moment
        (day_start(since) - Duration::seconds(1), false),      // just before it
        (day_start(today) + Duration::seconds(86_399), false), // today's last second
        (day_start(today + Duration::days(1)), false),         // tomorrow
        (day_start(today) - Duration::days(3), true),          // cancelled
    ];
    for (starts_at, cancelled) in edges {
        let m = ts
            .store
            .create_meeting(
                &staff(),
                i.id,
                &MeetingInput {
                    table_id: table,
                    title: "On the edge".into(),
                    starts_at,
                    minutes: 60,
                    place: String::new(),
                    agenda: vec![],
                    notes: String::new(),
                    cancelled,
                },
            )
            .await
            .unwrap();
        let came = [AttendanceInput { person_id: person.id, status: AttendanceStatus::Present }];
        ts.store.set_attendance(&staff(), i.id, m.id, &came).await.unwrap();
    }
    // Later changes the counts must follow: a meeting moved into the window, another cancelled,
    // a person who moved to another organisation.
    let all = ts.store.meetings(i.id, &MeetingQuery::default()).await.unwrap();
    let edit = |m: &Meeting| MeetingInput {
        table_id: m.table_id,
        title: m.title.clone(),
        starts_at: m.starts_at,
        minutes: m.minutes,
        place: m.place.clone(),
        agenda: m.agenda.clone(),
        notes: m.notes.clone(),
        cancelled: m.cancelled,
    };
    let before = all.iter().find(|m| m.starts_at == day_start(since) - Duration::seconds(1)).unwrap();
    let moved = MeetingInput { starts_at: day_start(since) + Duration::hours(10), ..edit(before) };
    ts.store.update_meeting(&staff(), i.id, before.id, &moved).await.unwrap();
    let held = all
        .iter()
        .filter(|m| !m.cancelled && m.starts_at < day_start(today) && m.starts_at > day_start(since))
        .nth(3)
        .unwrap();
    ts.store.update_meeting(&staff(), i.id, held.id, &MeetingInput { cancelled: true, ..edit(held) }).await.unwrap();
    let attendance = ts.store.all_attendance(i.id).await.unwrap();
    let (_, someone) =
        attendance.iter().find(|(_, a)| a.organization_id.is_some() && a.person_id != person.id).unwrap();
    let p = ts.store.person(i.id, someone.person_id).await.unwrap();
    let elsewhere =
        ts.store.organizations(i.id).await.unwrap().into_iter().find(|o| Some(o.id) != p.organization_id).unwrap();
    let input = PersonInput {
        name: p.name.clone(),
        email: p.email.clone(),
        phone: p.phone.clone(),
        organization_id: Some(elsewhere.id),
        title: p.title.clone(),
        demographics: p.demographics.clone(),
    };
    ts.store.update_person(&staff(), i.id, p.id, &input).await.unwrap();

    let commitments = ts.store.commitments(i.id, &CommitmentQuery::default()).await.unwrap();
    let meetings = ts.store.meetings(i.id, &MeetingQuery::default()).await.unwrap();
    let attendance = ts.store.all_attendance(i.id).await.unwrap();
    assert!(commitments.len() > 20 && meetings.len() > 10 && attendance.len() > 50, "the demo has a year of work");
    for since in [since, today - Duration::days(365), today] {
        let tallies = ts.store.commitment_tallies(i.id, since, today).await.unwrap();
        assert_eq!(tallies, tally_commitments(&commitments, since, today), "commitments since {since}");
        let counted = ts.store.attendance_tallies(i.id, since, today).await.unwrap();
        assert_eq!(counted, tally_attendance(&meetings, &attendance, since, today), "attendance since {since}");
    }
    let counted = ts.store.attendance_tallies(i.id, since, today).await.unwrap();
    assert!(counted.iter().any(|t| t.attended > 0 && t.attended < t.expected), "some came, some did not");
}

both_backends!(the_database_counts_commitments_and_attendance_as_the_records_do);
