//! The OpenAPI document: generated from the handlers' annotations (`utoipa`), then completed here
//! with what the shared plumbing does for every operation, so that the document tells the truth
//! about the wire:
//! - every error is `application/problem+json` (`Problem`, with `errors: [{field, reason}]`);
//! - every operation documents the statuses the plumbing can answer with: 400 (a malformed
//!   address, query or body), 401 (a missing, wrong or revoked token, or sign-in needed), 403 and
//!   409 on writes (not allowed or no CSRF token; a conflict with what is stored), 404 where the
//!   address names an initiative or a record, 413 and 415 for bodies, 422 for invalid input;
//! - operations anyone may call (annotated `security(())`) say so: no token needed, one accepted;
//!   the others need a token or a browser session.

use crate::http::error::Problem;
use backbone_core::measure::analytics::Reference;
use serde_json::{json, Value};
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(title = "Backbone API", description = "Collective impact: common agenda, partners, people, tables, accounts, shared measurement.", version = "1"),
    components(schemas(Problem, Reference)),
    tags((name = "initiatives"), (name = "agenda"), (name = "organizations"), (name = "activities"), (name = "commitments"), (name = "meetings"), (name = "decisions"), (name = "turn-the-curve"), (name = "accountability"), (name = "feed"), (name = "webhooks"), (name = "learning"), (name = "people"), (name = "tables"), (name = "representation"), (name = "network"), (name = "feedback"), (name = "review"), (name = "translations"), (name = "accounts"), (name = "audit"), (name = "measurement"))
)]
pub struct ApiDoc;

const PROBLEM: &str = "application/problem+json";

/// Completes the generated document (see the module's description).
pub fn complete(doc: utoipa::openapi::OpenApi) -> Value {
    let mut doc = serde_json::to_value(doc).expect("the document serialises");
    doc["components"]["securitySchemes"] = json!({
        "token": {"type": "http", "scheme": "bearer", "description": "An API token (`bbk_…`), made on the account page or with POST /api/v1/me/tokens."},
        "session": {"type": "apiKey", "in": "cookie", "name": crate::http::viewer::SESSION_COOKIE, "description": "A browser's sign-in; writes also need the X-CSRF-Token header."}
    });
    let signed_in = json!([{"token": []}, {"session": []}]);
    let anyone = json!([{}, {"token": []}, {"session": []}]);
    let problem = |description: &str| json!({"description": description, "content": {PROBLEM: {"schema": {"$ref": "#/components/schemas/Problem"}}}});
    let paths = doc["paths"].as_object_mut().expect("paths");
    for (path, item) in paths.iter_mut() {
        for (method, op) in item.as_object_mut().expect("a path item").iter_mut() {
            if !matches!(method.as_str(), "get" | "put" | "post" | "delete" | "patch") {
                continue;
            }
            let public = op.get("security").is_some_and(|s| s == &json!([{}]));
            op["security"] = if public { anyone.clone() } else { signed_in.clone() };
            let has_body = op.get("requestBody").is_some();
            let json_body = op.pointer("/requestBody/content/application~1json").is_some();
            let has_query = op["parameters"].as_array().is_some_and(|ps| ps.iter().any(|p| p["in"] == "query"));
            let responses = op["responses"].as_object_mut().expect("responses");
            // Errors are problem documents, whatever the handler annotated.
            for (status, response) in responses.iter_mut() {
                if status.starts_with('4') || status.starts_with('5') {
                    let description = response["description"].as_str().unwrap_or("").to_string();
                    let schema = response
                        .pointer("/content/application~1json/schema")
                        .or_else(|| response.pointer(&format!("/content/{}/schema", PROBLEM.replace('/', "~1"))))
                        .cloned()
                        .unwrap_or(json!({"$ref": "#/components/schemas/Problem"}));
                    // A handler's own problem (an import's report) or, from the plumbing before
                    // the handler runs (a body of the wrong shape), a plain one.
                    let schema = if schema == json!({"$ref": "#/components/schemas/Problem"}) {
                        schema
                    } else {
                        json!({"anyOf": [schema, {"$ref": "#/components/schemas/Problem"}]})
                    };
                    *response = json!({"description": description, "content": {PROBLEM: {"schema": schema}}});
                }
            }
            let mut add = |status: &str, description: &str| {
                let entry = responses.entry(status.to_string()).or_insert_with(|| problem(description));
                if entry["description"].as_str().is_none_or(str::is_empty) {
                    entry["description"] = json!(description);
                }
            };
            add("400", "The address, query or body is malformed; `errors` names the parts at fault.");
            add("401", "Sign-in needed, or the token is wrong or revoked.");
            if method != "get" {
                add("403", "Not allowed, or a browser session sent no CSRF token (X-CSRF-Token).");
                add("409", "It conflicts with what is there (a name already taken, a newer version saved meanwhile); `errors` names the field.");
            }
            if path.contains('{') {
                add("404", "No such initiative (or one the caller may not see), or no such record.");
            }
            if has_body {
                add("413", "The body is larger than the limit the problem names.");
            }
            if json_body {
                add("415", "The body must be JSON, sent with Content-Type: application/json.");
            }
            if has_body || has_query {
                add("422", "The input is invalid; `errors` names each field at fault and why.");
            }
            // What the public reads carries validators (http::cache): asked again with
            // `If-None-Match` or `If-Modified-Since`, an unchanged answer is 304 with no body.
            if public && method == "get" {
                for ok in ["200", "201"] {
                    if let Some(r) = responses.get_mut(ok) {
                        r["headers"] = json!({
                            "ETag": {"description": "Names this answer (and its encoding); send it back in `If-None-Match`.", "schema": {"type": "string"}},
                            "Last-Modified": {"description": "When what it shows last changed.", "schema": {"type": "string"}},
                            "Cache-Control": {"description": "`public, no-cache` when asked without a sign-in (any cache may keep it and must ask again); `no-store` when signed in.", "schema": {"type": "string"}}
                        });
                    }
                }
                responses.insert(
                    "304".into(),
                    json!({"description": "Not modified: the `If-None-Match` or `If-Modified-Since` of the request still names this answer. No body."}),
                );
            }
        }
    }
    doc.as_object_mut().expect("the document").remove("security");
    doc
}
