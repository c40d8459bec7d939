//! What every capability shares: CSRF on every route, refusals, inline form errors, every page rendering, the API document, several app servers.

use super::*;

/// Every route that changes something refuses a request without the viewer's CSRF token, or with
/// a wrong one, before anything is written: every page form (the route table lists them all) and
/// every API write made with a session cookie (the OpenAPI document lists them all).
async fn every_state_changing_route_refuses_a_missing_or_wrong_csrf_token(ts: TestStore) {
    let app = TestApp::new(ts).await;
    let mut b = Browser::new();
    b.sign_in(&app.app, "director").await;
    let before = app.audit_len().await;
    let fill = |path: &str| {
        path.replace("{slug}", SLUG)
            .replace("{kind}", "influential_champion")
            .replace("{key}", "third-grade-reading")
            .replace("{list}", "places")
            .replace("{number}", "1")
            .replace("{id}", "1")
            .replace("{mid}", "1")
    };
    let pages = backbone_web::state_changing_pages();
    assert!(pages.len() >= 20, "the route table lists the forms: {pages:?}");
    for (method, path) in &pages {
        let path = fill(path);
        for token in [None, Some("not-the-token")] {
            let mut form = vec![("name", "Changed by a forged form")];
            if let Some(t) = token {
                form.push(("csrf", t));
            }
            let body = serde_urlencoded::to_string(&form).unwrap();
            let req = b
                .request(method.as_str(), &path)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(body))
                .unwrap();
            let r = send(&app.app, req).await;
            assert_eq!(r.status, StatusCode::FORBIDDEN, "{method} {path} with token {token:?}");
            // A multipart upload carries its token in the address; a wrong one is refused too.
            let r =
                send(&app.app, b.request(method.as_str(), &format!("{path}?csrf=forged")).body(Body::empty()).unwrap())
                    .await;
            assert_eq!(r.status, StatusCode::FORBIDDEN, "{method} {path}?csrf=forged");
        }
    }
    let doc = app.api("GET", "/api/openapi.json", None, None).await.json();
    let mut writes = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in ["post", "put", "patch", "delete"] {
            if item.get(method).is_none() {
                continue;
            }
            writes += 1;
            for token in [None, Some("not-the-token")] {
                let mut req =
                    b.request(&method.to_uppercase(), &fill(path)).header(header::CONTENT_TYPE, "application/json");
                if let Some(t) = token {
                    req = req.header(backbone_web::http::viewer::CSRF_HEADER, t);
                }
                let r = send(&app.app, req.body(Body::from("{}")).unwrap()).await;
                assert_eq!(r.status, StatusCode::FORBIDDEN, "{method} {path} with token {token:?}: {}", r.body);
            }
        }
    }
    assert!(writes >= 20, "the document lists the API's writes");
    assert_eq!(app.audit_len().await, before, "nothing was written");
}

async fn the_public_and_members_are_refused_what_is_not_theirs(ts: TestStore) {
    let app = TestApp::new(ts).await;
    let mut public = Browser::new();
    let home = public.get(&app.app, &format!("/i/{SLUG}")).await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(home.body.contains("Riverbend Cradle to Career Partnership"));
    assert!(!home.body.contains(&format!("/i/{SLUG}/people\"")), "no People tab for the public");
    let people = public.get(&app.app, &format!("/i/{SLUG}/people")).await;
    assert_eq!(people.status, StatusCode::UNAUTHORIZED);
    assert!(people.body.contains("/login?next="), "offers to sign in");
    assert_eq!(public.get(&app.app, &format!("/i/{SLUG}/audit")).await.status, StatusCode::UNAUTHORIZED);
    let mut member = Browser::new();
    member.sign_in(&app.app, "member").await;
    assert_eq!(member.get(&app.app, &format!("/i/{SLUG}/audit")).await.status, StatusCode::FORBIDDEN);
    assert_eq!(member.get(&app.app, &format!("/i/{SLUG}/organizations/new")).await.status, StatusCode::FORBIDDEN);
    let people = member.get(&app.app, &format!("/i/{SLUG}/people")).await;
    assert_eq!(people.status, StatusCode::OK);
    assert!(!people.body.contains("@"), "members see no e-mail addresses");

    // An unpublished initiative is invisible to the public.
    app.store
        .update_initiative(
            &Actor::system("t"),
            app.initiative.id,
            &InitiativeUpdate { published: Some(false), ..Default::default() },
        )
        .await
        .unwrap();
    assert_eq!(public.get(&app.app, &format!("/i/{SLUG}")).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.api("GET", &format!("/api/v1/initiatives/{SLUG}"), None, None).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.api("GET", "/api/v1/initiatives", None, None).await.json().as_array().unwrap().len(), 0);
    assert_eq!(member.get(&app.app, &format!("/i/{SLUG}")).await.status, StatusCode::OK);
    // A change by someone not signed in is "sign in first", hidden initiative or not.
    let r = app.api("POST", &format!("/api/v1/initiatives/{SLUG}/organizations"), None, Some(new_org("X"))).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{}", r.body);
    let r = app.api("POST", "/api/v1/initiatives/no-such-initiative/organizations", None, Some(new_org("X"))).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{}", r.body);
}

