//! The API of this capability.

use crate::feed::{feed_for, key_hash, new_key};
use crate::http::prelude::*;
use backbone_core::feed::Event;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_feed))
        .routes(routes!(list_following))
        .routes(routes!(follow, unfollow))
        .routes(routes!(renew_feed_key))
}

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
struct FeedParams {
    /// Only what happened at this table (its meetings, decisions and commitments).
    table_id: Option<Id>,
    /// Only what concerns the caller: their and their organisation's commitments, their tables'
    /// meetings and decisions, new numbers on the indicators they follow.
    #[serde(default)]
    me: bool,
}

/// What happened in the initiative over the last 120 days, newest first (at most 200 events):
/// commitments made and changed, meetings planned and held, decisions opened and made, numbers
/// approved, activities registered. Members of the initiative. Also as Atom at `/i/{slug}/feed.atom`.
#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/feed", tag = "feed", params(("slug" = String, Path), FeedParams),
    responses((status = 200, body = [Event]), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn get_feed(
    State(s): State<AppState>,
    viewer: Viewer,
    Scope { initiative: i, access }: Scope,
    ApiQuery(q): ApiQuery<FeedParams>,
) -> AppResult<Json<Vec<Event>>> {
    require(&access, access.can_view_feed())?;
    Ok(Json(feed_for(&s, &i, viewer.user.as_ref(), &access, q.table_id, q.me).await?))
}

/// The indicators the caller follows (their "for me" feed tells them of new numbers).
#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/following", tag = "feed", params(("slug" = String, Path)),
    responses((status = 200, body = [String]), (status = 401, body = Problem), (status = 403, body = Problem)))]
async fn list_following(
    State(s): State<AppState>,
    viewer: Viewer,
    Scope { initiative: i, access }: Scope,
) -> AppResult<Json<Vec<String>>> {
    require(&access, access.can_follow())?;
    let user = viewer.user.as_ref().ok_or(AppError::Unauthenticated)?;
    Ok(Json(s.store.followed_indicators(i.id, user.id).await?))
}

/// Follow an indicator; answers the keys followed now.
#[utoipa::path(put, path = "/api/v1/initiatives/{slug}/following/{key}", tag = "feed", params(("slug" = String, Path), ("key" = String, Path)),
    responses((status = 200, body = [String]), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn follow(
    State(s): State<AppState>,
    viewer: Viewer,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, key)): ApiPath<(String, String)>,
) -> AppResult<Json<Vec<String>>> {
    require(&access, access.can_follow())?;
    let user = viewer.user.as_ref().ok_or(AppError::Unauthenticated)?;
    Ok(Json(s.store.set_following(&viewer.actor(), i.id, user.id, &key, true).await?))
}

/// Stop following an indicator; answers the keys followed now.
#[utoipa::path(delete, path = "/api/v1/initiatives/{slug}/following/{key}", tag = "feed", params(("slug" = String, Path), ("key" = String, Path)),
    responses((status = 200, body = [String]), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn unfollow(
    State(s): State<AppState>,
    viewer: Viewer,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, key)): ApiPath<(String, String)>,
) -> AppResult<Json<Vec<String>>> {
    require(&access, access.can_follow())?;
    let user = viewer.user.as_ref().ok_or(AppError::Unauthenticated)?;
    Ok(Json(s.store.set_following(&viewer.actor(), i.id, user.id, &key, false).await?))
}

/// A private key for feed readers and calendar apps.
#[derive(serde::Serialize, utoipa::ToSchema)]
struct FeedKey {
    /// Add `?key=…` to an Atom feed or calendar address. Shown once; a new key ends the old one.
    key: String,
}

/// Make a new private feed key for the caller, ending any earlier one.
#[utoipa::path(post, path = "/api/v1/me/feed-key", tag = "feed",
    responses((status = 201, body = FeedKey), (status = 401, body = Problem)))]
async fn renew_feed_key(State(s): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    let user = viewer.user.as_ref().ok_or(AppError::Unauthenticated)?;
    let key = new_key();
    s.store.renew_feed_key(&viewer.actor(), user.id, &key_hash(&key)).await?;
    Ok(created(FeedKey { key }))
}
