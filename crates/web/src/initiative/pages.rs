//! The pages of this capability.

use crate::http::extract::visible_initiatives;
use crate::http::prelude::*;
use backbone_core::agenda::*;
use backbone_core::initiative::*;
use backbone_core::partners::*;
use backbone_core::tables::*;

pub fn routes() -> PageRoutes {
    PageRoutes::new()
        .get("/", index)
        .get("/i/{slug}", home)
        .get_post("/i/{slug}/settings", settings, save_settings)
        .post("/i/{slug}/settings/preconditions/{kind}", save_precondition)
}

#[derive(Template)]
#[template(path = "initiative/templates/home.html")]
struct HomePage {
    page: PageCtx,
    i: Initiative,
    preconditions: Vec<(PreconditionKind, Option<Precondition>)>,
    agenda: Option<AgendaVersion>,
    /// The initiative's and the agenda's words in the reader's language.
    name: backbone_core::translations::Shown,
    description: backbone_core::translations::Shown,
    agenda_text: Option<backbone_core::translations::AgendaText>,
    /// Each table's name in the reader's language.
    table_names: Vec<backbone_core::translations::Shown>,
    organizations: usize,
    resident_led: usize,
    sectors: usize,
    tables: Vec<Table>,
    people: usize,
}

async fn home(State(s): State<AppState>, req: Req, Scope { initiative: i, access }: Scope) -> PageResult {
    let e = |e| req.err(e);
    let pre = s.store.preconditions(i.id).await.map_err(e)?;
    let orgs = s.store.organizations(i.id).await.map_err(e)?;
    let mut sectors: Vec<Sector> = orgs.iter().map(|o| o.sector).collect();
    sectors.sort();
    sectors.dedup();
    let people = if access.can_view_people() { s.store.people(i.id).await.map_err(e)?.len() } else { 0 };
    let content = crate::translations::content(&s, &req, &i).await?;
    let agenda = s.store.current_agenda(i.id).await.map_err(e)?;
    let tables = s.store.tables(i.id).await.map_err(e)?;
    let (name, description) = content.initiative_text(&i);
    let page = HomePage {
        page: req.page(name.text.clone(), Some((&i, &access)), "home"),
        preconditions: PreconditionKind::ALL.iter().map(|k| (*k, pre.iter().find(|p| p.kind == *k).cloned())).collect(),
        agenda_text: agenda.as_ref().map(|a| content.agenda_text(a)),
        table_names: tables.iter().map(|t| content.table_name(t)).collect(),
        name,
        description,
        agenda,
        organizations: orgs.len(),
        resident_led: orgs.iter().filter(|o| o.resident_led).count(),
        sectors: sectors.len(),
        tables,
        people,
        i,
    };
    render(&page, req.t)
}

#[derive(Template)]
#[template(path = "initiative/templates/settings.html")]
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

async fn settings(State(s): State<AppState>, req: Req, Scope { initiative: i, access }: Scope) -> PageResult {
    req.require(&access, access.can_edit_initiative())?;
    settings_page(&s, &req, i, &access, Errors::default(), None).await
}

async fn save_settings(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    f: FormData,
) -> PageResult {
    req.require(&access, access.can_edit_initiative())?;
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
            Ok(_) => return Ok(see_other(&format!("/i/{}/settings?notice=saved", i.slug))),
            Err(e) => errors = req.form_errors(e)?,
        }
    }
    settings_page(&s, &req, i, &access, errors, Some(&f)).await
}

async fn save_precondition(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, kind)): ApiPath<(String, String)>,
    f: FormData,
) -> PageResult {
    req.require(&access, access.can_edit_initiative())?;
    let kind = PreconditionKind::parse(&kind).ok_or_else(|| req.err(AppError::NotFound("precondition")))?;
    let Some(readiness) = Readiness::parse(f.get("readiness")) else {
        let mut errors = Errors::default();
        errors.add(&format!("readiness-{}", kind.as_str()), req.t.get("choose-from-list"));
        return settings_page(&s, &req, i, &access, errors, None).await;
    };
    let input = PreconditionInput { readiness, evidence: f.get("evidence").to_string() };
    match s.store.set_precondition(&req.viewer.actor(), i.id, kind, &input).await {
        Ok(_) => Ok(see_other(&format!("/i/{}/settings?notice=saved", i.slug))),
        Err(e) => {
            let mut errors = Errors::default();
            if let Some(reason) = AppError::from(e).field_errors().first() {
                errors.add(&format!("evidence-{}", kind.as_str()), reason.reason.clone());
            }
            settings_page(&s, &req, i, &access, errors, None).await
        }
    }
}

#[derive(Template)]
#[template(path = "initiative/templates/index.html")]
struct IndexPage {
    page: PageCtx,
    initiatives: Vec<Initiative>,
}

async fn index(State(s): State<AppState>, req: Req) -> PageResult {
    let initiatives = visible_initiatives(&s, &req.viewer).await.map_err(|e| req.err(e))?;
    render(&IndexPage { page: req.page(req.t.get("index-title"), None, ""), initiatives }, req.t)
}
