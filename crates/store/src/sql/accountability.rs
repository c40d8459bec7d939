//! What the accountability view reads (`core::accountability`): organisations' commitments and
//! attendance counted by the database (attendance from per-day counts kept as it changes), grouped by what decides the view's rules and nothing
//! more (the rules themselves stay in the domain), and when each organisation first submitted
//! each indicator's numbers for each period, read from the observations' history, which keeps
//! every submission.

use super::*;
use backbone_core::accountability::*;
use backbone_core::commitments::CommitmentStatus;
use backbone_core::meetings::AttendanceStatus;

#[derive(sqlx::FromRow)]
struct FirstSubmissionRow {
    indicator_id: Id,
    organization_id: Id,
    period: String,
    first_submitted_at: DateTime<Utc>,
}

#[derive(sqlx::FromRow)]
struct CommitmentTallyRow {
    organization_id: Id,
    status: String,
    n: i64,
    due_in_window: i64,
    done_late_in_window: i64,
    past_due: i64,
}

#[derive(sqlx::FromRow)]
struct AttendanceTallyRow {
    organization_id: Id,
    expected: i64,
    attended: i64,
}

fn count(n: i64) -> StoreResult<u32> {
    u32::try_from(n).map_err(|_| StoreError::Backend(format!("a count out of range: {n}")))
}

impl This {
    /// Recounts each organisation's meetings expected and attended on these days (UTC) from the
    /// attendance records, in the caller's transaction: called by every change to who came, to
    /// a meeting's time or cancellation, and to a person's organisation.
    pub(super) async fn recount_attendance_days(
        tx: &mut sqlx::Transaction<'_, Db>,
        initiative_id: Id,
        days: impl IntoIterator<Item = NaiveDate>,
    ) -> StoreResult<()> {
        let mut days: Vec<NaiveDate> = days.into_iter().collect();
        days.sort_unstable();
        days.dedup();
        for day in days {
            Self::recount_attendance(tx, initiative_id, Some(day)).await?;
        }
        Ok(())
    }

    /// Recounts every day of an initiative at once (an import).
    pub(super) async fn recount_all_attendance_days(
        tx: &mut sqlx::Transaction<'_, Db>,
        initiative_id: Id,
    ) -> StoreResult<()> {
        Self::recount_attendance(tx, initiative_id, None).await
    }

    /// Recounts one day, or every day when `day` is `None`: one row per organisation and
    /// meeting it was expected at (it came when one of its people was present), summed per day.
    /// The day is taken from the UTC start in each database's own way.
    async fn recount_attendance(
        tx: &mut sqlx::Transaction<'_, Db>,
        initiative_id: Id,
        day: Option<NaiveDate>,
    ) -> StoreResult<()> {
        let day_of =
            if BACKEND == "sqlite" { "substr(m.starts_at, 1, 10)" } else { "(m.starts_at AT TIME ZONE 'UTC')::date" };
        let start = |d: NaiveDate| d.and_hms_opt(0, 0, 0).map(|t| t.and_utc());
        let (from, until) = (day.and_then(start), day.and_then(|d| start(d + chrono::Duration::days(1))));
        sqlx::query("DELETE FROM attendance_days WHERE initiative_id = $1 AND ($2 IS NULL OR day = $2)")
            .bind(initiative_id)
            .bind(day)
            .execute(&mut **tx)
            .await
            .map_err(db_err)?;
        sqlx::query(&format!(
            "INSERT INTO attendance_days (initiative_id, day, organization_id, expected, attended)
             SELECT $1, day, organization_id, COUNT(*), SUM(came)
             FROM (SELECT {day_of} AS day, p.organization_id, a.meeting_id,
                          MAX(CASE WHEN a.status = $2 THEN 1 ELSE 0 END) AS came
                   FROM meetings m
                   JOIN meeting_attendance a ON a.meeting_id = m.id
                   JOIN people p ON p.id = a.person_id
                   WHERE m.initiative_id = $1 AND NOT m.cancelled AND p.organization_id IS NOT NULL
                     AND ($3 IS NULL OR m.starts_at >= $3) AND ($4 IS NULL OR m.starts_at < $4)
                   GROUP BY {day_of}, p.organization_id, a.meeting_id) x
             GROUP BY day, organization_id"
        ))
        .bind(initiative_id)
        .bind(AttendanceStatus::Present.as_str())
        .bind(from)
        .bind(until)
        .execute(&mut **tx)
        .await
        .map_err(db_err)?;
        Ok(())
    }
}

