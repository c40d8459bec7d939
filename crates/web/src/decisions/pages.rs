//! The pages of this capability: the decisions of every table, each decision (the proposal, your
//! vote, the count and the votes as they may be shown, the outcome and its action items), and
//! the forms to open one and to close it.

use crate::decisions::{seated, shown_tally, shown_votes, voter};
use crate::http::prelude::*;
use crate::meetings::leads_table;
use backbone_core::decisions::tally::{rule, tally, Tally};
use backbone_core::decisions::*;
use std::collections::HashMap;

pub fn routes() -> PageRoutes {
    PageRoutes::new()
        .get("/i/{slug}/decisions", decision_list)
        .get_post("/i/{slug}/decisions/new", decision_new, decision_create)
        .get("/i/{slug}/decisions/{id}", decision_show)
        .post("/i/{slug}/decisions/{id}/vote", decision_vote)
        .post("/i/{slug}/decisions/{id}/close", decision_close)
}

pub struct Listed {
    pub d: Decision,
    pub table: String,
    pub open: bool,
}

#[derive(Template)]
#[template(path = "decisions/templates/list.html")]
struct ListPage {
    page: PageCtx,
    i: Initiative,
    rows: Vec<Listed>,
    tables: Vec<(String, String)>,
    table: String,
    can_open: bool,
    no_errors: Errors,
}

async fn decision_list(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    axum::extract::Query(q): axum::extract::Query<HashMap<String, String>>,
) -> PageResult {
    req.require(&access, access.can_view_decisions())?;
    let e = |e| req.err(e);
    let table = q.get("table").cloned().unwrap_or_default();
    let all_tables = s.store.tables(i.id).await.map_err(e)?;
    let now = chrono::Utc::now();
    let mut rows: Vec<Listed> = s
        .store
        .decisions(i.id, &DecisionQuery { table_id: table.parse().ok(), meeting_id: None })
        .await
        .map_err(e)?
        .into_iter()
        .map(|d| Listed {
            table: all_tables.iter().find(|t| t.id == d.table_id).map(|t| t.name.clone()).unwrap_or_default(),
            open: d.is_open(now),
            d,
        })
        .collect();
    rows.sort_by_key(|l| !l.open);
    let mut can_open = access.is_admin();
    for t in &all_tables {
        can_open = can_open || leads_table(&s, i.id, &req.viewer, t.id).await.map_err(|e| req.err(e))?;
    }
    let mut tables = vec![(String::new(), req.t.get("meetings-any-table"))];
    tables.extend(all_tables.iter().map(|t| (t.id.to_string(), t.name.clone())));
    let page = ListPage {
        page: req.page(req.t.get("decisions-title"), Some((&i, &access)), "decisions"),
        rows,
        tables,
        table,
        can_open,
        no_errors: Errors::default(),
        i,
    };
    render(&page, req.t)
}

