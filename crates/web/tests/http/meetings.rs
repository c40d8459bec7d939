//! Meetings over HTTP: who plans them, the agenda's leads, who came, and the local clock.

use super::*;

async fn a_chair_plans_her_tables_meeting_and_records_who_came(ts: TestStore) {
    let app = TestApp::new(ts).await;
    let base = format!("/api/v1/initiatives/{SLUG}/meetings");
    let tables = app.store.tables(app.initiative.id).await.unwrap();
    let id_of = |name: &str| tables.iter().find(|t| t.name == name).unwrap().id;
    let (residents, steering, reading) =
        (id_of("Resident Table"), id_of("Steering Committee"), id_of("Early Grade Reading Working Group"));
    let resident = app.token("resident").await; // Hodan Warsame chairs the Resident Table
    let member = app.token("member").await; // Aaliyah Brooks is a member of the reading group
    let hodan =
        app.store.people(app.initiative.id).await.unwrap().into_iter().find(|p| p.name == "Hodan Warsame").unwrap();
    let meeting = |table: Id| {
        json!({"table_id": table, "title": "June listening session", "starts_at": "2026-06-25T23:00:00Z", "minutes": 90,
        "place": "Iglesia Nueva Esperanza", "agenda": [{"title": "What we heard", "lead_person_id": hodan.id, "minutes": 40}]})
    };
    assert_eq!(app.api("GET", &base, None, None).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        app.api("GET", &format!("{base}?table_id={residents}"), Some(&member), None).await.status,
        StatusCode::OK
    );
    assert_eq!(
        app.api("POST", &base, Some(&member), Some(meeting(reading))).await.status,
        StatusCode::FORBIDDEN,
        "a member does not run the table"
    );
    assert_eq!(
        app.api("POST", &base, Some(&resident), Some(meeting(steering))).await.status,
        StatusCode::FORBIDDEN,
        "nor another table"
    );
    let r = app.api("POST", &base, Some(&resident), Some(meeting(residents))).await;
    assert_eq!(r.status, StatusCode::CREATED, "the chair plans her table's meeting: {}", r.body);
    let id = r.json()["id"].as_i64().unwrap();
    // Bad input names its fields.
    let mut bad = meeting(residents);
    bad["agenda"][0]["lead_person_id"] = json!(999_999);
    bad["minutes"] = json!(0);
    let r = app.api("POST", &base, Some(&resident), Some(bad)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json()["errors"][0]["field"], "minutes", "{}", r.body);
    // Who came, through the API and the page.
    let r = app
        .api(
            "PUT",
            &format!("{base}/{id}/attendance"),
            Some(&resident),
            Some(json!([{"person_id": hodan.id, "status": "present"}])),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()[0]["person_name"], "Hodan Warsame");
    assert_eq!(
        app.api("PUT", &format!("{base}/{id}/attendance"), Some(&member), Some(json!([]))).await.status,
        StatusCode::FORBIDDEN
    );
    let mut b = Browser::new();
    b.sign_in(&app.app, "resident").await;
    let page_path = format!("/i/{SLUG}/meetings/{id}");
    let page = b.get(&app.app, &page_path).await;
    assert!(page.body.contains("What we heard") && page.body.contains("led by Hodan Warsame"), "{}", page.body);
    assert!(page.body.contains("Thursday 25 June 2026, 23:00"), "shown in the server's clock (UTC in tests)");
    let someone = app
        .store
        .memberships(app.initiative.id, Some(residents), None)
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.person_id != hodan.id && m.end_date.is_none())
        .unwrap();
    let field = format!("att_{}", someone.person_id);
    let r = b
        .submit(
            &app.app,
            &page_path,
            &format!("{page_path}/attendance"),
            &[(field.as_str(), "excused"), (format!("att_{}", hodan.id).as_str(), "present")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let came = app.store.attendance(app.initiative.id, id).await.unwrap();
    assert_eq!(came.len(), 2);
    // A commitment made here points back to the meeting and shows on its page.
    let promise = json!({"person_id": hodan.id, "title": "Ask the library for Somali story times", "due_on": "2026-07-31",
        "table_id": residents, "meeting_id": id});
    let staff = app.token("director").await;
    let r = app.api("POST", &format!("/api/v1/initiatives/{SLUG}/commitments"), Some(&staff), Some(promise)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert!(b.get(&app.app, &page_path).await.body.contains("Ask the library for Somali story times"));
}

/// Pages read and write meeting times in the community's clock.
async fn meeting_times_are_local(ts: TestStore) {
    let store = ts.store.clone();
    let app = TestApp::new(ts).await;
    let config = WebConfig {
        time_zone: backbone_web::http::time::LocalTime::named("America/Indiana/Indianapolis").unwrap(),
        ..Default::default()
    };
    let local = router(AppState::new(store, config));
    let mut b = Browser::new();
    b.sign_in(&local, "director").await;
    let steering = app
        .store
        .tables(app.initiative.id)
        .await
        .unwrap()
        .into_iter()
        .find(|t| t.name == "Steering Committee")
        .unwrap();
    let new = format!("/i/{SLUG}/meetings/new?table={}", steering.id);
    let steering_id = steering.id.to_string();
    let r = b
        .submit(
            &local,
            &new,
            &format!("/i/{SLUG}/meetings/new"),
            &[
                ("table_id", steering_id.as_str()),
                ("title", "Special session"),
                ("date", "2026-07-09"),
                ("time", "12:30"),
                ("minutes", "60"),
                ("item_title", "Summer results"),
                ("item_lead", ""),
                ("item_minutes", "30"),
                ("item_notes", ""),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let m = app
        .store
        .meetings(app.initiative.id, &Default::default())
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.title == "Special session")
        .unwrap();
    assert_eq!(m.starts_at.to_rfc3339(), "2026-07-09T16:30:00+00:00", "12:30 in Indianapolis is 16:30 UTC in July");
    assert!(b.get(&local, r.location()).await.body.contains("Thursday 9 July 2026, 12:30"));
    let r = b
        .submit(
            &local,
            &new,
            &format!("/i/{SLUG}/meetings/new"),
            &[
                ("table_id", steering_id.as_str()),
                ("title", "X"),
                ("date", "2026-07-09"),
                ("time", "noon"),
                ("minutes", "60"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Write the time like 18:30."));
}

both_backends!(a_chair_plans_her_tables_meeting_and_records_who_came, meeting_times_are_local);

async fn the_packet_gathers_what_the_steering_committee_should_look_at(ts: TestStore) {
    let app = TestApp::new(ts).await;
    let staff = app.token("director").await;
    let steering = app
        .store
        .tables(app.initiative.id)
        .await
        .unwrap()
        .into_iter()
        .find(|t| t.name == "Steering Committee")
        .unwrap();
    let base = format!("/api/v1/initiatives/{SLUG}");
    // A commitment slips: the packet of the next meeting names it with its reason.
    let made = json!({"organization_id": app.org_id("Riverbend Public Schools").await, "title": "Publish chronic absence by school every month",
        "due_on": (chrono::Utc::now().date_naive() + chrono::Duration::days(60)).to_string()});
    let id =
        app.api("POST", &format!("{base}/commitments"), Some(&staff), Some(made)).await.json()["id"].as_i64().unwrap();
    let slip = json!({"status": "at_risk", "reason": "The new student system cannot export by school yet"});
    assert_eq!(
        app.api("POST", &format!("{base}/commitments/{id}/status"), Some(&staff), Some(slip)).await.status,
        StatusCode::OK
    );
    let next = json!({"table_id": steering.id, "title": "Quarterly steering committee", "starts_at": (chrono::Utc::now() + chrono::Duration::days(10)).to_rfc3339(), "minutes": 120});
    let meeting =
        app.api("POST", &format!("{base}/meetings"), Some(&staff), Some(next)).await.json()["id"].as_i64().unwrap();
    let mut b = Browser::new();
    b.sign_in(&app.app, "member").await;
    let page = b.get(&app.app, &format!("/i/{SLUG}/meetings/{meeting}/packet")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let body = &page.body;
    assert!(body.contains("id=\"packet-indicators\"") && body.contains("Third graders"), "{body}");
    assert!(
        body.contains("Publish chronic absence by school every month") && body.contains("cannot export by school yet")
    );
    assert!(body.contains("id=\"packet-decisions\""));
    assert!(b.get(&app.app, &format!("/i/{SLUG}/meetings/{meeting}")).await.body.contains("Meeting packet"));
}

both_backends!(the_packet_gathers_what_the_steering_committee_should_look_at);
