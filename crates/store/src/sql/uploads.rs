//! Files uploaded through the web, in chunks, between their preview and their import
//! (`core::measure::upload`).

use super::*;
use backbone_core::measure::upload::{Upload, KEPT_HOURS};

const UPLOAD_SELECT: &str = "SELECT u.id, u.token, u.initiative_id, u.user_id, u.file_name, u.created_at,
            COALESCE(SUM(length(c.data)), 0) AS bytes, COUNT(c.seq) AS chunks
     FROM uploads u
     LEFT JOIN upload_chunks c ON c.upload_id = u.id";

#[derive(sqlx::FromRow)]
struct UploadRow {
    id: Id,
    token: String,
    initiative_id: Id,
    user_id: Id,
    file_name: String,
    created_at: DateTime<Utc>,
    bytes: i64,
    chunks: i64,
}

impl UploadRow {
    fn into_domain(self) -> Upload {
        Upload {
            id: self.id,
            token: self.token,
            initiative_id: self.initiative_id,
            user_id: self.user_id,
            file_name: self.file_name,
            bytes: self.bytes,
            chunks: self.chunks,
            created_at: self.created_at,
        }
    }
}

#[async_trait::async_trait]
impl UploadStore for This {
    async fn begin_upload(&self, initiative_id: Id, user_id: Id, token: &str, file_name: &str) -> StoreResult<Upload> {
        let now = Utc::now();
        let mut tx = self.begin().await?;
        let expired = now - chrono::Duration::hours(KEPT_HOURS);
        sqlx::query(
            "DELETE FROM upload_chunks
             WHERE upload_id IN (SELECT id FROM uploads WHERE created_at < $1)",
        )
        .bind(expired)
        .execute(&mut *tx)
        .await
        .map_err(db_err)?;
        sqlx::query("DELETE FROM uploads WHERE created_at < $1")
            .bind(expired)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        let name: String = file_name.chars().filter(|c| !c.is_control()).take(200).collect();
        let id: Id = sqlx::query_scalar(
            "INSERT INTO uploads (token, initiative_id, user_id, file_name, created_at)
             VALUES ($1, $2, $3, $4, $5)
             RETURNING id",
        )
        .bind(token)
        .bind(initiative_id)
        .bind(user_id)
        .bind(&name)
        .bind(now)
        .fetch_one(&mut *tx)
        .await
        .map_err(db_err)?;
        tx.commit().await.map_err(db_err)?;
        Ok(Upload {
            id,
            token: token.to_string(),
            initiative_id,
            user_id,
            file_name: name,
            bytes: 0,
            chunks: 0,
            created_at: now,
        })
    }

    async fn append_upload_chunk(&self, upload_id: Id, seq: i64, data: &[u8]) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO upload_chunks (upload_id, seq, data)
             VALUES ($1, $2, $3)",
        )
        .bind(upload_id)
        .bind(seq)
        .bind(data)
        .execute(&self.pool)
        .await
        .map_err(db_err)?;
        Ok(())
    }

    async fn upload(&self, initiative_id: Id, user_id: Id, token: &str) -> StoreResult<Option<Upload>> {
        let expired = Utc::now() - chrono::Duration::hours(KEPT_HOURS);
        let row = sqlx::query_as::<_, UploadRow>(&format!(
            "{UPLOAD_SELECT}
             WHERE u.token = $1 AND u.initiative_id = $2 AND u.user_id = $3 AND u.created_at >= $4
             GROUP BY u.id, u.token, u.initiative_id, u.user_id, u.file_name, u.created_at"
        ))
        .bind(token)
        .bind(initiative_id)
        .bind(user_id)
        .bind(expired)
        .fetch_optional(&self.pool)
        .await
        .map_err(db_err)?;
        Ok(row.map(UploadRow::into_domain))
    }

    async fn upload_chunk(&self, upload_id: Id, seq: i64) -> StoreResult<Option<Vec<u8>>> {
        sqlx::query_scalar(
            "SELECT data
             FROM upload_chunks
             WHERE upload_id = $1 AND seq = $2",
        )
        .bind(upload_id)
        .bind(seq)
        .fetch_optional(&self.pool)
        .await
        .map_err(db_err)
    }

    async fn delete_upload(&self, upload_id: Id) -> StoreResult<()> {
        let mut tx = self.begin().await?;
        sqlx::query("DELETE FROM upload_chunks WHERE upload_id = $1")
            .bind(upload_id)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        sqlx::query("DELETE FROM uploads WHERE id = $1").bind(upload_id).execute(&mut *tx).await.map_err(db_err)?;
        tx.commit().await.map_err(db_err)
    }
}
