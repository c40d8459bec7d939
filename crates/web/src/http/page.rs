//! What every page shares: the request's context (`Req`: viewer, language, address, notice), the
//! frame around every page (`PageCtx`), error pages, and forms that show their problems inline.
//! Each page is a typed askama template in its capability's `templates/` folder; every string
//! comes from the message catalogue.

use crate::http::error::AppError;
use crate::http::extract::require;
use crate::http::i18n::Tr;
use crate::http::viewer::Viewer;
use askama::Template;
use axum::extract::FromRequestParts;
use axum::http::{request::Parts, HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use backbone_core::access::Access;
use backbone_core::initiative::Initiative;
use backbone_core::{Invalid, StoreError};
use std::collections::HashMap;

/// What every page handler needs: the viewer, the language, the address and any notice.
pub struct Req {
    pub viewer: Viewer,
    pub t: Tr,
    pub path: String,
    /// The address with its query, to come back to after choosing a language.
    pub here: String,
    pub notice: Option<String>,
}

impl<S: Send + Sync> FromRequestParts<S> for Req {
    type Rejection = PageError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let t = Tr::from_headers(&parts.headers);
        let viewer = Viewer::from_request_parts(parts, state)
            .await
            .map_err(|e| PageError(e, t, parts.uri.path().to_string()))?;
        let notice = parts.uri.query().and_then(|q| notice(t, q));
        let here = parts.uri.path_and_query().map(|p| p.as_str().to_string()).unwrap_or_else(|| "/".into());
        Ok(Req { viewer, t, path: parts.uri.path().to_string(), here, notice })
    }
}

/// The message a redirect after a save asks for (`?notice=saved`), in the viewer's language.
pub fn notice(t: Tr, query: &str) -> Option<String> {
    let pairs = serde_urlencoded::from_str::<Vec<(String, String)>>(query).ok()?;
    let arg = |name: &str| pairs.iter().find(|(k, _)| k == name).and_then(|(_, v)| v.parse::<u64>().ok()).unwrap_or(0);
    let v = pairs.iter().find(|(k, _)| k == "notice").map(|(_, v)| v.clone())?;
    match v.as_str() {
        "saved" | "created" | "endorsed" | "signed-in" | "member-added" | "member-ended" | "token-revoked"
        | "reviewed" | "voted" | "decided" | "following" | "unfollowed" | "feedback-received" | "join-received"
        | "withdrawn" => Some(t.get(&format!("notice-{v}"))),
        "imported" | "drafted" => {
            let mut text = format!(
                "{} {}",
                t.with(&format!("notice-{v}"), "added", arg("added")),
                t.with2("notice-imported-more", "revised", arg("revised"), "unchanged", arg("unchanged"))
            );
            if arg("count") > 0 {
                text = format!("{text} {}", t.with("notice-drafts-sent", "count", arg("count")));
            }
            if arg("kept") > 0 {
                text = format!("{text} {}", t.with("notice-drafts-kept", "count", arg("kept")));
            }
            Some(text)
        }
        "drafts-sent" => Some(t.with("notice-drafts-sent", "count", arg("count"))),
        _ => None,
    }
}

/// The frame around every page.
pub struct PageCtx {
    pub t: Tr,
    pub title: String,
    pub user_name: Option<String>,
    pub initiative: Option<Initiative>,
    pub section: &'static str,
    pub csrf: String,
    pub is_admin: bool,
    pub is_member: bool,
    /// May open the Data page (backbone staff, or a data steward).
    pub can_submit_data: bool,
    pub notice: Option<String>,
    /// The other languages this page can be read in: (address that switches to it, its name, code).
    pub languages: Vec<(String, String, &'static str)>,
}

/// Links that switch to each language but `t`'s, coming back to `here`.
fn language_links(t: Tr, here: &str) -> Vec<(String, String, &'static str)> {
    let back: String = form_urlencoded::byte_serialize(here.as_bytes()).collect();
    Tr::languages()
        .into_iter()
        .filter(|(code, _)| *code != t.lang())
        .map(|(code, name)| (format!("/language?to={code}&back={back}"), name, code))
        .collect()
}

impl Req {
    /// The frame of a page of an initiative (or of none), in `section` of the menu.
    pub fn page(&self, title: String, initiative: Option<(&Initiative, &Access)>, section: &'static str) -> PageCtx {
        let access: Option<&Access> = initiative.map(|(_, a)| a);
        PageCtx {
            t: self.t,
            title,
            user_name: self.viewer.user.as_ref().map(|u| u.display_name.clone()),
            is_admin: access.is_some_and(|a| a.is_admin()),
            is_member: access.is_some_and(|a| a.is_member()),
            can_submit_data: access.is_some_and(|a| a.can_open_data_page()),
            initiative: initiative.map(|(i, _)| i.clone()),
            section,
            csrf: self.viewer.csrf.clone(),
            notice: self.notice.clone(),
            languages: language_links(self.t, &self.here),
        }
    }

    /// An error shown as a page in this viewer's language.
    pub fn err(&self, e: impl Into<AppError>) -> PageError {
        PageError(e.into(), self.t, self.path.clone())
    }

    /// `Ok` when allowed; otherwise the "sign in" page for the public, "not allowed" for others.
    pub fn require(&self, access: &Access, allowed: bool) -> Result<(), PageError> {
        require(access, allowed).map_err(|e| self.err(e))
    }

