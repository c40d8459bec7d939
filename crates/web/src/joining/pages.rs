//! The pages of this capability: asking to join a table, and the staff's page of requests.

use crate::http::prelude::*;
use backbone_core::joining::*;
use backbone_core::tables::{MemberRole, Table};
use backbone_core::StoreError;

pub fn routes() -> PageRoutes {
    PageRoutes::new()
        .get_post("/i/{slug}/tables/{id}/join", form_page, form_send)
        .get("/i/{slug}/join-requests", requests_page)
        .post("/i/{slug}/join-requests/{id}/decide", decide)
}

#[derive(Template)]
#[template(path = "joining/templates/form.html")]
struct FormPage {
    page: PageCtx,
    i: Initiative,
    table: Table,
    errors: Errors,
    form_name: String,
    form_email: String,
    form_phone: String,
    form_neighborhood: String,
    form_message: String,
}

async fn form(
    s: &AppState,
    req: &Req,
    i: Initiative,
    access: Access,
    id: Id,
    errors: Errors,
    typed: Option<&FormData>,
) -> PageResult {
    let table = s.store.table(i.id, id).await.map_err(|e| req.err(e))?;
    if !table.joining.welcomes_requests {
        return Err(req.err(AppError::NotFound("table")));
    }
    let get = |n: &str| typed.map(|f| f.get(n).to_string()).unwrap_or_default();
    let page = FormPage {
        page: req.page(req.t.with("joining-form-title", "table", &table.name), Some((&i, &access)), "tables"),
        form_name: get("name"),
        form_email: get("email"),
        form_phone: get("phone"),
        form_neighborhood: get("neighborhood"),
        form_message: get("message"),
        table,
        errors,
        i,
    };
    render_form(&page, &page.errors, req.t)
}

async fn form_page(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
) -> PageResult {
    req.require(&access, access.can_ask_to_join())?;
    form(&s, &req, i, access, id, Errors::default(), None).await
}

async fn form_send(
    State(s): State<AppState>,
    req: Req,
    PublicScope(Scope { initiative: i, access }): PublicScope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
    f: FormData,
) -> PageResult {
    req.require(&access, access.can_ask_to_join())?;
    let input = JoinRequestInput {
        name: f.get("name").to_string(),
        email: f.get("email").to_string(),
        phone: f.get("phone").to_string(),
        neighborhood: f.get("neighborhood").to_string(),
        message: f.get("message").to_string(),
    };
    let mut errors = Errors::default();
    match super::ask(&s, &req.viewer, i.id, id, &input, req.t.lang()).await {
        Ok(_) => return Ok(see_other(&format!("/i/{}/tables/{id}?notice=join-received", i.slug))),
        Err(AppError::Invalid(inv)) => errors = Errors::from_invalid(&inv),
        Err(AppError::TooMany { .. }) => errors.add("name", req.t.get("joining-too-many")),
        Err(e) => return Err(req.err(e)),
    }
    form(&s, &req, i, access, id, errors, Some(&f)).await
}

// ---------------------------------------------------------------- staff's page

#[derive(Template)]
#[template(path = "joining/templates/requests.html")]
struct RequestsPage {
    page: PageCtx,
    i: Initiative,
    waiting: Vec<JoinRequest>,
    answered: Vec<JoinRequest>,
    /// Problems of a decision, by `note-ID`.
    errors: Errors,
}

impl RequestsPage {
    fn error_at(&self, field: &str, id: &Id) -> Option<&String> {
        self.errors.get(&format!("{field}-{id}"))
    }
}

async fn requests_page(State(s): State<AppState>, req: Req, Scope { initiative: i, access }: Scope) -> PageResult {
    requests(&s, &req, i, access, Errors::default()).await
}

async fn requests(s: &AppState, req: &Req, i: Initiative, access: Access, errors: Errors) -> PageResult {
    req.require(&access, access.can_handle_join_requests())?;
    let (waiting, answered) = s
        .store
        .join_requests(i.id, None, None)
        .await
        .map_err(|e| req.err(e))?
        .into_iter()
        .partition(|r| r.status == JoinStatus::Waiting);
    let page = RequestsPage {
        page: req.page(req.t.get("joining-requests-title"), Some((&i, &access)), "tables"),
        waiting,
        answered,
        errors,
        i,
    };
    render_form(&page, &page.errors, req.t)
}

async fn decide(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
    f: FormData,
) -> PageResult {
    req.require(&access, access.can_handle_join_requests())?;
    let status = JoinStatus::parse(f.get("status")).unwrap_or(JoinStatus::Waiting);
    let decision = JoinDecision { status, note: f.get("note").to_string(), role: MemberRole::Member, start_date: None };
    match s.store.decide_join_request(&req.viewer.actor(), i.id, id, &decision).await {
        Ok(_) => Ok(see_other(&format!("/i/{}/join-requests?notice=saved", i.slug))),
        Err(StoreError::Invalid(inv)) => {
            let mut errors = Errors::default();
            for e in inv.0 {
                errors.add(&format!("{}-{id}", e.field), e.reason);
            }
            requests(&s, &req, i, access, errors).await
        }
        Err(StoreError::Conflict { field, reason }) => {
            let mut errors = Errors::default();
            errors.add(&format!("{}-{id}", if field == "person_id" { "person_id" } else { "note" }), reason);
            requests(&s, &req, i, access, errors).await
        }
        Err(e) => Err(req.err(e)),
    }
}
