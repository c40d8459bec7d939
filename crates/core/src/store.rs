//! The one interface to storage: `Store` is the sum of each capability's store trait.
//! `backbone-store` implements it for SQLite and PostgreSQL; the web and CLI layers see only it.
//!
//! Invariants every implementation keeps:
//! - every write runs in one transaction together with its audit entry: all of it or nothing;
//! - inputs are validated (`validate()`) before anything is written;
//! - agenda versions, ended memberships and audit entries are never changed or deleted.
//!
//! Callers bring the traits into scope with `use backbone_core::store::prelude::*`.

use crate::error::StoreResult;

pub mod prelude {
    //! Every capability's store trait, to call their methods on a `dyn Store`.
    pub use super::Store;
    pub use crate::accountability::AccountabilityStore;
    pub use crate::accounts::AccountStore;
    pub use crate::activities::ActivityStore;
    pub use crate::agenda::AgendaStore;
    pub use crate::assessments::AssessmentStore;
    pub use crate::audit::AuditStore;
    pub use crate::charters::CharterStore;
    pub use crate::commitments::CommitmentStore;
    pub use crate::community_assets::CommunityAssetStore;
    pub use crate::decisions::DecisionStore;
    pub use crate::exchange::ExchangeStore;
    pub use crate::feed::FeedStore;
    pub use crate::feedback::FeedbackStore;
    pub use crate::initiative::InitiativeStore;
    pub use crate::joining::JoiningStore;
    pub use crate::learning::LearningStore;
    pub use crate::mail::MailStore;
    pub use crate::maps::MapStore;
    pub use crate::measure::upload::UploadStore;
    pub use crate::measure::{MeasureStore, PlaceStore};
    pub use crate::meetings::MeetingStore;
    pub use crate::network::NetworkStore;
    pub use crate::partners::PartnerStore;
    pub use crate::people::PeopleStore;
    pub use crate::representation::RepresentationStore;
    pub use crate::review::ReviewStore;
    pub use crate::tables::TableStore;
    pub use crate::translations::TranslationStore;
    pub use crate::turn_the_curve::TurnTheCurveStore;
    pub use crate::webhooks::WebhookStore;
}

use prelude::*;

#[async_trait::async_trait]
pub trait Store:
    InitiativeStore
    + AgendaStore
    + PartnerStore
    + PeopleStore
    + TableStore
    + AccountStore
    + AuditStore
    + MeasureStore
    + ActivityStore
    + CommunityAssetStore
    + CommitmentStore
    + MeetingStore
    + DecisionStore
    + AccountabilityStore
    + FeedStore
    + WebhookStore
    + LearningStore
    + MailStore
    + MapStore
    + CharterStore
    + RepresentationStore
    + NetworkStore
    + FeedbackStore
    + ReviewStore
    + JoiningStore
    + AssessmentStore
    + TurnTheCurveStore
    + TranslationStore
    + PlaceStore
    + UploadStore
    + ExchangeStore
    + Send
    + Sync
    + 'static
{
    /// Answers when the database can be reached.
    async fn ping(&self) -> StoreResult<()>;
    /// "sqlite" or "postgres".
    fn backend(&self) -> &'static str;
    /// The years reporting periods may start in (the server's configuration): indicators'
    /// baselines and targets and submitted numbers are checked against them.
    fn years(&self) -> crate::measure::period::Years;
    /// How far what the public can read has come: a counter every audited write moves (but
    /// those in [`crate::audit::changes_nothing_public`]) in its own transaction, and when it
    /// last moved. Every app server's cache of public answers compares it on each request.
    async fn content_version(&self) -> StoreResult<ContentVersion>;
}

/// See [`Store::content_version`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ContentVersion {
    pub version: i64,
    pub changed_at: chrono::DateTime<chrono::Utc>,
}
