//! One standard of accountability: the view that holds every organisation to the same yardstick,
//! grouped by budget band, and the director's "needs attention" list. Both are worked out on the
//! blocking pool from what the other capabilities keep (`core::accountability`).

pub mod api;
pub mod pages;

use crate::http::error::AppError;
use crate::AppState;
use backbone_core::accountability::{self, Accountability, IdleStrategy, Inputs, NeedsAttention};
use backbone_core::commitments::CommitmentQuery;
use backbone_core::decisions::DecisionQuery;
use backbone_core::Id;
use chrono::{Duration, NaiveDate, Utc};

/// The accountability view of an initiative over the window from `since` to today.
pub async fn accountability_of(s: &AppState, initiative_id: Id, since: NaiveDate) -> Result<Accountability, AppError> {
    let today = Utc::now().date_naive();
    // Asked together: on a pool of connections the database counts them side by side.
    let (organizations, commitments, attendance, indicators, submissions) = tokio::try_join!(
        s.store.organizations(initiative_id),
        s.store.commitment_tallies(initiative_id, since, today),
        s.store.attendance_tallies(initiative_id, since, today),
        s.store.indicators(initiative_id),
        s.store.first_submissions(initiative_id),
    )?;
    tokio::task::spawn_blocking(move || {
        accountability::accountability(&Inputs {
            organizations: &organizations,
            commitments: &commitments,
            attendance: &attendance,
            indicators: &indicators,
            submissions: &submissions,
            since,
            today,
        })
    })
    .await
    .map_err(|e| AppError::Internal(format!("working out the accountability view: {e}")))
}

/// What needs the backbone director's attention now.
pub async fn needs_attention_of(s: &AppState, initiative_id: Id) -> Result<NeedsAttention, AppError> {
    let now = Utc::now();
    let today = now.date_naive();
    let organizations = s.store.organizations(initiative_id).await?;
    let commitments = s.store.commitments(initiative_id, &CommitmentQuery::default()).await?;
    let indicators = s.store.indicators(initiative_id).await?;
    let submissions = s.store.first_submissions(initiative_id).await?;
    let decisions = s.store.decisions(initiative_id, &DecisionQuery::default()).await?;
    let map = crate::activities::alignment_of(s, initiative_id).await?;
    tokio::task::spawn_blocking(move || {
        let periods = accountability::reporting_periods(
            &indicators,
            &organizations,
            &submissions,
            today - Duration::days(accountability::DEFAULT_WINDOW_DAYS),
            today,
        );
        let idle = map
            .strategy_gaps
            .into_iter()
            .map(|g| IdleStrategy { key: g.key, title: g.title, result_title: g.result_title })
            .collect();
        accountability::needs_attention(&commitments, &periods, idle, &decisions, now)
    })
    .await
    .map_err(|e| AppError::Internal(format!("working out what needs attention: {e}")))
}
