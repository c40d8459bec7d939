//! The pages of this capability: who is and is not at every table (one screen), and the
//! community's composition that staff record, from a CSV or by hand.

use crate::http::prelude::*;
use crate::people::answer_label;
use backbone_core::privacy::Cell;
use backbone_core::representation::voice::{VoicePeriod, VoiceRow};
use backbone_core::representation::*;

pub fn routes() -> PageRoutes {
    PageRoutes::new()
        .get("/i/{slug}/representation", view_page)
        .get("/i/{slug}/representation/community", community_page)
        .post("/i/{slug}/representation/community/file", community_file)
        .post("/i/{slug}/representation/community/by-hand", community_by_hand)
}

/// A share as the page writes it: "23%" ("23 %" in Spanish).
fn percent(t: &Tr, share: f64) -> String {
    t.with("percent", "value", format!("{:.0}", share * 100.0))
}

/// One group's line of a facet's table.
struct GroupLine {
    label: String,
    at_table: String,
    table_share: String,
    community_share: String,
    ratio: String,
    /// `under`, `even`, `over` or empty (hidden).
    standing: String,
    standing_text: String,
    trend: String,
}

struct FacetBlock {
    title: String,
    answered: String,
    lines: Vec<GroupLine>,
}

/// One group's voice in the last twelve months: each count with its share.
struct VoiceLine {
    label: String,
    organizations: String,
    seats: String,
    attended: String,
    leads: String,
    votes: String,
    /// Agenda items led and votes against the share of seats, in words ("fewer", "about even" …).
    lead_standing: String,
    lead_text: String,
}

/// A quarter's line of the small partners' voice: grassroots groups and residents together.
struct QuarterLine {
    label: String,
    seats: String,
    leads: String,
    votes: String,
}

struct TableBlock {
    id: Id,
    /// The table's name in the reader's language.
    name: backbone_core::translations::Shown,
    summary: String,
    facets: Vec<FacetBlock>,
    /// Groups the table has fewer of than the community, in words.
    missing: Vec<String>,
    voice: Option<(Vec<VoiceLine>, Vec<QuarterLine>)>,
}

fn facet_title(t: &Tr, f: Facet) -> String {
    t.get(match f {
        Facet::RaceEthnicity => "demo-race",
        Facet::Gender => "demo-gender",
        Facet::AgeBand => "demo-age",
        Facet::PrimaryLanguage => "demo-language",
        Facet::LivedExperience => "demo-lived",
    })
}

fn block(t: &Tr, content: &backbone_core::translations::Content, r: &TableRepresentation) -> TableBlock {
    let mut missing = Vec::new();
    let facets = r
        .facets
        .iter()
        .map(|f| FacetBlock {
            title: facet_title(t, f.facet),
            answered: match f.not_reported {
                Cell::Shown(n) => t.with("representation-not-answered", "count", n),
                Cell::Suppressed => t.get("representation-not-answered-hidden"),
            },
            lines: f
                .groups
                .iter()
                .map(|g| {
                    let label = match (f.facet, g.group.as_str()) {
                        (Facet::PrimaryLanguage, "another") => t.get("answer-another-language"),
                        _ => answer_label(t, &g.group),
                    };
                    if g.standing == Some(Presence::Under) {
                        missing.push(label.clone());
                    }
                    let trend = r.trend.iter().find(|x| x.facet == f.facet && x.group == g.group);
                    GroupLine {
                        at_table: crate::tables::pages::cell_text(t, &g.at_table),
                        table_share: g.table_share.map(|s| percent(t, s)).unwrap_or_else(|| "—".into()),
                        community_share: match g.community_margin {
                            Some(m) => t.with2(
                                "representation-share-margin",
                                "share",
                                percent(t, g.community_share),
                                "margin",
                                format!("{:.1}", m * 100.0),
                            ),
                            None => percent(t, g.community_share),
                        },
                        ratio: g.ratio.map(|x| format!("{x:.2}")).unwrap_or_else(|| "—".into()),
                        standing: g.standing.map(|s| s.as_str().to_string()).unwrap_or_default(),
                        standing_text: match g.standing {
                            Some(s) => t.get(&format!("standing-{}", s.as_str())),
                            None if g.at_table == Cell::Suppressed => t.get("standing-hidden"),
                            None => "—".into(),
                        },
                        trend: match trend.and_then(|x| x.direction.zip(x.change_points)) {
                            Some((d, c)) => t.with(&format!("gap-{}", d.as_str()), "points", format!("{:.0}", c.abs())),
                            None => t.get("gap-unknown"),
                        },
                        label,
                    }
                })
                .collect(),
        })
        .collect();
    let voice = r.voice.as_ref().map(|periods| voice_lines(t, periods));
    TableBlock {
        id: r.table_id,
        name: content.show(
            backbone_core::translations::Subject::Table,
            &backbone_core::translations::table_key(r.table_id),
            backbone_core::translations::TextField::Name,
            &r.table_name,
        ),
        summary: t.with2("representation-table-summary", "count", r.members, "date", t.date(&r.as_of)),
        facets,
        missing,
        voice,
    }
}

