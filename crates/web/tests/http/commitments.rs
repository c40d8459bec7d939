//! Commitments over HTTP: who may make and change them, the reasons asked for, and the chain.

use super::*;

async fn partners_commit_and_keep_their_commitments_current(ts: TestStore) {
    let app = TestApp::new(ts).await;
    let base = format!("/api/v1/initiatives/{SLUG}/commitments");
    let steward = app.token("steward").await;
    let member = app.token("member").await;
    let own = app.org_id("Riverbend Public Schools").await;
    let other = app.org_id("Riverbend Reads").await;
    let due = (chrono::Utc::now().date_naive() + chrono::Duration::days(21)).to_string();
    let promise = |org: Id| {
        json!({"organization_id": org, "title": "Share reading results for summer learners", "due_on": due,
        "strategy_key": "summer-reading", "indicator_key": "third-grade-reading"})
    };
    // Members see commitments; the public does not; only the partner (or staff) makes its own.
    assert_eq!(app.api("GET", &base, None, None).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(app.api("GET", &base, Some(&member), None).await.status, StatusCode::OK);
    assert_eq!(app.api("POST", &base, Some(&member), Some(promise(own))).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.api("POST", &base, Some(&steward), Some(promise(other))).await.status, StatusCode::FORBIDDEN);
    let r = app.api("POST", &base, Some(&steward), Some(promise(own))).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let id = r.json()["id"].as_i64().unwrap();
    assert_eq!(r.json()["status"], "not_started");
    // Bad input names its fields.
    let r = app
        .api(
            "POST",
            &base,
            Some(&steward),
            Some(json!({"organization_id": own, "title": "Something", "due_on": "2026-02-30"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(r.json()["errors"][0]["field"], "due_on");
    let mut wrong = promise(own);
    wrong["strategy_key"] = json!("moon-landing");
    let r = app.api("POST", &base, Some(&steward), Some(wrong)).await;
    assert_eq!(r.json()["errors"][0]["field"], "strategy_key", "{}", r.body);
    // At risk says why; the history keeps each step with who took it.
    let status = format!("{base}/{id}/status");
    let r = app.api("POST", &status, Some(&steward), Some(json!({"status": "at_risk"}))).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json()["errors"][0]["reason"], "say what is in the way");
    let r = app
        .api(
            "POST",
            &status,
            Some(&steward),
            Some(json!({"status": "at_risk", "reason": "The summer roster arrives late"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let h = app.api("GET", &format!("{base}/{id}/history"), Some(&member), None).await.json();
    let steps: Vec<&str> = h.as_array().unwrap().iter().map(|e| e["status"].as_str().unwrap()).collect();
    assert_eq!(steps, ["not_started", "at_risk"]);
    assert_eq!(h[1]["actor_name"], "Tomás Herrera");
    // Another organisation's commitment is not this steward's to change.
    let theirs = app.api("GET", &format!("{base}?organization_id={other}"), Some(&steward), None).await.json();
    let theirs = theirs[0]["id"].as_i64().unwrap();
    let r = app.api("POST", &format!("{base}/{theirs}/status"), Some(&steward), Some(json!({"status": "done"}))).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // Filters: open ones of one organisation, toward one indicator.
    let open = app.api("GET", &format!("{base}?organization_id={own}&open=true"), Some(&member), None).await.json();
    assert!(open.as_array().unwrap().iter().all(|c| c["status"] != "done" && c["status"] != "dropped"));
    assert!(open.as_array().unwrap().iter().any(|c| c["id"] == id));
    // The chain: the indicator's page shows the commitments behind it, to members only.
    let mut b = Browser::new();
    b.sign_in(&app.app, "member").await;
    let page = b.get(&app.app, &format!("/i/{SLUG}/indicators/third-grade-reading")).await;
    let behind = page.body.split("id=\"commitments-h\"").nth(1).expect("the commitments section");
    assert!(behind.contains("Share reading results for summer learners"), "{behind}");
    assert!(behind.contains("Recruit and train 40 more reading tutors"), "one for an activity serving it");
    let public = Browser::new().get(&app.app, &format!("/i/{SLUG}/indicators/third-grade-reading")).await;
    assert!(!public.body.contains("commitments-h"), "the public does not see commitments");
}

async fn a_table_records_a_commitment_and_its_status_in_forms(ts: TestStore) {
    let app = TestApp::new(ts).await;
    let mut b = Browser::new();
    b.sign_in(&app.app, "director").await;
    let reading = app
        .store
        .tables(app.initiative.id)
        .await
        .unwrap()
        .into_iter()
        .find(|t| t.name == "Early Grade Reading Working Group")
        .unwrap();
    let table = b.get(&app.app, &format!("/i/{SLUG}/tables/{}", reading.id)).await;
    assert!(
        table.body.contains("Commitments made here") && table.body.contains("Align Power Hour reading help"),
        "{}",
        table.body
    );
    let new = format!("/i/{SLUG}/commitments/new?table={}", reading.id);
    let form = b.get(&app.app, &new).await;
    assert!(
        form.body.contains(&format!("<option value=\"{}\" selected>Early Grade Reading Working Group", reading.id)),
        "the table is filled in"
    );
    let library = app.org_id("Riverbend Public Library").await.to_string();
    let table_id = reading.id.to_string();
    let post = format!("/i/{SLUG}/commitments/new");
    let fields = |due: &'static str| {
        vec![
            ("title", "Open Saturday story hours at the Southside branch".to_string()),
            ("organization_id", library.clone()),
            ("due_on", due.to_string()),
            ("strategy_key", "summer-reading".into()),
            ("table_id", table_id.clone()),
        ]
    };
    let send = |v: Vec<(&'static str, String)>| v;
    let bad = send(fields("next week"));
    let r = b.submit(&app.app, &new, &post, &bad.iter().map(|(k, v)| (*k, v.as_str())).collect::<Vec<_>>()).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Write a date, like 2026-09-01."));
    let good = send(fields("2027-01-15"));
    let r = b.submit(&app.app, &new, &post, &good.iter().map(|(k, v)| (*k, v.as_str())).collect::<Vec<_>>()).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page_path = r.location().split('?').next().unwrap().to_string();
    // Dropping it without a reason is explained inline; with one, it is kept in the history.
    let status_path = format!("{page_path}/status");
    let r = b
        .submit(&app.app, &page_path, &status_path, &[("status", "dropped"), ("reason", ""), ("due_on", "2027-01-15")])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("say why it is dropped"), "{}", r.body);
    let r = b
        .submit(
            &app.app,
            &page_path,
            &status_path,
            &[("status", "dropped"), ("reason", "The branch closes on Saturdays"), ("due_on", "2027-01-15")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = b.get(&app.app, &page_path).await;
    let history = page.body.split("id=\"commitment-history\"").nth(1).unwrap();
    assert!(history.contains("The branch closes on Saturdays") && history.contains("Not started"), "{history}");
}

both_backends!(
    partners_commit_and_keep_their_commitments_current,
    a_table_records_a_commitment_and_its_status_in_forms
);
