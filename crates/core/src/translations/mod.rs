//! The initiative's own words in English and Spanish: its name and description, the common
//! agenda (problem, vision, each result and strategy), indicators' names and descriptions, and
//! each table's name, purpose and how to join. Records keep their text in the initiative's
//! *content language*; a translation gives the same text in the other language. A page shows a
//! text in the reader's language when it has it, else in the other with a mark saying so
//! ([`Content::show`]). A translation remembers the text it was made from, so that when the
//! original changes it is shown as possibly out of date until someone revises it. Translations
//! are never changed: a save adds the next one and the latest counts (the history is kept).

mod store;
#[cfg(test)]
mod tests;

pub use store::TranslationStore;

use crate::agenda::AgendaVersion;
use crate::checks::check_text;
use crate::error::Invalid;
use crate::initiative::Initiative;
use crate::measure::indicator::Indicator;
use crate::tables::Table;
use crate::vocabulary::vocabulary;
use crate::Id;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use utoipa::ToSchema;

/// The languages content can be written and read in (the same as the interface's).
pub const LANGUAGES: &[&str] = &["en", "es"];

/// The longest translated text, in characters (as long as the longest original: an agenda's
/// problem statement).
pub const MAX_TEXT: usize = 10_000;

vocabulary! {
    /// What a text belongs to.
    Subject {
        Initiative => "initiative",
        Agenda => "agenda",
        Result => "result",
        Strategy => "strategy",
        Indicator => "indicator",
        Table => "table",
    }
}

vocabulary! {
    /// Which of its texts.
    TextField {
        Name => "name",
        Description => "description",
        ProblemStatement => "problem_statement",
        SharedVision => "shared_vision",
        Title => "title",
        Purpose => "purpose",
        Meets => "meets",
        HowToJoin => "how_to_join",
    }
}

/// One text of the initiative as its records hold it, in the content language. `key` names the
/// record within its subject: a result's, strategy's or indicator's key, a table's id, or empty
/// for the initiative and its agenda.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Original {
    pub subject: Subject,
    pub key: String,
    pub field: TextField,
    pub text: String,
}

/// A text in another language than the content language. Kept forever; the latest for a text
/// and language counts. An empty `text` takes a translation back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Translation {
    pub subject: Subject,
    pub key: String,
    pub field: TextField,
    pub lang: String,
    pub text: String,
    /// The original text it was translated from.
    pub source: String,
    pub author_name: String,
    pub created_at: DateTime<Utc>,
}

/// One translation to save.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TranslationInput {
    pub subject: Subject,
    #[serde(default)]
    pub key: String,
    pub field: TextField,
    /// The text in the translation's language; empty takes the translation back.
    pub text: String,
}

/// Where a text stands in one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TranslationState {
    /// Nobody has translated it: readers of that language see the original, marked.
    Missing,
    /// Translated from the text as it is now.
    Current,
    /// Translated from an earlier text: shown, marked as possibly out of date.
    Outdated,
}

impl TranslationState {
    /// Its name, as it travels in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            TranslationState::Missing => "missing",
            TranslationState::Current => "current",
            TranslationState::Outdated => "outdated",
        }
    }
}

/// Every translatable text with its translation into one language, as the translation page and
/// `GET …/translations` list them.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct TranslationItem {
    pub subject: Subject,
    pub key: String,
    pub field: TextField,
    /// The text as written, in the content language.
    pub original: String,
    /// The translation, empty when missing.
    pub text: String,
    pub state: TranslationState,
    /// The original it was translated from, when that has changed since (to compare).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub translated_from: Option<String>,
}

/// Is `lang` a language content can be written in?
pub fn is_language(lang: &str) -> bool {
    LANGUAGES.contains(&lang)
}

/// Checks the content language an initiative is written in.
pub fn check_content_language(lang: &str) -> Result<(), Invalid> {
    if is_language(lang) {
        Ok(())
    } else {
        Err(Invalid::one("content_language", format!("must be one of {}", LANGUAGES.join(", "))))
    }
}

