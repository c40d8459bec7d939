use super::*;
use crate::audit::Actor;
use crate::error::StoreResult;

/// Mail preferences, unsubscribe tokens and the mail log.
#[async_trait::async_trait]
pub trait MailStore: Send + Sync {
    /// A person's settings (a digest of `never` when they chose nothing).
    async fn mail_preference(&self, initiative_id: Id, person_id: Id) -> StoreResult<MailPreference>;
    /// Sets how often a person gets a digest and in which language (a code of the catalogue,
    /// checked by the caller); `token` is used if they have none yet.
    #[allow(clippy::too_many_arguments)]
    async fn set_mail_preference(
        &self,
        actor: &Actor,
        initiative_id: Id,
        person_id: Id,
        digest: DigestFrequency,
        language: &str,
        token: &str,
    ) -> StoreResult<MailPreference>;
    /// People who asked for a digest and have an e-mail address, in every initiative.
    async fn digest_recipients(&self) -> StoreResult<Vec<Recipient>>;
    async fn mark_digest_sent(&self, person_id: Id, at: DateTime<Utc>) -> StoreResult<()>;
    /// Stops every digest of the person the token belongs to; answers their name, or `None`
    /// for a token that matches nobody.
    async fn unsubscribe(&self, token: &str) -> StoreResult<Option<String>>;
    async fn log_mail(
        &self,
        initiative_id: Id,
        person_id: Option<Id>,
        to: &str,
        subject: &str,
        status: &str,
        error: &str,
    ) -> StoreResult<()>;
    /// The initiative's mail log, newest first.
    async fn mail_log(&self, initiative_id: Id, limit: u32) -> StoreResult<Vec<MailLogEntry>>;
}
