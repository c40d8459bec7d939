//! "You said, we did" over HTTP: anyone may say whether a published number matches what they
//! see; staff read it first; the owner answers in public; nobody else learns who wrote.

use super::*;

async fn residents_say_what_the_number_misses_and_the_owner_answers_in_public(ts: TestStore) {
    let app = TestApp::new(ts).await;
    let base = format!("/api/v1/initiatives/{SLUG}");
    let said = format!("{base}/indicators/third-grade-reading/feedback");
    // The demo: two messages shown and answered by the school district; one waiting.
    let public = app.api("GET", &said, None, None).await;
    assert_eq!(public.status, StatusCode::OK, "{}", public.body);
    let shown = public.json();
    assert_eq!(shown.as_array().unwrap().len(), 2);
    assert!(shown.as_array().unwrap().iter().all(|f| f["reply"]["by"] == "Riverbend Public Schools"));
    assert!(shown.as_array().unwrap().iter().all(|f| f["contact"].is_null() && f["moderation_note"].is_null()));
    let page = Browser::new().get(&app.app, &format!("/i/{SLUG}/indicators/third-grade-reading")).await;
    assert!(page.body.contains("You said, we did") && page.body.contains("Riverbend Public Schools answered"));

    // Anyone may write, anonymously; the message waits for staff.
    let r = app
        .api("POST", &said, None, Some(json!({"matches": "no", "comment": "Our school has no library since the flood.", "contact": "me@example.org"})))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let mine = r.json();
    assert_eq!(mine["status"], "waiting");
    assert!(mine["contact"].is_null(), "the sender's own answer does not echo the address");
    assert_eq!(
        app.api("GET", &said, None, None).await.json().as_array().unwrap().len(),
        2,
        "not shown before staff read it"
    );
    // Bad input names the field; an unpublished or unknown indicator is not found.
    let r = app.api("POST", &said, None, Some(json!({"matches": "partly", "comment": ""}))).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json()["errors"][0]["field"], "comment");
    let r = app
        .api("POST", &format!("{base}/indicators/no-such-thing/feedback"), None, Some(json!({"matches": "yes"})))
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);

    // Staff read and show it; members and stewards cannot; declining needs a note.
    let staff = app.token("director").await;
    let member = app.token("member").await;
    let queue = app.api("GET", &format!("{base}/feedback?status=waiting"), Some(&staff), None).await.json();
    let waiting: Vec<&Value> = queue.as_array().unwrap().iter().collect();
    assert!(waiting.iter().any(|f| f["contact"] == "me@example.org"), "staff see how to reach the sender");
    let id = mine["id"].as_i64().unwrap();
    let moderate = format!("{base}/feedback/{id}/moderation");
    assert_eq!(
        app.api("POST", &moderate, Some(&member), Some(json!({"status": "published"}))).await.status,
        StatusCode::FORBIDDEN
    );
    let r = app.api("POST", &moderate, Some(&staff), Some(json!({"status": "declined"}))).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = app.api("POST", &moderate, Some(&staff), Some(json!({"status": "published"}))).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    // The owner's data steward answers; another organisation's steward may not.
    let steward = app.token("steward").await;
    let reply = format!("{base}/feedback/{id}/reply");
    let r = app.api("POST", &reply, Some(&member), Some(json!({"text": "Thanks"}))).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = app
        .api(
            "POST",
            &reply,
            Some(&steward),
            Some(json!({"text": "The bookmobile stops at your school every Tuesday from March."})),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let now_shown = app.api("GET", &said, None, None).await.json();
    let answered = now_shown.as_array().unwrap().iter().find(|f| f["id"] == id).unwrap().clone();
    assert_eq!(answered["reply"]["by"], "Riverbend Public Schools");
    assert!(answered["name"].is_null() && answered["contact"].is_null(), "anonymous, and the address stays with staff");
}

both_backends!(residents_say_what_the_number_misses_and_the_owner_answers_in_public);

async fn one_place_sends_a_few_messages_an_hour_at_most(ts: TestStore) {
    let app = TestApp::new(ts).await;
    let said = format!("/api/v1/initiatives/{SLUG}/indicators/third-grade-reading/feedback");
    for _ in 0..5 {
        let r = app.api("POST", &said, None, Some(json!({"matches": "yes"}))).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    }
    let r = app.api("POST", &said, None, Some(json!({"matches": "yes"}))).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{}", r.body);
    assert!(r.headers.get("retry-after").is_some());
    // The form says so beside the message, in the reader's language.
    let mut b = Browser::new();
    let form = format!("/i/{SLUG}/indicators/third-grade-reading/feedback");
    let r = b.submit(&app.app, &form, &form, &[("matches", "no"), ("comment", "Still no bus to the library")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("several messages in the last hour"), "{}", r.body);
}

both_backends!(one_place_sends_a_few_messages_an_hour_at_most);

async fn the_form_takes_a_message_and_staff_show_it_on_their_page(ts: TestStore) {
    let app = TestApp::new(ts).await;
    let mut visitor = Browser::new();
    let form = format!("/i/{SLUG}/indicators/third-grade-reading/feedback");
    let r = visitor.submit(&app.app, &form, &form, &[("matches", "partly"), ("comment", ""), ("name", "Ana")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("comment-error") && r.body.contains("value=\"Ana\""));
    let r = visitor
        .submit(
            &app.app,
            &form,
            &form,
            &[("matches", "partly"), ("comment", "The summer program filled in a day"), ("name", "Ana")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let mut staff = Browser::new();
    staff.sign_in(&app.app, "director").await;
    let queue = staff.get(&app.app, &format!("/i/{SLUG}/feedback")).await;
    assert!(queue.body.contains("The summer program filled in a day"));
    let id = app
        .store
        .feedback(app.initiative.id, None, Some(backbone_core::feedback::FeedbackStatus::Waiting))
        .await
        .unwrap()[0]
        .id;
    let action = format!("/i/{SLUG}/feedback/{id}/moderate");
    let r =
        staff.submit(&app.app, &format!("/i/{SLUG}/feedback"), &action, &[("status", "declined"), ("note", "")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "declining says why, beside the message");
    let r =
        staff.submit(&app.app, &format!("/i/{SLUG}/feedback"), &action, &[("status", "published"), ("note", "")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let page = Browser::new().get(&app.app, &format!("/i/{SLUG}/indicators/third-grade-reading")).await;
    assert!(page.body.contains("The summer program filled in a day") && page.body.contains("Ana"));
    let es = Browser::new();
    let req = es.request("GET", &form).header("accept-language", "es").body(Body::empty()).unwrap();
    assert!(send(&app.app, req).await.body.contains("¿Este número coincide con lo que usted ve?"));
}

both_backends!(the_form_takes_a_message_and_staff_show_it_on_their_page);
