//! The API of this capability.

use super::{round_of_table, round_results};
use crate::decisions::voter;
use crate::http::prelude::*;
use crate::meetings::leads_table;
use backbone_core::assessments::*;
use serde::Serialize;
use utoipa::ToSchema;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_rounds, open_round))
        .routes(routes!(close_round))
        .routes(routes!(get_answer, put_answer))
        .routes(routes!(results))
        .routes(routes!(instrument))
}

/// A round as listed: how many answered only for whoever runs it (staff or the table's chair),
/// never who.
#[derive(Debug, Serialize, ToSchema)]
pub struct RoundLine {
    pub round: AssessmentRound,
    /// How many have answered (staff and the table's chair or facilitator only).
    pub respondents: Option<u64>,
}

/// A statement of the instrument.
#[derive(Debug, Serialize, ToSchema)]
pub struct InstrumentStatement {
    pub key: String,
    pub section: Section,
}

/// The statements of the current instrument, by section (their words are in the web pages'
/// catalogues, English and Spanish).
#[derive(Debug, Serialize, ToSchema)]
pub struct Instrument {
    pub version: u32,
    /// Each is answered from 1 (strongly disagree) to 5 (strongly agree), or null for don't know.
    pub statements: Vec<InstrumentStatement>,
    /// Results are shown only for closed rounds at least this many people answered.
    pub min_respondents: u64,
}

/// The self-assessment's statements (members).
#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/assessment-instrument", tag = "tables", params(("slug" = String, Path)),
    responses((status = 200, body = Instrument), (status = 401, body = Problem), (status = 403, body = Problem)))]
async fn instrument(Scope { access, .. }: Scope) -> AppResult<Json<Instrument>> {
    require(&access, access.can_view_assessments())?;
    let version = instrument::CURRENT_VERSION;
    let statements = instrument::statements(version)
        .unwrap_or_default()
        .iter()
        .map(|s| InstrumentStatement { key: s.key.to_string(), section: s.section })
        .collect();
    Ok(Json(Instrument { version, statements, min_respondents: MIN_RESPONDENTS }))
}

/// A table's self-assessment rounds, newest first (members).
#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/tables/{id}/assessments", tag = "tables", params(("slug" = String, Path), ("id" = i64, Path)),
    responses((status = 200, body = [RoundLine]), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn list_rounds(
    State(s): State<AppState>,
    viewer: Viewer,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
) -> AppResult<Json<Vec<RoundLine>>> {
    require(&access, access.can_view_assessments())?;
    s.store.table(i.id, id).await?;
    let runs = access.can_run_assessments_of(leads_table(&s, i.id, &viewer, id).await?);
    let mut out = Vec::new();
    for round in s.store.assessment_rounds(i.id, Some(id)).await? {
        let respondents = if runs { Some(s.store.assessment_respondents(i.id, round.id).await?) } else { None };
        out.push(RoundLine { round, respondents });
    }
    Ok(Json(out))
}

/// Open a round of the table's self-assessment with the current instrument (staff, or the
/// table's chair or facilitator).
#[utoipa::path(post, path = "/api/v1/initiatives/{slug}/tables/{id}/assessments", tag = "tables", params(("slug" = String, Path), ("id" = i64, Path)), request_body = AssessmentRoundInput,
    responses((status = 201, body = AssessmentRound), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn open_round(
    State(s): State<AppState>,
    viewer: Viewer,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
    ApiJson(input): ApiJson<AssessmentRoundInput>,
) -> AppResult<Response> {
    require(&access, access.can_run_assessments_of(leads_table(&s, i.id, &viewer, id).await?))?;
    Ok(created(s.store.open_assessment_round(&viewer.actor(), i.id, id, &input).await?))
}

/// Close a round (staff, or the table's chair or facilitator): it takes no more answers, and
/// its results are shown if enough people answered. 409 when already closed.
#[utoipa::path(post, path = "/api/v1/initiatives/{slug}/tables/{id}/assessments/{round_id}/close", tag = "tables", params(("slug" = String, Path), ("id" = i64, Path), ("round_id" = i64, Path)),
    responses((status = 200, body = AssessmentRound), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem)))]
