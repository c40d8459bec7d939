//! The review queue (`core::review`): submissions, their numbers a page at a time along the
//! `observations_review` index, and decisions on whole submissions. Also the few helpers the
//! write path (`measure.rs`) and the exchange call to keep each submission's counts current.

use super::*;
use backbone_core::progress::{Progress, Stage};
use backbone_core::review::*;

const SUBMISSION_COLS: &str = "id, initiative_id, organization_id, source, file_name, submitted_at, submitted_by,
     submitted, approved, returned";

#[derive(sqlx::FromRow)]
struct SubmissionRow {
    id: Id,
    initiative_id: Id,
    organization_id: Id,
    source: String,
    file_name: Option<String>,
    submitted_at: DateTime<Utc>,
    submitted_by: String,
    submitted: i64,
    approved: i64,
    returned: i64,
}

impl SubmissionRow {
    fn into_domain(self) -> StoreResult<Submission> {
        Ok(Submission {
            id: self.id,
            initiative_id: self.initiative_id,
            organization_id: self.organization_id,
            source: vocab(SubmissionSource::parse, &self.source, "submission source")?,
            file_name: self.file_name,
            submitted_at: self.submitted_at,
            submitted_by: self.submitted_by,
            counts: SubmissionCounts {
                submitted: self.submitted.max(0) as u64,
                approved: self.approved.max(0) as u64,
                returned: self.returned.max(0) as u64,
            },
        })
    }
}

#[derive(sqlx::FromRow)]
struct NumberRow {
    id: Id,
    submission_id: Id,
    indicator_id: Id,
    indicator_key: String,
    unit: String,
    period: String,
    geography: String,
    groups: String,
    numerator: f64,
    denominator: Option<f64>,
    status: String,
    return_reason: Option<String>,
    revision: i64,
    approved_numerator: Option<f64>,
    approved_denominator: Option<f64>,
}

impl NumberRow {
    fn into_domain(self) -> StoreResult<ReviewNumber> {
        Ok(ReviewNumber {
            id: self.id,
            submission_id: self.submission_id,
            indicator_id: self.indicator_id,
            indicator_key: self.indicator_key,
            unit: vocab(Unit::parse, &self.unit, "unit")?,
            period: self.period,
            geography: self.geography,
            groups: parse_groups(&self.groups).map_err(StoreError::Backend)?,
            numerator: self.numerator,
            denominator: self.denominator,
            status: vocab(ObservationStatus::parse, &self.status, "status")?,
            return_reason: self.return_reason,
            revision: self.revision,
            previous: self
                .approved_numerator
                .map(|numerator| Approved { numerator, denominator: self.approved_denominator }),
        })
    }
}

/// The column of `submissions` counting numbers in this status.
fn count_column(status: &str) -> StoreResult<&'static str> {
    match status {
        "submitted" => Ok("submitted"),
        "approved" => Ok("approved"),
        "returned" => Ok("returned"),
        other => Err(StoreError::Backend(format!("no submission count for status {other}"))),
    }
}

