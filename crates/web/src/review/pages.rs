//! The review queue's pages: the list of submissions, and one submission's numbers with the
//! decision on all of it (or on the numbers selected).

use super::{shown_change, shown_value};
use crate::http::prelude::*;
use backbone_core::measure::observation::{groups_key, ObservationStatus, Review};
use backbone_core::progress::Silent;
use backbone_core::review::*;
use std::collections::HashMap;

pub fn routes() -> PageRoutes {
    PageRoutes::new()
        .get("/i/{slug}/review", queue_page)
        .get("/i/{slug}/review/{id}", submission_page)
        .post("/i/{slug}/review/{id}/decision", decide)
        .post("/i/{slug}/review/{id}/selected", decide_selected)
}

type Query = axum::extract::Query<HashMap<String, String>>;

/// How a submission is named in the queue: "people.csv", "Sent through the API" …
fn source_label(t: Tr, s: &Submission) -> String {
    match (&s.source, &s.file_name) {
        (SubmissionSource::Upload, Some(f)) => t.with("review-source-file", "name", f),
        (source, _) => t.get(&format!("review-source-{}", source.as_str())),
    }
}

/// One submission as a row of the queue.
pub struct Row {
    pub id: Id,
    pub organization: String,
    pub source: String,
    pub when: String,
    pub by: String,
    pub counts: SubmissionCounts,
}

#[derive(Template)]
#[template(path = "review/templates/queue.html")]
struct QueuePage {
    page: PageCtx,
    i: Initiative,
    rows: Vec<Row>,
    organizations: Vec<(String, String)>,
    organization: String,
    show_all: bool,
    /// The link to the next page, if any.
    next: Option<String>,
}

async fn queue_page(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    axum::extract::Query(q): Query,
) -> PageResult {
    req.require(&access, access.can_review_submissions())?;
    let e = |e| req.err(e);
    let get = |k: &str| q.get(k).map(String::as_str).unwrap_or("");
    let organization_id: Option<Id> = get("organization").parse().ok();
    let show_all = get("show") == "all";
    let filter = SubmissionFilter { organization_id, waiting_only: !show_all };
    let after = SubmissionCursor::decode(get("after"));
    let found = s.store.submissions(i.id, &filter, after, DEFAULT_PAGE).await.map_err(e)?;
    let orgs = s.store.organizations(i.id).await.map_err(e)?;
    let name_of: HashMap<Id, String> = orgs.iter().map(|o| (o.id, o.name.clone())).collect();
    let rows = found
        .submissions
        .iter()
        .map(|x| Row {
            id: x.id,
            organization: name_of.get(&x.organization_id).cloned().unwrap_or_default(),
            source: source_label(req.t, x),
            when: format!("{} {}", req.t.date(&x.submitted_at), x.submitted_at.format("%H:%M UTC")),
            by: x.submitted_by.clone(),
            counts: x.counts,
        })
        .collect();
    let next = found.next.map(|c| {
        let mut link = format!("/i/{}/review?after={}", i.slug, c.encode());
        if let Some(o) = organization_id {
            link.push_str(&format!("&organization={o}"));
        }
        if show_all {
            link.push_str("&show=all");
        }
        link
    });
    let page = QueuePage {
        page: req.page(req.t.get("review-queue-title"), Some((&i, &access)), "data"),
        organizations: orgs.iter().map(|o| (o.id.to_string(), o.name.clone())).collect(),
        organization: organization_id.map(|o| o.to_string()).unwrap_or_default(),
        i,
        rows,
        show_all,
        next,
    };
    render(&page, req.t)
}

/// One number as a row of a submission's table.
pub struct NumberRow {
    pub id: Id,
    pub indicator: String,
    pub period: String,
    pub place: String,
    pub group: String,
    pub numerator: f64,
    pub denominator: Option<f64>,
    pub value: String,
    pub previous: String,
    pub change: String,
    /// The outlier flag's words, when flagged.
    pub outlier: Option<String>,
    pub revision: i64,
    pub return_reason: Option<String>,
}

#[derive(Template)]
#[template(path = "review/templates/submission.html")]
struct SubmissionPage {
    page: PageCtx,
    i: Initiative,
    s: Submission,
    organization: String,
    source: String,
    when: String,
    numbers: Vec<NumberRow>,
    statuses: Vec<(String, String)>,
    status: String,
    indicators: Vec<(String, String)>,
    indicator: String,
    places: Vec<(String, String)>,
    place: String,
    /// The link to the next page, if any; and back to the first when not on it.
    next: Option<String>,
    first: Option<String>,
    outliers: usize,
    errors: Errors,
    reason: String,
    error: Option<String>,
}

