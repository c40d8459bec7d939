//! Server-rendered pages. Each page is a typed askama template; every string comes from the
//! message catalogue. Forms post back to the same address, show problems inline next to their
//! fields (status 422) and redirect after a successful save.

use crate::auth::{self, Viewer};
use crate::error::AppError;
use crate::i18n::Tr;
use crate::view::{self, require};
use crate::AppState;
use askama::Template;
use axum::extract::{FromRequestParts, Path, State};
use axum::http::{header, request::Parts, HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use backbone_core::access::Access;
use backbone_core::accounts::*;
use backbone_core::agenda::diff::{diff_versions, FieldDiff, SpanKind};
use backbone_core::agenda::*;
use backbone_core::audit::AuditQuery;
use backbone_core::audit::*;
use backbone_core::checks::*;
use backbone_core::initiative::*;
use backbone_core::partners::*;
use backbone_core::people::*;
use backbone_core::privacy::Cell;
use backbone_core::tables::composition::Composition;
use backbone_core::tables::*;
use backbone_core::Id;
use backbone_core::Invalid;
use std::collections::HashMap;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(index))
        .route("/login", get(login_form).post(login))
        .route("/logout", post(logout))
        .route("/account", get(account))
        .route("/account/tokens", post(create_token))
        .route("/account/tokens/{id}/revoke", post(revoke_token))
        .route("/i/{slug}", get(home))
        .route("/i/{slug}/settings", get(settings).post(save_settings))
        .route("/i/{slug}/settings/preconditions/{kind}", post(save_precondition))
        .route("/i/{slug}/agenda", get(agenda))
        .route("/i/{slug}/agenda/edit", get(agenda_edit).post(agenda_save))
        .route("/i/{slug}/agenda/history", get(agenda_history))
        .route("/i/{slug}/agenda/compare", get(agenda_compare))
        .route("/i/{slug}/agenda/versions/{number}/endorse", post(agenda_endorse))
        .route("/i/{slug}/organizations", get(org_list))
        .route("/i/{slug}/organizations/new", get(org_new).post(org_create))
        .route("/i/{slug}/organizations/{id}", get(org_show))
        .route("/i/{slug}/organizations/{id}/edit", get(org_edit).post(org_update))
        .route("/i/{slug}/people", get(people_list))
        .route("/i/{slug}/people/new", get(person_new).post(person_create))
        .route("/i/{slug}/people/{id}", get(person_show))
        .route("/i/{slug}/people/{id}/edit", get(person_edit).post(person_update))
        .route("/i/{slug}/tables", get(table_list))
        .route("/i/{slug}/tables/new", get(table_new).post(table_create))
        .route("/i/{slug}/tables/{id}", get(table_show))
        .route("/i/{slug}/tables/{id}/edit", get(table_edit).post(table_update))
        .route("/i/{slug}/tables/{id}/members", post(member_add))
        .route("/i/{slug}/tables/{id}/members/{mid}/end", post(member_end))
        .route("/i/{slug}/audit", get(audit))
        .route("/i/{slug}/access", get(access_page).post(access_add))
        .route("/i/{slug}/access/revoke", post(access_revoke))
}

// ---------------------------------------------------------------- plumbing

/// What every page handler needs: the viewer, the language, the address and any notice.
pub struct Req {
    pub viewer: Viewer,
    pub t: Tr,
    pub path: String,
    pub notice: Option<String>,
}

impl ResultForm {
    fn empty(index: usize) -> Self {
        ResultForm {
            index,
            key: String::new(),
            title: String::new(),
            description: String::new(),
            strategies: String::new(),
        }
    }
    /// The form field name of one part of this result: `result-2-title`.
    pub fn name(&self, part: &str) -> String {
        format!("result-{}-{part}", self.index)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Req {
    type Rejection = PageError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let t = Tr::from_accept_language(parts.headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()));
        let viewer = Viewer::from_request_parts(parts, state)
            .await
            .map_err(|e| PageError(e, t, parts.uri.path().to_string()))?;
        let notice = parts.uri.query().and_then(|q| {
            let pairs = serde_urlencoded::from_str::<Vec<(String, String)>>(q).ok()?;
            let arg = |name: &str| {
                pairs.iter().find(|(k, _)| k == name).and_then(|(_, v)| v.parse::<u64>().ok()).unwrap_or(0)
            };
            let v = pairs.iter().find(|(k, _)| k == "notice").map(|(_, v)| v.clone())?;
            match v.as_str() {
                "saved" | "created" | "endorsed" | "signed-in" | "member-added" | "member-ended" | "token-revoked"
                | "reviewed" => Some(t.get(&format!("notice-{v}"))),
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
        });
        Ok(Req { viewer, t, path: parts.uri.path().to_string(), notice })
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
    /// Backbone staff or a data steward: may open the Data page.
    pub can_submit_data: bool,
    pub notice: Option<String>,
}

impl Req {
    pub(crate) fn page(
        &self,
        title: String,
        initiative: Option<(&Initiative, &Access)>,
        section: &'static str,
    ) -> PageCtx {
        PageCtx {
            t: self.t,
            title,
            user_name: self.viewer.user.as_ref().map(|u| u.display_name.clone()),
            is_admin: initiative.is_some_and(|(_, a)| a.is_admin()),
            is_member: initiative.is_some_and(|(_, a)| a.is_member()),
            can_submit_data: initiative
                .is_some_and(|(_, a)| a.can_manage_measurement() || !a.stewarded_organizations().is_empty()),
            initiative: initiative.map(|(i, _)| i.clone()),
            section,
            csrf: self.viewer.csrf.clone(),
            notice: self.notice.clone(),
        }
    }

    pub(crate) fn err(&self, e: impl Into<AppError>) -> PageError {
        PageError(e.into(), self.t, self.path.clone())
    }

    pub(crate) async fn initiative(&self, s: &AppState, slug: &str) -> Result<(Initiative, Access), PageError> {
        view::initiative(s, &self.viewer, slug).await.map_err(|e| self.err(e))
    }

    pub(crate) fn require(&self, access: &Access, allowed: bool) -> Result<(), PageError> {
        require(access, allowed).map_err(|e| self.err(e))
    }
}

/// An error shown as a page, in the viewer's language; a "sign in first" page links to the sign-in
/// form, which returns to the page asked for (the third field).
pub struct PageError(pub AppError, pub Tr, pub String);

pub type PageResult = Result<Response, PageError>;

#[derive(Template)]
#[template(path = "error.html")]
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
            AppError::Throttled(m) => t.with("error-throttled", "minutes", m),
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
        };
        let body = ErrorPage { page, status: status.as_u16(), message, next }.render().unwrap_or_default();
        (status, Html(body)).into_response()
    }
}

pub(crate) fn render(t: &impl Template, tr: Tr) -> PageResult {
    t.render().map(|b| Html(b).into_response()).map_err(|e| PageError(e.into(), tr, String::new()))
}

pub(crate) fn render_invalid(t: &impl Template, tr: Tr) -> PageResult {
    t.render()
        .map(|b| (StatusCode::UNPROCESSABLE_ENTITY, Html(b)).into_response())
        .map_err(|e| PageError(e.into(), tr, String::new()))
}

/// A form page: 200 when it has no problems to show, 422 when it does.
pub(crate) fn render_form(t: &impl Template, errors: &Errors, tr: Tr) -> PageResult {
    if errors.is_empty() {
        render(t, tr)
    } else {
        render_invalid(t, tr)
    }
}

fn see_other(to: &str) -> Response {
    Redirect::to(to).into_response()
}

pub async fn not_found(headers: HeaderMap, uri: axum::http::Uri) -> Response {
    if uri.path().starts_with("/api/") {
        return AppError::NotFound("address").into_response();
    }
    let t = Tr::from_accept_language(headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()));
    PageError(AppError::NotFound("page"), t, uri.path().to_string()).into_response()
}

/// A posted form, as its name/value pairs in order.
pub struct FormData(Vec<(String, String)>);

impl FormData {
    pub fn new(pairs: Vec<(String, String)>) -> Self {
        FormData(pairs)
    }
    /// Every value of a repeated field (checkboxes of one name).
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.0.iter().filter(|(k, _)| k == name).map(|(_, v)| v.as_str()).collect()
    }
    pub fn get(&self, name: &str) -> &str {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()).unwrap_or("")
    }
    pub fn checked(&self, name: &str) -> bool {
        self.0.iter().any(|(k, v)| k == name && (v == "on" || v == "true" || v == "1"))
    }
    fn opt(&self, name: &str) -> Option<String> {
        Some(self.get(name).trim().to_string()).filter(|s| !s.is_empty())
    }
    fn csrf(&self, req: &Req) -> Result<(), PageError> {
        req.viewer.check_csrf(self.get("csrf")).map_err(|e| req.err(e))
    }
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
    pub fn from_store(e: backbone_core::StoreError) -> Result<Errors, AppError> {
        let e = AppError::from(e);
        Errors::from_app(&e).ok_or(e)
    }
    fn from_invalid(i: &Invalid) -> Errors {
        Errors::from_app(&AppError::Invalid(i.clone())).unwrap_or_default()
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

fn options<T: Copy>(
    all: &[T],
    t: Tr,
    key: impl Fn(T) -> String,
    value: impl Fn(T) -> &'static str,
) -> Vec<(String, String)> {
    all.iter().map(|v| (value(*v).to_string(), t.get(&key(*v)))).collect()
}

fn cell_text(t: &Tr, c: &Cell) -> String {
    match c {
        Cell::Shown(n) => n.to_string(),
        Cell::Suppressed => t.get("suppressed"),
    }
}

// ---------------------------------------------------------------- home, sign-in, account

#[derive(Template)]
#[template(path = "index.html")]
struct IndexPage {
    page: PageCtx,
    initiatives: Vec<Initiative>,
}

async fn index(State(s): State<AppState>, req: Req) -> PageResult {
    let initiatives = view::visible_initiatives(&s, &req.viewer).await.map_err(|e| req.err(e))?;
    render(&IndexPage { page: req.page(req.t.get("index-title"), None, ""), initiatives }, req.t)
}

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    page: PageCtx,
    username: String,
    next: String,
    errors: Errors,
}

