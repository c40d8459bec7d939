//! The review queue over HTTP: submissions grouped, paged and filtered; each number beside the
//! value published now, with outliers flagged; a whole submission approved or returned at once;
//! only backbone staff.

use super::*;

/// The approved 2023-24 numbers of `measured`, corrected by the steward: the town's rate jumps,
/// 47301's moves a little. Answers the submission's id.
async fn corrected(app: &TestApp, steward_org: Id) -> Id {
    let steward = app.token("steward").await;
    let base = format!("/api/v1/initiatives/{SLUG}");
    let town = app.store.observations(app.initiative.id, &Default::default()).await.unwrap();
    let town = town.iter().find(|o| o.geography == "town" && o.groups.is_empty() && o.period == "2023-24").unwrap();
    let (n, d) = (town.numerator, town.denominator.unwrap());
    let r = app
        .api(
            "POST",
            &format!("{base}/observations"),
            Some(&steward),
            Some(json!({"organization_id": steward_org, "observations": [
                {"indicator": "grade3-reading", "period": "2023-24", "geography": "town", "numerator": (n + 0.3 * d).round(), "denominator": d},
                {"indicator": "grade3-reading", "period": "2023-24", "geography": "47301", "numerator": 400, "denominator": 780},
                {"indicator": "grade3-reading", "period": "2024-25", "geography": "town", "numerator": 700, "denominator": 1500}
            ]})),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let staff = app.token("director").await;
    let list = app.api("GET", &format!("{base}/review/submissions?waiting_only=true"), Some(&staff), None).await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.body);
    let newest = &list.json()["submissions"][0];
    assert_eq!(newest["organization_id"], json!(steward_org));
    assert_eq!(newest["source"], json!("api"));
    assert_eq!(newest["counts"], json!({"submitted": 3, "approved": 0, "returned": 0}));
    newest["id"].as_i64().unwrap()
}

async fn staff_page_filter_and_decide_a_whole_submission_over_the_api(ts: TestStore) {
    let app = TestApp::new(ts).await;
    let (staff, steward_org) = measured(&app).await;
    let id = corrected(&app, steward_org).await;
    let base = format!("/api/v1/initiatives/{SLUG}/review/submissions");

    // Two at a time: the first page says where the next starts; the last says nothing.
    let first = app.api("GET", &format!("{base}/{id}/numbers?limit=2"), Some(&staff), None).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    let first = first.json();
    assert_eq!(first["numbers"].as_array().unwrap().len(), 2);
    let next = first["next"].as_str().unwrap().to_string();
    let rest = app
        .api("GET", &format!("{base}/{id}/numbers?limit=2&after={}", urlencode(&next)), Some(&staff), None)
        .await
        .json();
    assert_eq!(rest["numbers"].as_array().unwrap().len(), 1);
    assert!(rest["next"].is_null());

    // Filtered by place: the town's two numbers, each beside the value published now.
    let town = app.api("GET", &format!("{base}/{id}/numbers?place=town"), Some(&staff), None).await.json();
    let town = town["numbers"].as_array().unwrap().clone();
    assert_eq!(town.len(), 2);
    let corrected = town.iter().find(|n| n["period"] == "2023-24").unwrap();
    assert_eq!(corrected["outlier"], json!("rate_moved"), "{corrected}");
    assert!((corrected["change"].as_f64().unwrap() - 30.0).abs() < 0.1, "{corrected}");
    assert!(corrected["previous"]["numerator"].is_number());
    let new = town.iter().find(|n| n["period"] == "2024-25").unwrap();
    assert!(new["previous"].is_null() && new["change"].is_null() && new["outlier"].is_null(), "{new}");
    let small = app
        .api("GET", &format!("{base}/{id}/numbers?place=47301&indicator=grade3-reading"), Some(&staff), None)
        .await
        .json();
    assert_eq!(small["numbers"][0]["outlier"], Value::Null, "{small}");
    let none = app.api("GET", &format!("{base}/{id}/numbers?status=approved"), Some(&staff), None).await.json();
    assert_eq!(none["numbers"], json!([]));

    // Bad requests are said precisely.
    let r = app.api("GET", &format!("{base}/{id}/numbers?status=draft"), Some(&staff), None).await;
    assert_eq!((r.status, r.json()["errors"][0]["field"].clone()), (StatusCode::UNPROCESSABLE_ENTITY, json!("status")));
    let r = app.api("GET", &format!("{base}/{id}/numbers?after=nonsense"), Some(&staff), None).await;
    assert_eq!((r.status, r.json()["errors"][0]["field"].clone()), (StatusCode::UNPROCESSABLE_ENTITY, json!("after")));
    assert_eq!(app.api("GET", &format!("{base}/999999"), Some(&staff), None).await.status, StatusCode::NOT_FOUND);

    // Only backbone staff review.
    let steward = app.token("steward").await;
    assert_eq!(app.api("GET", &base, Some(&steward), None).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.api("GET", &base, None, None).await.status, StatusCode::UNAUTHORIZED);
    let approve = json!({"decision": "approve"});
    // A page size out of range is refused, naming it.
    let r = app.api("GET", &format!("{base}?limit=100000"), Some(&staff), None).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(r.json()["errors"][0]["field"], "limit");
    let r = app.api("POST", &format!("{base}/{id}/decision"), Some(&steward), Some(approve.clone())).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);

    // Returning needs a reason.
    let audit = app.audit_len().await;
    let r = app
        .api("POST", &format!("{base}/{id}/decision"), Some(&staff), Some(json!({"decision": "return", "reason": ""})))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.content_type().starts_with("application/problem+json"));
    assert_eq!(r.json()["errors"][0]["field"], json!("reason"));
    assert_eq!(app.audit_len().await, audit, "nothing written");

    // Approved in one action: all three, published, audited once.
    let r = app.api("POST", &format!("{base}/{id}/decision"), Some(&staff), Some(approve.clone())).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["changed"], json!(3));
    assert_eq!(r.json()["submission"]["counts"], json!({"submitted": 0, "approved": 3, "returned": 0}));
    assert_eq!(app.audit_len().await, audit + 1);
    let again = app.api("POST", &format!("{base}/{id}/decision"), Some(&staff), Some(approve)).await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    let waiting =
        app.api("GET", &format!("{base}?waiting_only=true&organization_id={steward_org}"), Some(&staff), None).await;
    assert!(waiting.json()["submissions"].as_array().unwrap().iter().all(|s| s["id"] != json!(id)));
    let view = app
        .api("GET", &format!("/api/v1/initiatives/{SLUG}/indicators/grade3-reading/data?geography=town"), None, None)
        .await;
    assert!(view.body.contains("2024-25"), "approved numbers are published: {}", view.body);
}

