//! What the feeds read (`core::feed`): the latest steps of commitments and the numbers approved,
//! and what each person follows.

use super::*;
use backbone_core::commitments::{CommitmentEvent, CommitmentStatus};
use backbone_core::feed::*;

#[derive(sqlx::FromRow)]
struct StepRow {
    id: Id,
    first_id: Id,
    commitment_id: Id,
    title: String,
    organization_id: Option<Id>,
    person_id: Option<Id>,
    table_id: Option<Id>,
    indicator_key: Option<String>,
    status: String,
    reason: String,
    due_on: NaiveDate,
    actor_name: String,
    at: DateTime<Utc>,
}

#[derive(sqlx::FromRow)]
struct ApprovalRow {
    key: String,
    name: String,
    period: String,
    organization_id: Id,
    at: DateTime<Utc>,
}

#[async_trait::async_trait]
impl FeedStore for This {
    async fn commitment_steps(&self, initiative_id: Id, since: DateTime<Utc>) -> StoreResult<Vec<CommitmentStep>> {
        let rows = sqlx::query_as::<_, StepRow>(
            // Newest first along the events' `at` index, stopping at the limit: SQLite takes a
            // CROSS JOIN's tables in the order written (PostgreSQL plans it as any join), so it
            // does not gather and sort every event of the initiative's commitments first.
            "SELECT e.id, (SELECT MIN(f.id) FROM commitment_events f WHERE f.commitment_id = e.commitment_id) AS first_id,
                 e.commitment_id, c.title, c.organization_id, c.person_id, c.table_id, c.indicator_key, e.status,
                 e.reason, e.due_on, e.actor_name, e.at
             FROM commitment_events e
             CROSS JOIN commitments c
             WHERE c.id = e.commitment_id AND c.initiative_id = $1 AND e.at >= $2
             ORDER BY e.at DESC, e.id DESC
             LIMIT 2000",
        )
        .bind(initiative_id)
        .bind(since)
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)?;
        rows.into_iter()
            .map(|r| {
                Ok(CommitmentStep {
                    commitment_id: r.commitment_id,
                    title: r.title,
                    organization_id: r.organization_id,
                    person_id: r.person_id,
                    table_id: r.table_id,
                    indicator_key: r.indicator_key,
                    first: r.id == r.first_id,
                    step_id: r.id,
                    event: CommitmentEvent {
                        status: vocab(CommitmentStatus::parse, &r.status, "commitment status")?,
                        reason: r.reason,
                        due_on: r.due_on,
                        actor_name: r.actor_name,
                        at: r.at,
                    },
                })
            })
            .collect()
    }

    async fn approvals(&self, initiative_id: Id, since: DateTime<Utc>) -> StoreResult<Vec<Approval>> {
        // The initiative's indicators named one by one (`push_ids`): other initiatives' numbers
        // cost nothing.
        let indicators = self.indicator_ids(initiative_id, Indicators::All).await?;
        if indicators.is_empty() {
            return Ok(Vec::new());
        }
        let mut q = sqlx::QueryBuilder::<Db>::new(
            "SELECT i.key, i.name, o.period, o.organization_id, MAX(o.updated_at) AS at
             FROM observations o
             JOIN indicators i ON i.id = o.indicator_id
             WHERE o.status = 'approved' AND o.updated_at >= ",
        );
        q.push_bind(since).push(" AND o.indicator_id IN ");
        push_ids(&mut q, &indicators);
        q.push(
            "
             GROUP BY i.key, i.name, o.period, o.organization_id",
        );
        let rows = q.build_query_as::<ApprovalRow>().fetch_all(&self.pool).await.map_err(db_err)?;
        Ok(rows
            .into_iter()
            .map(|r| Approval {
                indicator_key: r.key,
                indicator_name: r.name,
                period: r.period,
                organization_id: r.organization_id,
                at: r.at,
            })
            .collect())
    }

    async fn followed_indicators(&self, initiative_id: Id, user_id: Id) -> StoreResult<Vec<String>> {
        sqlx::query_scalar(
            "SELECT i.key FROM indicator_follows f JOIN indicators i ON i.id = f.indicator_id
             WHERE i.initiative_id = $1 AND f.user_id = $2 ORDER BY i.key",
        )
        .bind(initiative_id)
        .bind(user_id)
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)
    }

    async fn set_following(
        &self,
        actor: &Actor,
        initiative_id: Id,
        user_id: Id,
        indicator_key: &str,
        follow: bool,
    ) -> StoreResult<Vec<String>> {
        let now = Utc::now();
        let mut tx = self.begin().await?;
        let indicator: Id = sqlx::query_scalar("SELECT id FROM indicators WHERE initiative_id = $1 AND key = $2")
            .bind(initiative_id)
            .bind(indicator_key)
            .fetch_optional(&mut *tx)
            .await
            .map_err(db_err)?
            .ok_or(StoreError::NotFound("indicator"))?;
        let changed = if follow {
            sqlx::query(
                "INSERT INTO indicator_follows (user_id, indicator_id, created_at) VALUES ($1, $2, $3)
                 ON CONFLICT (user_id, indicator_id) DO NOTHING",
            )
            .bind(user_id)
            .bind(indicator)
            .bind(now)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?
            .rows_affected()
        } else {
            sqlx::query("DELETE FROM indicator_follows WHERE user_id = $1 AND indicator_id = $2")
                .bind(user_id)
                .bind(indicator)
                .execute(&mut *tx)
                .await
                .map_err(db_err)?
                .rows_affected()
        };
        if changed > 0 {
            Self::audit(
                &mut tx,
                actor,
                Audit {
                    initiative_id: Some(initiative_id),
                    action: if follow { "indicator.follow" } else { "indicator.unfollow" },
                    entity: "indicator",
                    entity_id: Some(indicator),
                    before: None,
                    after: Some(serde_json::json!({ "user_id": user_id }).to_string()),
                },
                now,
            )
            .await?;
        }
        tx.commit().await.map_err(db_err)?;
        self.followed_indicators(initiative_id, user_id).await
    }

    async fn renew_feed_key(&self, actor: &Actor, user_id: Id, key_hash: &str) -> StoreResult<()> {
        let now = Utc::now();
        let mut tx = self.begin().await?;
        sqlx::query("DELETE FROM feed_keys WHERE user_id = $1")
            .bind(user_id)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        sqlx::query("INSERT INTO feed_keys (user_id, key_hash, created_at) VALUES ($1, $2, $3)")
            .bind(user_id)
            .bind(key_hash)
            .bind(now)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        Self::audit(
            &mut tx,
            actor,
            Audit {
                initiative_id: None,
                action: "user.feed_key",
                entity: "user",
                entity_id: Some(user_id),
                before: None,
                after: None,
            },
            now,
        )
        .await?;
        tx.commit().await.map_err(db_err)
    }

    async fn user_of_feed_key(&self, key_hash: &str) -> StoreResult<Option<Id>> {
        sqlx::query_scalar(
            "SELECT k.user_id FROM feed_keys k JOIN users u ON u.id = k.user_id WHERE k.key_hash = $1 AND NOT u.disabled",
        )
        .bind(key_hash)
        .fetch_optional(&self.pool)
        .await
        .map_err(db_err)
    }
}
