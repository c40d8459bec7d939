//! Trust between partners (`core::network`): survey rounds and the answers given in them.

use super::*;
use backbone_core::network::*;

const ROUND_COLS: &str = "id, initiative_id, name, opens_on, closes_on, closed_at, created_at";

#[derive(sqlx::FromRow)]
struct RoundRow {
    id: Id,
    initiative_id: Id,
    name: String,
    opens_on: NaiveDate,
    closes_on: NaiveDate,
    closed_at: Option<DateTime<Utc>>,
    created_at: DateTime<Utc>,
}

impl RoundRow {
    fn into_domain(self) -> SurveyRound {
        SurveyRound {
            id: self.id,
            initiative_id: self.initiative_id,
            name: self.name,
            opens_on: self.opens_on,
            closes_on: self.closes_on,
            closed_at: self.closed_at,
            created_at: self.created_at,
        }
    }
}

#[derive(sqlx::FromRow)]
struct ResponseRow {
    round_id: Id,
    organization_id: Id,
    ratings: String,
    submitted_at: DateTime<Utc>,
    submitted_by: String,
}

impl This {
    async fn round_tx(tx: &mut sqlx::Transaction<'_, Db>, initiative_id: Id, id: Id) -> StoreResult<SurveyRound> {
        sqlx::query_as::<_, RoundRow>(&format!(
            "SELECT {ROUND_COLS} FROM survey_rounds WHERE id = $1 AND initiative_id = $2"
        ))
        .bind(id)
        .bind(initiative_id)
        .fetch_optional(&mut **tx)
        .await
        .map_err(db_err)?
        .map(RoundRow::into_domain)
        .ok_or(StoreError::NotFound("survey round"))
    }
}

#[async_trait::async_trait]
impl NetworkStore for This {
    async fn survey_rounds(&self, initiative_id: Id) -> StoreResult<Vec<SurveyRound>> {
        let rows = sqlx::query_as::<_, RoundRow>(&format!(
            "SELECT {ROUND_COLS} FROM survey_rounds WHERE initiative_id = $1 ORDER BY id DESC"
        ))
        .bind(initiative_id)
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)?;
        Ok(rows.into_iter().map(RoundRow::into_domain).collect())
    }

    async fn survey_round(&self, initiative_id: Id, id: Id) -> StoreResult<SurveyRound> {
        sqlx::query_as::<_, RoundRow>(&format!(
            "SELECT {ROUND_COLS} FROM survey_rounds WHERE id = $1 AND initiative_id = $2"
        ))
        .bind(id)
        .bind(initiative_id)
        .fetch_optional(&self.pool)
        .await
        .map_err(db_err)?
        .map(RoundRow::into_domain)
        .ok_or(StoreError::NotFound("survey round"))
    }

    async fn create_survey_round(
        &self,
        actor: &Actor,
        initiative_id: Id,
        input: &RoundInput,
    ) -> StoreResult<SurveyRound> {
        input.validate()?;
        let now = Utc::now();
        let mut tx = self.begin().await?;
        Self::initiative_tx(&mut tx, initiative_id).await?;
        let id: Id = sqlx::query_scalar(
            "INSERT INTO survey_rounds (initiative_id, name, opens_on, closes_on, created_at)
             VALUES ($1, $2, $3, $4, $5)
             RETURNING id",
        )
        .bind(initiative_id)
        .bind(input.name.trim())
        .bind(input.opens_on)
        .bind(input.closes_on)
        .bind(now)
        .fetch_one(&mut *tx)
        .await
        .map_err(db_err)?;
        let round = Self::round_tx(&mut tx, initiative_id, id).await?;
        Self::audit(
            &mut tx,
            actor,
            Audit {
                initiative_id: Some(initiative_id),
                action: "survey_round.create",
                entity: "survey_round",
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

    async fn close_survey_round(&self, actor: &Actor, initiative_id: Id, id: Id) -> StoreResult<SurveyRound> {
        let now = Utc::now();
        let mut tx = self.begin().await?;
        let before = Self::round_tx(&mut tx, initiative_id, id).await?;
        if before.closed_at.is_some() {
            return Err(StoreError::conflict("round", "the round is already closed"));
        }
        sqlx::query("UPDATE survey_rounds SET closed_at = $1 WHERE id = $2")
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        let after = Self::round_tx(&mut tx, initiative_id, id).await?;
        Self::audit(
            &mut tx,
            actor,
            Audit {
                initiative_id: Some(initiative_id),
                action: "survey_round.close",
                entity: "survey_round",
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

    async fn submit_response(
        &self,
        actor: &Actor,
        initiative_id: Id,
        round_id: Id,
        organization_id: Id,
        input: &ResponseInput,
    ) -> StoreResult<SurveyResponse> {
        let now = Utc::now();
        let mut tx = self.begin().await?;
        let round = Self::round_tx(&mut tx, initiative_id, round_id).await?;
        if round.closed_at.is_some() {
            return Err(StoreError::conflict("round", "the round is closed; its answers can no longer change"));
        }
        Self::org_tx(&mut tx, initiative_id, organization_id).await?;
        let organizations: Vec<Id> = sqlx::query_scalar("SELECT id FROM organizations WHERE initiative_id = $1")
            .bind(initiative_id)
            .fetch_all(&mut *tx)
            .await
            .map_err(db_err)?;
        input.validate(organization_id, &organizations)?;
        sqlx::query(
            "INSERT INTO survey_responses (round_id, organization_id, ratings, submitted_at, submitted_by)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(round_id)
        .bind(organization_id)
        .bind(to_json(&input.ratings))
        .bind(now)
        .bind(&actor.name)
        .execute(&mut *tx)
        .await
        .map_err(db_err)?;
        let response = SurveyResponse {
            round_id,
            organization_id,
            ratings: input.ratings.clone(),
            submitted_at: now,
            submitted_by: actor.name.clone(),
        };
        // The audit keeps that an organisation answered, not what it said about the others.
        Self::audit(
            &mut tx,
            actor,
            Audit {
                initiative_id: Some(initiative_id),
                action: "survey_response.submit",
                entity: "survey_round",
                entity_id: Some(round_id),
                before: None,
                after: Some(to_json(&serde_json::json!({
                    "organization_id": organization_id, "ratings": input.ratings.len()
                }))),
            },
            now,
        )
        .await?;
        tx.commit().await.map_err(db_err)?;
        Ok(response)
    }

    async fn responses(&self, initiative_id: Id, round_id: Id) -> StoreResult<Vec<SurveyResponse>> {
        let rows = sqlx::query_as::<_, ResponseRow>(
            "SELECT r.round_id, r.organization_id, r.ratings, r.submitted_at, r.submitted_by
             FROM survey_responses r
             JOIN survey_rounds s ON s.id = r.round_id
             WHERE s.initiative_id = $1 AND r.round_id = $2
               AND r.id = (SELECT MAX(l.id) FROM survey_responses l
                           WHERE l.round_id = r.round_id AND l.organization_id = r.organization_id)
             ORDER BY r.organization_id",
        )
        .bind(initiative_id)
        .bind(round_id)
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)?;
        rows.into_iter()
            .map(|r| {
                Ok(SurveyResponse {
                    round_id: r.round_id,
                    organization_id: r.organization_id,
                    ratings: json(&r.ratings)?,
                    submitted_at: r.submitted_at,
                    submitted_by: r.submitted_by,
                })
            })
            .collect()
    }
}