#[async_trait::async_trait]
impl ReviewStore for This {
    async fn submissions(
        &self,
        initiative_id: Id,
        filter: &SubmissionFilter,
        after: Option<SubmissionCursor>,
        limit: u32,
    ) -> StoreResult<SubmissionPage> {
        let limit = page_size(Some(limit));
        // Newest first along submissions_queue (initiative_id, id); submissions are few next to
        // their numbers, and their counts are kept on them.
        let mut rows = sqlx::query_as::<_, SubmissionRow>(&format!(
            "SELECT {SUBMISSION_COLS}
             FROM submissions
             WHERE initiative_id = $1 AND ($2 IS NULL OR organization_id = $2) AND (NOT $3 OR submitted > 0)
                 AND ($4 IS NULL OR id < $4)
             ORDER BY id DESC
             LIMIT $5"
        ))
        .bind(initiative_id)
        .bind(filter.organization_id)
        .bind(filter.waiting_only)
        .bind(after.map(|c| c.id))
        .bind(i64::from(limit) + 1)
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)?;
        let more = rows.len() > limit as usize;
        rows.truncate(limit as usize);
        let submissions = rows.into_iter().map(SubmissionRow::into_domain).collect::<StoreResult<Vec<_>>>()?;
        let next = if more { submissions.last().map(SubmissionCursor::of) } else { None };
        Ok(SubmissionPage { submissions, next })
    }

    async fn submission(&self, initiative_id: Id, submission_id: Id) -> StoreResult<Submission> {
        sqlx::query_as::<_, SubmissionRow>(&format!(
            "SELECT {SUBMISSION_COLS} FROM submissions WHERE id = $1 AND initiative_id = $2"
        ))
        .bind(submission_id)
        .bind(initiative_id)
        .fetch_optional(&self.pool)
        .await
        .map_err(db_err)?
        .ok_or(StoreError::NotFound("submission"))?
        .into_domain()
    }

    async fn submission_numbers(
        &self,
        initiative_id: Id,
        submission_id: Id,
        filter: &NumberFilter,
        after: Option<&NumberCursor>,
        limit: u32,
    ) -> StoreResult<NumberPage> {
        filter.validate()?;
        // The submission is the initiative's, or not found.
        self.submission(initiative_id, submission_id).await?;
        let limit = page_size(Some(limit));
        // Numbers come in the order they arrived, indicator by indicator: one seek along
        // observations_review (submission_id, status, indicator_id, id), the cursor a row value
        // in that order. A place is not in that index: it is sought along observations_key
        // (indicator_id, period, geography, …), period by period (each indicator's periods found
        // by one seek each), so a place costs the same however many numbers the submission
        // holds. Without an indicator, a place is sought indicator by indicator until the page
        // is full.
        let indicators: Vec<Option<Id>> = match (filter.indicator_id, &filter.place) {
            (None, Some(_)) => sqlx::query_scalar::<_, Id>(
                "SELECT id FROM indicators WHERE initiative_id = $1 AND id >= $2 ORDER BY id",
            )
            .bind(initiative_id)
            .bind(after.map_or(0, |c| c.indicator_id))
            .fetch_all(&self.pool)
            .await
            .map_err(db_err)?
            .into_iter()
            .map(Some)
            .collect(),
            (indicator, _) => vec![indicator],
        };
        const COLUMNS: &str = "o.id, o.submission_id, o.indicator_id, i.key AS indicator_key, i.unit, o.period,
             o.geography, o.groups, o.numerator, o.denominator, o.status, o.return_reason, o.revision,
             o.approved_numerator, o.approved_denominator";
        let mut rows: Vec<NumberRow> = Vec::new();
        for indicator in indicators {
            let mut q = match (indicator, &filter.place) {
                (Some(ind), Some(place)) => {
                    let mut q = sqlx::QueryBuilder::<Db>::new(
                        "WITH RECURSIVE periods (period) AS (
                             SELECT MIN(period) FROM observations WHERE indicator_id = ",
                    );
                    q.push_bind(ind)
                        .push(
                            " UNION ALL
                             SELECT (SELECT MIN(o.period) FROM observations o WHERE o.indicator_id = ",
                        )
                        .push_bind(ind)
                        .push(
                            " AND o.period > p.period)
                             FROM periods p
                             WHERE p.period IS NOT NULL)
                         SELECT ",
                        )
                        .push(COLUMNS)
                        // The periods first (CROSS JOIN keeps SQLite's order), and `+` keeps
                        // the submission's index out of it: one seek of observations_key a period.
                        .push(
                            " FROM periods p
                             CROSS JOIN observations o
                             JOIN indicators i ON i.id = o.indicator_id
                             WHERE o.period = p.period AND o.indicator_id = ",
                        )
                        .push_bind(ind)
                        .push(" AND o.geography = ")
                        .push_bind(place.clone())
                        .push(" AND +");
                    q
                }
                (indicator, _) => {
                    let mut q = sqlx::QueryBuilder::<Db>::new("SELECT ");
                    q.push(COLUMNS).push(" FROM observations o JOIN indicators i ON i.id = o.indicator_id WHERE ");
                    if let Some(ind) = indicator {
                        q.push("o.indicator_id = ").push_bind(ind).push(" AND ");
                    }
                    q
                }
            };
            q.push("o.submission_id = ");
            q.push_bind(submission_id).push(" AND o.status = ").push_bind(filter.status.as_str());
            if let Some(c) = after {
                q.push(" AND (o.indicator_id, o.id) > (")
                    .push_bind(c.indicator_id)
                    .push(", ")
                    .push_bind(c.id)
                    .push(")");
            }
            let wanted = i64::from(limit) + 1 - rows.len() as i64;
            q.push(" ORDER BY o.indicator_id, o.id LIMIT ").push_bind(wanted);
            rows.extend(q.build_query_as::<NumberRow>().fetch_all(&self.pool).await.map_err(db_err)?);
            if rows.len() > limit as usize {
                break;
            }
        }
        let more = rows.len() > limit as usize;
        rows.truncate(limit as usize);
        let numbers = rows.into_iter().map(NumberRow::into_domain).collect::<StoreResult<Vec<_>>>()?;
        let next = if more { numbers.last().map(NumberCursor::of) } else { None };
        Ok(NumberPage { numbers, next })
    }

    async fn decide_submission(
        &self,
        actor: &Actor,
        initiative_id: Id,
        submission_id: Id,
        decision: &SubmissionDecision,
        progress: &dyn Progress,
    ) -> StoreResult<u64> {
        decision.validate()?;
        let status = decision.status().as_str();
        let reason = match decision {
            SubmissionDecision::Approve => None,
            SubmissionDecision::Return { reason } => Some(reason.trim().to_string()),
        };
        let now = Utc::now();
        // Its rows' keys are all read in this transaction: on SQLite, no check per row
        // (`RowsConnection`).
        let mut conn = RowsConnection::open(&self.pool).await?;
        let mut tx = conn.begin().await?;
        let before = sqlx::query_as::<_, SubmissionRow>(&format!(
            "SELECT {SUBMISSION_COLS} FROM submissions WHERE id = $1 AND initiative_id = $2"
        ))
        .bind(submission_id)
        .bind(initiative_id)
        .fetch_optional(&mut *tx)
        .await
        .map_err(db_err)?
        .ok_or(StoreError::NotFound("submission"))?
        .into_domain()?;
        if before.counts.submitted == 0 {
            return Err(StoreError::conflict("submission", "nothing in this submission is waiting for review"));
        }
        progress.report(Stage::Approving, 0, Some(before.counts.submitted));
        // Only an approval changes what is published: the indicators and periods it touches.
        let pairs: std::collections::BTreeSet<(Id, String)> = if matches!(decision, SubmissionDecision::Approve) {
            sqlx::query_as::<_, (i64, String)>(
                "SELECT DISTINCT indicator_id, period
                 FROM observations
                 WHERE submission_id = $1 AND status = 'submitted'",
            )
            .bind(submission_id)
            .fetch_all(&mut *tx)
            .await
            .map_err(db_err)?
            .into_iter()
            .collect()
        } else {
            Default::default()
        };
        // Set-based along observations_review; the history trigger keeps every replaced state.
        let changed = sqlx::query(
            "UPDATE observations
             SET status = $1, return_reason = $2, updated_at = $3, updated_by = $4,
                 approved_numerator = CASE WHEN $1 = 'approved' THEN numerator ELSE approved_numerator END,
                 approved_denominator = CASE WHEN $1 = 'approved' THEN denominator ELSE approved_denominator END
             WHERE submission_id = $5 AND status = 'submitted'",
        )
        .bind(status)
        .bind(reason.as_deref())
        .bind(now)
        .bind(&actor.name)
        .bind(submission_id)
        .execute(&mut *tx)
        .await
        .map_err(db_err)?
        .rows_affected();
        Self::count_moved(&mut tx, submission_id, "submitted", status, changed).await?;
        progress.report(Stage::Approving, changed, Some(changed));
        if !pairs.is_empty() {
            progress.report(Stage::Publishing, 0, Some(pairs.len() as u64));
            Self::refresh_published(&mut tx, initiative_id, &pairs).await?;
            progress.report(Stage::Publishing, pairs.len() as u64, Some(pairs.len() as u64));
        }
        // Every decided number has a new status and a revision (and, approved, new cells).
        let written: &[&str] = if pairs.is_empty() {
            &["observations", "observation_revisions"]
        } else {
            &["observations", "observation_revisions", "published_cells"]
        };
        Self::after_bulk_write(&mut tx, changed, written).await?;
        let after = serde_json::json!({
            "submission_id": submission_id,
            "organization_id": before.organization_id,
            "status": status,
            "reason": reason,
            "observations": changed,
        });
        Self::audit(
            &mut tx,
            actor,
            Audit {
                initiative_id: Some(initiative_id),
                // The same event as reviewing numbers one by one: webhooks and the feed hear of it.
                action: "observation.review",
                entity: "submission",
                entity_id: Some(submission_id),
                before: Some(to_json(&before)),
                after: Some(after.to_string()),
            },
            now,
        )
        .await?;
        tx.commit().await.map_err(db_err)?;
        conn.release().await?;
        progress.report(Stage::Done, changed, Some(changed));
        Ok(changed)
    }
}

