//! HTTP caching as the web expects it: public answers carry validators and are kept by any
//! cache, signed-in ones never; both arrive compressed when asked; assets are fingerprinted and
//! immutable; an approval makes every server's next public answer fresh.

use super::*;
use std::io::Read;

fn get_with(path: &str, headers: &[(&str, &str)]) -> Request<Body> {
    let mut b = Request::builder().uri(path);
    for (k, v) in headers {
        b = b.header(*k, *v);
    }
    b.body(Body::empty()).unwrap()
}

/// Sends a request and keeps the raw (possibly compressed) body.
async fn raw(app: &Router, req: Request<Body>) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
    use tower::ServiceExt;
    let resp = app.clone().oneshot(req).await.unwrap();
    let (status, headers) = (resp.status(), resp.headers().clone());
    (status, headers, resp.into_body().collect().await.unwrap().to_bytes().to_vec())
}

fn header<'a>(h: &'a axum::http::HeaderMap, name: &str) -> &'a str {
    h.get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
}

async fn public_answers_carry_validators_and_come_back_as_304(ts: TestStore) {
    let app = TestApp::new(ts).await;
    for path in [
        format!("/i/{SLUG}/dashboard"),
        format!("/i/{SLUG}/dashboard.csv"),
        format!("/api/v1/initiatives/{SLUG}/indicators"),
        format!("/i/{SLUG}"),
    ] {
        let first = app.send(get_with(&path, &[])).await;
        assert_eq!(first.status, StatusCode::OK, "{path}: {}", first.body);
        let etag = header(&first.headers, "etag").to_string();
        let modified = header(&first.headers, "last-modified").to_string();
        assert!(etag.starts_with('"') && etag.len() > 10, "{path} has an ETag: {etag:?}");
        assert!(modified.ends_with("GMT"), "{path} has a Last-Modified: {modified:?}");
        assert_eq!(header(&first.headers, "cache-control"), "public, no-cache", "{path}");
        assert!(header(&first.headers, "vary").contains("Accept-Encoding"));
        assert!(first.cookie(PRE_SESSION_COOKIE).is_none(), "{path}: a page without a form sets no cookie");
        let again = app.send(get_with(&path, &[("if-none-match", &etag)])).await;
        assert_eq!(again.status, StatusCode::NOT_MODIFIED, "{path}");
        assert!(again.body.is_empty());
        assert_eq!(header(&again.headers, "etag"), etag);
        let since = app.send(get_with(&path, &[("if-modified-since", &modified)])).await;
        assert_eq!(since.status, StatusCode::NOT_MODIFIED, "{path}");
        let other = app.send(get_with(&path, &[("if-none-match", "\"something-else\"")])).await;
        assert_eq!(other.status, StatusCode::OK, "{path}");
        assert_eq!(other.body, first.body, "{path}: the kept answer is the answer");
    }
    // The language is part of what is kept: a Spanish reader gets the Spanish page.
    let en = app.send(get_with(&format!("/i/{SLUG}/dashboard"), &[("accept-language", "en")])).await;
    let es = app.send(get_with(&format!("/i/{SLUG}/dashboard"), &[("accept-language", "es")])).await;
    assert!(en.body.contains("lang=\"en\"") && es.body.contains("lang=\"es\""));
    assert_ne!(header(&en.headers, "etag"), header(&es.headers, "etag"));
}

async fn signed_in_answers_are_never_kept(ts: TestStore) {
    let app = TestApp::new(ts).await;
    let path = format!("/i/{SLUG}/dashboard");
    let public = app.send(get_with(&path, &[])).await;
    let mut b = Browser::new();
    b.sign_in(&app.app, "director").await;
    let staff = b.get(&app.app, &path).await;
    assert_eq!(staff.status, StatusCode::OK);
    assert_eq!(header(&staff.headers, "cache-control"), "no-store");
    assert!(staff.headers.get("etag").is_none(), "a signed-in page is made for its reader");
    assert_ne!(staff.body, public.body, "staff see their own frame (and the sign-out form)");
    let token = app.token("director").await;
    let api = app.api("GET", &format!("/api/v1/initiatives/{SLUG}/indicators"), Some(&token), None).await;
    assert_eq!(header(&api.headers, "cache-control"), "no-store");
    // And the public never gets what staff were shown.
    let after = app.send(get_with(&path, &[])).await;
    assert_eq!(after.body, public.body);
    assert!(!after.body.contains("/logout"));
    // A public page with a form for the visitor carries their token: it is theirs, not kept.
    let login = app.send(get_with("/login", &[])).await;
    assert!(login.cookie(PRE_SESSION_COOKIE).is_some(), "the sign-in form needs its cookie");
    assert!(login.headers.get("etag").is_none());
    assert_eq!(header(&login.headers, "cache-control"), "no-store");
}

