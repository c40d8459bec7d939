use super::*;
use crate::error::StoreResult;

/// A page of the audit log, newest first.
#[derive(Debug, Clone, Default)]
pub struct AuditQuery {
    pub initiative_id: Option<Id>,
    pub entity: Option<String>,
    pub before_id: Option<Id>,
    pub limit: i64,
}

/// The audit log. Entries are written by the other stores, in the same transaction as the change
/// they record, and never changed.
#[async_trait::async_trait]
pub trait AuditStore: Send + Sync {
    async fn audit(&self, query: &AuditQuery) -> StoreResult<Vec<AuditEntry>>;
}
