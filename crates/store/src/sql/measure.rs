use super::publish::ChangedCell;
use super::*;
use backbone_core::progress::{Progress, Stage};
use std::collections::BTreeSet;

/// One submitted number: indicator id, period, place, groups key, numerator, denominator.
pub(crate) type Staged<'a> = (Id, &'a str, &'a str, String, f64, Option<f64>);

/// Who writes a submission, and when: every row it touches carries both.
pub(crate) struct Submitter<'a> {
    pub(crate) organization_id: Id,
    pub(crate) at: DateTime<Utc>,
    pub(crate) actor: &'a str,
    /// `submitted`, or `draft` for numbers not yet sent for review.
    pub(crate) status: &'static str,
    /// Review queue [hc]: the submission every row written belongs to (`None` for drafts).
    pub(crate) submission_id: Option<Id>,
}

/// What writing a submission's rows did: rows inserted or changed, and (saving drafts) numbers
/// left alone because they differ from ones already sent for review.
#[derive(Default)]
pub(crate) struct Written {
    pub(crate) rows: u64,
    pub(crate) already_sent: u64,
}

/// Rows per multi-row upsert (6 parameters each, well under SQLite's limit).
#[allow(dead_code)] // used by SQLite's writes only; PostgreSQL's copy of this module leaves it
pub(crate) const BATCH_ROWS: usize = 1000;

/// Up to this many numbers approved at once, the cells they change are remembered and only
/// those cells' pairs are decided again (`refresh_changed`); above it, their indicators whole.
const FEW_TO_APPROVE: u64 = 100_000;

pub(super) const INDICATOR_COLS: &str =
    "id, initiative_id, key, name, description, numerator_definition, denominator_definition, unit, direction,
         period_kind, source, level, result_key, owner_organization_id, baseline_period, targets, suppression_threshold,
         min_gap_change, disclosure_rule, submitters, published, created_at, updated_at, report_due_days";

pub(super) const OBSERVATION_SELECT: &str =
    "SELECT o.id, i.key AS indicator_key, i.unit, o.period, o.geography, o.groups, o.numerator, o.denominator,
         o.organization_id, o.status, o.return_reason, o.revision, o.updated_at, o.approved_numerator,
         o.approved_denominator
     FROM observations o
     JOIN indicators i ON i.id = o.indicator_id";

#[async_trait::async_trait]
impl MeasureStore for This {
    async fn indicators(&self, initiative_id: Id) -> StoreResult<Vec<Indicator>> {
        sqlx::query_as::<_, IndicatorRow>(&format!(
            "SELECT {INDICATOR_COLS}
             FROM indicators
             WHERE initiative_id = $1
             ORDER BY id"
        ))
        .bind(initiative_id)
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(IndicatorRow::into_domain)
        .collect()
    }

    async fn indicator(&self, initiative_id: Id, key: &str) -> StoreResult<Indicator> {
        sqlx::query_as::<_, IndicatorRow>(&format!(
            "SELECT {INDICATOR_COLS}
             FROM indicators
             WHERE initiative_id = $1 AND key = $2"
        ))
        .bind(initiative_id)
        .bind(key)
        .fetch_one(&self.pool)
        .await
        .map_err(db_err)
        .map_err(not_found("indicator"))?
        .into_domain()
    }