fn safe_next(next: &str) -> String {
    // Only local addresses: never send someone off-site after signing in.
    if next.starts_with('/') && !next.starts_with("//") && !next.contains('\\') {
        next.to_string()
    } else {
        "/".to_string()
    }
}

async fn login_form(req: Req, axum::extract::Query(q): axum::extract::Query<HashMap<String, String>>) -> PageResult {
    let next = safe_next(q.get("next").map(String::as_str).unwrap_or("/"));
    render(
        &LoginPage {
            page: req.page(req.t.get("login-title"), None, ""),
            username: String::new(),
            next,
            errors: Errors::default(),
        },
        req.t,
    )
}

async fn login(State(s): State<AppState>, req: Req, Form(f): Form<Vec<(String, String)>>) -> PageResult {
    let f = FormData(f);
    f.csrf(&req)?;
    let username = f.get("username").trim().to_string();
    let next = safe_next(f.get("next"));
    let mut errors = Errors::default();
    if username.is_empty() {
        errors.add("username", req.t.get("login-need-username"));
    }
    if f.get("password").is_empty() {
        errors.add("password", req.t.get("login-need-password"));
    }
    if errors.is_empty() {
        match auth::sign_in(&s, &req.viewer.client, &username, f.get("password")).await {
            Ok(cookie) => {
                let sep = if next.contains('?') { '&' } else { '?' };
                let mut resp = see_other(&format!("{next}{sep}notice=signed-in"));
                resp.headers_mut().insert(
                    header::SET_COOKIE,
                    cookie.parse().map_err(|_| req.err(AppError::Internal("cookie".into())))?,
                );
                return Ok(resp);
            }
            Err(AppError::Invalid(_)) => errors.add("password", req.t.get("login-wrong")),
            Err(AppError::Throttled(m)) => errors.add("password", req.t.with("error-throttled", "minutes", m)),
            Err(e) => return Err(req.err(e)),
        }
    }
    render_invalid(&LoginPage { page: req.page(req.t.get("login-title"), None, ""), username, next, errors }, req.t)
}

async fn logout(
    State(s): State<AppState>,
    req: Req,
    headers: HeaderMap,
    Form(f): Form<Vec<(String, String)>>,
) -> PageResult {
    FormData(f).csrf(&req)?;
    let cookie = auth::sign_out(&s, &headers).await.map_err(|e| req.err(e))?;
    let mut resp = see_other("/");
    resp.headers_mut()
        .insert(header::SET_COOKIE, cookie.parse().map_err(|_| req.err(AppError::Internal("cookie".into())))?);
    Ok(resp)
}

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage {
    page: PageCtx,
    user: User,
    tokens: Vec<ApiToken>,
    new_secret: Option<String>,
    errors: Errors,
}

async fn account(State(s): State<AppState>, req: Req) -> PageResult {
    let user = req.viewer.require_user().map_err(|e| req.err(e))?.clone();
    let tokens = s.store.api_tokens(user.id).await.map_err(|e| req.err(e))?;
    render(
        &AccountPage {
            page: req.page(req.t.get("account-title"), None, ""),
            user,
            tokens,
            new_secret: None,
            errors: Errors::default(),
        },
        req.t,
    )
}

async fn create_token(State(s): State<AppState>, req: Req, Form(f): Form<Vec<(String, String)>>) -> PageResult {
    let f = FormData(f);
    f.csrf(&req)?;
    let user = req.viewer.require_user().map_err(|e| req.err(e))?.clone();
    let input = ApiTokenInput { name: f.get("name").to_string() };
    let (new_secret, errors) = match input.validate() {
        Ok(()) => {
            let (_, secret) =
                auth::issue_token(&s, &req.viewer.actor(), user.id, &input.name).await.map_err(|e| req.err(e))?;
            (Some(secret), Errors::default())
        }
        Err(i) => (None, Errors::from_invalid(&i)),
    };
    let tokens = s.store.api_tokens(user.id).await.map_err(|e| req.err(e))?;
    let page = AccountPage { page: req.page(req.t.get("account-title"), None, ""), user, tokens, new_secret, errors };
    render_form(&page, &page.errors, req.t)
}

async fn revoke_token(
    State(s): State<AppState>,
    req: Req,
    Path(id): Path<i64>,
    Form(f): Form<Vec<(String, String)>>,
) -> PageResult {
    FormData(f).csrf(&req)?;
    let user = req.viewer.require_user().map_err(|e| req.err(e))?.clone();
    s.store.revoke_api_token(&req.viewer.actor(), user.id, id).await.map_err(|e| req.err(e))?;
    Ok(see_other("/account?notice=token-revoked"))
}

// ---------------------------------------------------------------- initiative home and settings

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    page: PageCtx,
    i: Initiative,
    preconditions: Vec<(PreconditionKind, Option<Precondition>)>,
    agenda: Option<AgendaVersion>,
    organizations: usize,
    resident_led: usize,
    sectors: usize,
    tables: Vec<Table>,
    people: usize,
}

async fn home(State(s): State<AppState>, req: Req, Path(slug): Path<String>) -> PageResult {
    let (i, access) = req.initiative(&s, &slug).await?;
    let e = |e| req.err(e);
    let pre = s.store.preconditions(i.id).await.map_err(e)?;
    let orgs = s.store.organizations(i.id).await.map_err(e)?;
    let mut sectors: Vec<Sector> = orgs.iter().map(|o| o.sector).collect();
    sectors.sort();
    sectors.dedup();
    let people = if access.can_view_people() { s.store.people(i.id).await.map_err(e)?.len() } else { 0 };
    let page = HomePage {
        page: req.page(i.name.clone(), Some((&i, &access)), "home"),
        preconditions: PreconditionKind::ALL.iter().map(|k| (*k, pre.iter().find(|p| p.kind == *k).cloned())).collect(),
        agenda: s.store.current_agenda(i.id).await.map_err(e)?,
        organizations: orgs.len(),
        resident_led: orgs.iter().filter(|o| o.resident_led).count(),
        sectors: sectors.len(),
        tables: s.store.tables(i.id).await.map_err(e)?,
        people,
        i,
    };
    render(&page, req.t)
}

#[derive(Template)]
#[template(path = "settings.html")]
struct SettingsPage {
    page: PageCtx,
    i: Initiative,
    name: String,
    description: String,
    phase: String,
    published: bool,
    phases: Vec<(String, String)>,
    readiness: Vec<(String, String)>,
    preconditions: Vec<(PreconditionKind, Option<Precondition>)>,
    errors: Errors,
}

async fn settings_page(
    s: &AppState,
    req: &Req,
    i: Initiative,
    access: &Access,
    errors: Errors,
    form: Option<&FormData>,
) -> PageResult {
    let pre = s.store.preconditions(i.id).await.map_err(|e| req.err(e))?;
    let page = SettingsPage {
        page: req.page(req.t.get("settings-title"), Some((&i, access)), "settings"),
        name: form.map(|f| f.get("name").to_string()).unwrap_or_else(|| i.name.clone()),
        description: form.map(|f| f.get("description").to_string()).unwrap_or_else(|| i.description.clone()),
        phase: form.map(|f| f.get("phase").to_string()).unwrap_or_else(|| i.phase.as_str().to_string()),
        published: form.map(|f| f.checked("published")).unwrap_or(i.published),
        phases: options(Phase::ALL, req.t, Phase::label_key, Phase::as_str),
        readiness: options(Readiness::ALL, req.t, Readiness::label_key, Readiness::as_str),
        preconditions: PreconditionKind::ALL.iter().map(|k| (*k, pre.iter().find(|p| p.kind == *k).cloned())).collect(),
        errors,
        i,
    };
    render_form(&page, &page.errors, req.t)
}

async fn settings(State(s): State<AppState>, req: Req, Path(slug): Path<String>) -> PageResult {
    let (i, access) = req.initiative(&s, &slug).await?;
    req.require(&access, access.can_edit_initiative())?;
    settings_page(&s, &req, i, &access, Errors::default(), None).await
}

