//! Commitments and their history (`core::commitments`).

use super::*;
use backbone_core::commitments::*;

const COMMITMENT_COLS: &str = "id, initiative_id, organization_id, person_id, title, details, due_on, status, reason,
         done_on, strategy_key, indicator_key, activity_id, table_id, meeting_id, decision_id, created_at,
         updated_at";

#[async_trait::async_trait]
impl CommitmentStore for This {
    async fn commitments(&self, initiative_id: Id, query: &CommitmentQuery) -> StoreResult<Vec<Commitment>> {
        let rows = sqlx::query_as::<_, CommitmentRow>(&format!(
            "SELECT {COMMITMENT_COLS}
             FROM commitments
             WHERE initiative_id = $1 AND ($2 IS NULL OR organization_id = $2)
             ORDER BY due_on, id"
        ))
        .bind(initiative_id)
        .bind(query.organization_id)
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)?;
        let all = rows.into_iter().map(CommitmentRow::into_domain).collect::<StoreResult<Vec<_>>>()?;
        Ok(all.into_iter().filter(|c| query.matches(c)).collect())
    }

    async fn commitment(&self, initiative_id: Id, id: Id) -> StoreResult<Commitment> {
        let mut tx = self.pool.begin().await.map_err(db_err)?;
        let c = Self::commitment_tx(&mut tx, initiative_id, id).await;
        tx.rollback().await.map_err(db_err)?;
        c
    }

    async fn create_commitment(
        &self,
        actor: &Actor,
        initiative_id: Id,
        input: &CommitmentInput,
    ) -> StoreResult<Commitment> {
        let mut tx = self.begin().await?;
        Self::initiative_tx(&mut tx, initiative_id).await?;
        let c = Self::create_commitment_tx(&mut tx, actor, initiative_id, input, Utc::now()).await?;
        tx.commit().await.map_err(db_err)?;
        Ok(c)
    }

    async fn update_commitment(
        &self,
        actor: &Actor,
        initiative_id: Id,
        id: Id,
        input: &CommitmentInput,
    ) -> StoreResult<Commitment> {
        input.validate()?;
        let now = Utc::now();
        let mut tx = self.begin().await?;
        let before = Self::commitment_tx(&mut tx, initiative_id, id).await?;
        Self::check_commitment_references(&mut tx, initiative_id, input).await?;
        sqlx::query(
            "UPDATE commitments
             SET organization_id = $1, person_id = $2, title = $3, details = $4, due_on = $5, strategy_key = $6,
                 indicator_key = $7, activity_id = $8, table_id = $9, meeting_id = $10, decision_id = $11,
                 updated_at = $12
             WHERE id = $13",
        )
        .bind(input.organization_id)
        .bind(input.person_id)
        .bind(input.title.trim())
        .bind(input.details.trim())
        .bind(input.due_on)
        .bind(input.strategy_key.as_deref())
        .bind(input.indicator_key.as_deref())
        .bind(input.activity_id)
        .bind(input.table_id)
        .bind(input.meeting_id)
        .bind(input.decision_id)
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await
        .map_err(db_err)?;
        let after = Self::commitment_tx(&mut tx, initiative_id, id).await?;
        if after.due_on != before.due_on {
            Self::commitment_event(&mut tx, &after, actor, now).await?;
        }
        Self::audit(
            &mut tx,
            actor,
            Audit {
                initiative_id: Some(initiative_id),
                action: "commitment.update",
                entity: "commitment",
                entity_id: Some(id),
                before: Some(to_json(&before)),
                after: Some(to_json(&after)),
            },
            now,
        )
        .await?;
        tx.commit().await.map_err(db_err)?;
        Ok(after)
    }

    async fn change_commitment_status(
        &self,
        actor: &Actor,
        initiative_id: Id,
        id: Id,
        change: &StatusChange,
    ) -> StoreResult<Commitment> {
        let now = Utc::now();
        let mut tx = self.begin().await?;
        let before = Self::commitment_tx(&mut tx, initiative_id, id).await?;
        change.validate(&before)?;
        let done_on = match change.status {
            CommitmentStatus::Done if before.status == CommitmentStatus::Done => before.done_on,
            CommitmentStatus::Done => Some(today()),
            _ => None,
        };
        sqlx::query(
            "UPDATE commitments
             SET status = $1, reason = $2, due_on = $3, done_on = $4, updated_at = $5
             WHERE id = $6",
        )
        .bind(change.status.as_str())
        .bind(change.reason.trim())
        .bind(change.due_on.unwrap_or(before.due_on))
        .bind(done_on)
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await
        .map_err(db_err)?;
        let after = Self::commitment_tx(&mut tx, initiative_id, id).await?;
        Self::commitment_event(&mut tx, &after, actor, now).await?;
        Self::audit(
            &mut tx,
            actor,
            Audit {
                initiative_id: Some(initiative_id),
                action: "commitment.status",
                entity: "commitment",
                entity_id: Some(id),
                before: Some(to_json(&before)),
                after: Some(to_json(&after)),
            },
            now,
        )
        .await?;
        tx.commit().await.map_err(db_err)?;
        Ok(after)
    }

    async fn commitment_history(&self, initiative_id: Id, id: Id) -> StoreResult<Vec<CommitmentEvent>> {
        self.commitment(initiative_id, id).await?;
        let rows: Vec<(String, String, NaiveDate, String, DateTime<Utc>)> = sqlx::query_as(
            "SELECT status, reason, due_on, actor_name, at
             FROM commitment_events
             WHERE commitment_id = $1
             ORDER BY id",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)?;
        rows.into_iter()
            .map(|(status, reason, due_on, actor_name, at)| {
                Ok(CommitmentEvent {
                    status: vocab(CommitmentStatus::parse, &status, "commitment status")?,
                    reason,
                    due_on,
                    actor_name,
                    at,
                })
            })
            .collect()
    }
}