/// "3 (25%)", or the count alone when there is nothing to share.
fn with_share(t: &Tr, n: u64, share: Option<f64>) -> String {
    match share {
        Some(s) => format!("{n} ({})", percent(t, s)),
        None => n.to_string(),
    }
}

fn voice_lines(t: &Tr, periods: &[VoicePeriod]) -> (Vec<VoiceLine>, Vec<QuarterLine>) {
    let year = periods.first().map(|p| p.rows.as_slice()).unwrap_or_default();
    let lines = year
        .iter()
        .map(|r| {
            let standing = r.lead_ratio.map(|x| Band::default().presence(x));
            VoiceLine {
                label: t.get(&format!("orgkind-{}", r.group)),
                organizations: if r.group == OrgKind::Residents.as_str() {
                    "—".into()
                } else {
                    r.organizations.to_string()
                },
                seats: with_share(t, r.seats, r.seat_share),
                attended: with_share(t, r.attended, r.attendance_share),
                leads: with_share(t, r.agenda_items_led, r.lead_share),
                votes: with_share(t, r.votes, r.vote_share),
                lead_standing: standing.map(|s| s.as_str().to_string()).unwrap_or_default(),
                lead_text: match (standing, r.lead_ratio) {
                    (Some(s), Some(x)) => t.with2(
                        "voice-ratio",
                        "standing",
                        t.get(&format!("standing-{}", s.as_str())),
                        "ratio",
                        format!("{x:.2}"),
                    ),
                    _ => "—".into(),
                },
            }
        })
        .collect();
    // Grassroots groups and residents together, quarter by quarter: the voices most often lost.
    let small = |rows: &[VoiceRow], pick: &dyn Fn(&VoiceRow) -> (u64, Option<f64>)| {
        let mine: Vec<&VoiceRow> = rows
            .iter()
            .filter(|r| r.group == OrgKind::Grassroots.as_str() || r.group == OrgKind::Residents.as_str())
            .collect();
        let n: u64 = mine.iter().map(|r| pick(r).0).sum();
        let share: Option<f64> = mine.iter().map(|r| pick(r).1).sum();
        with_share(t, n, share)
    };
    let quarters = periods
        .iter()
        .skip(1)
        .map(|p| QuarterLine {
            label: p.label.clone(),
            seats: small(&p.rows, &|r| (r.seats, r.seat_share)),
            leads: small(&p.rows, &|r| (r.agenda_items_led, r.lead_share)),
            votes: small(&p.rows, &|r| (r.votes, r.vote_share)),
        })
        .collect();
    (lines, quarters)
}

#[derive(Template)]
#[template(path = "representation/templates/view.html")]
struct ViewPage {
    page: PageCtx,
    i: Initiative,
    place_name: String,
    /// (code, name, chosen)
    places: Vec<(String, String, bool)>,
    sources: Vec<String>,
    tables: Vec<TableBlock>,
    can_record: bool,
}

#[derive(serde::Deserialize)]
struct PlaceQuery {
    place: Option<String>,
}

