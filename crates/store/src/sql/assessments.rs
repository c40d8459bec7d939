//! Self-assessment (`core::assessments`): a table's rounds and each person's answers in them.
//! Answers are read back only whole, for the results and the export, or one person's own.

use super::*;
use backbone_core::assessments::*;

const ROUND_COLS: &str =
    "r.id, r.table_id, r.title, r.opens_on, r.closes_on, r.instrument_version, r.closed_at, r.created_at";

#[derive(sqlx::FromRow)]
struct RoundRow {
    id: Id,
    table_id: Id,
    title: String,
    opens_on: NaiveDate,
    closes_on: NaiveDate,
    instrument_version: i64,
    closed_at: Option<DateTime<Utc>>,
    created_at: DateTime<Utc>,
}

impl RoundRow {
    fn into_domain(self) -> AssessmentRound {
        AssessmentRound {
            id: self.id,
            table_id: self.table_id,
            title: self.title,
            opens_on: self.opens_on,
            closes_on: self.closes_on,
            instrument_version: self.instrument_version as u32,
            closed_at: self.closed_at,
            created_at: self.created_at,
        }
    }
}

#[derive(sqlx::FromRow)]
struct AnswerRow {
    round_id: Id,
    person_id: Id,
    answers: String,
    submitted_at: DateTime<Utc>,
}

impl AnswerRow {
    fn into_domain(self) -> StoreResult<AssessmentAnswer> {
        Ok(AssessmentAnswer {
            round_id: self.round_id,
            person_id: self.person_id,
            answers: json(&self.answers)?,
            submitted_at: self.submitted_at,
        })
    }
}

/// Each person's latest answers in a round of the initiative.
const LATEST: &str = "SELECT a.round_id, a.person_id, a.answers, a.submitted_at
     FROM assessment_answers a
     JOIN assessment_rounds r ON r.id = a.round_id
     JOIN tables t ON t.id = r.table_id
     WHERE t.initiative_id = $1 AND a.round_id = $2
       AND a.id = (SELECT MAX(l.id) FROM assessment_answers l WHERE l.round_id = a.round_id AND l.person_id = a.person_id)";

impl This {
    async fn assessment_round_tx(
        tx: &mut sqlx::Transaction<'_, Db>,
        initiative_id: Id,
        id: Id,
    ) -> StoreResult<AssessmentRound> {
        sqlx::query_as::<_, RoundRow>(&format!(
            "SELECT {ROUND_COLS} FROM assessment_rounds r JOIN tables t ON t.id = r.table_id
             WHERE r.id = $1 AND t.initiative_id = $2"
        ))
        .bind(id)
        .bind(initiative_id)
        .fetch_optional(&mut **tx)
        .await
        .map_err(db_err)?
        .map(RoundRow::into_domain)
        .ok_or(StoreError::NotFound("assessment round"))
    }
}

