//! The API of this capability.

use crate::decisions::{seated, shown_tally, shown_votes, voter};
use crate::http::prelude::*;
use crate::meetings::leads_table;
use backbone_core::decisions::tally::{rule, tally, Tally};
use backbone_core::decisions::*;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_decisions, create_decision))
        .routes(routes!(get_decision))
        .routes(routes!(list_votes, vote))
        .routes(routes!(get_tally))
        .routes(routes!(close))
}

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
struct DecisionParams {
    /// Only this table's decisions.
    table_id: Option<Id>,
    /// Only those taken at this meeting.
    meeting_id: Option<Id>,
}

/// Decisions, newest first (members of the initiative).
#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/decisions", tag = "decisions", params(("slug" = String, Path), DecisionParams),
    responses((status = 200, body = [Decision]), (status = 403, body = Problem)))]
async fn list_decisions(
    State(s): State<AppState>,
    Scope { initiative: i, access }: Scope,
    ApiQuery(q): ApiQuery<DecisionParams>,
) -> AppResult<Json<Vec<Decision>>> {
    require(&access, access.can_view_decisions())?;
    Ok(Json(s.store.decisions(i.id, &DecisionQuery { table_id: q.table_id, meeting_id: q.meeting_id }).await?))
}

/// Open a decision for the table's members to vote on, or record one decided in a meeting
/// (`recorded`, then close it with its outcome). Backbone staff, or the table's chair or
/// facilitator.
#[utoipa::path(post, path = "/api/v1/initiatives/{slug}/decisions", tag = "decisions", params(("slug" = String, Path)), request_body = DecisionInput,
    responses((status = 201, body = Decision), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn create_decision(
    State(s): State<AppState>,
    viewer: Viewer,
    Scope { initiative: i, access }: Scope,
    ApiJson(input): ApiJson<DecisionInput>,
) -> AppResult<Response> {
    require(&access, access.can_run_decisions_of(leads_table(&s, i.id, &viewer, input.table_id).await?))?;
    Ok(created(s.store.create_decision(&viewer.actor(), i.id, &input).await?))
}

#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/decisions/{id}", tag = "decisions", params(("slug" = String, Path), ("id" = i64, Path)),
    responses((status = 200, body = Decision), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn get_decision(
    State(s): State<AppState>,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
) -> AppResult<Json<Decision>> {
    require(&access, access.can_view_decisions())?;
    Ok(Json(s.store.decision(i.id, id).await?))
}

/// The votes: who voted how — for an anonymous decision, only the ballots, once it closes.
#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/decisions/{id}/votes", tag = "decisions", params(("slug" = String, Path), ("id" = i64, Path)),
    responses((status = 200, body = [Vote]), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn list_votes(
    State(s): State<AppState>,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
) -> AppResult<Json<Vec<Vote>>> {
    require(&access, access.can_view_decisions())?;
    let d = s.store.decision(i.id, id).await?;
    Ok(Json(shown_votes(&d, s.store.votes(i.id, id).await?)))
}

/// Vote, or change your vote, as yourself: your sign-in must be linked to your person, and your
/// person must sit at the decision's table.
#[utoipa::path(post, path = "/api/v1/initiatives/{slug}/decisions/{id}/votes", tag = "decisions", params(("slug" = String, Path), ("id" = i64, Path)),
    request_body = Ballot, responses((status = 200, body = Vote), (status = 403, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn vote(
    State(s): State<AppState>,
    viewer: Viewer,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
    ApiJson(ballot): ApiJson<Ballot>,
) -> AppResult<Json<Vote>> {
    let d = s.store.decision(i.id, id).await?;
    let me = voter(&s, i.id, &viewer, d.table_id).await?;
    require(&access, access.can_vote(me.is_some_and(|(_, seated)| seated)))?;
    let (person, _) = me.expect("checked above");
    let v = s.store.cast_vote(&viewer.actor(), i.id, id, person, &ballot).await?;
    Ok(Json(if d.anonymous { Vote { person_id: None, person_name: None, organization_id: None, ..v } } else { v }))
}

/// The count so far (an anonymous decision's only once it closes: 409 before).
#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/decisions/{id}/tally", tag = "decisions", params(("slug" = String, Path), ("id" = i64, Path)),
    responses((status = 200, body = Tally), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem)))]
async fn get_tally(
    State(s): State<AppState>,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
) -> AppResult<Json<Tally>> {
    require(&access, access.can_view_decisions())?;
    let d = s.store.decision(i.id, id).await?;
    let votes = s.store.votes(i.id, id).await?;
    shown_tally(&d, &votes).map(Json).ok_or_else(|| {
        AppError::from(backbone_core::StoreError::conflict("", "an anonymous decision's count shows once it closes"))
    })
}

/// Close a decision with its outcome: what was decided and when to review it. The rule and the
/// count at this moment are written with it.
#[utoipa::path(post, path = "/api/v1/initiatives/{slug}/decisions/{id}/close", tag = "decisions", params(("slug" = String, Path), ("id" = i64, Path)),
    request_body = OutcomeInput, responses((status = 200, body = Decision), (status = 403, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn close(
    State(s): State<AppState>,
    viewer: Viewer,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
    ApiJson(outcome): ApiJson<OutcomeInput>,
) -> AppResult<Json<Decision>> {
    let d = s.store.decision(i.id, id).await?;
    require(&access, access.can_run_decisions_of(leads_table(&s, i.id, &viewer, d.table_id).await?))?;
    let votes = s.store.votes(i.id, id).await?;
    let members = seated(&s, i.id, d.table_id).await?.len() as u32;
    let t = tally(&d, &votes);
    let sentence = rule(&d, &t, members);
    Ok(Json(s.store.close_decision(&viewer.actor(), i.id, id, &outcome, &sentence, t.counted).await?))
}
