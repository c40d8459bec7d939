//! The pages of this capability: the meetings of every table, each meeting (agenda, who came,
//! notes, what was committed there), and the forms to plan one and record who came.

use crate::http::prelude::*;
use crate::meetings::leads_table;
use backbone_core::meetings::*;
use backbone_core::people::Person;
use backbone_core::tables::Table;
use std::collections::HashMap;

pub fn routes() -> PageRoutes {
    PageRoutes::new()
        .get("/i/{slug}/meetings", meeting_list)
        .get_post("/i/{slug}/meetings/new", meeting_new, meeting_create)
        .get("/i/{slug}/meetings/{id}", meeting_show)
        .get_post("/i/{slug}/meetings/{id}/edit", meeting_edit, meeting_update)
        .post("/i/{slug}/meetings/{id}/attendance", meeting_attendance)
}

/// A meeting as lists show it.
pub struct Listed {
    pub m: Meeting,
    pub table: String,
    pub when: String,
}

fn listed(s: &AppState, t: Tr, tables: &[Table], m: Meeting) -> Listed {
    Listed {
        table: tables.iter().find(|t| t.id == m.table_id).map(|t| t.name.clone()).unwrap_or_default(),
        when: s.config.time_zone.show(m.starts_at, t),
        m,
    }
}

#[derive(Template)]
#[template(path = "meetings/templates/list.html")]
struct ListPage {
    page: PageCtx,
    i: Initiative,
    upcoming: Vec<Listed>,
    past: Vec<Listed>,
    tables: Vec<(String, String)>,
    table: String,
    can_plan: bool,
    no_errors: Errors,
}

async fn meeting_list(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    axum::extract::Query(q): axum::extract::Query<HashMap<String, String>>,
) -> PageResult {
    req.require(&access, access.can_view_meetings())?;
    let e = |e| req.err(e);
    let table = q.get("table").cloned().unwrap_or_default();
    let all_tables = s.store.tables(i.id).await.map_err(e)?;
    let query = MeetingQuery { table_id: table.parse().ok(), ..Default::default() };
    let now = chrono::Utc::now();
    let (mut past, upcoming): (Vec<Meeting>, Vec<Meeting>) =
        s.store.meetings(i.id, &query).await.map_err(e)?.into_iter().partition(|m| m.starts_at <= now);
    past.reverse();
    let mut tables = vec![(String::new(), req.t.get("meetings-any-table"))];
    tables.extend(all_tables.iter().map(|t| (t.id.to_string(), t.name.clone())));
    let mut can_plan = access.is_admin();
    for t in &all_tables {
        can_plan = can_plan || leads_table(&s, i.id, &req.viewer, t.id).await.map_err(|e| req.err(e))?;
    }
    let page = ListPage {
        page: req.page(req.t.get("meetings-title"), Some((&i, &access)), "meetings"),
        upcoming: upcoming.into_iter().map(|m| listed(&s, req.t, &all_tables, m)).collect(),
        past: past.into_iter().take(60).map(|m| listed(&s, req.t, &all_tables, m)).collect(),
        can_plan,
        tables,
        table,
        no_errors: Errors::default(),
        i,
    };
    render(&page, req.t)
}

#[derive(Template)]
#[template(path = "meetings/templates/show.html")]
struct ShowPage {
    page: PageCtx,
    i: Initiative,
    l: Listed,
    /// Each item with the name of who leads it.
    items: Vec<(AgendaItem, String)>,
    /// The table's members at the meeting's date, with how each was recorded (empty: not yet).
    roll: Vec<(Person, String)>,
    statuses: Vec<(String, String)>,
    present: usize,
    commitments: Option<Vec<crate::commitments::Listed>>,
    /// The decisions taken or discussed at it.
    decisions: Vec<backbone_core::decisions::Decision>,
    can_run: bool,
    held: bool,
    errors: Errors,
}