async fn save_settings(
    State(s): State<AppState>,
    req: Req,
    Path(slug): Path<String>,
    Form(f): Form<Vec<(String, String)>>,
) -> PageResult {
    let f = FormData(f);
    let (i, access) = req.initiative(&s, &slug).await?;
    req.require(&access, access.can_edit_initiative())?;
    f.csrf(&req)?;
    let mut errors = Errors::default();
    let phase = Phase::parse(f.get("phase"));
    if phase.is_none() {
        errors.add("phase", req.t.get("choose-from-list"));
    }
    let input = InitiativeUpdate {
        name: Some(f.get("name").to_string()),
        description: Some(f.get("description").to_string()),
        phase,
        published: Some(f.checked("published")),
    };
    if errors.is_empty() {
        match s.store.update_initiative(&req.viewer.actor(), i.id, &input).await {
            Ok(_) => return Ok(see_other(&format!("/i/{slug}/settings?notice=saved"))),
            Err(e) => errors = Errors::from_app(&e.into()).ok_or_else(|| req.err(AppError::Internal("save".into())))?,
        }
    }
    settings_page(&s, &req, i, &access, errors, Some(&f)).await
}

async fn save_precondition(
    State(s): State<AppState>,
    req: Req,
    Path((slug, kind)): Path<(String, String)>,
    Form(f): Form<Vec<(String, String)>>,
) -> PageResult {
    let f = FormData(f);
    let (i, access) = req.initiative(&s, &slug).await?;
    req.require(&access, access.can_edit_initiative())?;
    f.csrf(&req)?;
    let kind = PreconditionKind::parse(&kind).ok_or_else(|| req.err(AppError::NotFound("precondition")))?;
    let Some(readiness) = Readiness::parse(f.get("readiness")) else {
        let mut errors = Errors::default();
        errors.add(&format!("readiness-{}", kind.as_str()), req.t.get("choose-from-list"));
        return settings_page(&s, &req, i, &access, errors, None).await;
    };
    let input = PreconditionInput { readiness, evidence: f.get("evidence").to_string() };
    match s.store.set_precondition(&req.viewer.actor(), i.id, kind, &input).await {
        Ok(_) => Ok(see_other(&format!("/i/{slug}/settings?notice=saved"))),
        Err(e) => {
            let mut errors = Errors::default();
            if let Some(reason) = AppError::from(e).field_errors().first() {
                errors.add(&format!("evidence-{}", kind.as_str()), reason.reason.clone());
            }
            settings_page(&s, &req, i, &access, errors, None).await
        }
    }
}

// ---------------------------------------------------------------- agenda

#[derive(Template)]
#[template(path = "agenda.html")]
struct AgendaPage {
    page: PageCtx,
    i: Initiative,
    agenda: Option<AgendaVersion>,
    endorsements: Vec<Endorsement>,
    can_edit: bool,
    /// Organisations the viewer may endorse for and that have not endorsed this version yet.
    endorse_for: Vec<(String, String)>,
    errors: Errors,
}

async fn agenda_page(s: &AppState, req: &Req, i: Initiative, access: Access, errors: Errors) -> PageResult {
    let e = |e| req.err(e);
    let agenda = s.store.current_agenda(i.id).await.map_err(e)?;
    let endorsements = match &agenda {
        Some(v) => s.store.endorsements(i.id, Some(v.number)).await.map_err(e)?,
        None => Vec::new(),
    };
    let endorse_for = if agenda.is_some() && access.can_endorse_any() {
        s.store
            .organizations(i.id)
            .await
            .map_err(e)?
            .into_iter()
            .filter(|o| access.can_endorse_for(o.id) && !endorsements.iter().any(|e| e.organization_id == o.id))
            .map(|o| (o.id.to_string(), o.name))
            .collect()
    } else {
        Vec::new()
    };
    let page = AgendaPage {
        page: req.page(req.t.get("agenda-title"), Some((&i, &access)), "agenda"),
        can_edit: access.can_edit_agenda(),
        i,
        agenda,
        endorsements,
        endorse_for,
        errors,
    };
    render_form(&page, &page.errors, req.t)
}

async fn agenda(State(s): State<AppState>, req: Req, Path(slug): Path<String>) -> PageResult {
    let (i, access) = req.initiative(&s, &slug).await?;
    agenda_page(&s, &req, i, access, Errors::default()).await
}

async fn agenda_endorse(
    State(s): State<AppState>,
    req: Req,
    Path((slug, number)): Path<(String, i64)>,
    Form(f): Form<Vec<(String, String)>>,
) -> PageResult {
    let f = FormData(f);
    let (i, access) = req.initiative(&s, &slug).await?;
    req.require(&access, access.can_endorse_any())?;
    f.csrf(&req)?;
    let mut errors = Errors::default();
    match f.get("organization_id").parse::<i64>() {
        Ok(org) if access.can_endorse_for(org) => {
            let input = EndorsementInput { organization_id: org, note: f.get("note").to_string() };
            match s.store.endorse(&req.viewer.actor(), i.id, number, &input).await {
                Ok(_) => return Ok(see_other(&format!("/i/{slug}/agenda?notice=endorsed"))),
                Err(e) => match Errors::from_app(&e.into()) {
                    Some(found) => errors = found,
                    None => errors.add("organization_id", req.t.get("error-internal")),
                },
            }
        }
        Ok(_) => return Err(req.err(AppError::Forbidden)),
        Err(_) => errors.add("organization_id", req.t.get("choose-from-list")),
    }
    agenda_page(&s, &req, i, access, errors).await
}

/// One result as edited in the form: strategies are one per line.
pub struct ResultForm {
    pub index: usize,
    pub key: String,
    pub title: String,
    pub description: String,
    pub strategies: String,
}

#[derive(Template)]
#[template(path = "agenda_edit.html")]
struct AgendaEditPage {
    page: PageCtx,
    i: Initiative,
    based_on: i64,
    problem_statement: String,
    shared_vision: String,
    reason: String,
    results: Vec<ResultForm>,
    errors: Errors,
}

/// Blank result slots offered at the end of the form.
const EMPTY_RESULT_SLOTS: usize = 2;

/// A short stable key from a title: "Kindergarten Readiness" → "kindergarten-readiness".
pub fn key_from_title(title: &str, taken: &mut Vec<String>) -> String {
    let mut k = String::new();
    for c in title.to_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            k.push(c);
        } else if !k.ends_with('-') && !k.is_empty() {
            k.push('-');
        }
    }
    let mut k: String = k.trim_matches('-').chars().take(50).collect();
    if !k.starts_with(|c: char| c.is_ascii_lowercase()) {
        k = format!("r-{k}");
    }
    let k = k.trim_end_matches('-').to_string();
    let mut candidate = if k.len() < 2 { "result".to_string() } else { k };
    let base = candidate.clone();
    let mut n = 2;
    while taken.contains(&candidate) {
        candidate = format!("{base}-{n}");
        n += 1;
    }
    taken.push(candidate.clone());
    candidate
}

fn results_from_form(f: &FormData, previous: &[AgendaResult]) -> (Vec<AgendaResult>, Vec<ResultForm>) {
    let mut taken: Vec<String> = Vec::new();
    let mut results = Vec::new();
    let mut forms = Vec::new();
    let old_strategies: Vec<&Strategy> = previous.iter().flat_map(|r| &r.strategies).collect();
    for n in 0..100 {
        let title = f.get(&format!("result-{n}-title")).trim().to_string();
        let description = f.get(&format!("result-{n}-description")).trim().to_string();
        let strategies_text = f.get(&format!("result-{n}-strategies")).to_string();
        let key_field = f.get(&format!("result-{n}-key")).to_string();
        if !f.0.iter().any(|(k, _)| k.starts_with(&format!("result-{n}-"))) {
            break;
        }
        forms.push(ResultForm {
            index: n,
            key: key_field.clone(),
            title: title.clone(),
            description: description.clone(),
            strategies: strategies_text.clone(),
        });
        if title.is_empty() && description.is_empty() && strategies_text.trim().is_empty() {
            continue;
        }
        let key = if !key_field.is_empty() && !taken.contains(&key_field) {
            taken.push(key_field.clone());
            key_field
        } else {
            key_from_title(&title, &mut taken)
        };
        let strategies = strategies_text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(|line| {
                // A strategy keeps its key when its title is unchanged.
                let key = match old_strategies.iter().find(|s| s.title == line && !taken.contains(&s.key)) {
                    Some(s) => {
                        taken.push(s.key.clone());
                        s.key.clone()
                    }
                    None => key_from_title(line, &mut taken),
                };
                let description =
                    old_strategies.iter().find(|s| s.key == key).map(|s| s.description.clone()).unwrap_or_default();
                Strategy { key, title: line.to_string(), description }
            })
            .collect();
        results.push(AgendaResult { key, title, description, strategies });
    }
    (results, forms)
}

fn result_forms(results: &[AgendaResult]) -> Vec<ResultForm> {
    let mut out: Vec<ResultForm> = results
        .iter()
        .enumerate()
        .map(|(index, r)| ResultForm {
            index,
            key: r.key.clone(),
            title: r.title.clone(),
            description: r.description.clone(),
            strategies: r.strategies.iter().map(|s| s.title.as_str()).collect::<Vec<_>>().join("\n"),
        })
        .collect();
    for _ in 0..EMPTY_RESULT_SLOTS {
        out.push(ResultForm::empty(out.len()));
    }
    out
}

