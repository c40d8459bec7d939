//! The translation page: every text of the initiative beside a box for it in the other language,
//! the ones missing or made from an earlier text marked; and the language the initiative writes in.

use super::api::{page_list, TranslationList};
use crate::http::prelude::*;
use backbone_core::translations::*;
use backbone_core::StoreError;

pub fn routes() -> PageRoutes {
    PageRoutes::new()
        .get_post("/i/{slug}/translations", translations_page, translations_save)
        .post("/i/{slug}/translations/language", language_save)
}

#[derive(Template)]
#[template(path = "translations/templates/translations.html")]
struct TranslationsPage {
    page: PageCtx,
    i: Initiative,
    sheet: TranslationList,
    /// The name of the language translated into.
    lang_name: String,
    /// The item's label and the index its fields carry, in the page's order.
    labels: Vec<String>,
    missing: usize,
    outdated: usize,
    languages: Vec<(String, String)>,
    errors: Errors,
}

#[derive(Debug, serde::Deserialize)]
struct LangQuery {
    lang: Option<String>,
}

/// The language to translate into: the one asked for, else the one the initiative is not written in.
fn target(asked: Option<&str>, content_language: &str) -> String {
    asked
        .filter(|l| is_language(l))
        .map(str::to_string)
        .unwrap_or_else(|| LANGUAGES.iter().find(|l| **l != content_language).unwrap_or(&"es").to_string())
}

fn label(t: &Tr, item: &TranslationItem, tables: &[backbone_core::tables::Table]) -> String {
    let field = t.get(&item.field.label_key());
    let what = match item.subject {
        Subject::Initiative | Subject::Agenda => t.get(&item.subject.label_key()),
        Subject::Table => {
            let name = tables.iter().find(|tb| table_key(tb.id) == item.key).map(|tb| tb.name.clone());
            format!("{} “{}”", t.get(&item.subject.label_key()), name.unwrap_or_else(|| item.key.clone()))
        }
        _ => format!("{} “{}”", t.get(&item.subject.label_key()), item.key),
    };
    format!("{what} · {field}")
}

async fn page_for(
    s: &AppState,
    req: &Req,
    i: Initiative,
    access: Access,
    lang: &str,
    mut typed: Option<Vec<String>>,
    errors: Errors,
) -> Result<TranslationsPage, PageError> {
    req.require(&access, access.can_translate_content())?;
    let mut list = page_list(s, i.id, lang).await.map_err(|e| req.err(e))?;
    let tables = s.store.tables(i.id).await.map_err(|e| req.err(e))?;
    if let Some(texts) = typed.take() {
        for (item, text) in list.items.iter_mut().zip(texts) {
            item.text = text;
        }
    }
    let labels = list.items.iter().map(|it| label(&req.t, it, &tables)).collect();
    let count = |st| list.items.iter().filter(|it| it.state == st).count();
    let (missing, outdated) = (count(TranslationState::Missing), count(TranslationState::Outdated));
    let languages = LANGUAGES.iter().map(|l| (l.to_string(), req.t.get(&format!("content-language-{l}")))).collect();
    Ok(TranslationsPage {
        page: req.page(req.t.get("translations-title"), Some((&i, &access)), "settings"),
        i,
        lang_name: req.t.get(&format!("content-language-{lang}")),
        sheet: list,
        labels,
        missing,
        outdated,
        languages,
        errors,
    })
}

async fn translations_page(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    ApiQuery(q): ApiQuery<LangQuery>,
) -> PageResult {
    req.require(&access, access.can_translate_content())?;
    let written = s.store.content_language(i.id).await.map_err(|e| req.err(e))?;
    let lang = target(q.lang.as_deref(), &written);
    render(&page_for(&s, &req, i, access, &lang, None, Errors::default()).await?, req.t)
}

/// The form's boxes as translations: `subject-N`, `key-N`, `field-N` name the text, `text-N` holds it.
fn inputs(f: &FormData) -> Vec<TranslationInput> {
    (0..)
        .map_while(|n| {
            let subject = Subject::parse(f.get(&format!("subject-{n}")))?;
            let field = TextField::parse(f.get(&format!("field-{n}")))?;
            Some(TranslationInput {
                subject,
                key: f.get(&format!("key-{n}")).to_string(),
                field,
                text: f.get(&format!("text-{n}")).to_string(),
            })
        })
        .collect()
}

async fn translations_save(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    f: FormData,
) -> PageResult {
    req.require(&access, access.can_translate_content())?;
    let lang = f.get("lang").to_string();
    let inputs = inputs(&f);
    match s.store.save_translations(&req.viewer.actor(), i.id, &lang, &inputs).await {
        Ok(_) => Ok(see_other(&format!("/i/{}/translations?lang={lang}&notice=saved", i.slug))),
        Err(StoreError::Invalid(inv)) => {
            // Each problem beside its box: `translations[3].text` is box 3.
            let mut errors = Errors::default();
            for e in &inv.0 {
                let at = e.field.strip_prefix("translations[").and_then(|r| r.split_once(']')).map(|(n, _)| n);
                match at {
                    Some(n) => errors.add(&format!("text-{n}"), e.reason.clone()),
                    None => errors.add(&e.field, e.reason.clone()),
                }
            }
            let typed = inputs.into_iter().map(|t| t.text).collect();
            render_invalid(&page_for(&s, &req, i, access, &lang, Some(typed), errors).await?, req.t)
        }
        Err(e) => Err(req.err(e)),
    }
}

async fn language_save(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    f: FormData,
) -> PageResult {
    req.require(&access, access.can_translate_content())?;
    let lang = f.get("content_language").to_string();
    match s.store.set_content_language(&req.viewer.actor(), i.id, &lang).await {
        Ok(()) => Ok(see_other(&format!("/i/{}/translations?notice=saved", i.slug))),
        Err(e) => {
            let errors = req.form_errors(e)?;
            let written = s.store.content_language(i.id).await.map_err(|e| req.err(e))?;
            render_invalid(&page_for(&s, &req, i, access, &target(None, &written), None, errors).await?, req.t)
        }
    }
}