async fn answers_are_compressed_as_the_client_asks(ts: TestStore) {
    let app = TestApp::new(ts).await;
    let token = app.token("director").await;
    let plain = app.send(get_with(&format!("/i/{SLUG}/dashboard"), &[])).await;
    for path in [format!("/i/{SLUG}/dashboard"), format!("/api/v1/initiatives/{SLUG}/indicators")] {
        let (status, h, body) = raw(&app.app, get_with(&path, &[("accept-encoding", "gzip, deflate, br")])).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(header(&h, "content-encoding"), "br", "{path}");
        assert!(header(&h, "etag").ends_with("-br\""));
        let mut text = Vec::new();
        brotli::BrotliDecompress(&mut &body[..], &mut text).unwrap();
        if path.ends_with("dashboard") {
            assert_eq!(String::from_utf8(text).unwrap(), plain.body);
        }
        let (_, h, body) = raw(&app.app, get_with(&path, &[("accept-encoding", "gzip")])).await;
        assert_eq!(header(&h, "content-encoding"), "gzip");
        let mut text = String::new();
        flate2::read::GzDecoder::new(&body[..]).read_to_string(&mut text).unwrap();
        assert!(text.len() > body.len());
    }
    // Signed-in answers are compressed too (made afresh each time).
    let (_, h, body) = raw(
        &app.app,
        get_with(
            &format!("/api/v1/initiatives/{SLUG}/indicators"),
            &[("accept-encoding", "gzip"), ("authorization", &format!("Bearer {token}"))],
        ),
    )
    .await;
    assert_eq!(header(&h, "content-encoding"), "gzip");
    assert_eq!(header(&h, "cache-control"), "no-store");
    let mut text = String::new();
    flate2::read::GzDecoder::new(&body[..]).read_to_string(&mut text).unwrap();
    assert!(text.starts_with('['));
}

async fn assets_are_fingerprinted_and_immutable(ts: TestStore) {
    let app = TestApp::new(ts).await;
    let page = app.send(get_with(&format!("/i/{SLUG}/dashboard"), &[])).await;
    let css = backbone_web::http::assets::url("backbone.css");
    assert!(page.body.contains(&format!("href=\"{css}\"")), "the page names the fingerprinted address");
    let (status, h, body) = raw(&app.app, get_with(&css, &[("accept-encoding", "br")])).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(header(&h, "cache-control"), "public, max-age=31536000, immutable");
    assert_eq!(header(&h, "content-encoding"), "br");
    assert!(header(&h, "content-type").starts_with("text/css"));
    let mut text = Vec::new();
    brotli::BrotliDecompress(&mut &body[..], &mut text).unwrap();
    let plain = app.send(get_with("/assets/backbone.css", &[])).await;
    assert_eq!(String::from_utf8(text).unwrap(), plain.body, "the same style sheet");
    assert_eq!(header(&plain.headers, "cache-control"), "public, no-cache");
    let etag = header(&plain.headers, "etag").to_string();
    assert_eq!(
        app.send(get_with("/assets/backbone.css", &[("if-none-match", &etag)])).await.status,
        StatusCode::NOT_MODIFIED
    );
    let stale = css.replace("backbone.", "backbone.0000");
    assert_eq!(app.send(get_with(&stale, &[])).await.status, StatusCode::NOT_FOUND, "an address no release made");
}

