//! Partner organisations over HTTP.

use super::*;

async fn staff_create_organisations_and_bad_input_writes_nothing(ts: TestStore) {
    let app = TestApp::new(ts).await;
    let staff = app.token("director").await;
    let url = format!("/api/v1/initiatives/{SLUG}/organizations");
    let before = app.api("GET", &url, None, None).await.json().as_array().unwrap().len();
    let audit_before = app.audit_len().await;

    let r = app
        .api(
            "POST",
            &url,
            Some(&staff),
            Some(json!({"name": "", "sector": "faith", "budget_band": "under_100k", "service_area": ["5320A"]})),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.content_type(), "application/problem+json");
    let p = r.json();
    let errors = p["errors"].as_array().unwrap();
    assert!(errors.iter().any(|e| e["field"] == "name" && e["reason"] == "is required"), "{p}");
    assert!(errors.iter().any(|e| e["field"] == "service_area[0]"), "{p}");

    let r = app
        .api(
            "POST",
            &url,
            Some(&staff),
            Some(json!({"name": "X", "sector": "faith", "budget_band": "under_100k", "colour": "blue"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.json()["errors"][0]["reason"].as_str().unwrap().contains("unknown field `colour`"), "{}", r.body);

    let r = app
        .api("POST", &url, Some(&staff), Some(json!({"name": "X", "sector": "astrology", "budget_band": "under_100k"})))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json()["errors"][0]["field"], "sector");

    let r = app
        .send(
            Request::builder()
                .method("POST")
                .uri(&url)
                .header(header::AUTHORIZATION, format!("Bearer {staff}"))
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from("{\"name\": "))
                .unwrap(),
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);

    let huge = json!({"name": "x".repeat(2 * 1024 * 1024), "sector": "faith", "budget_band": "under_100k"});
    let r = app.api("POST", &url, Some(&staff), Some(huge)).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);

    assert_eq!(app.api("GET", &url, None, None).await.json().as_array().unwrap().len(), before);
    assert_eq!(app.audit_len().await, audit_before, "refused requests leave no trace");

    let r = app.api("POST", &url, Some(&staff), Some(new_org("Greater Hope Missionary Baptist Church"))).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(r.json()["name"], "Greater Hope Missionary Baptist Church");
    let dup = app.api("POST", &url, Some(&staff), Some(new_org("Greater Hope Missionary Baptist Church"))).await;
    assert_eq!(dup.status, StatusCode::CONFLICT);
    assert_eq!(dup.json()["errors"][0]["field"], "name");
    let log = app
        .api("GET", &format!("/api/v1/initiatives/{SLUG}/audit?entity=organization&limit=1"), Some(&staff), None)
        .await
        .json();
    assert_eq!(log[0]["action"], "organization.create");
    assert_eq!(log[0]["actor_name"], "Danielle Okafor");
}

both_backends!(staff_create_organisations_and_bad_input_writes_nothing);
