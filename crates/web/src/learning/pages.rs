//! The pages of this capability: the learning log (search, and a form any member writes in),
//! the improvement cycles, and each cycle with the numbers its study looked at.

use crate::http::prelude::*;
use crate::measurement::view::{build_view, fmt_value, ViewParams};
use backbone_core::learning::*;
use std::collections::HashMap;

pub fn routes() -> PageRoutes {
    PageRoutes::new()
        .get_post("/i/{slug}/learning", learning_page, lesson_create)
        .get("/i/{slug}/learning/cycles/{id}", cycle_page)
}

#[derive(Template)]
#[template(path = "learning/templates/learning.html")]
struct LearningPage {
    page: PageCtx,
    i: Initiative,
    /// (lesson, organisation, indicator name)
    lessons: Vec<(Lesson, String, String)>,
    cycles: Vec<(Cycle, String)>,
    q: String,
    result: String,
    indicator: String,
    results: Vec<(String, String)>,
    indicators: Vec<(String, String)>,
    can_write: bool,
    form: (String, String, String, String),
    errors: Errors,
    no_errors: Errors,
}

async fn page_for(
    s: &AppState,
    req: &Req,
    i: Initiative,
    access: Access,
    q: &HashMap<String, String>,
    form: (String, String, String, String),
    errors: Errors,
) -> Result<LearningPage, PageError> {
    req.require(&access, access.can_view_learning())?;
    let e = |e| req.err(e);
    let text = q.get("q").cloned().unwrap_or_default();
    let result = q.get("result").cloned().unwrap_or_default();
    let indicator = q.get("indicator").cloned().unwrap_or_default();
    let query = LessonQuery {
        text: Some(text.clone()).filter(|t| !t.trim().is_empty()),
        strategy_key: q.get("strategy").filter(|k| !k.is_empty()).cloned(),
        indicator_key: Some(indicator.clone()).filter(|k| !k.is_empty()),
        result: LessonResult::parse(&result),
    };
    let organizations = s.store.organizations(i.id).await.map_err(e)?;
    let org = |id: Option<Id>| {
        id.and_then(|id| organizations.iter().find(|o| o.id == id)).map(|o| o.name.clone()).unwrap_or_default()
    };
    let all_indicators = s.store.indicators(i.id).await.map_err(e)?;
    let ind_name = |k: &str| all_indicators.iter().find(|x| x.key == k).map(|x| x.name.clone()).unwrap_or_default();
    let lessons = s
        .store
        .lessons(i.id, &query)
        .await
        .map_err(e)?
        .into_iter()
        .map(|l| {
            let (o, n) = (org(l.organization_id), l.indicator_key.as_deref().map(ind_name).unwrap_or_default());
            (l, o, n)
        })
        .collect();
    let cycles = s.store.cycles(i.id, None).await.map_err(e)?.into_iter().map(|c| {
        let n = ind_name(&c.indicator_key);
        (c, n)
    });
    let mut results = vec![(String::new(), req.t.get("learning-any-result"))];
    results.extend(options(LessonResult::ALL, req.t, LessonResult::label_key, LessonResult::as_str));
    let mut indicators = vec![(String::new(), req.t.get("learning-any-indicator"))];
    indicators.extend(all_indicators.iter().map(|x| (x.key.clone(), x.name.clone())));
    Ok(LearningPage {
        page: req.page(req.t.get("learning-title"), Some((&i, &access)), "learning"),
        can_write: access.can_record_lesson(),
        lessons,
        cycles: cycles.collect(),
        q: text,
        result,
        indicator,
        results,
        indicators,
        form,
        errors,
        no_errors: Errors::default(),
        i,
    })
}

async fn learning_page(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    axum::extract::Query(q): axum::extract::Query<HashMap<String, String>>,
) -> PageResult {
    let p = page_for(&s, &req, i, access, &q, Default::default(), Errors::default()).await?;
    render(&p, req.t)
}

async fn lesson_create(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    f: FormData,
) -> PageResult {
    req.require(&access, access.can_record_lesson())?;
    let form = (
        f.get("title").to_string(),
        f.get("body").to_string(),
        f.get("lesson_result").to_string(),
        f.get("lesson_indicator").to_string(),
    );
    let input = LessonInput {
        title: form.0.clone(),
        body: form.1.clone(),
        result: LessonResult::parse(&form.2),
        indicator_key: Some(form.3.clone()).filter(|k| !k.is_empty()),
        ..Default::default()
    };
    match s.store.create_lesson(&req.viewer.actor(), i.id, &input).await {
        Ok(_) => Ok(see_other(&format!("/i/{}/learning?notice=saved", i.slug))),
        Err(e) => {
            let mut errors = req.form_errors(e)?;
            // The form's selects carry their own names.
            if let Some(r) = errors.get("result").cloned() {
                errors.add("lesson_result", r);
            }
            if let Some(r) = errors.get("indicator_key").cloned() {
                errors.add("lesson_indicator", r);
            }
            render_invalid(&page_for(&s, &req, i, access, &HashMap::new(), form, errors).await?, req.t)
        }
    }
}

#[derive(Template)]
#[template(path = "learning/templates/cycle.html")]
struct CyclePage {
    page: PageCtx,
    i: Initiative,
    c: Cycle,
    indicator: String,
    table: String,
    organization: String,
    /// The numbers its study looked at, as the community sees them: (period, value).
    numbers: Vec<(String, String)>,
    lessons: Vec<Lesson>,
}

async fn cycle_page(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
) -> PageResult {
    req.require(&access, access.can_view_learning())?;
    let e = |e| req.err(e);
    let c = s.store.cycle(i.id, id).await.map_err(e)?;
    let ind = s.store.indicator(i.id, &c.indicator_key).await.map_err(e)?;
    let view = build_view(&s, &i, &ind, &ViewParams::default()).await.map_err(|e| req.err(e))?;
    let numbers = c
        .study_periods
        .iter()
        .map(|p| {
            let v = view.series.iter().find(|x| &x.period == p).and_then(|x| x.value);
            (p.clone(), v.map(|v| fmt_value(&req.t, ind.unit, v)).unwrap_or_else(|| "—".into()))
        })
        .collect();
    let table = match c.table_id {
        Some(t) => s.store.table(i.id, t).await.map_err(e)?.name,
        None => String::new(),
    };
    let organization = match c.organization_id {
        Some(o) => s.store.organization(i.id, o).await.map_err(e)?.name,
        None => String::new(),
    };
    let lessons = s.store.lessons(i.id, &LessonQuery::default()).await.map_err(e)?;
    let page = CyclePage {
        page: req.page(c.title.clone(), Some((&i, &access)), "learning"),
        indicator: ind.name,
        table,
        organization,
        numbers,
        lessons: lessons.into_iter().filter(|l| l.cycle_id == Some(c.id)).collect(),
        c,
        i,
    };
    render(&page, req.t)
}
