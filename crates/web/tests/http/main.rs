//! Backbone over HTTP, as its users meet it: the API with tokens, the pages with a browser's
//! cookies and forms. Each test runs on SQLite and on PostgreSQL.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use backbone_core::accounts::*;
use backbone_core::audit::AuditQuery;
use backbone_core::audit::*;
use backbone_core::initiative::*;
use backbone_core::measure::observation::ObservationStatus;
use backbone_core::store::prelude::*;
use backbone_core::Id;
use backbone_demo::{demo_initiative, DEMO_PASSWORD};
use backbone_store::both_backends;
use backbone_store::testing::TestStore;
use backbone_web::accounts::auth;
use backbone_web::http::viewer::{PRE_SESSION_COOKIE, SESSION_COOKIE};
use backbone_web::{router, AppState, WebConfig};
use http_body_util::BodyExt;
use serde_json::{json, Value};
use std::sync::Arc;

pub(crate) const SLUG: &str = "riverbend-cradle-to-career";

pub(crate) struct TestApp {
    pub(crate) app: Router,
    store: Arc<dyn Store>,
    initiative: Initiative,
    _ts: TestStore,
}

pub(crate) struct Resp {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: String,
}

impl Resp {
    pub(crate) fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
    pub(crate) fn content_type(&self) -> &str {
        self.headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("")
    }
    pub(crate) fn cookie(&self, name: &str) -> Option<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .filter_map(|v| v.split(';').next())
            .filter_map(|kv| kv.split_once('='))
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.to_string())
    }
    pub(crate) fn location(&self) -> &str {
        self.headers.get(header::LOCATION).and_then(|v| v.to_str().ok()).unwrap_or("")
    }
}

/// A browser: keeps its cookies and reads CSRF tokens out of forms. `from` is the address a
/// trusted proxy reports for it (`X-Forwarded-For`), when the app is configured with one.
pub(crate) struct Browser {
    cookies: Vec<(String, String)>,
    from: Option<&'static str>,
}

pub(crate) fn csrf_in(html: &str) -> String {
    let i = html.find("name=\"csrf\" value=\"").expect("a form with a CSRF token");
    let rest = &html[i + 19..];
    rest[..rest.find('"').unwrap()].to_string()
}

impl TestApp {
    pub(crate) async fn new(ts: TestStore) -> TestApp {
        let store = ts.store.clone();
        let initiative = seed(store.as_ref()).await;
        TestApp { app: router(AppState::new(store.clone(), WebConfig::default())), store, initiative, _ts: ts }
    }

    pub(crate) async fn send(&self, req: Request<Body>) -> Resp {
        send(&self.app, req).await
    }

    pub(crate) async fn api(&self, method: &str, path: &str, token: Option<&str>, body: Option<Value>) -> Resp {
        let mut b = Request::builder().method(method).uri(path);
        if let Some(t) = token {
            b = b.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        let req = match body {
            Some(v) => b.header(header::CONTENT_TYPE, "application/json").body(Body::from(v.to_string())).unwrap(),
            None => b.body(Body::empty()).unwrap(),
        };
        self.send(req).await
    }

    pub(crate) async fn token(&self, username: &str) -> String {
        let u = self.store.credentials(username).await.unwrap().unwrap().user;
        auth::issue_token(self.store.as_ref(), &Actor::user(&u), u.id, "tests").await.unwrap().1
    }

    pub(crate) async fn org_id(&self, name: &str) -> Id {
        self.store.organizations(self.initiative.id).await.unwrap().into_iter().find(|o| o.name == name).unwrap().id
    }

    pub(crate) async fn audit_len(&self) -> usize {
        self.store
            .audit(&AuditQuery { initiative_id: Some(self.initiative.id), limit: 500, ..Default::default() })
            .await
            .unwrap()
            .len()
    }
}

pub(crate) async fn send(app: &Router, req: Request<Body>) -> Resp {
    use tower::ServiceExt;
    let (method, uri) = (req.method().to_string(), req.uri().to_string());
    let resp = app.clone().oneshot(req).await.unwrap();
    let status = resp.status();
    let headers = resp.headers().clone();
    let body = String::from_utf8(resp.into_body().collect().await.unwrap().to_bytes().to_vec()).unwrap();
    let r = Resp { status, headers, body };
    contract::check(&method, &uri, r.status.as_u16(), r.content_type(), &r.body);
    r
}

/// The demo initiative with its five sign-ins.
pub(crate) async fn seed(store: &dyn Store) -> Initiative {
    let doc = demo_initiative(chrono::Utc::now().date_naive());
    let i = store.import_initiative(&Actor::system("test"), &doc, None).await.unwrap();
    let hash = auth::hash_password(DEMO_PASSWORD).await.unwrap();
    for u in ["director", "steward", "member", "resident", "datalead"] {
        let c = store.credentials(u).await.unwrap().unwrap();
        store.set_password(&Actor::system("test"), c.user.id, &hash).await.unwrap();
    }
    i
}

impl Browser {
    pub(crate) fn new() -> Self {
        Browser { cookies: Vec::new(), from: None }
    }

