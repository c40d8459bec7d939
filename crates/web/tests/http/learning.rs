//! Learning over HTTP: the demo's cycles and log, found by words; anyone at the table writes in the
//! log; cycles are planned by staff and stewards, and an abandoned one says why.

use super::*;

async fn partners_learn_from_what_did_not_work(ts: TestStore) {
    let app = TestApp::new(ts).await;
    let base = format!("/api/v1/initiatives/{SLUG}");
    let staff = app.token("director").await;
    let resident = app.token("resident").await;
    assert_eq!(app.api("GET", &format!("{base}/lessons"), None, None).await.status, StatusCode::UNAUTHORIZED);
    // The demo's log, searched by words and by how it went.
    let found = app.api("GET", &format!("{base}/lessons?q=tutors"), Some(&resident), None).await.json();
    assert_eq!(found[0]["title"], "Tutors stay when the shift fits their class schedule");
    let failed = app.api("GET", &format!("{base}/lessons?result=did_not_work"), Some(&resident), None).await.json();
    assert_eq!(failed.as_array().unwrap().len(), 2);
    assert_eq!(
        app.api("GET", &format!("{base}/lessons?result=sort_of"), Some(&resident), None).await.status,
        StatusCode::BAD_REQUEST
    );
    let cycles = app.api("GET", &format!("{base}/cycles"), Some(&resident), None).await.json();
    let decisions: Vec<Value> = cycles.as_array().unwrap().iter().map(|c| c["decision"].clone()).collect();
    assert!(decisions.contains(&json!("abandon")) && decisions.contains(&json!("adopt")));

    // A resident writes in the log; a mistake is said at its field and nothing is saved.
    let mut b = Browser::new();
    b.sign_in(&app.app, "resident").await;
    let path = format!("/i/{SLUG}/learning");
    let r = b
        .submit(
            &app.app,
            &path,
            &path,
            &[
                ("title", "Meeting at 6 pm lost the parents who work late"),
                ("body", "Only four of us came."),
                ("lesson_result", ""),
                ("lesson_indicator", ""),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("say whether it worked"), "{}", r.body);
    let r = b
        .submit(
            &app.app,
            &path,
            &path,
            &[
                ("title", "Meeting at 6 pm lost the parents who work late"),
                ("body", "Only four of us came; at 7:30 with child care, fourteen did."),
                ("lesson_result", "mixed"),
                ("lesson_indicator", ""),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = b.get(&app.app, &format!("{path}?q=child+care")).await;
    assert!(
        page.body.contains("Meeting at 6 pm lost the parents who work late") && page.body.contains("Hodan Warsame"),
        "{}",
        page.body
    );

    // Cycles: staff plan them; abandoning needs a reason.
    let plan = json!({"indicator_key": "third-grade-reading", "title": "Reading buddies at recess", "change_idea": "Fifth graders read with second graders at lunch recess",
        "prediction": "Half the second graders join twice a week"});
    assert_eq!(
        app.api("POST", &format!("{base}/cycles"), Some(&resident), Some(plan.clone())).await.status,
        StatusCode::FORBIDDEN
    );
    let r = app.api("POST", &format!("{base}/cycles"), Some(&staff), Some(plan.clone())).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let id = r.json()["id"].as_i64().unwrap();
    let mut act = plan.clone();
    act["study"] = json!("Few joined: recess is when they play.");
    act["decision"] = json!("abandon");
    let r = app.api("PUT", &format!("{base}/cycles/{id}"), Some(&staff), Some(act.clone())).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json()["errors"][0]["field"], "decision_reason");
    act["decision_reason"] = json!("Children need recess to play; we will try it after school.");
    assert_eq!(app.api("PUT", &format!("{base}/cycles/{id}"), Some(&staff), Some(act)).await.status, StatusCode::OK);

    // The demo's adopted cycle shows the published numbers its study looked at.
    let adopted = cycles.as_array().unwrap().iter().find(|c| c["decision"] == "adopt").unwrap();
    let page = b.get(&app.app, &format!("/i/{SLUG}/learning/cycles/{}", adopted["id"])).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("id=\"study-numbers\"") && page.body.contains('%'), "{}", page.body);
}

both_backends!(partners_learn_from_what_did_not_work);
