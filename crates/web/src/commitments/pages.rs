//! The pages of this capability: the list of commitments, each commitment with its history and
//! the form to change its status, and the form to make or change one.

use crate::commitments::{listed, Listed};
use crate::http::prelude::*;
use backbone_core::activities::alignment;
use backbone_core::commitments::*;
use std::collections::HashMap;

pub fn routes() -> PageRoutes {
    PageRoutes::new()
        .get("/i/{slug}/commitments", commitment_list)
        .get_post("/i/{slug}/commitments/new", commitment_new, commitment_create)
        .get("/i/{slug}/commitments/{id}", commitment_show)
        .get_post("/i/{slug}/commitments/{id}/edit", commitment_edit, commitment_update)
        .post("/i/{slug}/commitments/{id}/status", commitment_status)
}

#[derive(Template)]
#[template(path = "commitments/templates/list.html")]
struct ListPage {
    page: PageCtx,
    i: Initiative,
    rows: Vec<Listed>,
    organizations: Vec<(String, String)>,
    standings: Vec<(String, String)>,
    organization: String,
    standing: String,
    can_make: bool,
    no_errors: Errors,
}

async fn commitment_list(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    axum::extract::Query(q): axum::extract::Query<HashMap<String, String>>,
) -> PageResult {
    req.require(&access, access.can_view_commitments())?;
    let organization = q.get("organization").cloned().unwrap_or_default();
    let standing = q.get("standing").cloned().unwrap_or_default();
    let query = CommitmentQuery { organization_id: organization.parse().ok(), ..Default::default() };
    let mut rows = listed(&s, i.id, &query).await.map_err(|e| req.err(e))?;
    if let Some(st) = Standing::parse(&standing) {
        rows.retain(|r| r.standing == st);
    }
    let mut organizations = vec![(String::new(), req.t.get("activities-any-organization"))];
    organizations.extend(
        s.store.organizations(i.id).await.map_err(|e| req.err(e))?.into_iter().map(|o| (o.id.to_string(), o.name)),
    );
    let mut standings = vec![(String::new(), req.t.get("commitments-any-standing"))];
    standings.extend(options(Standing::ALL, req.t, Standing::label_key, Standing::as_str));
    let page = ListPage {
        page: req.page(req.t.get("commitments-title"), Some((&i, &access)), "commitments"),
        can_make: access.can_make_commitments(),
        rows,
        organizations,
        standings,
        organization,
        standing,
        no_errors: Errors::default(),
        i,
    };
    render(&page, req.t)
}

#[derive(Template)]
#[template(path = "commitments/templates/show.html")]
struct ShowPage {
    page: PageCtx,
    i: Initiative,
    l: Listed,
    strategy: String,
    indicator: Option<(String, String)>,
    activity: Option<(Id, String)>,
    table: Option<(Id, String)>,
    history: Vec<CommitmentEvent>,
    can_manage: bool,
    statuses: Vec<(String, String)>,
    status: String,
    due_on: String,
    reason: String,
    errors: Errors,
}

