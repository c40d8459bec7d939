//! The API of this capability.

use crate::http::prelude::*;
use crate::meetings::leads_table;
use backbone_core::meetings::*;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_meetings, create_meeting))
        .routes(routes!(get_meeting, update_meeting))
        .routes(routes!(get_attendance, set_attendance))
}

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
struct MeetingParams {
    /// Only this table's meetings.
    table_id: Option<Id>,
    /// Only those starting at or after this moment.
    from: Option<chrono::DateTime<chrono::Utc>>,
    /// Only those starting before this moment.
    until: Option<chrono::DateTime<chrono::Utc>>,
}

/// Meetings, soonest first (members of the initiative).
#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/meetings", tag = "meetings", params(("slug" = String, Path), MeetingParams),
    responses((status = 200, body = [Meeting]), (status = 403, body = Problem)))]
async fn list_meetings(
    State(s): State<AppState>,
    Scope { initiative: i, access }: Scope,
    ApiQuery(q): ApiQuery<MeetingParams>,
) -> AppResult<Json<Vec<Meeting>>> {
    require(&access, access.can_view_meetings())?;
    let query = MeetingQuery { table_id: q.table_id, from: q.from, until: q.until, ..Default::default() };
    Ok(Json(s.store.meetings(i.id, &query).await?))
}

/// Plan a meeting of a table (backbone staff, or the table's chair or facilitator).
#[utoipa::path(post, path = "/api/v1/initiatives/{slug}/meetings", tag = "meetings", params(("slug" = String, Path)), request_body = MeetingInput,
    responses((status = 201, body = Meeting), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn create_meeting(
    State(s): State<AppState>,
    viewer: Viewer,
    Scope { initiative: i, access }: Scope,
    ApiJson(input): ApiJson<MeetingInput>,
) -> AppResult<Response> {
    require(&access, access.can_run_meetings_of(leads_table(&s, i.id, &viewer, input.table_id).await?))?;
    Ok(created(s.store.create_meeting(&viewer.actor(), i.id, &input).await?))
}

#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/meetings/{id}", tag = "meetings", params(("slug" = String, Path), ("id" = i64, Path)),
    responses((status = 200, body = Meeting), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn get_meeting(
    State(s): State<AppState>,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
) -> AppResult<Json<Meeting>> {
    require(&access, access.can_view_meetings())?;
    Ok(Json(s.store.meeting(i.id, id).await?))
}

/// Change a meeting: its agenda, notes, time, or cancel it. It stays with its table.
#[utoipa::path(put, path = "/api/v1/initiatives/{slug}/meetings/{id}", tag = "meetings", params(("slug" = String, Path), ("id" = i64, Path)),
    request_body = MeetingInput, responses((status = 200, body = Meeting), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn update_meeting(
    State(s): State<AppState>,
    viewer: Viewer,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
    ApiJson(input): ApiJson<MeetingInput>,
) -> AppResult<Json<Meeting>> {
    let m = s.store.meeting(i.id, id).await?;
    require(&access, access.can_run_meetings_of(leads_table(&s, i.id, &viewer, m.table_id).await?))?;
    Ok(Json(s.store.update_meeting(&viewer.actor(), i.id, id, &input).await?))
}

/// Who came to a meeting (members of the initiative).
#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/meetings/{id}/attendance", tag = "meetings", params(("slug" = String, Path), ("id" = i64, Path)),
    responses((status = 200, body = [Attendance]), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn get_attendance(
    State(s): State<AppState>,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
) -> AppResult<Json<Vec<Attendance>>> {
    require(&access, access.can_view_meetings())?;
    Ok(Json(s.store.attendance(i.id, id).await?))
}

/// Record who came (the whole list, replacing the last one).
#[utoipa::path(put, path = "/api/v1/initiatives/{slug}/meetings/{id}/attendance", tag = "meetings", params(("slug" = String, Path), ("id" = i64, Path)),
    request_body = [AttendanceInput], responses((status = 200, body = [Attendance]), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn set_attendance(
    State(s): State<AppState>,
    viewer: Viewer,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
    ApiJson(list): ApiJson<Vec<AttendanceInput>>,
) -> AppResult<Json<Vec<Attendance>>> {
    let m = s.store.meeting(i.id, id).await?;
    require(&access, access.can_run_meetings_of(leads_table(&s, i.id, &viewer, m.table_id).await?))?;
    Ok(Json(s.store.set_attendance(&viewer.actor(), i.id, id, &list).await?))
}
