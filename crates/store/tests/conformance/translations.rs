//! The initiative's own words in two languages: translations checked against the texts as they
//! are now, kept forever (the latest counting), marked out of date when the original changes, and
//! carried by exports.

use super::*;
use backbone_core::translations::*;

fn es(subject: Subject, key: &str, field: TextField, text: &str) -> TranslationInput {
    TranslationInput { subject, key: key.into(), field, text: text.into() }
}

async fn translations_are_checked_kept_and_marked_when_the_original_changes(ts: TestStore) {
    let i = initiative(&ts).await;
    ts.store.create_agenda_version(&staff(), i.id, &agenda("First", 0, "Every child reads.")).await.unwrap();
    ts.store.create_indicator(&staff(), i.id, &reading_indicator()).await.unwrap();
    let table = ts
        .store
        .create_table(
            &staff(),
            i.id,
            &TableInput {
                name: "Resident Table".into(),
                kind: TableKind::WorkingGroup,
                purpose: "Neighbors who shape the work.".into(),
                result_key: None,
                joining: Default::default(),
            },
        )
        .await
        .unwrap();
    assert_eq!(ts.store.content_language(i.id).await.unwrap(), "en", "English until staff say otherwise");

    let before = audit_count(&ts, i.id).await;
    let saved = ts
        .store
        .save_translations(
            &staff(),
            i.id,
            "es",
            &[
                es(Subject::Agenda, "", TextField::SharedVision, "Cada niño lee."),
                es(Subject::Indicator, "third-grade-reading", TextField::Name, "Niños de tercer grado que leen bien"),
                es(Subject::Table, &table.id.to_string(), TextField::Name, "Mesa de Residentes"),
            ],
        )
        .await
        .unwrap();
    assert_eq!(saved, 3);
    assert_eq!(audit_count(&ts, i.id).await, before + 1, "one save, one audit entry");

    // A text the initiative does not have: refused, with the line at fault, and nothing written.
    let err = ts
        .store
        .save_translations(
            &staff(),
            i.id,
            "es",
            &[
                es(Subject::Agenda, "", TextField::ProblemStatement, "Pocos niños leen."),
                es(Subject::Indicator, "no-such-indicator", TextField::Name, "Nada"),
            ],
        )
        .await
        .unwrap_err();
    let StoreError::Invalid(inv) = err else { panic!("expected invalid input, got {err:?}") };
    assert!(inv.reason_for("translations[1].key").is_some());
    let stored = ts.store.translations(i.id, "es").await.unwrap();
    assert_eq!(stored.len(), 3, "all or nothing: the valid line of a refused save is not kept");
    // The language it is written in is not one to translate into.
    assert!(matches!(
        ts.store
            .save_translations(&staff(), i.id, "en", &[es(Subject::Agenda, "", TextField::SharedVision, "x")])
            .await,
        Err(StoreError::Invalid(_))
    ));

    // The same words again add nothing.
    let again = ts
        .store
        .save_translations(&staff(), i.id, "es", &[es(Subject::Agenda, "", TextField::SharedVision, "Cada niño lee.")])
        .await
        .unwrap();
    assert_eq!(again, 0);

    // A reader of Spanish sees the translations, the rest as written and marked.
    let content = ts.store.content(i.id, "es").await.unwrap();
    let vision = content.show(Subject::Agenda, "", TextField::SharedVision, "Every child reads.");
    assert_eq!((vision.text.as_str(), vision.fallback, vision.outdated), ("Cada niño lee.", false, false));
    assert!(content.show(Subject::Agenda, "", TextField::ProblemStatement, "Only 31%…").fallback);
    let english = ts.store.content(i.id, "en").await.unwrap();
    assert_eq!(
        english.show(Subject::Agenda, "", TextField::SharedVision, "Every child reads.").text,
        "Every child reads."
    );

    // The agenda changes: the translation is still shown, marked as made from an earlier text,
    // until someone confirms or revises it.
    ts.store.create_agenda_version(&staff(), i.id, &agenda("Clearer", 1, "Every child reads well.")).await.unwrap();
    let list = items(&ts.store.originals(i.id).await.unwrap(), &ts.store.translations(i.id, "es").await.unwrap());
    let vision_item = list.iter().find(|t| t.field == TextField::SharedVision).unwrap();
    assert_eq!(vision_item.state, TranslationState::Outdated);
    assert_eq!(vision_item.translated_from.as_deref(), Some("Every child reads."));
    assert!(
        ts.store
            .content(i.id, "es")
            .await
            .unwrap()
            .show(Subject::Agenda, "", TextField::SharedVision, "Every child reads well.")
            .outdated
    );
    ts.store
        .save_translations(
            &staff(),
            i.id,
            "es",
            &[es(Subject::Agenda, "", TextField::SharedVision, "Cada niño lee bien.")],
        )
        .await
        .unwrap();
    // Taken back: an empty text; every earlier one is kept.
    ts.store
        .save_translations(&staff(), i.id, "es", &[es(Subject::Table, &table.id.to_string(), TextField::Name, "")])
        .await
        .unwrap();
    let list = items(&ts.store.originals(i.id).await.unwrap(), &ts.store.translations(i.id, "es").await.unwrap());
    let state = |f: TextField, s: Subject| list.iter().find(|t| t.field == f && t.subject == s).unwrap().state;
    assert_eq!(state(TextField::SharedVision, Subject::Agenda), TranslationState::Current);
    assert_eq!(state(TextField::Name, Subject::Table), TranslationState::Missing);
    assert_eq!(ts.store.translation_history(i.id).await.unwrap().len(), 5, "history is kept");

    // Another initiative sees none of it.
    let other = other_initiative(&ts).await;
    assert!(ts.store.translations(other.id, "es").await.unwrap().is_empty());
}

