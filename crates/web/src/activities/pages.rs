//! The pages of this capability: the list of activities, each activity, the form partners
//! register them with, and the alignment map a working group discusses.

use crate::http::prelude::*;
use backbone_core::activities::alignment::{self, AlignmentMap, StrategyRef};
use backbone_core::activities::*;
use backbone_core::measure::indicator::Indicator;
use backbone_core::measure::place::Geography;
use backbone_core::partners::Organization;
use std::collections::HashMap;

pub fn routes() -> PageRoutes {
    PageRoutes::new()
        .get("/i/{slug}/activities", activity_list)
        .get_post("/i/{slug}/activities/new", activity_new, activity_create)
        .get("/i/{slug}/activities/{id}", activity_show)
        .get_post("/i/{slug}/activities/{id}/edit", activity_edit, activity_update)
        .get("/i/{slug}/alignment", alignment_page)
}

/// What the pages name things by: organisations, strategies, places and indicators.
struct Names {
    organizations: Vec<Organization>,
    strategies: Vec<StrategyRef>,
    places: Vec<Geography>,
    indicators: Vec<Indicator>,
}

impl Names {
    async fn load(s: &AppState, req: &Req, i: &Initiative, access: &Access) -> Result<Names, PageError> {
        let e = |e| req.err(e);
        Ok(Names {
            organizations: s.store.organizations(i.id).await.map_err(e)?,
            strategies: alignment::strategies_of(s.store.current_agenda(i.id).await.map_err(e)?.as_ref()),
            places: s.store.geographies(i.id).await.map_err(e)?,
            indicators: s
                .store
                .indicators(i.id)
                .await
                .map_err(e)?
                .into_iter()
                .filter(|x| access.can_view_indicator(x.published))
                .collect(),
        })
    }

    fn organization(&self, id: Id) -> String {
        self.organizations.iter().find(|o| o.id == id).map(|o| o.name.clone()).unwrap_or_default()
    }

    fn strategy(&self, key: &str) -> String {
        self.strategies.iter().find(|s| s.key == key).map(|s| s.title.clone()).unwrap_or_else(|| key.to_string())
    }

    fn place(&self, code: &str) -> String {
        self.places.iter().find(|g| g.code == code).map(|g| g.name.clone()).unwrap_or_else(|| code.to_string())
    }

    /// The indicators it names that the viewer may see: (key, name).
    fn indicators_of(&self, a: &Activity) -> Vec<(String, String)> {
        a.indicator_keys
            .iter()
            .filter_map(|k| self.indicators.iter().find(|x| &x.key == k))
            .map(|x| (x.key.clone(), x.name.clone()))
            .collect()
    }
}

/// One activity as a list or a page shows it.
pub struct Shown {
    pub a: Activity,
    pub organization: String,
    pub strategies: Vec<String>,
    pub places: Vec<String>,
    pub indicators: Vec<(String, String)>,
    /// "Ages 0–3", or empty.
    pub ages: String,
    /// Its organisation is led by residents.
    pub resident_led: bool,
}

fn shown(names: &Names, t: Tr, a: Activity) -> Shown {
    let ages = match (a.age_min, a.age_max) {
        (Some(lo), Some(hi)) => t.with2("activity-ages-range", "from", lo, "to", hi),
        (Some(lo), None) => t.with("activity-ages-from", "from", lo),
        (None, Some(hi)) => t.with("activity-ages-to", "to", hi),
        (None, None) => String::new(),
    };
    Shown {
        organization: names.organization(a.organization_id),
        resident_led: names.organizations.iter().any(|o| o.id == a.organization_id && o.resident_led),
        strategies: a.strategy_keys.iter().map(|k| names.strategy(k)).collect(),
        places: a.places.iter().map(|p| names.place(p)).collect(),
        indicators: names.indicators_of(&a),
        ages,
        a,
    }
}

#[derive(Template)]
#[template(path = "activities/templates/list.html")]
struct ListPage {
    page: PageCtx,
    i: Initiative,
    rows: Vec<Shown>,
    organizations: Vec<(String, String)>,
    strategies: Vec<(String, String)>,
    organization: String,
    strategy: String,
    can_register: bool,
    no_errors: Errors,
}

