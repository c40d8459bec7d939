//! Self-assessment: a table's rounds (opened and closed by staff or the table's chair), the form
//! a member answers as herself, and a closed round's results with the trend across the table's
//! rounds. Answers are private: nothing here returns anyone's answer but the viewer's own, and
//! results exist only for closed rounds with enough answers (`core::assessments`).

pub mod api;
pub mod pages;

use crate::http::error::{AppError, AppResult};
use crate::AppState;
use backbone_core::assessments::*;
use backbone_core::Id;

/// A round of this table (404 when it belongs to another table or initiative).
pub async fn round_of_table(s: &AppState, initiative_id: Id, table_id: Id, round_id: Id) -> AppResult<AssessmentRound> {
    let round = s.store.assessment_round(initiative_id, round_id).await?;
    if round.table_id != table_id {
        return Err(AppError::NotFound("assessment round"));
    }
    Ok(round)
}

/// A closed round's results with the trend over the table's closed rounds before it (409 while
/// open: results would move as answers come, and give away who answered what).
pub async fn round_results(s: &AppState, initiative_id: Id, round: &AssessmentRound) -> AppResult<AssessmentResults> {
    if round.is_open() {
        return Err(AppError::Conflict {
            field: "round".into(),
            reason: "results are shown once the round is closed".into(),
        });
    }
    let answers = s.store.assessment_answers(initiative_id, round.id).await?;
    let mut earlier = Vec::new();
    for r in s.store.assessment_rounds(initiative_id, Some(round.table_id)).await? {
        if r.id != round.id && !r.is_open() && r.closed_at <= round.closed_at {
            let a = s.store.assessment_answers(initiative_id, r.id).await?;
            earlier.push((r, a));
        }
    }
    let round = round.clone();
    tokio::task::spawn_blocking(move || results(&round, &answers, &earlier))
        .await
        .map_err(|e| AppError::Internal(format!("working out the assessment results: {e}")))
}
