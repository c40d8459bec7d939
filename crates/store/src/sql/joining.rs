//! Requests to join tables (`core::joining`): received from anyone, welcomed or declined by staff.

use super::*;
use backbone_core::joining::*;
use backbone_core::people::PersonInput;
use backbone_core::tables::MembershipInput;

const REQUEST_SELECT: &str = "SELECT r.id, r.table_id, t.name AS table_name, r.name, r.email, r.phone, r.neighborhood,
         r.message, r.language, r.status, r.note, r.person_id, r.decided_at, r.created_at
     FROM join_requests r
     JOIN tables t ON t.id = r.table_id";

#[derive(sqlx::FromRow)]
struct RequestRow {
    id: Id,
    table_id: Id,
    table_name: String,
    name: String,
    email: Option<String>,
    phone: Option<String>,
    neighborhood: Option<String>,
    message: String,
    language: String,
    status: String,
    note: Option<String>,
    person_id: Option<Id>,
    decided_at: Option<DateTime<Utc>>,
    created_at: DateTime<Utc>,
}

impl RequestRow {
    fn into_domain(self) -> StoreResult<JoinRequest> {
        Ok(JoinRequest {
            id: self.id,
            table_id: self.table_id,
            table_name: self.table_name,
            name: self.name,
            email: self.email,
            phone: self.phone,
            neighborhood: self.neighborhood,
            message: self.message,
            language: self.language,
            status: vocab(JoinStatus::parse, &self.status, "join status")?,
            note: self.note,
            person_id: self.person_id,
            decided_at: self.decided_at,
            created_at: self.created_at,
        })
    }
}

impl This {
    async fn join_request_tx(
        tx: &mut sqlx::Transaction<'_, Db>,
        initiative_id: Id,
        id: Id,
    ) -> StoreResult<JoinRequest> {
        sqlx::query_as::<_, RequestRow>(&format!("{REQUEST_SELECT} WHERE r.id = $1 AND r.initiative_id = $2"))
            .bind(id)
            .bind(initiative_id)
            .fetch_optional(&mut **tx)
            .await
            .map_err(db_err)?
            .ok_or(StoreError::NotFound("join request"))?
            .into_domain()
    }
}

fn given(s: &str) -> Option<String> {
    Some(s.trim().to_string()).filter(|s| !s.is_empty())
}

