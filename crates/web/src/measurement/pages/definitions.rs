//! Defining indicators: the form staff use to create and edit an indicator (what it measures,
//! its unit, baseline and targets, who submits it, and how its small numbers are protected).

use crate::http::prelude::*;
use axum::response::{Html, Redirect};
use backbone_core::measure::analytics::Unit;
use backbone_core::measure::indicator::*;
use backbone_core::measure::period::Years;
use backbone_core::privacy::DisclosureRule;
// ---------------------------------------------------------------- defining indicators

#[derive(Template)]
#[template(path = "measurement/templates/indicator_form.html")]
struct IndicatorFormPage {
    page: PageCtx,
    i: Initiative,
    /// The key when editing (it cannot change).
    editing: Option<String>,
    f: IndicatorFields,
    units: Vec<(String, String)>,
    directions: Vec<(String, String)>,
    period_kinds: Vec<(String, String)>,
    levels: Vec<(String, String)>,
    rules: Vec<(String, String)>,
    results: Vec<(String, String)>,
    organizations: Vec<(String, String)>,
    /// Every organisation, to tick those that submit the indicator's numbers.
    submitter_choices: Vec<(String, String)>,
    errors: Errors,
}

/// The form's fields as typed.
#[derive(Default)]
pub struct IndicatorFields {
    pub key: String,
    pub name: String,
    pub description: String,
    pub numerator_definition: String,
    pub denominator_definition: String,
    pub unit: String,
    pub direction: String,
    pub period_kind: String,
    pub source: String,
    pub level: String,
    pub result_key: String,
    pub owner_organization_id: String,
    pub baseline_period: String,
    /// One target per line: `2027-28: 60`.
    pub targets: String,
    pub suppression_threshold: String,
    /// Empty for the unit's default.
    pub min_gap_change: String,
    /// Empty for no reporting schedule.
    pub report_due_days: String,
    pub disclosure_rule: String,
    /// The organisations ticked as submitters, by id.
    pub submitters: Vec<String>,
    pub published: bool,
}

impl IndicatorFields {
    fn of(ind: &Indicator) -> Self {
        IndicatorFields {
            key: ind.key.clone(),
            name: ind.name.clone(),
            description: ind.description.clone(),
            numerator_definition: ind.numerator_definition.clone(),
            denominator_definition: ind.denominator_definition.clone(),
            unit: ind.unit.as_str().into(),
            direction: ind.direction.as_str().into(),
            period_kind: ind.period_kind.as_str().into(),
            source: ind.source.clone(),
            level: ind.level.as_str().into(),
            result_key: ind.result_key.clone().unwrap_or_default(),
            owner_organization_id: ind.owner_organization_id.map(|o| o.to_string()).unwrap_or_default(),
            baseline_period: ind.baseline_period.clone().unwrap_or_default(),
            targets: ind.targets.iter().map(|t| format!("{}: {}", t.period, t.value)).collect::<Vec<_>>().join("\n"),
            suppression_threshold: ind.suppression_threshold.to_string(),
            min_gap_change: ind.min_gap_change.map(|m| m.to_string()).unwrap_or_default(),
            report_due_days: ind.report_due_days.map(|d| d.to_string()).unwrap_or_default(),
            disclosure_rule: ind.disclosure_rule.as_str().into(),
            submitters: ind.submitters.iter().map(|o| o.to_string()).collect(),
            published: ind.published,
        }
    }

    fn read(f: &FormData, key: Option<&str>) -> Self {
        let g = |n: &str| f.get(n).to_string();
        IndicatorFields {
            key: key.map(str::to_string).unwrap_or_else(|| g("key")),
            name: g("name"),
            description: g("description"),
            numerator_definition: g("numerator_definition"),
            denominator_definition: g("denominator_definition"),
            unit: g("unit"),
            direction: g("direction"),
            period_kind: g("period_kind"),
            source: g("source"),
            level: g("level"),
            result_key: g("result_key"),
            owner_organization_id: g("owner_organization_id"),
            baseline_period: g("baseline_period"),
            targets: g("targets"),
            suppression_threshold: g("suppression_threshold"),
            min_gap_change: g("min_gap_change"),
            report_due_days: g("report_due_days"),
            disclosure_rule: g("disclosure_rule"),
            submitters: f.all("submitters").into_iter().map(str::to_string).collect(),
            published: f.checked("published"),
        }
    }