/// Every translatable text of an initiative, in reading order: the initiative, its current
/// agenda (problem, vision, then each result with its strategies), the indicators, the tables.
/// Empty texts are left out: there is nothing to translate.
pub fn originals(
    initiative: &Initiative,
    agenda: Option<&AgendaVersion>,
    indicators: &[Indicator],
    tables: &[Table],
) -> Vec<Original> {
    let mut out = Vec::new();
    let mut push = |subject, key: &str, field, text: &str| {
        if !text.trim().is_empty() {
            out.push(Original { subject, key: key.to_string(), field, text: text.to_string() });
        }
    };
    push(Subject::Initiative, "", TextField::Name, &initiative.name);
    push(Subject::Initiative, "", TextField::Description, &initiative.description);
    if let Some(a) = agenda {
        push(Subject::Agenda, "", TextField::ProblemStatement, &a.problem_statement);
        push(Subject::Agenda, "", TextField::SharedVision, &a.shared_vision);
        for r in &a.results {
            push(Subject::Result, &r.key, TextField::Title, &r.title);
            push(Subject::Result, &r.key, TextField::Description, &r.description);
            for s in &r.strategies {
                push(Subject::Strategy, &s.key, TextField::Title, &s.title);
                push(Subject::Strategy, &s.key, TextField::Description, &s.description);
            }
        }
    }
    for i in indicators {
        push(Subject::Indicator, &i.key, TextField::Name, &i.name);
        push(Subject::Indicator, &i.key, TextField::Description, &i.description);
    }
    for t in tables {
        let key = table_key(t.id);
        push(Subject::Table, &key, TextField::Name, &t.name);
        push(Subject::Table, &key, TextField::Purpose, &t.purpose);
        push(Subject::Table, &key, TextField::Meets, &t.joining.meets);
        push(Subject::Table, &key, TextField::HowToJoin, &t.joining.how_to_join);
    }
    out
}

/// The key of a table's texts.
pub fn table_key(id: Id) -> String {
    id.to_string()
}

/// Checks translations into `lang` of an initiative written in `content_language`, against its
/// texts as they are now: each must name a text that exists (`translations[2].key`), and its
/// text must be a text (`translations[2].text`). Reports every problem.
pub fn validate(
    inputs: &[TranslationInput],
    lang: &str,
    content_language: &str,
    originals: &[Original],
) -> Result<(), Invalid> {
    let mut inv = Invalid::new();
    if !is_language(lang) {
        inv.add("lang", format!("must be one of {}", LANGUAGES.join(", ")));
    } else if lang == content_language {
        inv.add("lang", format!("the initiative is written in {lang}: translate into another language"));
    }
    if inputs.is_empty() {
        inv.add("translations", "give at least one translation");
    }
    let mut seen = std::collections::HashSet::new();
    for (n, t) in inputs.iter().enumerate() {
        let at = |f: &str| format!("translations[{n}].{f}");
        if !originals.iter().any(|o| o.subject == t.subject && o.key == t.key && o.field == t.field) {
            inv.add(at("key"), format!("{} “{}” has no {} to translate", t.subject.as_str(), t.key, t.field.as_str()));
        } else if !seen.insert((t.subject, t.key.as_str(), t.field)) {
            inv.add(at("key"), "is given twice");
        }
        check_text(&mut inv, &at("text"), &t.text, 0, MAX_TEXT);
    }
    inv.into_result()
}

/// The inputs that change something: a new text, a text taken back, or the same text now
/// confirmed against a changed original. Saving the same form twice adds nothing.
pub fn changes<'a>(
    inputs: &'a [TranslationInput],
    originals: &[Original],
    current: &[Translation],
) -> Vec<(&'a TranslationInput, String)> {
    inputs
        .iter()
        .filter_map(|t| {
            let original = originals.iter().find(|o| o.subject == t.subject && o.key == t.key && o.field == t.field)?;
            let text = t.text.trim();
            let before = current.iter().find(|c| c.subject == t.subject && c.key == t.key && c.field == t.field);
            let unchanged = match before {
                Some(b) => b.text == text && (text.is_empty() || b.source == original.text),
                None => text.is_empty(),
            };
            (!unchanged).then(|| (t, original.text.clone()))
        })
        .collect()
}

/// Every text with its translation into one language.
pub fn items(originals: &[Original], current: &[Translation]) -> Vec<TranslationItem> {
    originals
        .iter()
        .map(|o| {
            let t = current.iter().find(|c| c.subject == o.subject && c.key == o.key && c.field == o.field);
            let state = match t {
                Some(t) if !t.text.is_empty() && t.source == o.text => TranslationState::Current,
                Some(t) if !t.text.is_empty() => TranslationState::Outdated,
                _ => TranslationState::Missing,
            };
            TranslationItem {
                subject: o.subject,
                key: o.key.clone(),
                field: o.field,
                original: o.text.clone(),
                text: t.map(|t| t.text.clone()).unwrap_or_default(),
                state,
                translated_from: (state == TranslationState::Outdated).then(|| t.map(|t| t.source.clone())).flatten(),
            }
        })
        .collect()
}

/// A text as a page shows it: in the reader's language, or in the other one with a mark.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Shown {
    pub text: String,
    /// The language the text is in.
    pub lang: String,
    /// Shown in another language than the reader's: nobody has translated it yet.
    pub fallback: bool,
    /// Translated from an earlier version of the original, which has changed since.
    pub outdated: bool,
}

impl Shown {
    /// A text that is not the initiative's own (a message of the interface), in `lang`.
    pub fn plain(text: String, lang: &str) -> Shown {
        Shown { text, lang: lang.to_string(), fallback: false, outdated: false }
    }
}