async fn agenda_edit(State(s): State<AppState>, req: Req, Path(slug): Path<String>) -> PageResult {
    let (i, access) = req.initiative(&s, &slug).await?;
    req.require(&access, access.can_edit_agenda())?;
    let current = s.store.current_agenda(i.id).await.map_err(|e| req.err(e))?;
    let page = AgendaEditPage {
        page: req.page(req.t.get("agenda-edit-title"), Some((&i, &access)), "agenda"),
        based_on: current.as_ref().map(|v| v.number).unwrap_or(0),
        problem_statement: current.as_ref().map(|v| v.problem_statement.clone()).unwrap_or_default(),
        shared_vision: current.as_ref().map(|v| v.shared_vision.clone()).unwrap_or_default(),
        reason: String::new(),
        results: result_forms(current.as_ref().map(|v| v.results.as_slice()).unwrap_or(&[])),
        errors: Errors::default(),
        i,
    };
    render(&page, req.t)
}

async fn agenda_save(
    State(s): State<AppState>,
    req: Req,
    Path(slug): Path<String>,
    Form(f): Form<Vec<(String, String)>>,
) -> PageResult {
    let f = FormData(f);
    let (i, access) = req.initiative(&s, &slug).await?;
    req.require(&access, access.can_edit_agenda())?;
    f.csrf(&req)?;
    let current = s.store.current_agenda(i.id).await.map_err(|e| req.err(e))?;
    let (results, mut forms) = results_from_form(&f, current.as_ref().map(|v| v.results.as_slice()).unwrap_or(&[]));
    let input = AgendaInput {
        problem_statement: f.get("problem_statement").to_string(),
        shared_vision: f.get("shared_vision").to_string(),
        results,
        reason: f.get("reason").to_string(),
        based_on: f.get("based_on").parse().unwrap_or(-1),
    };
    let errors = match s.store.create_agenda_version(&req.viewer.actor(), i.id, &input).await {
        Ok(v) => return Ok(see_other(&format!("/i/{slug}/agenda/history?notice=saved#v{}", v.number))),
        Err(e) => {
            let e = AppError::from(e);
            let mut errors = Errors::default();
            for fe in e.field_errors() {
                // results[1].strategies[0].title → result-1-strategies
                let name = match fe.field.strip_prefix("results[") {
                    Some(rest) => {
                        let n = rest.split(']').next().unwrap_or("0");
                        let part = if fe.field.contains("strategies") {
                            "strategies"
                        } else if fe.field.ends_with("description") {
                            "description"
                        } else {
                            "title"
                        };
                        format!("result-{n}-{part}")
                    }
                    None => fe.field.clone(),
                };
                errors.add(&name, fe.reason);
            }
            if errors.is_empty() {
                return Err(req.err(e));
            }
            errors
        }
    };
    if forms.iter().all(|r| !r.title.is_empty()) {
        forms.push(ResultForm::empty(forms.len()));
    }
    let page = AgendaEditPage {
        page: req.page(req.t.get("agenda-edit-title"), Some((&i, &access)), "agenda"),
        based_on: input.based_on,
        problem_statement: input.problem_statement,
        shared_vision: input.shared_vision,
        reason: input.reason,
        results: forms,
        errors,
        i,
    };
    render_invalid(&page, req.t)
}

#[derive(Template)]
#[template(path = "agenda_history.html")]
struct AgendaHistoryPage {
    page: PageCtx,
    i: Initiative,
    versions: Vec<(AgendaVersion, Vec<Endorsement>)>,
}

async fn agenda_history(State(s): State<AppState>, req: Req, Path(slug): Path<String>) -> PageResult {
    let (i, access) = req.initiative(&s, &slug).await?;
    let e = |e| req.err(e);
    let versions = s.store.agenda_versions(i.id).await.map_err(e)?;
    let endorsements = s.store.endorsements(i.id, None).await.map_err(e)?;
    let versions = versions
        .into_iter()
        .map(|v| {
            let es = endorsements.iter().filter(|e| e.version == v.number).cloned().collect();
            (v, es)
        })
        .collect();
    render(
        &AgendaHistoryPage { page: req.page(req.t.get("history-title"), Some((&i, &access)), "agenda"), i, versions },
        req.t,
    )
}

#[derive(Template)]
#[template(path = "agenda_compare.html")]
struct ComparePage {
    page: PageCtx,
    i: Initiative,
    old: AgendaVersion,
    new: AgendaVersion,
    diffs: Vec<FieldDiff>,
}

async fn agenda_compare(
    State(s): State<AppState>,
    req: Req,
    Path(slug): Path<String>,
    axum::extract::Query(q): axum::extract::Query<HashMap<String, String>>,
) -> PageResult {
    let (i, access) = req.initiative(&s, &slug).await?;
    let bad = || req.err(AppError::BadRequest(req.t.get("compare-choose")));
    let from: i64 = q.get("from").and_then(|v| v.parse().ok()).ok_or_else(bad)?;
    let to: i64 = q.get("to").and_then(|v| v.parse().ok()).ok_or_else(bad)?;
    let (from, to) = if from <= to { (from, to) } else { (to, from) };
    let old = s.store.agenda_version(i.id, from).await.map_err(|e| req.err(e))?;
    let new = s.store.agenda_version(i.id, to).await.map_err(|e| req.err(e))?;
    let diffs = diff_versions(&old, &new);
    let title = req.t.with2("compare-title", "old", from, "new", to);
    render(&ComparePage { page: req.page(title, Some((&i, &access)), "agenda"), i, old, new, diffs }, req.t)
}

// ---------------------------------------------------------------- organisations

#[derive(Template)]
#[template(path = "organizations.html")]
struct OrgListPage {
    page: PageCtx,
    i: Initiative,
    organizations: Vec<Organization>,
    can_create: bool,
}

async fn org_list(State(s): State<AppState>, req: Req, Path(slug): Path<String>) -> PageResult {
    let (i, access) = req.initiative(&s, &slug).await?;
    let organizations = s.store.organizations(i.id).await.map_err(|e| req.err(e))?;
    let page = OrgListPage {
        page: req.page(req.t.get("organizations-title"), Some((&i, &access)), "organizations"),
        can_create: access.can_create_organization(),
        i,
        organizations,
    };
    render(&page, req.t)
}

#[derive(Template)]
#[template(path = "organization.html")]
struct OrgPage {
    page: PageCtx,
    i: Initiative,
    o: Organization,
    can_edit: bool,
    people: Vec<Person>,
    endorsed: Vec<Endorsement>,
}

async fn org_show(State(s): State<AppState>, req: Req, Path((slug, id)): Path<(String, i64)>) -> PageResult {
    let (i, access) = req.initiative(&s, &slug).await?;
    let e = |e| req.err(e);
    let o = view::organization(&access, s.store.organization(i.id, id).await.map_err(e)?);
    let people = if access.can_view_people() {
        s.store
            .people(i.id)
            .await
            .map_err(e)?
            .into_iter()
            .filter(|p| p.organization_id == Some(id))
            .map(|p| view::person(&access, p))
            .collect()
    } else {
        Vec::new()
    };
    let endorsed =
        s.store.endorsements(i.id, None).await.map_err(e)?.into_iter().filter(|e| e.organization_id == id).collect();
    let page = OrgPage {
        page: req.page(o.name.clone(), Some((&i, &access)), "organizations"),
        can_edit: access.can_edit_organization(id),
        i,
        o,
        people,
        endorsed,
    };
    render(&page, req.t)
}

#[derive(Template)]
#[template(path = "organization_form.html")]
struct OrgFormPage {
    page: PageCtx,
    i: Initiative,
    /// None when creating.
    id: Option<Id>,
    name: String,
    sector: String,
    budget_band: String,
    resident_led: bool,
    service_area: String,
    website: String,
    leadership: bool,
    l_total: String,
    l_poc: String,
    l_women: String,
    l_residents: String,
    l_lived: String,
    sectors: Vec<(String, String)>,
    bands: Vec<(String, String)>,
    errors: Errors,
}

impl OrgFormPage {
    fn new(page: PageCtx, i: Initiative, t: Tr, o: Option<&Organization>) -> Self {
        let l = o.and_then(|o| o.leadership.as_ref());
        let n = |f: fn(&LeadershipDemographics) -> u32| l.map(|l| f(l).to_string()).unwrap_or_default();
        OrgFormPage {
            page,
            i,
            id: o.map(|o| o.id),
            name: o.map(|o| o.name.clone()).unwrap_or_default(),
            sector: o.map(|o| o.sector.as_str()).unwrap_or("nonprofit").to_string(),
            budget_band: o.map(|o| o.budget_band.as_str()).unwrap_or("100k_to_1m").to_string(),
            resident_led: o.is_some_and(|o| o.resident_led),
            service_area: o.map(|o| o.service_area.join(", ")).unwrap_or_default(),
            website: o.map(|o| o.website.clone()).unwrap_or_default(),
            leadership: l.is_some(),
            l_total: n(|l| l.total),
            l_poc: n(|l| l.people_of_color),
            l_women: n(|l| l.women),
            l_residents: n(|l| l.community_residents),
            l_lived: n(|l| l.lived_experience),
            sectors: options(Sector::ALL, t, Sector::label_key, Sector::as_str),
            bands: options(BudgetBand::ALL, t, BudgetBand::label_key, BudgetBand::as_str),
            errors: Errors::default(),
        }
    }

