//! The API of this capability.

use crate::http::prelude::*;
use backbone_core::audit::{AuditEntry, AuditQuery};
use serde::Deserialize;
use utoipa::IntoParams;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_audit))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
struct AuditParams {
    /// Only entries about this kind of record (`organization`, `agenda_version`, …).
    entity: Option<String>,
    /// Entries older than this id (for paging back).
    before: Option<i64>,
    /// At most this many (default 50, at most 500).
    #[param(minimum = 1, maximum = 500)]
    limit: Option<i64>,
}

/// The audit log of an initiative, newest first (backbone staff).
#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/audit", tag = "audit", params(("slug" = String, Path), AuditParams),
    responses((status = 200, body = [AuditEntry]), (status = 403, body = Problem)))]
async fn list_audit(
    State(s): State<AppState>,
    Scope { initiative: i, access }: Scope,
    ApiQuery(q): ApiQuery<AuditParams>,
) -> AppResult<Json<Vec<AuditEntry>>> {
    require(&access, access.can_view_audit())?;
    let limit = crate::http::extract::limit_param(q.limit, 50, 500)?;
    Ok(Json(
        s.store.audit(&AuditQuery { initiative_id: Some(i.id), entity: q.entity, before_id: q.before, limit }).await?,
    ))
}