async fn show_page(
    s: &AppState,
    req: &Req,
    i: Initiative,
    access: Access,
    id: Id,
    errors: Errors,
) -> Result<ShowPage, PageError> {
    let e = |e| req.err(e);
    let m = s.store.meeting(i.id, id).await.map_err(e)?;
    let tables = s.store.tables(i.id).await.map_err(e)?;
    let people = s.store.people(i.id).await.map_err(e)?;
    let name =
        |p: Option<Id>| p.and_then(|p| people.iter().find(|x| x.id == p)).map(|p| p.name.clone()).unwrap_or_default();
    let items = m.agenda.iter().map(|item| (item.clone(), name(item.lead_person_id))).collect();
    let attendance = s.store.attendance(i.id, id).await.map_err(e)?;
    let date = s.config.time_zone.split(m.starts_at).0;
    let seated: Vec<Id> = s
        .store
        .memberships(i.id, Some(m.table_id), None)
        .await
        .map_err(e)?
        .into_iter()
        .filter(|ms| ms.is_current(date))
        .map(|ms| ms.person_id)
        .collect();
    // Members of the table that day, and anyone else recorded as coming.
    let roll = people
        .iter()
        .filter(|p| seated.contains(&p.id) || attendance.iter().any(|a| a.person_id == p.id))
        .map(|p| {
            let status = attendance.iter().find(|a| a.person_id == p.id).map(|a| a.status.as_str()).unwrap_or("");
            (crate::people::shown(&access, p.clone()), status.to_string())
        })
        .collect();
    let present = attendance.iter().filter(|a| a.status == AttendanceStatus::Present).count();
    let commitments = if access.can_view_commitments() {
        let query = backbone_core::commitments::CommitmentQuery { meeting_id: Some(id), ..Default::default() };
        Some(crate::commitments::listed(s, i.id, &query).await.map_err(|e| req.err(e))?)
    } else {
        None
    };
    let decisions = if access.can_view_decisions() {
        let q = backbone_core::decisions::DecisionQuery { meeting_id: Some(id), ..Default::default() };
        s.store.decisions(i.id, &q).await.map_err(|e| req.err(e))?
    } else {
        Vec::new()
    };
    let can_run =
        access.can_run_meetings_of(leads_table(s, i.id, &req.viewer, m.table_id).await.map_err(|e| req.err(e))?);
    let mut statuses = vec![(String::new(), req.t.get("attendance-not-recorded"))];
    statuses.extend(options(AttendanceStatus::ALL, req.t, AttendanceStatus::label_key, AttendanceStatus::as_str));
    Ok(ShowPage {
        page: req.page(m.title.clone(), Some((&i, &access)), "meetings"),
        held: m.is_held(chrono::Utc::now()),
        l: listed(s, req.t, &tables, m),
        items,
        roll,
        statuses,
        present,
        commitments,
        decisions,
        can_run,
        errors,
        i,
    })
}

async fn meeting_show(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
) -> PageResult {
    req.require(&access, access.can_view_meetings())?;
    render(&show_page(&s, &req, i, access, id, Errors::default()).await?, req.t)
}

/// Records who came: a status per person on the roll (`att_<person id>`), empty for not recorded.
async fn meeting_attendance(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
    f: FormData,
) -> PageResult {
    let m = s.store.meeting(i.id, id).await.map_err(|e| req.err(e))?;
    let leads = leads_table(&s, i.id, &req.viewer, m.table_id).await.map_err(|e| req.err(e))?;
    req.require(&access, access.can_run_meetings_of(leads))?;
    let mut list = Vec::new();
    let mut errors = Errors::default();
    for (k, v) in &f.0 {
        let Some(person) = k.strip_prefix("att_").and_then(|p| p.parse::<Id>().ok()) else { continue };
        if v.is_empty() {
            continue;
        }
        match AttendanceStatus::parse(v) {
            Some(status) => list.push(AttendanceInput { person_id: person, status }),
            None => errors.add("attendance", req.t.get("choose-from-list")),
        }
    }
    if errors.is_empty() {
        match s.store.set_attendance(&req.viewer.actor(), i.id, id, &list).await {
            Ok(_) => return Ok(see_other(&format!("/i/{}/meetings/{id}?notice=saved", i.slug))),
            Err(e) => errors = req.form_errors(e)?,
        }
    }
    render_invalid(&show_page(&s, &req, i, access, id, errors).await?, req.t)
}

/// Agenda rows a form offers beyond the items it has.
const BLANK_ITEMS: usize = 3;

