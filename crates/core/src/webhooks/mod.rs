//! Outgoing webhooks: other systems (a partner's case management, a funder's dashboard, a chat
//! channel) hear of changes as they happen. Events are written to an outbox in the same
//! transaction as the change they tell of, so none is lost and none is told of a change that was
//! rolled back; each endpoint gets each event it asked for, signed the Standard Webhooks way
//! (`webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64 HMAC-SHA256>` over
//! `id.timestamp.body`), retried with growing waits until it answers 2xx, and every attempt is
//! kept for staff to read.
//!
//! Which changes are events: the working-together records (commitments, meetings, decisions and
//! their outcomes, activities, agenda versions) and reviews of submitted numbers — never a vote,
//! so an anonymous decision stays anonymous, and never a number of people.

mod store;
pub use store::WebhookStore;

use crate::error::Invalid;
use crate::vocabulary::vocabulary;
use crate::Id;
use base64::Engine;
use chrono::{DateTime, Duration, Utc};
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The changes that are events, by their audit action.
pub const EVENT_TYPES: &[&str] = &[
    "commitment.create",
    "commitment.update",
    "commitment.status",
    "meeting.create",
    "meeting.update",
    "meeting.attendance",
    "decision.create",
    "decision.close",
    "activity.create",
    "activity.update",
    "agenda.version",
    "observation.review",
];

/// Whether a change (by its audit action) is told to webhooks.
pub fn is_event(action: &str) -> bool {
    EVENT_TYPES.contains(&action)
}

/// Endpoints an initiative may have.
pub const MOST_ENDPOINTS: usize = 20;

/// Waits between attempts (the Standard Webhooks schedule): after the first failure 5 seconds,
/// then 5 minutes, 30 minutes, 2, 5, 10 and 10 hours; then the delivery has failed.
const RETRY_WAITS: [i64; 7] = [5, 5 * 60, 30 * 60, 2 * 3600, 5 * 3600, 10 * 3600, 10 * 3600];

/// How long to wait after `attempts` failed attempts; `None` once there are no more.
pub fn retry_after(attempts: u32) -> Option<Duration> {
    RETRY_WAITS.get(attempts.checked_sub(1)? as usize).map(|s| Duration::seconds(*s))
}

/// The most attempts a delivery gets.
pub fn most_attempts() -> u32 {
    RETRY_WAITS.len() as u32 + 1
}

/// A receiving system.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Endpoint {
    pub id: Id,
    pub initiative_id: Id,
    pub url: String,
    pub description: String,
    /// The event types it wants; empty for all of them.
    pub event_types: Vec<String>,
    /// Paused endpoints get nothing (events meanwhile are not kept for them).
    pub active: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Endpoint {
    pub fn wants(&self, event_type: &str) -> bool {
        self.active && (self.event_types.is_empty() || self.event_types.iter().any(|t| t == event_type))
    }
}

#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EndpointInput {
    /// Where events are POSTed: an `https://` (or, for a receiver on a private network, `http://`) address.
    pub url: String,
    #[serde(default)]
    pub description: String,
    /// Event types to send (see `EVENT_TYPES`); empty or absent for all.
    #[serde(default)]
    pub event_types: Vec<String>,
    #[serde(default = "yes")]
    pub active: bool,
}

fn yes() -> bool {
    true
}

impl EndpointInput {
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut inv = Invalid::new();
        if let Err(reason) = check_url(&self.url) {
            inv.add("url", reason);
        }
        crate::checks::check_text(&mut inv, "description", &self.description, 0, 500);
        for (i, t) in self.event_types.iter().enumerate() {
            if !is_event(t) {
                inv.add(
                    format!("event_types[{i}]"),
                    format!("is not an event type (one of {})", EVENT_TYPES.join(", ")),
                );
            }
        }
        inv.into_result()
    }
}

/// Checks a receiver's address: http or https, a host, no user name or password in it.
pub fn check_url(url: &str) -> Result<(), String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| "must start with https:// or http://".to_string())?;
    if url.len() > 2000 {
        return Err("must be at most 2000 characters".into());
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("must not contain spaces".into());
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.is_empty() {
        return Err("must name a host".into());
    }
    if authority.contains('@') {
        return Err("must not carry a user name or password (the signature proves who sends)".into());
    }
    Ok(())
}

vocabulary! {
    /// Where a delivery stands.
    DeliveryStatus {
        /// Waiting for its next attempt.
        Pending => "pending",
        /// The endpoint answered 2xx.
        Delivered => "delivered",
        /// Every attempt failed.
        Failed => "failed",
    }
}

