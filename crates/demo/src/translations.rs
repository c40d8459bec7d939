//! The Riverbend partnership's own words in Spanish: its agenda, indicators and tables, as its
//! bilingual staff translated them — all but the newest texts, which Spanish readers see in
//! English with a mark until someone translates them.

use backbone_core::agenda::AgendaVersion;
use backbone_core::initiative::Initiative;
use backbone_core::measure::indicator::Indicator;
use backbone_core::tables::Table;
use backbone_core::translations::{originals, Translation};
use chrono::{DateTime, Utc};

/// Spanish for each text, by subject, key (a table's name for tables) and field.
const SPANISH: &[(&str, &str, &str, &str)] = &[];

pub(crate) fn demo_translations(
    at: DateTime<Utc>,
    initiative: &Initiative,
    agenda: Option<&AgendaVersion>,
    indicators: &[Indicator],
    tables: &[Table],
    author: &str,
) -> Vec<Translation> {
    originals(initiative, agenda, indicators, tables)
        .into_iter()
        .filter_map(|o| {
            let key = match o.subject {
                backbone_core::translations::Subject::Table => {
                    tables.iter().find(|t| t.id.to_string() == o.key).map(|t| t.name.as_str())?
                }
                _ => o.key.as_str(),
            };
            let (_, _, _, text) =
                SPANISH.iter().find(|(s, k, f, _)| *s == o.subject.as_str() && *k == key && *f == o.field.as_str())?;
            Some(Translation {
                subject: o.subject,
                key: o.key.clone(),
                field: o.field,
                lang: "es".into(),
                text: text.to_string(),
                source: o.text,
                author_name: author.to_string(),
                created_at: at,
            })
        })
        .collect()
}
