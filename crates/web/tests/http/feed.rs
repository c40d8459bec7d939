//! The activity feed over HTTP: what happened, for the initiative, a table and "for me"; as Atom
//! and as a calendar, read by feed readers with a private key; following indicators.

use super::*;

async fn the_feed_tells_each_member_what_concerns_them(ts: TestStore) {
    let app = TestApp::new(ts).await;
    let base = format!("/api/v1/initiatives/{SLUG}");
    let staff = app.token("director").await;
    let member = app.token("member").await; // Aaliyah Brooks, at the reading group
    let resident = app.token("resident").await; // Hodan Warsame, at the resident table
    let feed = format!("{base}/feed");
    assert_eq!(app.api("GET", &feed, None, None).await.status, StatusCode::UNAUTHORIZED);
    let tables = app.store.tables(app.initiative.id).await.unwrap();
    let reading = tables.iter().find(|t| t.name == "Early Grade Reading Working Group").unwrap().id;
    // The demo's last months are in it.
    let all = app.api("GET", &feed, Some(&member), None).await.json();
    assert!(all.as_array().unwrap().len() > 5, "{all}");
    assert!(all.as_array().unwrap().iter().any(|e| e["kind"] == "meeting_held"));

    // A commitment made at the reading group reaches everyone, the table and its members.
    let made = json!({"organization_id": app.org_id("Riverbend Reads").await, "title": "Recruit 15 reading buddies at Lincoln",
        "due_on": "2027-03-01", "table_id": reading});
    let r = app.api("POST", &format!("{base}/commitments"), Some(&staff), Some(made)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let id = r.json()["id"].as_i64().unwrap();
    let has = |v: &Value| v.as_array().unwrap().iter().any(|e| e["path"] == format!("/commitments/{id}"));
    assert!(has(&app.api("GET", &feed, Some(&resident), None).await.json()));
    assert!(has(&app.api("GET", &format!("{feed}?table_id={reading}"), Some(&resident), None).await.json()));
    assert!(has(&app.api("GET", &format!("{feed}?me=true"), Some(&member), None).await.json()), "her table's");
    assert!(!has(&app.api("GET", &format!("{feed}?me=true"), Some(&resident), None).await.json()), "not hers");
    let first = &app.api("GET", &feed, Some(&member), None).await.json()[0];
    assert_eq!(
        (first["kind"].clone(), first["title"].clone()),
        (json!("commitment_made"), json!("Recruit 15 reading buddies at Lincoln"))
    );
    // Marked at risk: the change is news too, with its reason.
    let r = app
        .api(
            "POST",
            &format!("{base}/commitments/{id}/status"),
            Some(&staff),
            Some(json!({"status": "at_risk", "reason": "Two schools said no"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let first = &app.api("GET", &feed, Some(&member), None).await.json()[0];
    assert_eq!(first["kind"], "commitment_changed");
    assert!(first["detail"].as_str().unwrap().starts_with("at risk: Two schools said no"));
    assert_eq!(
        app.api("GET", &format!("{feed}?table_id=999999"), Some(&member), None).await.status,
        StatusCode::NOT_FOUND
    );
}

async fn followers_hear_of_new_numbers(ts: TestStore) {
    let app = TestApp::new(ts).await;
    let base = format!("/api/v1/initiatives/{SLUG}");
    let resident = app.token("resident").await;
    let following = format!("{base}/following/grade3-reading");
    assert_eq!(app.api("PUT", &following, None, None).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        app.api("PUT", &format!("{base}/following/no-such-indicator"), Some(&resident), None).await.status,
        StatusCode::NOT_FOUND
    );
    let me = format!("{base}/feed?me=true");
    let numbers = |v: &Value| {
        v.as_array()
            .unwrap()
            .iter()
            .filter(|e| e["indicator_key"] == "grade3-reading" && e["kind"] == "numbers_approved")
            .count()
    };
    // Numbers approved before anyone follows.
    let (_, _) = measured(&app).await;
    assert_eq!(numbers(&app.api("GET", &me, Some(&resident), None).await.json()), 0);
    let r = app.api("PUT", &following, Some(&resident), None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json(), json!(["grade3-reading"]));
    assert_eq!(numbers(&app.api("GET", &me, Some(&resident), None).await.json()), 5, "one per school year approved");
    assert_eq!(app.api("DELETE", &following, Some(&resident), None).await.json(), json!([]));
    assert_eq!(numbers(&app.api("GET", &me, Some(&resident), None).await.json()), 0);
    // The indicator page's button does the same.
    let mut b = Browser::new();
    b.sign_in(&app.app, "resident").await;
    let path = format!("/i/{SLUG}/indicators/grade3-reading");
    let r = b.submit(&app.app, &path, &format!("{path}/follow"), &[("follow", "1")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let page = b.get(&app.app, &format!("{path}?notice=following")).await;
    assert!(page.body.contains("Stop following") && page.body.contains("You follow this indicator"), "{}", page.body);
}

async fn feed_readers_and_calendars_read_with_a_private_key(ts: TestStore) {
    let app = TestApp::new(ts).await;
    let member = app.token("member").await;
    let atom = format!("/i/{SLUG}/feed.atom?me=1");
    let ics = format!("/i/{SLUG}/meetings.ics");
    // Without a sign-in or a key: nothing.
    assert_eq!(app.api("GET", &atom, None, None).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(app.api("GET", &ics, None, None).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(app.api("GET", &format!("{ics}?key=guess"), None, None).await.status, StatusCode::UNAUTHORIZED);
    let r = app.api("POST", "/api/v1/me/feed-key", Some(&member), None).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let key = r.json()["key"].as_str().unwrap().to_string();
    let r = app.api("GET", &format!("{atom}&key={key}"), None, None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.content_type().starts_with("application/atom+xml"));
    assert!(r.body.contains("<feed") && r.body.contains("<entry>") && r.body.contains("Riverbend"), "{}", r.body);
    assert_eq!(r.headers.get("cache-control").unwrap(), "no-store");
    let r = app.api("GET", &format!("{ics}?key={key}"), None, None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.content_type().starts_with("text/calendar"));
    assert!(
        r.body.contains("BEGIN:VCALENDAR") && r.body.contains("BEGIN:VEVENT") && r.body.contains("DTSTART"),
        "{}",
        r.body
    );
    let reading = app
        .store
        .tables(app.initiative.id)
        .await
        .unwrap()
        .into_iter()
        .find(|t| t.name == "Early Grade Reading Working Group")
        .unwrap();
    let one = app.api("GET", &format!("/i/{SLUG}/tables/{}/meetings.ics?key={key}", reading.id), None, None).await;
    assert!(one.body.matches("BEGIN:VEVENT").count() < r.body.matches("BEGIN:VEVENT").count());
    assert!(one.body.contains("Early Grade Reading Working Group"));
    // A new key ends the old one.
    let newer =
        app.api("POST", "/api/v1/me/feed-key", Some(&member), None).await.json()["key"].as_str().unwrap().to_string();
    assert_eq!(app.api("GET", &format!("{ics}?key={key}"), None, None).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(app.api("GET", &format!("{ics}?key={newer}"), None, None).await.status, StatusCode::OK);
    // The page makes one and shows the links once.
    let mut b = Browser::new();
    b.sign_in(&app.app, "member").await;
    let page = b.get(&app.app, &format!("/i/{SLUG}/feed?me=1")).await;
    assert_eq!(page.status, StatusCode::OK);
    let r = b.submit(&app.app, &format!("/i/{SLUG}/feed"), &format!("/i/{SLUG}/feed/key"), &[]).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("id=\"atom-link\"") && r.body.contains("meetings.ics?key="));
}

both_backends!(
    the_feed_tells_each_member_what_concerns_them,
    followers_hear_of_new_numbers,
    feed_readers_and_calendars_read_with_a_private_key
);