impl SubmissionPage {
    fn error(&self, field: &str) -> Option<&String> {
        self.errors.get(field)
    }
}

#[allow(clippy::too_many_arguments)]
async fn show_submission(
    s: &AppState,
    req: &Req,
    i: Initiative,
    access: Access,
    id: Id,
    q: &HashMap<String, String>,
    errors: Errors,
    typed_reason: &str,
    error: Option<String>,
) -> PageResult {
    let e = |e| req.err(e);
    let get = |k: &str| q.get(k).map(String::as_str).unwrap_or("");
    let sub = s.store.submission(i.id, id).await.map_err(e)?;
    let indicators = s.store.indicators(i.id).await.map_err(e)?;
    let places = s.store.geographies(i.id).await.map_err(e)?;
    let status = ObservationStatus::parse(get("status"))
        .filter(|s| *s != ObservationStatus::Draft)
        .unwrap_or(ObservationStatus::Submitted);
    let indicator = indicators.iter().find(|x| x.key == get("indicator"));
    let place = places.iter().find(|p| p.code == get("place")).map(|p| p.code.clone());
    let filter = NumberFilter { status, indicator_id: indicator.map(|x| x.id), place: place.clone() };
    let after = NumberCursor::decode(get("after"));
    let found = s.store.submission_numbers(i.id, id, &filter, after.as_ref(), DEFAULT_PAGE).await.map_err(e)?;
    let numbers: Vec<NumberRow> = found
        .numbers
        .iter()
        .map(|n| NumberRow {
            id: n.id,
            indicator: n.indicator_key.clone(),
            period: n.period.clone(),
            place: n.geography.clone(),
            group: groups_key(&n.groups),
            numerator: n.numerator,
            denominator: n.denominator,
            value: shown_value(n.unit, n.value()),
            previous: shown_value(n.unit, n.previous_value()),
            change: shown_change(n),
            outlier: n.outlier().map(|o| req.t.get(&format!("review-outlier-{}", o.as_str()))),
            revision: n.revision,
            return_reason: n.return_reason.clone(),
        })
        .collect();
    let base = {
        let mut link = format!("/i/{}/review/{id}?status={}", i.slug, status.as_str());
        if let Some(x) = indicator {
            link.push_str(&format!("&indicator={}", x.key));
        }
        if let Some(p) = &place {
            link.push_str(&format!("&place={}", urlencoding(p)));
        }
        link
    };
    let next = found.next.map(|c| format!("{base}&after={}", urlencoding(&c.encode())));
    let first = after.is_some().then(|| base.clone());
    let organization = s.store.organization(i.id, sub.organization_id).await.map_err(e)?.name;
    let page = SubmissionPage {
        page: req.page(req.t.with("review-submission-title", "name", &organization), Some((&i, &access)), "data"),
        source: source_label(req.t, &sub),
        when: format!("{} {}", req.t.date(&sub.submitted_at), sub.submitted_at.format("%H:%M UTC")),
        statuses: [ObservationStatus::Submitted, ObservationStatus::Approved, ObservationStatus::Returned]
            .iter()
            .map(|s| (s.as_str().to_string(), req.t.get(&format!("review-status-{}", s.as_str()))))
            .collect(),
        status: status.as_str().to_string(),
        indicators: indicators.iter().map(|x| (x.key.clone(), x.name.clone())).collect(),
        indicator: indicator.map(|x| x.key.clone()).unwrap_or_default(),
        places: places.iter().map(|p| (p.code.clone(), p.name.clone())).collect(),
        place: place.unwrap_or_default(),
        outliers: numbers.iter().filter(|n| n.outlier.is_some()).count(),
        numbers,
        next,
        first,
        organization,
        s: sub,
        i,
        errors,
        reason: typed_reason.to_string(),
        error,
    };
    let invalid = !page.errors.is_empty() || page.error.is_some();
    if invalid {
        render_invalid(&page, req.t)
    } else {
        render(&page, req.t)
    }
}

fn urlencoding(s: &str) -> String {
    serde_urlencoded::to_string([("", s)]).map(|x| x[1..].to_string()).unwrap_or_default()
}

async fn submission_page(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
    axum::extract::Query(q): Query,
) -> PageResult {
    req.require(&access, access.can_review_submissions())?;
    show_submission(&s, &req, i, access, id, &q, Errors::default(), "", None).await
}

