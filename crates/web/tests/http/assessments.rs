//! Self-assessment over HTTP: who may open, answer and read what; bad answers named by field;
//! the demo's story; and the attack — nothing a member or the public can fetch tells what one
//! person answered.

use super::*;

async fn table_id(app: &TestApp, name: &str) -> Id {
    app.store.tables(app.initiative.id).await.unwrap().into_iter().find(|t| t.name == name).unwrap().id
}

fn base(table: Id) -> String {
    format!("/api/v1/initiatives/{SLUG}/tables/{table}/assessments")
}

/// (id, title, open) of a table's rounds, newest first, as staff list them.
async fn rounds(app: &TestApp, table: Id) -> Vec<(i64, String, bool)> {
    let token = app.token("director").await;
    let r = app.api("GET", &base(table), Some(&token), None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.json()
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            let round = &l["round"];
            (round["id"].as_i64().unwrap(), round["title"].as_str().unwrap().to_string(), round["closed_at"].is_null())
        })
        .collect()
}

async fn round_titled(app: &TestApp, table: Id, title: &str) -> i64 {
    rounds(app, table).await.into_iter().find(|r| r.1 == title).unwrap().0
}

/// Every statement answered with `score` (null: don't know).
fn answer_all(score: Value) -> Value {
    let statements = backbone_core::assessments::instrument::statements(1).unwrap();
    json!({"answers": statements.iter().map(|s| json!({"statement": s.key, "score": score})).collect::<Vec<_>>()})
}