    /// Reads the form into an input, keeping what was typed for re-display.
    fn read(&mut self, f: &FormData, t: Tr) -> Option<OrganizationInput> {
        self.name = f.get("name").to_string();
        self.sector = f.get("sector").to_string();
        self.budget_band = f.get("budget_band").to_string();
        self.resident_led = f.checked("resident_led");
        self.service_area = f.get("service_area").to_string();
        self.website = f.get("website").trim().to_string();
        self.leadership = f.checked("leadership");
        self.l_total = f.get("l_total").to_string();
        self.l_poc = f.get("l_poc").to_string();
        self.l_women = f.get("l_women").to_string();
        self.l_residents = f.get("l_residents").to_string();
        self.l_lived = f.get("l_lived").to_string();
        let sector = Sector::parse(&self.sector);
        let band = BudgetBand::parse(&self.budget_band);
        if sector.is_none() {
            self.errors.add("sector", t.get("choose-from-list"));
        }
        if band.is_none() {
            self.errors.add("budget_band", t.get("choose-from-list"));
        }
        let mut num = |name: &str, v: &str| -> u32 {
            match v.trim().parse::<u32>() {
                Ok(n) => n,
                Err(_) if v.trim().is_empty() => 0,
                Err(_) => {
                    self.errors.add(name, t.get("whole-number"));
                    0
                }
            }
        };
        let leadership = if self.leadership {
            Some(LeadershipDemographics {
                total: num("l_total", &self.l_total.clone()),
                people_of_color: num("l_poc", &self.l_poc.clone()),
                women: num("l_women", &self.l_women.clone()),
                community_residents: num("l_residents", &self.l_residents.clone()),
                lived_experience: num("l_lived", &self.l_lived.clone()),
            })
        } else {
            None
        };
        let input = OrganizationInput {
            name: self.name.clone(),
            sector: sector?,
            budget_band: band?,
            resident_led: self.resident_led,
            service_area: split_list(&self.service_area),
            website: self.website.clone(),
            leadership,
        };
        if let Err(inv) = input.validate() {
            for fe in inv.0 {
                let name = match fe.field.as_str() {
                    "leadership.total" => "l_total".to_string(),
                    "leadership.people_of_color" => "l_poc".to_string(),
                    "leadership.women" => "l_women".to_string(),
                    "leadership.community_residents" => "l_residents".to_string(),
                    "leadership.lived_experience" => "l_lived".to_string(),
                    other => other.split('[').next().unwrap_or(other).to_string(),
                };
                self.errors.add(&name, fe.reason);
            }
        }
        if self.errors.is_empty() {
            Some(input)
        } else {
            None
        }
    }
}

async fn org_new(State(s): State<AppState>, req: Req, Path(slug): Path<String>) -> PageResult {
    let (i, access) = req.initiative(&s, &slug).await?;
    req.require(&access, access.can_create_organization())?;
    let page = req.page(req.t.get("organization-new-title"), Some((&i, &access)), "organizations");
    render(&OrgFormPage::new(page, i, req.t, None), req.t)
}

async fn org_create(
    State(s): State<AppState>,
    req: Req,
    Path(slug): Path<String>,
    Form(f): Form<Vec<(String, String)>>,
) -> PageResult {
    let f = FormData(f);
    let (i, access) = req.initiative(&s, &slug).await?;
    req.require(&access, access.can_create_organization())?;
    f.csrf(&req)?;
    let page = req.page(req.t.get("organization-new-title"), Some((&i, &access)), "organizations");
    let mut form = OrgFormPage::new(page, i.clone(), req.t, None);
    if let Some(input) = form.read(&f, req.t) {
        match s.store.create_organization(&req.viewer.actor(), i.id, &input).await {
            Ok(o) => return Ok(see_other(&format!("/i/{slug}/organizations/{}?notice=created", o.id))),
            Err(e) => {
                form.errors = Errors::from_app(&e.into()).ok_or_else(|| req.err(AppError::Internal("save".into())))?
            }
        }
    }
    render_invalid(&form, req.t)
}

async fn org_edit(State(s): State<AppState>, req: Req, Path((slug, id)): Path<(String, i64)>) -> PageResult {
    let (i, access) = req.initiative(&s, &slug).await?;
    req.require(&access, access.can_edit_organization(id))?;
    let o = s.store.organization(i.id, id).await.map_err(|e| req.err(e))?;
    let page = req.page(req.t.with("organization-edit-title", "name", &o.name), Some((&i, &access)), "organizations");
    render(&OrgFormPage::new(page, i, req.t, Some(&o)), req.t)
}

async fn org_update(
    State(s): State<AppState>,
    req: Req,
    Path((slug, id)): Path<(String, i64)>,
    Form(f): Form<Vec<(String, String)>>,
) -> PageResult {
    let f = FormData(f);
    let (i, access) = req.initiative(&s, &slug).await?;
    req.require(&access, access.can_edit_organization(id))?;
    f.csrf(&req)?;
    let o = s.store.organization(i.id, id).await.map_err(|e| req.err(e))?;
    let page = req.page(req.t.with("organization-edit-title", "name", &o.name), Some((&i, &access)), "organizations");
    let mut form = OrgFormPage::new(page, i.clone(), req.t, Some(&o));
    if let Some(input) = form.read(&f, req.t) {
        match s.store.update_organization(&req.viewer.actor(), i.id, id, &input).await {
            Ok(_) => return Ok(see_other(&format!("/i/{slug}/organizations/{id}?notice=saved"))),
            Err(e) => {
                form.errors = Errors::from_app(&e.into()).ok_or_else(|| req.err(AppError::Internal("save".into())))?
            }
        }
    }
    render_invalid(&form, req.t)
}

// ---------------------------------------------------------------- people

#[derive(Template)]
#[template(path = "people.html")]
struct PeoplePage {
    page: PageCtx,
    i: Initiative,
    people: Vec<Person>,
    can_manage: bool,
    show_contacts: bool,
}

async fn people_list(State(s): State<AppState>, req: Req, Path(slug): Path<String>) -> PageResult {
    let (i, access) = req.initiative(&s, &slug).await?;
    req.require(&access, access.can_view_people())?;
    let people =
        s.store.people(i.id).await.map_err(|e| req.err(e))?.into_iter().map(|p| view::person(&access, p)).collect();
    let page = PeoplePage {
        page: req.page(req.t.get("people-title"), Some((&i, &access)), "people"),
        can_manage: access.can_manage_people_and_tables(),
        show_contacts: access.can_view_contacts(),
        i,
        people,
    };
    render(&page, req.t)
}

#[derive(Template)]
#[template(path = "person.html")]
struct PersonPage {
    page: PageCtx,
    i: Initiative,
    p: Person,
    memberships: Vec<Membership>,
    can_manage: bool,
}

async fn person_show(State(s): State<AppState>, req: Req, Path((slug, id)): Path<(String, i64)>) -> PageResult {
    let (i, access) = req.initiative(&s, &slug).await?;
    req.require(&access, access.can_view_people())?;
    let p = view::person(&access, s.store.person(i.id, id).await.map_err(|e| req.err(e))?);
    let memberships = s.store.memberships(i.id, None, Some(id)).await.map_err(|e| req.err(e))?;
    let page = PersonPage {
        page: req.page(p.name.clone(), Some((&i, &access)), "people"),
        can_manage: access.can_manage_people_and_tables(),
        i,
        p,
        memberships,
    };
    render(&page, req.t)
}

#[derive(Template)]
#[template(path = "person_form.html")]
struct PersonFormPage {
    page: PageCtx,
    i: Initiative,
    id: Option<Id>,
    name: String,
    email: String,
    phone: String,
    title: String,
    organization_id: String,
    organizations: Vec<(String, String)>,
    consent: bool,
    race_ethnicity: String,
    gender: String,
    age_band: String,
    primary_language: String,
    community_resident: String,
    race_options: Vec<(String, String)>,
    gender_options: Vec<(String, String)>,
    age_options: Vec<(String, String)>,
    resident_options: Vec<(String, String)>,
    errors: Errors,
}

impl PersonFormPage {
    fn new(page: PageCtx, i: Initiative, t: Tr, orgs: &[Organization], p: Option<&Person>) -> Self {
        let d = p.and_then(|p| p.demographics.as_ref());
        let with_blank = |values: &[&str]| {
            let mut v = vec![(String::new(), t.get("not-shared"))];
            v.extend(values.iter().map(|x| (x.to_string(), x.to_string())));
            v
        };
        let mut organizations = vec![(String::new(), t.get("no-organization"))];
        organizations.extend(orgs.iter().map(|o| (o.id.to_string(), o.name.clone())));
        PersonFormPage {
            page,
            i,
            id: p.map(|p| p.id),
            name: p.map(|p| p.name.clone()).unwrap_or_default(),
            email: p.map(|p| p.email.clone()).unwrap_or_default(),
            phone: p.map(|p| p.phone.clone()).unwrap_or_default(),
            title: p.map(|p| p.title.clone()).unwrap_or_default(),
            organization_id: p.and_then(|p| p.organization_id).map(|o| o.to_string()).unwrap_or_default(),
            organizations,
            consent: d.is_some_and(|d| d.consent),
            race_ethnicity: d.and_then(|d| d.race_ethnicity.clone()).unwrap_or_default(),
            gender: d.and_then(|d| d.gender.clone()).unwrap_or_default(),
            age_band: d.and_then(|d| d.age_band.clone()).unwrap_or_default(),
            primary_language: d.and_then(|d| d.primary_language.clone()).unwrap_or_default(),
            community_resident: match d.and_then(|d| d.community_resident) {
                Some(true) => "yes".into(),
                Some(false) => "no".into(),
                None => String::new(),
            },
            race_options: with_blank(RACE_ETHNICITY),
            gender_options: with_blank(GENDER),
            age_options: with_blank(AGE_BANDS),
            resident_options: vec![
                (String::new(), t.get("not-shared")),
                ("yes".into(), t.get("yes")),
                ("no".into(), t.get("no")),
            ],
            errors: Errors::default(),
        }
    }

