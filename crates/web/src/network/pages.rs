//! The pages of this capability: the partner network (a closed round's figures, the map, the
//! organisations, introductions, the change since the round before; staff open and close rounds)
//! and the form an organisation answers a round with.

use super::RoundResults;
use crate::http::prelude::*;
use backbone_core::network::*;
use backbone_core::partners::Organization;
use std::collections::BTreeMap;

pub fn routes() -> PageRoutes {
    PageRoutes::new()
        .get("/i/{slug}/network", network_page)
        .post("/i/{slug}/network/rounds", round_create)
        .post("/i/{slug}/network/rounds/{id}/close", round_close)
        .get_post("/i/{slug}/network/rounds/{id}/answer", answer_page, answer_save)
}

struct RoundLine {
    id: Id,
    name: String,
    dates: String,
    closed: bool,
    /// The organisations this viewer may answer for in it, while it is open: (id, name).
    answer_for: Vec<(Id, String)>,
}

struct OrgLine {
    name: String,
    sector: String,
    degree: u64,
    betweenness: String,
    trust: String,
    value: String,
}

struct RoundView {
    id: Id,
    name: String,
    figures: Vec<(String, String)>,
    change: Vec<String>,
    /// The map's data for the browser: nodes and ties as JSON.
    map: String,
    organizations: Vec<OrgLine>,
    isolates: Vec<String>,
    /// Groups apart from the largest, each as its organisations' names.
    apart: Vec<String>,
    introductions: Vec<String>,
}

#[derive(Template)]
#[template(path = "network/templates/network.html")]
struct NetworkPage {
    page: PageCtx,
    i: Initiative,
    rounds: Vec<RoundLine>,
    chosen: Option<RoundView>,
    sectors: Vec<(String, String)>,
    can_run: bool,
    errors: Errors,
    form_name: String,
    form_opens: String,
    form_closes: String,
}

fn percent(t: &Tr, x: f64) -> String {
    t.with("percent", "value", format!("{:.0}", x * 100.0))
}

/// Names of strategies and places by their keys, for introductions in words.
struct Names {
    strategies: BTreeMap<String, String>,
    places: BTreeMap<String, String>,
}

impl Names {
    async fn of(s: &AppState, initiative_id: Id) -> AppResult<Names> {
        let agenda = s.store.current_agenda(initiative_id).await?;
        let strategies = backbone_core::activities::alignment::strategies_of(agenda.as_ref())
            .into_iter()
            .map(|x| (x.key, x.title))
            .collect();
        let places = s.store.geographies(initiative_id).await?.into_iter().map(|g| (g.code, g.name)).collect();
        Ok(Names { strategies, places })
    }

    fn list(map: &BTreeMap<String, String>, keys: &[String]) -> String {
        keys.iter().map(|k| map.get(k).cloned().unwrap_or_else(|| k.clone())).collect::<Vec<_>>().join(", ")
    }
}