impl This {
    pub(super) async fn commitment_tx(
        tx: &mut sqlx::Transaction<'_, Db>,
        initiative_id: Id,
        id: Id,
    ) -> StoreResult<Commitment> {
        sqlx::query_as::<_, CommitmentRow>(&format!(
            "SELECT {COMMITMENT_COLS}
             FROM commitments
             WHERE id = $1 AND initiative_id = $2"
        ))
        .bind(id)
        .bind(initiative_id)
        .fetch_one(&mut **tx)
        .await
        .map_err(db_err)
        .map_err(not_found("commitment"))?
        .into_domain()
    }

    /// Appends the commitment's current state to its history.
    pub(super) async fn commitment_event(
        tx: &mut sqlx::Transaction<'_, Db>,
        c: &Commitment,
        actor: &Actor,
        at: DateTime<Utc>,
    ) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO commitment_events (commitment_id, status, reason, due_on, actor_name, at)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(c.id)
        .bind(c.status.as_str())
        .bind(&c.reason)
        .bind(c.due_on)
        .bind(&actor.name)
        .bind(at)
        .execute(&mut **tx)
        .await
        .map_err(db_err)?;
        Ok(())
    }

    /// Everything a commitment names must be the initiative's.
    async fn check_commitment_references(
        tx: &mut sqlx::Transaction<'_, Db>,
        initiative_id: Id,
        input: &CommitmentInput,
    ) -> StoreResult<()> {
        let mut inv = backbone_core::Invalid::new();
        let missing = |r: StoreResult<()>| matches!(r, Err(StoreError::NotFound(_)));
        if let Some(o) = input.organization_id {
            if missing(Self::org_tx(tx, initiative_id, o).await.map(|_| ())) {
                inv.add("organization_id", "is not an organisation of this initiative");
            }
        }
        if let Some(p) = input.person_id {
            if missing(Self::person_tx(tx, initiative_id, p).await.map(|_| ())) {
                inv.add("person_id", "is not a person of this initiative");
            }
        }
        if let Some(a) = input.activity_id {
            if missing(Self::activity_tx(tx, initiative_id, a).await.map(|_| ())) {
                inv.add("activity_id", "is not an activity of this initiative");
            }
        }
        if let Some(t) = input.table_id {
            if missing(Self::table_tx(tx, initiative_id, t).await.map(|_| ())) {
                inv.add("table_id", "is not a table of this initiative");
            }
        }
        if let Some(m) = input.meeting_id {
            match Self::meeting_tx(tx, initiative_id, m).await {
                Ok(meeting) if input.table_id.is_some_and(|t| t != meeting.table_id) => {
                    inv.add("meeting_id", "is a meeting of another table")
                }
                Ok(_) => {}
                Err(StoreError::NotFound(_)) => inv.add("meeting_id", "is not a meeting of this initiative"),
                Err(e) => return Err(e),
            }
        }
        if let Some(d) = input.decision_id {
            if matches!(Self::decision_tx(tx, initiative_id, d).await, Err(StoreError::NotFound(_))) {
                inv.add("decision_id", "is not a decision of this initiative");
            }
        }
        if let Some(k) = &input.strategy_key {
            if !Self::current_strategy_keys_tx(tx, initiative_id).await?.contains(k) {
                inv.add("strategy_key", format!("\"{k}\" is not a strategy of the current common agenda"));
            }
        }
        if let Some(k) = &input.indicator_key {
            let found: Option<Id> =
                sqlx::query_scalar("SELECT id FROM indicators WHERE initiative_id = $1 AND key = $2")
                    .bind(initiative_id)
                    .bind(k)
                    .fetch_optional(&mut **tx)
                    .await
                    .map_err(db_err)?;
            if found.is_none() {
                inv.add("indicator_key", format!("\"{k}\" is not an indicator of this initiative"));
            }
        }
        inv.into_result()?;
        Ok(())
    }

    /// Makes a commitment inside a larger change (an action of a plan becoming one): checked,
    /// written with its first step and audited, in the caller's transaction.
    pub(super) async fn create_commitment_tx(
        tx: &mut sqlx::Transaction<'_, Db>,
        actor: &Actor,
        initiative_id: Id,
        input: &CommitmentInput,
        now: DateTime<Utc>,
    ) -> StoreResult<Commitment> {
        input.validate()?;
        Self::check_commitment_references(tx, initiative_id, input).await?;
        let id = Self::insert_commitment(tx, initiative_id, input, CommitmentStatus::NotStarted, "", None, (now, now))
            .await?;
        let c = Self::commitment_tx(tx, initiative_id, id).await?;
        Self::commitment_event(tx, &c, actor, now).await?;
        Self::audit(
            tx,
            actor,
            Audit {
                initiative_id: Some(initiative_id),
                action: "commitment.create",
                entity: "commitment",
                entity_id: Some(id),
                before: None,
                after: Some(to_json(&c)),
            },
            now,
        )
        .await?;
        Ok(c)
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) async fn insert_commitment(
        tx: &mut sqlx::Transaction<'_, Db>,
        initiative_id: Id,
        input: &CommitmentInput,
        status: CommitmentStatus,
        reason: &str,
        done_on: Option<NaiveDate>,
        (created, updated): (DateTime<Utc>, DateTime<Utc>),
    ) -> StoreResult<Id> {
        sqlx::query_scalar(
            "INSERT INTO commitments (initiative_id, organization_id, person_id, title, details, due_on, status, reason,
                 done_on, strategy_key, indicator_key, activity_id, table_id, meeting_id, decision_id, created_at,
                 updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
             RETURNING id",
        )
        .bind(initiative_id)
        .bind(input.organization_id)
        .bind(input.person_id)
        .bind(input.title.trim())
        .bind(input.details.trim())
        .bind(input.due_on)
        .bind(status.as_str())
        .bind(reason)
        .bind(done_on)
        .bind(input.strategy_key.as_deref())
        .bind(input.indicator_key.as_deref())
        .bind(input.activity_id)
        .bind(input.table_id)
        .bind(input.meeting_id)
        .bind(input.decision_id)
        .bind(created)
        .bind(updated)
        .fetch_one(&mut **tx)
        .await
        .map_err(db_err)
    }
}

#[derive(sqlx::FromRow)]
struct CommitmentRow {
    id: Id,
    initiative_id: Id,
    organization_id: Option<Id>,
    person_id: Option<Id>,
    title: String,
    details: String,
    due_on: NaiveDate,
    status: String,
    reason: String,
    done_on: Option<NaiveDate>,
    strategy_key: Option<String>,
    indicator_key: Option<String>,
    activity_id: Option<Id>,
    table_id: Option<Id>,
    meeting_id: Option<Id>,
    decision_id: Option<Id>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl CommitmentRow {
    fn into_domain(self) -> StoreResult<Commitment> {
        Ok(Commitment {
            id: self.id,
            initiative_id: self.initiative_id,
            organization_id: self.organization_id,
            person_id: self.person_id,
            title: self.title,
            details: self.details,
            due_on: self.due_on,
            status: vocab(CommitmentStatus::parse, &self.status, "commitment status")?,
            reason: self.reason,
            done_on: self.done_on,
            strategy_key: self.strategy_key,
            indicator_key: self.indicator_key,
            activity_id: self.activity_id,
            table_id: self.table_id,
            meeting_id: self.meeting_id,
            decision_id: self.decision_id,
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}
