//! The page of this capability: an indicator's plans to turn its curve, one per table working it
//! (the four steps of the current version, the action plan with what became of each action, the
//! earlier versions), and the form to adopt a new version, written as a table writes it on a
//! flip chart: one item a line.

use crate::http::prelude::*;
use crate::meetings::leads_table;
use backbone_core::commitments::{CommitmentQuery, CommitmentStatus};
use backbone_core::turn_the_curve::*;
use std::collections::HashMap;

pub fn routes() -> PageRoutes {
    PageRoutes::new()
        .get_post("/i/{slug}/indicators/{key}/turn-the-curve", plans_page, plans_adopt)
        .post("/i/{slug}/curve-plans/{id}/actions/{action}/commit", action_commit)
}

/// How many empty action rows the form offers below the plan's own.
const BLANK_ACTIONS: usize = 3;

/// One action as the page shows it.
struct ActionRow {
    key: String,
    title: String,
    organization: String,
    due_on: String,
    ratings: [Rating; 4],
    score: u8,
    /// The commitment it became, with its status.
    commitment: Option<(Id, CommitmentStatus)>,
    /// Whether the viewer may make it a commitment now.
    can_commit: bool,
    /// It needs an organisation and a date first.
    incomplete: bool,
}

struct PlanView {
    plan: CurvePlan,
    helping: Vec<String>,
    hindering: Vec<String>,
    /// (who, role)
    partners: Vec<(String, String)>,
    /// (cost, idea, evidence)
    ideas: Vec<(IdeaCost, String, String)>,
    actions: Vec<ActionRow>,
    history: Vec<CurvePlanVersion>,
    /// Whether the viewer may adopt its next version.
    can_revise: bool,
}

/// The form, as the person typed it.
#[derive(Default, Clone)]
struct PlanForm {
    table_id: String,
    helping: String,
    hindering: String,
    partners: String,
    ideas: [String; 3],
    /// key, title, organisation id, due date, the four ratings
    actions: Vec<(String, String, String, String, [String; 4])>,
    reason: String,
}

#[derive(Template)]
#[template(path = "turn_the_curve/templates/plans.html")]
struct PlansPage {
    page: PageCtx,
    i: Initiative,
    key: String,
    indicator: String,
    plans: Vec<PlanView>,
    /// The tables this viewer may plan for: (id, name).
    tables: Vec<(String, String)>,
    organizations: Vec<(String, String)>,
    ratings: Vec<(String, String)>,
    /// The four criteria an action is judged on: (form name, label key).
    criteria: [(&'static str, &'static str); 4],
    form: PlanForm,
    /// Whether the form revises an existing plan (a reason is asked for).
    revising: bool,
    errors: Errors,
}

impl PlansPage {
    /// Whether an option is the one chosen.
    fn same(&self, a: impl AsRef<str>, b: impl AsRef<str>) -> bool {
        a.as_ref() == b.as_ref()
    }
}

/// A partner as people call it: the organisation's name, or the name written in the plan.
fn partner_name(r: &PartnerRole, org_name: &dyn Fn(Option<Id>) -> String) -> String {
    if r.organization_id.is_some() {
        org_name(r.organization_id)
    } else {
        r.name.clone()
    }
}

fn split_pair(line: &str) -> (String, String) {
    for sep in [" — ", " – ", " - ", ": "] {
        if let Some((a, b)) = line.split_once(sep) {
            return (a.trim().to_string(), b.trim().to_string());
        }
    }
    (line.trim().to_string(), String::new())
}

fn lines(s: &str) -> impl Iterator<Item = &str> {
    s.lines().map(str::trim).filter(|l| !l.is_empty())
}

/// A key for a new action, from its title: `family-reading-nights`.
fn key_from(title: &str, taken: &[String]) -> String {
    let mut k: String = title
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if !k.starts_with(|c: char| c.is_ascii_lowercase()) {
        k = format!("action-{k}");
    }
    k.truncate(50);
    let k = k.trim_end_matches('-').to_string();
    let mut out = k.clone();
    let mut n = 2;
    while taken.contains(&out) {
        out = format!("{k}-{n}");
        n += 1;
    }
    out
}

