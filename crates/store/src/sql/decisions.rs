//! Decisions, votes and outcomes (`core::decisions`).

use super::*;
use backbone_core::decisions::*;

const DECISION_COLS: &str =
    "id, initiative_id, table_id, meeting_id, title, proposal, process, options, closes_at, quorum,
         anonymous, one_vote_per_organization, outcome, created_at, updated_at";

#[async_trait::async_trait]
impl DecisionStore for This {
    async fn decisions(&self, initiative_id: Id, query: &DecisionQuery) -> StoreResult<Vec<Decision>> {
        let rows = sqlx::query_as::<_, DecisionRow>(&format!(
            "SELECT {DECISION_COLS}
             FROM decisions
             WHERE initiative_id = $1 AND ($2 IS NULL OR table_id = $2)
             ORDER BY created_at DESC, id DESC"
        ))
        .bind(initiative_id)
        .bind(query.table_id)
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)?;
        let all = rows.into_iter().map(DecisionRow::into_domain).collect::<StoreResult<Vec<_>>>()?;
        Ok(all.into_iter().filter(|d| query.matches(d)).collect())
    }

    async fn decision(&self, initiative_id: Id, id: Id) -> StoreResult<Decision> {
        let mut tx = self.pool.begin().await.map_err(db_err)?;
        let d = Self::decision_tx(&mut tx, initiative_id, id).await;
        tx.rollback().await.map_err(db_err)?;
        d
    }

    async fn create_decision(&self, actor: &Actor, initiative_id: Id, input: &DecisionInput) -> StoreResult<Decision> {
        input.validate()?;
        let now = Utc::now();
        let mut tx = self.begin().await?;
        Self::initiative_tx(&mut tx, initiative_id).await?;
        let mut inv = backbone_core::Invalid::new();
        if matches!(Self::table_tx(&mut tx, initiative_id, input.table_id).await, Err(StoreError::NotFound(_))) {
            inv.add("table_id", "is not a table of this initiative");
        }
        if let Some(m) = input.meeting_id {
            match Self::meeting_tx(&mut tx, initiative_id, m).await {
                Ok(meeting) if meeting.table_id != input.table_id => {
                    inv.add("meeting_id", "is a meeting of another table")
                }
                Ok(_) => {}
                Err(StoreError::NotFound(_)) => inv.add("meeting_id", "is not a meeting of this initiative"),
                Err(e) => return Err(e),
            }
        }
        inv.into_result()?;
        let id = Self::insert_decision(&mut tx, initiative_id, input, None, (now, now)).await?;
        let d = Self::decision_tx(&mut tx, initiative_id, id).await?;
        Self::audit(
            &mut tx,
            actor,
            Audit {
                initiative_id: Some(initiative_id),
                action: "decision.create",
                entity: "decision",
                entity_id: Some(id),
                before: None,
                after: Some(to_json(&d)),
            },
            now,
        )
        .await?;
        tx.commit().await.map_err(db_err)?;
        Ok(d)
    }

    async fn cast_vote(
        &self,
        actor: &Actor,
        initiative_id: Id,
        decision_id: Id,
        person_id: Id,
        ballot: &Ballot,
    ) -> StoreResult<Vote> {
        let now = Utc::now();
        let mut tx = self.begin().await?;
        let d = Self::decision_tx(&mut tx, initiative_id, decision_id).await?;
        if !d.is_open(now) {
            return Err(StoreError::conflict("", "this decision is closed to votes"));
        }
        ballot.validate(&d)?;
        let person = Self::person_tx(&mut tx, initiative_id, person_id).await?;
        let seated: i64 = sqlx::query_scalar(
            "SELECT COUNT(*)
             FROM memberships
             WHERE table_id = $1 AND person_id = $2 AND start_date <= $3 AND (end_date IS NULL OR end_date > $3)",
        )
        .bind(d.table_id)
        .bind(person_id)
        .bind(today())
        .fetch_one(&mut *tx)
        .await
        .map_err(db_err)?;
        if seated == 0 {
            return Err(StoreError::conflict("person_id", "only the table's current members vote"));
        }
        let before: Option<String> =
            sqlx::query_scalar("SELECT ballot FROM votes WHERE decision_id = $1 AND person_id = $2")
                .bind(decision_id)
                .bind(person_id)
                .fetch_optional(&mut *tx)
                .await
                .map_err(db_err)?;
        sqlx::query("DELETE FROM votes WHERE decision_id = $1 AND person_id = $2")
            .bind(decision_id)
            .bind(person_id)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        sqlx::query(
            "INSERT INTO votes (decision_id, person_id, organization_id, ballot, at)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(decision_id)
        .bind(person_id)
        .bind(person.organization_id)
        .bind(to_json(ballot))
        .bind(now)
        .execute(&mut *tx)
        .await
        .map_err(db_err)?;
        // An anonymous decision's audit entry names no ballot.
        let (was, is) =
            if d.anonymous { (None, "{\"vote\": \"cast\"}".to_string()) } else { (before, to_json(ballot)) };
        Self::audit(
            &mut tx,
            actor,
            Audit {
                initiative_id: Some(initiative_id),
                action: "decision.vote",
                entity: "decision",
                entity_id: Some(decision_id),
                before: was,
                after: Some(is),
            },
            now,
        )
        .await?;
        tx.commit().await.map_err(db_err)?;
        Ok(Vote {
            person_id: Some(person_id),
            person_name: Some(person.name),
            organization_id: person.organization_id,
            ballot: ballot.clone(),
            at: now,
        })
    }

    async fn votes(&self, initiative_id: Id, decision_id: Id) -> StoreResult<Vec<Vote>> {
        self.decision(initiative_id, decision_id).await?;
        let rows: Vec<(Id, String, Option<Id>, String, DateTime<Utc>)> = sqlx::query_as(
            "SELECT v.person_id, p.name, v.organization_id, v.ballot, v.at
             FROM votes v
             JOIN people p ON p.id = v.person_id
             WHERE v.decision_id = $1
             ORDER BY v.at, v.person_id",
        )
        .bind(decision_id)
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)?;
        rows.into_iter()
            .map(|(person_id, name, organization_id, ballot, at)| {
                Ok(Vote {
                    person_id: Some(person_id),
                    person_name: Some(name),
                    organization_id,
                    ballot: json(&ballot)?,
                    at,
                })
            })
            .collect()
    }

    async fn close_decision(
        &self,
        actor: &Actor,
        initiative_id: Id,
        id: Id,
        outcome: &OutcomeInput,
        rule: &str,
        took_part: u32,
    ) -> StoreResult<Decision> {
        outcome.validate()?;
        let now = Utc::now();
        let mut tx = self.begin().await?;
        let before = Self::decision_tx(&mut tx, initiative_id, id).await?;
        if before.outcome.is_some() {
            return Err(StoreError::conflict("", "this decision already has its outcome"));
        }
        let o = Outcome {
            statement: outcome.statement.trim().to_string(),
            rule: rule.to_string(),
            took_part,
            review_on: outcome.review_on,
            decided_by: actor.name.clone(),
            decided_at: now,
        };
        sqlx::query("UPDATE decisions SET outcome = $1, updated_at = $2 WHERE id = $3")
            .bind(to_json(&o))
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        let after = Self::decision_tx(&mut tx, initiative_id, id).await?;
        Self::audit(
            &mut tx,
            actor,
            Audit {
                initiative_id: Some(initiative_id),
                action: "decision.close",
                entity: "decision",
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
}

impl This {
    pub(super) async fn decision_tx(
        tx: &mut sqlx::Transaction<'_, Db>,
        initiative_id: Id,
        id: Id,
    ) -> StoreResult<Decision> {
        sqlx::query_as::<_, DecisionRow>(&format!(
            "SELECT {DECISION_COLS}
             FROM decisions
             WHERE id = $1 AND initiative_id = $2"
        ))
        .bind(id)
        .bind(initiative_id)
        .fetch_one(&mut **tx)
        .await
        .map_err(db_err)
        .map_err(not_found("decision"))?
        .into_domain()
    }

    pub(super) async fn insert_decision(
        tx: &mut sqlx::Transaction<'_, Db>,
        initiative_id: Id,
        input: &DecisionInput,
        outcome: Option<&Outcome>,
        (created, updated): (DateTime<Utc>, DateTime<Utc>),
    ) -> StoreResult<Id> {
        sqlx::query_scalar(
            "INSERT INTO decisions (initiative_id, table_id, meeting_id, title, proposal, process, options, closes_at,
                 quorum, anonymous, one_vote_per_organization, outcome, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
             RETURNING id",
        )
        .bind(initiative_id)
        .bind(input.table_id)
        .bind(input.meeting_id)
        .bind(input.title.trim())
        .bind(input.proposal.trim())
        .bind(input.process.as_str())
        .bind(to_json(&input.options.iter().map(|o| o.trim()).collect::<Vec<_>>()))
        .bind(input.closes_at)
        .bind(input.quorum.map(|q| q as i32))
        .bind(input.anonymous)
        .bind(input.one_vote_per_organization)
        .bind(outcome.map(to_json))
        .bind(created)
        .bind(updated)
        .fetch_one(&mut **tx)
        .await
        .map_err(db_err)
    }
}

#[derive(sqlx::FromRow)]
struct DecisionRow {
    id: Id,
    initiative_id: Id,
    table_id: Id,
    meeting_id: Option<Id>,
    title: String,
    proposal: String,
    process: String,
    options: String,
    closes_at: Option<DateTime<Utc>>,
    quorum: Option<i32>,
    anonymous: bool,
    one_vote_per_organization: bool,
    outcome: Option<String>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl DecisionRow {
    fn into_domain(self) -> StoreResult<Decision> {
        Ok(Decision {
            id: self.id,
            initiative_id: self.initiative_id,
            table_id: self.table_id,
            meeting_id: self.meeting_id,
            title: self.title,
            proposal: self.proposal,
            process: vocab(DecisionProcess::parse, &self.process, "decision process")?,
            options: json(&self.options)?,
            closes_at: self.closes_at,
            quorum: self.quorum.map(|q| q as u32),
            anonymous: self.anonymous,
            one_vote_per_organization: self.one_vote_per_organization,
            outcome: self.outcome.as_deref().map(json).transpose()?,
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}
