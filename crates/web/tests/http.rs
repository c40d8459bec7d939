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

const SLUG: &str = "riverbend-cradle-to-career";

struct TestApp {
    app: Router,
    store: Arc<dyn Store>,
    initiative: Initiative,
    _ts: TestStore,
}

struct Resp {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: String,
}

impl Resp {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
    fn content_type(&self) -> &str {
        self.headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("")
    }
    fn cookie(&self, name: &str) -> Option<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .filter_map(|v| v.split(';').next())
            .filter_map(|kv| kv.split_once('='))
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.to_string())
    }
    fn location(&self) -> &str {
        self.headers.get(header::LOCATION).and_then(|v| v.to_str().ok()).unwrap_or("")
    }
}

/// A browser: keeps its cookies and reads CSRF tokens out of forms. `from` is the address a
/// trusted proxy reports for it (`X-Forwarded-For`), when the app is configured with one.
struct Browser {
    cookies: Vec<(String, String)>,
    from: Option<&'static str>,
}

fn csrf_in(html: &str) -> String {
    let i = html.find("name=\"csrf\" value=\"").expect("a form with a CSRF token");
    let rest = &html[i + 19..];
    rest[..rest.find('"').unwrap()].to_string()
}

impl TestApp {
    async fn new(ts: TestStore) -> TestApp {
        let store = ts.store.clone();
        let initiative = seed(store.as_ref()).await;
        TestApp { app: router(AppState::new(store.clone(), WebConfig::default())), store, initiative, _ts: ts }
    }

    async fn send(&self, req: Request<Body>) -> Resp {
        send(&self.app, req).await
    }