async fn activity_list(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    axum::extract::Query(q): axum::extract::Query<HashMap<String, String>>,
) -> PageResult {
    let names = Names::load(&s, &req, &i, &access).await?;
    let organization = q.get("organization").cloned().unwrap_or_default();
    let strategy = q.get("strategy").cloned().unwrap_or_default();
    let query = ActivityQuery {
        organization_id: organization.parse().ok(),
        strategy_key: Some(strategy.clone()).filter(|s| !s.is_empty()),
        indicator_key: None,
    };
    let activities = s.store.activities(i.id, &query).await.map_err(|e| req.err(e))?;
    let mut organizations = vec![(String::new(), req.t.get("activities-any-organization"))];
    organizations.extend(names.organizations.iter().map(|o| (o.id.to_string(), o.name.clone())));
    let mut strategies = vec![(String::new(), req.t.get("activities-any-strategy"))];
    strategies.extend(names.strategies.iter().map(|s| (s.key.clone(), s.title.clone())));
    let page = ListPage {
        page: req.page(req.t.get("activities-title"), Some((&i, &access)), "activities"),
        rows: activities.into_iter().map(|a| shown(&names, req.t, a)).collect(),
        can_register: access.can_register_activities(),
        organizations,
        strategies,
        organization,
        strategy,
        no_errors: Errors::default(),
        i,
    };
    render(&page, req.t)
}

#[derive(Template)]
#[template(path = "activities/templates/show.html")]
struct ShowPage {
    page: PageCtx,
    i: Initiative,
    s: Shown,
    can_edit: bool,
    /// Its commitments, for those who may see commitments.
    commitments: Option<Vec<crate::commitments::Listed>>,
    can_commit: bool,
}

async fn activity_show(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
) -> PageResult {
    let a = s.store.activity(i.id, id).await.map_err(|e| req.err(e))?;
    let names = Names::load(&s, &req, &i, &access).await?;
    let commitments = if access.can_view_commitments() {
        let query = backbone_core::commitments::CommitmentQuery { activity_id: Some(a.id), ..Default::default() };
        Some(crate::commitments::listed(&s, i.id, &query).await.map_err(|e| req.err(e))?)
    } else {
        None
    };
    let page = ShowPage {
        page: req.page(a.name.clone(), Some((&i, &access)), "activities"),
        can_edit: access.can_manage_activities_of(a.organization_id),
        can_commit: access.can_manage_commitment(Some(a.organization_id)),
        commitments,
        s: shown(&names, req.t, a),
        i,
    };
    render(&page, req.t)
}

/// A checkbox of a list: (value, label, checked).
type Choice = (String, String, bool);

#[derive(Template)]
#[template(path = "activities/templates/form.html")]
struct FormPage {
    page: PageCtx,
    i: Initiative,
    id: Option<Id>,
    organization_id: String,
    name: String,
    kind: String,
    status: String,
    population: String,
    age_min: String,
    age_max: String,
    capacity: String,
    starts_on: String,
    ends_on: String,
    description: String,
    organizations: Vec<(String, String)>,
    kinds: Vec<(String, String)>,
    statuses: Vec<(String, String)>,
    /// The strategies, by result: (result title, its strategies).
    strategies: Vec<(String, Vec<Choice>)>,
    places: Vec<Choice>,
    indicators: Vec<Choice>,
    errors: Errors,
}

