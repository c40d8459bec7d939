//! The pages of this capability: a table's self-assessment (its rounds, a closed round's results
//! with the trend, opening and closing rounds) and the form a member answers with.

use super::{round_of_table, round_results};
use crate::decisions::voter;
use crate::http::prelude::*;
use crate::meetings::leads_table;
use backbone_core::assessments::*;
use backbone_core::privacy::Cell;

pub fn routes() -> PageRoutes {
    PageRoutes::new()
        .get("/i/{slug}/tables/{id}/assessment", assessment_page)
        .post("/i/{slug}/tables/{id}/assessment/rounds", round_open)
        .post("/i/{slug}/tables/{id}/assessment/rounds/{round_id}/close", round_close)
        .get_post("/i/{slug}/tables/{id}/assessment/rounds/{round_id}/answer", answer_page, answer_save)
}

struct RoundItem {
    id: Id,
    title: String,
    dates: String,
    open: bool,
    /// For whoever runs the round: "4 have answered".
    count: Option<String>,
    can_answer: bool,
    answered: bool,
}

struct StatementLine {
    text: String,
    mean: String,
    disagree: String,
    neutral: String,
    agree: String,
    dont_know: String,
}

struct SectionView {
    key: &'static str,
    name: String,
    mean: String,
    change: String,
    statements: Vec<StatementLine>,
}

struct ResultsView {
    title: String,
    /// None when not shown (too few answers).
    respondents: Option<String>,
    sections: Vec<SectionView>,
    /// The trend as a table: round titles, then one row per section.
    trend_rounds: Vec<String>,
    trend_rows: Vec<(String, Vec<String>)>,
    /// The chart's data for the browser.
    chart: String,
}

#[derive(Template)]
#[template(path = "assessments/templates/assessment.html")]
struct AssessmentPage {
    page: PageCtx,
    i: Initiative,
    table_id: Id,
    table: String,
    rounds: Vec<RoundItem>,
    chosen: Option<ResultsView>,
    /// Why no results are shown for the chosen round, when they are not.
    no_results: Option<String>,
    can_run: bool,
    min_respondents: u64,
    errors: Errors,
    form_title: String,
    form_opens: String,
    form_closes: String,
}

fn score(t: &Tr, x: Option<f64>) -> String {
    x.map_or_else(|| t.get("assessment-too-few-short"), |v| t.with("assessment-score", "value", format!("{v:.1}")))
}

fn share(t: &Tr, c: Cell, of: u64) -> String {
    match c {
        Cell::Shown(n) if of > 0 => t.with("percent", "value", format!("{:.0}", n as f64 * 100.0 / of as f64)),
        Cell::Shown(_) => "—".into(),
        Cell::Suppressed => t.get("assessment-hidden"),
    }
}

pub(crate) fn section_name(t: &Tr, s: Section) -> String {
    t.get(&format!("assessment-section-{}", s.as_str()))
}

pub(crate) fn statement_text(t: &Tr, key: &str) -> String {
    t.get(&format!("assessment-s-{key}"))
}