impl This {
    /// Records a new submission, its counts still zero (`settle_submission` sets them).
    pub(super) async fn open_submission(
        tx: &mut sqlx::Transaction<'_, Db>,
        initiative_id: Id,
        organization_id: Id,
        (source, file_name): (SubmissionSource, Option<String>),
        at: DateTime<Utc>,
        by: &str,
    ) -> StoreResult<Id> {
        sqlx::query_scalar(
            "INSERT INTO submissions (initiative_id, organization_id, source, file_name, submitted_at, submitted_by)
             VALUES ($1, $2, $3, $4, $5, $6)
             RETURNING id",
        )
        .bind(initiative_id)
        .bind(organization_id)
        .bind(source.as_str())
        .bind(file_name.map(|f| f.chars().take(255).collect::<String>()))
        .bind(at)
        .bind(by)
        .fetch_one(&mut **tx)
        .await
        .map_err(db_err)
    }

    /// After a submission's rows are written: it holds the `written` rows it set, less those it
    /// set twice; every number it took over from an earlier submission comes off that one's
    /// counts. Both are read from the history the trigger kept since `watermark` (the previous
    /// state of every row replaced, with its submission): only the rows replaced, never the
    /// millions written. A submission that set nothing is removed.
    pub(super) async fn settle_submission(
        tx: &mut sqlx::Transaction<'_, Db>,
        submission_id: Id,
        watermark: i64,
        written: u64,
    ) -> StoreResult<()> {
        let replaced: Vec<(Option<i64>, String, i64)> = sqlx::query_as(
            "SELECT r.submission_id, r.status, COUNT(DISTINCT r.observation_id)
             FROM observation_revisions r
             JOIN observations o ON o.id = r.observation_id
             WHERE r.id > $1 AND o.submission_id = $2
             GROUP BY r.submission_id, r.status",
        )
        .bind(watermark)
        .bind(submission_id)
        .fetch_all(&mut **tx)
        .await
        .map_err(db_err)?;
        let mut own = 0u64;
        for (from, status, n) in replaced {
            match from {
                Some(s) if s == submission_id => own += n as u64,
                Some(s) if status != "draft" => {
                    let col = count_column(&status)?;
                    sqlx::query(&format!("UPDATE submissions SET {col} = {col} - $1 WHERE id = $2"))
                        .bind(n)
                        .bind(s)
                        .execute(&mut **tx)
                        .await
                        .map_err(db_err)?;
                }
                _ => {}
            }
        }
        let held = written.saturating_sub(own);
        if held == 0 {
            sqlx::query("DELETE FROM submissions WHERE id = $1")
                .bind(submission_id)
                .execute(&mut **tx)
                .await
                .map_err(db_err)?;
        } else {
            sqlx::query("UPDATE submissions SET submitted = $1 WHERE id = $2")
                .bind(held as i64)
                .bind(submission_id)
                .execute(&mut **tx)
                .await
                .map_err(db_err)?;
        }
        Ok(())
    }

