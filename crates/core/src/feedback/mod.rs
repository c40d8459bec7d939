//! "You said, we did": anyone may say whether a published number matches what they live, and add
//! context — anonymous unless they give a name, a few times an hour at most from one place —;
//! backbone staff read every message before it is shown; the indicator's owner (its data steward,
//! or staff) answers, and the answers are public beside the number.

mod store;
#[cfg(test)]
mod tests;

pub use store::FeedbackStore;

use crate::checks::{check_email, check_text};
use crate::error::Invalid;
use crate::vocabulary::vocabulary;
use crate::Id;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

vocabulary! {
    /// Whether the number matches what the person sees and lives.
    Agreement {
        Yes => "yes",
        Partly => "partly",
        No => "no",
    }
}

vocabulary! {
    /// Where a message is: waiting for staff to read it, shown, or not shown (with a note).
    FeedbackStatus {
        Waiting => "waiting",
        Published => "published",
        Declined => "declined",
    }
}

/// How many messages one place (a client address) may send an initiative in an hour.
pub const PER_HOUR: u64 = 5;

/// What a person sends about a published number.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FeedbackInput {
    pub matches: Agreement,
    /// What they see that the number does not show (required unless it matches).
    #[serde(default)]
    pub comment: String,
    /// Shown with the message when given; anonymous otherwise.
    #[serde(default)]
    pub name: String,
    /// An e-mail address for a reply, seen only by staff; optional.
    #[serde(default)]
    pub contact: String,
}

impl FeedbackInput {
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut inv = Invalid::new();
        let min = if self.matches == Agreement::Yes { 0 } else { 1 };
        check_text(&mut inv, "comment", &self.comment, min, 2000);
        if inv.reason_for("comment") == Some("is required") {
            inv.0.retain(|e| e.field != "comment");
            inv.add("comment", "tell us what you see that the number does not show");
        }
        check_text(&mut inv, "name", &self.name, 0, 100);
        if !self.contact.trim().is_empty() {
            check_email(&mut inv, "contact", self.contact.trim());
        }
        if self.comment.matches("http").count() > 2 {
            inv.add("comment", "at most two links");
        }
        inv.into_result()
    }
}

/// The owner's answer: what they heard and what they did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Reply {
    pub text: String,
    /// Who answered: the owning organisation's name, or the backbone's.
    pub by: String,
    pub at: DateTime<Utc>,
}

/// A message about a published number.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Feedback {
    pub id: Id,
    pub indicator_key: String,
    pub matches: Agreement,
    pub comment: String,
    /// The name given, if any.
    pub name: Option<String>,
    /// Staff only.
    pub contact: Option<String>,
    /// The language of the page it was sent from (`en`, `es`).
    pub language: String,
    pub status: FeedbackStatus,
    /// Why staff did not show it (staff only).
    pub moderation_note: Option<String>,
    pub reply: Option<Reply>,
    pub created_at: DateTime<Utc>,
}

impl Feedback {
    /// What someone who is not backbone staff is shown of it: never the contact or the note.
    pub fn shown(mut self, staff: bool) -> Feedback {
        if !staff {
            self.contact = None;
            self.moderation_note = None;
        }
        self
    }
}

/// Staff's decision about a waiting message.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ModerationInput {
    /// `published` or `declined`.
    pub status: FeedbackStatus,
    /// Required when declining: why (kept, not shown).
    #[serde(default)]
    pub note: String,
}

impl ModerationInput {
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut inv = Invalid::new();
        match self.status {
            FeedbackStatus::Waiting => inv.add("status", "must be published or declined"),
            FeedbackStatus::Declined => check_text(&mut inv, "note", &self.note, 1, 500),
            FeedbackStatus::Published => check_text(&mut inv, "note", &self.note, 0, 500),
        }
        inv.into_result()
    }
}

#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReplyInput {
    pub text: String,
}

impl ReplyInput {
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut inv = Invalid::new();
        check_text(&mut inv, "text", &self.text, 1, 2000);
        inv.into_result()
    }
}