impl PlanForm {
    /// The form holding a plan's current version, to revise it.
    fn of(plan: &CurvePlan, org_name: &dyn Fn(Option<Id>) -> String) -> PlanForm {
        let v = &plan.current;
        let of_force =
            |f: Force| v.story.iter().filter(|c| c.force == f).map(|c| c.text.clone()).collect::<Vec<_>>().join("\n");
        let ideas = |cost: IdeaCost| {
            v.what_works
                .iter()
                .filter(|w| w.cost == cost)
                .map(|w| if w.evidence.is_empty() { w.text.clone() } else { format!("{} — {}", w.text, w.evidence) })
                .collect::<Vec<_>>()
                .join("\n")
        };
        PlanForm {
            table_id: plan.table_id.to_string(),
            helping: of_force(Force::Helping),
            hindering: of_force(Force::Hindering),
            partners: v
                .partners
                .iter()
                .map(|r| format!("{} — {}", partner_name(r, org_name), r.role))
                .collect::<Vec<_>>()
                .join("\n"),
            ideas: [ideas(IdeaCost::NoCost), ideas(IdeaCost::LowCost), ideas(IdeaCost::HigherCost)],
            actions: v
                .actions
                .iter()
                .map(|a| {
                    (
                        a.key.clone(),
                        a.title.clone(),
                        a.organization_id.map(|o| o.to_string()).unwrap_or_default(),
                        a.due_on.map(|d| d.to_string()).unwrap_or_default(),
                        [a.leverage, a.feasibility, a.specificity, a.values].map(|r| r.as_str().to_string()),
                    )
                })
                .collect(),
            reason: String::new(),
        }
    }

    fn read(f: &FormData) -> PlanForm {
        let mut actions = Vec::new();
        let mut n = 0;
        while f.has_prefix(&format!("action_title_{n}")) {
            let g = |name: &str| f.get(&format!("action_{name}_{n}")).to_string();
            actions.push((
                g("key"),
                g("title"),
                g("org"),
                g("due"),
                [g("leverage"), g("feasibility"), g("specificity"), g("values")],
            ));
            n += 1;
        }
        PlanForm {
            table_id: f.get("table_id").to_string(),
            helping: f.get("helping").to_string(),
            hindering: f.get("hindering").to_string(),
            partners: f.get("partners").to_string(),
            ideas: [
                f.get("ideas_no_cost").to_string(),
                f.get("ideas_low_cost").to_string(),
                f.get("ideas_higher_cost").to_string(),
            ],
            actions,
            reason: f.get("reason").to_string(),
        }
    }

