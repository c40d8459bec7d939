//! Table charters (`core::charters`): append-only versions and members' endorsements.

use super::*;
use backbone_core::charters::*;
use backbone_core::Invalid;

const VERSION_COLS: &str = "v.id, v.table_id, v.version, v.charter_values, v.roles, v.decision_making, v.conflict,
     v.reason, v.author_name, v.created_at";

#[derive(sqlx::FromRow)]
struct VersionRow {
    id: Id,
    table_id: Id,
    version: i64,
    charter_values: String,
    roles: String,
    decision_making: String,
    conflict: String,
    reason: String,
    author_name: String,
    created_at: DateTime<Utc>,
}

impl VersionRow {
    fn into_domain(self) -> CharterVersion {
        CharterVersion {
            id: self.id,
            table_id: self.table_id,
            version: self.version as u32,
            values: self.charter_values,
            roles: self.roles,
            decision_making: self.decision_making,
            conflict: self.conflict,
            reason: self.reason,
            author_name: self.author_name,
            created_at: self.created_at,
        }
    }
}

#[derive(sqlx::FromRow)]
struct EndorsementRow {
    version_id: Id,
    person_id: Id,
    name: String,
    comment: String,
    at: DateTime<Utc>,
}

impl This {
    async fn table_in(tx: &mut sqlx::Transaction<'_, Db>, initiative_id: Id, table_id: Id) -> StoreResult<()> {
        let found: Option<Id> = sqlx::query_scalar("SELECT id FROM tables WHERE initiative_id = $1 AND id = $2")
            .bind(initiative_id)
            .bind(table_id)
            .fetch_optional(&mut **tx)
            .await
            .map_err(db_err)?;
        found.map(|_| ()).ok_or(StoreError::NotFound("table"))
    }
}

#[async_trait::async_trait]
impl CharterStore for This {
    async fn charter_versions(&self, initiative_id: Id, table_id: Id) -> StoreResult<Vec<CharterVersion>> {
        let rows = sqlx::query_as::<_, VersionRow>(&format!(
            "SELECT {VERSION_COLS} FROM charter_versions v JOIN tables t ON t.id = v.table_id
             WHERE t.initiative_id = $1 AND v.table_id = $2 ORDER BY v.version DESC"
        ))
        .bind(initiative_id)
        .bind(table_id)
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)?;
        Ok(rows.into_iter().map(VersionRow::into_domain).collect())
    }

    async fn adopt_charter(
        &self,
        actor: &Actor,
        initiative_id: Id,
        table_id: Id,
        input: &CharterInput,
    ) -> StoreResult<CharterVersion> {
        let now = Utc::now();
        let mut tx = self.begin().await?;
        Self::table_in(&mut tx, initiative_id, table_id).await?;
        let last: Option<i64> = sqlx::query_scalar("SELECT MAX(version) FROM charter_versions WHERE table_id = $1")
            .bind(table_id)
            .fetch_one(&mut *tx)
            .await
            .map_err(db_err)?;
        input.validate(last.is_none())?;
        let row = sqlx::query_as::<_, VersionRow>(&format!(
            "INSERT INTO charter_versions (table_id, version, charter_values, roles, decision_making, conflict, reason,
                 author_name, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
             RETURNING {}",
            VERSION_COLS.replace("v.", "")
        ))
        .bind(table_id)
        .bind(last.unwrap_or(0) + 1)
        .bind(input.values.trim())
        .bind(input.roles.trim())
        .bind(input.decision_making.trim())
        .bind(input.conflict.trim())
        .bind(input.reason.trim())
        .bind(&actor.name)
        .bind(now)
        .fetch_one(&mut *tx)
        .await
        .map_err(db_err)?;
        let v = row.into_domain();
        Self::audit(
            &mut tx,
            actor,
            Audit {
                initiative_id: Some(initiative_id),
                action: "charter.version",
                entity: "table",
                entity_id: Some(table_id),
                before: None,
                after: Some(to_json(&v)),
            },
            now,
        )
        .await?;
        tx.commit().await.map_err(db_err)?;
        Ok(v)
    }

    async fn endorse_charter(
        &self,
        actor: &Actor,
        initiative_id: Id,
        version_id: Id,
        person_id: Id,
        comment: &str,
    ) -> StoreResult<CharterEndorsement> {
        let mut inv = Invalid::new();
        check_text(&mut inv, "comment", comment, 0, 1000);
        inv.into_result()?;
        let now = Utc::now();
        let mut tx = self.begin().await?;
        let found: Option<Id> = sqlx::query_scalar(
            "SELECT v.id FROM charter_versions v JOIN tables t ON t.id = v.table_id WHERE t.initiative_id = $1 AND v.id = $2",
        )
        .bind(initiative_id)
        .bind(version_id)
        .fetch_optional(&mut *tx)
        .await
        .map_err(db_err)?;
        found.ok_or(StoreError::NotFound("charter version"))?;
        sqlx::query(
            "INSERT INTO charter_endorsements (version_id, person_id, comment, at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (version_id, person_id) DO UPDATE SET comment = $3, at = $4",
        )
        .bind(version_id)
        .bind(person_id)
        .bind(comment.trim())
        .bind(now)
        .execute(&mut *tx)
        .await
        .map_err(db_err)?;
        Self::audit(
            &mut tx,
            actor,
            Audit {
                initiative_id: Some(initiative_id),
                action: "charter.endorse",
                entity: "charter_version",
                entity_id: Some(version_id),
                before: None,
                after: Some(serde_json::json!({ "person_id": person_id, "comment": comment.trim() }).to_string()),
            },
            now,
        )
        .await?;
        tx.commit().await.map_err(db_err)?;
        let all = self.charter_endorsements(initiative_id, version_id).await?;
        all.into_iter().find(|e| e.person_id == person_id).ok_or(StoreError::NotFound("endorsement"))
    }

    async fn charter_endorsements(&self, initiative_id: Id, version_id: Id) -> StoreResult<Vec<CharterEndorsement>> {
        let rows = sqlx::query_as::<_, EndorsementRow>(
            "SELECT e.version_id, e.person_id, p.name, e.comment, e.at
             FROM charter_endorsements e JOIN people p ON p.id = e.person_id
             WHERE p.initiative_id = $1 AND e.version_id = $2 ORDER BY e.at",
        )
        .bind(initiative_id)
        .bind(version_id)
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)?;
        Ok(rows
            .into_iter()
            .map(|r| CharterEndorsement {
                version_id: r.version_id,
                person_id: r.person_id,
                person_name: r.name,
                comment: r.comment,
                at: r.at,
            })
            .collect())
    }
}