    fn read(&mut self, f: &FormData, t: Tr) -> Option<PersonInput> {
        self.name = f.get("name").to_string();
        self.email = f.get("email").trim().to_string();
        self.phone = f.get("phone").trim().to_string();
        self.title = f.get("title").to_string();
        self.organization_id = f.get("organization_id").to_string();
        self.consent = f.checked("consent");
        self.race_ethnicity = f.get("race_ethnicity").to_string();
        self.gender = f.get("gender").to_string();
        self.age_band = f.get("age_band").to_string();
        self.primary_language = f.get("primary_language").to_string();
        self.community_resident = f.get("community_resident").to_string();
        let organization_id = match self.organization_id.as_str() {
            "" => None,
            v => match v.parse() {
                Ok(id) => Some(id),
                Err(_) => {
                    self.errors.add("organization_id", t.get("choose-from-list"));
                    None
                }
            },
        };
        let any_demographics =
            [&self.race_ethnicity, &self.gender, &self.age_band, &self.primary_language, &self.community_resident]
                .iter()
                .any(|v| !v.trim().is_empty());
        let demographics = if self.consent || any_demographics {
            Some(Demographics {
                consent: self.consent,
                race_ethnicity: f.opt("race_ethnicity"),
                gender: f.opt("gender"),
                age_band: f.opt("age_band"),
                primary_language: f.opt("primary_language"),
                community_resident: match self.community_resident.as_str() {
                    "yes" => Some(true),
                    "no" => Some(false),
                    _ => None,
                },
            })
        } else {
            None
        };
        let input = PersonInput {
            name: self.name.clone(),
            email: self.email.clone(),
            phone: self.phone.clone(),
            organization_id,
            title: self.title.clone(),
            demographics,
        };
        if let Err(inv) = input.validate() {
            for fe in inv.0 {
                let name = fe.field.strip_prefix("demographics.").unwrap_or(&fe.field).to_string();
                self.errors.add(&name, fe.reason);
            }
        }
        if self.errors.is_empty() {
            Some(input)
        } else {
            None
        }
    }
}

async fn person_new(State(s): State<AppState>, req: Req, Path(slug): Path<String>) -> PageResult {
    let (i, access) = req.initiative(&s, &slug).await?;
    req.require(&access, access.can_manage_people_and_tables())?;
    let orgs = s.store.organizations(i.id).await.map_err(|e| req.err(e))?;
    let page = req.page(req.t.get("person-new-title"), Some((&i, &access)), "people");
    render(&PersonFormPage::new(page, i, req.t, &orgs, None), req.t)
}

async fn person_create(
    State(s): State<AppState>,
    req: Req,
    Path(slug): Path<String>,
    Form(f): Form<Vec<(String, String)>>,
) -> PageResult {
    let f = FormData(f);
    let (i, access) = req.initiative(&s, &slug).await?;
    req.require(&access, access.can_manage_people_and_tables())?;
    f.csrf(&req)?;
    let orgs = s.store.organizations(i.id).await.map_err(|e| req.err(e))?;
    let page = req.page(req.t.get("person-new-title"), Some((&i, &access)), "people");
    let mut form = PersonFormPage::new(page, i.clone(), req.t, &orgs, None);
    if let Some(input) = form.read(&f, req.t) {
        match s.store.create_person(&req.viewer.actor(), i.id, &input).await {
            Ok(p) => return Ok(see_other(&format!("/i/{slug}/people/{}?notice=created", p.id))),
            Err(e) => {
                form.errors = Errors::from_app(&e.into()).ok_or_else(|| req.err(AppError::Internal("save".into())))?
            }
        }
    }
    render_invalid(&form, req.t)
}

async fn person_edit(State(s): State<AppState>, req: Req, Path((slug, id)): Path<(String, i64)>) -> PageResult {
    let (i, access) = req.initiative(&s, &slug).await?;
    req.require(&access, access.can_manage_people_and_tables())?;
    let orgs = s.store.organizations(i.id).await.map_err(|e| req.err(e))?;
    let p = s.store.person(i.id, id).await.map_err(|e| req.err(e))?;
    let page = req.page(req.t.with("person-edit-title", "name", &p.name), Some((&i, &access)), "people");
    render(&PersonFormPage::new(page, i, req.t, &orgs, Some(&p)), req.t)
}

async fn person_update(
    State(s): State<AppState>,
    req: Req,
    Path((slug, id)): Path<(String, i64)>,
    Form(f): Form<Vec<(String, String)>>,
) -> PageResult {
    let f = FormData(f);
    let (i, access) = req.initiative(&s, &slug).await?;
    req.require(&access, access.can_manage_people_and_tables())?;
    f.csrf(&req)?;
    let orgs = s.store.organizations(i.id).await.map_err(|e| req.err(e))?;
    let p = s.store.person(i.id, id).await.map_err(|e| req.err(e))?;
    let page = req.page(req.t.with("person-edit-title", "name", &p.name), Some((&i, &access)), "people");
    let mut form = PersonFormPage::new(page, i.clone(), req.t, &orgs, Some(&p));
    if let Some(input) = form.read(&f, req.t) {
        match s.store.update_person(&req.viewer.actor(), i.id, id, &input).await {
            Ok(_) => return Ok(see_other(&format!("/i/{slug}/people/{id}?notice=saved"))),
            Err(e) => {
                form.errors = Errors::from_app(&e.into()).ok_or_else(|| req.err(AppError::Internal("save".into())))?
            }
        }
    }
    render_invalid(&form, req.t)
}

// ---------------------------------------------------------------- tables

#[derive(Template)]
#[template(path = "tables.html")]
struct TablesPage {
    page: PageCtx,
    i: Initiative,
    tables: Vec<Table>,
    can_manage: bool,
}

async fn table_list(State(s): State<AppState>, req: Req, Path(slug): Path<String>) -> PageResult {
    let (i, access) = req.initiative(&s, &slug).await?;
    let tables = s.store.tables(i.id).await.map_err(|e| req.err(e))?;
    let page = TablesPage {
        page: req.page(req.t.get("tables-title"), Some((&i, &access)), "tables"),
        can_manage: access.can_manage_people_and_tables(),
        i,
        tables,
    };
    render(&page, req.t)
}

/// A suppressed one-way table ready to show: (label, shown value).
type ShownRows = Vec<(String, String)>;

#[derive(Template)]
#[template(path = "table.html")]
struct TablePage {
    page: PageCtx,
    i: Initiative,
    table: Table,
    current: Vec<Membership>,
    past: Vec<Membership>,
    can_see_members: bool,
    can_manage: bool,
    demographics: Vec<(String, ShownRows)>,
    people: Vec<(String, String)>,
    roles: Vec<(String, String)>,
    today: String,
    errors: Errors,
    form_person: String,
    form_role: String,
    form_start: String,
}

fn shown(t: &Tr, title_key: &str, table: &backbone_core::tables::composition::Breakdown) -> (String, ShownRows) {
    let label = |k: &str| {
        let key = format!("demo-value-{k}");
        if t.has(&key) {
            t.get(&key)
        } else {
            k.to_string()
        }
    };
    let mut rows: ShownRows = table.cells.iter().map(|(k, c)| (label(k), cell_text(t, c))).collect();
    rows.push((t.get("total"), cell_text(t, &table.total)));
    (t.get(title_key), rows)
}

async fn table_page(
    s: &AppState,
    req: &Req,
    i: Initiative,
    access: Access,
    id: Id,
    errors: Errors,
    form: Option<&FormData>,
) -> PageResult {
    let e = |e| req.err(e);
    let table = s.store.table(i.id, id).await.map_err(e)?;
    let today = chrono::Utc::now().date_naive();
    let (current, past) = if access.can_view_memberships() {
        s.store.memberships(i.id, Some(id), None).await.map_err(e)?.into_iter().partition(|m| m.is_current(today))
    } else {
        (Vec::new(), Vec::new())
    };
    let d: Composition = view::table_demographics(s, i.id, id).await.map_err(|e| req.err(e))?;
    let demographics = vec![
        shown(&req.t, "demo-shared", &d.reported),
        shown(&req.t, "demo-race", &d.race_ethnicity),
        shown(&req.t, "demo-gender", &d.gender),
        shown(&req.t, "demo-resident", &d.community_resident),
    ];
    let people = if access.can_manage_people_and_tables() {
        s.store
            .people(i.id)
            .await
            .map_err(e)?
            .into_iter()
            .filter(|p| !current.iter().any(|m: &Membership| m.person_id == p.id))
            .map(|p| {
                let label = match &p.organization_name {
                    Some(o) => format!("{} — {}", p.name, o),
                    None => format!("{} — {}", p.name, req.t.get("resident")),
                };
                (p.id.to_string(), label)
            })
            .collect()
    } else {
        Vec::new()
    };
    let page = TablePage {
        page: req.page(table.name.clone(), Some((&i, &access)), "tables"),
        can_see_members: access.can_view_memberships(),
        can_manage: access.can_manage_people_and_tables(),
        roles: options(MemberRole::ALL, req.t, MemberRole::label_key, MemberRole::as_str),
        today: today.to_string(),
        form_person: form.map(|f| f.get("person_id").to_string()).unwrap_or_default(),
        form_role: form.map(|f| f.get("role").to_string()).unwrap_or_else(|| "member".into()),
        form_start: form.map(|f| f.get("start_date").to_string()).unwrap_or_else(|| today.to_string()),
        i,
        table,
        current,
        past,
        demographics,
        people,
        errors,
    };
    render_form(&page, &page.errors, req.t)
}

