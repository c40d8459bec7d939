//! The attacker: fetches everything a viewer can see of an indicator — every view of every place
//! and breakdown as JSON, the same views as CSV (the page's download and the API's), the
//! dashboard's CSV — and tries to recover what is hidden, by looking for small numbers and by
//! solving every margin a viewer can know with exact linear algebra, for the numerators and for
//! the denominators alike.

use super::*;
use backbone_core::privacy::{recoverable, Margin};
use std::collections::{BTreeMap, BTreeSet};

/// (period, place, group: "" for everyone).
pub(crate) type Key = (String, String, String);

/// What a viewer saw of one cell.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Shown {
    pub(crate) numerator: Option<f64>,
    pub(crate) denominator: Option<f64>,
    pub(crate) hidden: bool,
}

/// Everything one viewer can fetch of `key`, checked for consistency between JSON and CSV.
pub(crate) async fn everything_seen(app: &TestApp, token: Option<&str>, key: &str) -> BTreeMap<Key, Shown> {
    let base = format!("/api/v1/initiatives/{SLUG}");
    let places = app.api("GET", &format!("{base}/geographies"), token, None).await.json();
    let dims = app.api("GET", &format!("{base}/dimensions"), token, None).await.json();
    let mut seen: BTreeMap<Key, Shown> = BTreeMap::new();
    let mut put = |k: Key, s: Shown, from: &str| {
        if let Some(before) = seen.get(&k) {
            assert_eq!(before, &s, "{k:?} is shown differently in {from}");
        }
        seen.insert(k, s);
    };
    let point = |p: &Value| Shown {
        numerator: p["numerator"].as_f64(),
        denominator: p["denominator"].as_f64(),
        hidden: p["suppressed"] == true || p["range"].is_object(),
    };
    let mut breakdowns = vec![String::new()];
    breakdowns.extend(dims.as_array().unwrap().iter().map(|d| format!("&dimension={}", d["key"].as_str().unwrap())));
    for place in places.as_array().unwrap() {
        let code = place["code"].as_str().unwrap();
        for dim in &breakdowns {
            let query = format!("geography={code}{dim}");
            let v = app.api("GET", &format!("{base}/indicators/{key}/data?{query}"), token, None).await;
            assert_eq!(v.status, StatusCode::OK, "{}", v.body);
            let v = v.json();
            for p in v["series"].as_array().unwrap() {
                put((p["period"].as_str().unwrap().into(), code.into(), String::new()), point(p), "the series");
            }
            let dim_key = dim.strip_prefix("&dimension=").unwrap_or("");
            for g in v["groups"].as_array().unwrap() {
                let group = format!("{dim_key}={}", g["group"].as_str().unwrap());
                for p in g["points"].as_array().unwrap() {
                    put((p["period"].as_str().unwrap().into(), code.into(), group.clone()), point(p), "the groups");
                }
            }
            for p in v["places"].as_array().unwrap() {
                let k =
                    (p["point"]["period"].as_str().unwrap().into(), p["code"].as_str().unwrap().into(), String::new());
                put(k, point(&p["point"]), "the places");
            }
            // The same view as CSV, from the page and from the API.
            for url in [
                format!("/i/{SLUG}/indicators/{key}/data.csv?{query}"),
                format!("{base}/indicators/{key}/data.csv?{query}"),
            ] {
                let csv = app.api("GET", &url, token, None).await;
                assert_eq!(csv.status, StatusCode::OK, "{url}");
                for line in csv.body.lines().skip(1) {
                    let f: Vec<&str> = line.split(',').collect();
                    let group = if f[3].is_empty() { String::new() } else { format!("{dim_key}={}", f[3]) };
                    let num = |s: &str| s.parse::<f64>().ok();
                    let hidden = f[7] == "suppressed" || f[7].contains("or more") || f[7].contains("or less");
                    let shown = Shown { numerator: num(f[5]), denominator: num(f[6]), hidden };
                    put((f[1].into(), f[2].into(), group), shown, &url);
                }
            }
        }
    }
    // The dashboard's download names the latest value of each indicator for the community.
    let dashboard = app.api("GET", &format!("/i/{SLUG}/dashboard.csv"), token, None).await;
    assert_eq!(dashboard.status, StatusCode::OK);
    seen
}

