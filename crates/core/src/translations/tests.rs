use super::*;
use crate::agenda::{AgendaResult, Strategy};
use crate::initiative::Phase;

fn original(subject: Subject, key: &str, field: TextField, text: &str) -> Original {
    Original { subject, key: key.into(), field, text: text.into() }
}

fn translation(subject: Subject, key: &str, field: TextField, text: &str, source: &str) -> Translation {
    Translation {
        subject,
        key: key.into(),
        field,
        lang: "es".into(),
        text: text.into(),
        source: source.into(),
        author_name: "Ana".into(),
        created_at: Utc::now(),
    }
}

fn input(subject: Subject, key: &str, field: TextField, text: &str) -> TranslationInput {
    TranslationInput { subject, key: key.into(), field, text: text.into() }
}

#[test]
fn a_text_is_shown_in_the_readers_language_when_translated_else_as_written_with_a_mark() {
    let reading = translation(
        Subject::Indicator,
        "third-grade-reading",
        TextField::Name,
        "Lectura en tercer grado",
        "Third-grade reading",
    );
    let es = Content::new("en", "es", vec![reading]);
    let name = es.show(Subject::Indicator, "third-grade-reading", TextField::Name, "Third-grade reading");
    assert_eq!(
        (name.text.as_str(), name.lang.as_str(), name.fallback, name.outdated),
        ("Lectura en tercer grado", "es", false, false)
    );

    let untranslated =
        es.show(Subject::Indicator, "third-grade-reading", TextField::Description, "Children who read well");
    assert_eq!(untranslated.text, "Children who read well");
    assert_eq!(untranslated.lang, "en");
    assert!(untranslated.fallback, "shown in English to a Spanish reader, with a mark");

    let en = Content::new("en", "en", vec![]);
    assert!(!en.show(Subject::Indicator, "third-grade-reading", TextField::Name, "Third-grade reading").fallback);
}

#[test]
fn a_translation_of_an_earlier_text_is_shown_marked_as_possibly_out_of_date() {
    let old = translation(Subject::Agenda, "", TextField::SharedVision, "Todos los niños", "Every child");
    let es = Content::new("en", "es", vec![old]);
    let shown = es.show(Subject::Agenda, "", TextField::SharedVision, "Every child, cradle to career");
    assert_eq!(shown.text, "Todos los niños");
    assert!(shown.outdated && !shown.fallback);
}

#[test]
fn content_written_in_spanish_falls_back_to_spanish_for_english_readers() {
    let en = Translation {
        lang: "en".into(),
        ..translation(Subject::Table, "7", TextField::Name, "Resident Table", "Mesa de Residentes")
    };
    let content = Content::new("es", "en", vec![en]);
    assert_eq!(content.show(Subject::Table, "7", TextField::Name, "Mesa de Residentes").text, "Resident Table");
    let purpose = content.show(Subject::Table, "7", TextField::Purpose, "Vecinos que deciden");
    assert!(purpose.fallback);
    assert_eq!(purpose.lang, "es");
}

#[test]
fn a_translation_taken_back_is_missing_again() {
    let back = translation(Subject::Indicator, "k", TextField::Name, "", "Name");
    let content = Content::new("en", "es", vec![back.clone()]);
    assert!(content.show(Subject::Indicator, "k", TextField::Name, "Name").fallback);
    let list = items(&[original(Subject::Indicator, "k", TextField::Name, "Name")], &[back]);
    assert_eq!(list[0].state, TranslationState::Missing);
}

#[test]
fn every_text_is_listed_with_where_its_translation_stands() {
    let originals = vec![
        original(Subject::Agenda, "", TextField::ProblemStatement, "Too few children read well."),
        original(Subject::Agenda, "", TextField::SharedVision, "Every child, cradle to career."),
        original(Subject::Result, "ready", TextField::Title, "Ready for school"),
    ];
    let current = vec![
        translation(
            Subject::Agenda,
            "",
            TextField::ProblemStatement,
            "Pocos niños leen bien.",
            "Too few children read well.",
        ),
        translation(Subject::Agenda, "", TextField::SharedVision, "Cada niño.", "Every child."),
    ];
    let list = items(&originals, &current);
    let states: Vec<_> = list.iter().map(|i| i.state).collect();
    assert_eq!(states, [TranslationState::Current, TranslationState::Outdated, TranslationState::Missing]);
    assert_eq!(list[1].translated_from.as_deref(), Some("Every child."));
    assert_eq!(list[0].translated_from, None);
}