async fn show_page(
    s: &AppState,
    req: &Req,
    i: Initiative,
    access: Access,
    id: Id,
    form: Option<(StatusChange, Errors)>,
) -> Result<ShowPage, PageError> {
    let e = |e| req.err(e);
    let c = s.store.commitment(i.id, id).await.map_err(e)?;
    let l = listed(s, i.id, &CommitmentQuery { organization_id: c.organization_id, ..Default::default() })
        .await
        .map_err(|err| req.err(err))?
        .into_iter()
        .find(|l| l.c.id == id)
        .ok_or_else(|| req.err(AppError::NotFound("commitment")))?;
    let strategies = alignment::strategies_of(s.store.current_agenda(i.id).await.map_err(e)?.as_ref());
    let strategy = c
        .strategy_key
        .as_ref()
        .map(|k| strategies.iter().find(|st| &st.key == k).map(|st| st.title.clone()).unwrap_or_else(|| k.clone()))
        .unwrap_or_default();
    let indicator = match &c.indicator_key {
        Some(k) => s
            .store
            .indicator(i.id, k)
            .await
            .ok()
            .filter(|ind| access.can_view_indicator(ind.published))
            .map(|ind| (ind.key, ind.name)),
        None => None,
    };
    let activity = match c.activity_id {
        Some(a) => s.store.activity(i.id, a).await.ok().map(|a| (a.id, a.name)),
        None => None,
    };
    let table = match c.table_id {
        Some(t) => s.store.table(i.id, t).await.ok().map(|t| (t.id, t.name)),
        None => None,
    };
    let history = s.store.commitment_history(i.id, id).await.map_err(e)?;
    let (status, due_on, reason, errors) = match form {
        Some((change, errors)) => (
            change.status.as_str().to_string(),
            change.due_on.map(|d| d.to_string()).unwrap_or_default(),
            change.reason,
            errors,
        ),
        None => (c.status.as_str().to_string(), c.due_on.to_string(), String::new(), Errors::default()),
    };
    Ok(ShowPage {
        page: req.page(c.title.clone(), Some((&i, &access)), "commitments"),
        can_manage: access.can_manage_commitment(c.organization_id),
        statuses: options(CommitmentStatus::ALL, req.t, CommitmentStatus::label_key, CommitmentStatus::as_str),
        i,
        l,
        strategy,
        indicator,
        activity,
        table,
        history,
        status,
        due_on,
        reason,
        errors,
    })
}

async fn commitment_show(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
) -> PageResult {
    req.require(&access, access.can_view_commitments())?;
    render(&show_page(&s, &req, i, access, id, None).await?, req.t)
}

async fn commitment_status(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
    f: FormData,
) -> PageResult {
    let c = s.store.commitment(i.id, id).await.map_err(|e| req.err(e))?;
    req.require(&access, access.can_manage_commitment(c.organization_id))?;
    let mut errors = Errors::default();
    let status = CommitmentStatus::parse(f.get("status"));
    if status.is_none() {
        errors.add("status", req.t.get("choose-from-list"));
    }
    let due_on = match f.opt("due_on") {
        Some(d) => match d.parse::<chrono::NaiveDate>() {
            Ok(d) => Some(d),
            Err(_) => {
                errors.add("due_on", req.t.get("activity-date"));
                None
            }
        },
        None => None,
    };
    let change = StatusChange { status: status.unwrap_or(c.status), reason: f.get("reason").to_string(), due_on };
    if errors.is_empty() {
        match s.store.change_commitment_status(&req.viewer.actor(), i.id, id, &change).await {
            Ok(_) => return Ok(see_other(&format!("/i/{}/commitments/{id}?notice=saved", i.slug))),
            Err(e) => errors = req.form_errors(e)?,
        }
    }
    render_invalid(&show_page(&s, &req, i, access, id, Some((change, errors))).await?, req.t)
}

#[derive(Template)]
#[template(path = "commitments/templates/form.html")]
struct FormPage {
    page: PageCtx,
    i: Initiative,
    id: Option<Id>,
    organization_id: String,
    person_id: String,
    title: String,
    details: String,
    due_on: String,
    strategy_key: String,
    indicator_key: String,
    activity_id: String,
    table_id: String,
    meeting_id: String,
    decision_id: String,
    organizations: Vec<(String, String)>,
    people: Vec<(String, String)>,
    strategies: Vec<(String, String)>,
    indicators: Vec<(String, String)>,
    activities: Vec<(String, String)>,
    tables: Vec<(String, String)>,
    meetings: Vec<(String, String)>,
    decisions: Vec<(String, String)>,
    errors: Errors,
}