/// Approve or return every waiting number of the submission.
async fn decide(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
    f: FormData,
) -> PageResult {
    req.require(&access, access.can_review_submissions())?;
    let decision = match f.get("decision") {
        "approve" => return approve_all(s, req, i, access, id).await,
        _ => SubmissionDecision::Return { reason: f.get("reason").to_string() },
    };
    match s.store.decide_submission(&req.viewer.actor(), i.id, id, &decision, &Silent).await {
        Ok(_) => Ok(see_other(&format!("/i/{}/review?notice=reviewed", i.slug))),
        Err(err) => {
            let errors = req.form_errors(err)?;
            show_submission(&s, &req, i, access, id, &HashMap::new(), errors, f.get("reason"), None).await
        }
    }
}

/// Approving a whole submission publishes its numbers, which can take a while in a large
/// initiative: its page shows how far it has come (`http::progress`), then where to go on.
async fn approve_all(s: AppState, req: Req, i: Initiative, access: Access, id: Id) -> PageResult {
    let tracker = std::sync::Arc::new(backbone_core::progress::Tracker::new());
    let frame = Approving { page: req.page(req.t.get("review-approving-title"), Some((&i, &access)), "data") };
    let t = req.t;
    let watched = tracker.clone();
    let page = crate::http::progress::Streamed {
        frame: frame.render().map_err(|e| req.err(e))?,
        patience: s.config.progress_after,
        every: crate::http::progress::EVERY,
        line: move || approving_line(t, &watched.snapshot()),
    };
    let (actor, slug) = (req.viewer.actor(), i.slug.clone());
    let work = async move {
        let outcome = s.store.decide_submission(&actor, i.id, id, &SubmissionDecision::Approve, tracker.as_ref()).await;
        let back = format!("/i/{slug}/review/{id}");
        let (onward, problem) = match outcome {
            Ok(_) => (Some(format!("/i/{slug}/review?notice=reviewed")), String::new()),
            Err(e) => {
                let reason = crate::http::error::AppError::from(e)
                    .field_errors()
                    .first()
                    .map(|f| f.reason.clone())
                    .unwrap_or_else(|| t.get("error-internal"));
                (None, t.with("review-approving-failed", "reason", reason))
            }
        };
        let html = Approved { t, onward: onward.clone(), problem, back }.render().unwrap_or_default();
        let redirect = onward;
        crate::http::progress::Finished { html, redirect }
    };
    Ok(crate::http::progress::answer(page, work).await)
}

/// One line of an approval's progress.
fn approving_line(t: Tr, p: &backbone_core::progress::Snapshot) -> String {
    use backbone_core::progress::Stage;
    let key = match p.stage {
        Stage::Publishing | Stage::Done => "review-approving-publishing",
        _ => "review-approving-marking",
    };
    let text = t.get(key);
    let words = match p.percent() {
        Some(pc) => format!("{text} {pc}%"),
        None => text,
    };
    crate::http::progress::line(p.percent(), &words)
}

/// What an approval did, at the end of its streamed answer.
#[derive(Template)]
#[template(path = "review/templates/approved.html")]
struct Approved {
    t: Tr,
    /// Where to go on once it is done; `None` when it failed.
    onward: Option<String>,
    problem: String,
    back: String,
}

/// The frame of an approval's streamed answer.
#[derive(Template)]
#[template(path = "review/templates/approving.html")]
struct Approving {
    page: PageCtx,
}

/// Approve or return only the numbers selected.
async fn decide_selected(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
    f: FormData,
) -> PageResult {
    req.require(&access, access.can_review_submissions())?;
    let ids: Vec<Id> = f.all("observation").iter().filter_map(|v| v.parse().ok()).collect();
    if ids.is_empty() {
        let msg = Some(req.t.get("review-choose"));
        return show_submission(&s, &req, i, access, id, &HashMap::new(), Errors::default(), "", msg).await;
    }
    let decision = match f.get("decision") {
        "approve" => Review::Approve,
        _ => Review::Return { reason: f.get("reason").to_string() },
    };
    match s
        .store
        .review_observations(&req.viewer.actor(), i.id, &ids, &decision, &backbone_core::progress::Silent)
        .await
    {
        Ok(_) => Ok(see_other(&format!("/i/{}/review/{id}?notice=reviewed", i.slug))),
        Err(err) => {
            // Said above the table, where the selection was made.
            let errors = req.form_errors(err)?;
            let msg = errors.get("reason").map(|r| format!("{}: {r}", req.t.get("review-reason")));
            let msg = msg.or_else(|| Some(req.t.get("error-internal")));
            show_submission(&s, &req, i, access, id, &HashMap::new(), Errors::default(), "", msg).await
        }
    }
}