async fn view_page(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    axum::extract::Query(q): axum::extract::Query<PlaceQuery>,
) -> PageResult {
    req.require(&access, access.can_view_representation())?;
    let view = super::representation(&s, i.id, &access, q.place.as_deref().filter(|p| !p.is_empty()), None)
        .await
        .map_err(|e| req.err(e))?;
    let geographies = s.store.geographies(i.id).await.map_err(|e| req.err(e))?;
    let name = |code: &str| geographies.iter().find(|g| g.code == code).map_or(code.to_string(), |g| g.name.clone());
    let content = crate::translations::content(&s, &req, &i).await?;
    let page = ViewPage {
        page: req.page(req.t.get("representation-title"), Some((&i, &access)), "tables"),
        place_name: view.place_name.clone().unwrap_or_default(),
        places: view.places.iter().map(|c| (c.clone(), name(c), view.place.as_deref() == Some(c))).collect(),
        sources: view.sources.clone(),
        tables: view.tables.iter().map(|r| block(&req.t, &content, r)).collect(),
        can_record: access.can_record_community_profile(),
        i,
    };
    render(&page, req.t)
}

// ---------------------------------------------------------------- the community's composition

/// The estimates in force, as the page lists them.
struct EstimateLine {
    place: String,
    facet: String,
    group: String,
    estimate: u64,
    margin: String,
    universe: u64,
}

#[derive(Template)]
#[template(path = "representation/templates/community.html")]
struct CommunityPage {
    page: PageCtx,
    i: Initiative,
    current: Vec<EstimateLine>,
    /// Every profile recorded, newest first, in words.
    history: Vec<String>,
    places: Vec<(String, String)>,
    facets: Vec<(String, String)>,
    /// The hand-entry form's facet and its groups: (label, estimate, margin).
    facet: String,
    groups: Vec<(String, String, String)>,
    columns: String,
    /// The problems of the form that was sent (the other's are empty).
    file_errors: Errors,
    hand_errors: Errors,
    /// What was typed or pasted, to show again with its problems.
    form_source: String,
    form_csv: String,
    form_place: String,
    form_universe: String,
    file_problems: Vec<String>,
}

impl CommunityPage {
    /// The problem of a group's estimate or margin in the hand-entry form.
    fn error_at(&self, kind: &str, n: &usize) -> Option<&String> {
        self.hand_errors.get(&format!("{kind}-{n}"))
    }
}

#[derive(serde::Deserialize)]
struct FacetQuery {
    facet: Option<String>,
}

struct Typed<'a> {
    form: &'a FormData,
    which: &'static str,
    /// Every problem of a file, one a line ("Row 3, column estimate: …").
    problems: Vec<String>,
}

async fn community_form(
    s: &AppState,
    req: &Req,
    i: Initiative,
    access: Access,
    facet: Facet,
    errors: Errors,
    typed: Option<Typed<'_>>,
) -> PageResult {
    req.require(&access, access.can_record_community_profile())?;
    let e = |e| req.err(e);
    let t = &req.t;
    let history = s.store.community_profiles(i.id).await.map_err(e)?;
    let geographies = s.store.geographies(i.id).await.map_err(e)?;
    let place_name =
        |code: &str| geographies.iter().find(|g| g.code == code).map_or(code.to_string(), |g| g.name.clone());
    let current = current_estimates(&history)
        .into_iter()
        .map(|c| EstimateLine {
            place: place_name(&c.place),
            facet: facet_title(t, c.facet),
            group: answer_label(t, &c.group),
            estimate: c.estimate,
            margin: c.margin_of_error.map(|m| format!("± {m}")).unwrap_or_default(),
            universe: c.universe,
        })
        .collect();
    let f = typed.as_ref().map(|x| x.form);
    let get = |name: &str| f.map(|f| f.get(name).to_string()).unwrap_or_default();
    let groups = facet
        .groups()
        .iter()
        .enumerate()
        .map(|(n, g)| (answer_label(t, g), get(&format!("estimate-{n}")), get(&format!("margin-{n}"))))
        .collect();
    let history_lines = history
        .iter()
        .rev()
        .map(|p| {
            let date = t.date(&p.recorded_at);
            let count = p.estimates.len().to_string();
            t.with_all(
                "community-history-line",
                &[("source", &p.source), ("who", &p.recorded_by), ("date", &date), ("count", &count)],
            )
        })
        .collect();
    let which = typed.as_ref().map(|x| x.which).unwrap_or_default();
    let (file_errors, hand_errors) =
        if which == "hand" { (Errors::default(), errors) } else { (errors, Errors::default()) };
    let page = CommunityPage {
        page: req.page(t.get("community-title"), Some((&i, &access)), "tables"),
        current,
        places: geographies.iter().map(|g| (g.code.clone(), g.name.clone())).collect(),
        facets: Facet::ALL.iter().map(|f| (f.as_str().to_string(), facet_title(t, *f))).collect(),
        facet: facet.as_str().to_string(),
        groups,
        columns: COLUMNS.join(","),
        file_errors,
        hand_errors,
        form_source: get("source"),
        form_csv: get("csv"),
        form_place: get("place"),
        form_universe: get("universe"),
        file_problems: typed.map(|x| x.problems).unwrap_or_default(),
        history: history_lines,
        i,
    };
    let problems = if which == "hand" { &page.hand_errors } else { &page.file_errors };
    render_form(&page, problems, req.t)
}