fn small(x: Option<f64>) -> bool {
    x.is_some_and(|v| v.round() >= 1.0 && v.round() < 10.0)
}

/// No shown number rests on 1 to 9 people on either side, and no hidden number can be solved for.
pub(crate) async fn assert_nothing_recoverable(app: &TestApp, token: Option<&str>, seen: &BTreeMap<Key, Shown>) {
    let base = format!("/api/v1/initiatives/{SLUG}");
    let places = app.api("GET", &format!("{base}/geographies"), token, None).await.json();
    let dims = app.api("GET", &format!("{base}/dimensions"), token, None).await.json();
    let places: Vec<(String, Option<String>)> = places
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["code"].as_str().unwrap().to_string(), p["parent"].as_str().map(String::from)))
        .collect();
    let dims: Vec<(String, Vec<String>)> = dims
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let values = d["values"].as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string()).collect();
            (d["key"].as_str().unwrap().to_string(), values)
        })
        .collect();
    for (k, s) in seen.iter().filter(|(_, s)| !s.hidden) {
        let not_counted = s.denominator.zip(s.numerator).map(|(d, n)| d - n);
        assert!(
            !small(s.numerator) && !small(s.denominator) && !small(not_counted),
            "{k:?} shows a number resting on fewer than 10 people: {s:?}"
        );
    }
    let periods: BTreeSet<&String> = seen.keys().map(|k| &k.0).collect();
    for period in periods {
        let cells: Vec<(&Key, &Shown)> = seen.iter().filter(|(k, _)| &k.0 == period).collect();
        let idx = |geo: &str, group: &str| cells.iter().position(|(k, _)| k.1 == geo && k.2 == group);
        let mut margins = Vec::new();
        for (code, _) in &places {
            if let Some(total) = idx(code, "") {
                for (dim, values) in &dims {
                    let parts: Vec<usize> = values.iter().filter_map(|v| idx(code, &format!("{dim}={v}"))).collect();
                    if parts.len() == values.len() {
                        margins.push(Margin::new(parts, total));
                    }
                }
            }
            let children: Vec<&String> =
                places.iter().filter(|(_, p)| p.as_deref() == Some(code.as_str())).map(|(c, _)| c).collect();
            if children.is_empty() {
                continue;
            }
            let groups: BTreeSet<&String> = cells.iter().filter(|(k, _)| &k.1 == code).map(|(k, _)| &k.2).collect();
            for group in groups {
                if let Some(total) = idx(code, group) {
                    let parts: Vec<usize> = children.iter().filter_map(|c| idx(c, group)).collect();
                    if parts.len() == children.len() {
                        margins.push(Margin::new(parts, total));
                    }
                }
            }
        }
        // The attacker does not know hidden values (given zeros: only the shown ones are used).
        let hidden: Vec<bool> = cells.iter().map(|(_, s)| s.hidden).collect();
        for (side, pick) in [("numerators", 0), ("denominators", 1)] {
            let counts: Vec<u64> = cells
                .iter()
                .map(|(_, s)| if pick == 0 { s.numerator } else { s.denominator }.unwrap_or(0.0).round() as u64)
                .collect();
            let side_hidden: Vec<bool> = cells
                .iter()
                .zip(&hidden)
                .map(|((_, s), h)| *h || (pick == 0 && s.numerator.is_none() && s.denominator.is_some()))
                .collect();
            let found = recoverable(&counts, &side_hidden, &margins);
            assert!(
                found.is_empty(),
                "{period}: hidden {side} can be worked out: {:?}",
                found.iter().map(|i| cells[*i].0).collect::<Vec<_>>()
            );
        }
    }
}