fn view(t: &Tr, r: &RoundResults, orgs: &[Organization], names: &Names) -> RoundView {
    let res = &r.results;
    let name = |id: Id| orgs.iter().find(|o| o.id == id).map_or_else(|| id.to_string(), |o| o.name.clone());
    let score = |x: Option<f64>, raters: u64| match x {
        Some(v) => format!("{v:.1}"),
        None if raters > 0 => t.with("network-too-few", "count", raters),
        None => "—".into(),
    };
    let mut figures = vec![
        (t.get("network-response-rate"), t.with2("network-of", "count", res.respondents, "total", res.organizations)),
        (t.get("network-density"), percent(t, res.density)),
        (t.get("network-centralization"), percent(t, res.centralization)),
        (t.get("network-ties"), res.ties.to_string()),
    ];
    if let Some(x) = res.trust_percent {
        figures.push((t.get("network-trust"), t.with("percent", "value", format!("{x:.0}"))));
    }
    if let Some(x) = res.value_percent {
        figures.push((t.get("network-value"), t.with("percent", "value", format!("{x:.0}"))));
    }
    if let Some(x) = res.reciprocity {
        figures.push((t.get("network-reciprocity"), percent(t, x)));
    }
    figures.push((t.get("network-groups"), (res.components.len() + res.isolates.len()).to_string()));
    let change = r
        .change
        .iter()
        .flat_map(|c| {
            let signed = |x: f64| format!("{}{x:.0}", if x >= 0.0 { "+" } else { "" });
            let mut lines = vec![
                t.with_all(
                    "network-change-ties",
                    &[("from", &c.from_round), ("new", &c.new_ties.to_string()), ("lost", &c.lost_ties.to_string())],
                ),
                t.with2(
                    "network-change-density",
                    "points",
                    signed(c.density_points),
                    "centralization",
                    signed(c.centralization_points),
                ),
            ];
            if let Some(p) = c.trust_points {
                lines.push(t.with("network-change-trust", "points", signed(p)));
            }
            if !c.no_longer_isolated.is_empty() {
                let names: Vec<String> = c.no_longer_isolated.iter().map(|id| name(*id)).collect();
                lines.push(t.with("network-change-joined", "names", names.join(", ")));
            }
            lines
        })
        .collect();
    let sector_of = |id: Id| orgs.iter().find(|o| o.id == id).map(|o| o.sector.as_str()).unwrap_or("");
    let map = serde_json::json!({
        "nodes": res.nodes.iter().map(|n| serde_json::json!({
            "id": n.organization_id.to_string(), "name": name(n.organization_id),
            "sector": sector_of(n.organization_id), "degree": n.degree,
        })).collect::<Vec<_>>(),
        "edges": res.edges.iter().map(|(a, b)| serde_json::json!({"source": a.to_string(), "target": b.to_string()})).collect::<Vec<_>>(),
    })
    .to_string();
    let mut organizations: Vec<OrgLine> = res
        .nodes
        .iter()
        .map(|n| OrgLine {
            name: name(n.organization_id),
            sector: orgs
                .iter()
                .find(|o| o.id == n.organization_id)
                .map(|o| t.get(&o.sector.label_key()))
                .unwrap_or_default(),
            degree: n.degree,
            betweenness: format!("{:.2}", n.betweenness),
            trust: score(n.trust, n.raters),
            value: score(n.value, n.raters),
        })
        .collect();
    organizations.sort_by(|a, b| b.degree.cmp(&a.degree).then(a.name.cmp(&b.name)));
    RoundView {
        id: res.round_id,
        name: res.round_name.clone(),
        figures,
        change,
        map,
        organizations,
        isolates: res.isolates.iter().map(|id| name(*id)).collect(),
        apart: res
            .components
            .iter()
            .skip(1)
            .map(|g| g.iter().map(|id| name(*id)).collect::<Vec<_>>().join(", "))
            .collect(),
        introductions: res
            .introductions
            .iter()
            .map(|x| {
                t.with_all(
                    "network-introduction",
                    &[
                        ("a", &name(x.a)),
                        ("b", &name(x.b)),
                        ("strategies", &Names::list(&names.strategies, &x.shared_strategies)),
                        ("places", &Names::list(&names.places, &x.shared_places)),
                    ],
                )
            })
            .collect(),
    }
}

#[derive(serde::Deserialize)]
struct RoundQuery {
    round: Option<Id>,
}

async fn network_form(
    s: &AppState,
    req: &Req,
    i: Initiative,
    access: Access,
    asked: Option<Id>,
    errors: Errors,
    form: Option<&FormData>,
) -> PageResult {
    req.require(&access, access.can_view_network())?;
    let e = |e| req.err(e);
    let t = &req.t;
    let rounds = s.store.survey_rounds(i.id).await.map_err(e)?;
    let orgs = s.store.organizations(i.id).await.map_err(e)?;
    let chosen_id = asked.or_else(|| rounds.iter().find(|r| r.closed_at.is_some()).map(|r| r.id));
    let chosen = match chosen_id {
        Some(id) => {
            let results = super::round_results(s, i.id, id).await.map_err(|e| req.err(e))?;
            let names = Names::of(s, i.id).await.map_err(|e| req.err(e))?;
            Some(view(t, &results, &orgs, &names))
        }
        None => None,
    };
    let lines = rounds
        .iter()
        .map(|r| RoundLine {
            id: r.id,
            name: r.name.clone(),
            dates: t.with2("network-round-dates", "opens", r.opens_on, "closes", r.closes_on),
            closed: r.closed_at.is_some(),
            answer_for: if r.closed_at.is_none() {
                orgs.iter().filter(|o| access.can_answer_for(o.id)).map(|o| (o.id, o.name.clone())).collect()
            } else {
                Vec::new()
            },
        })
        .collect();
    let mut sectors = vec![(String::new(), t.get("network-every-sector"))];
    let mut seen: Vec<&str> = orgs.iter().map(|o| o.sector.as_str()).collect();
    seen.sort_unstable();
    seen.dedup();
    sectors.extend(seen.iter().map(|s| (s.to_string(), t.get(&format!("sector-{s}")))));
    let get = |name: &str| form.map(|f| f.get(name).to_string()).unwrap_or_default();
    let page = NetworkPage {
        page: req.page(t.get("network-title"), Some((&i, &access)), "network"),
        rounds: lines,
        chosen,
        sectors,
        can_run: access.can_run_network_surveys(),
        form_name: get("name"),
        form_opens: get("opens_on"),
        form_closes: get("closes_on"),
        errors,
        i,
    };
    render_form(&page, &page.errors, req.t)
}