    /// `n` numbers of a submission went from one status to another.
    pub(super) async fn count_moved(
        tx: &mut sqlx::Transaction<'_, Db>,
        submission_id: Id,
        from: &str,
        to: &str,
        n: u64,
    ) -> StoreResult<()> {
        if n == 0 || from == to {
            return Ok(());
        }
        let (from, to) = (count_column(from)?, count_column(to)?);
        sqlx::query(&format!("UPDATE submissions SET {from} = {from} - $1, {to} = {to} + $1 WHERE id = $2"))
            .bind(n as i64)
            .bind(submission_id)
            .execute(&mut **tx)
            .await
            .map_err(db_err)?;
        Ok(())
    }

    /// Counts every submission of an initiative again from its numbers (after an import).
    pub(super) async fn recount_submissions(tx: &mut sqlx::Transaction<'_, Db>, initiative_id: Id) -> StoreResult<()> {
        sqlx::query(
            "UPDATE submissions
             SET submitted = (SELECT COUNT(*) FROM observations o WHERE o.submission_id = submissions.id AND o.status = 'submitted'),
                 approved = (SELECT COUNT(*) FROM observations o WHERE o.submission_id = submissions.id AND o.status = 'approved'),
                 returned = (SELECT COUNT(*) FROM observations o WHERE o.submission_id = submissions.id AND o.status = 'returned')
             WHERE initiative_id = $1",
        )
        .bind(initiative_id)
        .execute(&mut **tx)
        .await
        .map_err(db_err)?;
        Ok(())
    }