async fn the_table_watches_its_scores_change_round_by_round(ts: TestStore) {
    let app = TestApp::new(ts).await;
    let reading = table_id(&app, "Early Grade Reading Working Group").await;
    let member = app.token("member").await; // Aaliyah Brooks sits at the reading group
    let resident = app.token("resident").await; // Hodan Warsame does not
    let datalead = app.token("datalead").await; // staff, at no table
    let all = rounds(&app, reading).await;
    assert_eq!(all.len(), 4);
    assert!(all[0].2 && all[1..].iter().all(|r| !r.2), "one open round, three closed");
    let winter = round_titled(&app, reading, "Winter 2026").await;
    let results = format!("{}/{winter}/results", base(reading));
    assert_eq!(app.api("GET", &results, None, None).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(app.api("GET", &results, Some(&resident), None).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.api("GET", &results, Some(&datalead), None).await.status, StatusCode::OK);
    let r = app.api("GET", &results, Some(&member), None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let body = r.json();
    assert_eq!(body["shown"], true);
    assert!(body["respondents"].as_u64().unwrap() >= 5);
    let section =
        |key: &str| body["sections"].as_array().unwrap().iter().find(|s| s["section"] == key).unwrap().clone();
    assert!(section("conditions")["mean"].as_f64().is_some());
    let culture = section("culture");
    assert_eq!(culture["trend"], "improving", "{culture}");
    assert!(culture["change"].as_f64().unwrap() > 0.0);
    let statement = |s: &Value, key: &str| {
        s["statements"].as_array().unwrap().iter().find(|x| x["statement"] == key).unwrap().clone()
    };
    let measurement = statement(&section("conditions"), "shared-measurement");
    assert!(measurement["mean"].as_f64().unwrap() >= 3.8, "shared measurement strong: {measurement}");
    // The trend: three closed rounds; talking about what did not work rose from low.
    let history = body["history"].as_array().unwrap();
    assert_eq!(
        history.iter().map(|h| h["title"].as_str().unwrap()).collect::<Vec<_>>(),
        ["Spring 2025", "Fall 2025", "Winter 2026"]
    );
    let mut failed = Vec::new();
    for title in ["Spring 2025", "Fall 2025", "Winter 2026"] {
        let round = round_titled(&app, reading, title).await;
        let r = app.api("GET", &format!("{}/{round}/results", base(reading)), Some(&member), None).await.json();
        let statements = r["sections"][3]["statements"].as_array().unwrap().clone();
        let mean = statements.iter().find(|x| x["statement"] == "talk-about-what-failed").unwrap()["mean"].as_f64();
        failed.extend(mean);
    }
    assert!(failed.len() == 3 && failed[0] < 3.0 && failed[failed.len() - 1] > failed[0], "{failed:?}");
    // The instrument is the same for everyone: statements by key and section.
    let instrument = app
        .api("GET", &format!("/api/v1/initiatives/{SLUG}/assessment-instrument"), Some(&resident), None)
        .await
        .json();
    assert_eq!(instrument["statements"].as_array().unwrap().iter().filter(|s| s["section"] == "principles").count(), 8);
    // The pages: linked from the table, in English and in Spanish, with the chart and its table.
    let mut b = Browser::new();
    b.sign_in(&app.app, "member").await;
    let table_page = b.get(&app.app, &format!("/i/{SLUG}/tables/{reading}")).await;
    assert!(table_page.body.contains(&format!("/i/{SLUG}/tables/{reading}/assessment\"")));
    let page = b.get(&app.app, &format!("/i/{SLUG}/tables/{reading}/assessment")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("Results of Winter 2026") && page.body.contains("id=\"assessment-chart\""),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("We talk openly about what did not work.") && page.body.contains("id=\"assessment-trend\"")
    );
    b.get(&app.app, "/language?to=es&back=/").await;
    let page = b.get(&app.app, &format!("/i/{SLUG}/tables/{reading}/assessment")).await;
    assert!(
        page.body.contains("Resultados de Winter 2026")
            && page.body.contains("Hablamos abiertamente de lo que no funcionó.")
    );
    // Someone who does not sit at the table sees the rounds but no results.
    let mut other = Browser::new();
    other.sign_in(&app.app, "resident").await;
    let page = other.get(&app.app, &format!("/i/{SLUG}/tables/{reading}/assessment")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains("assessment-results") && page.body.contains("for the members of this table"));
}

both_backends!(the_table_watches_its_scores_change_round_by_round);

async fn members_answer_as_themselves_and_bad_answers_are_named(ts: TestStore) {
    let app = TestApp::new(ts).await;
    let reading = table_id(&app, "Early Grade Reading Working Group").await;
    let member = app.token("member").await;
    let resident = app.token("resident").await;
    let staff = app.token("datalead").await;
    let open = rounds(&app, reading).await[0].0;
    let answer = format!("{}/{open}/answer", base(reading));
    assert_eq!(app.api("PUT", &answer, None, Some(answer_all(json!(4)))).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        app.api("PUT", &answer, Some(&resident), Some(answer_all(json!(4)))).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.api("PUT", &answer, Some(&staff), Some(answer_all(json!(4)))).await.status,
        StatusCode::FORBIDDEN,
        "staff do not sit at the table"
    );
    // Out of range, unknown statement: 422 naming the field; nothing written.
    let mut bad = answer_all(json!(4));
    bad["answers"][0]["score"] = json!(7);
    bad["answers"][1]["statement"] = json!("we-like-each-other");
    let r = app.api("PUT", &answer, Some(&member), Some(bad)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let fields: Vec<String> =
        r.json()["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap().to_string()).collect();
    assert!(fields.starts_with(&["answers[0].score".to_string(), "answers[1].statement".to_string()]), "{fields:?}");
    assert_eq!(app.api("GET", &answer, Some(&member), None).await.status, StatusCode::NOT_FOUND, "nothing kept");
    // A member answers as herself, and may change her answer; the latest counts.
    let r = app.api("PUT", &answer, Some(&member), Some(answer_all(json!(2)))).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let mut changed = answer_all(json!(5));
    changed["answers"][4]["score"] = Value::Null;
    assert_eq!(app.api("PUT", &answer, Some(&member), Some(changed)).await.status, StatusCode::OK);
    let mine = app.api("GET", &answer, Some(&member), None).await.json();
    assert_eq!((mine["answers"][0]["score"].clone(), mine["answers"][4]["score"].clone()), (json!(5), Value::Null));
    let aaliyah =
        app.store.people(app.initiative.id).await.unwrap().into_iter().find(|p| p.name == "Aaliyah Brooks").unwrap();
    assert_eq!(mine["person_id"], aaliyah.id);
    // Nobody else reads it: not staff, not a member of another table.
    assert_eq!(app.api("GET", &answer, Some(&staff), None).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.api("GET", &answer, Some(&resident), None).await.status, StatusCode::FORBIDDEN);
    // Staff see how many answered, members do not; members cannot close a round.
    let count = |token: String| {
        let app = &app;
        async move { app.api("GET", &base(reading), Some(&token), None).await.json()[0]["respondents"].clone() }
    };
    assert!(count(staff.clone()).await.as_u64().unwrap() >= 1);
    assert_eq!(count(member.clone()).await, Value::Null);
    let close = format!("{}/{open}/close", base(reading));
    assert_eq!(app.api("POST", &close, Some(&member), None).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.api("POST", &close, Some(&staff), None).await.status, StatusCode::OK);
    assert_eq!(app.api("POST", &close, Some(&staff), None).await.status, StatusCode::CONFLICT);
    // A closed round takes no more answers.
    let r = app.api("PUT", &answer, Some(&member), Some(answer_all(json!(3)))).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    // A round of another table is not found under this one.
    let steering = table_id(&app, "Steering Committee").await;
    assert_eq!(
        app.api("GET", &format!("{}/{open}/results", base(steering)), Some(&staff), None).await.status,
        StatusCode::NOT_FOUND
    );
    // Opening: the table's chair or staff; bad dates named.
    let new = json!({"title": "Summer 2026", "opens_on": "2026-06-01", "closes_on": "2026-05-01"});
    assert_eq!(app.api("POST", &base(reading), Some(&member), Some(new.clone())).await.status, StatusCode::FORBIDDEN);
    let r = app.api("POST", &base(reading), Some(&staff), Some(new)).await;
    assert_eq!(
        (r.status, r.json()["errors"][0]["field"].clone()),
        (StatusCode::UNPROCESSABLE_ENTITY, json!("closes_on"))
    );
    let r = app
        .api(
            "POST",
            &base(reading),
            Some(&staff),
            Some(json!({"title": "Summer 2026", "opens_on": "2026-06-01", "closes_on": "2026-06-30"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(r.json()["instrument_version"], 1);
}

both_backends!(members_answer_as_themselves_and_bad_answers_are_named);

/// Everything a member of the table, a member of another table or the public can fetch, before
/// and after one more person answers an open round, is the same; and a round closed with fewer
/// than the minimum shows no number at all.
async fn no_one_learns_what_one_person_answered(ts: TestStore) {
    let app = TestApp::new(ts).await;
    let steering = table_id(&app, "Steering Committee").await;
    let reading = table_id(&app, "Early Grade Reading Working Group").await;
    let resident = app.token("resident").await; // Hodan Warsame sits on the Steering Committee
    let member = app.token("member").await; // Aaliyah Brooks does not
    let director = app.token("director").await; // Danielle Okafor facilitates it, and is staff
    let all = rounds(&app, steering).await;
    let open = all[0].0;
    assert!(all[0].2);
    let look = |token: Option<String>| {
        let app = &app;
        let all = all.clone();
        let users = [("resident", resident.clone()), ("member", member.clone())];
        async move {
            let mut seen = vec![app.api("GET", &base(steering), token.as_deref(), None).await.body];
            for (id, _, _) in &all {
                for what in ["results", "answer"] {
                    let r = app.api("GET", &format!("{}/{id}/{what}", base(steering)), token.as_deref(), None).await;
                    seen.push(format!("{} {}", r.status, r.body));
                }
            }
            let mut b = Browser::new();
            if let Some((user, _)) = users.iter().find(|(_, t)| Some(t.as_str()) == token.as_deref()) {
                b.sign_in(&app.app, user).await;
            }
            for path in [format!("/i/{SLUG}/tables/{steering}/assessment"), format!("/i/{SLUG}/tables/{steering}")] {
                let mut page = b.get(&app.app, &path).await.body;
                // The form's one-time token differs from page to page.
                if let Some(at) = page.find("name=\"csrf\"") {
                    page.truncate(at);
                }
                seen.push(page);
            }
            for (id, _, _) in &all {
                let r = b.get(&app.app, &format!("/i/{SLUG}/tables/{steering}/assessment?round={id}")).await;
                seen.push(format!("{} {}", r.status, r.body.split("name=\"csrf\"").next().unwrap_or_default()));
            }
            seen
        }
    };
    let before = (look(Some(resident.clone())).await, look(Some(member.clone())).await, look(None).await);
    let r =
        app.api("PUT", &format!("{}/{open}/answer", base(steering)), Some(&director), Some(answer_all(json!(1)))).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let after = (look(Some(resident.clone())).await, look(Some(member.clone())).await, look(None).await);
    assert!(before.0 == after.0, "a member of the table sees nothing change");
    assert!(before.1 == after.1 && before.2 == after.2, "nor anyone else");
    // The results never carry an answer.
    let closed = all[1].0;
    let body = app.api("GET", &format!("{}/{closed}/results", base(steering)), Some(&resident), None).await.body;
    assert!(!body.contains("person_id") && !body.contains("\"answers\""));
    // A round closed with fewer than five answers shows no numbers, to anyone.
    let r = app
        .api(
            "POST",
            &base(reading),
            Some(&director),
            Some(json!({"title": "Quiet round", "opens_on": "2026-06-01", "closes_on": "2026-06-30"})),
        )
        .await;
    let quiet = r.json()["id"].as_i64().unwrap();
    let r =
        app.api("PUT", &format!("{}/{quiet}/answer", base(reading)), Some(&member), Some(answer_all(json!(5)))).await;
    assert_eq!(r.status, StatusCode::OK);
    let results = format!("{}/{quiet}/results", base(reading));
    assert_eq!(app.api("GET", &results, Some(&member), None).await.status, StatusCode::CONFLICT, "not while open");
    assert_eq!(
        app.api("POST", &format!("{}/{quiet}/close", base(reading)), Some(&director), None).await.status,
        StatusCode::OK
    );
    for token in [&member, &director] {
        let r = app.api("GET", &results, Some(token), None).await.json();
        assert_eq!((r["shown"].clone(), r["respondents"].clone()), (json!(false), Value::Null), "{r}");
        assert!(r["sections"].as_array().unwrap().is_empty());
        assert!(r["history"].as_array().unwrap().last().unwrap()["sections"].as_array().unwrap().is_empty());
    }
    let mut b = Browser::new();
    b.sign_in(&app.app, "member").await;
    let page = b.get(&app.app, &format!("/i/{SLUG}/tables/{reading}/assessment?round={quiet}")).await;
    assert!(page.body.contains("not enough answers to show without revealing someone"), "{}", page.body);
}

both_backends!(no_one_learns_what_one_person_answered);

async fn staff_open_a_round_and_a_member_answers_it_on_the_page(ts: TestStore) {
    let app = TestApp::new(ts).await;
    let reading = table_id(&app, "Early Grade Reading Working Group").await;
    let page = format!("/i/{SLUG}/tables/{reading}/assessment");
    let mut staff = Browser::new();
    staff.sign_in(&app.app, "director").await;
    let create = format!("{page}/rounds");
    let r = staff
        .submit(
            &app.app,
            &page,
            &create,
            &[("title", "Summer 2026"), ("opens_on", "2026-06-01"), ("closes_on", "June")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("closes_on-error") && r.body.contains("value=\"Summer 2026\""));
    let r = staff
        .submit(
            &app.app,
            &page,
            &create,
            &[("title", "Summer 2026"), ("opens_on", "2026-06-01"), ("closes_on", "2026-06-30")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let round = round_titled(&app, reading, "Summer 2026").await;
    let mut member = Browser::new();
    member.sign_in(&app.app, "member").await;
    let list = member.get(&app.app, &page).await;
    assert!(list.body.contains(&format!("{page}/rounds/{round}/answer")));
    let form = format!("{page}/rounds/{round}/answer");
    let statements = backbone_core::assessments::instrument::statements(1).unwrap();
    let names: Vec<String> = statements.iter().map(|s| format!("s-{}", s.key)).collect();
    // Leaving one out is explained beside it; the rest stay chosen.
    let mut fields: Vec<(&str, &str)> = names.iter().skip(1).map(|n| (n.as_str(), "4")).collect();
    let r = member.submit(&app.app, &form, &form, &fields).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains(&format!("{}-error", names[0])) && r.body.contains("value=\"4\" checked"));
    fields.push((names[0].as_str(), "dk"));
    let r = member.submit(&app.app, &form, &form, &fields).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let aaliyah =
        app.store.people(app.initiative.id).await.unwrap().into_iter().find(|p| p.name == "Aaliyah Brooks").unwrap();
    let kept = app.store.assessment_answer_of(app.initiative.id, round, aaliyah.id).await.unwrap().unwrap();
    assert_eq!((kept.answers[0].score, kept.answers[1].score), (None, Some(4)));
    let again = member.get(&app.app, &form).await;
    assert!(again.body.contains("id=\"already-answered\"") && again.body.contains("value=\"dk\" checked"));
    assert!(member.get(&app.app, &page).await.body.contains("Change your answer"));
    // Staff see how many answered, and close it.
    let list = staff.get(&app.app, &page).await;
    assert!(list.body.contains("1 person has answered so far"), "{}", list.body);
    let r = staff.submit(&app.app, &page, &format!("{page}/rounds/{round}/close"), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(member.get(&app.app, &form).await.status, StatusCode::CONFLICT);
}

both_backends!(staff_open_a_round_and_a_member_answers_it_on_the_page);

/// The attacker with the rule book: for every statement of every closed round a member can read,
/// tries every way the hidden bands of the spread could be filled that the disclosure rule would
/// have hidden the same way and that fits the average shown, and finds none pinned down; and no
/// band shows 1 or 2 people.
async fn no_hidden_count_is_worked_out_from_the_spread_and_the_average(ts: TestStore) {
    use backbone_core::privacy::{one_way_margins, suppress, SuppressionRule};
    let app = TestApp::new(ts).await;
    let rule = SuppressionRule { threshold: 3, show_zero: true };
    let mut looked_at = 0;
    for (table, reader) in [("Steering Committee", "resident"), ("Early Grade Reading Working Group", "member")] {
        let id = table_id(&app, table).await;
        let token = app.token(reader).await;
        for (round, _, open) in rounds(&app, id).await {
            if open {
                continue;
            }
            let r = app.api("GET", &format!("{}/{round}/results", base(id)), Some(&token), None).await.json();
            let total = r["respondents"].as_u64().unwrap();
            for st in r["sections"].as_array().unwrap().iter().flat_map(|s| s["statements"].as_array().unwrap()) {
                looked_at += 1;
                let cells: Vec<Option<u64>> = ["disagree", "neutral", "agree", "dont_know"]
                    .iter()
                    .map(|b| (st["spread"][b]["status"] == "shown").then(|| st["spread"][b]["value"].as_u64().unwrap()))
                    .collect();
                assert!(cells.iter().flatten().all(|n| !(1..=2).contains(n)), "{st}");
                let hidden: Vec<bool> = cells.iter().map(Option::is_none).chain([false]).collect();
                let rest = total - cells.iter().flatten().sum::<u64>();
                let mean = st["mean"].as_f64();
                let mut fits: Vec<[u64; 4]> = Vec::new();
                for a in 0..=rest {
                    for b in 0..=rest - a {
                        for c in 0..=rest - a - b {
                            let mut f = [0u64; 4];
                            let mut spare = [a, b, c, rest - a - b - c].into_iter();
                            for (i, cell) in cells.iter().enumerate() {
                                f[i] = cell.unwrap_or_else(|| spare.next().unwrap());
                            }
                            if spare.any(|x| x > 0) {
                                continue; // fewer hidden cells than four: the spare must be empty
                            }
                            let all = [f[0], f[1], f[2], f[3], total];
                            if suppress(&all, &one_way_margins(4), rule) != hidden {
                                continue;
                            }
                            let scored = f[0] + f[1] + f[2];
                            if let Some(m) = mean {
                                let (low, high) =
                                    ((f[0] + 3 * f[1] + 4 * f[2]) as f64, (2 * f[0] + 3 * f[1] + 5 * f[2]) as f64);
                                let (from, to) = ((m - 0.005) * scored as f64, (m + 0.005) * scored as f64);
                                if low > to || high < from || from.ceil() > to.floor() {
                                    continue;
                                }
                            }
                            if !fits.contains(&f) {
                                fits.push(f);
                            }
                        }
                    }
                }
                for i in (0..4).filter(|i| hidden[*i] && hidden.iter().take(4).any(|h| !h)) {
                    let mut values: Vec<u64> = fits.iter().map(|f| f[i]).collect();
                    values.sort_unstable();
                    values.dedup();
                    assert!(values.len() != 1, "band {i} of {st} is pinned down to {values:?} by {fits:?}");
                }
            }
        }
    }
    assert!(looked_at >= 27 * 6, "every statement of the six closed rounds ({looked_at})");
}

both_backends!(no_hidden_count_is_worked_out_from_the_spread_and_the_average);