    /// The input these fields describe, or the problems found, named by field.
    fn input(&self, t: &Tr, years: Years) -> Result<IndicatorInput, Errors> {
        use backbone_core::measure::analytics::Direction;
        use backbone_core::measure::period::PeriodKind;
        let mut errors = Errors::default();
        let unit = Unit::parse(&self.unit);
        let direction = Direction::parse(&self.direction);
        let period_kind = PeriodKind::parse(&self.period_kind);
        let level = Level::parse(&self.level);
        // A form that leaves the rule out gets the recommended one.
        let rule = match self.disclosure_rule.as_str() {
            "" => Some(DisclosureRule::default()),
            r => DisclosureRule::parse(r),
        };
        for (ok, field) in [
            (rule.is_some(), "disclosure_rule"),
            (unit.is_some(), "unit"),
            (direction.is_some(), "direction"),
            (period_kind.is_some(), "period_kind"),
            (level.is_some(), "level"),
        ] {
            if !ok {
                errors.add(field, t.get("choose-from-list"));
            }
        }
        let mut targets = Vec::new();
        for line in self.targets.lines().map(str::trim).filter(|l| !l.is_empty()) {
            match line.split_once(':').map(|(p, v)| (p.trim(), v.trim().trim_end_matches('%').parse::<f64>())) {
                Some((p, Ok(v))) => targets.push(Target { period: p.to_string(), value: v }),
                _ => errors.add("targets", t.with("targets-format", "line", line)),
            }
        }
        let threshold = self.suppression_threshold.trim().parse::<u32>().unwrap_or_else(|_| {
            errors.add("suppression_threshold", t.get("whole-number"));
            10
        });
        let min_gap_change = match self.min_gap_change.trim() {
            "" => None,
            v => v.parse::<f64>().map(Some).unwrap_or_else(|_| {
                errors.add("min_gap_change", t.get("a-number"));
                None
            }),
        };
        let report_due_days = match self.report_due_days.trim() {
            "" => None,
            v => v.parse::<u32>().map(Some).unwrap_or_else(|_| {
                errors.add("report_due_days", t.get("whole-number"));
                None
            }),
        };
        let owner = match self.owner_organization_id.as_str() {
            "" => None,
            v => v.parse().ok(),
        };
        let mut submitters = Vec::new();
        for v in &self.submitters {
            match v.parse::<Id>() {
                Ok(id) => submitters.push(id),
                Err(_) => errors.add("submitters", t.get("choose-from-list")),
            }
        }
        let (Some(unit), Some(direction), Some(period_kind), Some(level), Some(disclosure_rule)) =
            (unit, direction, period_kind, level, rule)
        else {
            return Err(errors);
        };
        let input = IndicatorInput {
            key: self.key.trim().to_string(),
            name: self.name.clone(),
            description: self.description.clone(),
            numerator_definition: self.numerator_definition.clone(),
            denominator_definition: self.denominator_definition.clone(),
            unit,
            direction,
            period_kind,
            source: self.source.clone(),
            level,
            result_key: Some(self.result_key.clone()).filter(|k| !k.is_empty()),
            owner_organization_id: owner,
            baseline_period: Some(self.baseline_period.trim().to_string()).filter(|b| !b.is_empty()),
            targets,
            suppression_threshold: threshold,
            disclosure_rule,
            submitters,
            min_gap_change,
            report_due_days,
            published: self.published,
        };
        if let Err(inv) = input.validate(years) {
            for fe in inv.0 {
                let name = fe.field.split(['[', '.']).next().unwrap_or(&fe.field).to_string();
                errors.add(&name, fe.reason);
            }
        }
        if errors.is_empty() {
            Ok(input)
        } else {
            Err(errors)
        }
    }
}

