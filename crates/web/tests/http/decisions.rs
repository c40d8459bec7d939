//! Decisions over HTTP: members vote as themselves, outcomes record the rule, and an anonymous
//! decision gives nobody away — not in any answer, and not by comparing answers before and after
//! someone votes.

use super::*;

async fn members_decide_and_the_outcome_records_the_rule(ts: TestStore) {
    let app = TestApp::new(ts).await;
    let base = format!("/api/v1/initiatives/{SLUG}/decisions");
    let reading = app
        .store
        .tables(app.initiative.id)
        .await
        .unwrap()
        .into_iter()
        .find(|t| t.name == "Early Grade Reading Working Group")
        .unwrap();
    let staff = app.token("director").await;
    let member = app.token("member").await; // Aaliyah Brooks sits at the reading group
    let resident = app.token("resident").await; // Hodan Warsame does not
    let proposal = json!({"table_id": reading.id, "title": "Adopt the third-grade reading action plan", "process": "consent", "quorum": 2});
    assert_eq!(app.api("POST", &base, Some(&member), Some(proposal.clone())).await.status, StatusCode::FORBIDDEN);
    let r = app.api("POST", &base, Some(&staff), Some(proposal)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let id = r.json()["id"].as_i64().unwrap();
    let votes = format!("{base}/{id}/votes");
    // Only the table's members vote, each as their person; an objection says why.
    assert_eq!(
        app.api("POST", &votes, Some(&resident), Some(json!({"position": "consent"}))).await.status,
        StatusCode::FORBIDDEN
    );
    let r = app.api("POST", &votes, Some(&member), Some(json!({"position": "object"}))).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json()["errors"][0]["field"], "comment");
    let r = app.api("POST", &votes, Some(&member), Some(json!({"choice": 1}))).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "a consent decision takes a position: {}", r.body);
    let r = app.api("POST", &votes, Some(&member), Some(json!({"position": "consent"}))).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["person_name"], "Aaliyah Brooks");
    let tally = app.api("GET", &format!("{base}/{id}/tally"), Some(&resident), None).await.json();
    assert_eq!(
        (tally["counted"].clone(), tally["quorum_met"].clone(), tally["passes"].clone()),
        (json!(1), json!(false), json!(false))
    );
    // The page: the member sees their vote and may change it.
    let mut b = Browser::new();
    b.sign_in(&app.app, "member").await;
    let path = format!("/i/{SLUG}/decisions/{id}");
    let page = b.get(&app.app, &path).await;
    assert!(page.body.contains("Change your vote") && page.body.contains("value=\"consent\" checked"), "{}", page.body);
    let r = b.submit(&app.app, &path, &format!("{path}/vote"), &[("position", "object"), ("comment", "")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("say why (object)"));
    // Closing writes the outcome with the rule; once.
    let close = format!("{base}/{id}/close");
    let outcome = json!({"statement": "The action plan is adopted.", "review_on": "2027-01-15"});
    assert_eq!(app.api("POST", &close, Some(&member), Some(outcome.clone())).await.status, StatusCode::FORBIDDEN);
    let r = app.api("POST", &close, Some(&staff), Some(outcome.clone())).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let rule = r.json()["outcome"]["rule"].as_str().unwrap().to_string();
    assert!(rule.starts_with("Consent: no objection; 1 of ") && rule.ends_with("quorum 2 not met"), "{rule}");
    assert_eq!(app.api("POST", &close, Some(&staff), Some(outcome)).await.status, StatusCode::CONFLICT);
    assert_eq!(
        app.api("POST", &votes, Some(&member), Some(json!({"position": "consent"}))).await.status,
        StatusCode::CONFLICT,
        "closed to votes"
    );
    // Its action items become commitments that point back to it.
    let item = json!({"organization_id": app.org_id("Riverbend Reads").await, "title": "Train 20 tutors for the plan", "due_on": "2026-10-01",
        "table_id": reading.id, "decision_id": id});
    assert_eq!(
        app.api("POST", &format!("/api/v1/initiatives/{SLUG}/commitments"), Some(&staff), Some(item)).await.status,
        StatusCode::CREATED
    );
    assert!(b.get(&app.app, &path).await.body.contains("Train 20 tutors for the plan"));
}

async fn an_anonymous_vote_gives_nobody_away(ts: TestStore) {
    let app = TestApp::new(ts).await;
    let base = format!("/api/v1/initiatives/{SLUG}/decisions");
    let reading = app
        .store
        .tables(app.initiative.id)
        .await
        .unwrap()
        .into_iter()
        .find(|t| t.name == "Early Grade Reading Working Group")
        .unwrap();
    let staff = app.token("director").await;
    let member = app.token("member").await;
    let onlooker = app.token("steward").await;
    let r = app
        .api(
            "POST",
            &base,
            Some(&staff),
            Some(json!({"table_id": reading.id, "title": "Where the tutoring fair is held", "process": "score",
            "options": ["Library", "School gym"], "anonymous": true})),
        )
        .await;
    let id = r.json()["id"].as_i64().unwrap();
    // Everything a member can read about it, before and after one vote.
    let look = || async {
        let votes = app.api("GET", &format!("{base}/{id}/votes"), Some(&onlooker), None).await;
        let tally = app.api("GET", &format!("{base}/{id}/tally"), Some(&onlooker), None).await;
        let decision = app.api("GET", &format!("{base}/{id}"), Some(&onlooker), None).await;
        let list = app.api("GET", &format!("{base}?table_id={}", reading.id), Some(&onlooker), None).await;
        let feed = app.api("GET", &format!("/api/v1/initiatives/{SLUG}/feed"), Some(&onlooker), None).await;
        (votes.body, tally.status, tally.body, decision.body, list.body, feed.body)
    };
    let before = look().await;
    let r = app.api("POST", &format!("{base}/{id}/votes"), Some(&member), Some(json!({"scores": [5, 1]}))).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.json()["person_id"].is_null(), "not even the voter's own answer names them");
    let after = look().await;
    assert_eq!(before, after, "no answer changes when someone votes");
    assert_eq!(after.1, StatusCode::CONFLICT, "the count waits for the close");
    let mut b = Browser::new();
    b.sign_in(&app.app, "steward").await;
    let page = b.get(&app.app, &format!("/i/{SLUG}/decisions/{id}")).await;
    assert!(
        page.body.contains("The count shows once the decision closes.") && !page.body.contains("Aaliyah"),
        "{}",
        page.body
    );
    // Closed: the ballots and the count, never who cast them.
    let r =
        app.api("POST", &format!("{base}/{id}/close"), Some(&staff), Some(json!({"statement": "The library."}))).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let votes = app.api("GET", &format!("{base}/{id}/votes"), Some(&onlooker), None).await.json();
    assert_eq!(votes.as_array().unwrap().len(), 1);
    assert!(
        votes[0]["person_id"].is_null() && votes[0]["person_name"].is_null() && votes[0]["organization_id"].is_null()
    );
    assert_eq!(votes[0]["ballot"]["scores"], json!([5, 1]));
    let page = b.get(&app.app, &format!("/i/{SLUG}/decisions/{id}")).await;
    assert!(!page.body.contains("Aaliyah"));
    // Not even the audit log, which staff read, holds the ballot.
    let log = app.api("GET", &format!("/api/v1/initiatives/{SLUG}/audit?entity=decision"), Some(&staff), None).await;
    assert!(!log.body.contains("[5,1]") && !log.body.contains("\"scores\""), "{}", log.body);
}

both_backends!(members_decide_and_the_outcome_records_the_rule, an_anonymous_vote_gives_nobody_away);
