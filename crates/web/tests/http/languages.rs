//! English and Spanish: a page is in the browser's language until the person chooses one, and
//! the choice is remembered; the switch goes back only to this site's own pages.

use super::*;

async fn a_resident_reads_the_site_in_spanish_and_can_switch(ts: TestStore) {
    let app = TestApp::new(ts).await;
    let home = format!("/i/{SLUG}");
    let req = Request::builder()
        .uri(&home)
        .header(header::ACCEPT_LANGUAGE, "es-US,es;q=0.9,en;q=0.5")
        .body(Body::empty())
        .unwrap();
    let r = send(&app.app, req).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("<html lang=\"es\">") && r.body.contains("Iniciar sesión"), "{}", r.body);
    assert!(r.body.contains("hreflang=\"en\""), "a link to read it in English");

    // Choosing English is remembered over the browser's Spanish, and brings her back.
    let mut b = Browser::new();
    let r = b.get(&app.app, &format!("/language?to=en&back=%2Fi%2F{SLUG}%3Fnotice%3Dsaved")).await;
    assert_eq!(
        (r.status, r.headers.get(header::LOCATION).unwrap().to_str().unwrap()),
        (StatusCode::SEE_OTHER, format!("/i/{SLUG}?notice=saved").as_str())
    );
    let req = b.request("GET", &home).header(header::ACCEPT_LANGUAGE, "es").body(Body::empty()).unwrap();
    let r = send(&app.app, req).await;
    assert!(r.body.contains("<html lang=\"en\">") && r.body.contains("Sign in"), "{}", r.body);
    b.get(&app.app, "/language?to=es&back=/").await;
    let page = b.get(&app.app, &home).await;
    assert!(page.body.contains("<html lang=\"es\">"));

    // Only this site's pages: anything else goes to the start page.
    for back in ["https://evil.example", "//evil.example", "/\\evil.example"] {
        let url =
            format!("/language?to=es&back={}", form_urlencoded::byte_serialize(back.as_bytes()).collect::<String>());
        let r = b.get(&app.app, &url).await;
        assert_eq!(r.headers.get(header::LOCATION).unwrap(), "/", "{back}");
    }
}

both_backends!(a_resident_reads_the_site_in_spanish_and_can_switch);
