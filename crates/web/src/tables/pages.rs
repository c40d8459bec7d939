//! The pages of this capability.

use crate::http::prelude::*;
use backbone_core::privacy::Cell;
use backbone_core::tables::composition::{Breakdown, Composition};
use backbone_core::tables::*;

pub fn routes() -> PageRoutes {
    PageRoutes::new()
        .get("/i/{slug}/tables", table_list)
        .get_post("/i/{slug}/tables/new", table_new, table_create)
        .get("/i/{slug}/tables/{id}", table_show)
        .get_post("/i/{slug}/tables/{id}/edit", table_edit, table_update)
        .post("/i/{slug}/tables/{id}/members", member_add)
        .post("/i/{slug}/tables/{id}/members/{mid}/end", member_end)
}

#[derive(Template)]
#[template(path = "tables/templates/list.html")]
struct TablesPage {
    page: PageCtx,
    i: Initiative,
    tables: Vec<Table>,
    /// Each table's words in the reader's language.
    texts: Vec<backbone_core::translations::TableText>,
    can_manage: bool,
}

async fn table_list(State(s): State<AppState>, req: Req, Scope { initiative: i, access }: Scope) -> PageResult {
    let tables = s.store.tables(i.id).await.map_err(|e| req.err(e))?;
    let content = crate::translations::content(&s, &req, &i).await?;
    let page = TablesPage {
        texts: tables.iter().map(|t| content.table_text(t)).collect(),
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
#[template(path = "tables/templates/show.html")]
struct TablePage {
    page: PageCtx,
    i: Initiative,
    table: Table,
    /// Its words in the reader's language.
    text: backbone_core::translations::TableText,
    current: Vec<Membership>,
    past: Vec<Membership>,
    can_see_members: bool,
    can_manage: bool,
    demographics: Vec<(String, ShownRows)>,
    /// When the composition shown was published, and after how many changes the next one is.
    composition_date: String,
    composition_changes: u64,
    /// The commitments made at this table, for those who may see commitments.
    commitments: Option<Vec<crate::commitments::Listed>>,
    can_commit: bool,
    people: Vec<(String, String)>,
    roles: Vec<(String, String)>,
    today: String,
    errors: Errors,
    form_person: String,
    form_role: String,
    form_start: String,
}

fn shown(t: &Tr, title_key: &str, table: &Breakdown) -> (String, ShownRows) {
    let mut rows: ShownRows =
        table.cells.iter().map(|(k, c)| (crate::people::answer_label(t, k), cell_text(t, c))).collect();
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
    let d: Composition = crate::tables::current_composition(s, i.id, id).await.map_err(|e| req.err(e))?;
    let demographics = vec![
        shown(&req.t, "demo-shared", &d.reported),
        shown(&req.t, "demo-race", &d.race_ethnicity),
        shown(&req.t, "demo-gender", &d.gender),
        shown(&req.t, "demo-resident", &d.community_resident),
        shown(&req.t, "demo-age", &d.age_band),
        shown(&req.t, "demo-language", &d.primary_language),
        shown(&req.t, "demo-lived", &d.lived_experience),
        shown(&req.t, "demo-budget-band", &d.budget_band),
        shown(&req.t, "demo-sector", &d.sector),
    ]
    .into_iter()
    .filter(|(_, rows)| rows.len() > 1)
    .collect();
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
    let commitments = if access.can_view_commitments() {
        let query = backbone_core::commitments::CommitmentQuery { table_id: Some(id), ..Default::default() };
        Some(crate::commitments::listed(s, i.id, &query).await.map_err(|e| req.err(e))?)
    } else {
        None
    };
    let text = crate::translations::content(s, req, &i).await?.table_text(&table);
    let page = TablePage {
        commitments,
        can_commit: access.can_make_commitments(),
        page: req.page(text.name.text.clone(), Some((&i, &access)), "tables"),
        text,
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
        composition_date: req.t.date(&d.as_of),
        composition_changes: d.updates_after_changes,
        demographics,
        people,
        errors,
    };
    render_form(&page, &page.errors, req.t)
}

async fn table_show(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
) -> PageResult {
    table_page(&s, &req, i, access, id, Errors::default(), None).await
}

async fn member_add(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
    f: FormData,
) -> PageResult {
    req.require(&access, access.can_manage_people_and_tables())?;
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
            Ok(_) => return Ok(see_other(&format!("/i/{}/tables/{id}?notice=member-added", i.slug,))),
            Err(e) => errors = req.form_errors(e)?,
        }
    }
    table_page(&s, &req, i, access, id, errors, Some(&f)).await
}

