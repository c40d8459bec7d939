//! Community assets over HTTP: anyone sees them by place (how to reach them only members);
//! members — residents too — record them, with every problem named; only staff change or retire
//! them; the alignment map shows them beside the programs.

use super::*;

fn library_group() -> serde_json::Value {
    json!({
        "kind": "group",
        "name": "Eastside grandparents' story circle",
        "place": "47302",
        "serves": "Children under five and their grandparents",
        "contact": "Through the Resident Table",
        "resident_led": true,
        "latitude": 41.53,
        "longitude": -87.58,
        "strategy_keys": ["home-language-literacy"],
    })
}

async fn residents_record_assets_and_staff_change_and_retire_them(ts: TestStore) {
    let app = TestApp::new(ts).await;
    let base = format!("/api/v1/initiatives/{SLUG}/community-assets");
    // The public sees the demo's assets, without how to reach them or who recorded them.
    let public = app.api("GET", &base, None, None).await;
    assert_eq!(public.status, StatusCode::OK);
    let list = public.json();
    let list = list.as_array().unwrap();
    assert!(list.len() >= 10, "{}", public.body);
    assert!(list.iter().all(|a| a["contact"].is_null() && a["recorded_by"].is_null()));
    assert!(list.iter().all(|a| a["status"] == "active"), "the retired one only when asked");
    let with_retired = app.api("GET", &format!("{base}?retired=true"), None, None).await.json();
    assert_eq!(with_retired.as_array().unwrap().len(), list.len() + 1);
    let eastside = app.api("GET", &format!("{base}?place=47302"), None, None).await.json();
    assert!(eastside.as_array().unwrap().iter().all(|a| a["place"] == "47302"));

    // The public may not record; a resident member may, and every problem is named.
    assert_eq!(app.api("POST", &base, None, Some(library_group())).await.status, StatusCode::UNAUTHORIZED);
    let resident = app.token("resident").await;
    let mut bad = library_group();
    bad["place"] = json!("99999");
    bad["latitude"] = json!(95.0);
    bad["name"] = json!("");
    let r = app.api("POST", &base, Some(&resident), Some(bad)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let fields: Vec<String> =
        r.json()["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap().to_string()).collect();
    assert!(fields.contains(&"name".to_string()) && fields.contains(&"latitude".to_string()), "{fields:?}");
    let mut elsewhere = library_group();
    elsewhere["place"] = json!("99999");
    let r = app.api("POST", &base, Some(&resident), Some(elsewhere)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json()["errors"][0]["field"], "place");
    let r = app.api("POST", &base, Some(&resident), Some(library_group())).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let created = r.json();
    assert_eq!(created["recorded_by"], "Hodan Warsame");
    let one = format!("{base}/{}", created["id"]);
    assert!(app.api("GET", &one, None, None).await.json()["contact"].is_null());
    let member = app.token("member").await;
    assert_eq!(app.api("GET", &one, Some(&member), None).await.json()["contact"], "Through the Resident Table");

    // Only staff change or retire; a change is a new version, the first kept.
    let mut changed = library_group();
    changed["serves"] = json!("Every family with a child under five");
    assert_eq!(app.api("PUT", &one, Some(&resident), Some(changed.clone())).await.status, StatusCode::FORBIDDEN);
    let staff = app.token("director").await;
    let r = app.api("PUT", &one, Some(&staff), Some(changed)).await;
    assert_eq!((r.status, r.json()["version"].as_i64()), (StatusCode::OK, Some(2)));
    let retire = format!("{one}/retire");
    assert_eq!(
        app.api("POST", &retire, Some(&member), Some(json!({"reason": "Moved"}))).await.status,
        StatusCode::FORBIDDEN
    );
    let r = app.api("POST", &retire, Some(&staff), Some(json!({"reason": ""}))).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json()["errors"][0]["field"], "reason");
    let r = app.api("POST", &retire, Some(&staff), Some(json!({"reason": "The circle moved to the library"}))).await;
    assert_eq!((r.status, r.json()["status"].as_str()), (StatusCode::OK, Some("retired")));
    let history = app.api("GET", &format!("{one}/history"), None, None).await.json();
    let versions: Vec<i64> = history.as_array().unwrap().iter().map(|v| v["version"].as_i64().unwrap()).collect();
    assert_eq!(versions, [1, 2, 3]);
    assert_eq!(app.api("GET", &format!("{base}/999999"), None, None).await.status, StatusCode::NOT_FOUND);
}

both_backends!(residents_record_assets_and_staff_change_and_retire_them);

async fn the_form_shows_problems_inline_and_the_map_shows_assets_beside_programs(ts: TestStore) {
    let app = TestApp::new(ts).await;
    // By place, for everyone; in Spanish too.
    let page = Browser::new().get(&app.app, &format!("/i/{SLUG}/community-assets")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("fellowship hall"));
    assert!(page.body.contains("Padres Unidos") && !page.body.contains("Grace Chapel"), "not the retired one");
    assert!(!page.body.contains("555-0140"), "how to reach it only for members");
    let es = Browser::new();
    let req =
        es.request("GET", &format!("/i/{SLUG}/community-assets")).header("accept-language", "es").body(Body::empty());
    assert!(send(&app.app, req.unwrap()).await.body.contains("Recursos comunitarios"));

    // A resident records one; mistakes come back beside their fields.
    let mut resident = Browser::new();
    resident.sign_in(&app.app, "resident").await;
    let form = format!("/i/{SLUG}/community-assets/new");
    let r = resident
        .submit(&app.app, &form, &form, &[("kind", "group"), ("name", ""), ("place", ""), ("latitude", "41,5")])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("name-error") && r.body.contains("place-error") && r.body.contains("latitude-error"));
    assert!(r.body.contains("decimal point"));
    let r = resident
        .submit(
            &app.app,
            &form,
            &form,
            &[
                ("kind", "group"),
                ("name", "Harbor Point walking school bus"),
                ("place", "47334"),
                ("serves", "Children walking to Harbor Elementary"),
                ("resident_led", "yes"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let created = app.store.community_assets(app.initiative.id, false).await.unwrap();
    let bus = created.iter().find(|a| a.name == "Harbor Point walking school bus").unwrap();
    assert!(bus.resident_led);
    // A resident may not change it; staff may.
    let edit = format!("/i/{SLUG}/community-assets/{}/edit", bus.id);
    assert_eq!(resident.get(&app.app, &edit).await.status, StatusCode::FORBIDDEN);
    let mut staff = Browser::new();
    staff.sign_in(&app.app, "director").await;
    let show = format!("/i/{SLUG}/community-assets/{}", bus.id);
    let retire = format!("{show}/retire");
    let r = staff.submit(&app.app, &show, &retire, &[("reason", "")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("reason-error"));

    // The alignment map: what the community already has beside the programs, per place.
    let map = Browser::new().get(&app.app, &format!("/i/{SLUG}/alignment")).await;
    assert!(map.body.contains("What the community already has here"));
    assert!(map.body.contains("Harbor Point walking school bus") && map.body.contains("Padres Unidos"));
    // Resident-led activities are marked on the activities page.
    let activities = Browser::new().get(&app.app, &format!("/i/{SLUG}/activities")).await;
    assert!(activities.body.contains("badge resident-led"));
}

both_backends!(the_form_shows_problems_inline_and_the_map_shows_assets_beside_programs);