async fn network_page(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    axum::extract::Query(q): axum::extract::Query<RoundQuery>,
) -> PageResult {
    network_form(&s, &req, i, access, q.round, Errors::default(), None).await
}

async fn round_create(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    f: FormData,
) -> PageResult {
    req.require(&access, access.can_run_network_surveys())?;
    let mut errors = Errors::default();
    let date = |name: &str, errors: &mut Errors| {
        f.get(name).trim().parse::<chrono::NaiveDate>().map_err(|_| errors.add(name, req.t.get("date-format"))).ok()
    };
    let (opens_on, closes_on) = (date("opens_on", &mut errors), date("closes_on", &mut errors));
    if let (Some(opens_on), Some(closes_on)) = (opens_on, closes_on) {
        let input = RoundInput { name: f.get("name").to_string(), opens_on, closes_on };
        match s.store.create_survey_round(&req.viewer.actor(), i.id, &input).await {
            Ok(_) => return Ok(see_other(&format!("/i/{}/network?notice=created", i.slug))),
            Err(e) => errors = req.form_errors(e)?,
        }
    }
    network_form(&s, &req, i, access, None, errors, Some(&f)).await
}

async fn round_close(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
) -> PageResult {
    req.require(&access, access.can_run_network_surveys())?;
    s.store.close_survey_round(&req.viewer.actor(), i.id, id).await.map_err(|e| req.err(e))?;
    Ok(see_other(&format!("/i/{}/network?round={id}&notice=saved", i.slug)))
}

// ---------------------------------------------------------------- answering a round

/// The six questions asked about each organisation with a relationship, in order.
const QUESTIONS: [&str; 6] = ["reliability", "mission", "openness", "power", "involvement", "resources"];