#[test]
fn translations_must_name_a_text_the_initiative_has_and_a_language_it_is_not_written_in() {
    let originals = vec![original(Subject::Indicator, "reading", TextField::Name, "Reading")];
    let ok = [input(Subject::Indicator, "reading", TextField::Name, "Lectura")];
    assert!(validate(&ok, "es", "en", &originals).is_ok());

    let err = validate(&ok, "en", "en", &originals).unwrap_err();
    assert!(err.reason_for("lang").unwrap().contains("written in en"));
    let err = validate(&ok, "fr", "en", &originals).unwrap_err();
    assert_eq!(err.reason_for("lang"), Some("must be one of en, es"));

    let bad = [
        input(Subject::Indicator, "reading", TextField::Name, "Lectura"),
        input(Subject::Indicator, "writing", TextField::Name, "Escritura"),
        input(Subject::Indicator, "reading", TextField::Name, "Otra"),
        input(Subject::Indicator, "reading", TextField::Title, "x"),
    ];
    let err = validate(&bad, "es", "en", &originals).unwrap_err();
    assert_eq!(err.reason_for("translations[1].key"), Some("indicator “writing” has no name to translate"));
    assert_eq!(err.reason_for("translations[2].key"), Some("is given twice"));
    assert!(err.reason_for("translations[3].key").is_some());
    assert!(err.reason_for("translations[0].key").is_none());
    let long = [input(Subject::Indicator, "reading", TextField::Name, &"a".repeat(MAX_TEXT + 1))];
    assert!(validate(&long, "es", "en", &originals).unwrap_err().reason_for("translations[0].text").is_some());
    assert_eq!(
        validate(&[], "es", "en", &originals).unwrap_err().reason_for("translations"),
        Some("give at least one translation")
    );
}

#[test]
fn saving_the_same_translations_again_changes_nothing_but_confirming_against_a_new_original_does() {
    let originals = vec![
        original(Subject::Indicator, "a", TextField::Name, "Reading"),
        original(Subject::Indicator, "b", TextField::Name, "Math"),
        original(Subject::Indicator, "c", TextField::Name, "Attendance"),
    ];
    let current = vec![
        translation(Subject::Indicator, "a", TextField::Name, "Lectura", "Reading"),
        translation(Subject::Indicator, "b", TextField::Name, "Matemáticas", "Maths"),
    ];
    let inputs = [
        input(Subject::Indicator, "a", TextField::Name, "Lectura"),
        input(Subject::Indicator, "b", TextField::Name, "Matemáticas"),
        input(Subject::Indicator, "c", TextField::Name, " "),
    ];
    let changed: Vec<_> =
        changes(&inputs, &originals, &current).into_iter().map(|(t, source)| (t.key.clone(), source)).collect();
    assert_eq!(changed, [("b".to_string(), "Math".to_string())]);
}

#[test]
fn the_texts_to_translate_follow_the_page_and_skip_empty_ones() {
    let initiative = Initiative {
        id: 1,
        slug: "riverbend".into(),
        name: "Riverbend".into(),
        description: String::new(),
        phase: Phase::InitiatingAction,
        published: true,
        created_at: Utc::now(),
    };
    let agenda = AgendaVersion {
        initiative_id: 1,
        number: 1,
        problem_statement: "Too few read.".into(),
        shared_vision: "All read.".into(),
        results: vec![AgendaResult {
            key: "reading".into(),
            title: "Reading".into(),
            description: String::new(),
            strategies: vec![Strategy {
                key: "tutors".into(),
                title: "Tutors".into(),
                description: "One to one".into(),
            }],
        }],
        reason: String::new(),
        author_user_id: None,
        author_name: "Ana".into(),
        created_at: Utc::now(),
    };
    let list: Vec<_> = originals(&initiative, Some(&agenda), &[], &[])
        .into_iter()
        .map(|o| format!("{}/{}/{}", o.subject, o.key, o.field))
        .collect();
    assert_eq!(
        list,
        [
            "initiative//name",
            "agenda//problem_statement",
            "agenda//shared_vision",
            "result/reading/title",
            "strategy/tutors/title",
            "strategy/tutors/description"
        ]
    );
}
