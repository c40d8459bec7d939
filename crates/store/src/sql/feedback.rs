//! "You said, we did" (`core::feedback`): messages about published numbers and their answers.

use super::*;
use backbone_core::feedback::*;

const FEEDBACK_COLS: &str = "id, indicator_key, matches, comment, name, contact, language, status, moderation_note,
     reply_text, reply_by, reply_at, created_at";

#[derive(sqlx::FromRow)]
struct FeedbackRow {
    id: Id,
    indicator_key: String,
    matches: String,
    comment: String,
    name: Option<String>,
    contact: Option<String>,
    language: String,
    status: String,
    moderation_note: Option<String>,
    reply_text: Option<String>,
    reply_by: Option<String>,
    reply_at: Option<DateTime<Utc>>,
    created_at: DateTime<Utc>,
}

impl FeedbackRow {
    fn into_domain(self) -> StoreResult<Feedback> {
        let reply = match (self.reply_text, self.reply_by, self.reply_at) {
            (Some(text), Some(by), Some(at)) => Some(Reply { text, by, at }),
            _ => None,
        };
        Ok(Feedback {
            id: self.id,
            indicator_key: self.indicator_key,
            matches: vocab(Agreement::parse, &self.matches, "agreement")?,
            comment: self.comment,
            name: self.name,
            contact: self.contact,
            language: self.language,
            status: vocab(FeedbackStatus::parse, &self.status, "feedback status")?,
            moderation_note: self.moderation_note,
            reply,
            created_at: self.created_at,
        })
    }
}

impl This {
    async fn feedback_tx(tx: &mut sqlx::Transaction<'_, Db>, initiative_id: Id, id: Id) -> StoreResult<Feedback> {
        sqlx::query_as::<_, FeedbackRow>(&format!(
            "SELECT {FEEDBACK_COLS} FROM feedback WHERE id = $1 AND initiative_id = $2"
        ))
        .bind(id)
        .bind(initiative_id)
        .fetch_optional(&mut **tx)
        .await
        .map_err(db_err)?
        .ok_or(StoreError::NotFound("feedback"))?
        .into_domain()
    }
}

#[async_trait::async_trait]
impl FeedbackStore for This {
    async fn feedback_sent_since(&self, initiative_id: Id, client_key: &str, since: DateTime<Utc>) -> StoreResult<u64> {
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM feedback WHERE initiative_id = $1 AND client_key = $2 AND created_at >= $3",
        )
        .bind(initiative_id)
        .bind(client_key)
        .bind(since)
        .fetch_one(&self.pool)
        .await
        .map_err(db_err)?;
        Ok(n as u64)
    }

    async fn submit_feedback(
        &self,
        initiative_id: Id,
        indicator_key: &str,
        input: &FeedbackInput,
        language: &str,
        client_key: &str,
    ) -> StoreResult<Feedback> {
        input.validate()?;
        let now = Utc::now();
        let mut tx = self.begin().await?;
        let published: Option<bool> =
            sqlx::query_scalar("SELECT published FROM indicators WHERE initiative_id = $1 AND key = $2")
                .bind(initiative_id)
                .bind(indicator_key)
                .fetch_optional(&mut *tx)
                .await
                .map_err(db_err)?;
        if published != Some(true) {
            return Err(StoreError::NotFound("indicator"));
        }
        // Addresses are kept for a day only, for the hourly limit.
        sqlx::query("UPDATE feedback SET client_key = NULL WHERE initiative_id = $1 AND created_at < $2")
            .bind(initiative_id)
            .bind(now - chrono::Duration::days(1))
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        let text = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        let id: Id = sqlx::query_scalar(
            "INSERT INTO feedback (initiative_id, indicator_key, matches, comment, name, contact, language, status,
                 client_key, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
             RETURNING id",
        )
        .bind(initiative_id)
        .bind(indicator_key)
        .bind(input.matches.as_str())
        .bind(input.comment.trim())
        .bind(text(&input.name))
        .bind(text(&input.contact))
        .bind(language)
        .bind(FeedbackStatus::Waiting.as_str())
        .bind(client_key)
        .bind(now)
        .fetch_one(&mut *tx)
        .await
        .map_err(db_err)?;
        let f = Self::feedback_tx(&mut tx, initiative_id, id).await?;
        tx.commit().await.map_err(db_err)?;
        Ok(f)
    }

    async fn feedback(
        &self,
        initiative_id: Id,
        indicator_key: Option<&str>,
        status: Option<FeedbackStatus>,
    ) -> StoreResult<Vec<Feedback>> {
        sqlx::query_as::<_, FeedbackRow>(&format!(
            "SELECT {FEEDBACK_COLS} FROM feedback
             WHERE initiative_id = $1 AND ($2 IS NULL OR indicator_key = $2) AND ($3 IS NULL OR status = $3)
             ORDER BY id DESC"
        ))
        .bind(initiative_id)
        .bind(indicator_key)
        .bind(status.map(|s| s.as_str()))
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(FeedbackRow::into_domain)
        .collect()
    }

    async fn feedback_item(&self, initiative_id: Id, id: Id) -> StoreResult<Feedback> {
        let mut tx = self.begin().await?;
        let f = Self::feedback_tx(&mut tx, initiative_id, id).await?;
        tx.commit().await.map_err(db_err)?;
        Ok(f)
    }

    async fn moderate_feedback(
        &self,
        actor: &Actor,
        initiative_id: Id,
        id: Id,
        input: &ModerationInput,
    ) -> StoreResult<Feedback> {
        input.validate()?;
        let now = Utc::now();
        let mut tx = self.begin().await?;
        let before = Self::feedback_tx(&mut tx, initiative_id, id).await?;
        let note = Some(input.note.trim().to_string()).filter(|s| !s.is_empty());
        sqlx::query("UPDATE feedback SET status = $1, moderation_note = $2 WHERE id = $3")
            .bind(input.status.as_str())
            .bind(note)
            .bind(id)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        let after = Self::feedback_tx(&mut tx, initiative_id, id).await?;
        Self::audit(
            &mut tx,
            actor,
            Audit {
                initiative_id: Some(initiative_id),
                action: "feedback.moderate",
                entity: "feedback",
                entity_id: Some(id),
                before: Some(to_json(&before.status)),
                after: Some(to_json(&after.status)),
            },
            now,
        )
        .await?;
        tx.commit().await.map_err(db_err)?;
        Ok(after)
    }

    async fn reply_to_feedback(
        &self,
        actor: &Actor,
        initiative_id: Id,
        id: Id,
        input: &ReplyInput,
        by: &str,
    ) -> StoreResult<Feedback> {
        input.validate()?;
        let now = Utc::now();
        let mut tx = self.begin().await?;
        let before = Self::feedback_tx(&mut tx, initiative_id, id).await?;
        if before.status != FeedbackStatus::Published {
            return Err(StoreError::conflict("status", "only a message that is shown can be answered"));
        }
        sqlx::query("UPDATE feedback SET reply_text = $1, reply_by = $2, reply_at = $3 WHERE id = $4")
            .bind(input.text.trim())
            .bind(by)
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        let after = Self::feedback_tx(&mut tx, initiative_id, id).await?;
        Self::audit(
            &mut tx,
            actor,
            Audit {
                initiative_id: Some(initiative_id),
                action: "feedback.reply",
                entity: "feedback",
                entity_id: Some(id),
                before: before.reply.as_ref().map(to_json),
                after: after.reply.as_ref().map(to_json),
            },
            now,
        )
        .await?;
        tx.commit().await.map_err(db_err)?;
        Ok(after)
    }
}
