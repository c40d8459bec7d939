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