impl FormPage {
    fn new(page: PageCtx, i: Initiative, t: Tr, names: &Names, access: &Access, a: Option<&Activity>) -> FormPage {
        let mut organizations: Vec<(String, String)> = names
            .organizations
            .iter()
            .filter(|o| access.can_manage_activities_of(o.id))
            .map(|o| (o.id.to_string(), o.name.clone()))
            .collect();
        if let Some(a) = a {
            // An activity stays with its organisation.
            organizations.retain(|(id, _)| *id == a.organization_id.to_string());
        }
        let text = |v: Option<String>| v.unwrap_or_default();
        let mut form = FormPage {
            page,
            i,
            id: a.map(|a| a.id),
            organization_id: a.map(|a| a.organization_id.to_string()).unwrap_or_default(),
            name: text(a.map(|a| a.name.clone())),
            kind: a.map(|a| a.kind.as_str()).unwrap_or("program").to_string(),
            status: a.map(|a| a.status.as_str()).unwrap_or("active").to_string(),
            population: text(a.map(|a| a.population.clone())),
            age_min: text(a.and_then(|a| a.age_min).map(|v| v.to_string())),
            age_max: text(a.and_then(|a| a.age_max).map(|v| v.to_string())),
            capacity: text(a.and_then(|a| a.capacity).map(|v| v.to_string())),
            starts_on: text(a.and_then(|a| a.starts_on).map(|d| d.to_string())),
            ends_on: text(a.and_then(|a| a.ends_on).map(|d| d.to_string())),
            description: text(a.map(|a| a.description.clone())),
            organizations,
            kinds: options(ActivityKind::ALL, t, ActivityKind::label_key, ActivityKind::as_str),
            statuses: options(ActivityStatus::ALL, t, ActivityStatus::label_key, ActivityStatus::as_str),
            strategies: Vec::new(),
            places: Vec::new(),
            indicators: Vec::new(),
            errors: Errors::default(),
        };
        form.choose(
            names,
            a.map(|a| &a.strategy_keys[..]).unwrap_or_default(),
            a.map(|a| &a.places[..]).unwrap_or_default(),
            a.map(|a| &a.indicator_keys[..]).unwrap_or_default(),
        );
        form
    }

    /// The checkbox lists, with these ticked.
    fn choose(&mut self, names: &Names, strategies: &[String], places: &[String], indicators: &[String]) {
        let mut by_result: Vec<(String, Vec<Choice>)> = Vec::new();
        for s in &names.strategies {
            let choice = (s.key.clone(), s.title.clone(), strategies.contains(&s.key));
            match by_result.iter_mut().find(|(r, _)| *r == s.result_title) {
                Some((_, list)) => list.push(choice),
                None => by_result.push((s.result_title.clone(), vec![choice])),
            }
        }
        self.strategies = by_result;
        self.places = names.places.iter().map(|g| (g.code.clone(), g.name.clone(), places.contains(&g.code))).collect();
        self.indicators =
            names.indicators.iter().map(|x| (x.key.clone(), x.name.clone(), indicators.contains(&x.key))).collect();
    }

