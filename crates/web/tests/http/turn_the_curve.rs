//! Turning the curve over HTTP: members read each table's plan beside the indicator's chart;
//! staff or the table's chair adopt versions (later ones say why); an action becomes a
//! commitment by staff or the organisation's own data steward, once; others cannot.

use super::*;

async fn a_table_turns_the_curve_and_its_actions_become_commitments(ts: TestStore) {
    let app = TestApp::new(ts).await;
    let staff = app.token("director").await;
    let steward = app.token("steward").await; // Riverbend Public Schools
    let member = app.token("member").await;
    let plans = format!("/api/v1/initiatives/{SLUG}/indicators/third-grade-reading/curve-plans");
    assert_eq!(app.api("GET", &plans, None, None).await.status, StatusCode::UNAUTHORIZED);
    let r = app.api("GET", &plans, Some(&member), None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let plan = r.json()[0].clone();
    assert_eq!(
        (plan["table_name"].clone(), plan["current"]["version"].clone()),
        (json!("Early Grade Reading Working Group"), json!(2))
    );
    assert_eq!(plan["committed"][0]["action_key"], "align-power-hour");
    let id = plan["id"].as_i64().unwrap();

    // Version 3: a member who does not lead the table cannot adopt it; staff can, saying why.
    let mut next = json!({
        "table_id": plan["table_id"],
        "story": plan["current"]["story"],
        "partners": plan["current"]["partners"],
        "what_works": plan["current"]["what_works"],
        "actions": plan["current"]["actions"],
    });
    assert_eq!(app.api("POST", &plans, Some(&member), Some(next.clone())).await.status, StatusCode::FORBIDDEN);
    let r = app.api("POST", &plans, Some(&staff), Some(next.clone())).await;
    assert_eq!((r.status, r.json()["errors"][0]["field"].clone()), (StatusCode::UNPROCESSABLE_ENTITY, json!("reason")));
    let mut empty = next.clone();
    empty["story"] = json!([]);
    empty["reason"] = json!("Trying");
    let r = app.api("POST", &plans, Some(&staff), Some(empty)).await;
    assert_eq!(r.json()["errors"][0]["field"], "story");
    let mut stranger = next.clone();
    stranger["reason"] = json!("Trying");
    stranger["actions"][0]["organization_id"] = json!(999_999);
    let r = app.api("POST", &plans, Some(&staff), Some(stranger)).await;
    assert_eq!(r.json()["errors"][0]["field"], "actions[0].organization_id", "{}", r.body);
    next["reason"] = json!("The district moved the attendance texts to January");
    next["actions"][0]["due_on"] = json!("2027-01-15");
    let r = app.api("POST", &plans, Some(&staff), Some(next)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(r.json()["current"]["version"], 3);
    let versions =
        app.api("GET", &format!("/api/v1/initiatives/{SLUG}/curve-plans/{id}/versions"), Some(&member), None).await;
    assert_eq!(versions.json().as_array().unwrap().len(), 3);

    // The district's action becomes its commitment, by its own steward, once; the library's
    // action has no date yet; a member cannot make commitments for anyone.
    let commit = |key: &str| format!("/api/v1/initiatives/{SLUG}/curve-plans/{id}/actions/{key}/commitment");
    assert_eq!(app.api("POST", &commit("attendance-nudges"), Some(&member), None).await.status, StatusCode::FORBIDDEN);
    let r = app.api("POST", &commit("attendance-nudges"), Some(&steward), None).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(
        (r.json()["indicator_key"].clone(), r.json()["due_on"].clone()),
        (json!("third-grade-reading"), json!("2027-01-15"))
    );
    let again = app.api("POST", &commit("attendance-nudges"), Some(&staff), None).await;
    assert_eq!(
        (again.status, again.json()["errors"][0]["field"].clone()),
        (StatusCode::UNPROCESSABLE_ENTITY, json!("action_key"))
    );
    let r = app.api("POST", &commit("home-language-books"), Some(&staff), None).await;
    assert_eq!(r.json()["errors"][0]["field"], "due_on", "{}", r.body);
    assert_eq!(
        app.api("POST", &commit("home-language-books"), Some(&steward), None).await.status,
        StatusCode::FORBIDDEN
    );

    // The plan is beside the chart, and its page shows the steps and what became of each action.
    let mut b = Browser::new();
    b.sign_in(&app.app, "member").await;
    let page = b.get(&app.app, &format!("/i/{SLUG}/indicators/third-grade-reading")).await;
    assert!(
        page.body.contains("How tables are turning this curve") && page.body.contains("Version 3"),
        "{}",
        page.body
    );
    let page = b.get(&app.app, &format!("/i/{SLUG}/indicators/third-grade-reading/turn-the-curve")).await;
    assert!(
        page.body.contains("The story behind the curve") && page.body.contains("Needs who and when"),
        "{}",
        page.body
    );
    assert!(!page.body.contains("id=\"plan-form\""), "a member who leads no table has no form");
}

async fn staff_write_a_plan_the_way_a_table_writes_it_on_a_flip_chart(ts: TestStore) {
    let app = TestApp::new(ts).await;
    let mut b = Browser::new();
    b.sign_in(&app.app, "director").await;
    let table =
        app.store.tables(app.initiative.id).await.unwrap().into_iter().find(|t| t.name == "Resident Table").unwrap();
    let page = format!("/i/{SLUG}/indicators/third-grade-reading/turn-the-curve?table={}", table.id);
    let action = format!("/i/{SLUG}/indicators/third-grade-reading/turn-the-curve");
    let tid = table.id.to_string();
    let mut fields = vec![
        ("table_id", tid.as_str()),
        ("helping", "Parents bring other parents\n\n"),
        ("hindering", "Story times only in English"),
        ("partners", "Riverbend Public Library — story times in Spanish\nGrandparents — reading at home"),
        ("ideas_no_cost", "Ask the library to schedule bilingual volunteers — Westside branch pilot"),
        ("action_key_0", ""),
        ("action_title_0", "Spanish story time at Westside"),
        ("action_org_0", ""),
        ("action_due_0", "next spring"),
        ("action_leverage_0", "medium"),
        ("action_feasibility_0", "high"),
        ("action_specificity_0", "high"),
        ("action_values_0", "high"),
    ];
    let r = b.submit(&app.app, &page, &action, &fields).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("is not a date"), "{}", r.body);
    fields[8] = ("action_due_0", "2027-04-01");
    let r = b.submit(&app.app, &page, &action, &fields).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let plans = app.store.curve_plans(app.initiative.id, "third-grade-reading").await.unwrap();
    let ours = plans.iter().find(|p| p.table_id == table.id).unwrap();
    let v = &ours.current;
    assert_eq!(v.story.len(), 2, "blank lines are not causes");
    let library = app
        .store
        .organizations(app.initiative.id)
        .await
        .unwrap()
        .into_iter()
        .find(|o| o.name == "Riverbend Public Library")
        .unwrap();
    assert_eq!(v.partners[0].organization_id, Some(library.id), "an organisation is recognised by its name");
    assert_eq!((v.partners[1].name.as_str(), v.partners[1].role.as_str()), ("Grandparents", "reading at home"));
    assert_eq!(v.what_works[0].evidence, "Westside branch pilot");
    assert_eq!(
        (v.actions[0].key.as_str(), v.actions[0].feasibility),
        ("spanish-story-time-at-westside", backbone_core::turn_the_curve::Rating::High)
    );
}

both_backends!(
    a_table_turns_the_curve_and_its_actions_become_commitments,
    staff_write_a_plan_the_way_a_table_writes_it_on_a_flip_chart
);
