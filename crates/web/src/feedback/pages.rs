//! The pages of this capability: the form under a published number with what people said and
//! what was done, and the page where staff read every message and owners answer.

use crate::http::prelude::*;
use backbone_core::feedback::*;

pub fn routes() -> PageRoutes {
    PageRoutes::new()
        .get_post("/i/{slug}/indicators/{key}/feedback", form_page, form_send)
        .get("/i/{slug}/feedback", queue_page)
        .post("/i/{slug}/feedback/{id}/moderate", moderate)
        .post("/i/{slug}/feedback/{id}/reply", reply)
}

/// A shown message as pages show it: "You said" and "We did".
pub struct Shown {
    pub matches: String,
    pub comment: String,
    pub who: String,
    pub date: String,
    /// (the answer, who answered, when)
    pub reply: Option<(String, String, String)>,
}

fn shown(t: &Tr, f: &Feedback) -> Shown {
    Shown {
        matches: t.get(&format!("feedback-matches-{}", f.matches.as_str())),
        comment: f.comment.clone(),
        who: f.name.clone().unwrap_or_else(|| t.get("feedback-anonymous")),
        date: t.date(&f.created_at),
        reply: f.reply.as_ref().map(|r| (r.text.clone(), r.by.clone(), t.date(&r.at))),
    }
}

/// What people said about an indicator, as shown beside its number.
pub async fn said_about(s: &AppState, t: &Tr, initiative_id: Id, key: &str) -> AppResult<Vec<Shown>> {
    let items = s.store.feedback(initiative_id, Some(key), Some(FeedbackStatus::Published)).await?;
    Ok(items.iter().map(|f| shown(t, f)).collect())
}

#[derive(Template)]
#[template(path = "feedback/templates/form.html")]
struct FormPage {
    page: PageCtx,
    i: Initiative,
    key: String,
    indicator: String,
    said: Vec<Shown>,
    answers: Vec<(String, String)>,
    errors: Errors,
    form_matches: String,
    form_comment: String,
    form_name: String,
    form_contact: String,
}

async fn form(
    s: &AppState,
    req: &Req,
    i: Initiative,
    access: Access,
    key: String,
    errors: Errors,
    typed: Option<&FormData>,
) -> PageResult {
    let ind = s.store.indicator(i.id, &key).await.map_err(|e| req.err(e))?;
    req.require(&access, access.can_view_indicator(ind.published) && ind.published)?;
    let said = said_about(s, &req.t, i.id, &key).await.map_err(|e| req.err(e))?;
    let get = |n: &str| typed.map(|f| f.get(n).to_string()).unwrap_or_default();
    let page = FormPage {
        page: req.page(req.t.with("feedback-title", "indicator", &ind.name), Some((&i, &access)), "dashboard"),
        answers: options(Agreement::ALL, req.t, |a| format!("feedback-matches-{}", a.as_str()), Agreement::as_str),
        form_matches: typed.map(|f| f.get("matches").to_string()).unwrap_or_else(|| "partly".into()),
        form_comment: get("comment"),
        form_name: get("name"),
        form_contact: get("contact"),
        indicator: ind.name,
        said,
        key,
        errors,
        i,
    };
    render_form(&page, &page.errors, req.t)
}

async fn form_page(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, key)): ApiPath<(String, String)>,
) -> PageResult {
    form(&s, &req, i, access, key, Errors::default(), None).await
}

async fn form_send(
    State(s): State<AppState>,
    req: Req,
    PublicScope(Scope { initiative: i, access }): PublicScope,
    ApiPath((_, key)): ApiPath<(String, String)>,
    f: FormData,
) -> PageResult {
    req.require(&access, access.can_send_feedback())?;
    let mut errors = Errors::default();
    match Agreement::parse(f.get("matches")) {
        None => errors.add("matches", req.t.get("choose-from-list")),
        Some(matches) => {
            let input = FeedbackInput {
                matches,
                comment: f.get("comment").to_string(),
                name: f.get("name").to_string(),
                contact: f.get("contact").to_string(),
            };
            match super::send(&s, &req.viewer, i.id, &key, &input, req.t.lang()).await {
                Ok(_) => return Ok(see_other(&format!("/i/{}/indicators/{key}?notice=feedback-received", i.slug))),
                Err(AppError::Invalid(inv)) => errors = Errors::from_invalid(&inv),
                Err(AppError::TooMany { .. }) => errors.add("comment", req.t.get("feedback-too-many")),
                Err(e) => return Err(req.err(e)),
            }
        }
    }
    form(&s, &req, i, access, key, errors, Some(&f)).await
}