#[async_trait::async_trait]
impl AssessmentStore for This {
    async fn assessment_rounds(&self, initiative_id: Id, table_id: Option<Id>) -> StoreResult<Vec<AssessmentRound>> {
        let rows = sqlx::query_as::<_, RoundRow>(&format!(
            "SELECT {ROUND_COLS} FROM assessment_rounds r JOIN tables t ON t.id = r.table_id
             WHERE t.initiative_id = $1 AND ($2 IS NULL OR r.table_id = $2) ORDER BY r.id DESC"
        ))
        .bind(initiative_id)
        .bind(table_id)
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)?;
        Ok(rows.into_iter().map(RoundRow::into_domain).collect())
    }

    async fn assessment_round(&self, initiative_id: Id, id: Id) -> StoreResult<AssessmentRound> {
        sqlx::query_as::<_, RoundRow>(&format!(
            "SELECT {ROUND_COLS} FROM assessment_rounds r JOIN tables t ON t.id = r.table_id
             WHERE r.id = $1 AND t.initiative_id = $2"
        ))
        .bind(id)
        .bind(initiative_id)
        .fetch_optional(&self.pool)
        .await
        .map_err(db_err)?
        .map(RoundRow::into_domain)
        .ok_or(StoreError::NotFound("assessment round"))
    }

    async fn open_assessment_round(
        &self,
        actor: &Actor,
        initiative_id: Id,
        table_id: Id,
        input: &AssessmentRoundInput,
    ) -> StoreResult<AssessmentRound> {
        input.validate()?;
        let now = Utc::now();
        let mut tx = self.begin().await?;
        let found: Option<Id> = sqlx::query_scalar("SELECT id FROM tables WHERE initiative_id = $1 AND id = $2")
            .bind(initiative_id)
            .bind(table_id)
            .fetch_optional(&mut *tx)
            .await
            .map_err(db_err)?;
        found.ok_or(StoreError::NotFound("table"))?;
        let id: Id = sqlx::query_scalar(
            "INSERT INTO assessment_rounds (table_id, title, opens_on, closes_on, instrument_version, created_at)
             VALUES ($1, $2, $3, $4, $5, $6)
             RETURNING id",
        )
        .bind(table_id)
        .bind(input.title.trim())
        .bind(input.opens_on)
        .bind(input.closes_on)
        .bind(i64::from(instrument::CURRENT_VERSION))
        .bind(now)
        .fetch_one(&mut *tx)
        .await
        .map_err(db_err)?;
        let round = Self::assessment_round_tx(&mut tx, initiative_id, id).await?;
        Self::audit(
            &mut tx,
            actor,
            Audit {
                initiative_id: Some(initiative_id),
                action: "assessment_round.open",
                entity: "assessment_round",
                entity_id: Some(id),
                before: None,
                after: Some(to_json(&round)),
            },
            now,
        )
        .await?;
        tx.commit().await.map_err(db_err)?;
        Ok(round)
    }

    async fn close_assessment_round(&self, actor: &Actor, initiative_id: Id, id: Id) -> StoreResult<AssessmentRound> {
        let now = Utc::now();
        let mut tx = self.begin().await?;
        let before = Self::assessment_round_tx(&mut tx, initiative_id, id).await?;
        if before.closed_at.is_some() {
            return Err(StoreError::conflict("round", "the round is already closed"));
        }
        sqlx::query("UPDATE assessment_rounds SET closed_at = $1 WHERE id = $2")
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        let after = Self::assessment_round_tx(&mut tx, initiative_id, id).await?;
        Self::audit(
            &mut tx,
            actor,
            Audit {
                initiative_id: Some(initiative_id),
                action: "assessment_round.close",
                entity: "assessment_round",
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

    async fn submit_assessment_answer(
        &self,
        actor: &Actor,
        initiative_id: Id,
        round_id: Id,
        person_id: Id,
        input: &AssessmentAnswerInput,
    ) -> StoreResult<AssessmentAnswer> {
        let now = Utc::now();
        let mut tx = self.begin().await?;
        let round = Self::assessment_round_tx(&mut tx, initiative_id, round_id).await?;
        if !round.is_open() {
            return Err(StoreError::conflict("round", "the round is closed; it takes no more answers"));
        }
        input.validate(round.instrument_version)?;
        Self::person_tx(&mut tx, initiative_id, person_id).await?;
        sqlx::query(
            "INSERT INTO assessment_answers (round_id, person_id, answers, submitted_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(round_id)
        .bind(person_id)
        .bind(to_json(&input.answers))
        .bind(now)
        .execute(&mut *tx)
        .await
        .map_err(db_err)?;
        // The audit keeps that she answered, never what.
        Self::audit(
            &mut tx,
            actor,
            Audit {
                initiative_id: Some(initiative_id),
                action: "assessment.answer",
                entity: "assessment_round",
                entity_id: Some(round_id),
                before: None,
                after: Some(to_json(&serde_json::json!({ "statements": input.answers.len() }))),
            },
            now,
        )
        .await?;
        tx.commit().await.map_err(db_err)?;
        Ok(AssessmentAnswer { round_id, person_id, answers: input.answers.clone(), submitted_at: now })
    }

    async fn assessment_answer_of(
        &self,
        initiative_id: Id,
        round_id: Id,
        person_id: Id,
    ) -> StoreResult<Option<AssessmentAnswer>> {
        sqlx::query_as::<_, AnswerRow>(&format!("{LATEST} AND a.person_id = $3"))
            .bind(initiative_id)
            .bind(round_id)
            .bind(person_id)
            .fetch_optional(&self.pool)
            .await
            .map_err(db_err)?
            .map(AnswerRow::into_domain)
            .transpose()
    }

    async fn assessment_respondents(&self, initiative_id: Id, round_id: Id) -> StoreResult<u64> {
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(DISTINCT a.person_id) FROM assessment_answers a
             JOIN assessment_rounds r ON r.id = a.round_id JOIN tables t ON t.id = r.table_id
             WHERE t.initiative_id = $1 AND a.round_id = $2",
        )
        .bind(initiative_id)
        .bind(round_id)
        .fetch_one(&self.pool)
        .await
        .map_err(db_err)?;
        Ok(n as u64)
    }

    async fn assessment_answers(&self, initiative_id: Id, round_id: Id) -> StoreResult<Vec<AssessmentAnswer>> {
        let rows = sqlx::query_as::<_, AnswerRow>(&format!("{LATEST} ORDER BY a.person_id"))
            .bind(initiative_id)
            .bind(round_id)
            .fetch_all(&self.pool)
            .await
            .map_err(db_err)?;
        rows.into_iter().map(AnswerRow::into_domain).collect()
    }
}