async fn close_round(
    State(s): State<AppState>,
    viewer: Viewer,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id, round_id)): ApiPath<(String, i64, i64)>,
) -> AppResult<Json<AssessmentRound>> {
    require(&access, access.can_run_assessments_of(leads_table(&s, i.id, &viewer, id).await?))?;
    round_of_table(&s, i.id, id, round_id).await?;
    Ok(Json(s.store.close_assessment_round(&viewer.actor(), i.id, round_id).await?))
}

/// Your own answers in a round (a member sitting at the table, as herself). Nobody can read
/// anyone else's: not the chair, not staff.
#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/tables/{id}/assessments/{round_id}/answer", tag = "tables", params(("slug" = String, Path), ("id" = i64, Path), ("round_id" = i64, Path)),
    responses((status = 200, body = AssessmentAnswer), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn get_answer(
    State(s): State<AppState>,
    viewer: Viewer,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id, round_id)): ApiPath<(String, i64, i64)>,
) -> AppResult<Json<AssessmentAnswer>> {
    let who = voter(&s, i.id, &viewer, id).await?;
    require(&access, access.can_answer_assessment(who.is_some_and(|(_, seated)| seated)))?;
    let (person, _) = who.ok_or(AppError::Forbidden)?;
    round_of_table(&s, i.id, id, round_id).await?;
    s.store.assessment_answer_of(i.id, round_id, person).await?.map(Json).ok_or(AppError::NotFound("answer"))
}

/// Answer a round as yourself (a member sitting at the table), while it is open: every statement
/// once, a score from 1 to 5 or null for don't know. Answering again replaces your answer (the
/// earlier one is kept); 409 once the round is closed.
#[utoipa::path(put, path = "/api/v1/initiatives/{slug}/tables/{id}/assessments/{round_id}/answer", tag = "tables", params(("slug" = String, Path), ("id" = i64, Path), ("round_id" = i64, Path)),
    request_body = AssessmentAnswerInput,
    responses((status = 200, body = AssessmentAnswer), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn put_answer(
    State(s): State<AppState>,
    viewer: Viewer,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id, round_id)): ApiPath<(String, i64, i64)>,
    ApiJson(input): ApiJson<AssessmentAnswerInput>,
) -> AppResult<Json<AssessmentAnswer>> {
    let who = voter(&s, i.id, &viewer, id).await?;
    require(&access, access.can_answer_assessment(who.is_some_and(|(_, seated)| seated)))?;
    let (person, _) = who.ok_or(AppError::Forbidden)?;
    round_of_table(&s, i.id, id, round_id).await?;
    Ok(Json(s.store.submit_assessment_answer(&viewer.actor(), i.id, round_id, person, &input).await?))
}

/// A closed round's results (staff, and the members sitting at the table): per section and
/// statement the mean, the spread (disagree / neutral / agree / don't know, small counts hidden)
/// and the share of don't know; each section's change since the table's previous round; the
/// trend over its closed rounds. No numbers when fewer than `min_respondents` answered; 409
/// while the round is open.
#[utoipa::path(get, path = "/api/v1/initiatives/{slug}/tables/{id}/assessments/{round_id}/results", tag = "tables", params(("slug" = String, Path), ("id" = i64, Path), ("round_id" = i64, Path)),
    responses((status = 200, body = AssessmentResults), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem)))]
async fn results(
    State(s): State<AppState>,
    viewer: Viewer,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id, round_id)): ApiPath<(String, i64, i64)>,
) -> AppResult<Json<AssessmentResults>> {
    let seated = voter(&s, i.id, &viewer, id).await?.is_some_and(|(_, seated)| seated);
    require(&access, access.can_view_assessment_results(seated))?;
    let round = round_of_table(&s, i.id, id, round_id).await?;
    Ok(Json(round_results(&s, i.id, &round).await?))
}