async fn the_content_language_is_one_staff_choose_and_travels_with_the_export(ts: TestStore) {
    let i = initiative(&ts).await;
    assert!(matches!(ts.store.set_content_language(&staff(), i.id, "fr").await, Err(StoreError::Invalid(_))));
    ts.store.set_content_language(&staff(), i.id, "es").await.unwrap();
    assert_eq!(ts.store.content_language(i.id).await.unwrap(), "es");
    // Written in Spanish: an English reader sees the Spanish, marked, until translated.
    let content = ts.store.content(i.id, "en").await.unwrap();
    let name = content.show(Subject::Initiative, "", TextField::Name, &i.name);
    assert!(name.fallback);
    assert_eq!(name.lang, "es");
    ts.store
        .save_translations(
            &staff(),
            i.id,
            "en",
            &[es(Subject::Initiative, "", TextField::Name, "Northside Promise (EN)")],
        )
        .await
        .unwrap();

    let doc = ts.store.export_initiative(i.id).await.unwrap();
    assert_eq!(doc.content_language.as_deref(), Some("es"));
    let copy = ts.store.import_initiative(&staff(), &doc, Some("northside-copy")).await.unwrap();
    assert_eq!(ts.store.content_language(copy.id).await.unwrap(), "es");
    let again = ts.store.translations(copy.id, "en").await.unwrap();
    assert_eq!(again.len(), 1);
    assert_eq!(again[0].text, "Northside Promise (EN)");
}

/// The demo's translations name its tables by id; an imported copy's tables have new ids, and
/// the translations follow them.
async fn the_demos_spanish_follows_its_tables_into_a_copy(ts: TestStore) {
    let doc = backbone_demo::demo_initiative(Utc::now().date_naive());
    let i = ts.store.import_initiative(&staff(), &doc, Some("riverbend-copy")).await.unwrap();
    let tables = ts.store.tables(i.id).await.unwrap();
    let content = ts.store.content(i.id, "es").await.unwrap();
    let table_names: Vec<_> = tables.iter().map(|t| content.table_name(t)).collect();
    let translated =
        doc.translations.iter().filter(|t| t.subject == Subject::Table && t.field == TextField::Name).count();
    assert!(translated > 0, "the demo's tables have Spanish names");
    assert_eq!(table_names.iter().filter(|n| !n.fallback).count(), translated);
    let out = ts.store.export_initiative(i.id).await.unwrap();
    assert_eq!(out.translations.len(), doc.translations.len());
}

both_backends!(
    translations_are_checked_kept_and_marked_when_the_original_changes,
    the_content_language_is_one_staff_choose_and_travels_with_the_export,
    the_demos_spanish_follows_its_tables_into_a_copy
);
