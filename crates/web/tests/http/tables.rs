//! Tables over HTTP, and the attack on their composition: everything the public and a member can
//! fetch about who sits at a table, before and after one person joins, must give away no one.

use super::*;
use backbone_core::privacy::{recoverable, Margin};

/// The composition's counts as a viewer sees them: per breakdown, (category, count or hidden).
fn breakdowns(v: &Value) -> Vec<Vec<(String, Option<u64>)>> {
    ["reported", "race_ethnicity", "gender", "community_resident"]
        .iter()
        .map(|b| {
            let mut cells: Vec<(String, Option<u64>)> = v[b]["cells"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| (c[0].as_str().unwrap().to_string(), c[1]["value"].as_u64()))
                .collect();
            cells.push(("total".into(), v[b]["total"]["value"].as_u64()));
            cells
        })
        .collect()
}

/// The part of the table page that shows its composition.
fn composition_section(html: &str) -> String {
    let start = html.find("<section><h2>Who sits at this table").expect("the composition section");
    html[start..].split("</section>").next().unwrap().to_string()
}

/// What the public and a member see of a table's composition: the API's counts and the page's.
async fn look(app: &TestApp, member: &str, table: i64) -> (Value, String) {
    let demographics = format!("/api/v1/initiatives/{SLUG}/tables/{table}/demographics");
    let public = app.api("GET", &demographics, None, None).await;
    assert_eq!(public.status, StatusCode::OK, "{}", public.body);
    let as_member = app.api("GET", &demographics, Some(member), None).await.json();
    assert_eq!(as_member, public.json(), "members see the same counts as the public");
    let html = app.api("GET", &format!("/i/{SLUG}/tables/{table}"), None, None).await.body;
    (public.json(), composition_section(&html))
}

/// Someone new, White, non-binary and living elsewhere, joins the table today.
async fn join(app: &TestApp, staff: &str, table: i64, name: &str) {
    let base = format!("/api/v1/initiatives/{SLUG}");
    let p = app
        .api(
            "POST",
            &format!("{base}/people"),
            Some(staff),
            Some(json!({"name": name, "demographics": {
                "consent": true, "race_ethnicity": "White", "gender": "Non-binary", "community_resident": false
            }})),
        )
        .await;
    assert_eq!(p.status, StatusCode::CREATED, "{}", p.body);
    let today = chrono::Utc::now().date_naive().to_string();
    let seat = json!({"person_id": p.json()["id"], "role": "member", "start_date": today});
    let m = app.api("POST", &format!("{base}/tables/{table}/memberships"), Some(staff), Some(seat)).await;
    assert_eq!(m.status, StatusCode::CREATED, "{}", m.body);
}

async fn one_person_joining_a_table_gives_nothing_away(ts: TestStore) {
    let app = TestApp::new(ts).await;
    let base = format!("/api/v1/initiatives/{SLUG}");
    let staff = app.token("director").await;
    let member = app.token("member").await;
    let tables = app.api("GET", &format!("{base}/tables"), None, None).await.json();
    let resident =
        tables.as_array().unwrap().iter().find(|t| t["kind"] == "resident_table").unwrap()["id"].as_i64().unwrap();
    let (before, before_page) = look(&app, &member, resident).await;
    // Within one snapshot, no hidden count can be worked out: every breakdown adds up to the same
    // number of members.
    for cells in breakdowns(&before) {
        let counts: Vec<u64> = cells.iter().map(|(_, v)| v.unwrap_or(0)).collect();
        let hidden: Vec<bool> = cells.iter().map(|(_, v)| v.is_none()).collect();
        let total = cells.len() - 1;
        let margin = [Margin::new((0..total).collect::<Vec<_>>(), total)];
        assert!(recoverable(&counts, &hidden, &margin).is_empty(), "{cells:?}");
    }

    // One newcomer, with answers that perhaps no one at this table gave.
    join(&app, &staff, resident, "Robin Newcomer").await;
    let (after, after_page) = look(&app, &member, resident).await;
    assert_eq!(after, before, "one person joining changes no published count");
    assert_eq!(after_page, before_page, "nor the table's page");
    // Members see who joined; nobody learns the newcomer's answers.
    let seats = app.api("GET", &format!("{base}/tables/{resident}/memberships"), Some(&member), None).await.json();
    assert!(seats.as_array().unwrap().iter().any(|m| m["person_name"] == "Robin Newcomer"));

    // Once ten people have changed, a new snapshot is published: comparing the two tells
    // something about ten people, never about one.
    for name in ["A One", "B Two", "C Three", "D Four", "E Five", "F Six", "G Seven", "H Eight", "I Nine"] {
        join(&app, &staff, resident, name).await;
    }
    let (later, _) = look(&app, &member, resident).await;
    assert_ne!(later, before, "ten changes publish a new composition");
    let size = |v: &Value| v["current_members"].as_u64().unwrap();
    assert_eq!(size(&later), size(&before) + 10);
}

both_backends!(one_person_joining_a_table_gives_nothing_away);
