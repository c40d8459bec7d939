//! The partner network over HTTP: who may see and answer what, the demo's story, and the attack:
//! nothing anyone else can fetch tells what one organisation said about another.

use super::*;

async fn rounds(app: &TestApp) -> Vec<Value> {
    let token = app.token("director").await;
    let r = app.api("GET", &format!("/api/v1/initiatives/{SLUG}/network/rounds"), Some(&token), None).await;
    r.json().as_array().unwrap().clone()
}

fn round_named<'a>(rounds: &'a [Value], name: &str) -> &'a Value {
    rounds.iter().find(|r| r["name"] == name).unwrap()
}

async fn members_see_how_the_network_looks_and_changed(ts: TestStore) {
    let app = TestApp::new(ts).await;
    let base = format!("/api/v1/initiatives/{SLUG}/network");
    let all = rounds(&app).await;
    let spring = round_named(&all, "Spring 2026")["id"].as_i64().unwrap();
    let results = format!("{base}/rounds/{spring}/results");
    assert_eq!(app.api("GET", &results, None, None).await.status, StatusCode::UNAUTHORIZED);
    let member = app.token("member").await;
    let r = app.api("GET", &results, Some(&member), None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let body = r.json();
    let net = &body["results"];
    // The five grassroots groups trust each other and no one else.
    let orgs = app.store.organizations(app.initiative.id).await.unwrap();
    let id = |name: &str| orgs.iter().find(|o| o.name == name).unwrap().id;
    let apart: Vec<i64> = net["components"][1].as_array().unwrap().iter().map(|v| v.as_i64().unwrap()).collect();
    let mut grassroots = vec![
        id("Westside Tenants Union"),
        id("Eastside Parents United"),
        id("Northgate Neighborhood Association"),
        id("Familias Unidas de Riverbend"),
        id("Southside Parent Power"),
    ];
    grassroots.sort_unstable();
    assert_eq!(apart, grassroots);
    // Two introductions would join them to the rest, from what they and others do.
    let intros: Vec<(i64, i64)> = net["introductions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| (x["a"].as_i64().unwrap(), x["b"].as_i64().unwrap()))
        .collect();
    let pair = |a: &str, b: &str| if id(a) < id(b) { (id(a), id(b)) } else { (id(b), id(a)) };
    assert_eq!(
        intros,
        [
            pair("Riverbend Reads", "Familias Unidas de Riverbend"),
            pair("Southside Youth Mentoring Collaborative", "Southside Parent Power")
        ]
    );
    // The backbone is the hub; the network grew denser since the year before.
    let hub = net["nodes"].as_array().unwrap().iter().max_by_key(|n| n["degree"].as_u64().unwrap()).unwrap();
    assert_eq!(hub["organization_id"], id("United Way of the Riverbend Region"));
    assert!(body["change"]["new_ties"].as_u64().unwrap() > 0);
    assert!(body["change"]["density_points"].as_f64().unwrap() > 0.0);
    // An open round shows no results: they would move as each answer came in.
    let open = round_named(&all, "Autumn 2026")["id"].as_i64().unwrap();
    let r = app.api("GET", &format!("{base}/rounds/{open}/results"), Some(&member), None).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    // The page, in both languages.
    let mut b = Browser::new();
    b.sign_in(&app.app, "member").await;
    let page = b.get(&app.app, &format!("/i/{SLUG}/network")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Introductions worth making") && page.body.contains("id=\"network-map\""));
    assert!(page.body.contains("Familias Unidas de Riverbend both work on Trained reading tutors in every K–3 classroom in 47303 Northgate"), "strategies by name");
}

both_backends!(members_see_how_the_network_looks_and_changed);

/// Everything a member or another organisation's steward can fetch about a round, before and
/// after one more organisation answers, says nothing about what any one organisation said.
async fn no_one_learns_what_one_organisation_said_about_another(ts: TestStore) {
    let app = TestApp::new(ts).await;
    let base = format!("/api/v1/initiatives/{SLUG}/network");
    let staff = app.token("director").await;
    let steward = app.token("steward").await;
    let member = app.token("member").await;
    let orgs = app.store.organizations(app.initiative.id).await.unwrap();
    let id = |name: &str| orgs.iter().find(|o| o.name == name).unwrap().id;
    let all = rounds(&app).await;
    let spring = round_named(&all, "Spring 2026")["id"].as_i64().unwrap();
    let open = round_named(&all, "Autumn 2026")["id"].as_i64().unwrap();
    let reads = id("Riverbend Reads");
    let schools = id("Riverbend Public Schools");
    // One organisation's answers: its own steward and staff only.
    let of_reads = format!("{base}/rounds/{spring}/responses/{reads}");
    assert_eq!(app.api("GET", &of_reads, Some(&member), None).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.api("GET", &of_reads, Some(&steward), None).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.api("GET", &of_reads, Some(&staff), None).await.status, StatusCode::OK);
    let own = app.api("GET", &format!("{base}/rounds/{spring}/responses/{schools}"), Some(&steward), None).await;
    assert_eq!(own.status, StatusCode::OK, "a steward reads what its organisation said");
    // The results carry no ratings, and no score about an organisation rated by fewer than three.
    let results = app.api("GET", &format!("{base}/rounds/{spring}/results"), Some(&member), None).await.body;
    assert!(!results.contains("\"ratings\"") && !results.contains("\"reliability\""));
    let net: Value = serde_json::from_str(&results).unwrap();
    for n in net["results"]["nodes"].as_array().unwrap() {
        if n["raters"].as_u64().unwrap() < 3 {
            assert!(n["trust"].is_null() && n["value"].is_null(), "{n}");
        }
    }
    // While a round is open, answering changes nothing anyone else can fetch.
    let look = || async {
        let mut seen = Vec::new();
        for path in [
            format!("{base}/rounds"),
            format!("{base}/rounds/{open}/results"),
            format!("{base}/rounds/{spring}/results"),
        ] {
            seen.push(app.api("GET", &path, Some(&member), None).await.body);
        }
        seen
    };
    let before = look().await;
    let answer =
        json!({"ratings": [{"about": reads, "level": "integration", "reliability": 1, "mission": 1, "openness": 1}]});
    let r = app
        .api("PUT", &format!("{base}/rounds/{open}/responses/{schools}"), Some(&steward), Some(answer.clone()))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(look().await, before, "one more answer changes nothing a member sees");
    // A steward answers only for its own organisation; a closed round takes no answers.
    let r =
        app.api("PUT", &format!("{base}/rounds/{open}/responses/{reads}"), Some(&steward), Some(answer.clone())).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = app.api("PUT", &format!("{base}/rounds/{spring}/responses/{schools}"), Some(&steward), Some(answer)).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    // Bad answers name the rating and field.
    let bad =
        json!({"ratings": [{"about": schools, "level": "cooperation"}, {"about": reads, "level": "none", "power": 3}]});
    let r = app.api("PUT", &format!("{base}/rounds/{open}/responses/{schools}"), Some(&steward), Some(bad)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<String> =
        r.json()["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap().to_string()).collect();
    assert_eq!(fields, ["ratings[0].about", "ratings[1].power"]);
    // Once closed, the round's results are fixed: the answer counts, in totals only.
    let r = app.api("POST", &format!("{base}/rounds/{open}/close"), Some(&member), None).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = app.api("POST", &format!("{base}/rounds/{open}/close"), Some(&staff), None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let after = app.api("GET", &format!("{base}/rounds/{open}/results"), Some(&member), None).await.json();
    assert_eq!(after["results"]["respondents"], 1);
    let reads_node =
        after["results"]["nodes"].as_array().unwrap().iter().find(|n| n["organization_id"] == reads).unwrap().clone();
    assert!(reads_node["trust"].is_null(), "one rater: no score");
}

both_backends!(no_one_learns_what_one_organisation_said_about_another);

async fn staff_open_a_round_and_a_steward_answers_it_on_the_page(ts: TestStore) {
    let app = TestApp::new(ts).await;
    let mut staff = Browser::new();
    staff.sign_in(&app.app, "director").await;
    let page = format!("/i/{SLUG}/network");
    let create = format!("/i/{SLUG}/network/rounds");
    let r = staff
        .submit(
            &app.app,
            &page,
            &create,
            &[("name", "Spring 2027"), ("opens_on", "2027-04-01"), ("closes_on", "April")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("closes_on-error") && r.body.contains("value=\"Spring 2027\""));
    let r = staff
        .submit(
            &app.app,
            &page,
            &create,
            &[("name", "Spring 2027"), ("opens_on", "2027-04-01"), ("closes_on", "2027-04-30")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    let round = rounds(&app).await.into_iter().find(|r| r["name"] == "Spring 2027").unwrap()["id"].as_i64().unwrap();
    let mut steward = Browser::new();
    steward.sign_in(&app.app, "steward").await;
    let list = steward.get(&app.app, &page).await;
    assert!(list.body.contains("Answer for Riverbend Public Schools"));
    let orgs = app.store.organizations(app.initiative.id).await.unwrap();
    let schools = orgs.iter().find(|o| o.name == "Riverbend Public Schools").unwrap().id;
    let reads = orgs.iter().find(|o| o.name == "Riverbend Reads").unwrap().id;
    let form = format!("/i/{SLUG}/network/rounds/{round}/answer?organization={schools}");
    let action = format!("/i/{SLUG}/network/rounds/{round}/answer");
    let (level, trust) = (format!("level-{reads}"), format!("reliability-{reads}"));
    let schools_text = schools.to_string();
    let mut fields: Vec<(String, String)> =
        orgs.iter().filter(|o| o.id != schools).map(|o| (format!("level-{}", o.id), "none".to_string())).collect();
    fields.push(("organization".into(), schools_text.clone()));
    let set = |fields: &mut Vec<(String, String)>, k: &str, v: &str| {
        fields.retain(|(f, _)| f != k);
        fields.push((k.to_string(), v.to_string()));
    };
    // A score for an organisation with no relationship is explained beside it.
    set(&mut fields, &trust, "3");
    let as_refs = |f: &[(String, String)]| f.iter().map(|(k, v)| (k.clone(), v.clone())).collect::<Vec<_>>();
    let sent = as_refs(&fields);
    let refs: Vec<(&str, &str)> = sent.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let r = steward.submit(&app.app, &form, &action, &refs).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("only asked of an organisation you have a relationship with"));
    set(&mut fields, &level, "coordination");
    let sent = as_refs(&fields);
    let refs: Vec<(&str, &str)> = sent.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let r = steward.submit(&app.app, &form, &action, &refs).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let answers = app.store.responses(app.initiative.id, round).await.unwrap();
    assert_eq!(answers.len(), 1);
    assert_eq!(answers[0].ratings.len(), 1);
    assert_eq!(answers[0].ratings[0].about, reads);
    assert_eq!(answers[0].ratings[0].reliability, Some(3));
    // The form shows what was answered; another organisation's form is not the steward's.
    let again = steward.get(&app.app, &form).await;
    assert!(again.body.contains("<option value=\"coordination\" selected>"));
    let other = steward.get(&app.app, &format!("/i/{SLUG}/network/rounds/{round}/answer?organization={reads}")).await;
    assert_eq!(other.status, StatusCode::FORBIDDEN);
}

both_backends!(staff_open_a_round_and_a_steward_answers_it_on_the_page);
