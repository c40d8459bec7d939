//! Outgoing webhooks (`core::webhooks`): endpoints, the outbox written in each change's
//! transaction, deliveries claimed with a lease, and every attempt.

use super::*;
use backbone_core::webhooks::*;
use chrono::Duration;

const ENDPOINT_COLS: &str = "id, initiative_id, url, description, event_types, active, created_at, updated_at";
const DELIVERY_COLS: &str = "d.id, d.endpoint_id, o.message_id, o.event_type, d.status, d.attempts, d.next_attempt_at,
     d.last_status, d.last_error, d.created_at, d.delivered_at";

#[derive(sqlx::FromRow)]
struct EndpointRow {
    id: Id,
    initiative_id: Id,
    url: String,
    description: String,
    event_types: String,
    active: bool,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl EndpointRow {
    fn into_domain(self) -> StoreResult<Endpoint> {
        Ok(Endpoint {
            id: self.id,
            initiative_id: self.initiative_id,
            url: self.url,
            description: self.description,
            event_types: json(&self.event_types)?,
            active: self.active,
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

#[derive(sqlx::FromRow)]
struct DeliveryRow {
    id: Id,
    endpoint_id: Id,
    message_id: String,
    event_type: String,
    status: String,
    attempts: i64,
    next_attempt_at: Option<DateTime<Utc>>,
    last_status: Option<i64>,
    last_error: String,
    created_at: DateTime<Utc>,
    delivered_at: Option<DateTime<Utc>>,
}

impl DeliveryRow {
    fn into_domain(self) -> StoreResult<Delivery> {
        Ok(Delivery {
            id: self.id,
            endpoint_id: self.endpoint_id,
            message_id: self.message_id,
            event_type: self.event_type,
            status: vocab(DeliveryStatus::parse, &self.status, "delivery status")?,
            attempts: self.attempts as u32,
            next_attempt_at: self.next_attempt_at,
            last_status: self.last_status.map(|s| s as u16),
            last_error: self.last_error,
            created_at: self.created_at,
            delivered_at: self.delivered_at,
        })
    }
}

#[derive(sqlx::FromRow)]
struct DueRow {
    url: String,
    secret: String,
    payload: String,
}

#[derive(sqlx::FromRow)]
struct AttemptRow {
    at: DateTime<Utc>,
    status: Option<i64>,
    error: String,
    milliseconds: i64,
}

impl This {
    /// Writes an event to the outbox, inside the transaction of the change it tells of.
    pub(super) async fn add_to_outbox(
        tx: &mut sqlx::Transaction<'_, Db>,
        initiative_id: Id,
        audit_id: Id,
        event_type: &str,
        data: Option<&str>,
        at: DateTime<Utc>,
    ) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO webhook_outbox (initiative_id, message_id, event_type, payload, at, fanned_out)
             VALUES ($1, $2, $3, $4, $5, FALSE)",
        )
        .bind(initiative_id)
        .bind(format!("msg_{audit_id}"))
        .bind(event_type)
        .bind(payload(event_type, at, data))
        .bind(at)
        .execute(&mut **tx)
        .await
        .map_err(db_err)?;
        Ok(())
    }

    async fn delivery_tx(tx: &mut sqlx::Transaction<'_, Db>, id: Id) -> StoreResult<Delivery> {
        sqlx::query_as::<_, DeliveryRow>(&format!(
            "SELECT {DELIVERY_COLS} FROM webhook_deliveries d JOIN webhook_outbox o ON o.id = d.outbox_id WHERE d.id = $1"
        ))
        .bind(id)
        .fetch_one(&mut **tx)
        .await
        .map_err(db_err)
        .map_err(not_found("delivery"))?
        .into_domain()
    }
}

#[async_trait::async_trait]
impl WebhookStore for This {
    async fn endpoints(&self, initiative_id: Id) -> StoreResult<Vec<Endpoint>> {
        sqlx::query_as::<_, EndpointRow>(&format!(
            "SELECT {ENDPOINT_COLS} FROM webhook_endpoints WHERE initiative_id = $1 ORDER BY id"
        ))
        .bind(initiative_id)
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(EndpointRow::into_domain)
        .collect()
    }

    async fn endpoint(&self, initiative_id: Id, id: Id) -> StoreResult<Endpoint> {
        sqlx::query_as::<_, EndpointRow>(&format!(
            "SELECT {ENDPOINT_COLS} FROM webhook_endpoints WHERE initiative_id = $1 AND id = $2"
        ))
        .bind(initiative_id)
        .bind(id)
        .fetch_one(&self.pool)
        .await
        .map_err(db_err)
        .map_err(not_found("webhook endpoint"))?
        .into_domain()
    }

    async fn endpoint_secret(&self, initiative_id: Id, id: Id) -> StoreResult<String> {
        sqlx::query_scalar("SELECT secret FROM webhook_endpoints WHERE initiative_id = $1 AND id = $2")
            .bind(initiative_id)
            .bind(id)
            .fetch_one(&self.pool)
            .await
            .map_err(db_err)
            .map_err(not_found("webhook endpoint"))
    }

    async fn create_endpoint(
        &self,
        actor: &Actor,
        initiative_id: Id,
        input: &EndpointInput,
        secret: &str,
    ) -> StoreResult<Endpoint> {
        input.validate()?;
        let now = Utc::now();
        let mut tx = self.begin().await?;
        Self::initiative_tx(&mut tx, initiative_id).await?;
        let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM webhook_endpoints WHERE initiative_id = $1")
            .bind(initiative_id)
            .fetch_one(&mut *tx)
            .await
            .map_err(db_err)?;
        if count as usize >= MOST_ENDPOINTS {
            return Err(StoreError::conflict(
                "url",
                format!("an initiative has at most {MOST_ENDPOINTS} webhook endpoints"),
            ));
        }
        let row = sqlx::query_as::<_, EndpointRow>(&format!(
            "INSERT INTO webhook_endpoints (initiative_id, url, description, event_types, secret, active, created_at,
                 updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
             RETURNING {ENDPOINT_COLS}"
        ))
        .bind(initiative_id)
        .bind(input.url.trim())
        .bind(input.description.trim())
        .bind(to_json(&input.event_types))
        .bind(secret)
        .bind(input.active)
        .bind(now)
        .fetch_one(&mut *tx)
        .await
        .map_err(db_err)?;
        let e = row.into_domain()?;
        Self::audit(
            &mut tx,
            actor,
            Audit {
                initiative_id: Some(initiative_id),
                action: "webhook.create",
                entity: "webhook_endpoint",
                entity_id: Some(e.id),
                before: None,
                after: Some(to_json(&e)),
            },
            now,
        )
        .await?;
        tx.commit().await.map_err(db_err)?;
        Ok(e)
    }

    async fn update_endpoint(
        &self,
        actor: &Actor,
        initiative_id: Id,
        id: Id,
        input: &EndpointInput,
    ) -> StoreResult<Endpoint> {
        input.validate()?;
        let now = Utc::now();
        let before = self.endpoint(initiative_id, id).await?;
        let mut tx = self.begin().await?;
        let row = sqlx::query_as::<_, EndpointRow>(&format!(
            "UPDATE webhook_endpoints SET url = $1, description = $2, event_types = $3, active = $4, updated_at = $5
             WHERE initiative_id = $6 AND id = $7
             RETURNING {ENDPOINT_COLS}"
        ))
        .bind(input.url.trim())
        .bind(input.description.trim())
        .bind(to_json(&input.event_types))
        .bind(input.active)
        .bind(now)
        .bind(initiative_id)
        .bind(id)
        .fetch_one(&mut *tx)
        .await
        .map_err(db_err)
        .map_err(not_found("webhook endpoint"))?;
        let after = row.into_domain()?;
        Self::audit(
            &mut tx,
            actor,
            Audit {
                initiative_id: Some(initiative_id),
                action: "webhook.update",
                entity: "webhook_endpoint",
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

    async fn fan_out(&self, now: DateTime<Utc>) -> StoreResult<u64> {
        let mut tx = self.begin().await?;
        let fresh: Vec<(Id, Id, String)> = sqlx::query_as(
            "SELECT id, initiative_id, event_type FROM webhook_outbox WHERE fanned_out = FALSE ORDER BY id LIMIT 500",
        )
        .fetch_all(&mut *tx)
        .await
        .map_err(db_err)?;
        let mut made = 0;
        let mut endpoints: HashMap<Id, Vec<Endpoint>> = HashMap::new();
        for (outbox_id, initiative_id, event_type) in fresh {
            if let std::collections::hash_map::Entry::Vacant(slot) = endpoints.entry(initiative_id) {
                let list = sqlx::query_as::<_, EndpointRow>(&format!(
                    "SELECT {ENDPOINT_COLS} FROM webhook_endpoints WHERE initiative_id = $1"
                ))
                .bind(initiative_id)
                .fetch_all(&mut *tx)
                .await
                .map_err(db_err)?
                .into_iter()
                .map(EndpointRow::into_domain)
                .collect::<StoreResult<Vec<_>>>()?;
                slot.insert(list);
            }
            for e in endpoints[&initiative_id].iter().filter(|e| e.wants(&event_type)) {
                made += sqlx::query(
                    "INSERT INTO webhook_deliveries (endpoint_id, outbox_id, status, attempts, next_attempt_at, created_at)
                     VALUES ($1, $2, 'pending', 0, $3, $3)
                     ON CONFLICT (endpoint_id, outbox_id) DO NOTHING",
                )
                .bind(e.id)
                .bind(outbox_id)
                .bind(now)
                .execute(&mut *tx)
                .await
                .map_err(db_err)?
                .rows_affected();
            }
            sqlx::query("UPDATE webhook_outbox SET fanned_out = TRUE WHERE id = $1")
                .bind(outbox_id)
                .execute(&mut *tx)
                .await
                .map_err(db_err)?;
        }
        tx.commit().await.map_err(db_err)?;
        Ok(made)
    }

    async fn claim_due(&self, now: DateTime<Utc>, lease: Duration, limit: u32) -> StoreResult<Vec<Due>> {
        let mut out = Vec::new();
        let until = now + lease;
        for _ in 0..limit {
            let mut tx = self.begin().await?;
            // The outer condition is checked again after a competing server's update, so a
            // delivery is claimed by one server only.
            let claimed: Option<Id> = sqlx::query_scalar(
                "UPDATE webhook_deliveries SET leased_until = $2
                 WHERE id = (SELECT id FROM webhook_deliveries
                             WHERE status = 'pending' AND next_attempt_at <= $1
                               AND (leased_until IS NULL OR leased_until <= $1)
                             ORDER BY next_attempt_at, id LIMIT 1)
                   AND status = 'pending' AND (leased_until IS NULL OR leased_until <= $1)
                 RETURNING id",
            )
            .bind(now)
            .bind(until)
            .fetch_optional(&mut *tx)
            .await
            .map_err(db_err)?;
            let Some(id) = claimed else {
                tx.rollback().await.map_err(db_err)?;
                break;
            };
            let delivery = Self::delivery_tx(&mut tx, id).await?;
            let row = sqlx::query_as::<_, DueRow>(
                "SELECT e.url, e.secret, o.payload
                 FROM webhook_deliveries d
                 JOIN webhook_endpoints e ON e.id = d.endpoint_id
                 JOIN webhook_outbox o ON o.id = d.outbox_id
                 WHERE d.id = $1",
            )
            .bind(id)
            .fetch_one(&mut *tx)
            .await
            .map_err(db_err)?;
            tx.commit().await.map_err(db_err)?;
            out.push(Due { delivery, url: row.url, secret: row.secret, payload: row.payload });
        }
        Ok(out)
    }

    async fn record_attempt(&self, delivery_id: Id, outcome: &Outcome) -> StoreResult<Delivery> {
        let mut tx = self.begin().await?;
        let d = Self::delivery_tx(&mut tx, delivery_id).await?;
        let attempts = d.attempts + 1;
        let a = &outcome.attempt;
        let (status, next, delivered_at) = if outcome.delivered {
            (DeliveryStatus::Delivered, None, Some(a.at))
        } else {
            match retry_after(attempts) {
                Some(wait) => (DeliveryStatus::Pending, Some(a.at + wait), None),
                None => (DeliveryStatus::Failed, None, None),
            }
        };
        sqlx::query(
            "INSERT INTO webhook_attempts (delivery_id, at, status, error, milliseconds) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(delivery_id)
        .bind(a.at)
        .bind(a.status.map(i64::from))
        .bind(&a.error)
        .bind(i64::from(a.milliseconds))
        .execute(&mut *tx)
        .await
        .map_err(db_err)?;
        sqlx::query(
            "UPDATE webhook_deliveries
             SET status = $1, attempts = $2, next_attempt_at = $3, leased_until = NULL, last_status = $4,
                 last_error = $5, delivered_at = $6
             WHERE id = $7",
        )
        .bind(status.as_str())
        .bind(i64::from(attempts))
        .bind(next)
        .bind(a.status.map(i64::from))
        .bind(&a.error)
        .bind(delivered_at)
        .bind(delivery_id)
        .execute(&mut *tx)
        .await
        .map_err(db_err)?;
        let after = Self::delivery_tx(&mut tx, delivery_id).await?;
        tx.commit().await.map_err(db_err)?;
        Ok(after)
    }

    async fn deliveries(&self, initiative_id: Id, endpoint_id: Option<Id>, limit: u32) -> StoreResult<Vec<Delivery>> {
        sqlx::query_as::<_, DeliveryRow>(&format!(
            "SELECT {DELIVERY_COLS}
             FROM webhook_deliveries d
             JOIN webhook_outbox o ON o.id = d.outbox_id
             JOIN webhook_endpoints e ON e.id = d.endpoint_id
             WHERE e.initiative_id = $1 AND ($2 IS NULL OR d.endpoint_id = $2)
             ORDER BY d.id DESC
             LIMIT $3"
        ))
        .bind(initiative_id)
        .bind(endpoint_id)
        .bind(i64::from(limit.clamp(1, 500)))
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(DeliveryRow::into_domain)
        .collect()
    }

    async fn delivery_attempts(&self, initiative_id: Id, delivery_id: Id) -> StoreResult<Vec<Attempt>> {
        let owned: Option<Id> = sqlx::query_scalar(
            "SELECT d.id FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
             WHERE d.id = $1 AND e.initiative_id = $2",
        )
        .bind(delivery_id)
        .bind(initiative_id)
        .fetch_optional(&self.pool)
        .await
        .map_err(db_err)?;
        owned.ok_or(StoreError::NotFound("delivery"))?;
        Ok(sqlx::query_as::<_, AttemptRow>(
            "SELECT at, status, error, milliseconds FROM webhook_attempts WHERE delivery_id = $1 ORDER BY id",
        )
        .bind(delivery_id)
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|r| Attempt {
            at: r.at,
            status: r.status.map(|s| s as u16),
            error: r.error,
            milliseconds: r.milliseconds as u32,
        })
        .collect())
    }

    async fn redeliver(&self, actor: &Actor, initiative_id: Id, delivery_id: Id) -> StoreResult<Delivery> {
        self.delivery_attempts(initiative_id, delivery_id).await?;
        let now = Utc::now();
        let mut tx = self.begin().await?;
        sqlx::query(
            "UPDATE webhook_deliveries SET status = 'pending', attempts = 0, next_attempt_at = $1, leased_until = NULL
             WHERE id = $2",
        )
        .bind(now)
        .bind(delivery_id)
        .execute(&mut *tx)
        .await
        .map_err(db_err)?;
        let after = Self::delivery_tx(&mut tx, delivery_id).await?;
        Self::audit(
            &mut tx,
            actor,
            Audit {
                initiative_id: Some(initiative_id),
                action: "webhook.redeliver",
                entity: "webhook_delivery",
                entity_id: Some(delivery_id),
                before: None,
                after: Some(to_json(&after)),
            },
            now,
        )
        .await?;
        tx.commit().await.map_err(db_err)?;
        Ok(after)
    }
}