async fn only_those_allowed_may_write(ts: TestStore) {
    let app = TestApp::new(ts).await;
    let url = format!("/api/v1/initiatives/{SLUG}/organizations");
    let r = app.api("POST", &url, None, Some(new_org("Anonymous Org"))).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{}", r.body);
    let member = app.token("member").await;
    assert_eq!(app.api("POST", &url, Some(&member), Some(new_org("Member Org"))).await.status, StatusCode::FORBIDDEN);
    // A record is an object: its fields as an array are refused, not read in order.
    let staff = app.token("director").await;
    let r = app.api("POST", &url, Some(&staff), Some(json!(["Array Org", "faith", "under_100k"]))).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.json()["errors"][0]["reason"].as_str().unwrap().starts_with("invalid type: sequence"), "{}", r.body);
    let r = app.api("GET", &url, Some("bbk_not-a-real-token"), None).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "a wrong token is refused, not treated as the public");

    // A data steward edits its own organisation, and no other.
    let steward = app.token("steward").await;
    let grants = app.api("GET", "/api/v1/me", Some(&steward), None).await.json();
    let own = grants["roles"][0]["organization_id"].as_i64().unwrap();
    let own_org = app.api("GET", &format!("{url}/{own}"), Some(&steward), None).await.json();
    let mut change = own_org.clone();
    for k in ["id", "initiative_id", "created_at", "updated_at"] {
        change.as_object_mut().unwrap().remove(k);
    }
    change["website"] = json!("https://new-site.example.org");
    let r = app.api("PUT", &format!("{url}/{own}"), Some(&steward), Some(change.clone())).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let other = app.org_id("Riverbend Community Foundation").await;
    let r = app.api("PUT", &format!("{url}/{other}"), Some(&steward), Some(change)).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(
        app.api("GET", &format!("{url}/{other}"), None, None).await.json()["name"],
        "Riverbend Community Foundation"
    );
}