#[derive(Template)]
#[template(path = "decisions/templates/show.html")]
struct ShowPage {
    page: PageCtx,
    i: Initiative,
    d: Decision,
    table: String,
    open: bool,
    tally: Option<Tally>,
    votes: Vec<Vote>,
    /// The viewer may vote now; their vote so far.
    can_vote: bool,
    mine: Option<Ballot>,
    /// Why the viewer cannot vote, when they are a member who might expect to.
    cannot_vote: Option<String>,
    can_run: bool,
    /// The rule and count closing now would write.
    closing_rule: String,
    action_items: Option<Vec<crate::commitments::Listed>>,
    errors: Errors,
    statement: String,
    review_on: String,
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
    let d = s.store.decision(i.id, id).await.map_err(e)?;
    let table = s.store.table(i.id, d.table_id).await.map_err(e)?.name;
    let all_votes = s.store.votes(i.id, id).await.map_err(e)?;
    let now = chrono::Utc::now();
    let open = d.is_open(now);
    let me = voter(s, i.id, &req.viewer, d.table_id).await.map_err(|e| req.err(e))?;
    let can_vote = open && access.can_vote(me.is_some_and(|(_, seated)| seated));
    let mine = me.and_then(|(p, _)| all_votes.iter().find(|v| v.person_id == Some(p))).map(|v| v.ballot.clone());
    let cannot_vote = match (open, me) {
        (false, _) => None,
        (true, None) if access.signed_in() => Some(req.t.get("decision-not-linked")),
        (true, Some((_, false))) => Some(req.t.get("decision-not-seated")),
        _ => None,
    };
    let can_run =
        access.can_run_decisions_of(leads_table(s, i.id, &req.viewer, d.table_id).await.map_err(|e| req.err(e))?);
    let members = seated(s, i.id, d.table_id).await.map_err(|e| req.err(e))?.len() as u32;
    let closing_rule = rule(&d, &tally(&d, &all_votes), members);
    let action_items = if access.can_view_commitments() {
        let query = backbone_core::commitments::CommitmentQuery { decision_id: Some(id), ..Default::default() };
        Some(crate::commitments::listed(s, i.id, &query).await.map_err(|e| req.err(e))?)
    } else {
        None
    };
    Ok(ShowPage {
        page: req.page(d.title.clone(), Some((&i, &access)), "decisions"),
        tally: shown_tally(&d, &all_votes),
        votes: shown_votes(&d, all_votes),
        closing_rule: if can_run && d.shows_count() { closing_rule } else { String::new() },
        table,
        open,
        can_vote,
        mine,
        cannot_vote,
        can_run,
        action_items,
        errors,
        statement: String::new(),
        review_on: String::new(),
        d,
        i,
    })
}

impl ShowPage {
    /// The catalogue key explaining the process in a sentence.
    fn explain(&self) -> String {
        format!("decision-explain-{}", self.d.process.as_str())
    }

    /// "Saturday mornings", or the option's number when it is unknown.
    fn option(&self, i: &usize) -> String {
        self.d.options.get(*i).cloned().unwrap_or_else(|| format!("#{i}"))
    }

    /// The options of a ranking, in order, joined.
    fn ranking(&self, r: &[usize]) -> String {
        r.iter().map(|i| self.option(i)).collect::<Vec<_>>().join(" › ")
    }

    fn checked_position(&self, p: &Position) -> bool {
        self.mine.as_ref().is_some_and(|b| b.position == Some(*p))
    }

    fn checked_choice(&self, c: &usize) -> bool {
        self.mine.as_ref().is_some_and(|b| b.choice == Some(*c))
    }

    /// The rank the viewer gave an option (1 first), or empty.
    fn my_rank(&self, c: &usize) -> String {
        self.mine
            .as_ref()
            .and_then(|b| b.ranking.iter().position(|r| r == c))
            .map(|p| (p + 1).to_string())
            .unwrap_or_default()
    }

    fn my_score(&self, c: &usize) -> String {
        self.mine.as_ref().and_then(|b| b.scores.get(*c)).map(|s| s.to_string()).unwrap_or_default()
    }

    fn my_comment(&self) -> String {
        self.mine.as_ref().map(|b| b.comment.clone()).unwrap_or_default()
    }
}

async fn decision_show(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
) -> PageResult {
    req.require(&access, access.can_view_decisions())?;
    render(&show_page(&s, &req, i, access, id, Errors::default()).await?, req.t)
}

/// A ballot from the vote form: `position`, `choice`, `rank_<n>` (1 = first) or `score_<n>`,
/// and `comment`.
fn read_ballot(d: &Decision, f: &FormData, t: Tr) -> Result<Ballot, Errors> {
    let mut errors = Errors::default();
    let mut b = Ballot { comment: f.get("comment").to_string(), ..Default::default() };
    match d.process {
        DecisionProcess::Advice | DecisionProcess::Consent | DecisionProcess::Consensus => {
            b.position = Position::parse(f.get("position"));
        }
        DecisionProcess::Majority => b.choice = f.get("choice").parse().ok(),
        DecisionProcess::RankedChoice => {
            let mut ranked: Vec<(u32, usize)> = Vec::new();
            for k in 0..d.options.len() {
                match f.get(&format!("rank_{k}")).trim() {
                    "" => {}
                    r => match r.parse::<u32>() {
                        Ok(r) if r >= 1 => ranked.push((r, k)),
                        _ => errors.add("ranking", t.get("decision-rank-number")),
                    },
                }
            }
            ranked.sort();
            if ranked.windows(2).any(|w| w[0].0 == w[1].0) {
                errors.add("ranking", t.get("decision-rank-twice"));
            }
            b.ranking = ranked.into_iter().map(|(_, k)| k).collect();
        }
        DecisionProcess::Score => {
            for k in 0..d.options.len() {
                match f.get(&format!("score_{k}")).trim().parse::<u8>() {
                    Ok(v) => b.scores.push(v),
                    Err(_) => errors.add("scores", t.get("decision-score-number")),
                }
            }
        }
        DecisionProcess::Recorded => {}
    }
    if errors.is_empty() {
        Ok(b)
    } else {
        Err(errors)
    }
}

