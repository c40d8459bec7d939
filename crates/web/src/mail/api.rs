//! The API of this capability: the mail log.

use crate::http::prelude::*;
use backbone_core::mail::MailLogEntry;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(mail_log))
}

/// The latest 200 messages sent, logged or failed for this initiative, newest first (staff).
#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/mail-log", tag = "feed", params(("slug" = String, Path)),
    responses((status = 200, body = [MailLogEntry]), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn mail_log(
    State(s): State<AppState>,
    Scope { initiative: i, access }: Scope,
) -> AppResult<Json<Vec<MailLogEntry>>> {
    require(&access, access.can_view_mail_log())?;
    Ok(Json(s.store.mail_log(i.id, 200).await?))
}