#[async_trait::async_trait]
impl JoiningStore for This {
    async fn join_requests_sent_since(
        &self,
        initiative_id: Id,
        client_key: &str,
        since: DateTime<Utc>,
    ) -> StoreResult<u64> {
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM join_requests WHERE initiative_id = $1 AND client_key = $2 AND created_at >= $3",
        )
        .bind(initiative_id)
        .bind(client_key)
        .bind(since)
        .fetch_one(&self.pool)
        .await
        .map_err(db_err)?;
        Ok(n as u64)
    }

    async fn ask_to_join(
        &self,
        initiative_id: Id,
        table_id: Id,
        input: &JoinRequestInput,
        language: &str,
        client_key: &str,
    ) -> StoreResult<JoinRequest> {
        let now = Utc::now();
        let mut tx = self.begin().await?;
        let table = Self::table_tx(&mut tx, initiative_id, table_id).await?;
        if !table.joining.welcomes_requests {
            return Err(StoreError::conflict("table", "this table does not take requests to join; ask its contact"));
        }
        input.validate()?;
        // Addresses are kept for a day only, for the hourly limit.
        sqlx::query("UPDATE join_requests SET client_key = NULL WHERE initiative_id = $1 AND created_at < $2")
            .bind(initiative_id)
            .bind(now - chrono::Duration::days(1))
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        let id: Id = sqlx::query_scalar(
            "INSERT INTO join_requests (initiative_id, table_id, name, email, phone, neighborhood, message, language,
                 status, client_key, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
             RETURNING id",
        )
        .bind(initiative_id)
        .bind(table_id)
        .bind(input.name.trim())
        .bind(given(&input.email))
        .bind(given(&input.phone))
        .bind(given(&input.neighborhood))
        .bind(input.message.trim())
        .bind(language)
        .bind(JoinStatus::Waiting.as_str())
        .bind(client_key)
        .bind(now)
        .fetch_one(&mut *tx)
        .await
        .map_err(db_err)?;
        let r = Self::join_request_tx(&mut tx, initiative_id, id).await?;
        tx.commit().await.map_err(db_err)?;
        Ok(r)
    }

    async fn join_requests(
        &self,
        initiative_id: Id,
        table_id: Option<Id>,
        status: Option<JoinStatus>,
    ) -> StoreResult<Vec<JoinRequest>> {
        sqlx::query_as::<_, RequestRow>(&format!(
            "{REQUEST_SELECT}
             WHERE r.initiative_id = $1 AND ($2 IS NULL OR r.table_id = $2) AND ($3 IS NULL OR r.status = $3)
             ORDER BY r.id DESC"
        ))
        .bind(initiative_id)
        .bind(table_id)
        .bind(status.map(|s| s.as_str()))
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(RequestRow::into_domain)
        .collect()
    }

    async fn join_request(&self, initiative_id: Id, id: Id) -> StoreResult<JoinRequest> {
        let mut tx = self.begin().await?;
        let r = Self::join_request_tx(&mut tx, initiative_id, id).await?;
        tx.commit().await.map_err(db_err)?;
        Ok(r)
    }

    async fn decide_join_request(
        &self,
        actor: &Actor,
        initiative_id: Id,
        id: Id,
        decision: &JoinDecision,
    ) -> StoreResult<JoinRequest> {
        decision.validate()?;
        let now = Utc::now();
        let mut tx = self.begin().await?;
        let before = Self::join_request_tx(&mut tx, initiative_id, id).await?;
        if before.status != JoinStatus::Waiting {
            return Err(StoreError::conflict("status", "this request was already answered"));
        }
        let mut person_id = None;
        if decision.status == JoinStatus::Welcomed {
            // The same person, if the initiative already knows this e-mail address.
            let known: Option<Id> = match &before.email {
                Some(email) => sqlx::query_scalar(
                    "SELECT id FROM people WHERE initiative_id = $1 AND LOWER(email) = LOWER($2) ORDER BY id LIMIT 1",
                )
                .bind(initiative_id)
                .bind(email)
                .fetch_optional(&mut *tx)
                .await
                .map_err(db_err)?,
                None => None,
            };
            let pid = match known {
                Some(p) => p,
                None => {
                    let person = PersonInput {
                        name: before.name.clone(),
                        email: before.email.clone().unwrap_or_default(),
                        phone: before.phone.clone().unwrap_or_default(),
                        organization_id: None,
                        title: String::new(),
                        demographics: None,
                    };
                    person.validate()?;
                    Self::insert_person(&mut tx, initiative_id, &person, now, now).await?
                }
            };
            let seat = MembershipInput {
                person_id: pid,
                role: decision.role,
                start_date: decision.start_date.unwrap_or_else(|| now.date_naive()),
                end_date: None,
            };
            seat.validate()?;
            Self::check_no_overlapping_seat(&mut tx, before.table_id, &seat).await?;
            Self::insert_membership(&mut tx, before.table_id, &seat).await?;
            person_id = Some(pid);
        }
        sqlx::query("UPDATE join_requests SET status = $1, note = $2, person_id = $3, decided_at = $4 WHERE id = $5")
            .bind(decision.status.as_str())
            .bind(given(&decision.note))
            .bind(person_id)
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        let after = Self::join_request_tx(&mut tx, initiative_id, id).await?;
        Self::audit(
            &mut tx,
            actor,
            Audit {
                initiative_id: Some(initiative_id),
                action: "join_request.decide",
                entity: "join_request",
                entity_id: Some(id),
                before: Some(to_json(&before.status)),
                after: Some(to_json(&serde_json::json!({ "status": after.status, "table_id": after.table_id, "person_id": after.person_id }))),
            },
            now,
        )
        .await?;
        tx.commit().await.map_err(db_err)?;
        Ok(after)
    }
}