async fn community_page(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    axum::extract::Query(q): axum::extract::Query<FacetQuery>,
) -> PageResult {
    let facet = q.facet.as_deref().and_then(Facet::parse).unwrap_or(Facet::RaceEthnicity);
    community_form(&s, &req, i, access, facet, Errors::default(), None).await
}

/// The source is asked of both forms.
fn source_problem(errors: &mut Errors, t: &Tr, f: &FormData) {
    if f.get("source").trim().is_empty() {
        errors.add("source", t.get("community-source-needed"));
    }
}

/// Records estimates, or shows the form again with the problems.
async fn record(
    s: &AppState,
    req: &Req,
    Scope { initiative: i, access }: Scope,
    f: &FormData,
    facet: Facet,
    which: &'static str,
    read: Result<Vec<CommunityEstimate>, backbone_core::Invalid>,
) -> PageResult {
    let mut problems = Vec::new();
    let mut errors = match &read {
        Ok(_) => Errors::default(),
        Err(inv) if which == "file" => {
            problems = inv.0.iter().map(|e| row_problem(&req.t, &e.field, &e.reason)).collect();
            let mut errors = Errors::default();
            errors.add("csv", req.t.with("community-file-problems", "count", problems.len()));
            errors
        }
        Err(inv) => Errors::from_invalid(inv),
    };
    source_problem(&mut errors, &req.t, f);
    if let (Ok(estimates), true) = (read, errors.is_empty()) {
        let input = CommunityProfileInput { source: f.get("source").trim().to_string(), estimates };
        match s.store.record_community_profile(&req.viewer.actor(), i.id, &input).await {
            Ok(_) => return Ok(see_other(&format!("/i/{}/representation?notice=saved", i.slug))),
            Err(e) => errors = req.form_errors(e)?,
        }
    }
    community_form(s, req, i, access, facet, errors, Some(Typed { form: f, which, problems })).await
}

async fn community_file(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    f: FormData,
) -> PageResult {
    req.require(&access, access.can_record_community_profile())?;
    let read = super::read_file(&s, i.id, f.get("csv").to_string()).await.map_err(|e| req.err(e))?;
    record(&s, &req, Scope { initiative: i, access }, &f, Facet::RaceEthnicity, "file", read).await
}

/// `rows[3].estimate` → "Row 3, column estimate: …".
fn row_problem(t: &Tr, field: &str, reason: &str) -> String {
    let inner = field.strip_prefix("rows[").and_then(|r| r.split_once(']'));
    match inner {
        Some((row, rest)) => {
            let column = rest.trim_start_matches('.');
            if column.is_empty() {
                t.with2("community-row-problem", "row", row, "reason", reason)
            } else {
                t.with_all("community-cell-problem", &[("row", row), ("column", column), ("reason", reason)])
            }
        }
        None => reason.to_string(),
    }
}

async fn community_by_hand(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    f: FormData,
) -> PageResult {
    req.require(&access, access.can_record_community_profile())?;
    let places = super::place_codes(&s, i.id).await.map_err(|e| req.err(e))?;
    let facet = Facet::parse(f.get("facet")).unwrap_or(Facet::RaceEthnicity);
    let entries: Vec<(String, String)> = (0..facet.groups().len())
        .map(|n| (f.get(&format!("estimate-{n}")).to_string(), f.get(&format!("margin-{n}")).to_string()))
        .collect();
    let read = read_hand_entry(f.get("place"), f.get("facet"), f.get("universe"), &entries, &places);
    record(&s, &req, Scope { initiative: i, access }, &f, facet, "hand", read).await
}