/// One event on its way to one endpoint.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Delivery {
    pub id: Id,
    pub endpoint_id: Id,
    /// The `webhook-id` header: the same on every attempt, so receivers can skip repeats.
    pub message_id: String,
    pub event_type: String,
    pub status: DeliveryStatus,
    pub attempts: u32,
    pub next_attempt_at: Option<DateTime<Utc>>,
    /// The HTTP status of the last attempt, if it got an answer.
    pub last_status: Option<u16>,
    /// What went wrong last, in words.
    pub last_error: String,
    pub created_at: DateTime<Utc>,
    pub delivered_at: Option<DateTime<Utc>>,
}

/// One attempt, for the delivery log.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Attempt {
    pub at: DateTime<Utc>,
    pub status: Option<u16>,
    pub error: String,
    pub milliseconds: u32,
}

/// A delivery claimed for an attempt, with what is needed to send it.
#[derive(Debug, Clone)]
pub struct Due {
    pub delivery: Delivery,
    pub url: String,
    pub secret: String,
    /// The body: `{"type", "timestamp", "data"}`.
    pub payload: String,
}

/// What an attempt came to.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub attempt: Attempt,
    pub delivered: bool,
}

/// A new signing secret: `whsec_` and 24 random bytes in base64 (from the caller's randomness).
pub fn secret_from(bytes: &[u8; 24]) -> String {
    format!("whsec_{}", base64::engine::general_purpose::STANDARD.encode(bytes))
}

/// The `webhook-signature` header of a message: `v1,` and the base64 HMAC-SHA256, keyed with the
/// secret's bytes, of `{id}.{timestamp}.{body}`.
pub fn signature(secret: &str, message_id: &str, timestamp: i64, body: &str) -> String {
    let b64 = base64::engine::general_purpose::STANDARD;
    let key =
        b64.decode(secret.strip_prefix("whsec_").unwrap_or(secret)).unwrap_or_else(|_| secret.as_bytes().to_vec());
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(&key).expect("HMAC takes keys of any length");
    mac.update(format!("{message_id}.{timestamp}.{body}").as_bytes());
    format!("v1,{}", b64.encode(mac.finalize().into_bytes()))
}

/// The event body of a change: its type, when, and the record afterwards (or a summary).
pub fn payload(event_type: &str, at: DateTime<Utc>, data: Option<&str>) -> String {
    let data: serde_json::Value =
        data.and_then(|d| serde_json::from_str(d).ok()).unwrap_or_else(|| serde_json::json!({}));
    serde_json::json!({ "type": event_type, "timestamp": at.to_rfc3339(), "data": data }).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signature_follows_the_standard_webhooks_example() {
        // The example of the Standard Webhooks specification.
        let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        let body = r#"{"test": 2432232314}"#;
        assert_eq!(
            signature(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body),
            "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
        );
    }

    #[test]
    fn retries_wait_longer_each_time_then_stop() {
        assert_eq!(retry_after(0), None);
        assert_eq!(retry_after(1), Some(Duration::seconds(5)));
        assert_eq!(retry_after(2), Some(Duration::minutes(5)));
        assert_eq!(retry_after(7), Some(Duration::hours(10)));
        assert_eq!(retry_after(8), None, "eight attempts, then it has failed");
        assert_eq!(most_attempts(), 8);
    }

    #[test]
    fn receivers_addresses_are_checked() {
        assert!(check_url("https://hooks.example.org/backbone").is_ok());
        assert!(check_url("http://10.0.0.5:8080/in").is_ok());
        assert!(check_url("ftp://example.org").is_err());
        assert!(check_url("https://user:pw@example.org/").unwrap_err().contains("password"));
        assert!(check_url("https:///path").is_err());
        let input = EndpointInput {
            url: "https://example.org".into(),
            description: String::new(),
            event_types: vec!["decision.vote".into()],
            active: true,
        };
        assert!(input
            .validate()
            .unwrap_err()
            .reason_for("event_types[0]")
            .unwrap()
            .starts_with("is not an event type"));
    }

    #[test]
    fn an_endpoint_gets_what_it_asked_for() {
        let mut e = Endpoint {
            id: 1,
            initiative_id: 1,
            url: "https://example.org".into(),
            description: String::new(),
            event_types: vec![],
            active: true,
            created_at: Utc::now(),
            updated_at: Utc::now(),
        };
        assert!(e.wants("decision.close"));
        e.event_types = vec!["commitment.status".into()];
        assert!(!e.wants("decision.close") && e.wants("commitment.status"));
        e.active = false;
        assert!(!e.wants("commitment.status"));
        assert!(!is_event("decision.vote"), "votes are never told");
    }
}