struct AnswerRow {
    about: Id,
    name: String,
    level: String,
    scores: Vec<(&'static str, String)>,
}

#[derive(Template)]
#[template(path = "network/templates/answer.html")]
struct AnswerPage {
    page: PageCtx,
    i: Initiative,
    round: SurveyRound,
    organization_id: Id,
    organization: String,
    rows: Vec<AnswerRow>,
    levels: Vec<(String, String)>,
    scores: Vec<(String, String)>,
    errors: Errors,
}

impl AnswerPage {
    /// A question's label for the organisation it is about, for screen readers.
    fn question(&self, q: &str, about: &str) -> String {
        self.page.t.with2(
            "network-question-about",
            "question",
            self.page.t.get(&format!("network-q-{q}")),
            "name",
            about,
        )
    }
    fn error_at(&self, q: &str, about: &Id) -> Option<&String> {
        self.errors.get(&format!("{q}-{about}"))
    }
}

#[derive(serde::Deserialize)]
struct OrgQuery {
    organization: Option<Id>,
}

#[allow(clippy::too_many_arguments)]
async fn answer_form(
    s: &AppState,
    req: &Req,
    i: Initiative,
    access: Access,
    round_id: Id,
    organization_id: Id,
    errors: Errors,
    typed: Option<&FormData>,
) -> PageResult {
    req.require(&access, access.can_answer_for(organization_id))?;
    let e = |e| req.err(e);
    let t = &req.t;
    let round = s.store.survey_round(i.id, round_id).await.map_err(e)?;
    let orgs = s.store.organizations(i.id).await.map_err(e)?;
    let me =
        orgs.iter().find(|o| o.id == organization_id).ok_or_else(|| req.err(AppError::NotFound("organization")))?;
    let earlier =
        s.store.responses(i.id, round_id).await.map_err(e)?.into_iter().find(|r| r.organization_id == organization_id);
    let rows = orgs
        .iter()
        .filter(|o| o.id != organization_id)
        .map(|o| {
            let given = earlier.as_ref().and_then(|r| r.ratings.iter().find(|x| x.about == o.id));
            let answer = |q: &str| -> String {
                match typed {
                    Some(f) => f.get(&format!("{q}-{}", o.id)).to_string(),
                    None => given
                        .and_then(|g| match q {
                            "reliability" => g.reliability,
                            "mission" => g.mission,
                            "openness" => g.openness,
                            "power" => g.power,
                            "involvement" => g.involvement,
                            _ => g.resources,
                        })
                        .map(|v| v.to_string())
                        .unwrap_or_default(),
                }
            };
            let level = match typed {
                Some(f) => f.get(&format!("level-{}", o.id)).to_string(),
                None => given.map(|g| g.level.as_str().to_string()).unwrap_or_else(|| "none".into()),
            };
            AnswerRow {
                about: o.id,
                name: o.name.clone(),
                level,
                scores: QUESTIONS.iter().map(|q| (*q, answer(q))).collect(),
            }
        })
        .collect();
    let mut scores = vec![(String::new(), "—".to_string())];
    scores.extend((1..=4).map(|n| (n.to_string(), t.get(&format!("network-score-{n}")))));
    let page = AnswerPage {
        page: req.page(t.with("network-answer-title", "name", &me.name), Some((&i, &access)), "network"),
        organization: me.name.clone(),
        organization_id,
        rows,
        levels: options(
            CollaborationLevel::ALL,
            req.t,
            |l| format!("network-level-{}", l.as_str()),
            CollaborationLevel::as_str,
        ),
        scores,
        round,
        errors,
        i,
    };
    render_form(&page, &page.errors, req.t)
}

async fn answer_page(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
    axum::extract::Query(q): axum::extract::Query<OrgQuery>,
) -> PageResult {
    let org = q.organization.or_else(|| access.stewarded_organizations().first().copied());
    let Some(org) = org else { return Err(req.err(AppError::NotFound("organization"))) };
    answer_form(&s, &req, i, access, id, org, Errors::default(), None).await
}

async fn answer_save(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
    f: FormData,
) -> PageResult {
    let Ok(org) = f.get("organization").parse::<Id>() else { return Err(req.err(AppError::NotFound("organization"))) };
    req.require(&access, access.can_answer_for(org))?;
    let orgs = s.store.organizations(i.id).await.map_err(|e| req.err(e))?;
    let mut errors = Errors::default();
    let mut ratings = Vec::new();
    for o in orgs.iter().filter(|o| o.id != org) {
        let level_field = format!("level-{}", o.id);
        let Some(level) = CollaborationLevel::parse(f.get(&level_field)) else {
            errors.add(&level_field, req.t.get("choose-from-list"));
            continue;
        };
        let mut score = |q: &str| -> Option<u8> {
            let field = format!("{q}-{}", o.id);
            match f.get(&field) {
                "" => None,
                v => v.parse::<u8>().map_err(|_| errors.add(&field, req.t.get("choose-from-list"))).ok(),
            }
        };
        let rating = PartnerRating {
            about: o.id,
            level,
            reliability: score("reliability"),
            mission: score("mission"),
            openness: score("openness"),
            power: score("power"),
            involvement: score("involvement"),
            resources: score("resources"),
        };
        if level != CollaborationLevel::NoRelationship || rating.trust().count() + rating.value().count() > 0 {
            ratings.push(rating);
        }
    }
    if errors.is_empty() {
        let input = ResponseInput { ratings };
        // Problems name `ratings[N].field`; the form names `field-ORG`.
        let by_position: BTreeMap<usize, Id> = input.ratings.iter().enumerate().map(|(n, r)| (n, r.about)).collect();
        match s.store.submit_response(&req.viewer.actor(), i.id, id, org, &input).await {
            Ok(_) => return Ok(see_other(&format!("/i/{}/network?notice=saved", i.slug))),
            Err(backbone_core::StoreError::Invalid(inv)) => {
                for e in inv.0 {
                    let (n, field) = e
                        .field
                        .strip_prefix("ratings[")
                        .and_then(|r| r.split_once("]."))
                        .and_then(|(n, f)| Some((n.parse::<usize>().ok()?, f)))
                        .unwrap_or((0, "level"));
                    let about = by_position.get(&n).copied().unwrap_or_default();
                    errors.add(&format!("{field}-{about}"), e.reason);
                }
            }
            Err(e) => errors = req.form_errors(e)?,
        }
    }
    answer_form(&s, &req, i, access, id, org, errors, Some(&f)).await
}
