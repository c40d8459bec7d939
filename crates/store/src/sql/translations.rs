//! The initiative's own words in two languages (`core::translations`): the content language and
//! append-only translations, the latest for a text and language counting.

use super::*;
use backbone_core::translations::{self, *};

const COLS: &str = "subject, subject_key, field, lang, text, source, author_name, created_at";

#[derive(sqlx::FromRow)]
struct TranslationRow {
    subject: String,
    subject_key: String,
    field: String,
    lang: String,
    text: String,
    source: String,
    author_name: String,
    created_at: DateTime<Utc>,
}

impl TranslationRow {
    fn into_domain(self) -> StoreResult<Translation> {
        Ok(Translation {
            subject: vocab(Subject::parse, &self.subject, "translated subject")?,
            key: self.subject_key,
            field: vocab(TextField::parse, &self.field, "translated field")?,
            lang: self.lang,
            text: self.text,
            source: self.source,
            author_name: self.author_name,
            created_at: self.created_at,
        })
    }
}

impl This {
    /// Writes one translation as the next of its text (shared with imports).
    pub(super) async fn insert_translation(
        tx: &mut sqlx::Transaction<'_, Db>,
        initiative_id: Id,
        t: &Translation,
    ) -> StoreResult<()> {
        sqlx::query(&format!(
            "INSERT INTO translations (initiative_id, {COLS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
        ))
        .bind(initiative_id)
        .bind(t.subject.as_str())
        .bind(&t.key)
        .bind(t.field.as_str())
        .bind(&t.lang)
        .bind(&t.text)
        .bind(&t.source)
        .bind(&t.author_name)
        .bind(t.created_at)
        .execute(&mut **tx)
        .await
        .map_err(db_err)?;
        Ok(())
    }

    /// Records the content language (shared with imports).
    pub(super) async fn write_content_language(
        tx: &mut sqlx::Transaction<'_, Db>,
        initiative_id: Id,
        lang: &str,
    ) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO content_settings (initiative_id, content_language) VALUES ($1, $2)
             ON CONFLICT (initiative_id) DO UPDATE SET content_language = $2",
        )
        .bind(initiative_id)
        .bind(lang)
        .execute(&mut **tx)
        .await
        .map_err(db_err)?;
        Ok(())
    }
}

#[async_trait::async_trait]
impl TranslationStore for This {
    async fn content_language(&self, initiative_id: Id) -> StoreResult<String> {
        let lang: Option<String> =
            sqlx::query_scalar("SELECT content_language FROM content_settings WHERE initiative_id = $1")
                .bind(initiative_id)
                .fetch_optional(&self.pool)
                .await
                .map_err(db_err)?;
        Ok(lang.unwrap_or_else(|| "en".to_string()))
    }

    async fn set_content_language(&self, actor: &Actor, initiative_id: Id, lang: &str) -> StoreResult<()> {
        check_content_language(lang)?;
        let before = self.content_language(initiative_id).await?;
        let now = Utc::now();
        let mut tx = self.begin().await?;
        Self::write_content_language(&mut tx, initiative_id, lang).await?;
        Self::audit(
            &mut tx,
            actor,
            Audit {
                initiative_id: Some(initiative_id),
                action: "content.language",
                entity: "initiative",
                entity_id: Some(initiative_id),
                before: Some(serde_json::json!({ "content_language": before }).to_string()),
                after: Some(serde_json::json!({ "content_language": lang }).to_string()),
            },
            now,
        )
        .await?;
        tx.commit().await.map_err(db_err)?;
        Ok(())
    }

    async fn translations(&self, initiative_id: Id, lang: &str) -> StoreResult<Vec<Translation>> {
        let rows = sqlx::query_as::<_, TranslationRow>(&format!(
            "SELECT {COLS} FROM translations t
             WHERE t.initiative_id = $1 AND t.lang = $2
               AND t.id = (SELECT MAX(u.id) FROM translations u
                           WHERE u.initiative_id = t.initiative_id AND u.lang = t.lang AND u.subject = t.subject
                             AND u.subject_key = t.subject_key AND u.field = t.field)"
        ))
        .bind(initiative_id)
        .bind(lang)
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)?;
        rows.into_iter().map(TranslationRow::into_domain).collect()
    }

    async fn translation_history(&self, initiative_id: Id) -> StoreResult<Vec<Translation>> {
        let rows = sqlx::query_as::<_, TranslationRow>(&format!(
            "SELECT {COLS} FROM translations WHERE initiative_id = $1 ORDER BY id"
        ))
        .bind(initiative_id)
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)?;
        rows.into_iter().map(TranslationRow::into_domain).collect()
    }

    async fn originals(&self, initiative_id: Id) -> StoreResult<Vec<Original>> {
        let (initiative, agenda, indicators, tables) = tokio::try_join!(
            self.initiative_by_id(initiative_id),
            self.current_agenda(initiative_id),
            self.indicators(initiative_id),
            self.tables(initiative_id)
        )?;
        Ok(translations::originals(&initiative, agenda.as_ref(), &indicators, &tables))
    }

    async fn save_translations(
        &self,
        actor: &Actor,
        initiative_id: Id,
        lang: &str,
        inputs: &[TranslationInput],
    ) -> StoreResult<usize> {
        // The texts are read before the write begins: should one change in between, the
        // translation is kept with the text it was made from and shows as possibly out of date.
        let originals = self.originals(initiative_id).await?;
        let content_language = self.content_language(initiative_id).await?;
        translations::validate(inputs, lang, &content_language, &originals)?;
        let current = self.translations(initiative_id, lang).await?;
        let changes = translations::changes(inputs, &originals, &current);
        if changes.is_empty() {
            return Ok(0);
        }
        let now = Utc::now();
        let mut tx = self.begin().await?;
        let mut saved = Vec::with_capacity(changes.len());
        for (input, source) in changes {
            let t = Translation {
                subject: input.subject,
                key: input.key.clone(),
                field: input.field,
                lang: lang.to_string(),
                text: input.text.trim().to_string(),
                source,
                author_name: actor.name.clone(),
                created_at: now,
            };
            Self::insert_translation(&mut tx, initiative_id, &t).await?;
            saved.push(t);
        }
        Self::audit(
            &mut tx,
            actor,
            Audit {
                initiative_id: Some(initiative_id),
                action: "content.translate",
                entity: "initiative",
                entity_id: Some(initiative_id),
                before: None,
                after: Some(to_json(&saved)),
            },
            now,
        )
        .await?;
        tx.commit().await.map_err(db_err)?;
        Ok(saved.len())
    }
}