impl FormPage {
    async fn new(
        s: &AppState,
        req: &Req,
        i: &Initiative,
        access: &Access,
        c: Option<&Commitment>,
    ) -> Result<FormPage, PageError> {
        let e = |e| req.err(e);
        let none = || (String::new(), req.t.get("commitment-none"));
        let mut organizations = Vec::new();
        if access.is_admin() {
            organizations.push((String::new(), req.t.get("commitment-no-organization")));
        }
        let orgs = s.store.organizations(i.id).await.map_err(e)?;
        organizations.extend(
            orgs.iter()
                .filter(|o| access.can_manage_commitment(Some(o.id)))
                .map(|o| (o.id.to_string(), o.name.clone())),
        );
        let mine: Vec<Id> = orgs.iter().filter(|o| access.can_manage_commitment(Some(o.id))).map(|o| o.id).collect();
        let mut people = vec![none()];
        people.extend(
            s.store
                .people(i.id)
                .await
                .map_err(e)?
                .into_iter()
                .filter(|p| access.is_admin() || p.organization_id.is_some_and(|o| mine.contains(&o)))
                .map(|p| (p.id.to_string(), p.name)),
        );
        let mut strategies = vec![none()];
        strategies.extend(
            alignment::strategies_of(s.store.current_agenda(i.id).await.map_err(e)?.as_ref())
                .into_iter()
                .map(|st| (st.key, format!("{} — {}", st.title, st.result_title))),
        );
        let mut indicators = vec![none()];
        indicators.extend(s.store.indicators(i.id).await.map_err(e)?.into_iter().map(|x| (x.key, x.name)));
        let mut activities = vec![none()];
        activities.extend(
            s.store
                .activities(i.id, &Default::default())
                .await
                .map_err(e)?
                .into_iter()
                .map(|a| (a.id.to_string(), a.name)),
        );
        let mut tables = vec![none()];
        tables.extend(s.store.tables(i.id).await.map_err(e)?.into_iter().map(|t| (t.id.to_string(), t.name)));
        let mut meetings = vec![none()];
        meetings.extend(
            s.store
                .meetings(i.id, &Default::default())
                .await
                .map_err(e)?
                .into_iter()
                .rev()
                .map(|m| (m.id.to_string(), m.title)),
        );
        let mut decisions = vec![none()];
        decisions.extend(
            s.store
                .decisions(i.id, &Default::default())
                .await
                .map_err(e)?
                .into_iter()
                .map(|d| (d.id.to_string(), d.title)),
        );
        let text = |v: Option<String>| v.unwrap_or_default();
        let title = match c {
            Some(c) => req.t.with("commitment-edit-title", "title", &c.title),
            None => req.t.get("commitment-new-title"),
        };
        Ok(FormPage {
            page: req.page(title, Some((i, access)), "commitments"),
            i: i.clone(),
            id: c.map(|c| c.id),
            organization_id: text(c.and_then(|c| c.organization_id).map(|v| v.to_string())),
            person_id: text(c.and_then(|c| c.person_id).map(|v| v.to_string())),
            title: text(c.map(|c| c.title.clone())),
            details: text(c.map(|c| c.details.clone())),
            due_on: text(c.map(|c| c.due_on.to_string())),
            strategy_key: text(c.and_then(|c| c.strategy_key.clone())),
            indicator_key: text(c.and_then(|c| c.indicator_key.clone())),
            activity_id: text(c.and_then(|c| c.activity_id).map(|v| v.to_string())),
            table_id: text(c.and_then(|c| c.table_id).map(|v| v.to_string())),
            meeting_id: text(c.and_then(|c| c.meeting_id).map(|v| v.to_string())),
            decision_id: text(c.and_then(|c| c.decision_id).map(|v| v.to_string())),
            organizations,
            people,
            strategies,
            indicators,
            activities,
            tables,
            meetings,
            decisions,
            errors: Errors::default(),
        })
    }