#[async_trait::async_trait]
impl AccountabilityStore for This {
    async fn commitment_tallies(
        &self,
        initiative_id: Id,
        since: NaiveDate,
        today: NaiveDate,
    ) -> StoreResult<Vec<CommitmentTally>> {
        let rows = sqlx::query_as::<_, CommitmentTallyRow>(
            // Grouped in the order of the `commitments_standing` index, which holds every column
            // read: one pass over the initiative's part of the index, no sorting.
            "SELECT organization_id, status, COUNT(*) AS n,
                    SUM(CASE WHEN due_on >= $2 THEN 1 ELSE 0 END) AS due_in_window,
                    SUM(CASE WHEN due_on >= $2 AND done_on > due_on THEN 1 ELSE 0 END) AS done_late_in_window,
                    SUM(CASE WHEN due_on < $3 THEN 1 ELSE 0 END) AS past_due
             FROM commitments
             WHERE initiative_id = $1 AND organization_id IS NOT NULL
             GROUP BY organization_id, status",
        )
        .bind(initiative_id)
        .bind(since)
        .bind(today)
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)?;
        let mut out = rows
            .into_iter()
            .map(|r| {
                Ok(CommitmentTally {
                    organization_id: r.organization_id,
                    status: vocab(CommitmentStatus::parse, &r.status, "commitment status")?,
                    count: count(r.n)?,
                    due_in_window: count(r.due_in_window)?,
                    done_late_in_window: count(r.done_late_in_window)?,
                    past_due: count(r.past_due)?,
                })
            })
            .collect::<StoreResult<Vec<_>>>()?;
        // Sorted as the domain sorts: by the status's order, not its stored name.
        out.sort();
        Ok(out)
    }

    async fn attendance_tallies(
        &self,
        initiative_id: Id,
        since: NaiveDate,
        today: NaiveDate,
    ) -> StoreResult<Vec<AttendanceTally>> {
        // Summed from the per-day counts `recount_attendance_days` keeps: a meeting belongs to
        // the day (UTC) it starts on, so days add up without counting a meeting twice.
        let rows = sqlx::query_as::<_, AttendanceTallyRow>(
            "SELECT organization_id, CAST(SUM(expected) AS BIGINT) AS expected, CAST(SUM(attended) AS BIGINT) AS attended
             FROM attendance_days
             WHERE initiative_id = $1 AND day >= $2 AND day <= $3
             GROUP BY organization_id
             ORDER BY organization_id",
        )
        .bind(initiative_id)
        .bind(since)
        .bind(today)
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)?;
        rows.into_iter()
            .map(|r| {
                Ok(AttendanceTally {
                    organization_id: r.organization_id,
                    expected: count(r.expected)?,
                    attended: count(r.attended)?,
                })
            })
            .collect()
    }

    async fn first_submissions(&self, initiative_id: Id) -> StoreResult<Vec<Submission>> {
        // Only this initiative's scheduled indicators are read, named one by one (`push_ids`),
        // so other initiatives' numbers (millions, perhaps) cost nothing.
        let indicators = self.indicator_ids(initiative_id, Indicators::Scheduled).await?;
        if indicators.is_empty() {
            return Ok(Vec::new());
        }
        // The row holds an observation's current state and the history every earlier one, each
        // with the time it was entered: the first submission is the earliest non-draft of them.
        let mut q = sqlx::QueryBuilder::<Db>::new(
            "SELECT indicator_id, organization_id, period, MIN(at) AS first_submitted_at
             FROM (SELECT o.indicator_id, o.organization_id, o.period, r.at
                   FROM observations o
                   JOIN observation_revisions r ON r.observation_id = o.id
                   WHERE r.status <> 'draft' AND o.indicator_id IN ",
        );
        push_ids(&mut q, &indicators);
        q.push(
            "
                   UNION ALL
                   SELECT o.indicator_id, o.organization_id, o.period, o.updated_at
                   FROM observations o
                   WHERE o.status <> 'draft' AND o.indicator_id IN ",
        );
        push_ids(&mut q, &indicators);
        q.push(
            ") x
             GROUP BY indicator_id, organization_id, period",
        );
        let rows = q.build_query_as::<FirstSubmissionRow>().fetch_all(&self.pool).await.map_err(db_err)?;
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
