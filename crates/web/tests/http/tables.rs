//! Tables over HTTP, and the attack on their composition: everything the public and a member can
//! fetch about who sits at a table, before and after one person joins, must give away no one.

use super::*;
use backbone_core::privacy::{recoverable, Margin};

/// The composition's counts as a viewer sees them: per breakdown, (category, count or hidden).
fn breakdowns(v: &Value) -> Vec<Vec<(String, Option<u64>)>> {
    [
        "reported",
        "race_ethnicity",
        "gender",
        "community_resident",
        "age_band",
        "primary_language",
        "lived_experience",
        "budget_band",
        "sector",
    ]
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

/// Someone new joins the table today, with these answers.
async fn join_as(app: &TestApp, staff: &str, table: i64, name: &str, race: &str, gender: &str, resident: bool) {
    let base = format!("/api/v1/initiatives/{SLUG}");
    let p = app
        .api(
            "POST",
            &format!("{base}/people"),
            Some(staff),
            Some(json!({"name": name, "demographics": {
                "consent": true, "race_ethnicity": race, "gender": gender, "community_resident": resident
            }})),
        )
        .await;
    assert_eq!(p.status, StatusCode::CREATED, "{}", p.body);
    let today = chrono::Utc::now().date_naive().to_string();
    let seat = json!({"person_id": p.json()["id"], "role": "member", "start_date": today});
    let m = app.api("POST", &format!("{base}/tables/{table}/memberships"), Some(staff), Some(seat)).await;
    assert_eq!(m.status, StatusCode::CREATED, "{}", m.body);
}

/// Someone new, White, non-binary and living elsewhere, joins the table today.
async fn join(app: &TestApp, staff: &str, table: i64, name: &str) {
    join_as(app, staff, table, name, "White", "Non-binary", false).await;
}

async fn one_person_joining_a_table_gives_nothing_away(ts: TestStore) {
    let app = TestApp::new(ts).await;
    let base = format!("/api/v1/initiatives/{SLUG}");
    let staff = app.token("director").await;
    let member = app.token("member").await;
    // A new table of twelve: its first composition is published when first looked at.
    let table = app
        .api(
            "POST",
            &format!("{base}/tables"),
            Some(&staff),
            Some(json!({"name": "Youth Council", "kind": "working_group"})),
        )
        .await;
    assert_eq!(table.status, StatusCode::CREATED, "{}", table.body);
    let table = table.json()["id"].as_i64().unwrap();
    let people = [
        ("Ana", "Hispanic or Latino", "Woman", true),
        ("Bea", "Hispanic or Latino", "Woman", true),
        ("Cy", "Hispanic or Latino", "Man", true),
        ("Dee", "Hispanic or Latino", "Woman", true),
        ("Eli", "Hispanic or Latino", "Man", false),
        ("Fay", "Black or African American", "Woman", true),
        ("Gus", "Black or African American", "Man", true),
        ("Hal", "Black or African American", "Man", true),
        ("Ivy", "Black or African American", "Woman", true),
        ("Jo", "Black or African American", "Woman", false),
        ("Kai", "Asian", "Man", true),
        ("Lu", "Asian", "Woman", true),
    ];
    for (name, race, gender, resident) in people {
        join_as(&app, &staff, table, name, race, gender, resident).await;
    }
    let (before, before_page) = look(&app, &member, table).await;
    assert_eq!(before["current_members"], 12);
    // Within one snapshot, no hidden count can be worked out: every breakdown adds up to the same
    // number of members.
    for cells in breakdowns(&before) {
        let counts: Vec<u64> = cells.iter().map(|(_, v)| v.unwrap_or(0)).collect();
        let hidden: Vec<bool> = cells.iter().map(|(_, v)| v.is_none()).collect();
        let total = cells.len() - 1;
        let margin = [Margin::new((0..total).collect::<Vec<_>>(), total)];
        assert!(recoverable(&counts, &hidden, &margin).is_empty(), "{cells:?}");
    }
    // The comparison with the community rests on the same published counts.
    let rep = app.api("GET", &format!("{base}/tables/{table}/representation"), None, None).await;
    assert_eq!(rep.status, StatusCode::OK, "{}", rep.body);

    // One newcomer, with answers that no one at this table gave ("White: 0" is published).
    join(&app, &staff, table, "Robin Newcomer").await;
    let (after, after_page) = look(&app, &member, table).await;
    assert_eq!(after, before, "one person joining changes no published count");
    assert_eq!(after_page, before_page, "nor the table's page");
    let rep_after = app.api("GET", &format!("{base}/tables/{table}/representation"), None, None).await;
    assert_eq!(rep_after.json(), rep.json(), "nor its comparison with the community");
    // Members see who joined; nobody learns the newcomer's answers.
    let seats = app.api("GET", &format!("{base}/tables/{table}/memberships"), Some(&member), None).await.json();
    assert!(seats.as_array().unwrap().iter().any(|m| m["person_name"] == "Robin Newcomer"));

    // Once five people have changed, a new snapshot is published: comparing the two tells
    // something about five people, never about one.
    for name in ["A One", "B Two", "C Three", "D Four"] {
        join(&app, &staff, table, name).await;
    }
    let (later, _) = look(&app, &member, table).await;
    assert_ne!(later, before, "five changes publish a new composition");
    let size = |v: &Value| v["current_members"].as_u64().unwrap();
    assert_eq!(size(&later), size(&before) + 5);
    // The representation's trend now has both snapshots.
    let rep = app.api("GET", &format!("{base}/tables/{table}/representation"), None, None).await.json();
    let trend = rep["tables"][0]["trend"].as_array().unwrap();
    assert!(trend.iter().all(|g| g["points"].as_array().unwrap().len() == 2), "{trend:?}");
}

/// A person withdraws the demographics she shared: they are erased at once — from her record, and
/// from the audit log, which never held them —, they leave the table's counts with the next
/// composition published, and comparing what anyone could fetch before and after tells nothing.
async fn withdrawing_consent_erases_the_answers_and_gives_nothing_away(ts: TestStore) {
    let app = TestApp::new(ts).await;
    let base = format!("/api/v1/initiatives/{SLUG}");
    let staff = app.token("director").await;
    let member = app.token("member").await; // Aaliyah Brooks, at the reading group
    let resident = app.token("resident").await;
    let mine = format!("{base}/me/demographics");

    // She sees what she shared; nobody else can read it there, and the public cannot ask.
    let shared = app.api("GET", &mine, Some(&member), None).await;
    assert_eq!(shared.status, StatusCode::OK, "{}", shared.body);
    assert_eq!(shared.json()["name"], "Aaliyah Brooks");
    assert_eq!(shared.json()["demographics"]["race_ethnicity"], "Black or African American");
    let theirs = app.api("GET", &mine, Some(&resident), None).await.json();
    assert_eq!(theirs["name"], "Hodan Warsame", "each person sees only their own");
    assert_eq!(app.api("GET", &mine, None, None).await.status, StatusCode::UNAUTHORIZED);
    let person = shared.json()["person_id"].as_i64().unwrap();
    let as_member = app.api("GET", &format!("{base}/people/{person}"), Some(&resident), None).await.json();
    assert!(as_member["demographics"].is_null(), "other members never see her answers");
    // Bad input is refused by field, and changes nothing.
    let r = app.api("PUT", &mine, Some(&member), Some(json!({"consent": false, "gender": "Woman"}))).await;
    assert_eq!(
        (r.status, r.json()["errors"][0]["field"].clone()),
        (StatusCode::UNPROCESSABLE_ENTITY, json!("demographics.consent"))
    );
    let r = app.api("PUT", &mine, Some(&member), Some(json!({"consent": true, "age_band": "ancient"}))).await;
    assert_eq!(
        (r.status, r.json()["errors"][0]["field"].clone()),
        (StatusCode::UNPROCESSABLE_ENTITY, json!("demographics.age_band"))
    );

    let reading = app
        .store
        .tables(app.initiative.id)
        .await
        .unwrap()
        .into_iter()
        .find(|t| t.name == "Early Grade Reading Working Group")
        .unwrap()
        .id;
    let rep_url = format!("{base}/tables/{reading}/representation");
    let (before, before_page) = look(&app, &member, reading).await;
    let rep_before = app.api("GET", &rep_url, None, None).await.json();

    // She takes her answers back.
    let r = app.api("DELETE", &mine, Some(&member), None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.json()["demographics"].is_null());
    let record = app.api("GET", &format!("{base}/people/{person}"), Some(&staff), None).await.json();
    assert!(record["demographics"].is_null(), "erased from her record, even for staff");
    let audit = app.api("GET", &format!("{base}/audit?limit=500"), Some(&staff), None).await;
    assert_eq!(audit.status, StatusCode::OK, "{}", audit.body);
    for entry in audit.json().as_array().unwrap().iter().filter(|e| e["entity"] == "person") {
        for side in ["before", "after"] {
            let d = &entry[side]["demographics"];
            assert!(
                d.is_null() || d.as_object().unwrap().keys().all(|k| k == "consent"),
                "the audit log keeps no answers: {entry}"
            );
        }
    }

    // Nothing anyone could fetch changed: no comparison tells what she had said.
    let (after, after_page) = look(&app, &member, reading).await;
    assert_eq!(after, before, "one withdrawal changes no published count");
    assert_eq!(after_page, before_page);
    assert_eq!(app.api("GET", &rep_url, None, None).await.json(), rep_before);

    // With four more changes a new composition is published, and it counts her as not reported.
    for name in ["A One", "B Two", "C Three", "D Four"] {
        join(&app, &staff, reading, name).await;
    }
    let (later, _) = look(&app, &member, reading).await;
    assert_ne!(later, before, "five changes publish a new composition");
    let reported = |v: &Value| {
        v["reported"]["cells"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c[0] == "reported")
            .and_then(|c| c[1]["value"].as_u64())
    };
    if let (Some(was), Some(now)) = (reported(&before), reported(&later)) {
        assert_eq!(now, was + 4 - 1, "four newcomers who shared, one person who no longer does");
    }

    // An account that is no person of the initiative is told so on the page, not refused.
    let priya =
        app.store.people(app.initiative.id).await.unwrap().into_iter().find(|p| p.name == "Priya Raman").unwrap();
    let unlink = app
        .api("PUT", &format!("{base}/people/{}/account", priya.id), Some(&staff), Some(json!({"user_id": null})))
        .await;
    assert_eq!(unlink.status, StatusCode::OK, "{}", unlink.body);
    let mut datalead = Browser::new();
    datalead.sign_in(&app.app, "datalead").await;
    let page = datalead.get(&app.app, &format!("/i/{SLUG}/me")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("not linked to a person of this initiative"), "{}", page.body);

    // She may share again, as herself, on her page.
    let mut b = Browser::new();
    b.sign_in(&app.app, "member").await;
    let page = b.get(&app.app, &format!("/i/{SLUG}/me")).await;
    assert!(page.body.contains("You are not sharing any answers."), "{}", page.body);
    let r = b.submit(&app.app, &format!("/i/{SLUG}/me"), &format!("/i/{SLUG}/me"), &[("gender", "Woman")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "no consent, nothing shared");
    let r = b
        .submit(&app.app, &format!("/i/{SLUG}/me"), &format!("/i/{SLUG}/me"), &[("consent", "on"), ("gender", "Woman")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(app.api("GET", &mine, Some(&member), None).await.json()["demographics"]["gender"], "Woman");
    let r = b.submit(&app.app, &format!("/i/{SLUG}/me"), &format!("/i/{SLUG}/me/withdraw"), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(app.api("GET", &mine, Some(&member), None).await.json()["demographics"].is_null());
}

both_backends!(
    one_person_joining_a_table_gives_nothing_away,
    withdrawing_consent_erases_the_answers_and_gives_nothing_away
);
