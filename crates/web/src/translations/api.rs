//! The API of this capability: the initiative's texts with their translations into a language,
//! saving translations, and the language the initiative writes in (backbone staff).

use crate::http::prelude::*;
use backbone_core::translations::*;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list, save)).routes(routes!(set_language))
}

/// Every text of the initiative with its translation into one language.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct TranslationList {
    /// The language the initiative's records are written in.
    pub content_language: String,
    /// The language of the translations.
    pub lang: String,
    pub items: Vec<TranslationItem>,
}

/// Translations to save into one language.
#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TranslationsInput {
    pub translations: Vec<TranslationInput>,
}

/// How many translations a save added (the same text again adds none).
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct Saved {
    pub saved: usize,
}

/// The language the initiative's records are written in.
#[derive(Debug, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ContentLanguage {
    /// `en` or `es`.
    pub content_language: String,
}

async fn list_for(s: &AppState, initiative_id: Id, lang: &str) -> AppResult<TranslationList> {
    if !is_language(lang) {
        return Err(AppError::NotFound("language"));
    }
    let (content_language, originals, current) = tokio::try_join!(
        s.store.content_language(initiative_id),
        s.store.originals(initiative_id),
        s.store.translations(initiative_id, lang)
    )?;
    Ok(TranslationList { items: items(&originals, &current), content_language, lang: lang.to_string() })
}

/// The initiative's texts (its name and description, the agenda, indicators, tables) with their
/// translation into `lang`: missing, current, or made from an earlier text (staff).
#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/translations/{lang}", tag = "translations",
    params(("slug" = String, Path), ("lang" = String, Path, description = "en or es")),
    responses((status = 200, body = TranslationList), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn list(
    State(s): State<AppState>,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, lang)): ApiPath<(String, String)>,
) -> AppResult<Json<TranslationList>> {
    require(&access, access.can_translate_content())?;
    Ok(Json(list_for(&s, i.id, &lang).await?))
}

/// Saves translations into `lang`, all or none: each names a text the initiative has now
/// (`subject`, `key` — a result's, strategy's or indicator's key, a table's id, empty for the
/// initiative and the agenda — and `field`); an empty `text` takes a translation back (staff).
#[utoipa::path(put, path = "/api/v1/initiatives/{slug}/translations/{lang}", tag = "translations",
    params(("slug" = String, Path), ("lang" = String, Path, description = "en or es")), request_body = TranslationsInput,
    responses((status = 200, body = Saved), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn save(
    State(s): State<AppState>,
    viewer: Viewer,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, lang)): ApiPath<(String, String)>,
    ApiJson(input): ApiJson<TranslationsInput>,
) -> AppResult<Json<Saved>> {
    require(&access, access.can_translate_content())?;
    let saved = s.store.save_translations(&viewer.actor(), i.id, &lang, &input.translations).await?;
    Ok(Json(Saved { saved }))
}

/// Says which language the initiative's records are written in (staff). Texts are then shown
/// as written to readers of that language, and translated (or marked) for the others.
#[utoipa::path(put, path = "/api/v1/initiatives/{slug}/content-language", tag = "translations",
    params(("slug" = String, Path)), request_body = ContentLanguage,
    responses((status = 200, body = ContentLanguage), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn set_language(
    State(s): State<AppState>,
    viewer: Viewer,
    Scope { initiative: i, access }: Scope,
    ApiJson(input): ApiJson<ContentLanguage>,
) -> AppResult<Json<ContentLanguage>> {
    require(&access, access.can_translate_content())?;
    s.store.set_content_language(&viewer.actor(), i.id, &input.content_language).await?;
    Ok(Json(input))
}

pub(super) async fn page_list(s: &AppState, initiative_id: Id, lang: &str) -> AppResult<TranslationList> {
    list_for(s, initiative_id, lang).await
}