    pub(crate) fn from(address: &'static str) -> Self {
        Browser { cookies: Vec::new(), from: Some(address) }
    }

    pub(crate) fn request(&self, method: &str, path: &str) -> axum::http::request::Builder {
        let mut b = Request::builder().method(method).uri(path).header(header::COOKIE, self.cookie_header());
        if let Some(a) = self.from {
            b = b.header("x-forwarded-for", a);
        }
        b
    }

    pub(crate) fn cookie_header(&self) -> String {
        self.cookies.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; ")
    }

    pub(crate) fn keep(&mut self, r: &Resp) {
        for name in [SESSION_COOKIE, PRE_SESSION_COOKIE, backbone_web::http::i18n::LANGUAGE_COOKIE] {
            if let Some(v) = r.cookie(name) {
                self.cookies.retain(|(k, _)| k != name);
                if !v.is_empty() {
                    self.cookies.push((name.to_string(), v));
                }
            }
        }
    }

    pub(crate) async fn get(&mut self, app: &Router, path: &str) -> Resp {
        let req = self.request("GET", path).body(Body::empty()).unwrap();
        let r = send(app, req).await;
        self.keep(&r);
        r
    }

    pub(crate) async fn post(&mut self, app: &Router, path: &str, form: &[(&str, &str)]) -> Resp {
        let body = serde_urlencoded::to_string(form).unwrap();
        let req = self
            .request("POST", path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .unwrap();
        let r = send(app, req).await;
        self.keep(&r);
        r
    }

    /// Opens `path`, fills the form found there with `fields` plus its CSRF token, and posts it to `action`.
    pub(crate) async fn submit(&mut self, app: &Router, path: &str, action: &str, fields: &[(&str, &str)]) -> Resp {
        let page = self.get(app, path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}: {}", page.body);
        let csrf = csrf_in(&page.body);
        let mut form: Vec<(&str, &str)> = vec![("csrf", csrf.as_str())];
        form.extend_from_slice(fields);
        self.post(app, action, &form).await
    }

    /// Calls the API as this signed-in browser does: its session cookie, and the CSRF token of its
    /// pages in the header.
    pub(crate) async fn api(&mut self, app: &Router, method: &str, path: &str, body: Option<Value>) -> Resp {
        let csrf = csrf_in(&self.get(app, "/account").await.body);
        let mut b = Request::builder()
            .method(method)
            .uri(path)
            .header(header::COOKIE, self.cookie_header())
            .header(backbone_web::http::viewer::CSRF_HEADER, csrf);
        let req = match body {
            Some(v) => b.header(header::CONTENT_TYPE, "application/json").body(Body::from(v.to_string())).unwrap(),
            None => {
                b = b.header(header::CONTENT_LENGTH, "0");
                b.body(Body::empty()).unwrap()
            }
        };
        send(app, req).await
    }

    pub(crate) async fn sign_in(&mut self, app: &Router, username: &str) {
        self.sign_in_with(app, username, DEMO_PASSWORD).await
    }

    pub(crate) async fn sign_in_with(&mut self, app: &Router, username: &str, password: &str) {
        let r = self
            .submit(app, "/login", "/login", &[("username", username), ("password", password), ("next", "/")])
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    }
}

pub(crate) fn places_text_of(places: &[backbone_core::measure::place::Geography]) -> String {
    places
        .iter()
        .map(|g| format!("{} | {} | {} | {}", g.code, g.name, g.level.as_str(), g.parent.clone().unwrap_or_default()))
        .collect::<Vec<_>>()
        .join("\n")
}

pub(crate) fn new_org(name: &str) -> Value {
    json!({"name": name, "sector": "faith", "budget_band": "under_100k", "resident_led": true, "service_area": ["53205"]})
}

/// Sets up an indicator with places and race groups, some of them small, and approves a file of
/// numbers for it. Returns the staff token and the steward's organisation id.
pub(crate) async fn measured(app: &TestApp) -> (String, Id) {
    let staff = app.token("director").await;
    let base = format!("/api/v1/initiatives/{SLUG}");
    let r = app
        .api(
            "PUT",
            &format!("{base}/geographies"),
            Some(&staff),
            Some(json!([
                {"code": "town", "name": "Riverbend", "level": "community", "parent": null},
                {"code": "east", "name": "Eastside", "level": "district", "parent": "town"},
                {"code": "west", "name": "Westside", "level": "district", "parent": "town"},
                {"code": "47301", "name": "47301", "level": "zip", "parent": "east"},
                {"code": "47302", "name": "47302", "level": "zip", "parent": "east"},
                {"code": "47303", "name": "47303", "level": "zip", "parent": "west"}
            ])),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    let r = app.api("PUT", &format!("{base}/dimensions"), Some(&staff), Some(json!([
        {"key": "race_ethnicity", "name": "Race or ethnicity", "values": ["Asian", "Black or African American", "Hispanic or Latino", "White", "American Indian or Alaska Native"]}
    ]))).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    let r = app.api("POST", &format!("{base}/indicators"), Some(&staff), Some(json!({
        "key": "grade3-reading", "name": "Third graders reading at grade level", "unit": "percent", "direction": "up",
        "period_kind": "school_year", "level": "population", "denominator_definition": "Third graders tested",
        "numerator_definition": "Third graders meeting the standard", "baseline_period": "2021-22",
        "targets": [{"period": "2024-25", "value": 50.0}], "published": true
    }))).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let steward = app
        .store
        .grants_in_initiative(app.initiative.id)
        .await
        .unwrap()
        .into_iter()
        .find(|g| g.role == Role::DataSteward)
        .unwrap()
        .organization_id
        .unwrap();
    // Per year: race groups (AIAN tiny), ZIPs (47303 small in some years), all summing to the town.
    let mut csv = String::from("indicator,period,geography,groups,numerator,denominator\n");
    for (k, year) in ["2019-20", "2020-21", "2021-22", "2022-23", "2023-24"].iter().enumerate() {
        let k = k as u32;
        let groups = [
            ("Asian", 60 + k, 120),
            ("Black or African American", 150 + 5 * k, 480),
            ("Hispanic or Latino", 120 + 4 * k, 400),
            ("White", 260 + 3 * k, 520),
            ("American Indian or Alaska Native", 2, 6 + k % 2),
        ];
        let (mut n, mut d) = (0, 0);
        for (g, gn, gd) in groups {
            csv.push_str(&format!("grade3-reading,{year},town,race_ethnicity={g},{gn},{gd}\n"));
            n += gn;
            d += gd;
        }
        csv.push_str(&format!("grade3-reading,{year},town,,{n},{d}\n"));
        let z3 = (3 + k, 8 + k);
        let z1 = (n / 2, d / 2);
        let z2 = (n - z1.0 - z3.0, d - z1.1 - z3.1);
        csv.push_str(&format!("grade3-reading,{year},47301,,{},{}\n", z1.0, z1.1));
        csv.push_str(&format!("grade3-reading,{year},47302,,{},{}\n", z2.0, z2.1));
        csv.push_str(&format!("grade3-reading,{year},47303,,{},{}\n", z3.0, z3.1));
        csv.push_str(&format!("grade3-reading,{year},east,,{},{}\n", z1.0 + z2.0, z1.1 + z2.1));
        csv.push_str(&format!("grade3-reading,{year},west,,{},{}\n", z3.0, z3.1));
    }
    approved(app, &staff, steward, csv).await;
    (staff, steward)
}

/// Staff submit a file of numbers for `organization_id` and approve everything waiting.
pub(crate) async fn approved(app: &TestApp, staff: &str, organization_id: Id, csv: String) {
    let base = format!("/api/v1/initiatives/{SLUG}");
    let r = app
        .send(
            Request::builder()
                .method("POST")
                .uri(format!("{base}/observations.csv?organization_id={organization_id}"))
                .header(header::AUTHORIZATION, format!("Bearer {staff}"))
                .header(header::CONTENT_TYPE, "text/csv")
                .body(Body::from(csv))
                .unwrap(),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let queue = app.api("GET", &format!("{base}/observations?status=submitted&limit=5000"), Some(staff), None).await;
    let ids: Vec<Value> = queue.json().as_array().unwrap().iter().map(|o| o["id"].clone()).collect();
    let decision = json!({"observations": ids, "decision": "approve"});
    let r = app.api("POST", &format!("{base}/observations/review"), Some(staff), Some(decision)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
}

mod accountability;
mod accounts;
mod activities;
mod agenda;
mod assessments;
mod attacker;
mod caching;
mod charters;
mod commitments;
mod community_assets;
mod contract;
mod decisions;
mod feed;
mod feedback;
mod joining;
mod languages;
mod learning;
mod mail;
mod maps;
mod measurement;
mod meetings;
mod network;
mod partners;
mod people;
mod platform;
mod representation;
mod review;
mod tables;
mod translations;
mod turn_the_curve;
mod webhooks;