    /// Reads the form; `None` (with the problems shown) when it cannot be an activity.
    fn read(&mut self, f: &FormData, names: &Names, t: Tr) -> Option<ActivityInput> {
        self.organization_id = f.get("organization_id").to_string();
        self.name = f.get("name").to_string();
        self.kind = f.get("kind").to_string();
        self.status = f.get("status").to_string();
        self.population = f.get("population").to_string();
        self.age_min = f.get("age_min").trim().to_string();
        self.age_max = f.get("age_max").trim().to_string();
        self.capacity = f.get("capacity").trim().to_string();
        self.starts_on = f.get("starts_on").trim().to_string();
        self.ends_on = f.get("ends_on").trim().to_string();
        self.description = f.get("description").to_string();
        let strategies: Vec<String> = f.all("strategy_keys").into_iter().map(String::from).collect();
        let places: Vec<String> = f.all("places").into_iter().map(String::from).collect();
        let indicators: Vec<String> = f.all("indicator_keys").into_iter().map(String::from).collect();
        self.choose(names, &strategies, &places, &indicators);
        let mut errors = Errors::default();
        fn number<T: std::str::FromStr>(errors: &mut Errors, field: &str, text: &str, t: Tr) -> Option<T> {
            if text.is_empty() {
                return None;
            }
            let parsed = text.parse().ok();
            if parsed.is_none() {
                errors.add(field, t.get("activity-whole-number"));
            }
            parsed
        }
        fn date(errors: &mut Errors, field: &str, text: &str, t: Tr) -> Option<chrono::NaiveDate> {
            if text.is_empty() {
                return None;
            }
            let parsed = text.parse().ok();
            if parsed.is_none() {
                errors.add(field, t.get("activity-date"));
            }
            parsed
        }
        let age_min = number::<u8>(&mut errors, "age_min", &self.age_min, t);
        let age_max = number::<u8>(&mut errors, "age_max", &self.age_max, t);
        let capacity = number::<u32>(&mut errors, "capacity", &self.capacity, t);
        let starts_on = date(&mut errors, "starts_on", &self.starts_on, t);
        let ends_on = date(&mut errors, "ends_on", &self.ends_on, t);
        let organization_id = self.organization_id.parse::<Id>().ok();
        if organization_id.is_none() {
            errors.add("organization_id", t.get("choose-from-list"));
        }
        let kind = ActivityKind::parse(&self.kind);
        let status = ActivityStatus::parse(&self.status);
        if kind.is_none() {
            errors.add("kind", t.get("choose-from-list"));
        }
        if status.is_none() {
            errors.add("status", t.get("choose-from-list"));
        }
        let (Some(organization_id), Some(kind), Some(status), true) =
            (organization_id, kind, status, errors.is_empty())
        else {
            self.errors = errors;
            return None;
        };
        let input = ActivityInput {
            organization_id,
            name: self.name.clone(),
            description: self.description.clone(),
            kind,
            status,
            population: self.population.clone(),
            age_min,
            age_max,
            places,
            capacity,
            strategy_keys: strategies,
            indicator_keys: indicators,
            starts_on,
            ends_on,
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

async fn activity_new(State(s): State<AppState>, req: Req, Scope { initiative: i, access }: Scope) -> PageResult {
    req.require(&access, access.can_register_activities())?;
    let names = Names::load(&s, &req, &i, &access).await?;
    let page = req.page(req.t.get("activity-new-title"), Some((&i, &access)), "activities");
    render(&FormPage::new(page, i, req.t, &names, &access, None), req.t)
}

async fn activity_create(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    f: FormData,
) -> PageResult {
    req.require(&access, access.can_register_activities())?;
    let names = Names::load(&s, &req, &i, &access).await?;
    let page = req.page(req.t.get("activity-new-title"), Some((&i, &access)), "activities");
    let mut form = FormPage::new(page, i.clone(), req.t, &names, &access, None);
    if let Some(input) = form.read(&f, &names, req.t) {
        req.require(&access, access.can_manage_activities_of(input.organization_id))?;
        match s.store.create_activity(&req.viewer.actor(), i.id, &input).await {
            Ok(a) => return Ok(see_other(&format!("/i/{}/activities/{}?notice=created", i.slug, a.id))),
            Err(e) => form.errors = req.form_errors(e)?,
        }
    }
    render_invalid(&form, req.t)
}

async fn activity_edit(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
) -> PageResult {
    let a = s.store.activity(i.id, id).await.map_err(|e| req.err(e))?;
    req.require(&access, access.can_manage_activities_of(a.organization_id))?;
    let names = Names::load(&s, &req, &i, &access).await?;
    let page = req.page(req.t.with("activity-edit-title", "name", &a.name), Some((&i, &access)), "activities");
    render(&FormPage::new(page, i, req.t, &names, &access, Some(&a)), req.t)
}

async fn activity_update(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
    f: FormData,
) -> PageResult {
    let a = s.store.activity(i.id, id).await.map_err(|e| req.err(e))?;
    req.require(&access, access.can_manage_activities_of(a.organization_id))?;
    let names = Names::load(&s, &req, &i, &access).await?;
    let page = req.page(req.t.with("activity-edit-title", "name", &a.name), Some((&i, &access)), "activities");
    let mut form = FormPage::new(page, i.clone(), req.t, &names, &access, Some(&a));
    if let Some(input) = form.read(&f, &names, req.t) {
        match s.store.update_activity(&req.viewer.actor(), i.id, id, &input).await {
            Ok(_) => return Ok(see_other(&format!("/i/{}/activities/{id}?notice=saved", i.slug))),
            Err(e) => form.errors = req.form_errors(e)?,
        }
    }
    render_invalid(&form, req.t)
}

#[derive(Template)]
#[template(path = "activities/templates/alignment.html")]
struct AlignmentPage {
    page: PageCtx,
    i: Initiative,
    map: AlignmentMap,
    /// The places at the finest level, the map's columns: (code, name).
    columns: Vec<(String, String)>,
    rows: Vec<MapRow>,
    overlaps: Vec<OverlapRow>,
    /// What the community already has in each place of the map (its columns), beside the
    /// programs: (place name, [(asset id, name, resident-led)], live activities reaching it).
    assets: Vec<(String, Linked, Linked)>,
    /// The community assets in each place nobody's program reaches, in `map.place_gaps`' order.
    gap_assets: Vec<Vec<String>>,
}

/// Records linked from a page: (id, name, resident-led).
type Linked = Vec<(Id, String, bool)>;

/// For one strategy (in the map's order): the organisations working on it, with counts, and a
/// cell per column: live activities reaching that place.
type MapRow = (Vec<(String, usize)>, Vec<usize>);

/// One overlap in words: (strategy, [(activity id, name, organisation)] × 2, places, ages).
type OverlapRow = (String, [(Id, String, String); 2], String, String);

async fn alignment_page(State(s): State<AppState>, req: Req, Scope { initiative: i, access }: Scope) -> PageResult {
    let map = crate::activities::alignment_of(&s, i.id).await.map_err(|e| req.err(e))?;
    let names = Names::load(&s, &req, &i, &access).await?;
    let activities = s.store.activities(i.id, &ActivityQuery::default()).await.map_err(|e| req.err(e))?;
    let columns: Vec<(String, String)> =
        map.places.iter().map(|p| (p.place.code.clone(), p.place.name.clone())).collect();
    let rows = map
        .strategies
        .iter()
        .map(|sc| {
            let orgs =
                sc.by_organization.iter().map(|c| (names.organization(c.organization_id), c.activities)).collect();
            let cells = map
                .places
                .iter()
                .map(|p| {
                    p.activity_ids
                        .iter()
                        .filter(|id| {
                            activities.iter().any(|a| a.id == **id && a.strategy_keys.contains(&sc.strategy.key))
                        })
                        .count()
                })
                .collect();
            (orgs, cells)
        })
        .collect();
    let activity = |id: Id| {
        let a = activities.iter().find(|a| a.id == id);
        (
            id,
            a.map(|a| a.name.clone()).unwrap_or_default(),
            a.map(|a| names.organization(a.organization_id)).unwrap_or_default(),
        )
    };
    let overlaps = map
        .overlaps
        .iter()
        .map(|o| {
            let ages = match o.ages {
                Some((lo, hi)) => req.t.with2("activity-ages-range", "from", lo, "to", hi),
                None => req.t.get("alignment-all-ages"),
            };
            let places: Vec<String> = o.places.iter().map(|p| names.place(p)).collect();
            (
                names.strategy(&o.strategy_key),
                [activity(o.activity_ids[0]), activity(o.activity_ids[1])],
                places.join(", "),
                ages,
            )
        })
        .collect();
    let community = crate::community_assets::assets_for(&s, i.id, &access).await.map_err(|e| req.err(e))?;
    let in_place = |code: &str| -> Linked {
        community.iter().filter(|a| a.place == code).map(|a| (a.id, a.name.clone(), a.resident_led)).collect()
    };
    let assets = map
        .places
        .iter()
        .map(|p| {
            let programs = p
                .activity_ids
                .iter()
                .filter_map(|id| activities.iter().find(|a| a.id == *id))
                .map(|a| {
                    let led = names.organizations.iter().any(|o| o.id == a.organization_id && o.resident_led);
                    (a.id, a.name.clone(), led)
                })
                .collect();
            (p.place.name.clone(), in_place(&p.place.code), programs)
        })
        .collect();
    let gap_assets =
        map.place_gaps.iter().map(|p| in_place(&p.code).into_iter().map(|(_, name, _)| name).collect()).collect();
    let page = AlignmentPage {
        page: req.page(req.t.get("alignment-title"), Some((&i, &access)), "activities"),
        i,
        assets,
        gap_assets,
        map,
        columns,
        rows,
        overlaps,
    };
    render(&page, req.t)
}
