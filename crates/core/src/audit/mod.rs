//! The audit log: every write, with who made it, and the record before and after.

mod store;
pub use store::{AuditQuery, AuditStore};

use crate::accounts::User;
use crate::Id;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// One write, as it happened: who, what, when, and the record before and after.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct AuditEntry {
    pub id: Id,
    pub initiative_id: Option<Id>,
    pub actor_user_id: Option<Id>,
    pub actor_name: String,
    /// `organization.create`, `agenda.version`, `membership.update` …
    pub action: String,
    pub entity: String,
    pub entity_id: Option<Id>,
    /// The record before the change, as JSON of any shape; null when it was created.
    pub before: Option<serde_json::Value>,
    /// The record (or a summary of the change) afterwards, as JSON of any shape; null when deleted.
    pub after: Option<serde_json::Value>,
    pub at: DateTime<Utc>,
}

/// Who is writing: recorded in the audit log with every change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user_id: Option<Id>,
    /// The name shown in the audit log and on agenda versions ("Maria Lopez", or "backbone CLI").
    pub name: String,
}

impl Actor {
    pub fn user(user: &User) -> Self {
        Actor { user_id: Some(user.id), name: user.display_name.clone() }
    }
    pub fn system(name: &str) -> Self {
        Actor { user_id: None, name: name.to_string() }
    }
}

/// The audited writes that change nothing the public can read, so they leave cached public
/// answers in place: numbers submitted or saved as drafts (published numbers are approved
/// numbers), a person's own secrets and mail settings, webhooks, and answers to surveys and
/// self-assessments (shown only once a round closes, which is itself a write). Every other
/// write makes every cached public answer out of date: over-invalidating is safe, missing one
/// is not, so this list stays short.
pub fn changes_nothing_public(action: &str) -> bool {
    matches!(
        action,
        "observation.submit"
            | "observation.send_drafts"
            | "user.password"
            | "user.feed_key"
            | "token.create"
            | "token.revoke"
            | "person.mail"
            | "person.unsubscribe"
            | "webhook.create"
            | "webhook.update"
            | "webhook.redeliver"
            | "survey_response.submit"
            | "assessment.answer"
    )
}

#[cfg(test)]
mod public_tests {
    use super::*;

    #[test]
    fn only_writes_the_public_cannot_see_leave_cached_answers_in_place() {
        assert!(changes_nothing_public("observation.submit"));
        for action in
            ["observation.review", "indicator.update", "initiative.update", "content.translate", "geography.set"]
        {
            assert!(!changes_nothing_public(action), "{action} changes what the public reads");
        }
    }
}