    /// The fields a store error names, to show next to them; any other error keeps its meaning
    /// (not found, conflict, …) and becomes the page's answer.
    pub fn form_errors(&self, e: StoreError) -> Result<Errors, PageError> {
        Errors::from_store(e).map_err(|e| self.err(e))
    }
}

/// An error shown as a page, in the viewer's language; a "sign in first" page links to the sign-in
/// form, which returns to the page asked for (the third field).
pub struct PageError(pub AppError, pub Tr, pub String);

pub type PageResult = Result<Response, PageError>;

#[derive(Template)]
#[template(path = "http/templates/error.html")]
struct ErrorPage {
    page: PageCtx,
    status: u16,
    message: String,
    next: String,
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let PageError(e, t, next) = self;
        e.log();
        let status = e.status();
        let message = match &e {
            AppError::NotFound(_) => t.get("error-not-found"),
            AppError::Forbidden => t.get("error-forbidden"),
            AppError::Csrf => t.get("error-csrf"),
            AppError::Internal(_) => t.get("error-internal"),
            AppError::Throttled(s) => t.with("error-throttled", "seconds", s),
            AppError::Unauthenticated => t.get("error-sign-in"),
            other => other.to_string(),
        };
        let page = PageCtx {
            t,
            title: match status.as_u16() {
                401 => t.get("error-title-401"),
                403 => t.get("error-title-403"),
                404 => t.get("error-title-404"),
                _ => t.get("error-title"),
            },
            user_name: None,
            initiative: None,
            section: "",
            csrf: String::new(),
            is_admin: false,
            is_member: false,
            can_submit_data: false,
            notice: None,
            languages: language_links(t, "/"),
        };
        let body = ErrorPage { page, status: status.as_u16(), message, next }.render().unwrap_or_default();
        let mut resp = (status, Html(body)).into_response();
        if let AppError::Throttled(seconds) = e {
            if let Ok(v) = axum::http::HeaderValue::from_str(&seconds.to_string()) {
                resp.headers_mut().insert(axum::http::header::RETRY_AFTER, v);
            }
        }
        resp
    }
}

pub fn render(t: &impl Template, tr: Tr) -> PageResult {
    t.render().map(|b| Html(b).into_response()).map_err(|e| PageError(e.into(), tr, String::new()))
}

pub fn render_invalid(t: &impl Template, tr: Tr) -> PageResult {
    t.render()
        .map(|b| (StatusCode::UNPROCESSABLE_ENTITY, Html(b)).into_response())
        .map_err(|e| PageError(e.into(), tr, String::new()))
}

/// A form page: 200 when it has no problems to show, 422 when it does.
pub fn render_form(t: &impl Template, errors: &Errors, tr: Tr) -> PageResult {
    if errors.is_empty() {
        render(t, tr)
    } else {
        render_invalid(t, tr)
    }
}

pub fn see_other(to: &str) -> Response {
    Redirect::to(to).into_response()
}

/// Addresses that match no route: a "not found" page (or problem), except that an address with
/// a trailing slash sends the browser to the address without it.
pub async fn not_found(headers: HeaderMap, uri: axum::http::Uri) -> Response {
    let path = uri.path();
    if path.len() > 1 && path.ends_with('/') {
        // One leading slash only: "//elsewhere.example/" must not redirect off the site.
        let trimmed = format!("/{}", path.trim_matches('/'));
        let trimmed = trimmed.as_str();
        let to = match uri.query() {
            Some(q) => format!("{}?{q}", if trimmed.is_empty() { "/" } else { trimmed }),
            None => if trimmed.is_empty() { "/" } else { trimmed }.to_string(),
        };
        return Redirect::permanent(&to).into_response();
    }
    if path.starts_with("/api/") {
        return AppError::NotFound("address").into_response();
    }
    PageError(AppError::NotFound("page"), Tr::from_headers(&headers), path.to_string()).into_response()
}

/// Problems to show next to form fields, by field name.
#[derive(Default)]
pub struct Errors(HashMap<String, String>);

impl Errors {
    pub fn get(&self, name: &str) -> Option<&String> {
        self.0.get(name)
    }
    pub fn add(&mut self, field: &str, reason: impl Into<String>) {
        self.0.entry(field.to_string()).or_insert_with(|| reason.into());
    }
    fn from_app(e: &AppError) -> Option<Errors> {
        let fields = e.field_errors();
        if fields.is_empty() {
            return None;
        }
        let mut out = Errors::default();
        for f in fields {
            // `service_area[2]` is shown at the `service_area` field.
            let name = f.field.split('[').next().unwrap_or(&f.field).to_string();
            out.add(&name, f.reason);
        }
        Some(out)
    }
    /// The fields a store error names, or the error itself when it names none.
    pub fn from_store(e: StoreError) -> Result<Errors, AppError> {
        let e = AppError::from(e);
        Errors::from_app(&e).ok_or(e)
    }
    pub fn from_invalid(i: &Invalid) -> Errors {
        Errors::from_app(&AppError::Invalid(i.clone())).unwrap_or_default()
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The choices of a closed vocabulary for a select: (stored name, label).
pub fn options<T: Copy>(
    all: &[T],
    t: Tr,
    key: impl Fn(T) -> String,
    value: impl Fn(T) -> &'static str,
) -> Vec<(String, String)> {
    all.iter().map(|v| (value(*v).to_string(), t.get(&key(*v)))).collect()
}
