//! When each organisation first submitted each indicator's numbers for each period
//! (`core::accountability`): read from the observations' history, which keeps every submission.

use super::*;
use backbone_core::accountability::*;

#[derive(sqlx::FromRow)]
struct FirstSubmissionRow {
    indicator_id: Id,
    organization_id: Id,
    period: String,
    first_submitted_at: DateTime<Utc>,
}

#[async_trait::async_trait]
impl AccountabilityStore for This {
    async fn first_submissions(&self, initiative_id: Id) -> StoreResult<Vec<Submission>> {
        let rows = sqlx::query_as::<_, FirstSubmissionRow>(
            // The row holds an observation's current state and the history every earlier one, each
            // with the time it was entered: the first submission is the earliest non-draft of them.
            "SELECT o.indicator_id, o.organization_id, o.period, MIN(x.at) AS first_submitted_at
             FROM (SELECT observation_id, at FROM observation_revisions WHERE status <> 'draft'
                   UNION ALL
                   SELECT id, updated_at FROM observations WHERE status <> 'draft') x
             JOIN observations o ON o.id = x.observation_id
             JOIN indicators i ON i.id = o.indicator_id
             WHERE i.initiative_id = $1 AND i.report_due_days IS NOT NULL
             GROUP BY o.indicator_id, o.organization_id, o.period",
        )
        .bind(initiative_id)
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)?;
        Ok(rows
            .into_iter()
            .map(|r| Submission {
                indicator_id: r.indicator_id,
                organization_id: r.organization_id,
                period: r.period,
                first_submitted_at: r.first_submitted_at,
            })
            .collect())
    }
}