    fn read(&mut self, f: &FormData, t: Tr) -> Option<CommitmentInput> {
        self.organization_id = f.get("organization_id").to_string();
        self.person_id = f.get("person_id").to_string();
        self.title = f.get("title").to_string();
        self.details = f.get("details").to_string();
        self.due_on = f.get("due_on").trim().to_string();
        self.strategy_key = f.get("strategy_key").to_string();
        self.indicator_key = f.get("indicator_key").to_string();
        self.activity_id = f.get("activity_id").to_string();
        self.table_id = f.get("table_id").to_string();
        self.meeting_id = f.get("meeting_id").to_string();
        self.decision_id = f.get("decision_id").to_string();
        let id = |v: &str| v.parse::<Id>().ok();
        let Ok(due_on) = self.due_on.parse::<chrono::NaiveDate>() else {
            self.errors.add("due_on", t.get("activity-date"));
            return None;
        };
        let input = CommitmentInput {
            organization_id: id(&self.organization_id),
            person_id: id(&self.person_id),
            title: self.title.clone(),
            details: self.details.clone(),
            due_on,
            strategy_key: f.opt("strategy_key"),
            indicator_key: f.opt("indicator_key"),
            activity_id: id(&self.activity_id),
            table_id: id(&self.table_id),
            meeting_id: id(&self.meeting_id),
            decision_id: id(&self.decision_id),
        };
        match input.validate() {
            Ok(()) => Some(input),
            Err(inv) => {
                self.errors = Errors::from_invalid(&inv);
                None
            }
        }
    }
}

async fn commitment_new(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    axum::extract::Query(q): axum::extract::Query<HashMap<String, String>>,
) -> PageResult {
    req.require(&access, access.can_make_commitments())?;
    let mut form = FormPage::new(&s, &req, &i, &access, None).await?;
    // Made from a table's, an activity's or an indicator's page: those are filled in.
    for (key, field) in [
        ("table", &mut form.table_id),
        ("meeting", &mut form.meeting_id),
        ("decision", &mut form.decision_id),
        ("activity", &mut form.activity_id),
        ("indicator", &mut form.indicator_key),
        ("strategy", &mut form.strategy_key),
    ] {
        if let Some(v) = q.get(key) {
            *field = v.clone();
        }
    }
    render(&form, req.t)
}

async fn commitment_create(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    f: FormData,
) -> PageResult {
    req.require(&access, access.can_make_commitments())?;
    let mut form = FormPage::new(&s, &req, &i, &access, None).await?;
    if let Some(input) = form.read(&f, req.t) {
        req.require(&access, access.can_manage_commitment(input.organization_id))?;
        match s.store.create_commitment(&req.viewer.actor(), i.id, &input).await {
            Ok(c) => return Ok(see_other(&format!("/i/{}/commitments/{}?notice=created", i.slug, c.id))),
            Err(e) => form.errors = req.form_errors(e)?,
        }
    }
    render_invalid(&form, req.t)
}

async fn commitment_edit(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
) -> PageResult {
    let c = s.store.commitment(i.id, id).await.map_err(|e| req.err(e))?;
    req.require(&access, access.can_manage_commitment(c.organization_id))?;
    render(&FormPage::new(&s, &req, &i, &access, Some(&c)).await?, req.t)
}

async fn commitment_update(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
    f: FormData,
) -> PageResult {
    let c = s.store.commitment(i.id, id).await.map_err(|e| req.err(e))?;
    req.require(&access, access.can_manage_commitment(c.organization_id))?;
    let mut form = FormPage::new(&s, &req, &i, &access, Some(&c)).await?;
    if let Some(input) = form.read(&f, req.t) {
        req.require(&access, access.can_manage_commitment(input.organization_id))?;
        match s.store.update_commitment(&req.viewer.actor(), i.id, id, &input).await {
            Ok(_) => return Ok(see_other(&format!("/i/{}/commitments/{id}?notice=saved", i.slug))),
            Err(e) => form.errors = req.form_errors(e)?,
        }
    }
    render_invalid(&form, req.t)
}