fn view(t: &Tr, r: &AssessmentResults) -> ResultsView {
    let n = r.respondents.unwrap_or(0);
    let sections = r
        .sections
        .iter()
        .map(|s| SectionView {
            key: s.section.as_str(),
            name: section_name(t, s.section),
            mean: score(t, s.mean),
            change: match (s.change, s.trend) {
                (Some(c), Some(tr)) => t.with(
                    &format!("assessment-trend-{}", tr.as_str()),
                    "change",
                    format!("{}{c:.1}", if c >= 0.0 { "+" } else { "" }),
                ),
                _ => t.get("assessment-trend-first"),
            },
            statements: s
                .statements
                .iter()
                .map(|x| StatementLine {
                    text: statement_text(t, &x.statement),
                    mean: score(t, x.mean),
                    disagree: share(t, x.spread.disagree, n),
                    neutral: share(t, x.spread.neutral, n),
                    agree: share(t, x.spread.agree, n),
                    dont_know: share(t, x.spread.dont_know, n),
                })
                .collect(),
        })
        .collect();
    let trend_rounds: Vec<String> = r.history.iter().map(|h| h.title.clone()).collect();
    let mean_in = |h: &HistoryPoint, s: Section| h.sections.iter().find(|m| m.section == s).and_then(|m| m.mean);
    let trend_rows = Section::ALL
        .iter()
        .map(|s| (section_name(t, *s), r.history.iter().map(|h| score(t, mean_in(h, *s))).collect()))
        .collect();
    let chart = serde_json::json!({
        "labels": trend_rounds,
        "series": Section::ALL.iter().map(|s| serde_json::json!({
            "label": section_name(t, *s),
            "values": r.history.iter().map(|h| mean_in(h, *s)).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
    .to_string();
    ResultsView {
        title: r.title.clone(),
        respondents: r.respondents.map(|n| t.with("assessment-respondents", "count", n)),
        sections,
        trend_rounds,
        trend_rows,
        chart,
    }
}

#[derive(serde::Deserialize)]
struct RoundQuery {
    round: Option<Id>,
}

#[allow(clippy::too_many_arguments)]
async fn assessment_form(
    s: &AppState,
    req: &Req,
    i: Initiative,
    access: Access,
    table_id: Id,
    asked: Option<Id>,
    errors: Errors,
    form: Option<&FormData>,
) -> PageResult {
    req.require(&access, access.can_view_assessments())?;
    let t = &req.t;
    let table = s.store.table(i.id, table_id).await.map_err(|x| req.err(x))?;
    let rounds = s.store.assessment_rounds(i.id, Some(table_id)).await.map_err(|x| req.err(x))?;
    let can_run =
        access.can_run_assessments_of(leads_table(s, i.id, &req.viewer, table_id).await.map_err(|x| req.err(x))?);
    let who = voter(s, i.id, &req.viewer, table_id).await.map_err(|x| req.err(x))?;
    let seated = who.is_some_and(|(_, seated)| seated);
    let mut items = Vec::new();
    for r in &rounds {
        let answered = match who {
            Some((p, true)) if r.is_open() => {
                s.store.assessment_answer_of(i.id, r.id, p).await.map_err(|x| req.err(x))?.is_some()
            }
            _ => false,
        };
        let count = if can_run && r.is_open() {
            let n = s.store.assessment_respondents(i.id, r.id).await.map_err(|x| req.err(x))?;
            Some(t.with("assessment-answered-so-far", "count", n))
        } else {
            None
        };
        items.push(RoundItem {
            id: r.id,
            title: r.title.clone(),
            dates: t.with2("assessment-round-dates", "opens", r.opens_on, "closes", r.closes_on),
            open: r.is_open(),
            count,
            can_answer: r.is_open() && access.can_answer_assessment(seated),
            answered,
        });
    }
    let chosen_round = match asked {
        Some(id) => {
            Some(rounds.iter().find(|r| r.id == id).ok_or_else(|| req.err(AppError::NotFound("assessment round")))?)
        }
        None => rounds.iter().find(|r| !r.is_open()),
    };
    let (chosen, no_results) = match chosen_round {
        None => (None, None),
        Some(r) if r.is_open() => (None, Some(t.get("assessment-results-after-close"))),
        Some(_) if !access.can_view_assessment_results(seated) => (None, Some(t.get("assessment-results-for-table"))),
        Some(r) => {
            let res = round_results(s, i.id, r).await.map_err(|x| req.err(x))?;
            if res.shown {
                (Some(view(t, &res)), None)
            } else {
                (None, Some(t.with2("assessment-too-few", "title", &r.title, "min", MIN_RESPONDENTS)))
            }
        }
    };
    let get = |name: &str| form.map(|f| f.get(name).to_string()).unwrap_or_default();
    let page = AssessmentPage {
        page: req.page(t.with("assessment-title", "table", &table.name), Some((&i, &access)), "tables"),
        table_id,
        table: table.name,
        rounds: items,
        chosen,
        no_results,
        can_run,
        min_respondents: MIN_RESPONDENTS,
        form_title: get("title"),
        form_opens: get("opens_on"),
        form_closes: get("closes_on"),
        errors,
        i,
    };
    render_form(&page, &page.errors, req.t)
}

async fn assessment_page(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
    axum::extract::Query(q): axum::extract::Query<RoundQuery>,
) -> PageResult {
    assessment_form(&s, &req, i, access, id, q.round, Errors::default(), None).await
}

async fn round_open(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
    f: FormData,
) -> PageResult {
    req.require(
        &access,
        access.can_run_assessments_of(leads_table(&s, i.id, &req.viewer, id).await.map_err(|e| req.err(e))?),
    )?;
    let mut errors = Errors::default();
    let date = |name: &str, errors: &mut Errors| {
        f.get(name).trim().parse::<chrono::NaiveDate>().map_err(|_| errors.add(name, req.t.get("date-format"))).ok()
    };
    let (opens_on, closes_on) = (date("opens_on", &mut errors), date("closes_on", &mut errors));
    if let (Some(opens_on), Some(closes_on)) = (opens_on, closes_on) {
        let input = AssessmentRoundInput { title: f.get("title").to_string(), opens_on, closes_on };
        match s.store.open_assessment_round(&req.viewer.actor(), i.id, id, &input).await {
            Ok(_) => return Ok(see_other(&format!("/i/{}/tables/{id}/assessment?notice=created", i.slug))),
            Err(e) => errors = req.form_errors(e)?,
        }
    } else if f.get("title").trim().is_empty() {
        errors.add("title", req.t.get("required"));
    }
    assessment_form(&s, &req, i, access, id, None, errors, Some(&f)).await
}

async fn round_close(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id, round_id)): ApiPath<(String, i64, i64)>,
) -> PageResult {
    req.require(
        &access,
        access.can_run_assessments_of(leads_table(&s, i.id, &req.viewer, id).await.map_err(|e| req.err(e))?),
    )?;
    round_of_table(&s, i.id, id, round_id).await.map_err(|e| req.err(e))?;
    s.store.close_assessment_round(&req.viewer.actor(), i.id, round_id).await.map_err(|e| req.err(e))?;
    Ok(see_other(&format!("/i/{}/tables/{id}/assessment?round={round_id}&notice=saved", i.slug)))
}

// ---------------------------------------------------------------- answering a round

struct StatementField {
    key: &'static str,
    text: String,
    /// "1" … "5", "dk", or "" when not answered yet.
    chosen: String,
}

struct SectionFields {
    name: String,
    statements: Vec<StatementField>,
}

#[derive(Template)]
#[template(path = "assessments/templates/answer.html")]
struct AnswerPage {
    page: PageCtx,
    i: Initiative,
    table_id: Id,
    table: String,
    round: AssessmentRound,
    sections: Vec<SectionFields>,
    /// (value, label) of the scale, "dk" last.
    scale: Vec<(String, String)>,
    answered: bool,
    errors: Errors,
}

impl AnswerPage {
    fn error_at(&self, key: &str) -> Option<&String> {
        self.errors.get(&format!("s-{key}"))
    }
}

/// The member answering: her person, who must sit at the table now.
async fn answerer(s: &AppState, req: &Req, access: &Access, i: &Initiative, table_id: Id) -> Result<Id, PageError> {
    let who = voter(s, i.id, &req.viewer, table_id).await.map_err(|e| req.err(e))?;
    req.require(access, access.can_answer_assessment(who.is_some_and(|(_, seated)| seated)))?;
    who.map(|(p, _)| p).ok_or_else(|| req.err(AppError::Forbidden))
}

#[allow(clippy::too_many_arguments)]
async fn answer_form(
    s: &AppState,
    req: &Req,
    i: Initiative,
    access: Access,
    table_id: Id,
    round_id: Id,
    errors: Errors,
    typed: Option<&FormData>,
) -> PageResult {
    let person = answerer(s, req, &access, &i, table_id).await?;
    let t = &req.t;
    let table = s.store.table(i.id, table_id).await.map_err(|x| req.err(x))?;
    let round = round_of_table(s, i.id, table_id, round_id).await.map_err(|x| req.err(x))?;
    if !round.is_open() {
        return Err(req.err(AppError::Conflict { field: "round".into(), reason: t.get("assessment-round-closed") }));
    }
    let earlier = s.store.assessment_answer_of(i.id, round_id, person).await.map_err(|x| req.err(x))?;
    let statements = instrument::statements(round.instrument_version).unwrap_or_default();
    let sections = Section::ALL
        .iter()
        .filter(|sec| statements.iter().any(|x| x.section == **sec))
        .map(|sec| SectionFields {
            name: section_name(t, *sec),
            statements: statements
                .iter()
                .filter(|x| x.section == *sec)
                .map(|x| StatementField {
                    key: x.key,
                    text: statement_text(t, x.key),
                    chosen: match typed {
                        Some(f) => f.get(&format!("s-{}", x.key)).to_string(),
                        None => earlier
                            .as_ref()
                            .and_then(|a| a.answers.iter().find(|y| y.statement == x.key))
                            .map(|y| y.score.map_or_else(|| "dk".to_string(), |v| v.to_string()))
                            .unwrap_or_default(),
                    },
                })
                .collect(),
        })
        .collect();
    let mut scale: Vec<(String, String)> =
        SCALE.map(|n| (n.to_string(), t.get(&format!("assessment-scale-{n}")))).collect();
    scale.push(("dk".into(), t.get("assessment-scale-dk")));
    let page = AnswerPage {
        page: req.page(t.with("assessment-answer-title", "title", &round.title), Some((&i, &access)), "tables"),
        table_id,
        table: table.name,
        round,
        sections,
        scale,
        answered: earlier.is_some(),
        errors,
        i,
    };
    render_form(&page, &page.errors, req.t)
}

async fn answer_page(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id, round_id)): ApiPath<(String, i64, i64)>,
) -> PageResult {
    answer_form(&s, &req, i, access, id, round_id, Errors::default(), None).await
}

async fn answer_save(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id, round_id)): ApiPath<(String, i64, i64)>,
    f: FormData,
) -> PageResult {
    let person = answerer(&s, &req, &access, &i, id).await?;
    let round = round_of_table(&s, i.id, id, round_id).await.map_err(|e| req.err(e))?;
    let statements = instrument::statements(round.instrument_version).unwrap_or_default();
    let mut errors = Errors::default();
    let mut answers = Vec::new();
    for x in statements {
        let field = format!("s-{}", x.key);
        match f.get(&field) {
            "" => errors.add(&field, req.t.get("assessment-choose")),
            "dk" => answers.push(StatementAnswer { statement: x.key.into(), score: None }),
            v => match v.parse::<u8>() {
                Ok(n) => answers.push(StatementAnswer { statement: x.key.into(), score: Some(n) }),
                Err(_) => errors.add(&field, req.t.get("assessment-choose")),
            },
        }
    }
    if errors.is_empty() {
        let input = AssessmentAnswerInput { answers };
        match s.store.submit_assessment_answer(&req.viewer.actor(), i.id, round_id, person, &input).await {
            Ok(_) => return Ok(see_other(&format!("/i/{}/tables/{id}/assessment?notice=saved", i.slug))),
            Err(backbone_core::StoreError::Invalid(inv)) => {
                for problem in inv.0 {
                    // `answers[N].score` is the Nth statement in the instrument's order.
                    let at = problem
                        .field
                        .strip_prefix("answers[")
                        .and_then(|r| r.split_once(']'))
                        .and_then(|(n, _)| n.parse::<usize>().ok())
                        .and_then(|n| input.answers.get(n))
                        .map(|a| a.statement.clone())
                        .unwrap_or_default();
                    errors.add(&format!("s-{at}"), problem.reason);
                }
            }
            Err(e) => return Err(req.err(e)),
        }
    }
    answer_form(&s, &req, i, access, id, round_id, errors, Some(&f)).await
}
