//! The pages of this capability: the digest choice (on the feed page), one-click unsubscribe,
//! and the mail log for staff.

use crate::http::prelude::*;
use crate::mail::new_token;
use axum::routing::get;
use backbone_core::mail::DigestFrequency;

pub fn routes() -> PageRoutes {
    PageRoutes::new().post("/i/{slug}/feed/mail", choose_digest).get("/i/{slug}/mail", mail_log_page)
}

#[derive(Template)]
#[template(path = "mail/templates/log.html")]
struct MailLogPage {
    page: PageCtx,
    /// (when, in the community's time; the entry)
    entries: Vec<(String, backbone_core::mail::MailLogEntry)>,
}

/// The latest messages, newest first.
async fn mail_log_page(State(s): State<AppState>, req: Req, Scope { initiative: i, access }: Scope) -> PageResult {
    req.require(&access, access.can_view_mail_log())?;
    let entries = s
        .store
        .mail_log(i.id, 200)
        .await
        .map_err(|e| req.err(e))?
        .into_iter()
        .map(|e| (s.config.time_zone.show(e.at, req.t), e))
        .collect();
    let page = MailLogPage { page: req.page(req.t.get("mail-log-title"), Some((&i, &access)), "mail"), entries };
    render(&page, req.t)
}

/// The unsubscribe address of every message: a page with a button, and the one-click POST that
/// mail programs send (RFC 8058). The token in the address is the only key, so the POST carries
/// no CSRF token and changes nothing but that person's digest; kept outside `page_routes()`.
pub fn unsubscribe_routes() -> axum::Router<AppState> {
    axum::Router::new().route("/unsubscribe/{token}", get(unsubscribe_page).post(unsubscribe))
}

async fn choose_digest(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    f: FormData,
) -> PageResult {
    req.require(&access, access.can_view_feed())?;
    let Some(user) = &req.viewer.user else { return Err(req.err(AppError::Unauthenticated)) };
    let Some(digest) = DigestFrequency::parse(f.get("digest")) else {
        return Err(req.err(AppError::BadRequest("digest: choose never, daily or weekly".into())));
    };
    let Some(person) = s.store.person_of_user(i.id, user.id).await.map_err(|e| req.err(e))? else {
        return Err(req.err(AppError::Conflict { field: "digest".into(), reason: req.t.get("mail-no-person") }));
    };
    s.store
        // Written in the language of the page they chose it on.
        .set_mail_preference(&req.viewer.actor(), i.id, person.id, digest, req.t.lang(), &new_token())
        .await
        .map_err(|e| req.err(e))?;
    Ok(see_other(&format!("/i/{}/feed?me=1&notice=saved", i.slug)))
}

#[derive(Template)]
#[template(path = "mail/templates/unsubscribe.html")]
struct UnsubscribePage {
    page: PageCtx,
    token: String,
    done: Option<String>,
}

async fn unsubscribe_page(req: Req, ApiPath(token): ApiPath<String>) -> PageResult {
    let page = UnsubscribePage { page: req.page(req.t.get("mail-unsubscribe-title"), None, "home"), token, done: None };
    render(&page, req.t)
}

async fn unsubscribe(State(s): State<AppState>, req: Req, ApiPath(token): ApiPath<String>) -> PageResult {
    match s.store.unsubscribe(&token).await.map_err(|e| req.err(e))? {
        Some(name) => {
            let page = UnsubscribePage {
                page: req.page(req.t.get("mail-unsubscribe-title"), None, "home"),
                token,
                done: Some(req.t.with("mail-unsubscribed", "name", name)),
            };
            render(&page, req.t)
        }
        None => Err(req.err(AppError::NotFound("unsubscribe link"))),
    }
}
