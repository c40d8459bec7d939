//! Partners' programs and activities, and the alignment map, over HTTP.

use super::*;

fn reading_club(org: Id) -> Value {
    json!({
        "organization_id": org, "name": "Saturday Reading Club", "kind": "program", "status": "active",
        "population": "Second and third graders and their parents", "age_min": 7, "age_max": 9,
        "places": ["47307"], "capacity": 40, "strategy_keys": ["reading-tutors"],
        "indicator_keys": ["third-grade-reading"]
    })
}

async fn partners_register_their_work_and_the_map_shows_gaps_and_overlaps(ts: TestStore) {
    let app = TestApp::new(ts).await;
    let base = format!("/api/v1/initiatives/{SLUG}");
    let steward = app.token("steward").await;
    let member = app.token("member").await;
    let staff = app.token("director").await;
    let own = app.org_id("Riverbend Public Schools").await;
    let other = app.org_id("Riverbend Reads").await;
    // Each partner registers its own work; members and the public register nothing.
    let url = format!("{base}/activities");
    assert_eq!(app.api("POST", &url, None, Some(reading_club(own))).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(app.api("POST", &url, Some(&member), Some(reading_club(own))).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.api("POST", &url, Some(&steward), Some(reading_club(other))).await.status, StatusCode::FORBIDDEN);
    let r = app.api("POST", &url, Some(&steward), Some(reading_club(own))).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let id = r.json()["id"].as_i64().unwrap();
    // Bad input names each field at fault, and nothing is written.
    let mut bad = reading_club(own);
    bad["name"] = json!("Saturday Reading Club, again");
    bad["places"] = json!(["atlantis"]);
    bad["strategy_keys"] = json!(["moon-landing"]);
    bad["age_min"] = json!(10);
    let r = app.api("POST", &url, Some(&steward), Some(bad.clone())).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let problem = r.json();
    let fields: Vec<&str> =
        problem["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["age_max"], "checks that need nothing stored come first");
    bad["age_min"] = json!(7);
    let r = app.api("POST", &url, Some(&steward), Some(bad)).await;
    let reasons = r.json()["errors"].clone();
    assert_eq!(reasons[0]["field"], "places[0]", "{reasons}");
    assert_eq!(reasons[1]["reason"], "\"moon-landing\" is not a strategy of the current common agenda");
    let r = app.api("POST", &url, Some(&steward), Some(reading_club(own))).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "one name per organisation: {}", r.body);
    // Anyone who may see the initiative sees the work, and can filter it.
    let mine = app.api("GET", &format!("{url}?organization_id={own}"), None, None).await.json();
    assert!(mine.as_array().unwrap().iter().any(|a| a["name"] == "Saturday Reading Club"));
    let tutoring = app.api("GET", &format!("{url}?strategy=reading-tutors"), None, None).await.json();
    assert!(tutoring
        .as_array()
        .unwrap()
        .iter()
        .all(|a| a["strategy_keys"].as_array().unwrap().contains(&json!("reading-tutors"))));
    // The steward changes its own activity; it stays with the organisation.
    let mut change = reading_club(own);
    change["status"] = json!("paused");
    let r = app.api("PUT", &format!("{url}/{id}"), Some(&steward), Some(change.clone())).await;
    assert_eq!((r.status, r.json()["status"].clone()), (StatusCode::OK, json!("paused")), "{}", r.body);
    change["organization_id"] = json!(other);
    let r = app.api("PUT", &format!("{url}/{id}"), Some(&staff), Some(change)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let reads = app.api("GET", &format!("{url}?organization_id={other}"), None, None).await.json();
    let theirs = reads[0]["id"].as_i64().unwrap();
    assert_eq!(
        app.api("PUT", &format!("{url}/{theirs}"), Some(&steward), Some(reading_club(other))).await.status,
        StatusCode::FORBIDDEN
    );
    // The map: a strategy nobody works on, and two partners doing the same for the same children.
    let map = app.api("GET", &format!("{base}/alignment"), None, None).await.json();
    let gaps: Vec<&str> = map["strategy_gaps"].as_array().unwrap().iter().map(|g| g["key"].as_str().unwrap()).collect();
    assert_eq!(gaps, ["home-language-literacy"]);
    assert!(map["overlaps"].as_array().unwrap().iter().any(|o| o["strategy_key"] == "expand-home-visiting"));
    let page = Browser::new().get(&app.app, &format!("/i/{SLUG}/alignment")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Strategies nobody works on"), "{}", page.body);
    assert!(page.body.contains("Books and story times in home languages"));
    assert!(page.body.contains("Possible duplication"));
    // The chain: an indicator's page shows the strategies and activities meant to move it; an
    // organisation's page shows its programs.
    let mut public = Browser::new();
    let reading = public.get(&app.app, &format!("/i/{SLUG}/indicators/third-grade-reading")).await;
    let work = reading.body.split("id=\"indicator-work\"").nth(1).expect("the work section");
    assert!(
        work.contains("Trained reading tutors in every K–3 classroom") && work.contains("Reading Corps tutors"),
        "{work}"
    );
    assert!(!work.contains("Book Buddies"), "an ended activity is not shown as work under way");
    let reads = public.get(&app.app, &format!("/i/{SLUG}/organizations/{other}")).await;
    assert!(reads.body.contains("Reading Corps tutors"), "{}", reads.body);
}

async fn a_steward_registers_an_activity_in_a_form(ts: TestStore) {
    let app = TestApp::new(ts).await;
    let mut b = Browser::new();
    b.sign_in(&app.app, "steward").await;
    let new = format!("/i/{SLUG}/activities/new");
    let form = b.get(&app.app, &new).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(
        form.body.contains("Riverbend Public Schools") && !form.body.contains(">Riverbend Reads<"),
        "only its own organisation"
    );
    let own = app.org_id("Riverbend Public Schools").await.to_string();
    let fields = |age_max: &'static str| {
        vec![
            ("organization_id", own.clone()),
            ("name", "Kindergarten Round-Up".to_string()),
            ("kind", "event".into()),
            ("status", "planned".into()),
            ("population", "Families of children starting kindergarten".into()),
            ("age_min", "4".into()),
            ("age_max", age_max.into()),
            ("places", "47302".into()),
            ("places", "47303".into()),
            ("strategy_keys", "developmental-screening".into()),
            ("indicator_keys", "kindergarten-readiness".into()),
        ]
    };
    let pairs = |v: &Vec<(&'static str, String)>| v.iter().map(|(k, v)| (*k, v.clone())).collect::<Vec<_>>();
    let bad = pairs(&fields("four"));
    let r = b.submit(&app.app, &new, &new, &bad.iter().map(|(k, v)| (*k, v.as_str())).collect::<Vec<_>>()).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Write a whole number, like 12."), "{}", r.body);
    assert!(r.body.contains("value=\"47303\" checked"), "what was ticked stays ticked");
    let good = pairs(&fields("5"));
    let r = b.submit(&app.app, &new, &new, &good.iter().map(|(k, v)| (*k, v.as_str())).collect::<Vec<_>>()).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = b.get(&app.app, r.location()).await;
    assert!(page.body.contains("Kindergarten Round-Up") && page.body.contains("ages 4–5"), "{}", page.body);
    assert!(page.body.contains("47302 Eastside, 47303 Northgate"));
    let list = Browser::new().get(&app.app, &format!("/i/{SLUG}/activities?strategy=developmental-screening")).await;
    assert!(list.body.contains("Kindergarten Round-Up"));
    assert!(!list.body.contains("Summer Reading Challenge"), "filtered by strategy");
}

both_backends!(
    partners_register_their_work_and_the_map_shows_gaps_and_overlaps,
    a_steward_registers_an_activity_in_a_form
);
