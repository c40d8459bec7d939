//! Text with a NUL character (`\0`) in it: no user types one, PostgreSQL cannot store one, and
//! tools that read exports choke on it. It is refused at the edge, naming where it was: in the
//! address or the query (`refuse_in_address`, a middleware, 400), in a JSON body
//! (`in_json`, 422 naming the field), in a form (`in_form`) and in CSV cells (the domain's
//! reader). The store maps the database's own refusal to the same answer, as a last guard.

use crate::http::error::AppError;
use crate::http::extract::Rejection;
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use backbone_core::{FieldError, Invalid};

pub const REASON: &str = "contains a NUL character (\\u0000), which text cannot hold";

/// Refuses an address or query string that carries `%00`.
pub async fn refuse_in_address(req: Request, next: Next) -> Response {
    let uri = req.uri();
    let percent_nul = |s: &str| s.as_bytes().windows(3).any(|w| w == b"%00");
    if percent_nul(uri.path()) || uri.query().is_some_and(percent_nul) {
        let field = if percent_nul(uri.path()) { "path" } else { query_field(uri.query().unwrap_or("")) };
        let error = AppError::BadRequestFields(
            format!("bad address: it {REASON}"),
            vec![FieldError { field: field.to_string(), reason: REASON.into() }],
        );
        return Rejection::new(uri.path(), req.headers(), error).into_response();
    }
    next.run(req).await
}

/// The name of the first query parameter holding a NUL.
fn query_field(query: &str) -> &str {
    query.split('&').find(|kv| kv.contains("%00")).and_then(|kv| kv.split('=').next()).unwrap_or("query")
}

/// Whether JSON text may hold a NUL: an escape `\u0000` not itself escaped (`\\u0000` is a
/// backslash and the letters u0000). Cheap, so only such bodies are looked into.
fn may_hold_nul(json: &[u8]) -> bool {
    json.windows(5).enumerate().any(|(i, w)| {
        w == b"u0000" && {
            let backslashes = json[..i].iter().rev().take_while(|b| **b == b'\\').count();
            backslashes % 2 == 1
        }
    })
}

/// A 422 naming the first string (or key) of a JSON body that holds a NUL, if one does.
pub fn in_json(json: &[u8]) -> Result<(), AppError> {
    if !may_hold_nul(json) {
        return Ok(());
    }
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(json) else {
        return Ok(());
    };
    match find(&value, String::new()) {
        Some(field) => Err(AppError::Invalid(Invalid(vec![FieldError { field, reason: REASON.into() }]))),
        None => Ok(()),
    }
}

fn find(value: &serde_json::Value, at: String) -> Option<String> {
    use serde_json::Value;
    match value {
        Value::String(s) if s.contains('\0') => Some(at),
        Value::Array(items) => items.iter().enumerate().find_map(|(i, v)| find(v, format!("{at}[{i}]"))),
        Value::Object(fields) => fields.iter().find_map(|(k, v)| {
            let here = if at.is_empty() { k.clone() } else { format!("{at}.{k}") };
            if k.contains('\0') {
                Some(here)
            } else {
                find(v, here)
            }
        }),
        _ => None,
    }
}

/// A 400 naming the first form field whose name or value holds a NUL.
pub fn in_form(pairs: &[(String, String)]) -> Result<(), AppError> {
    match pairs.iter().find(|(k, v)| k.contains('\0') || v.contains('\0')) {
        Some((k, _)) => Err(AppError::BadRequestFields(
            format!("the form's field {k:?} {REASON}"),
            vec![FieldError { field: k.replace('\0', ""), reason: REASON.into() }],
        )),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nul_in_json_is_found_and_named() {
        assert!(in_json(br#"{"name": "Ana"}"#).is_ok());
        assert!(in_json(br#"{"name": "a backslash and u0000: \\u0000"}"#).is_ok());
        let e = in_json(br#"{"rows": [{"name": "ok"}, {"name": "A\u0000na"}]}"#).unwrap_err();
        assert!(matches!(e, AppError::Invalid(ref i) if i.0[0].field == "rows[1].name"), "{e:?}");
        let e = in_json(br#"["x", "\\\u0000"]"#).unwrap_err();
        assert!(matches!(e, AppError::Invalid(ref i) if i.0[0].field == "[1]"), "{e:?}");
    }

    #[test]
    fn a_nul_in_a_form_is_named() {
        let pairs = vec![("name".to_string(), "Ana".to_string()), ("title".to_string(), "x\0".to_string())];
        assert!(matches!(in_form(&pairs), Err(AppError::BadRequestFields(_, ref f)) if f[0].field == "title"));
        assert!(in_form(&pairs[..1]).is_ok());
    }

    #[test]
    fn the_query_parameter_is_named() {
        assert_eq!(query_field("limit=5&geography=47%0005"), "geography");
    }
}
