//! People and their protected demographics over HTTP.

use super::*;

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

    // Aggregates are suppressed: no shown count from 1 to 4 (a table's rule), and never exactly one
    // hidden cell.
    let tables = app.api("GET", &format!("/api/v1/initiatives/{SLUG}/tables"), None, None).await.json();
    for t in tables.as_array().unwrap() {
        let d = app
            .api("GET", &format!("/api/v1/initiatives/{SLUG}/tables/{}/demographics", t["id"]), None, None)
            .await
            .json();
        for dim in [
            "race_ethnicity",
            "gender",
            "community_resident",
            "reported",
            "age_band",
            "primary_language",
            "lived_experience",
            "budget_band",
            "sector",
        ] {
            let cells = d[dim]["cells"].as_array().unwrap();
            let hidden = cells.iter().filter(|c| c[1]["status"] == "suppressed").count();
            for c in cells {
                if c[1]["status"] == "shown" {
                    let v = c[1]["value"].as_u64().unwrap();
                    assert!(v == 0 || v >= 5, "{dim}: shown count {v}");
                }
            }
            if d[dim]["total"]["status"] == "shown" {
                assert_ne!(hidden, 1, "{dim}: a single hidden cell could be recovered from the total");
            }
        }
    }
}

/// Staff link a person to the account they sign in with; only staff see which one it is.
async fn a_person_is_linked_to_their_sign_in(ts: TestStore) {
    let app = TestApp::new(ts).await;
    let base = format!("/api/v1/initiatives/{SLUG}/people");
    let staff = app.token("director").await;
    let steward = app.token("steward").await;
    let people = app.api("GET", &base, Some(&staff), None).await.json();
    let hodan = people.as_array().unwrap().iter().find(|p| p["name"] == "Hodan Warsame").unwrap().clone();
    let resident_user = hodan["user_id"].as_i64().expect("the demo links its sign-ins to people");
    let other = people.as_array().unwrap().iter().find(|p| p["user_id"].is_null()).unwrap()["id"].clone();
    let url = format!("{base}/{other}/account");
    assert_eq!(
        app.api("PUT", &url, Some(&steward), Some(json!({"user_id": resident_user}))).await.status,
        StatusCode::FORBIDDEN
    );
    let r = app.api("PUT", &url, Some(&staff), Some(json!({"user_id": resident_user}))).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "one person per account: {}", r.body);
    assert_eq!(r.json()["errors"][0]["field"], "user_id");
    let member = app.token("member").await;
    let seen = app.api("GET", &base, Some(&member), None).await.json();
    assert!(
        seen.as_array().unwrap().iter().all(|p| p["user_id"].is_null()),
        "members do not see who has which account"
    );
    let mut b = Browser::new();
    b.sign_in(&app.app, "director").await;
    let page = b.get(&app.app, &format!("/i/{SLUG}/people/{}", hodan["id"])).await;
    assert!(page.body.contains(&format!("<option value=\"{resident_user}\" selected>")), "{}", page.body);
}

both_backends!(people_and_their_demographics_are_protected, a_person_is_linked_to_their_sign_in);