pub async fn indicator_form(
    s: &AppState,
    req: &Req,
    i: Initiative,
    access: &Access,
    editing: Option<String>,
    f: IndicatorFields,
    errors: Errors,
) -> PageResult {
    use backbone_core::measure::analytics::Direction;
    use backbone_core::measure::period::PeriodKind;
    let e = |e| req.err(e);
    let t = req.t;
    let opts = |pairs: Vec<(&'static str, String)>| {
        pairs.into_iter().map(|(v, k)| (v.to_string(), t.get(&k))).collect::<Vec<_>>()
    };
    let mut results = vec![(String::new(), t.get("no-result"))];
    if let Some(a) = s.store.current_agenda(i.id).await.map_err(e)? {
        for r in a.results {
            results.push((r.key.clone(), r.title.clone()));
            for st in r.strategies {
                results.push((st.key.clone(), format!("— {}", st.title)));
            }
        }
    }
    let orgs: Vec<(String, String)> =
        s.store.organizations(i.id).await.map_err(e)?.into_iter().map(|o| (o.id.to_string(), o.name)).collect();
    let mut organizations = vec![(String::new(), t.get("no-owner"))];
    organizations.extend(orgs.iter().cloned());
    let title = match &editing {
        Some(_) => t.with("indicator-edit-title", "name", &f.name),
        None => t.get("indicator-new-title"),
    };
    let page = IndicatorFormPage {
        page: req.page(title, Some((&i, access)), "dashboard"),
        units: opts(Unit::ALL.iter().map(|u| (u.as_str(), u.label_key())).collect()),
        directions: opts(Direction::ALL.iter().map(|u| (u.as_str(), u.label_key())).collect()),
        period_kinds: opts(PeriodKind::ALL.iter().map(|u| (u.as_str(), u.label_key())).collect()),
        levels: opts(Level::ALL.iter().map(|u| (u.as_str(), u.label_key())).collect()),
        rules: opts(DisclosureRule::ALL.iter().map(|u| (u.as_str(), u.label_key())).collect()),
        results,
        organizations,
        submitter_choices: orgs,
        editing,
        f,
        errors,
        i,
    };
    let body = page.render().map_err(|e| req.err(e))?;
    let status =
        if page.errors.is_empty() { axum::http::StatusCode::OK } else { axum::http::StatusCode::UNPROCESSABLE_ENTITY };
    Ok((status, Html(body)).into_response())
}

pub async fn indicator_new(State(s): State<AppState>, req: Req, Scope { initiative: i, access }: Scope) -> PageResult {
    req.require(&access, access.can_manage_measurement())?;
    let f = IndicatorFields {
        unit: "percent".into(),
        direction: "up".into(),
        period_kind: "school_year".into(),
        level: "population".into(),
        suppression_threshold: "10".into(),
        disclosure_rule: "both_sides".into(),
        ..Default::default()
    };
    indicator_form(&s, &req, i, &access, None, f, Default::default()).await
}

pub async fn indicator_create(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    form: FormData,
) -> PageResult {
    req.require(&access, access.can_manage_measurement())?;
    let f = IndicatorFields::read(&form, None);
    let errors = match f.input(&req.t, s.store.years()) {
        Ok(input) => match s.store.create_indicator(&req.viewer.actor(), i.id, &input).await {
            Ok(ind) => {
                return Ok(Redirect::to(&format!("/i/{}/indicators/{}?notice=created", i.slug, ind.key)).into_response())
            }
            Err(e) => req.form_errors(e)?,
        },
        Err(errors) => errors,
    };
    indicator_form(&s, &req, i, &access, None, f, errors).await
}

pub async fn indicator_edit(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, key)): ApiPath<(String, String)>,
) -> PageResult {
    req.require(&access, access.can_manage_measurement())?;
    let ind = s.store.indicator(i.id, &key).await.map_err(|e| req.err(e))?;
    indicator_form(&s, &req, i, &access, Some(key), IndicatorFields::of(&ind), Default::default()).await
}

pub async fn indicator_update(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, key)): ApiPath<(String, String)>,
    form: FormData,
) -> PageResult {
    req.require(&access, access.can_manage_measurement())?;
    let f = IndicatorFields::read(&form, Some(&key));
    let errors = match f.input(&req.t, s.store.years()) {
        Ok(input) => match s.store.update_indicator(&req.viewer.actor(), i.id, &key, &input).await {
            Ok(_) => return Ok(Redirect::to(&format!("/i/{}/indicators/{key}?notice=saved", i.slug,)).into_response()),
            Err(e) => req.form_errors(e)?,
        },
        Err(errors) => errors,
    };
    indicator_form(&s, &req, i, &access, Some(key), f, errors).await
}
