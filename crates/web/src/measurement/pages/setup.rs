//! The places and breakdowns numbers are reported by, edited by staff as text, each list saved
//! whole in one transaction.

use crate::http::prelude::*;
use axum::response::{Html, Redirect};
use backbone_core::measure::place::*;
// ---------------------------------------------------------------- places and dimensions

#[derive(Template)]
#[template(path = "measurement/templates/setup.html")]
struct SetupPage {
    page: PageCtx,
    i: Initiative,
    places: String,
    dimensions: String,
    errors: Errors,
}

fn places_text(places: &[Geography]) -> String {
    places
        .iter()
        .map(|g| format!("{} | {} | {} | {}", g.code, g.name, g.level.as_str(), g.parent.clone().unwrap_or_default()))
        .collect::<Vec<_>>()
        .join("\n")
}

fn dimensions_text(dims: &[Dimension]) -> String {
    dims.iter().map(|d| format!("{} | {} | {}", d.key, d.name, d.values.join("; "))).collect::<Vec<_>>().join("\n")
}

/// Reads "code | name | level | parent" lines; problems are named by line.
fn parse_places(text: &str, t: &Tr) -> Result<Vec<Geography>, String> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let parts: Vec<&str> = line.split('|').map(str::trim).collect();
        let level = parts.get(2).and_then(|l| GeoLevel::parse(l));
        match (parts.len(), level) {
            (3 | 4, Some(level)) if !parts[0].is_empty() && !parts[1].is_empty() => out.push(Geography {
                code: parts[0].to_string(),
                name: parts[1].to_string(),
                level,
                parent: parts.get(3).filter(|p| !p.is_empty()).map(|p| p.to_string()),
            }),
            _ => return Err(t.with2("setup-place-line", "line", n + 1, "text", line.trim())),
        }
    }
    Ok(out)
}

/// Reads "key | name | value; value; …" lines.
fn parse_dimensions(text: &str, t: &Tr) -> Result<Vec<Dimension>, String> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let parts: Vec<&str> = line.split('|').map(str::trim).collect();
        if parts.len() != 3 || parts[0].is_empty() || parts[1].is_empty() {
            return Err(t.with2("setup-dimension-line", "line", n + 1, "text", line.trim()));
        }
        let values = parts[2].split(';').map(str::trim).filter(|v| !v.is_empty()).map(str::to_string).collect();
        out.push(Dimension { key: parts[0].to_string(), name: parts[1].to_string(), values });
    }
    Ok(out)
}

pub async fn setup_page(State(s): State<AppState>, req: Req, Scope { initiative: i, access }: Scope) -> PageResult {
    req.require(&access, access.can_manage_measurement())?;
    let places = places_text(&s.store.geographies(i.id).await.map_err(|e| req.err(e))?);
    let dimensions = dimensions_text(&s.store.dimensions(i.id).await.map_err(|e| req.err(e))?);
    let page = SetupPage {
        page: req.page(req.t.get("setup-title"), Some((&i, &access)), "data"),
        i,
        places,
        dimensions,
        errors: Default::default(),
    };
    render(&page, req.t)
}

/// Saves one list (places or breakdowns), replacing it whole, in one transaction.
pub async fn setup_save(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, list)): ApiPath<(String, String)>,
    form: FormData,
) -> PageResult {
    req.require(&access, access.can_manage_measurement())?;
    let mut errors = Errors::default();
    let saved = match list.as_str() {
        "places" => match parse_places(form.get("places"), &req.t) {
            Ok(places) => s.store.set_geographies(&req.viewer.actor(), i.id, &places).await.map_err(|e| ("places", e)),
            Err(msg) => {
                errors.add("places", msg);
                Ok(())
            }
        },
        "dimensions" => match parse_dimensions(form.get("dimensions"), &req.t) {
            Ok(dims) => s.store.set_dimensions(&req.viewer.actor(), i.id, &dims).await.map_err(|e| ("dimensions", e)),
            Err(msg) => {
                errors.add("dimensions", msg);
                Ok(())
            }
        },
        _ => return Err(req.err(AppError::NotFound("page"))),
    };
    if let Err((field, e)) = saved {
        let e = AppError::from(e);
        let reasons: Vec<String> = e.field_errors().into_iter().map(|f| format!("{}: {}", f.field, f.reason)).collect();
        if reasons.is_empty() {
            return Err(req.err(e));
        }
        errors.add(field, reasons.join("; "));
    }
    if errors.is_empty() {
        return Ok(Redirect::to(&format!("/i/{}/data/setup?notice=saved", i.slug)).into_response());
    }
    // Show what was typed in the list that failed, and the saved version of the other.
    let (places, dimensions) = if list == "places" {
        (form.get("places").to_string(), dimensions_text(&s.store.dimensions(i.id).await.map_err(|e| req.err(e))?))
    } else {
        (places_text(&s.store.geographies(i.id).await.map_err(|e| req.err(e))?), form.get("dimensions").to_string())
    };
    let page = SetupPage {
        page: req.page(req.t.get("setup-title"), Some((&i, &access)), "data"),
        i,
        places,
        dimensions,
        errors,
    };
    let body = page.render().map_err(|e| req.err(e))?;
    Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, Html(body)).into_response())
}
