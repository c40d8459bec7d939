//! Shared measurement over HTTP: submitting, errors by row and column, review, drafts, the dashboard and indicator pages, and the attack on every public view.

use super::*;

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
    // A body of the wrong shape is refused before any row is read, naming where.
    let r = app.api("POST", &format!("{base}/observations"), Some(&steward), Some(json!([null, null]))).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(r.content_type(), "application/problem+json");
    assert!(r.json()["errors"][0]["reason"].as_str().unwrap().contains("expected"), "{}", r.body);
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
    // The initiative's own schema: its indicators and places, and a real breakdown as the example.
    let own = app.api("GET", &format!("{base}/observation-schema"), Some(&steward), None).await.json();
    assert!(own["fields"][0]["constraints"]["enum"].as_array().unwrap().contains(&json!("grade3-reading")));
    assert!(own["fields"][2]["constraints"]["enum"].as_array().unwrap().contains(&json!("47301")));
    assert!(own["fields"][3]["description"].as_str().unwrap().contains("e.g. race_ethnicity="), "{own}");

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
    let (_, steward_org) = measured(&app).await;
    let base = format!("/api/v1/initiatives/{SLUG}");
    // Everything the public and a member can fetch, as JSON and as CSV.
    let public = attacker::everything_seen(&app, None, "grade3-reading").await;
    assert!(public.values().any(|s| s.hidden), "the data has small numbers to protect");
    // 2 of 6 American Indian or Alaska Native children: hidden on both sides.
    let aian =
        ("2019-20".to_string(), "town".to_string(), "race_ethnicity=American Indian or Alaska Native".to_string());
    assert!(public[&aian].hidden, "{:?}", public[&aian]);
    attacker::assert_nothing_recoverable(&app, None, &public).await;
    let member = app.token("member").await;
    let members_view = attacker::everything_seen(&app, Some(&member), "grade3-reading").await;
    assert_eq!(members_view, public, "members see the same suppressed numbers as the public");
    attacker::assert_nothing_recoverable(&app, Some(&member), &members_view).await;
    // A correction waiting for review changes nothing anyone sees.
    let steward = app.token("steward").await;
    let r = app
        .api("POST", &format!("{base}/observations"), Some(&steward), Some(json!({"organization_id": steward_org, "observations": [
            {"indicator": "grade3-reading", "period": "2023-24", "geography": "47301", "numerator": 400, "denominator": 700}
        ]})))
        .await;
    assert_eq!(r.json()["summary"]["revised"], 1, "{}", r.body);
    assert_eq!(attacker::everything_seen(&app, None, "grade3-reading").await, public);
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
    assert!(p.body.contains(">hidden<"), "suppressed cells are marked in the table");
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
    // The file stays on the server: the form names the upload, it does not carry the file.
    assert!(!preview.body.contains("name=\"file\" hidden"), "the file is not echoed through the browser");
    let token = {
        let at = preview.body.find("name=\"upload\" value=\"").expect("the upload's token") + 21;
        preview.body[at..at + preview.body[at..].find('"').unwrap()].to_string()
    };
    assert_eq!(token.len(), 64);
    let import_form = |token: &str| -> Vec<(&'static str, String)> {
        vec![
            ("csrf", csrf.clone()),
            ("organization_id", org.to_string()),
            ("upload", token.to_string()),
            ("valid_only", "true".into()),
        ]
    };
    let as_pairs = |v: &[(&'static str, String)]| v.iter().map(|(k, v)| (*k, v.clone())).collect::<Vec<_>>();
    // Someone else cannot import it, even knowing its name.
    let mut staff_browser = Browser::new();
    staff_browser.sign_in(&app.app, "director").await;
    let staff_csrf = csrf_in(&staff_browser.get(&app.app, &format!("/i/{SLUG}/data")).await.body);
    let mut theirs = as_pairs(&import_form(&token));
    theirs[0].1 = staff_csrf;
    let pairs: Vec<(&str, &str)> = theirs.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = staff_browser.post(&app.app, &format!("/i/{SLUG}/data/import"), &pairs).await;
    assert!(r.body.contains("That upload is no longer here"), "{}", r.body);
    let mine = import_form(&token);
    let pairs: Vec<(&str, &str)> = mine.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = steward.post(&app.app, &format!("/i/{SLUG}/data/import"), &pairs).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let done = steward.get(&app.app, r.location()).await;
    assert!(done.body.contains("1 new number imported"), "{}", done.body);
    assert!(done.body.contains("id=\"place-codes\""), "stewards see the place codes");
    assert!(done.body.contains("<code>47301</code>"));
    // Once imported, the upload is gone.
    let r = steward.post(&app.app, &format!("/i/{SLUG}/data/import"), &pairs).await;
    assert!(r.body.contains("That upload is no longer here"), "{}", r.body);
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

    // Staff approve it from the review queue (the selected numbers, through the Data page's
    // older form, which leads back to the queue).
    let mut staff = Browser::new();
    staff.sign_in(&app.app, "director").await;
    let q = staff.get(&app.app, &format!("/i/{SLUG}/review")).await;
    assert!(q.body.contains("File reading.csv"), "the upload is one submission, named by its file: {}", q.body);
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
    assert!(staff.get(&app.app, &format!("/i/{SLUG}/review")).await.body.contains("Nothing is waiting for review"));
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

/// What a spreadsheet in another language, a typo or an attacker sends is refused, saying why,
/// and nothing of it is stored.
async fn numbers_and_files_at_the_edges(ts: TestStore) {
    let app = TestApp::new(ts).await;
    let (staff, steward_org) = measured(&app).await;
    let base = format!("/api/v1/initiatives/{SLUG}");
    let steward = app.token("steward").await;
    let post_csv = |body: &str, valid_only: bool| {
        Request::builder()
            .method("POST")
            .uri(format!("{base}/observations.csv?organization_id={steward_org}&valid_only={valid_only}"))
            .header(header::AUTHORIZATION, format!("Bearer {steward}"))
            .header(header::CONTENT_TYPE, "text/csv")
            .body(Body::from(body.to_string()))
            .unwrap()
    };
    let count = || async {
        app.api("GET", &format!("{base}/observations?limit=100000"), Some(&staff), None)
            .await
            .json()
            .as_array()
            .unwrap()
            .len()
    };
    let before = count().await;
    let reason = |r: &Resp, field: &str| {
        r.json()["errors"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["field"] == field)
            .map(|e| e["reason"].as_str().unwrap().to_string())
            .unwrap_or_else(|| panic!("no error for {field}: {}", r.body))
    };
    // A decimal comma is an error, never fifteen.
    let r = app
        .send(post_csv(
            "indicator,period,geography,groups,numerator,denominator\ngrade3-reading,2024-25,east,,\"1,5\",10\n",
            false,
        ))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(reason(&r, "rows[2].numerator"), "\"1,5\" uses a decimal comma: write a decimal point (1.5)");
    // A numerator of 1e308 (JSON) and a period far in the future are refused.
    let r = app.api("POST", &format!("{base}/observations"), Some(&steward), Some(json!({"organization_id": steward_org, "observations": [
        {"indicator": "grade3-reading", "period": "2024-25", "geography": "east", "numerator": 1e308, "denominator": 1e308},
        {"indicator": "grade3-reading", "period": "2204-05", "geography": "east", "numerator": 5, "denominator": 10},
        {"indicator": "grade3-reading", "period": "2024-25", "geography": "atlantis", "numerator": 5, "denominator": 10}
    ]}))).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(reason(&r, "observations[0].numerator").contains("larger than Backbone accepts"));
    assert!(reason(&r, "observations[1].period").contains("outside the years"));
    assert!(
        reason(&r, "observations[2].geography").contains("use one of: "),
        "an unknown place lists the known ones: {}",
        r.body
    );
    // Semicolons are recognised and the answer says so; a comma is then ambiguous.
    let r = app
        .send(post_csv(
            "indicator;period;geography;groups;numerator;denominator\ngrade3-reading;2024-25;east;;\"1,250\";2000\n",
            false,
        ))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.json()["report"]["notes"][0].as_str().unwrap().contains("semicolons"), "{}", r.body);
    assert!(reason(&r, "rows[2].numerator").contains("could be a decimal point"));
    let r = app
        .send(post_csv(
            "indicator;period;geography;groups;numerator;denominator\ngrade3-reading;2025-26;east;;125;2000\n",
            false,
        ))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["summary"]["added"], 1);
    assert!(r.json()["report"]["notes"][0].as_str().unwrap().contains("semicolons"));
    // Empty, header-only and duplicated headers.
    let r = app.send(post_csv("", true)).await;
    assert!(reason(&r, "rows[1]").starts_with("the file is empty"), "{}", r.body);
    let r = app.send(post_csv("indicator,period,geography,groups,numerator,denominator\n", true)).await;
    assert!(reason(&r, "rows[1]").contains("no rows below it"));
    let r = app.send(post_csv("indicator,period,geography,geography,numerator\n", true)).await;
    assert_eq!(reason(&r, "rows[1].geography"), "the column \"geography\" appears twice (columns 3 and 4)");
    // Groups that add up to more than their total: nothing of the file, even as valid rows only.
    let file = "indicator,period,geography,groups,numerator,denominator\n\
                grade3-reading,2026-27,east,,100,400\n\
                grade3-reading,2026-27,east,race_ethnicity=Asian,60,300\n\
                grade3-reading,2026-27,east,race_ethnicity=White,50,200\n\
                grade3-reading,2026-27,west,,10,20\n";
    let r = app.send(post_csv(file, true)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(reason(&r, "rows[2].denominator").contains("add up to 500 in this column, more than the 400"));
    assert_eq!(r.json()["report"]["contradictions"], 1);
    assert_eq!(count().await, before + 1, "only the one clean semicolon file was stored");
}

/// What a new user tripped over: each says what happened instead of failing silently.
async fn the_pages_say_what_is_missing_and_who_may_submit(ts: TestStore) {
    let app = TestApp::new(ts).await;
    let (staff, steward_org) = measured(&app).await;
    let base = format!("/api/v1/initiatives/{SLUG}");
    let mut public = Browser::new();
    // A breakdown with no numbers for a place says so, rather than showing everyone silently.
    let east = public
        .get(&app.app, &format!("/i/{SLUG}/indicators/grade3-reading?geography=east&dimension=race_ethnicity"))
        .await;
    assert!(east.body.contains("There are no numbers by this breakdown for Eastside"), "{}", east.body);
    // A parent place whose places did not all report says how many did.
    let file = "indicator,period,geography,groups,numerator,denominator\ngrade3-reading,2024-25,47301,,300,700\n";
    approved(&app, &staff, steward_org, file.to_string()).await;
    let east = public.get(&app.app, &format!("/i/{SLUG}/indicators/grade3-reading?geography=east")).await;
    assert!(east.body.contains("1 of 2 places reported"), "{}", east.body);
    let v = app.api("GET", &format!("{base}/indicators/grade3-reading/data?geography=east"), None, None).await.json();
    let last = v["series"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["period"], "2024-25", "{v}");
    assert_eq!((last["coverage"]["reported"].clone(), last["coverage"]["of"].clone()), (json!(1), json!(2)), "{last}");
    // Staff choose who submits an indicator; anyone else is told plainly.
    let foundation = app.org_id("Riverbend Community Foundation").await;
    let mut ind = app.api("GET", &format!("{base}/indicators/grade3-reading"), Some(&staff), None).await.json();
    for k in ["id", "initiative_id", "created_at", "updated_at"] {
        ind.as_object_mut().unwrap().remove(k);
    }
    ind["owner_organization_id"] = json!(foundation);
    ind["submitters"] = json!([]);
    let r = app.api("PUT", &format!("{base}/indicators/grade3-reading"), Some(&staff), Some(ind)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let steward = app.token("steward").await;
    let r = app
        .api("POST", &format!("{base}/observations"), Some(&steward), Some(json!({"organization_id": steward_org, "observations": [
            {"indicator": "grade3-reading", "period": "2025-26", "geography": "47301", "numerator": 5, "denominator": 10}
        ]})))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(
        r.json()["errors"][0]["reason"]
            .as_str()
            .unwrap()
            .contains("your organisation does not submit \"grade3-reading\""),
        "{}",
        r.body
    );
    // An address with a trailing slash goes where it was meant to, and never off the site.
    let r = public.get(&app.app, &format!("/i/{SLUG}/indicators/grade3-reading/")).await;
    assert_eq!(r.status, StatusCode::PERMANENT_REDIRECT);
    assert_eq!(r.location(), format!("/i/{SLUG}/indicators/grade3-reading"));
    let r = public.get(&app.app, "//elsewhere.example/").await;
    assert_eq!(r.location(), "/elsewhere.example");
}

/// A big import's answer is streamed: the page's frame and a progress line first, then the
/// result with a link onward; the numbers are all saved.
async fn a_long_import_shows_its_progress_then_the_result(ts: TestStore) {
    let app = TestApp::new(ts).await;
    let (_, org) = measured(&app).await;
    // Streamed however quick the import is.
    let streaming = router(AppState::new(
        app.store.clone(),
        WebConfig { progress_after: std::time::Duration::ZERO, ..Default::default() },
    ));
    let mut steward = Browser::new();
    steward.sign_in(&streaming, "steward").await;
    let csrf = csrf_in(&steward.get(&streaming, &format!("/i/{SLUG}/data")).await.body);
    let mut file = String::from("indicator,period,geography,groups,numerator,denominator\n");
    let mut rows = 0;
    for year in 2001..2019 {
        for place in ["47301", "47302", "47303"] {
            file.push_str(&format!(
                "grade3-reading,{year}-{:02},{place},,{},{}\n",
                (year + 1) % 100,
                40 + year % 7,
                90
            ));
            rows += 1;
        }
    }
    let boundary = "XbackboneX";
    let body = format!("--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"organization_id\"\r\n\r\n{org}\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"years.csv\"\r\nContent-Type: text/csv\r\n\r\n{file}\r\n--{boundary}--\r\n");
    let req = Request::builder()
        .method("POST")
        .uri(format!("/i/{SLUG}/data/upload?csrf={csrf}"))
        .header(header::COOKIE, steward.cookie_header())
        .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={boundary}"))
        .body(Body::from(body))
        .unwrap();
    let preview = send(&streaming, req).await;
    assert!(preview.body.contains(&format!("The file has {rows} rows; {rows} of them are ready")), "{}", preview.body);
    let token = {
        let at = preview.body.find("name=\"upload\" value=\"").expect("the upload's token") + 21;
        preview.body[at..at + preview.body[at..].find('"').unwrap()].to_string()
    };
    let before = app
        .store
        .observations(
            app.initiative.id,
            &backbone_core::measure::observation::ObservationQuery { limit: 10_000, ..Default::default() },
        )
        .await
        .unwrap()
        .len();
    let org = org.to_string();
    let form = [
        ("csrf", csrf.as_str()),
        ("organization_id", org.as_str()),
        ("upload", token.as_str()),
        ("valid_only", "false"),
        ("draft", "false"),
    ];
    let r = steward.post(&streaming, &format!("/i/{SLUG}/data/import"), &form).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.content_type(), "text/html; charset=utf-8");
    let body = &r.body;
    // The frame, then the progress, then the result and the rest of the page.
    let title = body.find("<h1>Importing your numbers</h1>").expect("the frame comes first");
    let progress = body.find("<div class=\"progress-lines\" role=\"status\">").expect("a progress area");
    let line = body[progress..].find("rows checked").expect("a progress line") + progress;
    assert!(body[progress..line].contains("% of the file read"), "the share read is shown: {body}");
    let result = body.find("id=\"import-result\"").expect("the result");
    assert!(title < progress && progress < line && line < result, "{body}");
    assert!(body[result..].contains(&format!("{rows} new numbers imported and sent for review.")), "{body}");
    assert!(
        body[result..].contains(&format!("href=\"/i/{SLUG}/data?notice=imported&#38;added={rows}")),
        "a link onward: {body}"
    );
    assert!(body.trim_end().ends_with("</html>"), "the page is whole");
    let after = app
        .store
        .observations(
            app.initiative.id,
            &backbone_core::measure::observation::ObservationQuery { limit: 10_000, ..Default::default() },
        )
        .await
        .unwrap()
        .len();
    assert_eq!(after, before + rows);
    // The upload is gone once imported.
    let again = steward.post(&streaming, &format!("/i/{SLUG}/data/import"), &form).await;
    assert!(again.body.contains("That upload is no longer here"), "{}", again.body);
}

both_backends!(
    a_long_import_shows_its_progress_then_the_result,
    the_pages_say_what_is_missing_and_who_may_submit,
    numbers_and_files_at_the_edges,
    partners_submit_numbers_and_get_precise_errors,
    nothing_private_can_be_recovered_from_public_views,
    the_indicator_view_tells_the_story,
    the_dashboard_indicator_page_and_upload_preview,
    staff_define_indicators_in_a_form,
    staff_edit_places_and_breakdowns_as_text
);
