//! The common agenda over HTTP.

use super::*;

async fn the_agenda_keeps_versions_and_refuses_stale_edits(ts: TestStore) {
    let app = TestApp::new(ts).await;
    let staff = app.token("director").await;
    let url = format!("/api/v1/initiatives/{SLUG}/agenda/versions");
    let current = app.api("GET", &format!("/api/v1/initiatives/{SLUG}/agenda"), None, None).await.json();
    let n = current["number"].as_i64().unwrap();
    let edit = json!({"problem_statement": current["problem_statement"], "shared_vision": "Every Riverbend child thrives, cradle to career.",
        "results": current["results"], "reason": "Steering committee retreat", "based_on": n});
    let r = app.api("POST", &url, Some(&staff), Some(edit.clone())).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(r.json()["number"], n + 1);
    let stale = app.api("POST", &url, Some(&staff), Some(edit)).await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert_eq!(stale.json()["errors"][0]["field"], "based_on");
    let versions = app.api("GET", &url, None, None).await.json();
    assert_eq!(versions.as_array().unwrap().len() as i64, n + 1);
    let old = app.api("GET", &format!("{url}/{n}"), None, None).await.json();
    assert_ne!(old["shared_vision"], "Every Riverbend child thrives, cradle to career.", "old versions are unchanged");

    let member = app.token("member").await;
    let r = app
        .api(
            "POST",
            &url,
            Some(&member),
            Some(json!({"problem_statement": "x", "shared_vision": "y", "reason": "z", "based_on": n + 1})),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);

    // Endorsements: the steward endorses for its own organisation only.
    let steward = app.token("steward").await;
    let own = app.api("GET", "/api/v1/me", Some(&steward), None).await.json()["roles"][0]["organization_id"]
        .as_i64()
        .unwrap();
    let e = format!("{url}/{}/endorsements", n + 1);
    let r = app.api("POST", &e, Some(&steward), Some(json!({"organization_id": own, "note": "Board approved"}))).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let other = app.org_id("Riverbend Community Foundation").await;
    assert_eq!(
        app.api("POST", &e, Some(&steward), Some(json!({"organization_id": other}))).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.api("POST", &e, Some(&steward), Some(json!({"organization_id": own}))).await.status,
        StatusCode::CONFLICT
    );
}

both_backends!(the_agenda_keeps_versions_and_refuses_stale_edits);