async fn decision_vote(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
    f: FormData,
) -> PageResult {
    let d = s.store.decision(i.id, id).await.map_err(|e| req.err(e))?;
    let me = voter(&s, i.id, &req.viewer, d.table_id).await.map_err(|e| req.err(e))?;
    req.require(&access, access.can_vote(me.is_some_and(|(_, seated)| seated)))?;
    let (person, _) = me.expect("checked above");
    let errors = match read_ballot(&d, &f, req.t) {
        Ok(ballot) => match s.store.cast_vote(&req.viewer.actor(), i.id, id, person, &ballot).await {
            Ok(_) => return Ok(see_other(&format!("/i/{}/decisions/{id}?notice=voted", i.slug))),
            Err(e) => req.form_errors(e)?,
        },
        Err(errors) => errors,
    };
    render_invalid(&show_page(&s, &req, i, access, id, errors).await?, req.t)
}

async fn decision_close(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
    f: FormData,
) -> PageResult {
    let d = s.store.decision(i.id, id).await.map_err(|e| req.err(e))?;
    req.require(
        &access,
        access.can_run_decisions_of(leads_table(&s, i.id, &req.viewer, d.table_id).await.map_err(|e| req.err(e))?),
    )?;
    let mut errors = Errors::default();
    let review_on = match f.opt("review_on") {
        Some(r) => match r.parse::<chrono::NaiveDate>() {
            Ok(r) => Some(r),
            Err(_) => {
                errors.add("review_on", req.t.get("activity-date"));
                None
            }
        },
        None => None,
    };
    if errors.is_empty() {
        let votes = s.store.votes(i.id, id).await.map_err(|e| req.err(e))?;
        let members = seated(&s, i.id, d.table_id).await.map_err(|e| req.err(e))?.len() as u32;
        let t = tally(&d, &votes);
        let outcome = OutcomeInput { statement: f.get("statement").to_string(), review_on };
        match s.store.close_decision(&req.viewer.actor(), i.id, id, &outcome, &rule(&d, &t, members), t.counted).await {
            Ok(_) => return Ok(see_other(&format!("/i/{}/decisions/{id}?notice=decided", i.slug))),
            Err(e) => errors = req.form_errors(e)?,
        }
    }
    let mut page = show_page(&s, &req, i, access, id, errors).await?;
    page.statement = f.get("statement").to_string();
    page.review_on = f.get("review_on").to_string();
    render_invalid(&page, req.t)
}

#[derive(Template)]
#[template(path = "decisions/templates/form.html")]
struct FormPage {
    page: PageCtx,
    i: Initiative,
    table_id: String,
    meeting_id: String,
    title: String,
    proposal: String,
    process: String,
    options_text: String,
    closes_on: String,
    quorum: String,
    anonymous: bool,
    one_per_organization: bool,
    tables: Vec<(String, String)>,
    meetings: Vec<(String, String)>,
    processes: Vec<(String, String)>,
    errors: Errors,
}

