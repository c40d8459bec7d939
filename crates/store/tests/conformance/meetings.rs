//! Meetings: agendas with their leads, who came, and the commitments made there.

use super::*;
use backbone_core::meetings::*;

async fn a_table_meets_and_records_who_came(ts: TestStore) {
    let i = initiative(&ts).await;
    let t = ts
        .store
        .create_table(
            &staff(),
            i.id,
            &TableInput {
                name: "Early Grade Reading".into(),
                kind: TableKind::WorkingGroup,
                purpose: String::new(),
                result_key: None,
                joining: Default::default(),
            },
        )
        .await
        .unwrap();
    let person = |name: &str| PersonInput {
        name: name.into(),
        email: String::new(),
        phone: String::new(),
        organization_id: None,
        title: String::new(),
        demographics: None,
    };
    let ana = ts.store.create_person(&staff(), i.id, &person("Ana Ruiz")).await.unwrap();
    let ben = ts.store.create_person(&staff(), i.id, &person("Ben Cho")).await.unwrap();
    let input = MeetingInput {
        table_id: t.id,
        title: "March meeting".into(),
        starts_at: "2026-03-18T17:30:00Z".parse().unwrap(),
        minutes: 90,
        place: "Library, Room B".into(),
        agenda: vec![AgendaItem {
            title: "Winter results".into(),
            lead_person_id: Some(ana.id),
            minutes: Some(30),
            notes: String::new(),
        }],
        notes: String::new(),
        cancelled: false,
    };
    let m = ts.store.create_meeting(&staff(), i.id, &input).await.unwrap();
    assert_eq!(m.agenda[0].lead_person_id, Some(ana.id));
    // Leads and the table must be the initiative's.
    let mut bad = input.clone();
    bad.agenda[0].lead_person_id = Some(999_999);
    let Err(StoreError::Invalid(inv)) = ts.store.create_meeting(&staff(), i.id, &bad).await else { panic!() };
    assert!(inv.reason_for("agenda[0].lead_person_id").is_some());
    let moved = MeetingInput { table_id: 999_999, ..input.clone() };
    assert!(matches!(ts.store.update_meeting(&staff(), i.id, m.id, &moved).await, Err(StoreError::Invalid(_))));
    // Who came, replaced whole, each person once.
    let list = [
        AttendanceInput { person_id: ana.id, status: AttendanceStatus::Present },
        AttendanceInput { person_id: ben.id, status: AttendanceStatus::Excused },
    ];
    let came = ts.store.set_attendance(&staff(), i.id, m.id, &list).await.unwrap();
    assert_eq!(
        came.iter().map(|a| (a.person_name.as_str(), a.status)).collect::<Vec<_>>(),
        [("Ana Ruiz", AttendanceStatus::Present), ("Ben Cho", AttendanceStatus::Excused)]
    );
    let twice = [list[0].clone(), list[0].clone()];
    assert!(matches!(ts.store.set_attendance(&staff(), i.id, m.id, &twice).await, Err(StoreError::Invalid(_))));
    ts.store.set_attendance(&staff(), i.id, m.id, &list[..1]).await.unwrap();
    assert_eq!(ts.store.attendance(i.id, m.id).await.unwrap().len(), 1);
    assert_eq!(ts.store.all_attendance(i.id).await.unwrap().len(), 1);
    // Notes after the meeting; a commitment made there points back to it.
    let held = MeetingInput { notes: "Tutors: 12 new.".into(), ..input.clone() };
    assert_eq!(ts.store.update_meeting(&staff(), i.id, m.id, &held).await.unwrap().notes, "Tutors: 12 new.");
    let promise = backbone_core::commitments::CommitmentInput {
        organization_id: None,
        person_id: Some(ana.id),
        title: "Bring two parents next time".into(),
        details: String::new(),
        due_on: date("2026-04-15"),
        strategy_key: None,
        indicator_key: None,
        activity_id: None,
        table_id: Some(t.id),
        meeting_id: Some(m.id),
        decision_id: None,
    };
    let c = ts.store.create_commitment(&staff(), i.id, &promise).await.unwrap();
    assert_eq!(c.meeting_id, Some(m.id));
    let other = ts
        .store
        .create_table(
            &staff(),
            i.id,
            &TableInput {
                name: "Steering".into(),
                kind: TableKind::SteeringCommittee,
                purpose: String::new(),
                result_key: None,
                joining: Default::default(),
            },
        )
        .await
        .unwrap();
    let elsewhere = backbone_core::commitments::CommitmentInput { table_id: Some(other.id), ..promise };
    let e = ts.store.create_commitment(&staff(), i.id, &elsewhere).await;
    assert!(
        matches!(&e, Err(StoreError::Invalid(inv)) if inv.reason_for("meeting_id") == Some("is a meeting of another table")),
        "{e:?}"
    );
    let q = MeetingQuery { table_id: Some(t.id), ..Default::default() };
    assert_eq!(ts.store.meetings(i.id, &q).await.unwrap().len(), 1);
    assert!(ts
        .store
        .meetings(i.id, &MeetingQuery { table_id: Some(other.id), ..Default::default() })
        .await
        .unwrap()
        .is_empty());
    // By when it starts, and by when it was planned or starts (the feed's question): the meeting
    // starts on 18 March 2026 and was planned now.
    let at = |s: &str| s.parse::<chrono::DateTime<Utc>>().unwrap();
    let count = |q: MeetingQuery| {
        let store = ts.store.clone();
        async move { store.meetings(i.id, &q).await.unwrap().len() }
    };
    assert_eq!(count(MeetingQuery { from: Some(at("2026-03-18T17:30:00Z")), ..Default::default() }).await, 1);
    assert_eq!(count(MeetingQuery { from: Some(at("2026-03-18T17:30:01Z")), ..Default::default() }).await, 0);
    assert_eq!(count(MeetingQuery { until: Some(at("2026-03-18T17:30:00Z")), ..Default::default() }).await, 0);
    assert_eq!(count(MeetingQuery { until: Some(at("2026-03-18T17:30:01Z")), ..Default::default() }).await, 1);
    let window = |a: &str, b: &str| MeetingQuery { planned_or_starting: Some((at(a), at(b))), ..Default::default() };
    assert_eq!(count(window("2026-03-01T00:00:00Z", "2026-03-18T17:30:00Z")).await, 1, "starts in it");
    assert_eq!(count(window("2026-03-19T00:00:00Z", "2026-03-20T00:00:00Z")).await, 0, "neither");
    let now = Utc::now();
    assert_eq!(
        count(MeetingQuery {
            planned_or_starting: Some((now - Duration::hours(1), now + Duration::hours(1))),
            ..Default::default()
        })
        .await,
        1,
        "planned in it"
    );
}

both_backends!(a_table_meets_and_records_who_came);
