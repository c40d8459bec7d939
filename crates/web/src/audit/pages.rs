//! The pages of this capability.

use crate::http::prelude::*;
use backbone_core::audit::{AuditEntry, AuditQuery};
use backbone_core::initiative::*;
use std::collections::HashMap;

pub fn routes() -> PageRoutes {
    PageRoutes::new().get("/i/{slug}/audit", audit)
}

#[derive(Template)]
#[template(path = "audit/templates/audit.html")]
struct AuditPage {
    page: PageCtx,
    i: Initiative,
    entries: Vec<AuditEntry>,
    older: Option<Id>,
}

impl AuditPage {
    fn pretty(v: &Option<serde_json::Value>) -> String {
        v.as_ref().map(|v| serde_json::to_string_pretty(v).unwrap_or_default()).unwrap_or_default()
    }
}

async fn audit(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    axum::extract::Query(q): axum::extract::Query<HashMap<String, String>>,
) -> PageResult {
    req.require(&access, access.can_view_audit())?;
    let before_id = q.get("before").and_then(|v| v.parse().ok());
    let limit = 50;
    let entries = s
        .store
        .audit(&AuditQuery { initiative_id: Some(i.id), entity: None, before_id, limit })
        .await
        .map_err(|e| req.err(e))?;
    let older = if entries.len() as i64 == limit { entries.last().map(|e| e.id) } else { None };
    render(
        &AuditPage { page: req.page(req.t.get("audit-title"), Some((&i, &access)), "audit"), i, entries, older },
        req.t,
    )
}