impl FormPage {
    async fn new(s: &AppState, req: &Req, i: &Initiative, access: &Access) -> Result<FormPage, PageError> {
        let mut tables = Vec::new();
        for t in s.store.tables(i.id).await.map_err(|e| req.err(e))? {
            if access.can_run_decisions_of(leads_table(s, i.id, &req.viewer, t.id).await.map_err(|e| req.err(e))?) {
                tables.push((t.id.to_string(), t.name));
            }
        }
        let mut meetings = vec![(String::new(), req.t.get("commitment-none"))];
        meetings.extend(
            s.store
                .meetings(i.id, &Default::default())
                .await
                .map_err(|e| req.err(e))?
                .into_iter()
                .rev()
                .map(|m| (m.id.to_string(), m.title)),
        );
        Ok(FormPage {
            page: req.page(req.t.get("decision-new-title"), Some((i, access)), "decisions"),
            i: i.clone(),
            table_id: String::new(),
            meeting_id: String::new(),
            title: String::new(),
            proposal: String::new(),
            process: "consent".into(),
            options_text: String::new(),
            closes_on: String::new(),
            quorum: String::new(),
            anonymous: false,
            one_per_organization: false,
            tables,
            meetings,
            processes: options(DecisionProcess::ALL, req.t, DecisionProcess::label_key, DecisionProcess::as_str),
            errors: Errors::default(),
        })
    }

    fn read(&mut self, s: &AppState, f: &FormData, t: Tr) -> Option<DecisionInput> {
        self.table_id = f.get("table_id").to_string();
        self.meeting_id = f.get("meeting_id").to_string();
        self.title = f.get("title").to_string();
        self.proposal = f.get("proposal").to_string();
        self.process = f.get("process").to_string();
        self.options_text = f.get("options").to_string();
        self.closes_on = f.get("closes_on").trim().to_string();
        self.quorum = f.get("quorum").trim().to_string();
        self.anonymous = f.checked("anonymous");
        self.one_per_organization = f.checked("one_vote_per_organization");
        let table_id = self.table_id.parse::<Id>().ok();
        if table_id.is_none() {
            self.errors.add("table_id", t.get("choose-from-list"));
        }
        let process = DecisionProcess::parse(&self.process);
        if process.is_none() {
            self.errors.add("process", t.get("choose-from-list"));
        }
        // Votes close at the end of the day chosen, in the community's clock.
        let closes_at = match self.closes_on.as_str() {
            "" => None,
            d => match d.parse::<chrono::NaiveDate>() {
                Ok(d) => {
                    s.config.time_zone.instant(d, chrono::NaiveTime::from_hms_opt(23, 59, 0).expect("a time")).ok()
                }
                Err(_) => {
                    self.errors.add("closes_on", t.get("activity-date"));
                    None
                }
            },
        };
        let quorum = match self.quorum.as_str() {
            "" => None,
            q => match q.parse::<u32>() {
                Ok(q) => Some(q),
                Err(_) => {
                    self.errors.add("quorum", t.get("activity-whole-number"));
                    None
                }
            },
        };
        let (Some(table_id), Some(process), true) = (table_id, process, self.errors.is_empty()) else { return None };
        let input = DecisionInput {
            table_id,
            meeting_id: self.meeting_id.parse().ok(),
            title: self.title.clone(),
            proposal: self.proposal.clone(),
            process,
            options: self.options_text.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect(),
            closes_at,
            quorum,
            anonymous: self.anonymous,
            one_vote_per_organization: self.one_per_organization,
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

async fn decision_new(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    axum::extract::Query(q): axum::extract::Query<HashMap<String, String>>,
) -> PageResult {
    req.require(&access, access.can_view_decisions())?;
    let mut form = FormPage::new(&s, &req, &i, &access).await?;
    req.require(&access, !form.tables.is_empty())?;
    form.table_id = q.get("table").cloned().unwrap_or_default();
    form.meeting_id = q.get("meeting").cloned().unwrap_or_default();
    render(&form, req.t)
}

async fn decision_create(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    f: FormData,
) -> PageResult {
    req.require(&access, access.can_view_decisions())?;
    let mut form = FormPage::new(&s, &req, &i, &access).await?;
    if let Some(input) = form.read(&s, &f, req.t) {
        req.require(
            &access,
            access.can_run_decisions_of(
                leads_table(&s, i.id, &req.viewer, input.table_id).await.map_err(|e| req.err(e))?,
            ),
        )?;
        match s.store.create_decision(&req.viewer.actor(), i.id, &input).await {
            Ok(d) => return Ok(see_other(&format!("/i/{}/decisions/{}?notice=created", i.slug, d.id))),
            Err(e) => form.errors = req.form_errors(e)?,
        }
    }
    render_invalid(&form, req.t)
}