async fn an_approval_refreshes_public_answers_on_every_server_at_once(ts: TestStore) {
    // Two app servers, each with its own cache, sharing one database.
    let second_store = match &ts.schema {
        Some(schema) => backbone_store::open_postgres_schema(&ts.url, schema).await.unwrap(),
        None => backbone_store::open(&ts.url).await.unwrap(),
    };
    let app = TestApp::new(ts).await;
    let second = router(AppState::new(second_store, WebConfig::default()));
    let (staff, org) = measured(&app).await;
    let base = format!("/api/v1/initiatives/{SLUG}");
    let data = format!("{base}/indicators/grade3-reading/data");
    let page = format!("/i/{SLUG}/indicators/grade3-reading");
    let (first_api, first_page) =
        (send(&second, get_with(&data, &[])).await, send(&second, get_with(&page, &[])).await);
    let (on_a, _) = (app.send(get_with(&data, &[])).await, app.send(get_with(&page, &[])).await);
    assert_eq!(on_a.body, first_api.body);
    assert!(
        !first_api.body.contains("46.66") && !first_page.body.contains("46.7"),
        "no 2024-25 number is published yet"
    );
    // A partner submits 2024-25: waiting for review, nothing public changes, the kept answer stays.
    let steward = app.token("steward").await;
    let r = app
        .api(
            "POST",
            &format!("{base}/observations"),
            Some(&steward),
            Some(json!({"organization_id": org, "observations": [
                {"indicator": "grade3-reading", "period": "2024-25", "geography": "town", "numerator": 700, "denominator": 1500}
            ]})),
        )
        .await;
    assert!(r.status.is_success(), "{}", r.body);
    let etag = header(&first_api.headers, "etag").to_string();
    assert_eq!(
        send(&second, get_with(&data, &[("if-none-match", &etag)])).await.status,
        StatusCode::NOT_MODIFIED,
        "a number waiting for review changes nothing public"
    );
    // Staff approve it on the first server; the second answers with it on its very next request.
    let waiting = app.api("GET", &format!("{base}/observations?status=submitted&limit=5000"), Some(&staff), None).await;
    let id = waiting.json().as_array().unwrap().iter().find(|o| o["period"] == "2024-25").unwrap()["id"].clone();
    let r = app
        .api(
            "POST",
            &format!("{base}/observations/review"),
            Some(&staff),
            Some(json!({"observations": [id], "decision": "approve"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let fresh = send(&second, get_with(&data, &[("if-none-match", &etag)])).await;
    assert_eq!(fresh.status, StatusCode::OK, "the approval made the kept answer out of date");
    assert!(fresh.body.contains("46.66"), "700 of 1,500: {}", fresh.body);
    assert_ne!(header(&fresh.headers, "etag"), etag);
    let fresh_page = send(&second, get_with(&page, &[])).await;
    assert_ne!(fresh_page.body, first_page.body);
    assert!(fresh_page.body.contains("46.7"));
    assert!(app.send(get_with(&data, &[])).await.body.contains("46.66"), "and on the first server");
    // A changed definition too: the agenda's vision, rewritten through the API.
    let agenda = app.api("GET", &format!("{base}/agenda"), None, None).await;
    assert_eq!(agenda.status, StatusCode::OK, "{}", agenda.body);
    let home = format!("/i/{SLUG}/agenda");
    let before = send(&second, get_with(&home, &[])).await;
    assert!(!before.body.contains("Every child in Riverbend reads by nine"));
    let current = agenda.json();
    let input = json!({"problem_statement": current["problem_statement"], "shared_vision": "Every child in Riverbend reads by nine",
        "results": current["results"], "reason": "Steering committee retreat", "based_on": current["number"]});
    let r = app.api("POST", &format!("{base}/agenda/versions"), Some(&staff), Some(input)).await;
    assert!(r.status.is_success(), "{}", r.body);
    assert!(send(&second, get_with(&home, &[])).await.body.contains("Every child in Riverbend reads by nine"));
}

both_backends!(
    public_answers_carry_validators_and_come_back_as_304,
    signed_in_answers_are_never_kept,
    answers_are_compressed_as_the_client_asks,
    assets_are_fingerprinted_and_immutable,
    an_approval_refreshes_public_answers_on_every_server_at_once
);
