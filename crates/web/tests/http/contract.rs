//! The API document tells the truth: every answer an HTTP test gets from `/api/v1` is checked
//! against the OpenAPI document the server generates — its status must be documented for the
//! operation, its content type too, and its body must match the documented schema (JSON Schema
//! 2020-12, with formats).

use jsonschema::{Draft, Validator};
use regex::Regex;
use serde_json::Value;
use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

struct Contract {
    doc: Value,
    /// (method, address pattern, path template), most specific first.
    operations: Vec<(String, Regex, String)>,
    validators: Mutex<HashMap<String, std::sync::Arc<Validator>>>,
}

static CONTRACT: LazyLock<Contract> = LazyLock::new(|| {
    let doc = backbone_web::openapi();
    let mut operations = Vec::new();
    let placeholder = Regex::new(r"\{[a-z_]+\}").unwrap();
    for (path, item) in doc["paths"].as_object().unwrap() {
        let pattern = regex::escape(path).replace(r"\{", "{").replace(r"\}", "}");
        let pattern = placeholder.replace_all(&pattern, "[^/]+").to_string();
        let re = Regex::new(&format!("^{pattern}$")).unwrap();
        for method in item.as_object().unwrap().keys() {
            operations.push((method.to_uppercase(), re.clone(), path.clone()));
        }
    }
    // An address with more literal characters is the more specific one (/observations/review
    // before /observations/{id}).
    operations.sort_by_key(|(_, _, t)| std::cmp::Reverse(t.replace(['{', '}'], "").len() - 2 * t.matches('{').count()));
    Contract { doc, operations, validators: Mutex::new(HashMap::new()) }
});

/// Checks one answer of the API against the document; panics, naming the problem, when it lies.
pub(crate) fn check(method: &str, uri: &str, status: u16, content_type: &str, body: &str) {
    let path = uri.split('?').next().unwrap_or(uri);
    if !path.starts_with("/api/v1/") {
        return;
    }
    let c = &*CONTRACT;
    let Some((_, _, template)) = c.operations.iter().find(|(m, re, _)| m == method && re.is_match(path)) else {
        return; // not an operation of the API (the fallback answers unknown addresses)
    };
    let op = &c.doc["paths"][template][method.to_lowercase()];
    let status_key = status.to_string();
    let Some(response) = op["responses"].get(&status_key).or_else(|| op["responses"].get("default")) else {
        panic!("{method} {template} answered {status}, which the document does not list: {body}");
    };
    let media = content_type.split(';').next().unwrap_or("").trim();
    let Some(content) = response.get("content") else {
        assert!(body.is_empty(), "{method} {template} {status}: the document says no body, the answer has one: {body}");
        return;
    };
    let Some(schema) = content.get(media).and_then(|m| m.get("schema")) else {
        panic!(
            "{method} {template} {status}: the answer is {media}, the document says {:?}",
            content.as_object().unwrap().keys()
        );
    };
    if !(media == "application/json" || media.ends_with("+json")) {
        return;
    }
    let key = format!("{method} {template} {status} {media}");
    let validator = c
        .validators
        .lock()
        .unwrap()
        .entry(key)
        .or_insert_with(|| {
            let mut schema = schema.clone();
            if let Some(o) = schema.as_object_mut() {
                o.insert("components".into(), c.doc["components"].clone());
            } else {
                schema = serde_json::json!({"allOf": [schema], "components": c.doc["components"]});
            }
            std::sync::Arc::new(
                jsonschema::options()
                    .with_draft(Draft::Draft202012)
                    .should_validate_formats(true)
                    .build(&schema)
                    .unwrap_or_else(|e| {
                        panic!("the document's schema for {method} {template} {status} is not valid: {e}")
                    }),
            )
        })
        .clone();
    let instance: Value =
        serde_json::from_str(body).unwrap_or_else(|e| panic!("{method} {template} {status}: not JSON ({e}): {body}"));
    let errors: Vec<String> =
        validator.iter_errors(&instance).map(|e| format!("{e} at {}", e.instance_path())).collect();
    assert!(
        errors.is_empty(),
        "{method} {uri} {status}: the answer does not match the document:\n{}\n{body}",
        errors.join("\n")
    );
}

#[test]
fn a_lie_is_caught() {
    // A made-up answer that breaks the document's schema of an organisation.
    let lie = std::panic::catch_unwind(|| {
        check("GET", "/api/v1/initiatives/x/organizations/1", 200, "application/json", r#"{"id": "one"}"#)
    });
    assert!(lie.is_err(), "a body that breaks the schema fails the check");
    let undocumented = std::panic::catch_unwind(|| check("GET", "/api/v1/initiatives", 418, "text/plain", ""));
    assert!(undocumented.is_err(), "an undocumented status fails the check");
    let wrong_type = std::panic::catch_unwind(|| {
        check(
            "GET",
            "/api/v1/initiatives/x",
            404,
            "application/json",
            r#"{"type":"about:blank","title":"Not Found","status":404,"detail":"x","errors":[]}"#,
        )
    });
    assert!(wrong_type.is_err(), "errors are application/problem+json");
}

/// The document is whole: every `$ref` names a schema it has, every path parameter is declared
/// where it is used, no query parameter pretends to be part of the address, and it is the one
/// committed in `tests/openapi.json` (run with `BACKBONE_UPDATE_SNAPSHOTS=1` to accept a change,
/// then read the diff).
#[test]
fn the_document_is_whole_and_as_committed() {
    let doc = &CONTRACT.doc;
    let text = serde_json::to_string(doc).unwrap();
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    for r in Regex::new(r##""#/components/schemas/([^"]+)""##).unwrap().captures_iter(&text) {
        assert!(schemas.contains_key(&r[1]), "a $ref to a schema the document lacks: {}", &r[1]);
    }
    let placeholder = Regex::new(r"\{([a-z_]+)\}").unwrap();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            for p in op["parameters"].as_array().into_iter().flatten() {
                let name = p["name"].as_str().unwrap();
                if p["in"] == "path" {
                    assert!(
                        path.contains(&format!("{{{name}}}")),
                        "{method} {path}: `{name}` is no part of the address"
                    );
                }
            }
            for part in placeholder.captures_iter(path) {
                let declared = op["parameters"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .any(|p| p["in"] == "path" && p["name"] == part[1]);
                assert!(declared, "{method} {path}: `{}` is not declared", &part[1]);
            }
            assert!(op["security"].is_array(), "{method} {path}: who may call it is stated");
        }
    }
    let snapshot = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/openapi.json");
    let now = serde_json::to_string_pretty(doc).unwrap() + "\n";
    if std::env::var("BACKBONE_UPDATE_SNAPSHOTS").as_deref() == Ok("1") {
        std::fs::write(snapshot, &now).unwrap();
    }
    let committed = std::fs::read_to_string(snapshot).unwrap_or_default();
    assert!(
        committed == now,
        "the API document changed: run with BACKBONE_UPDATE_SNAPSHOTS=1, then read the diff of {snapshot}"
    );
}
