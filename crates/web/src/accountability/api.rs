//! The API of this capability.

use crate::accountability::{accountability_of, needs_attention_of};
use crate::http::prelude::*;
use backbone_core::accountability::{self, Accountability, NeedsAttention};
use chrono::NaiveDate;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get_accountability)).routes(routes!(get_needs_attention))
}

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
struct WindowParams {
    /// The first day the view looks at (default: a year ago): commitments due, meetings held and
    /// reporting periods due from then until today.
    since: Option<NaiveDate>,
}

/// Every organisation on the same yardstick, grouped by budget band (smallest first): its
/// commitments kept, done late, overdue and dropped; the meetings it was expected at and came to;
/// its numbers submitted on time, late or missing for each reporting period due. Members of the
/// initiative.
#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/accountability", tag = "accountability", params(("slug" = String, Path), WindowParams),
    responses((status = 200, body = Accountability), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn get_accountability(
    State(s): State<AppState>,
    Scope { initiative: i, access }: Scope,
    ApiQuery(q): ApiQuery<WindowParams>,
) -> AppResult<Json<Accountability>> {
    require(&access, access.can_view_accountability())?;
    let since = accountability::window(q.since, chrono::Utc::now().date_naive())?;
    Ok(Json(accountability_of(&s, i.id, since).await?))
}

/// What needs the backbone director's attention now: commitments at risk or overdue, numbers
/// due and not submitted, strategies nobody works on, decisions past their review date or closed
/// without an outcome. Backbone staff.
#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/needs-attention", tag = "accountability", params(("slug" = String, Path)),
    responses((status = 200, body = NeedsAttention), (status = 403, body = Problem)))]
async fn get_needs_attention(
    State(s): State<AppState>,
    Scope { initiative: i, access }: Scope,
) -> AppResult<Json<NeedsAttention>> {
    require(&access, access.can_view_needs_attention())?;
    Ok(Json(needs_attention_of(&s, i.id).await?))
}
