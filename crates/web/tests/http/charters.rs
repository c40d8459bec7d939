//! Table charters over HTTP: staff or the table's chair adopt versions (every one kept, later ones
//! say why); members endorse the current one as themselves; others cannot.

use super::*;

async fn a_table_agrees_its_charter_and_members_endorse_it(ts: TestStore) {
    let app = TestApp::new(ts).await;
    let staff = app.token("director").await;
    let member = app.token("member").await; // Aaliyah Brooks sits at the reading group
    let resident = app.token("resident").await; // Hodan Warsame does not
    let reading = app
        .store
        .tables(app.initiative.id)
        .await
        .unwrap()
        .into_iter()
        .find(|t| t.name == "Early Grade Reading Working Group")
        .unwrap();
    let charter = format!("/api/v1/initiatives/{SLUG}/tables/{}/charter", reading.id);
    let first = json!({"values": "Children and families first; we share data to learn, not to blame.",
        "roles": "The chair rotates each year; members come prepared and send someone who can decide.",
        "decision_making": "By consent; anyone may ask for a vote, counted one per organisation.",
        "conflict": "Raise it with the chair or the facilitator first, then at the next meeting."});
    assert_eq!(app.api("POST", &charter, Some(&member), Some(first.clone())).await.status, StatusCode::FORBIDDEN);
    let bad = json!({"values": "", "roles": "x", "decision_making": "x", "conflict": "x"});
    let r = app.api("POST", &charter, Some(&staff), Some(bad)).await;
    assert_eq!((r.status, r.json()["errors"][0]["field"].clone()), (StatusCode::UNPROCESSABLE_ENTITY, json!("values")));
    let r = app.api("POST", &charter, Some(&staff), Some(first.clone())).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(r.json()["version"], 1);
    // A second version must say why; both are kept.
    let mut second = first.clone();
    second["conflict"] =
        json!("Raise it with the chair, the facilitator or a Resident Table member; we answer within two weeks.");
    let r = app.api("POST", &charter, Some(&staff), Some(second.clone())).await;
    assert_eq!(r.json()["errors"][0]["field"], "reason");
    second["reason"] = json!("Residents asked for a way to raise conflict outside the chair.");
    assert_eq!(app.api("POST", &charter, Some(&staff), Some(second)).await.status, StatusCode::CREATED);
    let versions = app.api("GET", &charter, Some(&resident), None).await.json();
    assert_eq!(
        versions.as_array().unwrap().iter().map(|v| v["version"].clone()).collect::<Vec<_>>(),
        [json!(2), json!(1)]
    );
    // Members of the table endorse it as themselves; others cannot.
    let endorse = format!("{charter}/endorsements");
    assert_eq!(app.api("POST", &endorse, Some(&resident), Some(json!({}))).await.status, StatusCode::FORBIDDEN);
    let r = app.api("POST", &endorse, Some(&member), Some(json!({"comment": "Glad residents asked for this."}))).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["person_name"], "Aaliyah Brooks");
    // The page shows it.
    let mut b = Browser::new();
    b.sign_in(&app.app, "member").await;
    let page = b.get(&app.app, &format!("/i/{SLUG}/tables/{}/charter", reading.id)).await;
    assert!(
        page.body.contains("Version 2")
            && page.body.contains("Aaliyah Brooks")
            && page.body.contains("Residents asked for a way"),
        "{}",
        page.body
    );
}

both_backends!(a_table_agrees_its_charter_and_members_endorse_it);