    /// An initiative's submissions, oldest first, and which submission last set each number (by
    /// observation id): for the export.
    pub(super) async fn submissions_for_export(
        &self,
        initiative_id: Id,
    ) -> StoreResult<(Vec<Submission>, HashMap<Id, Id>)> {
        let subs = sqlx::query_as::<_, SubmissionRow>(&format!(
            "SELECT {SUBMISSION_COLS} FROM submissions WHERE initiative_id = $1 ORDER BY id"
        ))
        .bind(initiative_id)
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(SubmissionRow::into_domain)
        .collect::<StoreResult<Vec<_>>>()?;
        let of: HashMap<Id, Id> = sqlx::query_as::<_, (i64, i64)>(
            "SELECT o.id, o.submission_id
             FROM observations o
             JOIN submissions s ON s.id = o.submission_id
             WHERE s.initiative_id = $1",
        )
        .bind(initiative_id)
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)?
        .into_iter()
        .collect();
        Ok((subs, of))
    }

    /// Writes an imported initiative's submissions (counts are recounted once its numbers are
    /// in); answers the new id of each document id.
    pub(super) async fn import_submissions(
        tx: &mut sqlx::Transaction<'_, Db>,
        initiative_id: Id,
        submissions: &[Submission],
        orgs: &HashMap<Id, Id>,
    ) -> StoreResult<HashMap<Id, Id>> {
        let mut ids = HashMap::new();
        for s in submissions {
            let id = Self::open_submission(
                tx,
                initiative_id,
                orgs[&s.organization_id],
                (s.source, s.file_name.clone()),
                s.submitted_at,
                &s.submitted_by,
            )
            .await?;
            ids.insert(s.id, id);
        }
        Ok(ids)
    }
}
