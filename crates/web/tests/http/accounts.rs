//! Signing in, sessions, throttling and access over HTTP.

use super::*;

async fn cookie_sessions_need_csrf_and_sign_in_is_throttled(ts: TestStore) {
    let app = TestApp::new(ts).await;
    let mut b = Browser::new();
    // A wrong password gets an inline message, not a session.
    let r = b.submit(&app.app, "/login", "/login", &[("username", "director"), ("password", "wrong password!")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("The username or password is not right."));
    assert!(r.cookie(SESSION_COOKIE).is_none());
    // A form without its CSRF token is refused.
    let r = b.post(&app.app, "/login", &[("username", "director"), ("password", DEMO_PASSWORD)]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    b.sign_in(&app.app, "director").await;
    let page = b.get(&app.app, &format!("/i/{SLUG}/people")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Danielle Okafor"));

    // The API with a session cookie needs the CSRF header for writes.
    let body = new_org("Cookie Org").to_string();
    let req = |csrf: Option<String>| {
        let mut r = Request::builder()
            .method("POST")
            .uri(format!("/api/v1/initiatives/{SLUG}/organizations"))
            .header(header::COOKIE, b.cookie_header())
            .header(header::CONTENT_TYPE, "application/json");
        if let Some(c) = csrf {
            r = r.header(backbone_web::http::viewer::CSRF_HEADER, c);
        }
        r.body(Body::from(body.clone())).unwrap()
    };
    assert_eq!(app.send(req(None)).await.status, StatusCode::FORBIDDEN);
    let csrf = csrf_in(&page.body);
    assert_eq!(app.send(req(Some(csrf))).await.status, StatusCode::CREATED);

    // A stranger guessing member's password is slowed down, with waits that grow; the member,
    // signing in from their own address, is not: nobody can lock someone else out.
    let behind_proxy = router(AppState::new(app.store.clone(), WebConfig { trusted_proxies: 1, ..Default::default() }));
    let mut stranger = Browser::from("203.0.113.9");
    let guess = [("username", "member"), ("password", "guessing-again")];
    for _ in 0..4 {
        stranger.submit(&behind_proxy, "/login", "/login", &guess).await;
    }
    let r = stranger
        .submit(&behind_proxy, "/login", "/login", &[("username", "member"), ("password", DEMO_PASSWORD)])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Too many sign-in attempts from here"), "{}", r.body);
    let mut owner = Browser::from("198.51.100.4");
    owner.sign_in(&behind_proxy, "member").await;
    // Behind the proxy, the client is the address the proxy appended, not one the client wrote.
    let mut liar = Browser::from("198.51.100.4, 203.0.113.9");
    let r =
        liar.submit(&behind_proxy, "/login", "/login", &[("username", "member"), ("password", DEMO_PASSWORD)]).await;
    assert!(r.body.contains("Too many sign-in attempts from here"), "claiming another address does not help");

    // What a signed-in person sees is never kept by a browser or a proxy; public pages may be.
    let no_store = |r: &Resp| r.headers.get(header::CACHE_CONTROL).is_some_and(|v| v == "no-store");
    assert!(no_store(&page), "a signed-in page");
    let mut public = Browser::new();
    public.get(&app.app, &format!("/i/{SLUG}")).await; // the first answer sets a cookie, so is not kept either
    assert!(!no_store(&public.get(&app.app, &format!("/i/{SLUG}")).await), "a public page");
    let token = app.token("director").await;
    assert!(no_store(&app.api("GET", "/api/v1/me", Some(&token), None).await), "a signed-in API answer");

    // Only a signed-in session makes tokens: a token cannot make more of itself.
    let made = app.api("POST", "/api/v1/me/tokens", Some(&token), Some(json!({"name": "another"}))).await;
    assert_eq!(made.status, StatusCode::FORBIDDEN, "{}", made.body);
    let with_session = Request::builder()
        .method("POST")
        .uri("/api/v1/me/tokens")
        .header(header::COOKIE, b.cookie_header())
        .header(header::CONTENT_TYPE, "application/json")
        .header(backbone_web::http::viewer::CSRF_HEADER, csrf_in(&page.body))
        .body(Body::from(json!({"name": "Nightly upload"}).to_string()))
        .unwrap();
    let made = app.send(with_session).await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    let secret = made.json()["secret"].as_str().unwrap().to_string();
    assert_eq!(app.api("GET", "/api/v1/me", Some(&secret), None).await.status, StatusCode::OK);
    // A new password (`backbone admin reset-password`) ends every token of the account.
    let director = app.store.credentials("director").await.unwrap().unwrap().user;
    let hash = auth::hash_password("a brand new passphrase").await.unwrap();
    app.store.set_password(&Actor::system("test"), director.id, &hash).await.unwrap();
    for t in [&secret, &token] {
        assert_eq!(app.api("GET", "/api/v1/me", Some(t), None).await.status, StatusCode::UNAUTHORIZED);
    }
    b.sign_in_with(&app.app, "director", "a brand new passphrase").await;

    // Signing out ends the session.
    let home = b.get(&app.app, "/").await;
    let r = b.post(&app.app, "/logout", &[("csrf", csrf_in(&home.body).as_str())]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(b.get(&app.app, &format!("/i/{SLUG}/people")).await.status, StatusCode::UNAUTHORIZED);
}

async fn staff_give_and_take_access(ts: TestStore) {
    let app = TestApp::new(ts).await;
    let mut staff = Browser::new();
    staff.sign_in(&app.app, "director").await;
    let page = format!("/i/{SLUG}/access");
    let org = app.org_id("Riverbend Community Foundation").await.to_string();
    // A new person: an account is made and the role given, in one step.
    let r = staff
        .submit(
            &app.app,
            &page,
            &page,
            &[
                ("username", "keisha.brown"),
                ("display_name", "Keisha Brown"),
                ("password", "short"),
                ("role", "data_steward"),
                ("organization_id", &org),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("must be at least 10 characters"));
    assert!(app.store.credentials("keisha.brown").await.unwrap().is_none(), "nothing was created");
    let r = staff
        .submit(
            &app.app,
            &page,
            &page,
            &[
                ("username", "keisha.brown"),
                ("display_name", "Keisha Brown"),
                ("password", "a first password"),
                ("role", "data_steward"),
                ("organization_id", ""),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "a steward needs an organisation");
    let r = staff
        .submit(
            &app.app,
            &page,
            &page,
            &[
                ("username", "keisha.brown"),
                ("display_name", "Keisha Brown"),
                ("password", "a first password"),
                ("role", "data_steward"),
                ("organization_id", &org),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let mut keisha = Browser::new();
    let r = keisha
        .submit(
            &app.app,
            "/login",
            "/login",
            &[("username", "keisha.brown"), ("password", "a first password"), ("next", "/")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let edit = keisha.get(&app.app, &format!("/i/{SLUG}/organizations/{org}/edit")).await;
    assert_eq!(edit.status, StatusCode::OK, "she may edit her organisation");

    // Staff cannot remove their own staff role by accident.
    let me = app.store.credentials("director").await.unwrap().unwrap().user.id.to_string();
    let r = staff.submit(&app.app, &page, &format!("{page}/revoke"), &[("user_id", &me), ("role", "admin")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Removing Keisha's role takes her access away.
    let kid = app.store.credentials("keisha.brown").await.unwrap().unwrap().user.id.to_string();
    let r = staff
        .submit(
            &app.app,
            &page,
            &format!("{page}/revoke"),
            &[("user_id", &kid), ("role", "data_steward"), ("organization_id", &org)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(
        keisha.get(&app.app, &format!("/i/{SLUG}/organizations/{org}/edit")).await.status,
        StatusCode::FORBIDDEN
    );
}

both_backends!(cookie_sessions_need_csrf_and_sign_in_is_throttled, staff_give_and_take_access);