async fn forms_show_problems_inline_and_save_nothing(ts: TestStore) {
    let app = TestApp::new(ts).await;
    let mut b = Browser::new();
    b.sign_in(&app.app, "director").await;
    let new = format!("/i/{SLUG}/organizations/new");
    let count = app.store.organizations(app.initiative.id).await.unwrap().len();
    let r = b
        .submit(
            &app.app,
            &new,
            &new,
            &[("name", ""), ("sector", "faith"), ("budget_band", "under_100k"), ("service_area", "53205, ABC")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("is required"));
    assert!(
        r.body.contains("&quot;ABC&quot; is not a 5-digit ZIP code")
            || r.body.contains("\"ABC\" is not a 5-digit ZIP code")
            || r.body.contains("&#34;ABC&#34;"),
        "{}",
        r.body
    );
    assert!(r.body.contains("value=\"53205, ABC\""), "what was typed is kept");
    assert_eq!(app.store.organizations(app.initiative.id).await.unwrap().len(), count);

    let r = b
        .submit(
            &app.app,
            &new,
            &new,
            &[
                ("name", "Northside Tenants Union"),
                ("sector", "resident_led"),
                ("budget_band", "under_100k"),
                ("resident_led", "on"),
                ("service_area", "53205 53206"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = b.get(&app.app, r.location()).await;
    assert!(page.body.contains("Northside Tenants Union"));
    assert!(page.body.contains("53205, 53206"));

    // The agenda form saves a new version and the history shows it side by side.
    let edit = format!("/i/{SLUG}/agenda/edit");
    let form_page = b.get(&app.app, &edit).await;
    let csrf = csrf_in(&form_page.body);
    let current = app.store.current_agenda(app.initiative.id).await.unwrap().unwrap();
    let based_on = current.number.to_string();
    let mut fields: Vec<(String, String)> = vec![
        ("csrf".into(), csrf),
        ("based_on".into(), based_on),
        ("problem_statement".into(), current.problem_statement.clone()),
        ("shared_vision".into(), format!("{} Together.", current.shared_vision)),
        ("reason".into(), "Residents asked for one more word".into()),
    ];
    for (n, r) in current.results.iter().enumerate() {
        fields.push((format!("result-{n}-key"), r.key.clone()));
        fields.push((format!("result-{n}-title"), r.title.clone()));
        fields.push((format!("result-{n}-description"), r.description.clone()));
        fields.push((
            format!("result-{n}-strategies"),
            r.strategies.iter().map(|s| s.title.clone()).collect::<Vec<_>>().join("\n"),
        ));
    }
    let borrowed: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let r = b.post(&app.app, &edit, &borrowed).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let after = app.store.current_agenda(app.initiative.id).await.unwrap().unwrap();
    assert_eq!(after.number, current.number + 1);
    assert_eq!(after.results, current.results, "results and their keys survive an edit of the vision");
    let cmp = b.get(&app.app, &format!("/i/{SLUG}/agenda/compare?from={}&to={}", current.number, after.number)).await;
    assert_eq!(cmp.status, StatusCode::OK);
    assert!(cmp.body.contains("<ins>"), "{}", cmp.body);

    // Leaving the reason empty keeps the form and its text.
    let r = b
        .post(
            &app.app,
            &edit,
            &[
                ("csrf", csrf_in(&form_page.body).as_str()),
                ("based_on", &after.number.to_string()),
                ("problem_statement", "P"),
                ("shared_vision", "V"),
                ("reason", ""),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("is required"));
    assert_eq!(app.store.current_agenda(app.initiative.id).await.unwrap().unwrap().number, after.number);
}

async fn every_page_renders_for_staff(ts: TestStore) {
    let app = TestApp::new(ts).await;
    let mut b = Browser::new();
    b.sign_in(&app.app, "director").await;
    let t = app.store.tables(app.initiative.id).await.unwrap()[0].id;
    let p = app.store.people(app.initiative.id).await.unwrap()[0].id;
    let o = app.store.organizations(app.initiative.id).await.unwrap()[0].id;
    let a = app.store.activities(app.initiative.id, &Default::default()).await.unwrap()[0].id;
    let c = app.store.commitments(app.initiative.id, &Default::default()).await.unwrap()[0].id;
    let mt = app.store.meetings(app.initiative.id, &Default::default()).await.unwrap()[0].id;
    let dc = app.store.decisions(app.initiative.id, &Default::default()).await.unwrap()[0].id;
    for path in [
        "/".to_string(),
        "/account".into(),
        format!("/i/{SLUG}"),
        format!("/i/{SLUG}/settings"),
        format!("/i/{SLUG}/agenda"),
        format!("/i/{SLUG}/agenda/edit"),
        format!("/i/{SLUG}/agenda/history"),
        format!("/i/{SLUG}/agenda/compare?from=1&to=3"),
        format!("/i/{SLUG}/organizations"),
        format!("/i/{SLUG}/organizations/new"),
        format!("/i/{SLUG}/organizations/{o}"),
        format!("/i/{SLUG}/organizations/{o}/edit"),
        format!("/i/{SLUG}/activities"),
        format!("/i/{SLUG}/activities/new"),
        format!("/i/{SLUG}/activities/{a}"),
        format!("/i/{SLUG}/activities/{a}/edit"),
        format!("/i/{SLUG}/alignment"),
        format!("/i/{SLUG}/commitments"),
        format!("/i/{SLUG}/commitments/new"),
        format!("/i/{SLUG}/commitments/{c}"),
        format!("/i/{SLUG}/commitments/{c}/edit"),
        format!("/i/{SLUG}/meetings"),
        format!("/i/{SLUG}/meetings/new"),
        format!("/i/{SLUG}/meetings/{mt}"),
        format!("/i/{SLUG}/meetings/{mt}/edit"),
        format!("/i/{SLUG}/decisions"),
        format!("/i/{SLUG}/decisions/new"),
        format!("/i/{SLUG}/decisions/{dc}"),
        format!("/i/{SLUG}/people"),
        format!("/i/{SLUG}/people/new"),
        format!("/i/{SLUG}/people/{p}"),
        format!("/i/{SLUG}/people/{p}/edit"),
        format!("/i/{SLUG}/tables"),
        format!("/i/{SLUG}/tables/new"),
        format!("/i/{SLUG}/tables/{t}"),
        format!("/i/{SLUG}/tables/{t}/edit"),
        format!("/i/{SLUG}/audit"),
        format!("/i/{SLUG}/access"),
        format!("/i/{SLUG}/dashboard"),
        format!("/i/{SLUG}/data"),
    ] {
        let r = b.get(&app.app, &path).await;
        assert_eq!(r.status, StatusCode::OK, "{path}");
        assert!(r.body.contains("<main id=\"main\""), "{path}");
        assert!(!r.body.contains("-title<") && !r.body.contains(">nav-"), "{path} shows a raw message key");
    }
    assert_eq!(b.get(&app.app, "/no/such/page").await.status, StatusCode::NOT_FOUND);
}

async fn health_and_the_openapi_document(ts: TestStore) {
    let app = TestApp::new(ts).await;
    let r = app.api("GET", "/healthz", None, None).await;
    assert_eq!(r.status, StatusCode::OK);
    let doc = app.api("GET", "/api/openapi.json", None, None).await.json();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    for path in [
        "/api/v1/initiatives/{slug}/organizations",
        "/api/v1/initiatives/{slug}/agenda/versions",
        "/api/v1/me/tokens",
        "/api/v1/initiatives/{slug}/audit",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} is documented");
    }
    assert!(doc["components"]["schemas"]["OrganizationInput"].is_object());
    assert!(doc["components"]["schemas"]["Problem"].is_object());
    let unknown = app.api("GET", "/api/v1/nothing-here", None, None).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert_eq!(unknown.content_type(), "application/problem+json");
}

async fn two_app_servers_share_one_database(ts: TestStore) {
    // A second, independent server process on the same database: sessions and data are shared.
    let second_store = match &ts.schema {
        Some(schema) => backbone_store::open_postgres_schema(&ts.url, schema).await.unwrap(),
        None => backbone_store::open(&ts.url).await.unwrap(),
    };
    let app = TestApp::new(ts).await;
    let second = router(AppState::new(second_store, WebConfig::default()));
    let mut b = Browser::new();
    b.sign_in(&app.app, "director").await;
    let page = b.get(&second, &format!("/i/{SLUG}/people")).await;
    assert_eq!(page.status, StatusCode::OK, "a session made on one server works on the other");
    let new = format!("/i/{SLUG}/tables/new");
    let r = b
        .submit(
            &second,
            &new,
            &new,
            &[
                ("name", "Housing Stability Action Network"),
                ("kind", "action_network"),
                ("purpose", "Keep families housed through the school year"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let list = b.get(&app.app, &format!("/i/{SLUG}/tables")).await;
    assert!(list.body.contains("Housing Stability Action Network"));
}

async fn the_rest_of_the_api(ts: TestStore) {
    let app = TestApp::new(ts).await;
    let staff = app.token("director").await;
    let member = app.token("member").await;
    let base = format!("/api/v1/initiatives/{SLUG}");

    // Initiatives: only server operators create them; staff change them.
    let new = json!({"slug": "eastside-promise", "name": "Eastside Promise"});
    assert_eq!(
        app.api("POST", "/api/v1/initiatives", Some(&staff), Some(new.clone())).await.status,
        StatusCode::FORBIDDEN
    );
    let r = app.api("PATCH", &base, Some(&staff), Some(json!({"phase": "sustaining_action"}))).await;
    assert_eq!(r.json()["phase"], "sustaining_action");
    assert_eq!(
        app.api("PATCH", &base, Some(&member), Some(json!({"name": "Mine"}))).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.api("PATCH", &base, Some(&staff), Some(json!({"name": ""}))).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );

    // Preconditions.
    let r = app
        .api(
            "PUT",
            &format!("{base}/preconditions/financial_resources"),
            Some(&staff),
            Some(json!({"readiness": "in_place", "evidence": "Five-year pooled fund signed"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = app
        .api("PUT", &format!("{base}/preconditions/good_vibes"), Some(&staff), Some(json!({"readiness": "in_place"})))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json()["errors"][0]["field"], "kind");
    let p = app.api("GET", &format!("{base}/preconditions"), None, None).await.json();
    assert!(p.as_array().unwrap().iter().any(|p| p["evidence"] == "Five-year pooled fund signed"));

    // People.
    let r = app.api("POST", &format!("{base}/people"), Some(&staff), Some(json!({"name": "Amina Yusuf", "email": "amina@", "demographics": {"consent": true, "primary_language": "Somali"}}))).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json()["errors"][0]["field"], "email");
    let r = app.api("POST", &format!("{base}/people"), Some(&staff), Some(json!({"name": "Amina Yusuf", "email": "amina@example.org", "demographics": {"consent": true, "primary_language": "Somali"}}))).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let amina = r.json()["id"].as_i64().unwrap();
    assert_eq!(
        app.api("GET", &format!("{base}/people/{amina}"), Some(&member), None).await.json()["demographics"],
        Value::Null
    );
    assert_eq!(
        app.api("GET", &format!("{base}/people/{amina}"), Some(&staff), None).await.json()["demographics"]
            ["primary_language"],
        "Somali"
    );
    let r = app.api("PUT", &format!("{base}/people/{amina}"), Some(&member), Some(json!({"name": "A"}))).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);

    // Tables and memberships.
    let r = app
        .api(
            "POST",
            &format!("{base}/tables"),
            Some(&staff),
            Some(json!({"name": "Family Voice Table", "kind": "resident_table"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    let table = r.json()["id"].as_i64().unwrap();
    let r = app
        .api(
            "PUT",
            &format!("{base}/tables/{table}"),
            Some(&staff),
            Some(json!({"name": "Family Voice Table", "kind": "resident_table", "purpose": "Parents shape the work"})),
        )
        .await;
    assert_eq!(r.json()["purpose"], "Parents shape the work");
    let m = format!("{base}/tables/{table}/memberships");
    let r = app
        .api(
            "POST",
            &m,
            Some(&staff),
            Some(json!({"person_id": amina, "role": "chair", "start_date": "2026-01-15", "end_date": "2025-12-01"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json()["errors"][0]["field"], "end_date");
    let r = app
        .api("POST", &m, Some(&staff), Some(json!({"person_id": amina, "role": "chair", "start_date": "2026-01-15"})))
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    let mid = r.json()["id"].as_i64().unwrap();
    let r = app
        .api("PATCH", &format!("{base}/memberships/{mid}"), Some(&staff), Some(json!({"role": "facilitator"})))
        .await;
    assert_eq!(r.json()["role"], "facilitator");
    assert_eq!(app.api("GET", &m, None, None).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(app.api("GET", &m, Some(&member), None).await.json().as_array().unwrap().len(), 1);
    assert_eq!(app.api("GET", &format!("{base}/tables/999999"), None, None).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        app.api("GET", &format!("{base}/tables/not-a-number"), None, None).await.status,
        StatusCode::BAD_REQUEST
    );

    // Users, roles and tokens.
    let r = app
        .api(
            "POST",
            "/api/v1/users",
            Some(&staff),
            Some(json!({"username": "lee.vang", "display_name": "Lee Vang", "password": "a long first password"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let lee = r.json()["id"].as_i64().unwrap();
    let r = app.api("POST", "/api/v1/users", Some(&staff), Some(json!({"username": "boss", "display_name": "Boss", "password": "a long first password", "server_admin": true}))).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "staff cannot make server operators");
    assert_eq!(
        app.api(
            "POST",
            "/api/v1/users",
            Some(&member),
            Some(json!({"username": "x1", "display_name": "X", "password": "a long first password"}))
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    let grant = json!({"user_id": lee, "role": "resident_member"});
    assert_eq!(
        app.api("POST", &format!("{base}/roles"), Some(&staff), Some(grant.clone())).await.status,
        StatusCode::CREATED
    );
    assert_eq!(
        app.api("POST", &format!("{base}/roles"), Some(&member), Some(grant.clone())).await.status,
        StatusCode::FORBIDDEN
    );
    assert!(app
        .api("GET", &format!("{base}/roles"), Some(&staff), None)
        .await
        .json()
        .as_array()
        .unwrap()
        .iter()
        .any(|g| g["user_id"] == lee));
    assert_eq!(
        app.api("DELETE", &format!("{base}/roles"), Some(&staff), Some(grant.clone())).await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        app.api("DELETE", &format!("{base}/roles"), Some(&staff), Some(grant)).await.status,
        StatusCode::NOT_FOUND
    );

    // A token is made by a person signed in with their password, never by another token.
    let r = app.api("POST", "/api/v1/me/tokens", Some(&member), Some(json!({"name": "Attendance upload"}))).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "a token cannot make more tokens");
    let mut browser = Browser::new();
    browser.sign_in(&app.app, "member").await;
    let r = browser.api(&app.app, "POST", "/api/v1/me/tokens", Some(json!({"name": "Attendance upload"}))).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let secret = r.json()["secret"].as_str().unwrap().to_string();
    let id = r.json()["token"]["id"].as_i64().unwrap();
    assert_eq!(app.api("GET", "/api/v1/me", Some(&secret), None).await.json()["user"]["username"], "member");
    assert!(
        !app.api("GET", "/api/v1/me/tokens", Some(&member), None).await.body.contains(&secret),
        "secrets are shown once"
    );
    assert_eq!(
        app.api("DELETE", &format!("/api/v1/me/tokens/{id}"), Some(&staff), None).await.status,
        StatusCode::NOT_FOUND,
        "only your own tokens"
    );
    assert_eq!(app.api("DELETE", &format!("/api/v1/me/tokens/{id}"), Some(&member), None).await.status, StatusCode::OK);
    assert_eq!(app.api("GET", "/api/v1/me", Some(&secret), None).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(app.api("GET", "/api/v1/me", None, None).await.status, StatusCode::UNAUTHORIZED);
}

/// A NUL character cannot be stored (PostgreSQL refuses it): wherever it comes, it is refused
/// at the edge, naming where, never a 500, and nothing is written.
async fn a_nul_character_is_refused_wherever_it_comes(ts: TestStore) {
    let app = TestApp::new(ts).await;
    let staff = app.token("director").await;
    let base = format!("/api/v1/initiatives/{SLUG}");
    let r = app.api("GET", "/api/v1/initiatives/river%00bend", None, None).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.content_type(), "application/problem+json");
    let r = app.api("GET", &format!("{base}/audit?limit=5&entity=a%00b"), Some(&staff), None).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.json()["errors"][0]["field"], "entity", "{}", r.body);
    let count = app.store.organizations(app.initiative.id).await.unwrap().len();
    let mut org = new_org("Hope\u{0}Church");
    let r = app.api("POST", &format!("{base}/organizations"), Some(&staff), Some(org.clone())).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(r.json()["errors"][0]["field"], "name");
    org["name"] = json!("Hope Church");
    org["service_area"] = json!(["53205", "5320\u{0}6"]);
    let r = app.api("POST", &format!("{base}/organizations"), Some(&staff), Some(org)).await;
    assert_eq!(r.json()["errors"][0]["field"], "service_area[1]", "{}", r.body);
    let mut b = Browser::new();
    b.sign_in(&app.app, "director").await;
    let new = format!("/i/{SLUG}/organizations/new");
    let r = b.submit(&app.app, &new, &new, &[("name", "Hope\u{0}Church"), ("sector", "faith")]).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    assert_eq!(app.store.organizations(app.initiative.id).await.unwrap().len(), count);
}

both_backends!(
    a_nul_character_is_refused_wherever_it_comes,
    every_state_changing_route_refuses_a_missing_or_wrong_csrf_token,
    the_public_and_members_are_refused_what_is_not_theirs,
    only_those_allowed_may_write,
    forms_show_problems_inline_and_save_nothing,
    every_page_renders_for_staff,
    health_and_the_openapi_document,
    two_app_servers_share_one_database,
    the_rest_of_the_api
);