async fn table_show(State(s): State<AppState>, req: Req, Path((slug, id)): Path<(String, i64)>) -> PageResult {
    let (i, access) = req.initiative(&s, &slug).await?;
    table_page(&s, &req, i, access, id, Errors::default(), None).await
}

async fn member_add(
    State(s): State<AppState>,
    req: Req,
    Path((slug, id)): Path<(String, i64)>,
    Form(f): Form<Vec<(String, String)>>,
) -> PageResult {
    let f = FormData(f);
    let (i, access) = req.initiative(&s, &slug).await?;
    req.require(&access, access.can_manage_people_and_tables())?;
    f.csrf(&req)?;
    let mut errors = Errors::default();
    let person_id =
        f.get("person_id").parse::<i64>().map_err(|_| errors.add("person_id", req.t.get("choose-from-list"))).ok();
    let role = MemberRole::parse(f.get("role"));
    if role.is_none() {
        errors.add("role", req.t.get("choose-from-list"));
    }
    let start = f
        .get("start_date")
        .parse::<chrono::NaiveDate>()
        .map_err(|_| errors.add("start_date", req.t.get("date-format")))
        .ok();
    if let (Some(person_id), Some(role), Some(start_date)) = (person_id, role, start) {
        let input = MembershipInput { person_id, role, start_date, end_date: None };
        match s.store.add_membership(&req.viewer.actor(), i.id, id, &input).await {
            Ok(_) => return Ok(see_other(&format!("/i/{slug}/tables/{id}?notice=member-added"))),
            Err(e) => errors = Errors::from_app(&e.into()).ok_or_else(|| req.err(AppError::Internal("save".into())))?,
        }
    }
    table_page(&s, &req, i, access, id, errors, Some(&f)).await
}

async fn member_end(
    State(s): State<AppState>,
    req: Req,
    Path((slug, id, mid)): Path<(String, i64, i64)>,
    Form(f): Form<Vec<(String, String)>>,
) -> PageResult {
    let f = FormData(f);
    let (i, access) = req.initiative(&s, &slug).await?;
    req.require(&access, access.can_manage_people_and_tables())?;
    f.csrf(&req)?;
    let end = f.get("end_date").parse::<chrono::NaiveDate>().unwrap_or_else(|_| chrono::Utc::now().date_naive());
    match s
        .store
        .update_membership(&req.viewer.actor(), i.id, mid, &MembershipUpdate { role: None, end_date: Some(end) })
        .await
    {
        Ok(_) => Ok(see_other(&format!("/i/{slug}/tables/{id}?notice=member-ended"))),
        Err(e) => {
            let errors = Errors::from_app(&e.into()).ok_or_else(|| req.err(AppError::Internal("save".into())))?;
            table_page(&s, &req, i, access, id, errors, None).await
        }
    }
}

#[derive(Template)]
#[template(path = "table_form.html")]
struct TableFormPage {
    page: PageCtx,
    i: Initiative,
    id: Option<Id>,
    name: String,
    kind: String,
    purpose: String,
    result_key: String,
    kinds: Vec<(String, String)>,
    results: Vec<(String, String)>,
    errors: Errors,
}

async fn table_form(
    s: &AppState,
    req: &Req,
    i: &Initiative,
    access: &Access,
    t: Option<&Table>,
) -> Result<TableFormPage, PageError> {
    let agenda = s.store.current_agenda(i.id).await.map_err(|e| req.err(e))?;
    let mut results = vec![(String::new(), req.t.get("no-result"))];
    if let Some(a) = agenda {
        results.extend(a.results.into_iter().map(|r| (r.key, r.title)));
    }
    let title = match t {
        Some(t) => req.t.with("table-edit-title", "name", &t.name),
        None => req.t.get("table-new-title"),
    };
    Ok(TableFormPage {
        page: req.page(title, Some((i, access)), "tables"),
        i: i.clone(),
        id: t.map(|t| t.id),
        name: t.map(|t| t.name.clone()).unwrap_or_default(),
        kind: t.map(|t| t.kind.as_str()).unwrap_or("working_group").to_string(),
        purpose: t.map(|t| t.purpose.clone()).unwrap_or_default(),
        result_key: t.and_then(|t| t.result_key.clone()).unwrap_or_default(),
        kinds: options(TableKind::ALL, req.t, TableKind::label_key, TableKind::as_str),
        results,
        errors: Errors::default(),
    })
}

fn read_table(form: &mut TableFormPage, f: &FormData, t: Tr) -> Option<TableInput> {
    form.name = f.get("name").to_string();
    form.kind = f.get("kind").to_string();
    form.purpose = f.get("purpose").to_string();
    form.result_key = f.get("result_key").to_string();
    let Some(kind) = TableKind::parse(&form.kind) else {
        form.errors.add("kind", t.get("choose-from-list"));
        return None;
    };
    let input =
        TableInput { name: form.name.clone(), kind, purpose: form.purpose.clone(), result_key: f.opt("result_key") };
    match input.validate() {
        Ok(()) => Some(input),
        Err(inv) => {
            form.errors = Errors::from_invalid(&inv);
            None
        }
    }
}

async fn table_new(State(s): State<AppState>, req: Req, Path(slug): Path<String>) -> PageResult {
    let (i, access) = req.initiative(&s, &slug).await?;
    req.require(&access, access.can_manage_people_and_tables())?;
    render(&table_form(&s, &req, &i, &access, None).await?, req.t)
}

async fn table_create(
    State(s): State<AppState>,
    req: Req,
    Path(slug): Path<String>,
    Form(f): Form<Vec<(String, String)>>,
) -> PageResult {
    let f = FormData(f);
    let (i, access) = req.initiative(&s, &slug).await?;
    req.require(&access, access.can_manage_people_and_tables())?;
    f.csrf(&req)?;
    let mut form = table_form(&s, &req, &i, &access, None).await?;
    if let Some(input) = read_table(&mut form, &f, req.t) {
        match s.store.create_table(&req.viewer.actor(), i.id, &input).await {
            Ok(t) => return Ok(see_other(&format!("/i/{slug}/tables/{}?notice=created", t.id))),
            Err(e) => {
                form.errors = Errors::from_app(&e.into()).ok_or_else(|| req.err(AppError::Internal("save".into())))?
            }
        }
    }
    render_invalid(&form, req.t)
}

async fn table_edit(State(s): State<AppState>, req: Req, Path((slug, id)): Path<(String, i64)>) -> PageResult {
    let (i, access) = req.initiative(&s, &slug).await?;
    req.require(&access, access.can_manage_people_and_tables())?;
    let t = s.store.table(i.id, id).await.map_err(|e| req.err(e))?;
    render(&table_form(&s, &req, &i, &access, Some(&t)).await?, req.t)
}

async fn table_update(
    State(s): State<AppState>,
    req: Req,
    Path((slug, id)): Path<(String, i64)>,
    Form(f): Form<Vec<(String, String)>>,
) -> PageResult {
    let f = FormData(f);
    let (i, access) = req.initiative(&s, &slug).await?;
    req.require(&access, access.can_manage_people_and_tables())?;
    f.csrf(&req)?;
    let t = s.store.table(i.id, id).await.map_err(|e| req.err(e))?;
    let mut form = table_form(&s, &req, &i, &access, Some(&t)).await?;
    if let Some(input) = read_table(&mut form, &f, req.t) {
        match s.store.update_table(&req.viewer.actor(), i.id, id, &input).await {
            Ok(_) => return Ok(see_other(&format!("/i/{slug}/tables/{id}?notice=saved"))),
            Err(e) => {
                form.errors = Errors::from_app(&e.into()).ok_or_else(|| req.err(AppError::Internal("save".into())))?
            }
        }
    }
    render_invalid(&form, req.t)
}

// ---------------------------------------------------------------- access (roles)

/// One role held by one user, ready to show and to revoke.
pub struct GrantRow {
    pub user_id: Id,
    pub user_name: String,
    pub username: String,
    pub role: Role,
    pub organization_id: Option<Id>,
    pub organization_name: Option<String>,
}

#[derive(Template)]
#[template(path = "access.html")]
struct AccessPage {
    page: PageCtx,
    i: Initiative,
    grants: Vec<GrantRow>,
    roles: Vec<(String, String)>,
    organizations: Vec<(String, String)>,
    username: String,
    display_name: String,
    role: String,
    organization_id: String,
    errors: Errors,
}

