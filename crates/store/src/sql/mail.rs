//! E-mail (`core::mail`): preferences, unsubscribe tokens and the mail log.

use super::*;
use backbone_core::mail::*;

#[derive(sqlx::FromRow)]
struct RecipientRow {
    initiative_id: Id,
    person_id: Id,
    name: String,
    email: String,
    user_id: Option<Id>,
    digest: String,
    language: String,
    last_digest_at: Option<DateTime<Utc>>,
    token: String,
}

#[derive(sqlx::FromRow)]
struct LogRow {
    id: Id,
    person_id: Option<Id>,
    recipient: String,
    subject: String,
    status: String,
    error: String,
    at: DateTime<Utc>,
}

#[async_trait::async_trait]
impl MailStore for This {
    async fn mail_preference(&self, initiative_id: Id, person_id: Id) -> StoreResult<MailPreference> {
        let found: Option<(String, String, Option<DateTime<Utc>>)> = sqlx::query_as(
            "SELECT m.digest, m.language, m.last_digest_at FROM mail_preferences m JOIN people p ON p.id = m.person_id
             WHERE p.initiative_id = $1 AND m.person_id = $2",
        )
        .bind(initiative_id)
        .bind(person_id)
        .fetch_optional(&self.pool)
        .await
        .map_err(db_err)?;
        Ok(match found {
            Some((d, language, last)) => MailPreference {
                person_id,
                digest: vocab(DigestFrequency::parse, &d, "digest frequency")?,
                language,
                last_digest_at: last,
            },
            None => MailPreference {
                person_id,
                digest: DigestFrequency::Never,
                language: "en".into(),
                last_digest_at: None,
            },
        })
    }

    async fn set_mail_preference(
        &self,
        actor: &Actor,
        initiative_id: Id,
        person_id: Id,
        digest: DigestFrequency,
        language: &str,
        token: &str,
    ) -> StoreResult<MailPreference> {
        let mut inv = backbone_core::Invalid::new();
        check_text(&mut inv, "language", language, 2, 8);
        inv.into_result()?;
        let now = Utc::now();
        let mut tx = self.begin().await?;
        let person: Option<Id> = sqlx::query_scalar("SELECT id FROM people WHERE initiative_id = $1 AND id = $2")
            .bind(initiative_id)
            .bind(person_id)
            .fetch_optional(&mut *tx)
            .await
            .map_err(db_err)?;
        person.ok_or(StoreError::NotFound("person"))?;
        sqlx::query(
            "INSERT INTO mail_preferences (person_id, digest, token, last_digest_at, updated_at, language)
             VALUES ($1, $2, $3, NULL, $4, $5)
             ON CONFLICT (person_id) DO UPDATE SET digest = $2, updated_at = $4, language = $5",
        )
        .bind(person_id)
        .bind(digest.as_str())
        .bind(token)
        .bind(now)
        .bind(language)
        .execute(&mut *tx)
        .await
        .map_err(db_err)?;
        Self::audit(
            &mut tx,
            actor,
            Audit {
                initiative_id: Some(initiative_id),
                action: "person.mail",
                entity: "person",
                entity_id: Some(person_id),
                before: None,
                after: Some(serde_json::json!({ "digest": digest.as_str(), "language": language }).to_string()),
            },
            now,
        )
        .await?;
        tx.commit().await.map_err(db_err)?;
        self.mail_preference(initiative_id, person_id).await
    }

    async fn digest_recipients(&self) -> StoreResult<Vec<Recipient>> {
        sqlx::query_as::<_, RecipientRow>(
            "SELECT p.initiative_id, p.id AS person_id, p.name, p.email, p.user_id, m.digest, m.language, m.last_digest_at, m.token
             FROM mail_preferences m JOIN people p ON p.id = m.person_id
             WHERE m.digest <> 'never' AND p.email <> ''
             ORDER BY p.id",
        )
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|r| {
            Ok(Recipient {
                initiative_id: r.initiative_id,
                person_id: r.person_id,
                name: r.name,
                email: r.email,
                user_id: r.user_id,
                digest: vocab(DigestFrequency::parse, &r.digest, "digest frequency")?,
                language: r.language,
                last_digest_at: r.last_digest_at,
                token: r.token,
            })
        })
        .collect()
    }

    async fn mark_digest_sent(&self, person_id: Id, at: DateTime<Utc>) -> StoreResult<()> {
        sqlx::query("UPDATE mail_preferences SET last_digest_at = $1 WHERE person_id = $2")
            .bind(at)
            .bind(person_id)
            .execute(&self.pool)
            .await
            .map_err(db_err)?;
        Ok(())
    }

    async fn unsubscribe(&self, token: &str) -> StoreResult<Option<String>> {
        let now = Utc::now();
        let mut tx = self.begin().await?;
        let found: Option<(Id, Id, String)> = sqlx::query_as(
            "SELECT p.id, p.initiative_id, p.name FROM mail_preferences m JOIN people p ON p.id = m.person_id
             WHERE m.token = $1",
        )
        .bind(token)
        .fetch_optional(&mut *tx)
        .await
        .map_err(db_err)?;
        let Some((person_id, initiative_id, name)) = found else { return Ok(None) };
        sqlx::query("UPDATE mail_preferences SET digest = 'never', updated_at = $1 WHERE person_id = $2")
            .bind(now)
            .bind(person_id)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        Self::audit(
            &mut tx,
            &Actor::system("one-click unsubscribe"),
            Audit {
                initiative_id: Some(initiative_id),
                action: "person.unsubscribe",
                entity: "person",
                entity_id: Some(person_id),
                before: None,
                after: None,
            },
            now,
        )
        .await?;
        tx.commit().await.map_err(db_err)?;
        Ok(Some(name))
    }

    async fn log_mail(
        &self,
        initiative_id: Id,
        person_id: Option<Id>,
        to: &str,
        subject: &str,
        status: &str,
        error: &str,
    ) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO mail_log (initiative_id, person_id, recipient, subject, status, error, at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(initiative_id)
        .bind(person_id)
        .bind(to)
        .bind(subject)
        .bind(status)
        .bind(error)
        .bind(Utc::now())
        .execute(&self.pool)
        .await
        .map_err(db_err)?;
        Ok(())
    }

    async fn mail_log(&self, initiative_id: Id, limit: u32) -> StoreResult<Vec<MailLogEntry>> {
        Ok(sqlx::query_as::<_, LogRow>(
            "SELECT id, person_id, recipient, subject, status, error, at FROM mail_log WHERE initiative_id = $1
             ORDER BY id DESC LIMIT $2",
        )
        .bind(initiative_id)
        .bind(i64::from(limit.clamp(1, 500)))
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|r| MailLogEntry {
            id: r.id,
            person_id: r.person_id,
            to: r.recipient,
            subject: r.subject,
            status: r.status,
            error: r.error,
            at: r.at,
        })
        .collect())
    }
}
