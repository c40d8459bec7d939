//! Partners' programs and activities (`core::activities`).

use super::*;
use backbone_core::activities::*;
use std::collections::HashSet;

const ACTIVITY_COLS: &str = "id, initiative_id, organization_id, name, description, kind, status, population, age_min,
         age_max, places, capacity, strategy_keys, indicator_keys, starts_on, ends_on, created_at, updated_at";

#[async_trait::async_trait]
impl ActivityStore for This {
    async fn activities(&self, initiative_id: Id, query: &ActivityQuery) -> StoreResult<Vec<Activity>> {
        let rows = sqlx::query_as::<_, ActivityRow>(&format!(
            "SELECT {ACTIVITY_COLS}
             FROM activities
             WHERE initiative_id = $1 AND ($2 IS NULL OR organization_id = $2)
             ORDER BY lower(name), id"
        ))
        .bind(initiative_id)
        .bind(query.organization_id)
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)?;
        let all = rows.into_iter().map(ActivityRow::into_domain).collect::<StoreResult<Vec<_>>>()?;
        Ok(all.into_iter().filter(|a| query.matches(a)).collect())
    }

    async fn activity(&self, initiative_id: Id, id: Id) -> StoreResult<Activity> {
        let mut tx = self.pool.begin().await.map_err(db_err)?;
        let a = Self::activity_tx(&mut tx, initiative_id, id).await;
        tx.rollback().await.map_err(db_err)?;
        a
    }

    async fn create_activity(&self, actor: &Actor, initiative_id: Id, input: &ActivityInput) -> StoreResult<Activity> {
        input.validate()?;
        let now = Utc::now();
        let mut tx = self.begin().await?;
        Self::initiative_tx(&mut tx, initiative_id).await?;
        Self::check_activity_references(&mut tx, initiative_id, input).await?;
        let id = Self::insert_activity(&mut tx, initiative_id, input, now, now).await?;
        let a = Self::activity_tx(&mut tx, initiative_id, id).await?;
        Self::audit(
            &mut tx,
            actor,
            Audit {
                initiative_id: Some(initiative_id),
                action: "activity.create",
                entity: "activity",
                entity_id: Some(id),
                before: None,
                after: Some(to_json(&a)),
            },
            now,
        )
        .await?;
        tx.commit().await.map_err(db_err)?;
        Ok(a)
    }

    async fn update_activity(
        &self,
        actor: &Actor,
        initiative_id: Id,
        id: Id,
        input: &ActivityInput,
    ) -> StoreResult<Activity> {
        input.validate()?;
        let now = Utc::now();
        let mut tx = self.begin().await?;
        let before = Self::activity_tx(&mut tx, initiative_id, id).await?;
        if input.organization_id != before.organization_id {
            return Err(backbone_core::Invalid::one(
                "organization_id",
                "an activity stays with its organisation: register it anew for the other one",
            )
            .into());
        }
        Self::check_activity_references(&mut tx, initiative_id, input).await?;
        sqlx::query(
            "UPDATE activities
             SET name = $1, description = $2, kind = $3, status = $4, population = $5, age_min = $6, age_max = $7,
                 places = $8, capacity = $9, strategy_keys = $10, indicator_keys = $11, starts_on = $12, ends_on = $13,
                 updated_at = $14
             WHERE id = $15",
        )
        .bind(input.name.trim())
        .bind(input.description.trim())
        .bind(input.kind.as_str())
        .bind(input.status.as_str())
        .bind(input.population.trim())
        .bind(input.age_min.map(i32::from))
        .bind(input.age_max.map(i32::from))
        .bind(to_json(&input.places))
        .bind(input.capacity.map(i64::from))
        .bind(to_json(&input.strategy_keys))
        .bind(to_json(&input.indicator_keys))
        .bind(input.starts_on)
        .bind(input.ends_on)
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await
        .map_err(db_err)?;
        let after = Self::activity_tx(&mut tx, initiative_id, id).await?;
        Self::audit(
            &mut tx,
            actor,
            Audit {
                initiative_id: Some(initiative_id),
                action: "activity.update",
                entity: "activity",
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
    pub(super) async fn activity_tx(
        tx: &mut sqlx::Transaction<'_, Db>,
        initiative_id: Id,
        id: Id,
    ) -> StoreResult<Activity> {
        sqlx::query_as::<_, ActivityRow>(&format!(
            "SELECT {ACTIVITY_COLS}
             FROM activities
             WHERE id = $1 AND initiative_id = $2"
        ))
        .bind(id)
        .bind(initiative_id)
        .fetch_one(&mut **tx)
        .await
        .map_err(db_err)
        .map_err(not_found("activity"))?
        .into_domain()
    }

    /// The organisation, places, strategies (of the current agenda) and indicators an activity
    /// names must be the initiative's.
    async fn check_activity_references(
        tx: &mut sqlx::Transaction<'_, Db>,
        initiative_id: Id,
        input: &ActivityInput,
    ) -> StoreResult<()> {
        Self::org_tx(tx, initiative_id, input.organization_id).await.map_err(|e| match e {
            StoreError::NotFound(_) => {
                backbone_core::Invalid::one("organization_id", "is not an organisation of this initiative").into()
            }
            other => other,
        })?;
        let places: Vec<String> = sqlx::query_scalar("SELECT code FROM geographies WHERE initiative_id = $1")
            .bind(initiative_id)
            .fetch_all(&mut **tx)
            .await
            .map_err(db_err)?;
        let indicators: Vec<String> = sqlx::query_scalar("SELECT key FROM indicators WHERE initiative_id = $1")
            .bind(initiative_id)
            .fetch_all(&mut **tx)
            .await
            .map_err(db_err)?;
        let strategy_keys = Self::current_strategy_keys_tx(tx, initiative_id).await?;
        let strategies: HashSet<&str> = strategy_keys.iter().map(String::as_str).collect();
        input.check_references(
            &places.iter().map(String::as_str).collect(),
            &strategies,
            &indicators.iter().map(String::as_str).collect(),
        )?;
        Ok(())
    }

    pub(super) async fn insert_activity(
        tx: &mut sqlx::Transaction<'_, Db>,
        initiative_id: Id,
        input: &ActivityInput,
        created: DateTime<Utc>,
        updated: DateTime<Utc>,
    ) -> StoreResult<Id> {
        sqlx::query_scalar(
            "INSERT INTO activities (initiative_id, organization_id, name, description, kind, status, population, age_min,
                 age_max, places, capacity, strategy_keys, indicator_keys, starts_on, ends_on, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
             RETURNING id",
        )
        .bind(initiative_id)
        .bind(input.organization_id)
        .bind(input.name.trim())
        .bind(input.description.trim())
        .bind(input.kind.as_str())
        .bind(input.status.as_str())
        .bind(input.population.trim())
        .bind(input.age_min.map(i32::from))
        .bind(input.age_max.map(i32::from))
        .bind(to_json(&input.places))
        .bind(input.capacity.map(i64::from))
        .bind(to_json(&input.strategy_keys))
        .bind(to_json(&input.indicator_keys))
        .bind(input.starts_on)
        .bind(input.ends_on)
        .bind(created)
        .bind(updated)
        .fetch_one(&mut **tx)
        .await
        .map_err(db_err)
    }
}

#[derive(sqlx::FromRow)]
struct ActivityRow {
    id: Id,
    initiative_id: Id,
    organization_id: Id,
    name: String,
    description: String,
    kind: String,
    status: String,
    population: String,
    age_min: Option<i32>,
    age_max: Option<i32>,
    places: String,
    capacity: Option<i64>,
    strategy_keys: String,
    indicator_keys: String,
    starts_on: Option<NaiveDate>,
    ends_on: Option<NaiveDate>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl ActivityRow {
    fn into_domain(self) -> StoreResult<Activity> {
        let age = |a: Option<i32>| a.map(|a| u8::try_from(a).map_err(|_| StoreError::Backend(format!("bad age {a}"))));
        Ok(Activity {
            id: self.id,
            initiative_id: self.initiative_id,
            organization_id: self.organization_id,
            name: self.name,
            description: self.description,
            kind: vocab(ActivityKind::parse, &self.kind, "activity kind")?,
            status: vocab(ActivityStatus::parse, &self.status, "activity status")?,
            population: self.population,
            age_min: age(self.age_min).transpose()?,
            age_max: age(self.age_max).transpose()?,
            places: json(&self.places)?,
            capacity: self.capacity.map(|c| c as u32),
            strategy_keys: json(&self.strategy_keys)?,
            indicator_keys: json(&self.indicator_keys)?,
            starts_on: self.starts_on,
            ends_on: self.ends_on,
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}