fn urlencode(s: &str) -> String {
    serde_urlencoded::to_string([("x", s)]).unwrap()[2..].to_string()
}

async fn staff_review_a_submission_on_its_page(ts: TestStore) {
    let app = TestApp::new(ts).await;
    let (_, steward_org) = measured(&app).await;
    let id = corrected(&app, steward_org).await;
    let mut staff = Browser::new();
    staff.sign_in(&app.app, "director").await;

    // The Data page leads to the queue; the queue lists the submission by organisation.
    let data = staff.get(&app.app, &format!("/i/{SLUG}/data")).await;
    assert!(data.body.contains(&format!("href=\"/i/{SLUG}/review\"")), "{}", data.body);
    assert!(!data.body.contains("id=\"review-queue\""), "the numbers are reviewed on the queue's own pages");
    let queue = staff.get(&app.app, &format!("/i/{SLUG}/review")).await;
    assert_eq!(queue.status, StatusCode::OK, "{}", queue.body);
    assert!(queue.body.contains(&format!("id=\"submission-{id}\"")));
    assert!(queue.body.contains("Riverbend Public Schools") && queue.body.contains("Sent through the API"));

    // Its page, filtered to the town: the outlier is flagged.
    let page = staff.get(&app.app, &format!("/i/{SLUG}/review/{id}?place=town")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_eq!(page.body.matches("<tr id=\"number-").count(), 2);
    assert!(page.body.contains("Moved more than 10 points"), "{}", page.body);
    assert!(page.body.contains("1 numbers on this page changed more than usual"));

    // Returning without a reason is refused beside the field.
    let csrf = csrf_in(&page.body);
    let action = format!("/i/{SLUG}/review/{id}/decision");
    let r = staff.post(&app.app, &action, &[("csrf", &csrf), ("decision", "return"), ("reason", "")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"reason-error\""), "{}", r.body);
    let r = staff
        .post(
            &app.app,
            &action,
            &[("csrf", &csrf), ("decision", "return"), ("reason", "The town rose 30 points: check the file")],
        )
        .await;
    assert_eq!((r.status, r.location()), (StatusCode::SEE_OTHER, format!("/i/{SLUG}/review?notice=reviewed").as_str()));
    let returned = staff.get(&app.app, &format!("/i/{SLUG}/review/{id}?status=returned")).await;
    assert_eq!(returned.body.matches("The town rose 30 points: check the file").count(), 3);

    // A data steward sends numbers but does not review them.
    let mut steward = Browser::new();
    steward.sign_in(&app.app, "steward").await;
    assert_eq!(steward.get(&app.app, &format!("/i/{SLUG}/review")).await.status, StatusCode::FORBIDDEN);
    assert_eq!(steward.get(&app.app, &format!("/i/{SLUG}/review/{id}")).await.status, StatusCode::FORBIDDEN);
}

/// Approving a whole submission on its page shows how far it has come, then where to go on; a
/// quick one simply goes back to the queue.
async fn approving_a_whole_submission_shows_its_progress(ts: TestStore) {
    let app = TestApp::new(ts).await;
    let (_, steward_org) = measured(&app).await;
    let id = corrected(&app, steward_org).await;
    let public = format!("/api/v1/initiatives/{SLUG}/indicators/grade3-reading/data");
    assert!(!app.api("GET", &public, None, None).await.body.contains("46.66"), "2024-25 is not published yet");
    // Streamed however quick the approval is.
    let streaming = router(AppState::new(
        app.store.clone(),
        WebConfig { progress_after: std::time::Duration::ZERO, ..Default::default() },
    ));
    let mut staff = Browser::new();
    staff.sign_in(&streaming, "director").await;
    let page = staff.get(&streaming, &format!("/i/{SLUG}/review/{id}")).await;
    let csrf = csrf_in(&page.body);
    let r = staff
        .post(&streaming, &format!("/i/{SLUG}/review/{id}/decision"), &[("csrf", &csrf), ("decision", "approve")])
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("Approving the numbers") && r.body.contains("class=\"progress-lines\""), "{}", r.body);
    assert!(
        r.body.contains("The review is saved.")
            && r.body.contains(&format!("href=\"/i/{SLUG}/review?notice=reviewed\""))
    );
    assert!(app.api("GET", &public, None, None).await.body.contains("46.66"), "700 of 1,500 is published");
    // Nothing is left to approve: said plainly, nothing changes.
    let again = staff
        .post(&streaming, &format!("/i/{SLUG}/review/{id}/decision"), &[("csrf", &csrf), ("decision", "approve")])
        .await;
    assert!(again.body.contains("Nothing was approved"), "{}", again.body);
    // Without streaming, a quick approval goes straight back to the queue.
    let other = corrected_again(&app, steward_org).await;
    let mut quick = Browser::new();
    quick.sign_in(&app.app, "director").await;
    let csrf = csrf_in(&quick.get(&app.app, &format!("/i/{SLUG}/review/{other}")).await.body);
    let r = quick
        .post(&app.app, &format!("/i/{SLUG}/review/{other}/decision"), &[("csrf", &csrf), ("decision", "approve")])
        .await;
    assert_eq!((r.status, r.location()), (StatusCode::SEE_OTHER, format!("/i/{SLUG}/review?notice=reviewed").as_str()));
}

/// One more submission from the steward (2024-25 in 47302), answering its id.
async fn corrected_again(app: &TestApp, steward_org: Id) -> Id {
    let steward = app.token("steward").await;
    let base = format!("/api/v1/initiatives/{SLUG}");
    let r = app
        .api(
            "POST",
            &format!("{base}/observations"),
            Some(&steward),
            Some(json!({"organization_id": steward_org, "observations": [
                {"indicator": "grade3-reading", "period": "2024-25", "geography": "47302", "numerator": 300, "denominator": 600}
            ]})),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let staff = app.token("director").await;
    let list = app.api("GET", &format!("{base}/review/submissions?waiting_only=true"), Some(&staff), None).await;
    list.json()["submissions"][0]["id"].as_i64().unwrap()
}

both_backends!(
    staff_page_filter_and_decide_a_whole_submission_over_the_api,
    staff_review_a_submission_on_its_page,
    approving_a_whole_submission_shows_its_progress
);
