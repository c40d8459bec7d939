//! The accountability view over HTTP: one yardstick for every organisation, grouped by budget band,
//! and the director's list of what needs attention — members see the first, staff the second.

use super::*;
use chrono::{Duration, Utc};

async fn every_partner_is_held_to_the_same_yardstick(ts: TestStore) {
    let app = TestApp::new(ts).await;
    let base = format!("/api/v1/initiatives/{SLUG}");
    let staff = app.token("director").await;
    let member = app.token("member").await;
    // Who may look.
    let view = format!("{base}/accountability");
    assert_eq!(app.api("GET", &view, None, None).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(app.api("GET", &view, Some(&member), None).await.status, StatusCode::OK);
    let attention = format!("{base}/needs-attention");
    assert_eq!(app.api("GET", &attention, Some(&member), None).await.status, StatusCode::FORBIDDEN);
    // A window that makes no sense is refused at its field.
    let tomorrow = (Utc::now().date_naive() + Duration::days(1)).to_string();
    let r = app.api("GET", &format!("{view}?since={tomorrow}"), Some(&staff), None).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(r.json()["errors"][0]["field"], "since");
    assert_eq!(
        app.api("GET", &format!("{view}?since=last-year"), Some(&staff), None).await.status,
        StatusCode::BAD_REQUEST
    );

    // A small new partner owns a quarterly measure due 30 days after each quarter.
    let r =
        app.api("POST", &format!("{base}/organizations"), Some(&staff), Some(new_org("Eastside Tenants United"))).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let org = r.json()["id"].as_i64().unwrap();
    let r = app
        .api(
            "POST",
            &format!("{base}/indicators"),
            Some(&staff),
            Some(json!({
                "key": "tenant-sessions", "name": "Tenant rights sessions held", "unit": "count", "direction": "up",
                "period_kind": "quarter", "level": "how_much", "owner_organization_id": org, "report_due_days": 30
            })),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(r.json()["report_due_days"], 30);
    let bad = json!({"key": "x-late", "name": "X", "unit": "count", "direction": "up", "period_kind": "quarter",
        "level": "how_much", "report_due_days": 1000});
    let r = app.api("POST", &format!("{base}/indicators"), Some(&staff), Some(bad)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json()["errors"][0]["field"], "report_due_days");

    // Nothing is due from it yet: it joined today.
    let standing = |v: &Value| -> Value {
        v["bands"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|b| b["organizations"].as_array().unwrap().clone())
            .find(|o| o["organization_id"] == org)
            .unwrap()
    };
    let v = app.api("GET", &view, Some(&member), None).await.json();
    assert_eq!(standing(&v)["data"], json!({"on_time": 0, "late": 0, "missing": 0}));
    let small = v["bands"].as_array().unwrap().iter().find(|b| b["budget_band"] == "under_100k").unwrap().clone();
    assert!(small["organizations"].as_array().unwrap().iter().any(|o| o["organization_id"] == org));

    // It commits to something already past due and says another is at risk.
    let c = format!("{base}/commitments");
    let yesterday = (Utc::now().date_naive() - Duration::days(1)).to_string();
    let soon = (Utc::now().date_naive() + Duration::days(20)).to_string();
    let r = app
        .api(
            "POST",
            &c,
            Some(&staff),
            Some(json!({"organization_id": org, "title": "Door-knock Elm Street", "due_on": yesterday})),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let late_one = r.json()["id"].as_i64().unwrap();
    let r = app
        .api(
            "POST",
            &c,
            Some(&staff),
            Some(json!({"organization_id": org, "title": "Print the Spanish guide", "due_on": soon})),
        )
        .await;
    let risky = r.json()["id"].as_i64().unwrap();
    let r = app
        .api(
            "POST",
            &format!("{c}/{risky}/status"),
            Some(&staff),
            Some(json!({"status": "at_risk", "reason": "The printer closed"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let v = app.api("GET", &view, Some(&member), None).await.json();
    let me = standing(&v);
    assert_eq!((me["commitments"]["overdue"].clone(), me["commitments"]["open"].clone()), (json!(1), json!(1)));
    assert_eq!(me["kept_percent"], 0.0);

    // The director's list names both, and the demo's own slips.
    let n = app.api("GET", &attention, Some(&staff), None).await.json();
    let ids = |k: &str| n[k].as_array().unwrap().iter().map(|c| c["id"].as_i64().unwrap()).collect::<Vec<_>>();
    assert!(ids("commitments_overdue").contains(&late_one));
    assert!(ids("commitments_at_risk").contains(&risky));

    // The pages say the same.
    let mut b = Browser::new();
    b.sign_in(&app.app, "member").await;
    let page = b.get(&app.app, &format!("/i/{SLUG}/accountability")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Eastside Tenants United") && page.body.contains("Under $100k"), "{}", page.body);
    assert_eq!(b.get(&app.app, &format!("/i/{SLUG}/attention")).await.status, StatusCode::FORBIDDEN);
    let page = b.get(&app.app, &format!("/i/{SLUG}/accountability?since={tomorrow}")).await;
    assert!(page.body.contains("must be today or earlier"), "the mistake is said at the field");
    let mut d = Browser::new();
    d.sign_in(&app.app, "director").await;
    let page = d.get(&app.app, &format!("/i/{SLUG}/attention")).await;
    assert!(page.body.contains("Door-knock Elm Street") && page.body.contains("The printer closed"), "{}", page.body);
}

/// The demo's partners report on a schedule; the view tells who is late, large or small.
async fn late_numbers_count_against_the_large_provider_too(ts: TestStore) {
    let app = TestApp::new(ts).await;
    let member = app.token("member").await;
    let v = app.api("GET", &format!("/api/v1/initiatives/{SLUG}/accountability"), Some(&member), None).await.json();
    let all: Vec<Value> =
        v["bands"].as_array().unwrap().iter().flat_map(|b| b["organizations"].as_array().unwrap().clone()).collect();
    let data = |name: &str| all.iter().find(|o| o["name"] == name).unwrap()["data"].clone();
    let bright = data("Bright Start Home Visiting");
    assert!(bright["late"].as_u64().unwrap() >= 1, "its numbers come in after the 45 days: {bright}");
    let reads = data("Riverbend Reads");
    assert!(reads["on_time"].as_u64().unwrap() >= 1 && reads["late"] == 0, "{reads}");
    // Every band's totals add up its organisations.
    for b in v["bands"].as_array().unwrap() {
        let sum: u64 =
            b["organizations"].as_array().unwrap().iter().map(|o| o["commitments"]["kept"].as_u64().unwrap()).sum();
        assert_eq!(b["commitments"]["kept"].as_u64().unwrap(), sum);
    }
}

both_backends!(every_partner_is_held_to_the_same_yardstick, late_numbers_count_against_the_large_provider_too);