#[derive(Template)]
#[template(path = "meetings/templates/form.html")]
struct FormPage {
    page: PageCtx,
    i: Initiative,
    id: Option<Id>,
    table_id: String,
    title: String,
    date: String,
    time: String,
    minutes: String,
    place: String,
    notes: String,
    cancelled: bool,
    /// (title, lead person id, minutes, notes) per row.
    items: Vec<(String, String, String, String)>,
    tables: Vec<(String, String)>,
    people: Vec<(String, String)>,
    time_zone: String,
    errors: Errors,
}

impl FormPage {
    async fn new(
        s: &AppState,
        req: &Req,
        i: &Initiative,
        access: &Access,
        m: Option<&Meeting>,
    ) -> Result<FormPage, PageError> {
        let e = |e| req.err(e);
        let mut tables = Vec::new();
        for t in s.store.tables(i.id).await.map_err(e)? {
            let runs =
                access.can_run_meetings_of(leads_table(s, i.id, &req.viewer, t.id).await.map_err(|e| req.err(e))?);
            if runs && m.is_none_or(|m| m.table_id == t.id) {
                tables.push((t.id.to_string(), t.name));
            }
        }
        let mut people = vec![(String::new(), req.t.get("meeting-no-lead"))];
        people.extend(s.store.people(i.id).await.map_err(e)?.into_iter().map(|p| {
            let label = match &p.organization_name {
                Some(o) => format!("{} — {o}", p.name),
                None => p.name.clone(),
            };
            (p.id.to_string(), label)
        }));
        let (date, time) = match m {
            Some(m) => {
                let (d, t) = s.config.time_zone.split(m.starts_at);
                (d.to_string(), t.format("%H:%M").to_string())
            }
            None => (String::new(), "18:00".to_string()),
        };
        let mut items: Vec<(String, String, String, String)> = m
            .map(|m| {
                m.agenda
                    .iter()
                    .map(|it| {
                        (
                            it.title.clone(),
                            it.lead_person_id.map(|p| p.to_string()).unwrap_or_default(),
                            it.minutes.map(|v| v.to_string()).unwrap_or_default(),
                            it.notes.clone(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        items.extend((0..BLANK_ITEMS).map(|_| Default::default()));
        let title = match m {
            Some(m) => req.t.with("meeting-edit-title", "title", &m.title),
            None => req.t.get("meeting-new-title"),
        };
        Ok(FormPage {
            page: req.page(title, Some((i, access)), "meetings"),
            i: i.clone(),
            id: m.map(|m| m.id),
            table_id: m.map(|m| m.table_id.to_string()).unwrap_or_default(),
            title: m.map(|m| m.title.clone()).unwrap_or_default(),
            date,
            time,
            minutes: m.map(|m| m.minutes.to_string()).unwrap_or_else(|| "90".into()),
            place: m.map(|m| m.place.clone()).unwrap_or_default(),
            notes: m.map(|m| m.notes.clone()).unwrap_or_default(),
            cancelled: m.is_some_and(|m| m.cancelled),
            items,
            tables,
            people,
            time_zone: s.config.time_zone.name().to_string(),
            errors: Errors::default(),
        })
    }

    fn read(&mut self, s: &AppState, f: &FormData, t: Tr) -> Option<MeetingInput> {
        self.table_id = f.get("table_id").to_string();
        self.title = f.get("title").to_string();
        self.date = f.get("date").trim().to_string();
        self.time = f.get("time").trim().to_string();
        self.minutes = f.get("minutes").trim().to_string();
        self.place = f.get("place").to_string();
        self.notes = f.get("notes").to_string();
        self.cancelled = f.checked("cancelled");
        let (titles, leads, minutes, notes) =
            (f.all("item_title"), f.all("item_lead"), f.all("item_minutes"), f.all("item_notes"));
        let cell = |v: &[&str], k: usize| v.get(k).map(|s| s.to_string()).unwrap_or_default();
        self.items = (0..titles.len())
            .map(|k| (cell(&titles, k), cell(&leads, k), cell(&minutes, k), cell(&notes, k)))
            .collect();
        let mut agenda = Vec::new();
        for (title, lead, mins, notes) in &self.items {
            if title.trim().is_empty() && notes.trim().is_empty() {
                continue;
            }
            let minutes = match mins.trim() {
                "" => None,
                m => match m.parse() {
                    Ok(m) => Some(m),
                    Err(_) => {
                        self.errors.add("agenda", t.get("activity-whole-number"));
                        None
                    }
                },
            };
            agenda.push(AgendaItem {
                title: title.clone(),
                lead_person_id: lead.parse().ok(),
                minutes,
                notes: notes.clone(),
            });
        }
        self.items.extend((0..BLANK_ITEMS).map(|_| Default::default()));
        let table_id = self.table_id.parse::<Id>().ok();
        if table_id.is_none() {
            self.errors.add("table_id", t.get("choose-from-list"));
        }
        let date = self.date.parse::<chrono::NaiveDate>().ok();
        if date.is_none() {
            self.errors.add("date", t.get("activity-date"));
        }
        let time = chrono::NaiveTime::parse_from_str(&self.time, "%H:%M").ok();
        if time.is_none() {
            self.errors.add("time", t.get("meeting-time-format"));
        }
        let length = self.minutes.parse::<u32>().ok();
        if length.is_none() {
            self.errors.add("minutes", t.get("activity-whole-number"));
        }
        let (Some(table_id), Some(date), Some(time), Some(length)) = (table_id, date, time, length) else {
            return None;
        };
        if !self.errors.is_empty() {
            return None;
        }
        let starts_at = match s.config.time_zone.instant(date, time) {
            Ok(at) => at,
            Err(e) => {
                self.errors.add("time", e);
                return None;
            }
        };
        let input = MeetingInput {
            table_id,
            title: self.title.clone(),
            starts_at,
            minutes: length,
            place: self.place.clone(),
            agenda,
            notes: self.notes.clone(),
            cancelled: self.cancelled,
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

async fn meeting_new(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    axum::extract::Query(q): axum::extract::Query<HashMap<String, String>>,
) -> PageResult {
    req.require(&access, access.can_view_meetings())?;
    let mut form = FormPage::new(&s, &req, &i, &access, None).await?;
    req.require(&access, !form.tables.is_empty())?;
    if let Some(t) = q.get("table") {
        form.table_id = t.clone();
    }
    render(&form, req.t)
}

async fn meeting_create(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    f: FormData,
) -> PageResult {
    req.require(&access, access.can_view_meetings())?;
    let mut form = FormPage::new(&s, &req, &i, &access, None).await?;
    if let Some(input) = form.read(&s, &f, req.t) {
        let leads = leads_table(&s, i.id, &req.viewer, input.table_id).await.map_err(|e| req.err(e))?;
        req.require(&access, access.can_run_meetings_of(leads))?;
        match s.store.create_meeting(&req.viewer.actor(), i.id, &input).await {
            Ok(m) => return Ok(see_other(&format!("/i/{}/meetings/{}?notice=created", i.slug, m.id))),
            Err(e) => form.errors = req.form_errors(e)?,
        }
    }
    render_invalid(&form, req.t)
}

async fn meeting_edit(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
) -> PageResult {
    let m = s.store.meeting(i.id, id).await.map_err(|e| req.err(e))?;
    let leads = leads_table(&s, i.id, &req.viewer, m.table_id).await.map_err(|e| req.err(e))?;
    req.require(&access, access.can_run_meetings_of(leads))?;
    render(&FormPage::new(&s, &req, &i, &access, Some(&m)).await?, req.t)
}

async fn meeting_update(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
    f: FormData,
) -> PageResult {
    let m = s.store.meeting(i.id, id).await.map_err(|e| req.err(e))?;
    let leads = leads_table(&s, i.id, &req.viewer, m.table_id).await.map_err(|e| req.err(e))?;
    req.require(&access, access.can_run_meetings_of(leads))?;
    let mut form = FormPage::new(&s, &req, &i, &access, Some(&m)).await?;
    if let Some(input) = form.read(&s, &f, req.t) {
        match s.store.update_meeting(&req.viewer.actor(), i.id, id, &input).await {
            Ok(_) => return Ok(see_other(&format!("/i/{}/meetings/{id}?notice=saved", i.slug))),
            Err(e) => form.errors = req.form_errors(e)?,
        }
    }
    render_invalid(&form, req.t)
}