    async fn create_indicator(
        &self,
        actor: &Actor,
        initiative_id: Id,
        input: &IndicatorInput,
    ) -> StoreResult<Indicator> {
        input.validate(self.years)?;
        let now = Utc::now();
        let mut tx = self.begin().await?;
        Self::initiative_tx(&mut tx, initiative_id).await?;
        Self::check_indicator_orgs(&mut tx, initiative_id, input).await?;
        let id: Id = sqlx::query_scalar(
            "INSERT INTO indicators (initiative_id, key, name, description, numerator_definition,
                 denominator_definition, unit, direction, period_kind, source, level, result_key, owner_organization_id,
                 baseline_period, targets, suppression_threshold, published, created_at, updated_at, min_gap_change,
                 disclosure_rule, submitters, report_due_days)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $18, $19, $20, $21,
                 $22)
             RETURNING id",
        )
        .bind(initiative_id)
        .bind(&input.key)
        .bind(input.name.trim())
        .bind(input.description.trim())
        .bind(input.numerator_definition.trim())
        .bind(input.denominator_definition.trim())
        .bind(input.unit.as_str())
        .bind(input.direction.as_str())
        .bind(input.period_kind.as_str())
        .bind(input.source.trim())
        .bind(input.level.as_str())
        .bind(input.result_key.as_deref())
        .bind(input.owner_organization_id)
        .bind(input.baseline_period.as_deref())
        .bind(to_json(&input.targets))
        .bind(input.suppression_threshold as i64)
        .bind(input.published)
        .bind(now)
        .bind(input.min_gap_change)
        .bind(input.disclosure_rule.as_str())
        .bind(to_json(&input.submitters))
        .bind(input.report_due_days.map(i64::from))
        .fetch_one(&mut *tx)
        .await
        .map_err(db_err)?;
        let created =
            sqlx::query_as::<_, IndicatorRow>(&format!("SELECT {INDICATOR_COLS} FROM indicators WHERE id = $1"))
                .bind(id)
                .fetch_one(&mut *tx)
                .await
                .map_err(db_err)?
                .into_domain()?;
        Self::audit(
            &mut tx,
            actor,
            Audit {
                initiative_id: Some(initiative_id),
                action: "indicator.create",
                entity: "indicator",
                entity_id: Some(id),
                before: None,
                after: Some(to_json(&created)),
            },
            now,
        )
        .await?;
        tx.commit().await.map_err(db_err)?;
        Ok(created)
    }

    async fn update_indicator(
        &self,
        actor: &Actor,
        initiative_id: Id,
        key: &str,
        input: &IndicatorInput,
    ) -> StoreResult<Indicator> {
        input.validate(self.years)?;
        let now = Utc::now();
        let mut tx = self.begin().await?;
        let before = sqlx::query_as::<_, IndicatorRow>(&format!(
            "SELECT {INDICATOR_COLS}
             FROM indicators
             WHERE initiative_id = $1 AND key = $2"
        ))
        .bind(initiative_id)
        .bind(key)
        .fetch_one(&mut *tx)
        .await
        .map_err(db_err)
        .map_err(not_found("indicator"))?
        .into_domain()?;
        if input.key != before.key {
            return Err(backbone_core::Invalid::one("key", "cannot change: files and links use it").into());
        }
        if input.unit != before.unit || input.period_kind != before.period_kind {
            let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM observations WHERE indicator_id = $1")
                .bind(before.id)
                .fetch_one(&mut *tx)
                .await
                .map_err(db_err)?;
            if n > 0 {
                return Err(StoreError::conflict(
                    "unit",
                    "the unit and period kind cannot change once data has been submitted",
                ));
            }
        }
        Self::check_indicator_orgs(&mut tx, initiative_id, input).await?;
        sqlx::query(
            "UPDATE indicators
             SET name = $1, description = $2, numerator_definition = $3, denominator_definition = $4, unit = $5,
                 direction = $6, period_kind = $7, source = $8, level = $9, result_key = $10, owner_organization_id = $11,
                 baseline_period = $12, targets = $13, suppression_threshold = $14, published = $15, updated_at = $16,
                 min_gap_change = $18, disclosure_rule = $19, submitters = $20, report_due_days = $21
             WHERE id = $17",
        )
        .bind(input.name.trim())
        .bind(input.description.trim())
        .bind(input.numerator_definition.trim())
        .bind(input.denominator_definition.trim())
        .bind(input.unit.as_str())
        .bind(input.direction.as_str())
        .bind(input.period_kind.as_str())
        .bind(input.source.trim())
        .bind(input.level.as_str())
        .bind(input.result_key.as_deref())
        .bind(input.owner_organization_id)
        .bind(input.baseline_period.as_deref())
        .bind(to_json(&input.targets))
        .bind(input.suppression_threshold as i64)
        .bind(input.published)
        .bind(now)
        .bind(before.id)
        .bind(input.min_gap_change)
        .bind(input.disclosure_rule.as_str())
        .bind(to_json(&input.submitters))
        .bind(input.report_due_days.map(i64::from))
        .execute(&mut *tx)
        .await
        .map_err(db_err)?;
        let after =
            sqlx::query_as::<_, IndicatorRow>(&format!("SELECT {INDICATOR_COLS} FROM indicators WHERE id = $1"))
                .bind(before.id)
                .fetch_one(&mut *tx)
                .await
                .map_err(db_err)?
                .into_domain()?;
        Self::refresh_all_published(&mut tx, initiative_id, Some(&[before.id]), &backbone_core::progress::Silent)
            .await?;
        Self::audit(
            &mut tx,
            actor,
            Audit {
                initiative_id: Some(initiative_id),
                action: "indicator.update",
                entity: "indicator",
                entity_id: Some(before.id),
                before: Some(to_json(&before)),
                after: Some(to_json(&after)),
            },
            now,
        )
        .await?;
        tx.commit().await.map_err(db_err)?;
        Ok(after)
    }

    async fn submit_batches(
        &self,
        actor: &Actor,
        initiative_id: Id,
        organization_id: Id,
        draft: bool,
        batches: &mut dyn Batches,
    ) -> StoreResult<Option<SubmitSummary>> {
        // Rows are written batch by batch as they are read (on PostgreSQL, staged and applied
        // at the end). History needs no writes here: the trigger keeps what corrections replace.
        let now = Utc::now();
        let mut conn = RowsConnection::open(&self.pool).await?;
        let mut tx = conn.begin().await?;
        Self::check_org_in_initiative(&mut tx, initiative_id, Some(organization_id), "organization_id").await?;
        // Review queue [hc]: numbers sent for review are one submission (sql/review.rs).
        let submission_id = match draft {
            true => None,
            false => Some(
                Self::open_submission(&mut tx, initiative_id, organization_id, batches.source(), now, &actor.name)
                    .await?,
            ),
        };
        let by = Submitter {
            organization_id,
            at: now,
            actor: &actor.name,
            status: if draft { "draft" } else { "submitted" },
            submission_id,
        };
        // Each indicator's id, and whether this organisation submits it.
        let ids: HashMap<String, (Id, bool)> = sqlx::query_as::<_, IndicatorRow>(&format!(
            "SELECT {INDICATOR_COLS}
             FROM indicators
             WHERE initiative_id = $1"
        ))
        .bind(initiative_id)
        .fetch_all(&mut *tx)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|r| r.into_domain().map(|i| (i.key.clone(), (i.id, i.accepts_from(organization_id)))))
        .collect::<StoreResult<_>>()?;
        let watermark: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM observation_revisions")
            .fetch_one(&mut *tx)
            .await
            .map_err(db_err)?;
        Self::begin_submission(&mut tx, &by).await?;
        let started = std::time::Instant::now();
        let mut received: u64 = 0;
        let mut written = Written::default();
        while let Some(batch) = batches.next_batch().await {
            let mut rows: Vec<Staged> = Vec::with_capacity(batch.len());
            for row in &batch {
                let id = match ids.get(&row.indicator) {
                    Some((id, true)) => *id,
                    Some((_, false)) => {
                        return Err(backbone_core::Invalid::one(
                            "indicator",
                            format!("this organisation does not submit \"{}\"", row.indicator),
                        )
                        .into())
                    }
                    None => {
                        return Err(backbone_core::Invalid::one(
                            "indicator",
                            format!("\"{}\" is not an indicator of this initiative", row.indicator),
                        )
                        .into())
                    }
                };
                rows.push((
                    id,
                    row.period.as_str(),
                    row.geography.as_str(),
                    groups_key(&row.groups),
                    row.numerator,
                    row.denominator,
                ));
            }
            let w = Self::write_batch(&mut tx, &rows, &by).await?;
            written.rows += w.rows;
            written.already_sent += w.already_sent;
            received += rows.len() as u64;
        }
        tracing::debug!(rows = received, ms = started.elapsed().as_millis() as u64, "submission read");
        let w = Self::finish_submission(&mut tx, &by).await?;
        written.rows += w.rows;
        written.already_sent += w.already_sent;
        // Review queue [hc]: the submission's counts, and those of the submissions it replaced numbers of.
        if let Some(s) = submission_id {
            Self::settle_submission(&mut tx, s, watermark, written.rows).await?;
        }
        tracing::debug!(ms = started.elapsed().as_millis() as u64, "submission written");
        // Corrections are the rows of this submission whose earlier state the trigger kept.
        const CORRECTED: &str = "FROM observation_revisions r
                                 JOIN observations o ON o.id = r.observation_id
                                 WHERE r.id > $1 AND o.organization_id = $2 AND o.updated_at = $3";
        // DISTINCT: another server's review of the same number may have logged a revision too.
        // A draft sent with the same numbers is not a correction: it is counted apart.
        let (changed, drafts_sent): (i64, i64) = sqlx::query_as(&format!(
            "SELECT COUNT(DISTINCT r.observation_id),
                 COUNT(DISTINCT CASE WHEN r.status = 'draft' AND o.status = 'submitted' AND r.numerator = o.numerator AND r.denominator IS NOT DISTINCT FROM o.denominator THEN r.observation_id END) {CORRECTED}"
        ))
        .bind(watermark)
        .bind(organization_id)
        .bind(now)
        .fetch_one(&mut *tx)
        .await
        .map_err(db_err)?;
        let drafts_sent = drafts_sent as u64;
        // Corrections change no published number: views show the approved values until the
        // correction itself is approved.
        let revised = (changed as u64).saturating_sub(drafts_sent);
        let added = written.rows.saturating_sub(revised + drafts_sent);
        if !batches.keep().await {
            tx.rollback().await.map_err(db_err)?;
            conn.release().await?;
            return Ok(None);
        }
        let already_sent = written.already_sent;
        let summary = SubmitSummary {
            added,
            revised,
            drafts_sent,
            already_sent,
            unchanged: received.saturating_sub(added + revised + drafts_sent + already_sent),
        };
        let after = serde_json::json!({ "organization_id": organization_id, "submission_id": submission_id, "status": by.status, "added": summary.added, "revised": summary.revised, "unchanged": summary.unchanged, "drafts_sent": summary.drafts_sent, "already_sent": summary.already_sent });
        Self::audit(
            &mut tx,
            actor,
            Audit {
                initiative_id: Some(initiative_id),
                action: "observation.submit",
                entity: "observation",
                entity_id: None,
                before: None,
                after: Some(after.to_string()),
            },
            now,
        )
        .await?;
        tx.commit().await.map_err(db_err)?;
        conn.release().await?;
        tracing::debug!(ms = started.elapsed().as_millis() as u64, "submission committed");
        Ok(Some(summary))
    }

    async fn send_drafts(&self, actor: &Actor, initiative_id: Id, organization_id: Id) -> StoreResult<u64> {
        let now = Utc::now();
        let mut tx = self.begin().await?;
        Self::check_org_in_initiative(&mut tx, initiative_id, Some(organization_id), "organization_id").await?;
        // Review queue [hc]: drafts sent are one submission.
        let watermark: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM observation_revisions")
            .fetch_one(&mut *tx)
            .await
            .map_err(db_err)?;
        let submission_id = Self::open_submission(
            &mut tx,
            initiative_id,
            organization_id,
            (backbone_core::review::SubmissionSource::Drafts, None),
            now,
            &actor.name,
        )
        .await?;
        let sent = sqlx::query(
            "UPDATE observations
             SET status = 'submitted', updated_at = $1, updated_by = $2, submission_id = $5
             WHERE organization_id = $3 AND status = 'draft' AND indicator_id IN (SELECT id
                  FROM indicators
                  WHERE initiative_id = $4)",
        )
        .bind(now)
        .bind(&actor.name)
        .bind(organization_id)
        .bind(initiative_id)
        .bind(submission_id)
        .execute(&mut *tx)
        .await
        .map_err(db_err)?
        .rows_affected();
        Self::settle_submission(&mut tx, submission_id, watermark, sent).await?;
        let after = serde_json::json!({ "organization_id": organization_id, "submission_id": (sent > 0).then_some(submission_id), "status": "submitted", "observations": sent });
        Self::audit(
            &mut tx,
            actor,
            Audit {
                initiative_id: Some(initiative_id),
                action: "observation.send_drafts",
                entity: "observation",
                entity_id: None,
                before: None,
                after: Some(after.to_string()),
            },
            now,
        )
        .await?;
        tx.commit().await.map_err(db_err)?;
        Ok(sent)
    }

    async fn draft_counts(&self, initiative_id: Id) -> StoreResult<Vec<(Id, u64)>> {
        Ok(sqlx::query_as::<_, (i64, i64)>(
            // Read through the small partial index of drafts (migration 0007); the unary +
            // keeps SQLite from walking every observation of each indicator instead.
            "SELECT o.organization_id, COUNT(*)
             FROM observations o
             WHERE o.status = 'draft' AND +o.indicator_id IN (SELECT id
                  FROM indicators
                  WHERE initiative_id = $1)
             GROUP BY o.organization_id
             ORDER BY o.organization_id",
        )
        .bind(initiative_id)
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|(o, n)| (o, n as u64))
        .collect())
    }

    async fn observations(&self, initiative_id: Id, q: &ObservationQuery) -> StoreResult<Vec<Observation>> {
        let limit = if q.limit <= 0 { 1000 } else { q.limit.min(100_000) };
        sqlx::query_as::<_, ObservationRow>(&format!(
            "{OBSERVATION_SELECT}
             WHERE i.initiative_id = $1 AND ($2 IS NULL OR i.key = $2) AND ($3 IS NULL OR o.organization_id = $3)
                 AND ($4 IS NULL OR o.status = $4)
             ORDER BY i.key, o.period, o.geography, o.groups
             LIMIT $5"
        ))
        .bind(initiative_id)
        .bind(q.indicator.as_deref())
        .bind(q.organization_id)
        .bind(q.status.map(|s| s.as_str()))
        .bind(limit)
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(ObservationRow::into_domain)
        .collect()
    }

    async fn observation(&self, initiative_id: Id, observation_id: Id) -> StoreResult<Observation> {
        sqlx::query_as::<_, ObservationRow>(&format!("{OBSERVATION_SELECT} WHERE o.id = $1 AND i.initiative_id = $2"))
            .bind(observation_id)
            .bind(initiative_id)
            .fetch_one(&self.pool)
            .await
            .map_err(db_err)
            .map_err(not_found("observation"))?
            .into_domain()
    }

    async fn observation_history(
        &self,
        initiative_id: Id,
        observation_id: Id,
    ) -> StoreResult<Vec<ObservationRevision>> {
        let found: i64 = sqlx::query_scalar(
            "SELECT COUNT(*)
             FROM observations o
             JOIN indicators i ON i.id = o.indicator_id
             WHERE o.id = $1 AND i.initiative_id = $2",
        )
        .bind(observation_id)
        .bind(initiative_id)
        .fetch_one(&self.pool)
        .await
        .map_err(db_err)?;
        if found == 0 {
            return Err(StoreError::NotFound("observation"));
        }
        // The earlier states, oldest first, then the current one.
        sqlx::query_as::<_, RevisionRow>(
            "SELECT revision, numerator, denominator, status, note, actor_name, at
             FROM (SELECT 0 AS k, id, revision, numerator, denominator, status, note, actor_name, at
                  FROM observation_revisions
                  WHERE observation_id = $1
                  UNION ALL
                  SELECT 1, id, revision, numerator, denominator, status, return_reason, updated_by, updated_at
                  FROM observations
                  WHERE id = $1) h
             ORDER BY k, id",
        )
        .bind(observation_id)
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(RevisionRow::into_domain)
        .collect()
    }

    async fn review_observations(
        &self,
        actor: &Actor,
        initiative_id: Id,
        ids: &[Id],
        review: &Review,
        progress: &dyn Progress,
    ) -> StoreResult<u64> {
        let (status, reason) = match review {
            Review::Approve => ("approved", None),
            Review::Return { reason } => {
                let mut inv = backbone_core::Invalid::new();
                check_text(&mut inv, "reason", reason, 1, 1000);
                inv.into_result()?;
                ("returned", Some(reason.trim().to_string()))
            }
        };
        let now = Utc::now();
        let mut tx = self.begin().await?;
        let total = ids.len() as u64;
        progress.report(Stage::Approving, 0, Some(total));
        let mut changed = 0;
        let mut cells: BTreeSet<ChangedCell> = BTreeSet::new();
        for id in ids {
            type Current = (String, Option<Id>, i64, String, String, String);
            let current: Option<Current> = sqlx::query_as(
                "SELECT o.status, o.submission_id, o.indicator_id, o.period, o.geography, o.groups
                 FROM observations o
                 JOIN indicators i ON i.id = o.indicator_id
                 WHERE o.id = $1 AND i.initiative_id = $2",
            )
            .bind(id)
            .bind(initiative_id)
            .fetch_optional(&mut *tx)
            .await
            .map_err(db_err)?;
            let Some((current, submission, indicator_id, period, geography, groups)) = current else {
                return Err(StoreError::NotFound("observation"));
            };
            if current != "submitted" {
                return Err(StoreError::conflict(
                    "status",
                    format!("observation {id} is {current}; only submitted numbers can be reviewed"),
                ));
            }
            // Approving makes these the published values; returning leaves the published ones.
            sqlx::query(
                "UPDATE observations
                 SET status = $1, return_reason = $2, updated_at = $3, updated_by = $4,
                     approved_numerator = CASE WHEN $1 = 'approved' THEN numerator ELSE approved_numerator END,
                     approved_denominator = CASE WHEN $1 = 'approved' THEN denominator ELSE approved_denominator END
                 WHERE id = $5",
            )
            .bind(status)
            .bind(reason.as_deref())
            .bind(now)
            .bind(&actor.name)
            .bind(id)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
            // Review queue [hc]: the submission's counts follow.
            if let Some(s) = submission {
                Self::count_moved(&mut tx, s, "submitted", status, 1).await?;
            }
            changed += 1;
            cells.insert((indicator_id, period, geography, groups));
            if changed % 100 == 0 {
                progress.report(Stage::Approving, changed, Some(total));
            }
        }
        progress.report(Stage::Approving, changed, Some(total));
        // Only an approval changes what is published.
        if matches!(review, Review::Approve) {
            Self::refresh_changed(&mut tx, initiative_id, &cells, progress).await?;
        }
        let after = serde_json::json!({ "status": status, "reason": reason, "observations": ids });
        Self::audit(
            &mut tx,
            actor,
            Audit {
                initiative_id: Some(initiative_id),
                action: "observation.review",
                entity: "observation",
                entity_id: None,
                before: None,
                after: Some(after.to_string()),
            },
            now,
        )
        .await?;
        tx.commit().await.map_err(db_err)?;
        progress.report(Stage::Done, changed, Some(total));
        Ok(changed)
    }

    async fn approve_all_submitted(
        &self,
        actor: &Actor,
        initiative_id: Id,
        organization_id: Id,
        progress: &dyn Progress,
    ) -> StoreResult<u64> {
        let now = Utc::now();
        // Its rows' keys are all read in this transaction: on SQLite, no check per row
        // (`RowsConnection`).
        let mut conn = RowsConnection::open(&self.pool).await?;
        let mut tx = conn.begin().await?;
        Self::check_org_in_initiative(&mut tx, initiative_id, Some(organization_id), "organization_id").await?;
        // The numbers waiting for review, indicator by indicator (`WAITING`), never the approved
        // millions.
        let waiting: Vec<(i64, i64)> = sqlx::query_as(&format!(
            "SELECT o.indicator_id, COUNT(*)
             FROM observations o
             WHERE {WAITING} AND o.status = 'submitted'
             GROUP BY o.indicator_id
             ORDER BY o.indicator_id"
        ))
        .bind(organization_id)
        .bind(initiative_id)
        .fetch_all(&mut *tx)
        .await
        .map_err(db_err)?;
        let total: u64 = waiting.iter().map(|(_, n)| *n as u64).sum();
        progress.report(Stage::Approving, 0, Some(total));
        // A few numbers: remember which cells change, so that only their pairs are decided again
        // and the pairs' other sums are reused. Many: decide their indicators again whole.
        let few = total <= FEW_TO_APPROVE;
        let mut cells: BTreeSet<ChangedCell> = BTreeSet::new();
        let mut changed = 0;
        for (indicator_id, _) in &waiting {
            if few {
                let rows: Vec<(String, String, String)> = sqlx::query_as(&format!(
                    "SELECT o.period, o.geography, o.groups
                     FROM observations o
                     WHERE {WAITING} AND o.status = 'submitted' AND o.indicator_id = $3"
                ))
                .bind(organization_id)
                .bind(initiative_id)
                .bind(indicator_id)
                .fetch_all(&mut *tx)
                .await
                .map_err(db_err)?;
                cells.extend(rows.into_iter().map(|(p, g, k)| (*indicator_id, p, g, k)));
            }
            // In the index's order: the approved entries are appended, not inserted all over.
            changed += sqlx::query(&format!(
                "UPDATE observations AS o
                 SET status = 'approved', return_reason = NULL, updated_at = $4, updated_by = $5,
                     approved_numerator = numerator, approved_denominator = denominator
                 WHERE {WAITING} AND o.status = 'submitted' AND o.indicator_id = $3"
            ))
            .bind(organization_id)
            .bind(initiative_id)
            .bind(indicator_id)
            .bind(now)
            .bind(&actor.name)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?
            .rows_affected();
            progress.report(Stage::Approving, changed, Some(total));
        }
        let approve_ms = now.signed_duration_since(Utc::now()).num_milliseconds().unsigned_abs();
        if few {
            Self::refresh_changed(&mut tx, initiative_id, &cells, progress).await?;
        } else {
            let ids: Vec<Id> = waiting.iter().map(|(i, _)| *i).collect();
            Self::refresh_all_published(&mut tx, initiative_id, Some(&ids), progress).await?;
        }
        // Every changed number has a new status and a revision, and its indicators new cells.
        Self::after_bulk_write(&mut tx, changed, &["observations", "observation_revisions", "published_cells"]).await?;
        // Review queue [hc]: every waiting number of the organisation is approved.
        sqlx::query(
            "UPDATE submissions SET approved = approved + submitted, submitted = 0
             WHERE initiative_id = $1 AND organization_id = $2 AND submitted > 0",
        )
        .bind(initiative_id)
        .bind(organization_id)
        .execute(&mut *tx)
        .await
        .map_err(db_err)?;
        let after =
            serde_json::json!({ "status": "approved", "organization_id": organization_id, "observations": changed });
        Self::audit(
            &mut tx,
            actor,
            Audit {
                initiative_id: Some(initiative_id),
                action: "observation.review",
                entity: "observation",
                entity_id: None,
                before: None,
                after: Some(after.to_string()),
            },
            now,
        )
        .await?;
        tx.commit().await.map_err(db_err)?;
        conn.release().await?;
        tracing::debug!(
            observations = changed,
            approve_ms,
            ms = now.signed_duration_since(Utc::now()).num_milliseconds().unsigned_abs(),
            "approved"
        );
        progress.report(Stage::Done, changed, Some(total));
        Ok(changed)
    }

    async fn approved_cells(&self, initiative_id: Id, indicator_id: Id) -> StoreResult<Vec<CellSum>> {
        Ok(sqlx::query_as::<_, CellRow>(
            "SELECT o.period, o.geography, o.groups, SUM(o.approved_numerator) AS numerator,
                 SUM(o.approved_denominator) AS denominator
             FROM observations o
             JOIN indicators i ON i.id = o.indicator_id
             WHERE i.initiative_id = $1 AND o.indicator_id = $2 AND o.approved_numerator IS NOT NULL
             GROUP BY o.period, o.geography, o.groups
             ORDER BY o.period, o.geography, o.groups",
        )
        .bind(initiative_id)
        .bind(indicator_id)
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|r| CellSum {
            period: r.period,
            geography: r.geography,
            groups: r.groups,
            numerator: r.numerator,
            denominator: r.denominator,
        })
        .collect())
    }

    async fn published_cells(
        &self,
        initiative_id: Id,
        indicator_id: Id,
        places: &[String],
        dimension: Option<&str>,
    ) -> StoreResult<Vec<(CellSum, Option<Withheld>)>> {
        if places.is_empty() {
            return Ok(Vec::new());
        }
        // One statement, two ranges of the primary key (indicator, place, groups, period): the
        // first place with all its groups, then the other places' totals — each only when the
        // indicator is the initiative's.
        const OWNED: &str = "EXISTS (SELECT 1 FROM indicators WHERE id = $1 AND initiative_id = $2)";
        let mut sql = format!(
            "SELECT period, geography, groups, numerator, denominator, withheld
             FROM published_cells
             WHERE indicator_id = $1 AND geography = $3 AND {OWNED}"
        );
        if places.len() > 1 {
            let list: Vec<String> = (0..places.len() - 1).map(|n| format!("${}", n + 4)).collect();
            sql.push_str(&format!(
                "
             UNION ALL
             SELECT period, geography, groups, numerator, denominator, withheld
             FROM published_cells
             WHERE indicator_id = $1 AND groups = '' AND geography IN ({}) AND {OWNED}",
                list.join(", ")
            ));
        }
        let mut rows = self.fetch_published(&sql, indicator_id, initiative_id, places).await?;
        if rows.is_empty() {
            let owned: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM indicators WHERE id = $1 AND initiative_id = $2")
                .bind(indicator_id)
                .bind(initiative_id)
                .fetch_one(&self.pool)
                .await
                .map_err(db_err)?;
            if owned == 0 {
                return Err(StoreError::NotFound("indicator"));
            }
        }
        let prefix = dimension.map(|d| format!("{d}="));
        let first = places[0].as_str();
        rows.retain(|r| {
            r.1 != first
                || r.2.is_empty()
                || prefix.as_ref().is_some_and(|p| r.2.starts_with(p.as_str()) && !r.2.contains(';'))
        });
        rows.into_iter()
            .map(|(period, geography, groups, numerator, denominator, withheld)| {
                let withheld = withheld.map(|w| vocab(Withheld::parse, &w, "withheld")).transpose()?;
                Ok((CellSum { period, geography, groups, numerator, denominator }, withheld))
            })
            .collect()
    }
}

