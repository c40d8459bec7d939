//! The delivery worker: fans the outbox out to the endpoints, then sends each delivery that is
//! due, signed (Standard Webhooks), and records the attempt. State lives in the database, so a
//! restart loses nothing: an attempt cut off by a stop is tried again once its lease ends, and
//! several servers share the work without sending anything twice at once.

use backbone_core::webhooks::{signature, Attempt, Due, Outcome};
use backbone_core::Store;
use chrono::{DateTime, Duration, Utc};
use std::sync::Arc;
use std::time::Instant;

/// How long a claimed delivery is someone's (longer than an attempt can take).
const LEASE_SECONDS: i64 = 60;
/// How long a receiver has to answer.
const TIMEOUT_SECONDS: u64 = 10;
/// Deliveries sent per round.
const PER_ROUND: u32 = 50;

/// The HTTP client deliveries are sent with: no redirects followed, a timeout, our name.
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(std::time::Duration::from_secs(TIMEOUT_SECONDS))
        .user_agent(concat!("Backbone-Webhooks/", env!("CARGO_PKG_VERSION")))
        .build()
        .expect("the HTTP client builds")
}

/// Sends one delivery and says how it went.
async fn send(client: &reqwest::Client, due: &Due, now: DateTime<Utc>) -> Outcome {
    let timestamp = now.timestamp();
    let id = &due.delivery.message_id;
    let started = Instant::now();
    let answer = client
        .post(&due.url)
        .header("content-type", "application/json")
        .header("webhook-id", id)
        .header("webhook-timestamp", timestamp.to_string())
        .header("webhook-signature", signature(&due.secret, id, timestamp, &due.payload))
        .body(due.payload.clone())
        .send()
        .await;
    let milliseconds = started.elapsed().as_millis().min(u128::from(u32::MAX)) as u32;
    let (status, error, delivered) = match answer {
        Ok(r) if r.status().is_success() => (Some(r.status().as_u16()), String::new(), true),
        Ok(r) => (Some(r.status().as_u16()), format!("the receiver answered {}", r.status()), false),
        Err(e) if e.is_timeout() => (None, format!("no answer within {TIMEOUT_SECONDS} seconds"), false),
        Err(e) if e.is_connect() => (None, "could not connect to the receiver".into(), false),
        Err(e) => (None, format!("sending failed: {e}"), false),
    };
    Outcome { attempt: Attempt { at: now, status, error, milliseconds }, delivered }
}

/// One round at `now`: fan out, then send what is due. Answers how many attempts were made.
pub async fn round(store: &dyn Store, client: &reqwest::Client, now: DateTime<Utc>) -> Result<usize, String> {
    store.fan_out(now).await.map_err(|e| e.to_string())?;
    let due = store.claim_due(now, Duration::seconds(LEASE_SECONDS), PER_ROUND).await.map_err(|e| e.to_string())?;
    let n = due.len();
    for d in due {
        let outcome = send(client, &d, Utc::now().max(now)).await;
        if let Err(e) = store.record_attempt(d.delivery.id, &outcome).await {
            tracing::warn!(delivery = d.delivery.id, error = %e, "could not record a webhook attempt");
        }
    }
    Ok(n)
}

/// Runs rounds every second until the process stops.
pub async fn run(store: Arc<dyn Store>) {
    let client = client();
    loop {
        match round(store.as_ref(), &client, Utc::now()).await {
            Ok(n) if n > 0 => tracing::info!(attempts = n, "webhook deliveries attempted"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "webhook round failed; trying again shortly"),
        }
        tokio::time::sleep(std::time::Duration::from_secs(1)).await;
    }
}
