//! Places on a map over HTTP: staff upload boundaries (every problem by feature and field), anyone
//! reads them as GeoJSON, and an indicator's map shows the same published, suppressed values as
//! its view, in a table beside the map.

use super::*;

fn square(code: &str, x: f64) -> serde_json::Value {
    json!({"type": "Feature", "properties": {"ZCTA": code},
        "geometry": {"type": "Polygon", "coordinates": [[[x, 41.5], [x + 0.02, 41.5], [x + 0.02, 41.52], [x, 41.52], [x, 41.5]]]}})
}

async fn staff_upload_boundaries_and_anyone_reads_them(ts: TestStore) {
    let app = TestApp::new(ts).await;
    let url = format!("/api/v1/initiatives/{SLUG}/boundaries");
    let r = app.api("GET", &url, None, None).await;
    assert_eq!(r.status, StatusCode::OK);
    let fc = r.json();
    assert_eq!(fc["type"], "FeatureCollection");
    let features = fc["features"].as_array().unwrap();
    assert_eq!(features.len(), 12, "the demo's city, three districts and eight neighbourhoods");
    let eastside = features.iter().find(|f| f["properties"]["code"] == "47302").unwrap();
    assert_eq!(eastside["properties"]["name"], "47302 Eastside");
    assert_eq!(eastside["geometry"]["type"], "Polygon");

    let good = json!({"type": "FeatureCollection", "features": [square("47302", -87.6), square("47303", -87.63)]});
    let put = |token: Option<String>, query: &str, body: String| {
        let app = &app;
        let url = format!("{url}{query}");
        async move {
            let mut req = Request::builder().method("PUT").uri(&url).header("content-type", "application/json");
            if let Some(t) = token {
                req = req.header("authorization", format!("Bearer {t}"));
            }
            send(&app.app, req.body(Body::from(body)).unwrap()).await
        }
    };
    assert_eq!(put(None, "?property=ZCTA", good.to_string()).await.status, StatusCode::UNAUTHORIZED);
    let member = app.token("member").await;
    assert_eq!(put(Some(member), "?property=ZCTA", good.to_string()).await.status, StatusCode::FORBIDDEN);
    let staff = app.token("director").await;
    // The default property is `code`: these features do not have it.
    let r = put(Some(staff.clone()), "", good.to_string()).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(r.json()["errors"][0]["field"], "features[0].properties.code");
    let bad = json!({"type": "FeatureCollection", "features": [square("atlantis", -87.6),
        {"type": "Feature", "properties": {"ZCTA": "47303"}, "geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 1]]}}]});
    let r = put(Some(staff.clone()), "?property=ZCTA", bad.to_string()).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let errors = r.json()["errors"].clone();
    assert_eq!(errors[0]["field"], "features[0].properties.ZCTA");
    assert_eq!(errors[0]["reason"], "\"atlantis\" is not a place of this initiative");
    assert_eq!(errors[1]["field"], "features[1].geometry.type");
    let r = put(Some(staff.clone()), "?property=ZCTA", "{not json".into()).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json()["errors"][0]["field"], "geojson");
    let r = put(Some(staff), "?property=ZCTA", good.to_string()).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["version"], 2);
    assert_eq!(r.json()["places"], json!(["47302", "47303"]));
    let now = app.api("GET", &url, None, None).await.json();
    assert_eq!(now["features"].as_array().unwrap().len(), 2, "the new version is the map");
    assert_eq!(app.store.boundary_versions(app.initiative.id).await.unwrap().len(), 2, "the first is kept");
}

both_backends!(staff_upload_boundaries_and_anyone_reads_them);

async fn an_indicator_map_shows_the_published_values_in_a_table_beside_it(ts: TestStore) {
    let app = TestApp::new(ts).await;
    let mut public = Browser::new();
    let ind = public.get(&app.app, &format!("/i/{SLUG}/indicators/third-grade-reading")).await;
    assert!(ind.body.contains(&format!("/i/{SLUG}/indicators/third-grade-reading/map")), "the indicator links to it");
    let page = public.get(&app.app, &format!("/i/{SLUG}/indicators/third-grade-reading/map")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains(&backbone_web::http::assets::url("vendor/leaflet.js"))
            && page.body.contains("id=\"map-data\"")
    );
    assert!(page.body.contains("id=\"map-legend\""));
    // The same values as the indicator's views of the districts, hidden ones said so.
    let mut rows = 0;
    for district in ["eastside", "southside", "oak-hill"] {
        let view = app
            .api(
                "GET",
                &format!("/api/v1/initiatives/{SLUG}/indicators/third-grade-reading/data?geography={district}"),
                None,
                None,
            )
            .await
            .json();
        for p in view["places"].as_array().unwrap() {
            let code = p["code"].as_str().unwrap();
            let at = page.body.find(&format!("data-code=\"{code}\"")).unwrap_or_else(|| panic!("a row for {code}"));
            let row = &page.body[at..at + page.body[at..].find("</tr>").unwrap()];
            let hidden = p["point"]["suppressed"].as_bool().unwrap();
            rows += 1;
            assert_eq!(row.contains("hidden to protect privacy"), hidden, "{code}: {row}");
            if let Some(v) = p["point"]["value"].as_f64() {
                assert!(row.contains(&format!("{v:.1}%")), "{code} shows {v:.1}%: {row}");
            }
        }
    }
    assert_eq!(rows, 8, "every neighbourhood");
    // Programs and assets by place, and Spanish.
    assert!(page.body.contains("Padres Unidos"));
    let es = Browser::new();
    let req = es
        .request("GET", &format!("/i/{SLUG}/indicators/third-grade-reading/map"))
        .header("accept-language", "es")
        .body(Body::empty())
        .unwrap();
    assert!(send(&app.app, req).await.body.contains("El mapa como tabla, lugar por lugar"));
    // Leaflet and the map's script are served from here.
    let js = public.get(&app.app, "/assets/vendor/leaflet.js").await;
    assert_eq!(js.status, StatusCode::OK);
    assert!(public.get(&app.app, "/assets/map.js").await.body.contains("map-hatch"));
}

both_backends!(an_indicator_map_shows_the_published_values_in_a_table_beside_it);

async fn the_upload_form_lists_every_problem_and_only_staff_see_it(ts: TestStore) {
    let app = TestApp::new(ts).await;
    let form = format!("/i/{SLUG}/boundaries");
    let mut member = Browser::new();
    member.sign_in(&app.app, "member").await;
    assert_eq!(member.get(&app.app, &form).await.status, StatusCode::FORBIDDEN);
    let mut staff = Browser::new();
    staff.sign_in(&app.app, "director").await;
    let page = staff.get(&app.app, &form).await;
    assert!(page.body.contains("id=\"boundary-versions\""));
    let open = json!({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"code": "47302"},
         "geometry": {"type": "Polygon", "coordinates": [[[-87.6, 41.5], [-87.5, 41.5], [-87.5, 41.6], [-87.6, 41.6]]]}},
        {"type": "Feature", "properties": {"code": "nowhere"},
         "geometry": {"type": "Polygon", "coordinates": [[[-87.6, 41.5], [-87.5, 41.5], [-87.5, 41.6], [-87.6, 41.5]]]}}]});
    let text = open.to_string();
    let r = staff.submit(&app.app, &form, &form, &[("property", "code"), ("geojson", &text)]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("features[0].geometry.coordinates[0]") && r.body.contains("is not closed"));
    assert!(r.body.contains("features[1].properties.code") && r.body.contains("nowhere"));
    assert!(r.body.contains("2 problems"));
    let closed = text.replacen("[-87.6,41.6]]", "[-87.6,41.6],[-87.6,41.5]]", 1).replace("nowhere", "47303");
    let r = staff.submit(&app.app, &form, &form, &[("property", "code"), ("geojson", &closed)]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let map = staff.get(&app.app, &format!("/i/{SLUG}/map")).await;
    assert!(map.body.contains("data-code=\"47302\"") && !map.body.contains("data-code=\"47304\""));
}

both_backends!(the_upload_form_lists_every_problem_and_only_staff_see_it);