    /// The input it says, or the fields it cannot say (a date that is not one).
    fn input(&self, organizations: &[(Id, String)]) -> Result<CurvePlanInput, Errors> {
        let mut errors = Errors::default();
        let table_id = self.table_id.parse().unwrap_or(0);
        let mut story: Vec<Cause> =
            lines(&self.helping).map(|l| Cause { text: l.into(), force: Force::Helping }).collect();
        story.extend(lines(&self.hindering).map(|l| Cause { text: l.into(), force: Force::Hindering }));
        let partners = lines(&self.partners)
            .map(|l| {
                let (who, role) = split_pair(l);
                let org = organizations.iter().find(|(_, n)| n.eq_ignore_ascii_case(&who)).map(|(id, _)| *id);
                PartnerRole { organization_id: org, name: if org.is_some() { String::new() } else { who }, role }
            })
            .collect();
        let what_works = [IdeaCost::NoCost, IdeaCost::LowCost, IdeaCost::HigherCost]
            .iter()
            .zip(&self.ideas)
            .flat_map(|(cost, text)| {
                lines(text).map(|l| {
                    let (idea, evidence) = split_pair(l);
                    Idea { text: idea, evidence, cost: *cost }
                })
            })
            .collect();
        let mut keys: Vec<String> = self.actions.iter().map(|a| a.0.clone()).filter(|k| !k.is_empty()).collect();
        let mut actions = Vec::new();
        for (key, title, org, due, ratings) in &self.actions {
            if title.trim().is_empty() {
                continue;
            }
            let key = if key.is_empty() {
                let k = key_from(title, &keys);
                keys.push(k.clone());
                k
            } else {
                key.clone()
            };
            let due_on = match due.trim() {
                "" => None,
                d => match d.parse() {
                    Ok(d) => Some(d),
                    Err(_) => {
                        errors.add("actions", format!("\"{d}\" is not a date (year-month-day)"));
                        None
                    }
                },
            };
            let rating = |r: &str| Rating::parse(r).unwrap_or(Rating::Medium);
            actions.push(Action {
                key,
                title: title.clone(),
                organization_id: org.parse().ok(),
                due_on,
                leverage: rating(&ratings[0]),
                feasibility: rating(&ratings[1]),
                specificity: rating(&ratings[2]),
                values: rating(&ratings[3]),
            });
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(CurvePlanInput { table_id, story, partners, what_works, actions, reason: self.reason.clone() })
    }
}

/// What the form starts from: the plan of a table (the first the viewer may revise when none is
/// asked for), or what the person typed.
enum Start {
    Table(Option<Id>),
    Typed(Option<Id>, Box<PlanForm>),
}

async fn page_for(
    s: &AppState,
    req: &Req,
    i: Initiative,
    access: Access,
    key: String,
    start: Start,
    errors: Errors,
) -> Result<PlansPage, PageError> {
    let (table, form) = match start {
        Start::Table(t) => (t, None),
        Start::Typed(t, f) => (t, Some(*f)),
    };
    req.require(&access, access.can_view_curve_plans())?;
    let e = |e| req.err(e);
    let ind = s.store.indicator(i.id, &key).await.map_err(e)?;
    let plans = s.store.curve_plans(i.id, &key).await.map_err(e)?;
    let orgs = s.store.organizations(i.id).await.map_err(e)?;
    let org_name = |id: Option<Id>| orgs.iter().find(|o| Some(o.id) == id).map(|o| o.name.clone()).unwrap_or_default();
    let query = CommitmentQuery { indicator_key: Some(key.clone()), ..Default::default() };
    let status: HashMap<Id, CommitmentStatus> =
        s.store.commitments(i.id, &query).await.map_err(e)?.into_iter().map(|c| (c.id, c.status)).collect();
    let mut tables = Vec::new();
    for t in s.store.tables(i.id).await.map_err(e)? {
        if access.can_plan_for_table(leads_table(s, i.id, &req.viewer, t.id).await.map_err(|e| req.err(e))?) {
            tables.push((t.id.to_string(), t.name));
        }
    }
    let mut views = Vec::new();
    for p in &plans {
        let v = &p.current;
        let actions = v
            .ranked_actions()
            .into_iter()
            .map(|a| {
                let commitment = p
                    .commitment_of(&a.key)
                    .map(|id| (id, status.get(&id).copied().unwrap_or(CommitmentStatus::NotStarted)));
                ActionRow {
                    key: a.key.clone(),
                    title: a.title.clone(),
                    organization: org_name(a.organization_id),
                    due_on: a.due_on.map(|d| d.to_string()).unwrap_or_default(),
                    ratings: [a.leverage, a.feasibility, a.specificity, a.values],
                    score: a.score(),
                    can_commit: commitment.is_none() && access.can_manage_commitment(a.organization_id),
                    incomplete: a.organization_id.is_none() || a.due_on.is_none(),
                    commitment,
                }
            })
            .collect();
        let mut history = s.store.curve_plan_versions(i.id, p.id).await.map_err(e)?;
        history.retain(|h| h.version != v.version);
        views.push(PlanView {
            helping: v.story.iter().filter(|c| c.force == Force::Helping).map(|c| c.text.clone()).collect(),
            hindering: v.story.iter().filter(|c| c.force == Force::Hindering).map(|c| c.text.clone()).collect(),
            partners: v.partners.iter().map(|r| (partner_name(r, &org_name), r.role.clone())).collect(),
            ideas: v.what_works.iter().map(|w| (w.cost, w.text.clone(), w.evidence.clone())).collect(),
            actions,
            history,
            can_revise: tables.iter().any(|(id, _)| *id == p.table_id.to_string()),
            plan: p.clone(),
        });
    }
    // The form revises the chosen table's plan (or the first one the viewer may revise).
    let chosen = table
        .and_then(|t| plans.iter().find(|p| p.table_id == t))
        .or_else(|| plans.iter().find(|p| tables.iter().any(|(id, _)| *id == p.table_id.to_string())));
    let mut form = match (form, chosen) {
        (Some(f), _) => f,
        (None, Some(p)) => PlanForm::of(p, &org_name),
        (None, None) => PlanForm { table_id: table.map(|t| t.to_string()).unwrap_or_default(), ..Default::default() },
    };
    let revising = plans.iter().any(|p| p.table_id.to_string() == form.table_id);
    form.actions.extend((0..BLANK_ACTIONS).map(|_| Default::default()));
    let mut organizations = vec![(String::new(), req.t.get("curve-nobody-yet"))];
    organizations.extend(orgs.iter().map(|o| (o.id.to_string(), o.name.clone())));
    Ok(PlansPage {
        page: req.page(req.t.with("curve-title", "indicator", &ind.name), Some((&i, &access)), "dashboard"),
        ratings: options(Rating::ALL, req.t, |r| r.label_key(), |r| r.as_str()),
        criteria: [
            ("leverage", "curve-leverage"),
            ("feasibility", "curve-feasibility"),
            ("specificity", "curve-specificity"),
            ("values", "curve-values"),
        ],
        key,
        indicator: ind.name,
        plans: views,
        tables,
        organizations,
        form,
        revising,
        errors,
        i,
    })
}

async fn plans_page(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, key)): ApiPath<(String, String)>,
    axum::extract::Query(q): axum::extract::Query<HashMap<String, String>>,
) -> PageResult {
    let table = q.get("table").and_then(|t| t.parse().ok());
    render(&page_for(&s, &req, i, access, key, Start::Table(table), Errors::default()).await?, req.t)
}

