//! The API of this capability.

use crate::http::prelude::*;
use backbone_core::feedback::*;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_for_indicator, send))
        .routes(routes!(queue))
        .routes(routes!(moderate))
        .routes(routes!(reply))
}

/// What people said about an indicator's numbers and what its owner answered: the messages staff
/// have shown, newest first (without how to reach the sender).
#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/indicators/{key}/feedback", tag = "feedback", security(()), params(("slug" = String, Path), ("key" = String, Path)),
    responses((status = 200, body = [Feedback]), (status = 404, body = Problem)))]
async fn list_for_indicator(
    State(s): State<AppState>,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, key)): ApiPath<(String, String)>,
) -> AppResult<Json<Vec<Feedback>>> {
    let ind = s.store.indicator(i.id, &key).await?;
    require(&access, access.can_view_indicator(ind.published))?;
    let shown = s.store.feedback(i.id, Some(&key), Some(FeedbackStatus::Published)).await?;
    Ok(Json(shown.into_iter().map(|f| f.shown(access.can_moderate_feedback())).collect()))
}

/// Say whether a published number matches what you see, and why (anyone; anonymous unless a
/// name is given; at most five messages an hour from one address). Staff read it before it is
/// shown.
#[utoipa::path(post, path = "/api/v1/initiatives/{slug}/indicators/{key}/feedback", tag = "feedback", security(()), params(("slug" = String, Path), ("key" = String, Path)),
    request_body = FeedbackInput,
    responses((status = 201, body = Feedback), (status = 404, body = Problem), (status = 422, body = Problem), (status = 429, body = Problem)))]
async fn send(
    State(s): State<AppState>,
    viewer: Viewer,
    headers: axum::http::HeaderMap,
    PublicScope(Scope { initiative: i, access }): PublicScope,
    ApiPath((_, key)): ApiPath<(String, String)>,
    ApiJson(input): ApiJson<FeedbackInput>,
) -> AppResult<Response> {
    require(&access, access.can_send_feedback())?;
    let f = super::send(&s, &viewer, i.id, &key, &input, Tr::from_headers(&headers).lang()).await?;
    Ok(created(f.shown(false)))
}

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct QueueParams {
    /// Only messages in this state.
    #[param(inline)]
    status: Option<FeedbackStatus>,
}

/// Every message about the numbers, newest first, with how to reach the sender (staff).
#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/feedback", tag = "feedback", params(("slug" = String, Path), QueueParams),
    responses((status = 200, body = [Feedback]), (status = 401, body = Problem), (status = 403, body = Problem)))]
async fn queue(
    State(s): State<AppState>,
    Scope { initiative: i, access }: Scope,
    ApiQuery(q): ApiQuery<QueueParams>,
) -> AppResult<Json<Vec<Feedback>>> {
    require(&access, access.can_moderate_feedback())?;
    Ok(Json(s.store.feedback(i.id, None, q.status).await?))
}

/// Show a message beside its number, or decline it with a note (staff).
#[utoipa::path(post, path = "/api/v1/initiatives/{slug}/feedback/{id}/moderation", tag = "feedback", params(("slug" = String, Path), ("id" = i64, Path)),
    request_body = ModerationInput,
    responses((status = 200, body = Feedback), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn moderate(
    State(s): State<AppState>,
    viewer: Viewer,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
    ApiJson(input): ApiJson<ModerationInput>,
) -> AppResult<Json<Feedback>> {
    require(&access, access.can_moderate_feedback())?;
    Ok(Json(s.store.moderate_feedback(&viewer.actor(), i.id, id, &input).await?))
}

/// Answer a shown message (staff, or the data steward of the indicator's owner): the answer is
/// public beside it, in the owner's name.
#[utoipa::path(post, path = "/api/v1/initiatives/{slug}/feedback/{id}/reply", tag = "feedback", params(("slug" = String, Path), ("id" = i64, Path)),
    request_body = ReplyInput,
    responses((status = 200, body = Feedback), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn reply(
    State(s): State<AppState>,
    viewer: Viewer,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
    ApiJson(input): ApiJson<ReplyInput>,
) -> AppResult<Json<Feedback>> {
    let f = s.store.feedback_item(i.id, id).await?;
    let (owner, by) = super::answerer(&s, &i, &f.indicator_key).await?;
    require(&access, access.can_answer_feedback(owner))?;
    let f = s.store.reply_to_feedback(&viewer.actor(), i.id, id, &input, &by).await?;
    Ok(Json(f.shown(access.can_moderate_feedback())))
}