impl This {
    /// Recomputes every kept disclosure decision when they were made by an older disclosure
    /// engine (`privacy::ENGINE_VERSION`): once, when the store opens after an upgrade, so no
    /// view ever shows what an older, weaker rule let through.
    pub(crate) async fn refresh_if_outdated(&self) -> StoreResult<()> {
        let mut tx = self.begin().await?;
        Self::lock_refresh(&mut tx).await?;
        let version: Option<i64> = sqlx::query_scalar("SELECT value FROM store_meta WHERE key = 'disclosure_engine'")
            .fetch_optional(&mut *tx)
            .await
            .map_err(db_err)?;
        if version.is_some_and(|v| v >= backbone_core::privacy::ENGINE_VERSION) {
            return tx.commit().await.map_err(db_err);
        }
        let started = std::time::Instant::now();
        let initiatives: Vec<Id> =
            sqlx::query_scalar("SELECT id FROM initiatives ORDER BY id").fetch_all(&mut *tx).await.map_err(db_err)?;
        for initiative_id in initiatives {
            Self::refresh_all_published(&mut tx, initiative_id, None, &backbone_core::progress::Silent).await?;
        }
        // Decided again: what every server keeps of public answers is out of date.
        Self::public_changed(&mut tx, Utc::now()).await?;
        sqlx::query("DELETE FROM store_meta WHERE key = 'disclosure_engine'")
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        sqlx::query("INSERT INTO store_meta (key, value) VALUES ('disclosure_engine', $1)")
            .bind(backbone_core::privacy::ENGINE_VERSION)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        tx.commit().await.map_err(db_err)?;
        if version.is_some() {
            tracing::info!(
                ms = started.elapsed().as_millis() as u64,
                "published numbers decided again by the new disclosure rules"
            );
        }
        Ok(())
    }

