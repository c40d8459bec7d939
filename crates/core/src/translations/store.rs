use super::*;
use crate::audit::Actor;
use crate::error::StoreResult;

/// The initiative's content language and its translations.
#[async_trait::async_trait]
pub trait TranslationStore: Send + Sync {
    /// The language the initiative's records are written in ("en" until staff say otherwise).
    async fn content_language(&self, initiative_id: Id) -> StoreResult<String>;
    /// Says which language the records are written in (audited).
    async fn set_content_language(&self, actor: &Actor, initiative_id: Id, lang: &str) -> StoreResult<()>;
    /// The latest translation of each text into `lang` (an empty one is a translation taken back).
    async fn translations(&self, initiative_id: Id, lang: &str) -> StoreResult<Vec<Translation>>;
    /// Every translation ever saved, oldest first.
    async fn translation_history(&self, initiative_id: Id) -> StoreResult<Vec<Translation>>;
    /// Every translatable text of the initiative as it is now ([`originals`]).
    async fn originals(&self, initiative_id: Id) -> StoreResult<Vec<Original>>;
    /// Saves translations into `lang`, checked ([`validate`]) against the initiative's texts as
    /// they are now, each remembering the original it translates; the same text again changes
    /// nothing. All or nothing, audited. Returns how many were saved.
    async fn save_translations(
        &self,
        actor: &Actor,
        initiative_id: Id,
        lang: &str,
        inputs: &[TranslationInput],
    ) -> StoreResult<usize>;

    /// The initiative's texts for a reader of `lang`.
    async fn content(&self, initiative_id: Id, lang: &str) -> StoreResult<Content> {
        let content_language = self.content_language(initiative_id).await?;
        if content_language == lang {
            return Ok(Content::as_written(&content_language));
        }
        Ok(Content::new(&content_language, lang, self.translations(initiative_id, lang).await?))
    }
}
