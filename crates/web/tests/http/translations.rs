//! The initiative's own words in English and Spanish over HTTP: staff translate them (API and
//! page, every problem named by its line); a Spanish reader of the public pages sees the
//! translations, and what nobody translated yet as written, marked; others cannot translate.

use super::*;

async fn staff_translate_the_agenda_and_a_spanish_reader_sees_it_with_the_rest_marked(ts: TestStore) {
    let app = TestApp::new(ts).await;
    let staff = app.token("director").await;
    let member = app.token("member").await;
    let url = format!("/api/v1/initiatives/{SLUG}/translations/es");

    // Who may: staff only.
    assert_eq!(app.api("GET", &url, None, None).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(app.api("GET", &url, Some(&member), None).await.status, StatusCode::FORBIDDEN);
    let put = json!({"translations": [{"subject": "agenda", "field": "shared_vision", "text": "x"}]});
    assert_eq!(app.api("PUT", &url, Some(&member), Some(put)).await.status, StatusCode::FORBIDDEN);
    assert_eq!(
        app.api("GET", &format!("/api/v1/initiatives/{SLUG}/translations/fr"), Some(&staff), None).await.status,
        StatusCode::NOT_FOUND
    );

    let list = app.api("GET", &url, Some(&staff), None).await.json();
    assert_eq!(list["content_language"], "en");
    let items = list["items"].as_array().unwrap();
    let vision = items.iter().find(|i| i["field"] == "shared_vision").unwrap();
    let vision_en = vision["original"].as_str().unwrap().to_string();
    let result = items.iter().find(|i| i["subject"] == "result").unwrap();
    let result_key = result["key"].as_str().unwrap().to_string();
    let result_en = result["original"].as_str().unwrap().to_string();

    // Bad input: every problem named by its line, nothing saved.
    let bad = json!({"translations": [
        {"subject": "agenda", "field": "shared_vision", "text": "Cada niño de Riverbend sale adelante."},
        {"subject": "indicator", "key": "no-such-thing", "field": "name", "text": "Nada"},
        {"subject": "agenda", "field": "title", "text": "x"}
    ]});
    let r = app.api("PUT", &url, Some(&staff), Some(bad)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let fields: Vec<_> = r.json()["errors"].as_array().unwrap().iter().map(|e| e["field"].clone()).collect();
    assert_eq!(fields, [json!("translations[1].key"), json!("translations[2].key")]);
    let r = app
        .api(
            "PUT",
            &url,
            Some(&staff),
            Some(json!({"translations": [{"subject": "agenda", "field": "vision", "text": "x"}]})),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "an unknown field name: {}", r.body);
    // The language the initiative is written in is not one to translate into.
    let into_en = format!("/api/v1/initiatives/{SLUG}/translations/en");
    let r = app
        .api(
            "PUT",
            &into_en,
            Some(&staff),
            Some(json!({"translations": [{"subject": "agenda", "field": "shared_vision", "text": "x"}]})),
        )
        .await;
    assert_eq!((r.status, r.json()["errors"][0]["field"].clone()), (StatusCode::UNPROCESSABLE_ENTITY, json!("lang")));

    let good = json!({"translations": [
        {"subject": "agenda", "field": "shared_vision", "text": "Cada niño de Riverbend sale adelante."},
        {"subject": "result", "key": result_key, "field": "title", "text": "Los niños llegan listos al kínder"}
    ]});
    let r = app.api("PUT", &url, Some(&staff), Some(good.clone())).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.json()["saved"].as_u64().unwrap() >= 1);
    assert_eq!(app.api("PUT", &url, Some(&staff), Some(good)).await.json()["saved"], 0, "the same words add nothing");

    // A strategy's Spanish title taken back: it has no translation again.
    let strategy = items.iter().find(|i| i["subject"] == "strategy" && i["field"] == "title").unwrap();
    let strategy_en = strategy["original"].as_str().unwrap().to_string();
    let back = json!({"translations": [{"subject": "strategy", "key": strategy["key"], "field": "title", "text": ""}]});
    assert_eq!(app.api("PUT", &url, Some(&staff), Some(back)).await.status, StatusCode::OK);

    // A visitor reading Spanish: the translation, in Spanish; what has no translation, as written
    // and marked with its language.
    let mut visitor = Browser::new();
    visitor.get(&app.app, "/language?to=es&back=/").await;
    let agenda = visitor.get(&app.app, &format!("/i/{SLUG}/agenda")).await;
    assert_eq!(agenda.status, StatusCode::OK);
    assert!(agenda.body.contains("Cada niño de Riverbend sale adelante."), "{}", agenda.body);
    assert!(!agenda.body.contains(&vision_en));
    assert!(agenda.body.contains("Los niños llegan listos al kínder"));
    assert!(!agenda.body.contains(&result_en));
    let marked = format!(r#"<span lang="en">{}</span> <abbr class="lang-mark""#, html_escape(&strategy_en));
    assert!(agenda.body.contains(&marked), "untranslated text is shown as written, marked: {}", agenda.body);
    // The same page in English has no marks and the words as written.
    let english = Browser::new().get(&app.app, &format!("/i/{SLUG}/agenda")).await;
    assert!(english.body.contains(&html_escape(&vision_en)) && !english.body.contains("lang-mark"));

    // The page: staff see every text and where it stands, and save from the form.
    let mut b = Browser::new();
    b.sign_in(&app.app, "director").await;
    let page = b.get(&app.app, &format!("/i/{SLUG}/translations")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Cada niño de Riverbend sale adelante."));
    assert!(page.body.contains(r#"name="field-0" value="name""#), "the first text is the initiative's name");
    let r = b
        .submit(
            &app.app,
            &format!("/i/{SLUG}/translations"),
            &format!("/i/{SLUG}/translations"),
            &[
                ("lang", "es"),
                ("subject-0", "initiative"),
                ("key-0", ""),
                ("field-0", "name"),
                ("text-0", &"x".repeat(10_001)),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("must be at most 10000 characters"), "the problem is shown beside its box: {}", r.body);
    let r = b
        .submit(
            &app.app,
            &format!("/i/{SLUG}/translations"),
            &format!("/i/{SLUG}/translations"),
            &[
                ("lang", "es"),
                ("subject-0", "initiative"),
                ("key-0", ""),
                ("field-0", "name"),
                ("text-0", "Alianza Riverbend de la Cuna a la Carrera"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let home = visitor.get(&app.app, &format!("/i/{SLUG}")).await;
    assert!(home.body.contains("Alianza Riverbend de la Cuna a la Carrera"));
    assert!(
        !Browser::new().get(&app.app, &format!("/i/{SLUG}/translations")).await.body.contains("Alianza"),
        "the public cannot open it"
    );
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&#34;").replace('\'', "&#39;")
}

async fn staff_say_the_initiative_is_written_in_spanish(ts: TestStore) {
    let app = TestApp::new(ts).await;
    let staff = app.token("director").await;
    let url = format!("/api/v1/initiatives/{SLUG}/content-language");
    let r = app.api("PUT", &url, Some(&staff), Some(json!({"content_language": "fr"}))).await;
    assert_eq!(
        (r.status, r.json()["errors"][0]["field"].clone()),
        (StatusCode::UNPROCESSABLE_ENTITY, json!("content_language"))
    );
    let member = app.token("member").await;
    assert_eq!(
        app.api("PUT", &url, Some(&member), Some(json!({"content_language": "es"}))).await.status,
        StatusCode::FORBIDDEN
    );
    let r = app.api("PUT", &url, Some(&staff), Some(json!({"content_language": "es"}))).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    // Now an English reader sees the words as written, marked as Spanish where not translated.
    let page = Browser::new().get(&app.app, &format!("/i/{SLUG}/agenda")).await;
    assert!(page.body.contains(r#"<span lang="es">"#), "{}", page.body);
    let list = app.api("GET", &format!("/api/v1/initiatives/{SLUG}/translations/en"), Some(&staff), None).await.json();
    assert_eq!(list["content_language"], "es");
}

both_backends!(
    staff_translate_the_agenda_and_a_spanish_reader_sees_it_with_the_rest_marked,
    staff_say_the_initiative_is_written_in_spanish
);
