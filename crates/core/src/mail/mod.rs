//! E-mail: each person chooses a daily or weekly digest of their "for me" feed (or none, the
//! default: nobody is mailed who did not ask), and can stop it with one click from any message.
//! Every message sent, or that failed, is kept in the mail log. People, not accounts, get mail:
//! a resident without a sign-in can still follow their table.

mod store;
pub use store::MailStore;

use crate::vocabulary::vocabulary;
use crate::Id;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

vocabulary! {
    /// How often a person gets a digest.
    DigestFrequency {
        Never => "never",
        Daily => "daily",
        Weekly => "weekly",
    }
}

impl DigestFrequency {
    /// The time a digest covers.
    pub fn span(self) -> Option<Duration> {
        match self {
            DigestFrequency::Never => None,
            DigestFrequency::Daily => Some(Duration::days(1)),
            DigestFrequency::Weekly => Some(Duration::days(7)),
        }
    }
}

/// One person's mail settings in an initiative.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct MailPreference {
    pub person_id: Id,
    pub digest: DigestFrequency,
    /// The language digests are written in ("en", "es"): the one of the page where they were chosen.
    pub language: String,
    pub last_digest_at: Option<DateTime<Utc>>,
}

/// Someone a digest may be due for.
#[derive(Debug, Clone, PartialEq)]
pub struct Recipient {
    pub initiative_id: Id,
    pub person_id: Id,
    pub name: String,
    pub email: String,
    /// The account linked to the person, for the indicators it follows.
    pub user_id: Option<Id>,
    pub digest: DigestFrequency,
    pub language: String,
    pub last_digest_at: Option<DateTime<Utc>>,
    /// The one-click unsubscribe token in every message.
    pub token: String,
}

impl Recipient {
    /// Whether a digest is due at `now` (a few minutes early counts, so that a daily digest does
    /// not creep later each day), and the time it covers from.
    pub fn due(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let span = self.digest.span()?;
        match self.last_digest_at {
            Some(last) if now - last < span - Duration::minutes(10) => None,
            Some(last) => Some(last),
            None => Some(now - span),
        }
    }
}

/// A message in the mail log.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct MailLogEntry {
    pub id: Id,
    pub person_id: Option<Id>,
    pub to: String,
    pub subject: String,
    /// `sent`, `logged` (no SMTP server configured: written to the server's log) or `failed`.
    pub status: String,
    pub error: String,
    pub at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn recipient(digest: DigestFrequency, last: Option<DateTime<Utc>>) -> Recipient {
        Recipient {
            initiative_id: 1,
            person_id: 2,
            name: "Hodan Warsame".into(),
            email: "hodan@example.org".into(),
            user_id: None,
            digest,
            language: "en".into(),
            last_digest_at: last,
            token: "t".into(),
        }
    }

    #[test]
    fn digests_come_when_asked_and_not_before() {
        let now: DateTime<Utc> = "2026-12-01T07:00:00Z".parse().unwrap();
        assert_eq!(recipient(DigestFrequency::Never, None).due(now), None, "nobody is mailed who did not ask");
        assert_eq!(recipient(DigestFrequency::Daily, None).due(now), Some(now - Duration::days(1)));
        let yesterday = now - Duration::hours(23) - Duration::minutes(55);
        assert_eq!(
            recipient(DigestFrequency::Daily, Some(yesterday)).due(now),
            Some(yesterday),
            "a little early is on time"
        );
        let this_morning = now - Duration::hours(3);
        assert_eq!(recipient(DigestFrequency::Daily, Some(this_morning)).due(now), None);
        assert_eq!(recipient(DigestFrequency::Weekly, Some(now - Duration::days(3))).due(now), None);
    }
}