// ---------------------------------------------------------------- reading and answering

struct QueueItem {
    id: Id,
    indicator: String,
    key: String,
    shown: Shown,
    contact: String,
    note: String,
    can_answer: bool,
}

#[derive(Template)]
#[template(path = "feedback/templates/queue.html")]
struct QueuePage {
    page: PageCtx,
    i: Initiative,
    waiting: Vec<QueueItem>,
    shown: Vec<QueueItem>,
    declined: Vec<QueueItem>,
    can_moderate: bool,
    /// Problems of a decision or an answer, by `note-ID` or `text-ID`.
    errors: Errors,
}

impl QueuePage {
    fn error_at(&self, field: &str, id: &Id) -> Option<&String> {
        self.errors.get(&format!("{field}-{id}"))
    }
}

async fn queue_page(State(s): State<AppState>, req: Req, Scope { initiative: i, access }: Scope) -> PageResult {
    queue(&s, &req, i, access, Errors::default()).await
}

async fn queue(s: &AppState, req: &Req, i: Initiative, access: Access, errors: Errors) -> PageResult {
    let indicators = s.store.indicators(i.id).await.map_err(|e| req.err(e))?;
    let answerable = |key: &str| {
        indicators.iter().find(|x| x.key == key).is_some_and(|x| access.can_answer_feedback(x.owner_organization_id))
    };
    let can_moderate = access.can_moderate_feedback();
    req.require(&access, access.can_open_feedback_page())?;
    let all = s.store.feedback(i.id, None, None).await.map_err(|e| req.err(e))?;
    let item = |f: &Feedback| QueueItem {
        id: f.id,
        indicator: indicators
            .iter()
            .find(|x| x.key == f.indicator_key)
            .map_or(f.indicator_key.clone(), |x| x.name.clone()),
        key: f.indicator_key.clone(),
        shown: shown(&req.t, f),
        contact: if can_moderate { f.contact.clone().unwrap_or_default() } else { String::new() },
        note: if can_moderate { f.moderation_note.clone().unwrap_or_default() } else { String::new() },
        can_answer: answerable(&f.indicator_key),
    };
    let pick = |status: FeedbackStatus| -> Vec<QueueItem> {
        all.iter().filter(|f| f.status == status && (can_moderate || answerable(&f.indicator_key))).map(item).collect()
    };
    let page = QueuePage {
        page: req.page(req.t.get("feedback-queue-title"), Some((&i, &access)), "feedback"),
        waiting: if can_moderate { pick(FeedbackStatus::Waiting) } else { Vec::new() },
        shown: pick(FeedbackStatus::Published),
        declined: if can_moderate { pick(FeedbackStatus::Declined) } else { Vec::new() },
        can_moderate,
        errors,
        i,
    };
    render_form(&page, &page.errors, req.t)
}

async fn moderate(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
    f: FormData,
) -> PageResult {
    req.require(&access, access.can_moderate_feedback())?;
    let status = FeedbackStatus::parse(f.get("status")).unwrap_or(FeedbackStatus::Waiting);
    let input = ModerationInput { status, note: f.get("note").to_string() };
    let done = s.store.moderate_feedback(&req.viewer.actor(), i.id, id, &input).await;
    back_to_queue(&s, &req, i, access, id, done).await
}

async fn reply(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
    f: FormData,
) -> PageResult {
    let item = s.store.feedback_item(i.id, id).await.map_err(|e| req.err(e))?;
    let (owner, by) = super::answerer(&s, &i, &item.indicator_key).await.map_err(|e| req.err(e))?;
    req.require(&access, access.can_answer_feedback(owner))?;
    let input = ReplyInput { text: f.get("text").to_string() };
    let done = s.store.reply_to_feedback(&req.viewer.actor(), i.id, id, &input, &by).await;
    back_to_queue(&s, &req, i, access, id, done).await
}

/// After a change to message `id`: back to the page, or the page again with the problems beside
/// that message.
async fn back_to_queue(
    s: &AppState,
    req: &Req,
    i: Initiative,
    access: Access,
    id: Id,
    done: Result<Feedback, backbone_core::StoreError>,
) -> PageResult {
    match done {
        Ok(_) => Ok(see_other(&format!("/i/{}/feedback?notice=saved", i.slug))),
        Err(backbone_core::StoreError::Invalid(inv)) => {
            let mut errors = Errors::default();
            for e in inv.0 {
                errors.add(&format!("{}-{id}", e.field), e.reason);
            }
            queue(s, req, i, access, errors).await
        }
        Err(e) => Err(req.err(e)),
    }
}
