//! Webhooks over real HTTP: a local receiver gets each event once it happened, signed the
//! Standard Webhooks way; a failing receiver is tried again after the wait; the state survives
//! a restart of the sender; nothing is told of a change that did not happen, or of a vote.

use super::*;
use axum::routing::post;
use base64::Engine;
use chrono::{Duration, Utc};
use hmac::{Hmac, Mac};
use std::sync::Mutex;

/// What the receiver got: (headers, body).
type Received = Arc<Mutex<Vec<(axum::http::HeaderMap, String)>>>;

/// A real HTTP receiver on a free local port; answers 500 while `failing` is above zero.
async fn receiver() -> (String, Received, Arc<Mutex<u32>>) {
    let got: Received = Arc::default();
    let failing = Arc::new(Mutex::new(0u32));
    let (g, f) = (got.clone(), failing.clone());
    let app = Router::new().route(
        "/hook",
        post(move |headers: axum::http::HeaderMap, body: String| {
            let (g, f) = (g.clone(), f.clone());
            async move {
                g.lock().unwrap().push((headers, body));
                let mut f = f.lock().unwrap();
                if *f > 0 {
                    *f -= 1;
                    StatusCode::INTERNAL_SERVER_ERROR
                } else {
                    StatusCode::NO_CONTENT
                }
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (format!("http://{addr}/hook"), got, failing)
}

/// Checks a request's signature as a receiver would, from the secret alone.
fn verified(secret: &str, headers: &axum::http::HeaderMap, body: &str) -> bool {
    let b64 = base64::engine::general_purpose::STANDARD;
    let key = b64.decode(secret.trim_start_matches("whsec_")).unwrap();
    let id = headers["webhook-id"].to_str().unwrap();
    let ts = headers["webhook-timestamp"].to_str().unwrap();
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(&key).unwrap();
    mac.update(format!("{id}.{ts}.{body}").as_bytes());
    let expected = format!("v1,{}", b64.encode(mac.finalize().into_bytes()));
    headers["webhook-signature"].to_str().unwrap().split(' ').any(|s| s == expected)
}

async fn receivers_get_signed_events_and_failures_are_retried(ts: TestStore) {
    let app = TestApp::new(ts).await;
    let base = format!("/api/v1/initiatives/{SLUG}");
    let staff = app.token("director").await;
    let member = app.token("member").await;
    let (url, got, failing) = receiver().await;
    let hooks = format!("{base}/webhooks");
    let wanted = json!({"url": url, "description": "Partner dashboard", "event_types": ["commitment.create", "commitment.status", "decision.create"]});
    assert_eq!(app.api("POST", &hooks, Some(&member), Some(wanted.clone())).await.status, StatusCode::FORBIDDEN);
    let r =
        app.api("POST", &hooks, Some(&staff), Some(json!({"url": "ftp://x", "event_types": ["decision.vote"]}))).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<Value> = r.json()["errors"].as_array().unwrap().iter().map(|e| e["field"].clone()).collect();
    assert_eq!(fields, [json!("url"), json!("event_types[0]")]);
    let r = app.api("POST", &hooks, Some(&staff), Some(wanted)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let secret = r.json()["secret"].as_str().unwrap().to_string();
    assert!(secret.starts_with("whsec_"));
    let client = backbone_web::webhooks::deliver::client();
    let store = app.store.as_ref();

    // A change that did not happen is told to nobody.
    let bad = json!({"title": "", "due_on": "2027-01-01"});
    assert_eq!(
        app.api("POST", &format!("{base}/commitments"), Some(&staff), Some(bad)).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(backbone_web::webhooks::deliver::round(store, &client, Utc::now()).await.unwrap(), 0);

    // One that did is told once, signed.
    let org = app.org_id("Riverbend Reads").await;
    let made = json!({"organization_id": org, "title": "Open two Saturday reading rooms", "due_on": "2027-02-01"});
    let r = app.api("POST", &format!("{base}/commitments"), Some(&staff), Some(made)).await;
    let id = r.json()["id"].as_i64().unwrap();
    assert_eq!(backbone_web::webhooks::deliver::round(store, &client, Utc::now()).await.unwrap(), 1);
    {
        let got = got.lock().unwrap();
        assert_eq!(got.len(), 1);
        let (headers, body) = &got[0];
        assert!(verified(&secret, headers, body), "the signature checks out");
        assert!(!verified("whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", headers, body));
        let v: Value = serde_json::from_str(body).unwrap();
        assert_eq!(v["type"], "commitment.create");
        assert_eq!(v["data"]["title"], "Open two Saturday reading rooms");
        assert_eq!(headers["content-type"], "application/json");
    }
    assert_eq!(backbone_web::webhooks::deliver::round(store, &client, Utc::now()).await.unwrap(), 0, "sent once");

    // The receiver fails: tried again after five seconds, not before.
    *failing.lock().unwrap() = 1;
    let change = json!({"status": "at_risk", "reason": "The library is closed for repairs"});
    assert_eq!(
        app.api("POST", &format!("{base}/commitments/{id}/status"), Some(&staff), Some(change)).await.status,
        StatusCode::OK
    );
    let now = Utc::now();
    assert_eq!(backbone_web::webhooks::deliver::round(store, &client, now).await.unwrap(), 1);
    let log = app.api("GET", &format!("{base}/webhook-deliveries"), Some(&staff), None).await.json();
    let last = &log[0];
    assert_eq!(
        (last["event_type"].clone(), last["status"].clone(), last["last_status"].clone()),
        (json!("commitment.status"), json!("pending"), json!(500))
    );
    assert_eq!(backbone_web::webhooks::deliver::round(store, &client, now + Duration::seconds(2)).await.unwrap(), 0);
    // A restarted sender (a new client, the same database) picks it up when it is due.
    let restarted = backbone_web::webhooks::deliver::client();
    assert_eq!(backbone_web::webhooks::deliver::round(store, &restarted, now + Duration::seconds(6)).await.unwrap(), 1);
    let log = app.api("GET", &format!("{base}/webhook-deliveries"), Some(&staff), None).await.json();
    assert_eq!(log[0]["status"], "delivered");
    let attempts = app
        .api("GET", &format!("{base}/webhook-deliveries/{}/attempts", log[0]["id"]), Some(&staff), None)
        .await
        .json();
    let statuses: Vec<Value> = attempts.as_array().unwrap().iter().map(|a| a["status"].clone()).collect();
    assert_eq!(statuses, [json!(500), json!(204)]);
    {
        let got = got.lock().unwrap();
        assert_eq!(got.len(), 3);
        assert_eq!(got[1].0["webhook-id"], got[2].0["webhook-id"], "a retry keeps its id");
    }

    // Votes are never told; events the receiver did not ask for are not sent to it.
    let reading = app
        .store
        .tables(app.initiative.id)
        .await
        .unwrap()
        .into_iter()
        .find(|t| t.name == "Early Grade Reading Working Group")
        .unwrap();
    let d = app
        .api(
            "POST",
            &format!("{base}/decisions"),
            Some(&staff),
            Some(json!({"table_id": reading.id, "title": "Saturday hours", "process": "consent"})),
        )
        .await
        .json();
    app.api(
        "POST",
        &format!("{base}/decisions/{}/votes", d["id"]),
        Some(&member),
        Some(json!({"position": "consent"})),
    )
    .await;
    let meeting =
        json!({"table_id": reading.id, "title": "January meeting", "starts_at": "2027-01-12T23:00:00Z", "minutes": 90});
    app.api("POST", &format!("{base}/meetings"), Some(&staff), Some(meeting)).await;
    assert_eq!(backbone_web::webhooks::deliver::round(store, &client, Utc::now()).await.unwrap(), 1);
    {
        let got = got.lock().unwrap();
        let types: Vec<String> = got
            .iter()
            .map(|(_, b)| serde_json::from_str::<Value>(b).unwrap()["type"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(types.last().unwrap(), "decision.create");
        assert!(!got.iter().any(|(_, b)| b.contains("\"position\"")));
    }

    // The staff page shows the log.
    let mut b = Browser::new();
    b.sign_in(&app.app, "director").await;
    let page = b.get(&app.app, &format!("/i/{SLUG}/webhooks")).await;
    assert!(
        page.body.contains("Partner dashboard")
            && page.body.contains("commitment.status")
            && page.body.contains("Delivered"),
        "{}",
        page.body
    );
}

both_backends!(receivers_get_signed_events_and_failures_are_retried);
