//! The API of this capability.

use super::RepresentationView;
use crate::http::prelude::*;
use backbone_core::representation::voice::{Grouping, VoicePeriod};
use backbone_core::representation::*;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(view))
        .routes(routes!(table_view))
        .routes(routes!(table_voice))
        .routes(routes!(list_profiles, record_profile))
        .routes(routes!(record_profile_csv))
}

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct PlaceParams {
    /// The place to compare with (a place code with community estimates); by default the
    /// highest such place.
    place: Option<String>,
}

/// Every table against the community: each group's share at the table (from its published,
/// suppressed composition) beside its share of the place's population, the ratio, the gap and
/// its trend over the table's snapshots; for members, seats and agenda leads by kind of
/// organisation.
#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/representation", tag = "representation", security(()), params(("slug" = String, Path), PlaceParams),
    responses((status = 200, body = RepresentationView), (status = 404, body = Problem)))]
async fn view(
    State(s): State<AppState>,
    Scope { initiative: i, access }: Scope,
    ApiQuery(q): ApiQuery<PlaceParams>,
) -> AppResult<Json<RepresentationView>> {
    require(&access, access.can_view_representation())?;
    Ok(Json(super::representation(&s, i.id, &access, q.place.as_deref(), None).await?))
}

/// One table against the community (as in the view of every table).
#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/tables/{id}/representation", tag = "representation", security(()), params(("slug" = String, Path), ("id" = i64, Path), PlaceParams),
    responses((status = 200, body = RepresentationView), (status = 404, body = Problem)))]
async fn table_view(
    State(s): State<AppState>,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
    ApiQuery(q): ApiQuery<PlaceParams>,
) -> AppResult<Json<RepresentationView>> {
    require(&access, access.can_view_representation())?;
    Ok(Json(super::representation(&s, i.id, &access, q.place.as_deref(), Some(id)).await?))
}

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct VoiceParams {
    /// Group by kind of organisation (`kind`, the default) or by sector (`sector`).
    #[param(inline)]
    by: Option<Grouping>,
}

/// Voice and participation at a table (members): seats, attendance, agenda items led and votes
/// in decisions that were not anonymous, by kind of organisation or sector, over the last twelve
/// months and each of the last four quarters.
#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/tables/{id}/voice", tag = "representation", params(("slug" = String, Path), ("id" = i64, Path), VoiceParams),
    responses((status = 200, body = [VoicePeriod]), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn table_voice(
    State(s): State<AppState>,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
    ApiQuery(q): ApiQuery<VoiceParams>,
) -> AppResult<Json<Vec<VoicePeriod>>> {
    require(&access, access.can_view_seats_by_organization())?;
    s.store.table(i.id, id).await?;
    Ok(Json(super::table_voice(&s, i.id, id, q.by.unwrap_or(Grouping::Kind)).await?))
}

/// Every community profile recorded (census-style estimates per place), oldest first; for each
/// place and facet the latest is in force.
#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/community-profiles", tag = "representation", security(()), params(("slug" = String, Path)),
    responses((status = 200, body = [CommunityProfile])))]
async fn list_profiles(
    State(s): State<AppState>,
    Scope { initiative: i, access }: Scope,
) -> AppResult<Json<Vec<CommunityProfile>>> {
    require(&access, access.can_view_representation())?;
    Ok(Json(s.store.community_profiles(i.id).await?))
}

/// Record community estimates (staff): replaces, for each place and facet it gives, the
/// estimates in force; earlier ones are kept.
#[utoipa::path(post, path = "/api/v1/initiatives/{slug}/community-profiles", tag = "representation", params(("slug" = String, Path)), request_body = CommunityProfileInput,
    responses((status = 201, body = CommunityProfile), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn record_profile(
    State(s): State<AppState>,
    viewer: Viewer,
    Scope { initiative: i, access }: Scope,
    ApiJson(input): ApiJson<CommunityProfileInput>,
) -> AppResult<Response> {
    require(&access, access.can_record_community_profile())?;
    Ok(created(s.store.record_community_profile(&viewer.actor(), i.id, &input).await?))
}

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct SourceParams {
    /// Where the numbers come from ("ACS 2019-2023 5-year, B03002").
    source: String,
}

/// Record community estimates from a CSV (staff), columns `place,facet,group,estimate,
/// margin_of_error,universe`; all of it or nothing, every problem named `rows[N].column` (N as a
/// spreadsheet numbers rows, the header being 1).
#[utoipa::path(post, path = "/api/v1/initiatives/{slug}/community-profiles.csv", tag = "representation", params(("slug" = String, Path), SourceParams),
    request_body(content = String, content_type = "text/csv"),
    responses((status = 201, body = CommunityProfile), (status = 403, body = Problem), (status = 415, body = Problem), (status = 422, body = Problem)))]
async fn record_profile_csv(
    State(s): State<AppState>,
    viewer: Viewer,
    Scope { initiative: i, access }: Scope,
    ApiQuery(q): ApiQuery<SourceParams>,
    Body(body): Body,
) -> AppResult<Response> {
    require(&access, access.can_record_community_profile())?;
    let text =
        String::from_utf8(body.to_vec()).map_err(|_| AppError::BadRequest("the file is not UTF-8 text".into()))?;
    let estimates = super::read_file(&s, i.id, text).await?.map_err(AppError::Invalid)?;
    let input = CommunityProfileInput { source: q.source, estimates };
    Ok(created(s.store.record_community_profile(&viewer.actor(), i.id, &input).await?))
}