async fn plans_adopt(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, key)): ApiPath<(String, String)>,
    f: FormData,
) -> PageResult {
    let form = PlanForm::read(&f);
    let table_id: Option<Id> = form.table_id.parse().ok();
    let leads = match table_id {
        Some(t) => leads_table(&s, i.id, &req.viewer, t).await.map_err(|e| req.err(e))?,
        None => false,
    };
    req.require(&access, access.can_plan_for_table(leads))?;
    let orgs: Vec<(Id, String)> =
        s.store.organizations(i.id).await.map_err(|e| req.err(e))?.into_iter().map(|o| (o.id, o.name)).collect();
    let result = match form.input(&orgs) {
        Ok(input) => {
            s.store.adopt_curve_plan(&req.viewer.actor(), i.id, &key, &input).await.map_err(|e| req.form_errors(e))
        }
        Err(errors) => Err(Ok(errors)),
    };
    match result {
        Ok(p) => Ok(see_other(&format!(
            "/i/{}/indicators/{key}/turn-the-curve?table={}&notice=saved#plan-{}",
            i.slug, p.table_id, p.id
        ))),
        Err(errors) => {
            let errors = errors?;
            render_invalid(
                &page_for(&s, &req, i, access, key, Start::Typed(table_id, Box::new(form)), errors).await?,
                req.t,
            )
        }
    }
}

async fn action_commit(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id, action)): ApiPath<(String, i64, String)>,
) -> PageResult {
    req.require(&access, access.can_view_curve_plans())?;
    let plan = s.store.curve_plan(i.id, id).await.map_err(|e| req.err(e))?;
    let by = plan.current.actions.iter().find(|a| a.key == action).and_then(|a| a.organization_id);
    req.require(&access, access.can_manage_commitment(by))?;
    let c = s.store.commit_curve_action(&req.viewer.actor(), i.id, id, &action).await.map_err(|e| req.err(e))?;
    Ok(see_other(&format!("/i/{}/commitments/{}?notice=saved", i.slug, c.id)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_action_is_keyed_by_its_title() {
        assert_eq!(key_from("Family reading nights!", &[]), "family-reading-nights");
        assert_eq!(key_from("Family reading nights", &["family-reading-nights".into()]), "family-reading-nights-2");
        assert_eq!(key_from("100 books", &[]), "action-100-books");
    }

    #[test]
    fn a_line_names_who_and_what() {
        assert_eq!(
            split_pair("Riverbend Public Library — summer reading"),
            ("Riverbend Public Library".into(), "summer reading".into())
        );
        assert_eq!(split_pair("Parents"), ("Parents".into(), String::new()));
    }
}