async fn access_view(
    s: &AppState,
    req: &Req,
    i: Initiative,
    access: &Access,
    errors: Errors,
    f: Option<&FormData>,
) -> PageResult {
    let e = |e| req.err(e);
    let users = s.store.users().await.map_err(e)?;
    let orgs = s.store.organizations(i.id).await.map_err(e)?;
    let mut grants: Vec<GrantRow> = s
        .store
        .grants_in_initiative(i.id)
        .await
        .map_err(e)?
        .into_iter()
        .filter_map(|g| {
            let u = users.iter().find(|u| u.id == g.user_id)?;
            Some(GrantRow {
                user_id: u.id,
                user_name: u.display_name.clone(),
                username: u.username.clone(),
                role: g.role,
                organization_id: g.organization_id,
                organization_name: g
                    .organization_id
                    .and_then(|o| orgs.iter().find(|x| x.id == o))
                    .map(|o| o.name.clone()),
            })
        })
        .collect();
    grants.sort_by_key(|g| (g.role, g.user_name.to_lowercase()));
    let mut organizations = vec![(String::new(), req.t.get("access-no-organization"))];
    organizations.extend(orgs.iter().map(|o| (o.id.to_string(), o.name.clone())));
    let page = AccessPage {
        page: req.page(req.t.get("access-title"), Some((&i, access)), "access"),
        grants,
        roles: options(Role::ALL, req.t, Role::label_key, Role::as_str),
        organizations,
        username: f.map(|f| f.get("username").to_string()).unwrap_or_default(),
        display_name: f.map(|f| f.get("display_name").to_string()).unwrap_or_default(),
        role: f.map(|f| f.get("role").to_string()).unwrap_or_else(|| "table_member".into()),
        organization_id: f.map(|f| f.get("organization_id").to_string()).unwrap_or_default(),
        errors,
        i,
    };
    render_form(&page, &page.errors, req.t)
}

async fn access_page(State(s): State<AppState>, req: Req, Path(slug): Path<String>) -> PageResult {
    let (i, access) = req.initiative(&s, &slug).await?;
    req.require(&access, access.can_manage_roles())?;
    access_view(&s, &req, i, &access, Errors::default(), None).await
}

/// Gives someone a role; someone new to the server gets an account first, with the name and
/// first password typed here (they can change it later with `backbone admin reset-password`).
async fn access_add(
    State(s): State<AppState>,
    req: Req,
    Path(slug): Path<String>,
    Form(f): Form<Vec<(String, String)>>,
) -> PageResult {
    let f = FormData(f);
    let (i, access) = req.initiative(&s, &slug).await?;
    req.require(&access, access.can_manage_roles())?;
    f.csrf(&req)?;
    let mut errors = Errors::default();
    let role = Role::parse(f.get("role"));
    if role.is_none() {
        errors.add("role", req.t.get("choose-from-list"));
    }
    let organization_id = f.opt("organization_id").and_then(|v| v.parse::<Id>().ok());
    let username = f.get("username").trim().to_string();
    if username.is_empty() {
        errors.add("username", req.t.get("access-need-username"));
    }
    if let (Some(role), true) = (role, errors.is_empty()) {
        let mut grant = RoleGrantInput { user_id: 0, role, organization_id };
        match grant.validate() {
            Err(inv) => errors = Errors::from_invalid(&inv),
            Ok(()) => {
                let existing = s.store.credentials(&username).await.map_err(|e| req.err(e))?.map(|c| c.user);
                let user = match existing {
                    Some(u) => Some(u),
                    None => {
                        let input = NewUser {
                            username: username.clone(),
                            display_name: f.get("display_name").to_string(),
                            password: f.get("password").to_string(),
                            server_admin: false,
                        };
                        match input.validate() {
                            Err(inv) => {
                                errors = Errors::from_invalid(&inv);
                                None
                            }
                            Ok(()) => {
                                let hash = auth::hash_password(&input.password).map_err(|e| req.err(e))?;
                                match s.store.create_user(&req.viewer.actor(), &input, &hash).await {
                                    Ok(u) => Some(u),
                                    Err(e) => {
                                        errors = Errors::from_app(&e.into()).unwrap_or_default();
                                        None
                                    }
                                }
                            }
                        }
                    }
                };
                if let Some(u) = user {
                    grant.user_id = u.id;
                    match s.store.grant_role(&req.viewer.actor(), i.id, &grant).await {
                        Ok(_) => return Ok(see_other(&format!("/i/{slug}/access?notice=saved"))),
                        Err(e) => {
                            errors = Errors::from_app(&e.into())
                                .ok_or_else(|| req.err(AppError::Internal("grant".into())))?
                        }
                    }
                }
            }
        }
    }
    access_view(&s, &req, i, &access, errors, Some(&f)).await
}

async fn access_revoke(
    State(s): State<AppState>,
    req: Req,
    Path(slug): Path<String>,
    Form(f): Form<Vec<(String, String)>>,
) -> PageResult {
    let f = FormData(f);
    let (i, access) = req.initiative(&s, &slug).await?;
    req.require(&access, access.can_manage_roles())?;
    f.csrf(&req)?;
    let bad = || req.err(AppError::BadRequest(req.t.get("choose-from-list")));
    let grant = RoleGrantInput {
        user_id: f.get("user_id").parse().map_err(|_| bad())?,
        role: Role::parse(f.get("role")).ok_or_else(bad)?,
        organization_id: f.opt("organization_id").and_then(|v| v.parse().ok()),
    };
    if Some(grant.user_id) == req.viewer.user_id() && grant.role == Role::Admin {
        // Keep at least the person doing this from locking themselves out by accident.
        let mut errors = Errors::default();
        errors.add("revoke", req.t.get("access-not-yourself"));
        return access_view(&s, &req, i, &access, errors, None).await;
    }
    s.store.revoke_role(&req.viewer.actor(), i.id, &grant).await.map_err(|e| req.err(e))?;
    Ok(see_other(&format!("/i/{slug}/access?notice=saved")))
}

// ---------------------------------------------------------------- audit

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage {
    page: PageCtx,
    i: Initiative,
    entries: Vec<AuditEntry>,
    older: Option<Id>,
}

impl AuditPage {
    fn pretty(v: &Option<serde_json::Value>) -> String {
        v.as_ref().map(|v| serde_json::to_string_pretty(v).unwrap_or_default()).unwrap_or_default()
    }
}

async fn audit(
    State(s): State<AppState>,
    req: Req,
    Path(slug): Path<String>,
    axum::extract::Query(q): axum::extract::Query<HashMap<String, String>>,
) -> PageResult {
    let (i, access) = req.initiative(&s, &slug).await?;
    req.require(&access, access.can_view_audit())?;
    let before_id = q.get("before").and_then(|v| v.parse().ok());
    let limit = 50;
    let entries = s
        .store
        .audit(&AuditQuery { initiative_id: Some(i.id), entity: None, before_id, limit })
        .await
        .map_err(|e| req.err(e))?;
    let older = if entries.len() as i64 == limit { entries.last().map(|e| e.id) } else { None };
    render(
        &AuditPage { page: req.page(req.t.get("audit-title"), Some((&i, &access)), "audit"), i, entries, older },
        req.t,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_come_from_titles_and_stay_unique() {
        let mut taken = vec![];
        assert_eq!(key_from_title("Kindergarten Readiness", &mut taken), "kindergarten-readiness");
        assert_eq!(key_from_title("Kindergarten readiness!", &mut taken), "kindergarten-readiness-2");
        assert_eq!(key_from_title("3rd-grade reading", &mut taken), "r-3rd-grade-reading");
        assert_eq!(key_from_title("¡!", &mut taken), "result");
    }

    #[test]
    fn sign_in_only_returns_to_local_addresses() {
        assert_eq!(safe_next("/i/riverbend/people"), "/i/riverbend/people");
        assert_eq!(safe_next("//evil.example"), "/");
        assert_eq!(safe_next("https://evil.example"), "/");
    }

    #[test]
    fn unchanged_strategies_keep_their_keys() {
        let previous = vec![AgendaResult {
            key: "early-grade-reading".into(),
            title: "Reading".into(),
            description: String::new(),
            strategies: vec![Strategy {
                key: "summer-reading".into(),
                title: "Summer reading".into(),
                description: "June–August".into(),
            }],
        }];
        let f = FormData(vec![
            ("result-0-key".into(), "early-grade-reading".into()),
            ("result-0-title".into(), "Reading by third grade".into()),
            ("result-0-description".into(), String::new()),
            ("result-0-strategies".into(), "Summer reading\nFamily literacy nights".into()),
            ("result-1-key".into(), String::new()),
            ("result-1-title".into(), String::new()),
            ("result-1-description".into(), String::new()),
            ("result-1-strategies".into(), String::new()),
        ]);
        let (results, forms) = results_from_form(&f, &previous);
        assert_eq!(forms.len(), 2);
        assert_eq!(results.len(), 1);
        assert_eq!(results[0].key, "early-grade-reading");
        assert_eq!(results[0].strategies[0].key, "summer-reading");
        assert_eq!(results[0].strategies[0].description, "June–August");
        assert_eq!(results[0].strategies[1].key, "family-literacy-nights");
    }
}