async fn member_end(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id, mid)): ApiPath<(String, i64, i64)>,
    f: FormData,
) -> PageResult {
    req.require(&access, access.can_manage_people_and_tables())?;
    let end = f.get("end_date").parse::<chrono::NaiveDate>().unwrap_or_else(|_| chrono::Utc::now().date_naive());
    match s
        .store
        .update_membership(&req.viewer.actor(), i.id, mid, &MembershipUpdate { role: None, end_date: Some(end) })
        .await
    {
        Ok(_) => Ok(see_other(&format!("/i/{}/tables/{id}?notice=member-ended", i.slug,))),
        Err(e) => {
            let errors = req.form_errors(e)?;
            table_page(&s, &req, i, access, id, errors, None).await
        }
    }
}

#[derive(Template)]
#[template(path = "tables/templates/form.html")]
struct TableFormPage {
    page: PageCtx,
    i: Initiative,
    id: Option<Id>,
    name: String,
    kind: String,
    purpose: String,
    result_key: String,
    joining: TableJoining,
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
        joining: t.map(|t| t.joining.clone()).unwrap_or_default(),
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
    form.joining = TableJoining {
        meets: f.get("joining.meets").to_string(),
        how_to_join: f.get("joining.how_to_join").to_string(),
        contact_name: f.get("joining.contact_name").to_string(),
        contact_email: f.get("joining.contact_email").to_string(),
        welcomes_requests: f.get("joining.welcomes_requests") == "yes",
    };
    let Some(kind) = TableKind::parse(&form.kind) else {
        form.errors.add("kind", t.get("choose-from-list"));
        return None;
    };
    let input = TableInput {
        name: form.name.clone(),
        kind,
        purpose: form.purpose.clone(),
        result_key: f.opt("result_key"),
        joining: form.joining.clone(),
    };
    match input.validate() {
        Ok(()) => Some(input),
        Err(inv) => {
            form.errors = Errors::from_invalid(&inv);
            None
        }
    }
}

async fn table_new(State(s): State<AppState>, req: Req, Scope { initiative: i, access }: Scope) -> PageResult {
    req.require(&access, access.can_manage_people_and_tables())?;
    render(&table_form(&s, &req, &i, &access, None).await?, req.t)
}

async fn table_create(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    f: FormData,
) -> PageResult {
    req.require(&access, access.can_manage_people_and_tables())?;
    let mut form = table_form(&s, &req, &i, &access, None).await?;
    if let Some(input) = read_table(&mut form, &f, req.t) {
        match s.store.create_table(&req.viewer.actor(), i.id, &input).await {
            Ok(t) => return Ok(see_other(&format!("/i/{}/tables/{}?notice=created", i.slug, t.id))),
            Err(e) => form.errors = req.form_errors(e)?,
        }
    }
    render_invalid(&form, req.t)
}

async fn table_edit(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
) -> PageResult {
    req.require(&access, access.can_manage_people_and_tables())?;
    let t = s.store.table(i.id, id).await.map_err(|e| req.err(e))?;
    render(&table_form(&s, &req, &i, &access, Some(&t)).await?, req.t)
}

async fn table_update(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
    f: FormData,
) -> PageResult {
    req.require(&access, access.can_manage_people_and_tables())?;
    let t = s.store.table(i.id, id).await.map_err(|e| req.err(e))?;
    let mut form = table_form(&s, &req, &i, &access, Some(&t)).await?;
    if let Some(input) = read_table(&mut form, &f, req.t) {
        match s.store.update_table(&req.viewer.actor(), i.id, id, &input).await {
            Ok(_) => return Ok(see_other(&format!("/i/{}/tables/{id}?notice=saved", i.slug,))),
            Err(e) => form.errors = req.form_errors(e)?,
        }
    }
    render_invalid(&form, req.t)
}

pub(crate) fn cell_text(t: &Tr, c: &Cell) -> String {
    match c {
        Cell::Shown(n) => n.to_string(),
        Cell::Suppressed => t.get("suppressed"),
    }
}
