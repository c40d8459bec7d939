use super::*;

pub(super) const AUDIT_COLS: &str =
    "id, initiative_id, actor_user_id, actor_name, action, entity, entity_id, before_json, after_json, at";

#[async_trait::async_trait]
impl AuditStore for This {
    async fn audit(&self, q: &AuditQuery) -> StoreResult<Vec<AuditEntry>> {
        let limit = if q.limit <= 0 { 50 } else { q.limit.min(500) };
        sqlx::query_as::<_, AuditRow>(&format!(
            "SELECT {AUDIT_COLS}
             FROM audit_log
             WHERE ($1 IS NULL OR initiative_id = $1) AND ($2 IS NULL OR entity = $2) AND ($3 IS NULL OR id < $3)
             ORDER BY id DESC
             LIMIT $4"
        ))
        .bind(q.initiative_id)
        .bind(q.entity.as_deref())
        .bind(q.before_id)
        .bind(limit)
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(AuditRow::into_domain)
        .collect()
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct AuditRow {
    pub id: i64,
    pub initiative_id: Option<i64>,
    pub actor_user_id: Option<i64>,
    pub actor_name: String,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<i64>,
    pub before_json: Option<String>,
    pub after_json: Option<String>,
    pub at: DateTime<Utc>,
}

impl AuditRow {
    pub(super) fn into_domain(self) -> Result<AuditEntry, StoreError> {
        Ok(AuditEntry {
            id: self.id,
            initiative_id: self.initiative_id,
            actor_user_id: self.actor_user_id,
            actor_name: self.actor_name,
            action: self.action,
            entity: self.entity,
            entity_id: self.entity_id,
            before: self.before_json.as_deref().map(json).transpose()?,
            after: self.after_json.as_deref().map(json).transpose()?,
            at: self.at,
        })
    }
}