    async fn api(&self, method: &str, path: &str, token: Option<&str>, body: Option<Value>) -> Resp {
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

    async fn token(&self, username: &str) -> String {
        let u = self.store.credentials(username).await.unwrap().unwrap().user;
        auth::issue_token(&AppState::new(self.store.clone(), WebConfig::default()), &Actor::user(&u), u.id, "tests")
            .await
            .unwrap()
            .1
    }

    async fn org_id(&self, name: &str) -> Id {
        self.store.organizations(self.initiative.id).await.unwrap().into_iter().find(|o| o.name == name).unwrap().id
    }

    async fn audit_len(&self) -> usize {
        self.store
            .audit(&AuditQuery { initiative_id: Some(self.initiative.id), limit: 500, ..Default::default() })
            .await
            .unwrap()
            .len()
    }
}

async fn send(app: &Router, req: Request<Body>) -> Resp {
    use tower::ServiceExt;
    let resp = app.clone().oneshot(req).await.unwrap();
    let status = resp.status();
    let headers = resp.headers().clone();
    let body = String::from_utf8(resp.into_body().collect().await.unwrap().to_bytes().to_vec()).unwrap();
    Resp { status, headers, body }
}

/// The demo initiative with its five sign-ins.
async fn seed(store: &dyn Store) -> Initiative {
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
    fn new() -> Self {
        Browser { cookies: Vec::new(), from: None }
    }

    fn from(address: &'static str) -> Self {
        Browser { cookies: Vec::new(), from: Some(address) }
    }

    fn request(&self, method: &str, path: &str) -> axum::http::request::Builder {
        let mut b = Request::builder().method(method).uri(path).header(header::COOKIE, self.cookie_header());
        if let Some(a) = self.from {
            b = b.header("x-forwarded-for", a);
        }
        b
    }

    fn cookie_header(&self) -> String {
        self.cookies.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; ")
    }

    fn keep(&mut self, r: &Resp) {
        for name in [SESSION_COOKIE, PRE_SESSION_COOKIE] {
            if let Some(v) = r.cookie(name) {
                self.cookies.retain(|(k, _)| k != name);
                if !v.is_empty() {
                    self.cookies.push((name.to_string(), v));
                }
            }
        }
    }

    async fn get(&mut self, app: &Router, path: &str) -> Resp {
        let req = self.request("GET", path).body(Body::empty()).unwrap();
        let r = send(app, req).await;
        self.keep(&r);
        r
    }

    async fn post(&mut self, app: &Router, path: &str, form: &[(&str, &str)]) -> Resp {
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
    async fn submit(&mut self, app: &Router, path: &str, action: &str, fields: &[(&str, &str)]) -> Resp {
        let page = self.get(app, path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}: {}", page.body);
        let csrf = csrf_in(&page.body);
        let mut form: Vec<(&str, &str)> = vec![("csrf", csrf.as_str())];
        form.extend_from_slice(fields);
        self.post(app, action, &form).await
    }

    /// Calls the API as this signed-in browser does: its session cookie, and the CSRF token of its
    /// pages in the header.
    async fn api(&mut self, app: &Router, method: &str, path: &str, body: Option<Value>) -> Resp {
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

    async fn sign_in(&mut self, app: &Router, username: &str) {
        let r = self
            .submit(app, "/login", "/login", &[("username", username), ("password", DEMO_PASSWORD), ("next", "/")])
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    }
}

fn places_text_of(places: &[backbone_core::measure::place::Geography]) -> String {
    places
        .iter()
        .map(|g| format!("{} | {} | {} | {}", g.code, g.name, g.level.as_str(), g.parent.clone().unwrap_or_default()))
        .collect::<Vec<_>>()
        .join("\n")
}

fn new_org(name: &str) -> Value {
    json!({"name": name, "sector": "faith", "budget_band": "under_100k", "resident_led": true, "service_area": ["53205"]})
}

/// Sets up an indicator with places and race groups, some of them small, and approves a file of
/// numbers for it. Returns the staff token and the steward's organisation id.
async fn measured(app: &TestApp) -> (String, Id) {
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
    let r = app
        .send(
            Request::builder()
                .method("POST")
                .uri(format!("{base}/observations.csv?organization_id={steward}"))
                .header(header::AUTHORIZATION, format!("Bearer {staff}"))
                .header(header::CONTENT_TYPE, "text/csv")
                .body(Body::from(csv))
                .unwrap(),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let ids: Vec<Value> = app
        .api("GET", &format!("{base}/observations?status=submitted&limit=5000"), Some(&staff), None)
        .await
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].clone())
        .collect();
    let r = app
        .api(
            "POST",
            &format!("{base}/observations/review"),
            Some(&staff),
            Some(json!({"observations": ids, "decision": "approve"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    (staff, steward)
}

async fn partners_submit_numbers_and_get_precise_errors(ts: TestStore) {
    let app = TestApp::new(ts).await;
    let (staff, steward_org) = measured(&app).await;
    let base = format!("/api/v1/initiatives/{SLUG}");
    let steward = app.token("steward").await;
    let post_csv = |token: String, org: Id, body: &'static str, valid_only: bool| {
        Request::builder()
            .method("POST")
            .uri(format!("{base}/observations.csv?organization_id={org}&valid_only={valid_only}"))
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .header(header::CONTENT_TYPE, "text/csv")
            .body(Body::from(body))
            .unwrap()
    };
    let file = "indicator,period,geography,groups,numerator,denominator\n\
                grade3-reading,2024-25,town,,700,1500\n\
                grade3-reading,2024-26,town,,700,1500\n\
                grade3-reading,2024-25,47302,,900,800\n\
                grade3-reading,2024-25,47301,race_ethnicity=Martian,5,10\n";
    let before = app
        .api("GET", &format!("{base}/observations?limit=5000"), Some(&staff), None)
        .await
        .json()
        .as_array()
        .unwrap()
        .len();
    let r = app.send(post_csv(steward.clone(), steward_org, file, false)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.content_type(), "application/problem+json");
    let p = r.json();
    let errors = p["errors"].as_array().unwrap();
    let find = |f: &str| errors.iter().find(|e| e["field"] == f).map(|e| e["reason"].as_str().unwrap().to_string());
    assert!(find("rows[3].period").is_some(), "{p}");
    assert_eq!(find("rows[4].numerator").as_deref(), Some("900 is more than the denominator 800"));
    assert!(find("rows[5].groups").unwrap().contains("Martian"));
    assert_eq!(
        app.api("GET", &format!("{base}/observations?limit=5000"), Some(&staff), None)
            .await
            .json()
            .as_array()
            .unwrap()
            .len(),
        before,
        "nothing imported"
    );
    // Only the valid rows, when asked.
    let r = app.send(post_csv(steward.clone(), steward_org, file, true)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["summary"]["added"], 1);
    let r = app.send(post_csv(steward.clone(), steward_org, file, true)).await;
    assert_eq!(r.json()["summary"]["unchanged"], 1, "re-importing is idempotent");
    // A steward submits only for its own organisation.
    let other = app.org_id("Riverbend Community Foundation").await;
    assert_eq!(app.send(post_csv(steward.clone(), other, file, true)).await.status, StatusCode::FORBIDDEN);
    // JSON submissions name the observation at fault.
    let r = app.api("POST", &format!("{base}/observations"), Some(&steward), Some(json!({"organization_id": steward_org, "observations": [
        {"indicator": "grade3-reading", "period": "2024-25", "geography": "west", "numerator": 12, "denominator": 40},
        {"indicator": "grade3-reading", "period": "2024-25", "geography": "east", "numerator": 12}
    ]}))).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(r.json()["errors"][0]["field"], "observations[1].denominator");
    // Stewards see their own raw rows; members see none; approval is staff's.
    let own = app.api("GET", &format!("{base}/observations?limit=5000"), Some(&steward), None).await;
    assert_eq!(own.status, StatusCode::OK);
    assert!(own.json().as_array().unwrap().iter().all(|o| o["organization_id"] == steward_org));
    let member = app.token("member").await;
    // The same raw numbers as CSV, under the same rule.
    let mine = app.api("GET", &format!("{base}/observations.csv?limit=5000"), Some(&steward), None).await;
    assert_eq!(mine.status, StatusCode::OK, "{}", mine.body);
    assert!(mine.content_type().starts_with("text/csv"));
    let mut lines = mine.body.lines();
    assert_eq!(lines.next(), Some("indicator,period,geography,groups,numerator,denominator,organization_id,status,return_reason,revision,updated_at"));
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), own.json().as_array().unwrap().len());
    assert!(
        rows.iter().all(|r| r.split(',').nth(6) == Some(steward_org.to_string().as_str())),
        "only the steward's organisation"
    );
    assert_eq!(
        app.api("GET", &format!("{base}/observations.csv?organization_id={other}"), Some(&steward), None).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(app.api("GET", &format!("{base}/observations.csv"), None, None).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        app.api("GET", &format!("{base}/observations"), Some(&member), None).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(app.api("GET", &format!("{base}/observations"), None, None).await.status, StatusCode::UNAUTHORIZED);
    let newest = own
        .json()
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["period"] == "2024-25" && o["indicator_key"] == "grade3-reading")
        .unwrap()["id"]
        .clone();
    assert_eq!(
        app.api(
            "POST",
            &format!("{base}/observations/review"),
            Some(&steward),
            Some(json!({"observations": [newest], "decision": "approve"}))
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    let r = app
        .api(
            "POST",
            &format!("{base}/observations/review"),
            Some(&staff),
            Some(json!({"observations": [newest.clone()], "decision": "return"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "a return needs a reason");
    let r = app.api("POST", &format!("{base}/observations/review"), Some(&staff), Some(json!({"observations": [newest.clone()], "decision": "return", "reason": "Use all students tested, not only those enrolled all year"}))).await;
    assert_eq!(r.status, StatusCode::OK);
    let h = app.api("GET", &format!("{base}/observations/{newest}/history"), Some(&steward), None).await.json();
    assert_eq!(h.as_array().unwrap().last().unwrap()["status"], "returned");
    assert_eq!(app.api("GET", "/api/v1/observation-schema", None, None).await.json()["fields"][0]["name"], "indicator");

    // Drafts stay with the partner until it sends them; then they join the review queue.
    let r = app.api("POST", &format!("{base}/observations"), Some(&steward), Some(json!({"organization_id": steward_org, "draft": true, "observations": [
        {"indicator": "grade3-reading", "period": "2025-26", "geography": "town", "numerator": 640, "denominator": 1500}
    ]}))).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["summary"]["added"], 1);
    let in_queue = |q: Value| q.as_array().unwrap().iter().filter(|o| o["period"] == "2025-26").count();
    let queue = format!("{base}/observations?status=submitted&limit=5000");
    assert_eq!(
        in_queue(app.api("GET", &queue, Some(&staff), None).await.json()),
        0,
        "a draft is not in the review queue"
    );
    let drafts = app.api("GET", &format!("{base}/observations?status=draft"), Some(&steward), None).await.json();
    assert_eq!(drafts.as_array().unwrap().len(), 1);
    let mut page = Browser::new();
    page.sign_in(&app.app, "steward").await;
    assert!(page.get(&app.app, &format!("/i/{SLUG}/data")).await.body.contains("1 number saved as a draft"));
    let send = |org: Id| json!({"organization_id": org});
    assert_eq!(
        app.api("POST", &format!("{base}/observations/send-drafts"), Some(&steward), Some(send(other))).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.api("POST", &format!("{base}/observations/send-drafts"), Some(&member), Some(send(steward_org)))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let r = app.api("POST", &format!("{base}/observations/send-drafts"), Some(&steward), Some(send(steward_org))).await;
    assert_eq!(r.json()["sent"], 1, "{}", r.body);
    assert_eq!(in_queue(app.api("GET", &queue, Some(&staff), None).await.json()), 1);
    let id = drafts[0]["id"].clone();
    let h = app.api("GET", &format!("{base}/observations/{id}/history"), Some(&steward), None).await.json();
    let steps: Vec<&str> = h.as_array().unwrap().iter().map(|x| x["status"].as_str().unwrap()).collect();
    assert_eq!(steps, vec!["draft", "submitted"]);
}

async fn nothing_private_can_be_recovered_from_public_views(ts: TestStore) {
    let app = TestApp::new(ts).await;
    measured(&app).await;
    let base = format!("/api/v1/initiatives/{SLUG}");
    // Everything a public user can fetch.
    let places = app.api("GET", &format!("{base}/geographies"), None, None).await.json();
    let dims = app.api("GET", &format!("{base}/dimensions"), None, None).await.json();
    let places: Vec<(String, Option<String>)> = places
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["code"].as_str().unwrap().to_string(), p["parent"].as_str().map(String::from)))
        .collect();
    let values: Vec<String> =
        dims[0]["values"].as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string()).collect();
    let mut published: std::collections::BTreeMap<(String, String, String), Option<u64>> = Default::default();
    let mut suppressed_seen = 0;
    for (code, _) in &places {
        for dim in ["", "&dimension=race_ethnicity"] {
            let r = app
                .api("GET", &format!("{base}/indicators/grade3-reading/data?geography={code}{dim}"), None, None)
                .await;
            assert_eq!(r.status, StatusCode::OK, "{}", r.body);
            let v = r.json();
            let mut take = |group: &str, p: &Value| {
                let key = (p["period"].as_str().unwrap().to_string(), code.clone(), group.to_string());
                let val = if p["suppressed"] == true {
                    suppressed_seen += 1;
                    None
                } else {
                    p["denominator"].as_f64().map(|d| d as u64)
                };
                if p["suppressed"] == true || p["denominator"].is_number() {
                    published.insert(key, val);
                }
            };
            for p in v["series"].as_array().unwrap() {
                take("", p);
            }
            for g in v["groups"].as_array().unwrap() {
                for p in g["points"].as_array().unwrap() {
                    take(g["group"].as_str().unwrap(), p);
                }
            }
            for p in v["places"].as_array().unwrap() {
                let key = (
                    p["point"]["period"].as_str().unwrap().to_string(),
                    p["code"].as_str().unwrap().to_string(),
                    String::new(),
                );
                let val = if p["point"]["suppressed"] == true {
                    None
                } else {
                    p["point"]["denominator"].as_f64().map(|d| d as u64)
                };
                published.insert(key, val);
            }
        }
    }
    assert!(suppressed_seen > 0, "the data has small cells to protect");
    for ((_, _, _), v) in &published {
        if let Some(n) = v {
            assert!(*n == 0 || *n >= 10, "a small count is shown: {n}");
        }
    }
    // The attacker: every margin a public user can know, solved exactly.
    use backbone_core::privacy::{recoverable, Margin};
    let periods: std::collections::BTreeSet<String> = published.keys().map(|k| k.0.clone()).collect();
    for period in periods {
        type Cell<'a> = (&'a (String, String, String), &'a Option<u64>);
        let cells: Vec<Cell> = published.iter().filter(|(k, _)| k.0 == period).collect();
        let idx = |geo: &str, group: &str| cells.iter().position(|(k, _)| k.1 == geo && k.2 == group);
        let mut margins = Vec::new();
        for (code, _) in &places {
            if let Some(total) = idx(code, "") {
                let parts: Vec<usize> = values.iter().filter_map(|v| idx(code, v)).collect();
                if parts.len() == values.len() {
                    margins.push(Margin::new(parts, total));
                }
            }
            let children: Vec<&String> =
                places.iter().filter(|(_, p)| p.as_deref() == Some(code.as_str())).map(|(c, _)| c).collect();
            if !children.is_empty() {
                for group in std::iter::once(String::new()).chain(values.iter().cloned()) {
                    if let Some(total) = idx(code, &group) {
                        let parts: Vec<usize> = children.iter().filter_map(|c| idx(c, &group)).collect();
                        if parts.len() == children.len() {
                            margins.push(Margin::new(parts, total));
                        }
                    }
                }
            }
        }
        // The attacker does not know hidden values; give them zeros — only visible ones are used.
        let counts: Vec<u64> = cells.iter().map(|(_, v)| v.unwrap_or(0)).collect();
        let hidden: Vec<bool> = cells.iter().map(|(_, v)| v.is_none()).collect();
        assert!(recoverable(&counts, &hidden, &margins).is_empty(), "{period}: a hidden count can be worked out");
    }
    // Unpublished indicators are not there for the public at all.
    let staff = app.token("director").await;
    let mut def = app.api("GET", &format!("{base}/indicators/grade3-reading"), Some(&staff), None).await.json();
    for k in ["id", "initiative_id", "created_at", "updated_at"] {
        def.as_object_mut().unwrap().remove(k);
    }
    def["published"] = json!(false);
    assert_eq!(
        app.api("PUT", &format!("{base}/indicators/grade3-reading"), Some(&staff), Some(def)).await.status,
        StatusCode::OK
    );
    assert_eq!(
        app.api("GET", &format!("{base}/indicators/grade3-reading/data"), None, None).await.status,
        StatusCode::NOT_FOUND
    );
    let listed = app.api("GET", &format!("{base}/indicators"), None, None).await.json();
    assert!(listed.as_array().unwrap().iter().all(|i| i["key"] != "grade3-reading" && i["published"] == true));
    let member = app.token("member").await;
    assert_eq!(
        app.api("GET", &format!("{base}/indicators/grade3-reading/data"), Some(&member), None).await.status,
        StatusCode::OK
    );
}

async fn the_indicator_view_tells_the_story(ts: TestStore) {
    let app = TestApp::new(ts).await;
    measured(&app).await;
    let base = format!("/api/v1/initiatives/{SLUG}");
    let v = app
        .api("GET", &format!("{base}/indicators/grade3-reading/data?dimension=race_ethnicity"), None, None)
        .await
        .json();
    assert_eq!(v["geography"], "town");
    assert_eq!(v["periods"].as_array().unwrap().len(), 5);
    assert!(!v["forecast"].as_array().unwrap().is_empty(), "a baseline forecast");
    assert_eq!(v["forecast"].as_array().unwrap().last().unwrap()["period"], "2024-25");
    let equity = v["equity"].as_array().unwrap();
    assert!(equity.iter().any(|e| e["gap"] == 0.0), "the best group is the reference");
    assert!(
        equity.iter().all(|e| e["gap"].as_f64().unwrap() >= 0.0),
        "gaps are measured so that positive is worse off"
    );
    let black = equity.iter().find(|e| e["group"] == "Black or African American").unwrap();
    assert!(black["gap"].as_f64().unwrap() > 10.0, "{black}");
    assert!(
        equity.iter().all(|e| e["group"] != "American Indian or Alaska Native"),
        "a suppressed group has no published gap"
    );
    assert!(equity.iter().all(|e| e["group"] != "Asian"), "nor has its complement, the smallest other group");
    let r = app
        .api("GET", &format!("{base}/indicators/grade3-reading/data.csv?dimension=race_ethnicity"), None, None)
        .await;
    assert!(r.content_type().starts_with("text/csv"));
    assert!(r.body.lines().next().unwrap().starts_with("indicator,period,geography,group,value"));
    assert!(r.body.contains("suppressed"));
    assert_eq!(
        app.api("GET", &format!("{base}/indicators/grade3-reading/data?geography=mars"), None, None).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );

    // The place picker walks the hierarchy: the chosen place, the places it lies in, and the
    // places directly inside it — never every place of the initiative at once.
    let mut public = Browser::new();
    let options = |html: &str| -> Vec<String> {
        let select = html.split("<select id=\"geography\"").nth(1).unwrap().split("</select>").next().unwrap();
        select.split("<option value=\"").skip(1).map(|o| o.split('"').next().unwrap().to_string()).collect()
    };
    let town = public.get(&app.app, &format!("/i/{SLUG}/indicators/grade3-reading")).await.body;
    assert_eq!(options(&town), vec!["town", "east", "west"]);
    assert!(town.contains("<optgroup label=\"Places inside Riverbend\">"));
    assert!(
        town.contains(&format!("href=\"/i/{SLUG}/indicators/grade3-reading?geography=east\"")),
        "the places table links down"
    );
    let east = public
        .get(&app.app, &format!("/i/{SLUG}/indicators/grade3-reading?geography=east&dimension=race_ethnicity"))
        .await
        .body;
    assert_eq!(options(&east), vec!["town", "east", "47301", "47302"]);
    assert!(east.contains("<option value=\"east\" selected>"));
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

async fn staff_create_organisations_and_bad_input_writes_nothing(ts: TestStore) {
    let app = TestApp::new(ts).await;
    let staff = app.token("director").await;
    let url = format!("/api/v1/initiatives/{SLUG}/organizations");
    let before = app.api("GET", &url, None, None).await.json().as_array().unwrap().len();
    let audit_before = app.audit_len().await;

    let r = app
        .api(
            "POST",
            &url,
            Some(&staff),
            Some(json!({"name": "", "sector": "faith", "budget_band": "under_100k", "service_area": ["5320A"]})),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.content_type(), "application/problem+json");
    let p = r.json();
    let errors = p["errors"].as_array().unwrap();
    assert!(errors.iter().any(|e| e["field"] == "name" && e["reason"] == "is required"), "{p}");
    assert!(errors.iter().any(|e| e["field"] == "service_area[0]"), "{p}");

    let r = app
        .api(
            "POST",
            &url,
            Some(&staff),
            Some(json!({"name": "X", "sector": "faith", "budget_band": "under_100k", "colour": "blue"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.json()["errors"][0]["reason"].as_str().unwrap().contains("unknown field `colour`"), "{}", r.body);

    let r = app
        .api("POST", &url, Some(&staff), Some(json!({"name": "X", "sector": "astrology", "budget_band": "under_100k"})))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json()["errors"][0]["field"], "sector");

    let r = app
        .send(
            Request::builder()
                .method("POST")
                .uri(&url)
                .header(header::AUTHORIZATION, format!("Bearer {staff}"))
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from("{\"name\": "))
                .unwrap(),
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);

    let huge = json!({"name": "x".repeat(2 * 1024 * 1024), "sector": "faith", "budget_band": "under_100k"});
    let r = app.api("POST", &url, Some(&staff), Some(huge)).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);

    assert_eq!(app.api("GET", &url, None, None).await.json().as_array().unwrap().len(), before);
    assert_eq!(app.audit_len().await, audit_before, "refused requests leave no trace");

    let r = app.api("POST", &url, Some(&staff), Some(new_org("Greater Hope Missionary Baptist Church"))).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(r.json()["name"], "Greater Hope Missionary Baptist Church");
    let dup = app.api("POST", &url, Some(&staff), Some(new_org("Greater Hope Missionary Baptist Church"))).await;
    assert_eq!(dup.status, StatusCode::CONFLICT);
    assert_eq!(dup.json()["errors"][0]["field"], "name");
    let log = app
        .api("GET", &format!("/api/v1/initiatives/{SLUG}/audit?entity=organization&limit=1"), Some(&staff), None)
        .await
        .json();
    assert_eq!(log[0]["action"], "organization.create");
    assert_eq!(log[0]["actor_name"], "Danielle Okafor");
}

async fn only_those_allowed_may_write(ts: TestStore) {
    let app = TestApp::new(ts).await;
    let url = format!("/api/v1/initiatives/{SLUG}/organizations");
    let r = app.api("POST", &url, None, Some(new_org("Anonymous Org"))).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{}", r.body);
    let member = app.token("member").await;
    assert_eq!(app.api("POST", &url, Some(&member), Some(new_org("Member Org"))).await.status, StatusCode::FORBIDDEN);
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

async fn people_and_their_demographics_are_protected(ts: TestStore) {
    let app = TestApp::new(ts).await;
    let url = format!("/api/v1/initiatives/{SLUG}/people");
    assert_eq!(app.api("GET", &url, None, None).await.status, StatusCode::UNAUTHORIZED);
    let member = app.token("member").await;
    let people = app.api("GET", &url, Some(&member), None).await.json();
    let people = people.as_array().unwrap();
    assert!(people.len() > 100);
    assert!(
        people.iter().all(|p| p["demographics"].is_null() && p["email"] == "" && p["phone"] == ""),
        "members see no contacts or demographics"
    );
    let staff = app.token("director").await;
    let people = app.api("GET", &url, Some(&staff), None).await.json();
    assert!(
        people.as_array().unwrap().iter().any(|p| p["demographics"]["consent"] == true),
        "staff see what people shared"
    );

    // Leadership demographics: staff and the organisation itself only.
    let orgs = app.api("GET", &format!("/api/v1/initiatives/{SLUG}/organizations"), None, None).await.json();
    assert!(orgs.as_array().unwrap().iter().all(|o| o["leadership"].is_null()));
    let orgs = app.api("GET", &format!("/api/v1/initiatives/{SLUG}/organizations"), Some(&staff), None).await.json();
    assert!(orgs.as_array().unwrap().iter().any(|o| o["leadership"].is_object()));

    // Aggregates are suppressed: no shown count below 10, and never exactly one hidden cell.
    let tables = app.api("GET", &format!("/api/v1/initiatives/{SLUG}/tables"), None, None).await.json();
    for t in tables.as_array().unwrap() {
        let d = app
            .api("GET", &format!("/api/v1/initiatives/{SLUG}/tables/{}/demographics", t["id"]), None, None)
            .await
            .json();
        for dim in ["race_ethnicity", "gender", "community_resident", "reported"] {
            let cells = d[dim]["cells"].as_array().unwrap();
            let hidden = cells.iter().filter(|c| c[1]["status"] == "suppressed").count();
            for c in cells {
                if c[1]["status"] == "shown" {
                    let v = c[1]["value"].as_u64().unwrap();
                    assert!(v == 0 || v >= 10, "{dim}: shown count {v}");
                }
            }
            if d[dim]["total"]["status"] == "shown" {
                assert_ne!(hidden, 1, "{dim}: a single hidden cell could be recovered from the total");
            }
        }
    }
}

async fn the_agenda_keeps_versions_and_refuses_stale_edits(ts: TestStore) {
    let app = TestApp::new(ts).await;
    let staff = app.token("director").await;
    let url = format!("/api/v1/initiatives/{SLUG}/agenda/versions");
    let current = app.api("GET", &format!("/api/v1/initiatives/{SLUG}/agenda"), None, None).await.json();
    let n = current["number"].as_i64().unwrap();
    let edit = json!({"problem_statement": current["problem_statement"], "shared_vision": "Every Riverbend child thrives, cradle to career.",
        "results": current["results"], "reason": "Steering committee retreat", "based_on": n});
    let r = app.api("POST", &url, Some(&staff), Some(edit.clone())).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(r.json()["number"], n + 1);
    let stale = app.api("POST", &url, Some(&staff), Some(edit)).await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert_eq!(stale.json()["errors"][0]["field"], "based_on");
    let versions = app.api("GET", &url, None, None).await.json();
    assert_eq!(versions.as_array().unwrap().len() as i64, n + 1);
    let old = app.api("GET", &format!("{url}/{n}"), None, None).await.json();
    assert_ne!(old["shared_vision"], "Every Riverbend child thrives, cradle to career.", "old versions are unchanged");

    let member = app.token("member").await;
    let r = app
        .api(
            "POST",
            &url,
            Some(&member),
            Some(json!({"problem_statement": "x", "shared_vision": "y", "reason": "z", "based_on": n + 1})),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);

    // Endorsements: the steward endorses for its own organisation only.
    let steward = app.token("steward").await;
    let own = app.api("GET", "/api/v1/me", Some(&steward), None).await.json()["roles"][0]["organization_id"]
        .as_i64()
        .unwrap();
    let e = format!("{url}/{}/endorsements", n + 1);
    let r = app.api("POST", &e, Some(&steward), Some(json!({"organization_id": own, "note": "Board approved"}))).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let other = app.org_id("Riverbend Community Foundation").await;
    assert_eq!(
        app.api("POST", &e, Some(&steward), Some(json!({"organization_id": other}))).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.api("POST", &e, Some(&steward), Some(json!({"organization_id": own}))).await.status,
        StatusCode::CONFLICT
    );
}

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

async fn the_dashboard_indicator_page_and_upload_preview(ts: TestStore) {
    let app = TestApp::new(ts).await;
    measured(&app).await;
    let mut public = Browser::new();
    let d = public.get(&app.app, &format!("/i/{SLUG}/dashboard")).await;
    assert_eq!(d.status, StatusCode::OK);
    assert!(d.body.contains("Third graders reading at grade level"), "{}", d.body);
    assert!(!d.body.contains(&format!("/i/{SLUG}/data\"")), "no Data tab for the public");
    let p = public.get(&app.app, &format!("/i/{SLUG}/indicators/grade3-reading?dimension=race_ethnicity")).await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(p.body.contains("data-chart=") && p.body.contains("id=\"indicator-table\""));
    assert!(p.body.contains("under 10"), "suppressed cells are marked in the table");
    assert!(p.body.contains("In 2023-24 the number was"), "a plain-language summary");
    let csv = public.get(&app.app, &format!("/i/{SLUG}/indicators/grade3-reading/data.csv")).await;
    assert!(csv.body.starts_with("indicator,period"));
    // The dashboard as CSV: published indicators only, the same latest numbers as the tiles.
    assert!(d.body.contains(&format!("/i/{SLUG}/dashboard.csv")));
    let csv = public.get(&app.app, &format!("/i/{SLUG}/dashboard.csv")).await;
    assert_eq!(csv.status, StatusCode::OK);
    let mut lines = csv.body.lines();
    assert_eq!(
        lines.next(),
        Some(
            "result,indicator,name,level,unit,better,latest_period,latest_value,note,target_period,target,status,trend"
        )
    );
    let rows: Vec<&str> = lines.collect();
    let reading = rows.iter().find(|r| r.contains(",grade3-reading,")).expect("the published indicator");
    assert!(reading.contains(",2023-24,"), "{reading}");
    assert!(reading.contains(",2024-25,50,"), "its target: {reading}");
    let staff_token = app.token("director").await;
    let all = app.api("GET", &format!("/api/v1/initiatives/{SLUG}/indicators"), Some(&staff_token), None).await.json();
    for ind in all.as_array().unwrap().iter().filter(|i| i["published"] == false) {
        let key = ind["key"].as_str().unwrap();
        assert!(!rows.iter().any(|r| r.contains(&format!(",{key},"))), "{key} is not published");
    }
    assert_eq!(public.get(&app.app, &format!("/i/{SLUG}/data")).await.status, StatusCode::UNAUTHORIZED);

    // A steward uploads a file: the preview shows the problems and imports nothing.
    let mut steward = Browser::new();
    steward.sign_in(&app.app, "steward").await;
    let page = steward.get(&app.app, &format!("/i/{SLUG}/data")).await;
    assert_eq!(page.status, StatusCode::OK);
    let csrf = csrf_in(&page.body);
    let org = app
        .store
        .grants_in_initiative(app.initiative.id)
        .await
        .unwrap()
        .into_iter()
        .find(|g| g.role == Role::DataSteward)
        .unwrap()
        .organization_id
        .unwrap();
    let file = "indicator,period,geography,groups,numerator,denominator\ngrade3-reading,2024-25,town,,700,1500\ngrade3-reading,2024-25,47301,,900,800\n";
    let boundary = "XbackboneX";
    let body = format!("--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"organization_id\"\r\n\r\n{org}\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"reading.csv\"\r\nContent-Type: text/csv\r\n\r\n{file}\r\n--{boundary}--\r\n");
    let req = Request::builder()
        .method("POST")
        .uri(format!("/i/{SLUG}/data/upload?csrf={csrf}"))
        .header(header::COOKIE, steward.cookie_header())
        .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={boundary}"))
        .body(Body::from(body))
        .unwrap();
    let preview = app.send(req).await;
    assert_eq!(preview.status, StatusCode::OK, "{}", preview.body);
    assert!(preview.body.contains("900 is more than the denominator 800"));
    assert!(preview.body.contains("Nothing has been imported"));
    let before = app
        .store
        .observations(
            app.initiative.id,
            &backbone_core::measure::observation::ObservationQuery { limit: 10_000, ..Default::default() },
        )
        .await
        .unwrap()
        .len();
    let r = steward
        .post(
            &app.app,
            &format!("/i/{SLUG}/data/import"),
            &[("csrf", csrf.as_str()), ("organization_id", &org.to_string()), ("file", file), ("valid_only", "true")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let done = steward.get(&app.app, r.location()).await;
    assert!(done.body.contains("1 new number imported"), "{}", done.body);
    let after = app
        .store
        .observations(
            app.initiative.id,
            &backbone_core::measure::observation::ObservationQuery { limit: 10_000, ..Default::default() },
        )
        .await
        .unwrap()
        .len();
    assert_eq!(after, before + 1);

    // Staff approve it from the review queue.
    let mut staff = Browser::new();
    staff.sign_in(&app.app, "director").await;
    let q = staff.get(&app.app, &format!("/i/{SLUG}/data")).await;
    assert!(q.body.contains("Waiting for review (1)"), "{}", q.body);
    let id = app
        .store
        .observations(
            app.initiative.id,
            &backbone_core::measure::observation::ObservationQuery {
                status: Some(ObservationStatus::Submitted),
                ..Default::default()
            },
        )
        .await
        .unwrap()[0]
        .id
        .to_string();
    let r = staff
        .post(
            &app.app,
            &format!("/i/{SLUG}/data/review"),
            &[("csrf", csrf_in(&q.body).as_str()), ("observation", &id), ("decision", "approve")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(staff.get(&app.app, &format!("/i/{SLUG}/data")).await.body.contains("Nothing is waiting for review"));
}

async fn staff_define_indicators_in_a_form(ts: TestStore) {
    let app = TestApp::new(ts).await;
    let mut staff = Browser::new();
    staff.sign_in(&app.app, "director").await;
    let new = format!("/i/{SLUG}/indicators/new");
    let form = [
        ("name", "Chronic absence"),
        ("key", "chronic-absence"),
        ("level", "population"),
        ("unit", "percent"),
        ("direction", "down"),
        ("period_kind", "school_year"),
        ("numerator_definition", "Students missing 10% or more of school days"),
        ("denominator_definition", ""),
        ("suppression_threshold", "10"),
        ("targets", "2028-29: 12\nsoon: 5"),
        ("baseline_period", "2019-20"),
        ("min_gap_change", "half a point"),
    ];
    let r = staff.submit(&app.app, &new, &new, &form).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("a rate needs its denominator defined"), "{}", r.body);
    assert!(r.body.contains("soon is not a school year"), "{}", r.body);
    assert!(r.body.contains("Enter a number, like 1.5."), "{}", r.body);
    let mut fixed = form.to_vec();
    fixed[7] = ("denominator_definition", "Students enrolled at least 10 days");
    fixed[9] = ("targets", "2028-29: 12");
    fixed[11] = ("min_gap_change", "0.5");
    let r = staff.submit(&app.app, &new, &new, &fixed).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let ind = app.store.indicator(app.initiative.id, "chronic-absence").await.unwrap();
    assert_eq!(ind.targets, vec![backbone_core::measure::indicator::Target { period: "2028-29".into(), value: 12.0 }]);
    assert_eq!(ind.min_gap_change, Some(0.5));
    assert!(!ind.published);
    let edit = format!("/i/{SLUG}/indicators/chronic-absence/edit");
    let mut again = fixed.clone();
    again[0] = ("name", "Students chronically absent");
    let r = staff.submit(&app.app, &edit, &edit, &again).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(
        app.store.indicator(app.initiative.id, "chronic-absence").await.unwrap().name,
        "Students chronically absent"
    );
    let mut member = Browser::new();
    member.sign_in(&app.app, "member").await;
    assert_eq!(member.get(&app.app, &new).await.status, StatusCode::FORBIDDEN);
}

async fn staff_edit_places_and_breakdowns_as_text(ts: TestStore) {
    let app = TestApp::new(ts).await;
    let mut staff = Browser::new();
    staff.sign_in(&app.app, "director").await;
    let page = format!("/i/{SLUG}/data/setup");
    let shown = staff.get(&app.app, &page).await;
    assert_eq!(shown.status, StatusCode::OK);
    assert!(shown.body.contains("riverbend | Riverbend | community |"), "{}", shown.body);
    let before = app.store.geographies(app.initiative.id).await.unwrap();
    let r = staff
        .submit(
            &app.app,
            &page,
            &format!("{page}/places"),
            &[("places", "riverbend | Riverbend | community |\n47399 | New ZIP | postcode | riverbend")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Line 2 should be code | name | level | parent"), "{}", r.body);
    let r = staff
        .submit(
            &app.app,
            &page,
            &format!("{page}/places"),
            &[("places", "riverbend | Riverbend | community |\n47399 | New ZIP | zip | nowhere")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("is not in the list"), "{}", r.body);
    assert_eq!(app.store.geographies(app.initiative.id).await.unwrap(), before, "nothing saved");
    let mut text = places_text_of(&before);
    text.push_str("\n47399 | 47399 New Harbor | zip | riverbend");
    let r = staff.submit(&app.app, &page, &format!("{page}/places"), &[("places", &text)]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(app.store.geographies(app.initiative.id).await.unwrap().len(), before.len() + 1);
    let r = staff.submit(&app.app, &page, &format!("{page}/dimensions"), &[("dimensions", "race_ethnicity | Race and ethnicity | Asian; Black or African American\ngender | Gender | Woman; Man; Non-binary")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(app.store.dimensions(app.initiative.id).await.unwrap().len(), 2);
    let mut member = Browser::new();
    member.sign_in(&app.app, "member").await;
    assert_eq!(member.get(&app.app, &page).await.status, StatusCode::FORBIDDEN);
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

both_backends!(
    every_state_changing_route_refuses_a_missing_or_wrong_csrf_token,
    partners_submit_numbers_and_get_precise_errors,
    nothing_private_can_be_recovered_from_public_views,
    the_indicator_view_tells_the_story,
    health_and_the_openapi_document,
    staff_create_organisations_and_bad_input_writes_nothing,
    only_those_allowed_may_write,
    people_and_their_demographics_are_protected,
    the_agenda_keeps_versions_and_refuses_stale_edits,
    cookie_sessions_need_csrf_and_sign_in_is_throttled,
    the_public_and_members_are_refused_what_is_not_theirs,
    forms_show_problems_inline_and_save_nothing,
    every_page_renders_for_staff,
    staff_give_and_take_access,
    the_rest_of_the_api,
    the_dashboard_indicator_page_and_upload_preview,
    staff_define_indicators_in_a_form,
    staff_edit_places_and_breakdowns_as_text,
    two_app_servers_share_one_database
);
