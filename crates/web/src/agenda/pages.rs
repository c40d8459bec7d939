//! The pages of this capability.

use crate::http::prelude::*;
use backbone_core::agenda::diff::{diff_versions, FieldDiff, SpanKind};
use backbone_core::agenda::*;
use backbone_core::initiative::*;
use std::collections::HashMap;

pub fn routes() -> PageRoutes {
    PageRoutes::new()
        .get("/i/{slug}/agenda", agenda)
        .get_post("/i/{slug}/agenda/edit", agenda_edit, agenda_save)
        .get("/i/{slug}/agenda/history", agenda_history)
        .get("/i/{slug}/agenda/compare", agenda_compare)
        .post("/i/{slug}/agenda/versions/{number}/endorse", agenda_endorse)
}

#[derive(Template)]
#[template(path = "agenda/templates/agenda.html")]
struct AgendaPage {
    page: PageCtx,
    i: Initiative,
    agenda: Option<AgendaVersion>,
    /// Its words in the reader's language.
    text: Option<backbone_core::translations::AgendaText>,
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
    let content = crate::translations::content(s, req, &i).await?;
    let page = AgendaPage {
        page: req.page(req.t.get("agenda-title"), Some((&i, &access)), "agenda"),
        text: agenda.as_ref().map(|a| content.agenda_text(a)),
        can_edit: access.can_edit_agenda(),
        i,
        agenda,
        endorsements,
        endorse_for,
        errors,
    };
    render_form(&page, &page.errors, req.t)
}

async fn agenda(State(s): State<AppState>, req: Req, Scope { initiative: i, access }: Scope) -> PageResult {
    agenda_page(&s, &req, i, access, Errors::default()).await
}

async fn agenda_endorse(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, number)): ApiPath<(String, i64)>,
    f: FormData,
) -> PageResult {
    req.require(&access, access.can_endorse_any())?;
    let mut errors = Errors::default();
    match f.get("organization_id").parse::<i64>() {
        Ok(org) if access.can_endorse_for(org) => {
            let input = EndorsementInput { organization_id: org, note: f.get("note").to_string() };
            match s.store.endorse(&req.viewer.actor(), i.id, number, &input).await {
                Ok(_) => return Ok(see_other(&format!("/i/{}/agenda?notice=endorsed", i.slug))),
                Err(e) => errors = req.form_errors(e)?,
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
#[template(path = "agenda/templates/edit.html")]
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

async fn agenda_edit(State(s): State<AppState>, req: Req, Scope { initiative: i, access }: Scope) -> PageResult {
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
    Scope { initiative: i, access }: Scope,
    f: FormData,
) -> PageResult {
    req.require(&access, access.can_edit_agenda())?;
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
        Ok(v) => return Ok(see_other(&format!("/i/{}/agenda/history?notice=saved#v{}", i.slug, v.number))),
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
#[template(path = "agenda/templates/history.html")]
struct AgendaHistoryPage {
    page: PageCtx,
    i: Initiative,
    versions: Vec<(AgendaVersion, Vec<Endorsement>)>,
}

async fn agenda_history(State(s): State<AppState>, req: Req, Scope { initiative: i, access }: Scope) -> PageResult {
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
#[template(path = "agenda/templates/compare.html")]
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
    Scope { initiative: i, access }: Scope,
    axum::extract::Query(q): axum::extract::Query<HashMap<String, String>>,
) -> PageResult {
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
