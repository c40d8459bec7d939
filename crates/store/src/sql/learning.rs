//! Improvement cycles and the learning log (`core::learning`). The log's text search is the one
//! place the two databases are asked differently: FTS5 on SQLite, a tsvector on PostgreSQL —
//! both stem English words, so "tutors" finds "tutoring".

use super::*;
use backbone_core::learning::*;
use backbone_core::Invalid;

const CYCLE_COLS: &str = "id, initiative_id, indicator_key, table_id, organization_id, title, change_idea, prediction,
     started_on, ended_on, done, study, study_periods, decision, decision_reason, created_at, updated_at";
const LESSON_COLS: &str = "l.id, l.initiative_id, l.title, l.body, l.result, l.organization_id, l.strategy_key,
     l.indicator_key, l.cycle_id, l.author_name, l.created_at";

#[derive(sqlx::FromRow)]
struct CycleRow {
    id: Id,
    initiative_id: Id,
    indicator_key: String,
    table_id: Option<Id>,
    organization_id: Option<Id>,
    title: String,
    change_idea: String,
    prediction: String,
    started_on: Option<NaiveDate>,
    ended_on: Option<NaiveDate>,
    done: String,
    study: String,
    study_periods: String,
    decision: Option<String>,
    decision_reason: String,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl CycleRow {
    fn into_domain(self) -> StoreResult<Cycle> {
        Ok(Cycle {
            id: self.id,
            initiative_id: self.initiative_id,
            indicator_key: self.indicator_key,
            table_id: self.table_id,
            organization_id: self.organization_id,
            title: self.title,
            change_idea: self.change_idea,
            prediction: self.prediction,
            started_on: self.started_on,
            ended_on: self.ended_on,
            done: self.done,
            study: self.study,
            study_periods: json(&self.study_periods)?,
            decision: self.decision.map(|d| vocab(CycleDecision::parse, &d, "cycle decision")).transpose()?,
            decision_reason: self.decision_reason,
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

#[derive(sqlx::FromRow)]
struct LessonRow {
    id: Id,
    initiative_id: Id,
    title: String,
    body: String,
    result: String,
    organization_id: Option<Id>,
    strategy_key: Option<String>,
    indicator_key: Option<String>,
    cycle_id: Option<Id>,
    author_name: String,
    created_at: DateTime<Utc>,
}

impl LessonRow {
    fn into_domain(self) -> StoreResult<Lesson> {
        Ok(Lesson {
            id: self.id,
            initiative_id: self.initiative_id,
            title: self.title,
            body: self.body,
            result: vocab(LessonResult::parse, &self.result, "lesson result")?,
            organization_id: self.organization_id,
            strategy_key: self.strategy_key,
            indicator_key: self.indicator_key,
            cycle_id: self.cycle_id,
            author_name: self.author_name,
            created_at: self.created_at,
        })
    }
}

impl This {
    /// The references a cycle names exist in the initiative.
    async fn check_cycle(tx: &mut sqlx::Transaction<'_, Db>, initiative_id: Id, input: &CycleInput) -> StoreResult<()> {
        let mut inv = Invalid::new();
        let ind: Option<Id> = sqlx::query_scalar("SELECT id FROM indicators WHERE initiative_id = $1 AND key = $2")
            .bind(initiative_id)
            .bind(&input.indicator_key)
            .fetch_optional(&mut **tx)
            .await
            .map_err(db_err)?;
        if ind.is_none() {
            inv.add("indicator_key", "is not an indicator of this initiative");
        }
        Self::check_refs(tx, initiative_id, &mut inv, input.table_id, input.organization_id).await?;
        inv.into_result().map_err(StoreError::from)
    }

    async fn check_refs(
        tx: &mut sqlx::Transaction<'_, Db>,
        initiative_id: Id,
        inv: &mut Invalid,
        table_id: Option<Id>,
        organization_id: Option<Id>,
    ) -> StoreResult<()> {
        for (field, id, table) in
            [("table_id", table_id, "tables"), ("organization_id", organization_id, "organizations")]
        {
            if let Some(id) = id {
                let found: Option<Id> =
                    sqlx::query_scalar(&format!("SELECT id FROM {table} WHERE initiative_id = $1 AND id = $2"))
                        .bind(initiative_id)
                        .bind(id)
                        .fetch_optional(&mut **tx)
                        .await
                        .map_err(db_err)?;
                if found.is_none() {
                    inv.add(field, format!("is not one of this initiative's {table}"));
                }
            }
        }
        Ok(())
    }

    pub(super) async fn insert_cycle(
        tx: &mut sqlx::Transaction<'_, Db>,
        initiative_id: Id,
        input: &CycleInput,
        (created, updated): (DateTime<Utc>, DateTime<Utc>),
    ) -> StoreResult<Cycle> {
        sqlx::query_as::<_, CycleRow>(&format!(
            "INSERT INTO cycles (initiative_id, indicator_key, table_id, organization_id, title, change_idea, prediction,
                 started_on, ended_on, done, study, study_periods, decision, decision_reason, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
             RETURNING {CYCLE_COLS}"
        ))
        .bind(initiative_id)
        .bind(&input.indicator_key)
        .bind(input.table_id)
        .bind(input.organization_id)
        .bind(input.title.trim())
        .bind(input.change_idea.trim())
        .bind(input.prediction.trim())
        .bind(input.started_on)
        .bind(input.ended_on)
        .bind(input.done.trim())
        .bind(input.study.trim())
        .bind(to_json(&input.study_periods))
        .bind(input.decision.map(|d| d.as_str()))
        .bind(input.decision_reason.trim())
        .bind(created)
        .bind(updated)
        .fetch_one(&mut **tx)
        .await
        .map_err(db_err)?
        .into_domain()
    }

    pub(super) async fn insert_lesson(
        tx: &mut sqlx::Transaction<'_, Db>,
        initiative_id: Id,
        input: &LessonInput,
        author: &str,
        at: DateTime<Utc>,
    ) -> StoreResult<Lesson> {
        let result = input.result.unwrap_or(LessonResult::Mixed);
        sqlx::query_as::<_, LessonRow>(&format!(
            "INSERT INTO lessons (initiative_id, title, body, result, organization_id, strategy_key, indicator_key,
                 cycle_id, author_name, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
             RETURNING {}",
            LESSON_COLS.replace("l.", "")
        ))
        .bind(initiative_id)
        .bind(input.title.trim())
        .bind(input.body.trim())
        .bind(result.as_str())
        .bind(input.organization_id)
        .bind(input.strategy_key.as_deref())
        .bind(input.indicator_key.as_deref())
        .bind(input.cycle_id)
        .bind(author)
        .bind(at)
        .fetch_one(&mut **tx)
        .await
        .map_err(db_err)?
        .into_domain()
    }
}

#[async_trait::async_trait]
impl LearningStore for This {
    async fn cycles(&self, initiative_id: Id, indicator_key: Option<&str>) -> StoreResult<Vec<Cycle>> {
        sqlx::query_as::<_, CycleRow>(&format!(
            "SELECT {CYCLE_COLS} FROM cycles WHERE initiative_id = $1 AND ($2 IS NULL OR indicator_key = $2)
             ORDER BY created_at DESC, id DESC"
        ))
        .bind(initiative_id)
        .bind(indicator_key)
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(CycleRow::into_domain)
        .collect()
    }

    async fn cycle(&self, initiative_id: Id, id: Id) -> StoreResult<Cycle> {
        sqlx::query_as::<_, CycleRow>(&format!("SELECT {CYCLE_COLS} FROM cycles WHERE initiative_id = $1 AND id = $2"))
            .bind(initiative_id)
            .bind(id)
            .fetch_one(&self.pool)
            .await
            .map_err(db_err)
            .map_err(not_found("cycle"))?
            .into_domain()
    }

    async fn create_cycle(&self, actor: &Actor, initiative_id: Id, input: &CycleInput) -> StoreResult<Cycle> {
        input.validate()?;
        let now = Utc::now();
        let mut tx = self.begin().await?;
        Self::initiative_tx(&mut tx, initiative_id).await?;
        Self::check_cycle(&mut tx, initiative_id, input).await?;
        let c = Self::insert_cycle(&mut tx, initiative_id, input, (now, now)).await?;
        Self::audit(
            &mut tx,
            actor,
            Audit {
                initiative_id: Some(initiative_id),
                action: "cycle.create",
                entity: "cycle",
                entity_id: Some(c.id),
                before: None,
                after: Some(to_json(&c)),
            },
            now,
        )
        .await?;
        tx.commit().await.map_err(db_err)?;
        Ok(c)
    }

    async fn update_cycle(&self, actor: &Actor, initiative_id: Id, id: Id, input: &CycleInput) -> StoreResult<Cycle> {
        input.validate()?;
        let now = Utc::now();
        let before = self.cycle(initiative_id, id).await?;
        let mut tx = self.begin().await?;
        Self::check_cycle(&mut tx, initiative_id, input).await?;
        let after = sqlx::query_as::<_, CycleRow>(&format!(
            "UPDATE cycles SET indicator_key = $1, table_id = $2, organization_id = $3, title = $4, change_idea = $5,
                 prediction = $6, started_on = $7, ended_on = $8, done = $9, study = $10, study_periods = $11,
                 decision = $12, decision_reason = $13, updated_at = $14
             WHERE initiative_id = $15 AND id = $16
             RETURNING {CYCLE_COLS}"
        ))
        .bind(&input.indicator_key)
        .bind(input.table_id)
        .bind(input.organization_id)
        .bind(input.title.trim())
        .bind(input.change_idea.trim())
        .bind(input.prediction.trim())
        .bind(input.started_on)
        .bind(input.ended_on)
        .bind(input.done.trim())
        .bind(input.study.trim())
        .bind(to_json(&input.study_periods))
        .bind(input.decision.map(|d| d.as_str()))
        .bind(input.decision_reason.trim())
        .bind(now)
        .bind(initiative_id)
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
                action: "cycle.update",
                entity: "cycle",
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

    async fn lessons(&self, initiative_id: Id, query: &LessonQuery) -> StoreResult<Vec<Lesson>> {
        let words = query.words();
        let rows = if words.is_empty() {
            sqlx::query_as::<_, LessonRow>(&format!(
                "SELECT {LESSON_COLS} FROM lessons l WHERE l.initiative_id = $1 ORDER BY l.created_at DESC, l.id DESC"
            ))
            .bind(initiative_id)
            .fetch_all(&self.pool)
            .await
        } else {
            // Plain words only (`LessonQuery::words`), each quoted for FTS5; every one must match.
            let (sql, terms) = if BACKEND == "sqlite" {
                (
                    "l.id IN (SELECT rowid FROM lessons_fts WHERE lessons_fts MATCH $2)",
                    words.iter().map(|w| format!("\"{w}\"")).collect::<Vec<_>>().join(" "),
                )
            } else {
                ("l.search @@ plainto_tsquery('english', $2)", words.join(" "))
            };
            sqlx::query_as::<_, LessonRow>(&format!(
                "SELECT {LESSON_COLS} FROM lessons l WHERE l.initiative_id = $1 AND {sql}
                 ORDER BY l.created_at DESC, l.id DESC"
            ))
            .bind(initiative_id)
            .bind(terms)
            .fetch_all(&self.pool)
            .await
        }
        .map_err(db_err)?;
        let all = rows.into_iter().map(LessonRow::into_domain).collect::<StoreResult<Vec<_>>>()?;
        Ok(all.into_iter().filter(|l| query.matches(l)).collect())
    }

    async fn lesson(&self, initiative_id: Id, id: Id) -> StoreResult<Lesson> {
        sqlx::query_as::<_, LessonRow>(&format!(
            "SELECT {LESSON_COLS} FROM lessons l WHERE l.initiative_id = $1 AND l.id = $2"
        ))
        .bind(initiative_id)
        .bind(id)
        .fetch_one(&self.pool)
        .await
        .map_err(db_err)
        .map_err(not_found("lesson"))?
        .into_domain()
    }

    async fn create_lesson(&self, actor: &Actor, initiative_id: Id, input: &LessonInput) -> StoreResult<Lesson> {
        input.validate()?;
        let now = Utc::now();
        let mut tx = self.begin().await?;
        Self::initiative_tx(&mut tx, initiative_id).await?;
        let mut inv = Invalid::new();
        Self::check_refs(&mut tx, initiative_id, &mut inv, None, input.organization_id).await?;
        if let Some(k) = &input.indicator_key {
            let found: Option<Id> =
                sqlx::query_scalar("SELECT id FROM indicators WHERE initiative_id = $1 AND key = $2")
                    .bind(initiative_id)
                    .bind(k)
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(db_err)?;
            if found.is_none() {
                inv.add("indicator_key", "is not an indicator of this initiative");
            }
        }
        if let Some(c) = input.cycle_id {
            let found: Option<Id> = sqlx::query_scalar("SELECT id FROM cycles WHERE initiative_id = $1 AND id = $2")
                .bind(initiative_id)
                .bind(c)
                .fetch_optional(&mut *tx)
                .await
                .map_err(db_err)?;
            if found.is_none() {
                inv.add("cycle_id", "is not an improvement cycle of this initiative");
            }
        }
        inv.into_result()?;
        let l = Self::insert_lesson(&mut tx, initiative_id, input, &actor.name, now).await?;
        Self::audit(
            &mut tx,
            actor,
            Audit {
                initiative_id: Some(initiative_id),
                action: "lesson.create",
                entity: "lesson",
                entity_id: Some(l.id),
                before: None,
                after: Some(to_json(&l)),
            },
            now,
        )
        .await?;
        tx.commit().await.map_err(db_err)?;
        Ok(l)
    }
}