impl std::fmt::Display for Shown {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

/// An initiative's texts for readers of one language: what a page asks to show each text.
#[derive(Debug, Clone, Default)]
pub struct Content {
    /// The language the records are written in.
    pub content_language: String,
    /// The reader's language.
    pub lang: String,
    translations: HashMap<(Subject, String, TextField), Translation>,
}

impl Content {
    /// Content for readers of `lang`, from the latest translations into it (empty ones are
    /// translations taken back).
    pub fn new(content_language: &str, lang: &str, translations: Vec<Translation>) -> Content {
        let translations = if content_language == lang {
            HashMap::new()
        } else {
            translations
                .into_iter()
                .filter(|t| t.lang == lang && !t.text.is_empty())
                .map(|t| ((t.subject, t.key.clone(), t.field), t))
                .collect()
        };
        Content { content_language: content_language.to_string(), lang: lang.to_string(), translations }
    }

    /// Content shown as written (no translations): the reader reads the content language.
    pub fn as_written(content_language: &str) -> Content {
        Content::new(content_language, content_language, Vec::new())
    }

    /// `original` (the record's text of `field`) in the reader's language when it has been
    /// translated, else as written, marked as a fallback.
    pub fn show(&self, subject: Subject, key: &str, field: TextField, original: &str) -> Shown {
        if self.lang == self.content_language || original.is_empty() {
            return Shown {
                text: original.to_string(),
                lang: self.content_language.clone(),
                fallback: false,
                outdated: false,
            };
        }
        match self.translations.get(&(subject, key.to_string(), field)) {
            Some(t) => {
                Shown { text: t.text.clone(), lang: t.lang.clone(), fallback: false, outdated: t.source != original }
            }
            None => Shown {
                text: original.to_string(),
                lang: self.content_language.clone(),
                fallback: true,
                outdated: false,
            },
        }
    }

    /// An indicator's name.
    pub fn indicator_name(&self, i: &Indicator) -> Shown {
        self.show(Subject::Indicator, &i.key, TextField::Name, &i.name)
    }

    /// An indicator's description.
    pub fn indicator_description(&self, i: &Indicator) -> Shown {
        self.show(Subject::Indicator, &i.key, TextField::Description, &i.description)
    }

    /// A table's name.
    pub fn table_name(&self, t: &Table) -> Shown {
        self.show(Subject::Table, &table_key(t.id), TextField::Name, &t.name)
    }

    /// A table's purpose, when it meets and how to join.
    pub fn table_text(&self, t: &Table) -> TableText {
        let key = table_key(t.id);
        TableText {
            name: self.show(Subject::Table, &key, TextField::Name, &t.name),
            purpose: self.show(Subject::Table, &key, TextField::Purpose, &t.purpose),
            meets: self.show(Subject::Table, &key, TextField::Meets, &t.joining.meets),
            how_to_join: self.show(Subject::Table, &key, TextField::HowToJoin, &t.joining.how_to_join),
        }
    }

    /// The initiative's name and description.
    pub fn initiative_text(&self, i: &Initiative) -> (Shown, Shown) {
        (
            self.show(Subject::Initiative, "", TextField::Name, &i.name),
            self.show(Subject::Initiative, "", TextField::Description, &i.description),
        )
    }

    /// A version of the common agenda, every text in the reader's language where it can be.
    pub fn agenda_text(&self, a: &AgendaVersion) -> AgendaText {
        AgendaText {
            problem_statement: self.show(Subject::Agenda, "", TextField::ProblemStatement, &a.problem_statement),
            shared_vision: self.show(Subject::Agenda, "", TextField::SharedVision, &a.shared_vision),
            results: a
                .results
                .iter()
                .map(|r| ResultText {
                    key: r.key.clone(),
                    title: self.show(Subject::Result, &r.key, TextField::Title, &r.title),
                    description: self.show(Subject::Result, &r.key, TextField::Description, &r.description),
                    strategies: r
                        .strategies
                        .iter()
                        .map(|st| StrategyText {
                            key: st.key.clone(),
                            title: self.show(Subject::Strategy, &st.key, TextField::Title, &st.title),
                            description: self.show(Subject::Strategy, &st.key, TextField::Description, &st.description),
                        })
                        .collect(),
                })
                .collect(),
        }
    }

    /// Whether any text would be shown in another language than the reader's.
    pub fn translates(&self) -> bool {
        self.lang != self.content_language
    }
}

/// A table's words as a page shows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableText {
    pub name: Shown,
    pub purpose: Shown,
    pub meets: Shown,
    pub how_to_join: Shown,
}

/// The common agenda's words as a page shows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgendaText {
    pub problem_statement: Shown,
    pub shared_vision: Shown,
    pub results: Vec<ResultText>,
}

/// A result of the agenda, as shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultText {
    pub key: String,
    pub title: Shown,
    pub description: Shown,
    pub strategies: Vec<StrategyText>,
}

/// A strategy, as shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StrategyText {
    pub key: String,
    pub title: Shown,
    pub description: Shown,
}
