//! The pages of this capability: the accountability view and the "needs attention" list.

use crate::accountability::{accountability_of, needs_attention_of};
use crate::commitments::{described, Listed};
use crate::http::prelude::*;
use backbone_core::accountability::{self, Accountability, NeedsAttention, ReportingPeriod};
use backbone_core::decisions::Decision;
use std::collections::HashMap;

pub fn routes() -> PageRoutes {
    PageRoutes::new().get("/i/{slug}/accountability", accountability_page).get("/i/{slug}/attention", attention_page)
}

#[derive(Template)]
#[template(path = "accountability/templates/accountability.html")]
struct AccountabilityPage {
    page: PageCtx,
    i: Initiative,
    view: Accountability,
    since: String,
    errors: Errors,
    can_see_attention: bool,
}

async fn accountability_page(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    axum::extract::Query(q): axum::extract::Query<HashMap<String, String>>,
) -> PageResult {
    req.require(&access, access.can_view_accountability())?;
    let today = chrono::Utc::now().date_naive();
    let asked = q.get("since").map(|s| s.trim()).filter(|s| !s.is_empty()).unwrap_or_default().to_string();
    let mut errors = Errors::default();
    let since = if asked.is_empty() {
        None
    } else {
        match asked.parse::<chrono::NaiveDate>() {
            Err(_) => {
                errors.add("since", req.t.get("activity-date"));
                None
            }
            Ok(d) => match accountability::window(Some(d), today) {
                Ok(d) => Some(d),
                Err(inv) => {
                    errors = Errors::from_invalid(&inv);
                    None
                }
            },
        }
    };
    // A window that cannot be read is said at the field; the view shows the last year meanwhile.
    let since = match since {
        Some(d) => d,
        None => accountability::window(None, today).map_err(|e| req.err(AppError::Invalid(e)))?,
    };
    let view = accountability_of(&s, i.id, since).await.map_err(|e| req.err(e))?;
    let page = AccountabilityPage {
        page: req.page(req.t.get("accountability-title"), Some((&i, &access)), "accountability"),
        can_see_attention: access.can_view_needs_attention(),
        since: if errors.is_empty() { since.to_string() } else { asked },
        view,
        errors,
        i,
    };
    render(&page, req.t)
}

#[derive(Template)]
#[template(path = "accountability/templates/attention.html")]
struct AttentionPage {
    page: PageCtx,
    i: Initiative,
    n: NeedsAttention,
    at_risk: Vec<Listed>,
    overdue: Vec<Listed>,
    /// (organisation name, the period)
    data_missing: Vec<(String, ReportingPeriod)>,
    /// (table name, the decision)
    to_review: Vec<(String, Decision)>,
    awaiting: Vec<(String, Decision)>,
}

async fn attention_page(State(s): State<AppState>, req: Req, Scope { initiative: i, access }: Scope) -> PageResult {
    req.require(&access, access.can_view_needs_attention())?;
    let n = needs_attention_of(&s, i.id).await.map_err(|e| req.err(e))?;
    let at_risk = described(&s, i.id, n.commitments_at_risk.clone()).await.map_err(|e| req.err(e))?;
    let overdue = described(&s, i.id, n.commitments_overdue.clone()).await.map_err(|e| req.err(e))?;
    let organizations = s.store.organizations(i.id).await.map_err(|e| req.err(e))?;
    let org = |id: Id| organizations.iter().find(|o| o.id == id).map(|o| o.name.clone()).unwrap_or_default();
    let tables = s.store.tables(i.id).await.map_err(|e| req.err(e))?;
    let table = |id: Id| tables.iter().find(|t| t.id == id).map(|t| t.name.clone()).unwrap_or_default();
    let page = AttentionPage {
        page: req.page(req.t.get("attention-title"), Some((&i, &access)), "attention"),
        at_risk,
        overdue,
        data_missing: n.data_missing.iter().map(|p| (org(p.organization_id), p.clone())).collect(),
        to_review: n.decisions_to_review.iter().map(|d| (table(d.table_id), d.clone())).collect(),
        awaiting: n.decisions_awaiting_outcome.iter().map(|d| (table(d.table_id), d.clone())).collect(),
        n,
        i,
    };
    render(&page, req.t)
}