    /// The owner and every submitter named by an indicator are organisations of the initiative.
    async fn check_indicator_orgs(
        tx: &mut sqlx::Transaction<'_, Db>,
        initiative_id: Id,
        input: &IndicatorInput,
    ) -> StoreResult<()> {
        Self::check_org_in_initiative(tx, initiative_id, input.owner_organization_id, "owner_organization_id").await?;
        for (i, o) in input.submitters.iter().enumerate() {
            Self::check_org_in_initiative(tx, initiative_id, Some(*o), &format!("submitters[{i}]")).await?;
        }
        Ok(())
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct IndicatorRow {
    pub id: i64,
    pub initiative_id: i64,
    pub key: String,
    pub name: String,
    pub description: String,
    pub numerator_definition: String,
    pub denominator_definition: String,
    pub unit: String,
    pub direction: String,
    pub period_kind: String,
    pub source: String,
    pub level: String,
    pub result_key: Option<String>,
    pub owner_organization_id: Option<i64>,
    pub baseline_period: Option<String>,
    pub targets: String,
    pub suppression_threshold: i64,
    pub min_gap_change: Option<f64>,
    pub report_due_days: Option<i64>,
    pub disclosure_rule: String,
    pub submitters: String,
    pub published: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl IndicatorRow {
    pub(super) fn into_domain(self) -> Result<Indicator, StoreError> {
        Ok(Indicator {
            id: self.id,
            initiative_id: self.initiative_id,
            key: self.key,
            name: self.name,
            description: self.description,
            numerator_definition: self.numerator_definition,
            denominator_definition: self.denominator_definition,
            unit: vocab(Unit::parse, &self.unit, "unit")?,
            direction: vocab(Direction::parse, &self.direction, "direction")?,
            period_kind: vocab(PeriodKind::parse, &self.period_kind, "period kind")?,
            source: self.source,
            level: vocab(Level::parse, &self.level, "level")?,
            result_key: self.result_key,
            owner_organization_id: self.owner_organization_id,
            baseline_period: self.baseline_period,
            targets: json(&self.targets)?,
            suppression_threshold: self.suppression_threshold as u32,
            min_gap_change: self.min_gap_change,
            report_due_days: self.report_due_days.map(|d| d as u32),
            disclosure_rule: vocab(DisclosureRule::parse, &self.disclosure_rule, "disclosure rule")?,
            submitters: json(&self.submitters)?,
            published: self.published,
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct ObservationRow {
    pub id: i64,
    pub indicator_key: String,
    pub unit: String,
    pub period: String,
    pub geography: String,
    pub groups: String,
    pub numerator: f64,
    pub denominator: Option<f64>,
    pub organization_id: i64,
    pub status: String,
    pub return_reason: Option<String>,
    pub revision: i64,
    pub updated_at: DateTime<Utc>,
    pub approved_numerator: Option<f64>,
    pub approved_denominator: Option<f64>,
}

impl ObservationRow {
    pub(super) fn into_domain(self) -> Result<Observation, StoreError> {
        let unit = vocab(Unit::parse, &self.unit, "unit")?;
        Ok(Observation {
            id: self.id,
            indicator_key: self.indicator_key,
            period: self.period,
            geography: self.geography,
            groups: parse_groups(&self.groups).map_err(StoreError::Backend)?,
            numerator: self.numerator,
            denominator: self.denominator,
            value: backbone_core::measure::analytics::value_of(unit, self.numerator, self.denominator),
            organization_id: self.organization_id,
            status: vocab(ObservationStatus::parse, &self.status, "status")?,
            return_reason: self.return_reason,
            revision: self.revision,
            updated_at: self.updated_at,
            approved: self
                .approved_numerator
                .map(|numerator| Approved { numerator, denominator: self.approved_denominator }),
        })
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct RevisionRow {
    pub revision: i64,
    pub numerator: f64,
    pub denominator: Option<f64>,
    pub status: String,
    pub note: Option<String>,
    pub actor_name: String,
    pub at: DateTime<Utc>,
}

impl RevisionRow {
    pub(super) fn into_domain(self) -> Result<ObservationRevision, StoreError> {
        Ok(ObservationRevision {
            revision: self.revision,
            numerator: self.numerator,
            denominator: self.denominator,
            status: vocab(ObservationStatus::parse, &self.status, "status")?,
            note: self.note,
            actor_name: self.actor_name,
            at: self.at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct CellRow {
    pub period: String,
    pub geography: String,
    pub groups: String,
    pub numerator: f64,
    pub denominator: Option<f64>,
}
