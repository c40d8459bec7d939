//! Joining a table over HTTP: the page says when it meets and whom to ask; anyone may ask to join
//! a table that welcomes requests; only staff see the request; a welcome gives a seat.

use super::*;

async fn a_resident_asks_to_join_and_staff_give_her_a_seat(ts: TestStore) {
    let app = TestApp::new(ts).await;
    let base = format!("/api/v1/initiatives/{SLUG}");
    let tables = app.store.tables(app.initiative.id).await.unwrap();
    let resident = tables.iter().find(|t| t.name == "Resident Table").unwrap();
    let steering = tables.iter().find(|t| t.name == "Steering Committee").unwrap();
    let page = Browser::new().get(&app.app, &format!("/i/{SLUG}/tables/{}", resident.id)).await;
    assert!(page.body.contains("Second Saturday of each month") && page.body.contains("Ask to join this table"));

    let ask = format!("{base}/tables/{}/join-requests", resident.id);
    let r = app.api("POST", &ask, None, Some(json!({"name": "Rosa"}))).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json()["errors"][0]["field"], "email");
    let r = app
        .api(
            "POST",
            &format!("{base}/tables/{}/join-requests", steering.id),
            None,
            Some(json!({"name": "Rosa", "phone": "555 1234"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "the Steering Committee's seats are not asked for: {}", r.body);
    let r = app
        .api(
            "POST",
            &ask,
            None,
            Some(json!({"name": "Ana Ruiz", "email": "ana.ruiz@example.org", "neighborhood": "Westside"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert!(r.json().get("email").is_none(), "the answer says only that it was received");

    // Only staff read requests.
    let member = app.token("member").await;
    assert_eq!(
        app.api("GET", &format!("{base}/join-requests"), Some(&member), None).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(app.api("GET", &format!("{base}/join-requests"), None, None).await.status, StatusCode::UNAUTHORIZED);
    let staff = app.token("director").await;
    let waiting = app.api("GET", &format!("{base}/join-requests?status=waiting"), Some(&staff), None).await.json();
    let ana = waiting.as_array().unwrap().iter().find(|r| r["name"] == "Ana Ruiz").unwrap().clone();
    assert_eq!(ana["email"], "ana.ruiz@example.org");
    let decide = format!("{base}/join-requests/{}/decision", ana["id"]);
    assert_eq!(
        app.api("POST", &decide, Some(&member), Some(json!({"status": "welcomed"}))).await.status,
        StatusCode::FORBIDDEN
    );
    let before = resident.active_members;
    let r = app.api("POST", &decide, Some(&staff), Some(json!({"status": "welcomed"}))).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let person_id = r.json()["person_id"].as_i64().expect("a person");
    let table = app.store.table(app.initiative.id, resident.id).await.unwrap();
    assert_eq!(table.active_members, before + 1, "she has a seat from today");
    let seats = app.store.memberships(app.initiative.id, Some(resident.id), Some(person_id)).await.unwrap();
    assert_eq!(seats.len(), 1);
    let r = app.api("POST", &decide, Some(&staff), Some(json!({"status": "declined", "note": "late"}))).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "an answered request stays answered");
}

both_backends!(a_resident_asks_to_join_and_staff_give_her_a_seat);

async fn the_form_asks_in_spanish_and_staff_answer_on_their_page(ts: TestStore) {
    let app = TestApp::new(ts).await;
    let resident =
        app.store.tables(app.initiative.id).await.unwrap().into_iter().find(|t| t.name == "Resident Table").unwrap();
    let form = format!("/i/{SLUG}/tables/{}/join", resident.id);
    let es = Browser::new();
    let req = es.request("GET", &form).header("accept-language", "es").body(Body::empty()).unwrap();
    assert!(send(&app.app, req).await.body.contains("Pedir unirse a Resident Table"));
    let mut visitor = Browser::new();
    let r = visitor.submit(&app.app, &form, &form, &[("name", "Luz"), ("email", ""), ("phone", "")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("email-error") && r.body.contains("value=\"Luz\""));
    let r = visitor.submit(&app.app, &form, &form, &[("name", "Luz Ortega"), ("phone", "(555) 410-2231")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let mut staff = Browser::new();
    staff.sign_in(&app.app, "director").await;
    let list = format!("/i/{SLUG}/join-requests");
    let page = staff.get(&app.app, &list).await;
    assert!(page.body.contains("Luz Ortega") && page.body.contains("Rosa Méndez"), "the demo's and the new one");
    let id = app.store.join_requests(app.initiative.id, None, None).await.unwrap()[0].id;
    let action = format!("/i/{SLUG}/join-requests/{id}/decide");
    let r = staff.submit(&app.app, &list, &action, &[("status", "declined"), ("note", "")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "declining says why");
    let r = staff.submit(&app.app, &list, &action, &[("status", "welcomed"), ("note", "")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
}

both_backends!(the_form_asks_in_spanish_and_staff_answer_on_their_page);
