use super::*;

pub(super) const PERSON_SELECT: &str = "SELECT p.id, p.initiative_id, p.name, p.email, p.phone, p.organization_id,
                                            o.name AS organization_name, p.title, p.demographics, p.user_id,
                                            p.created_at, p.updated_at
                                        FROM people p
                                        LEFT JOIN organizations o ON o.id = p.organization_id";

#[async_trait::async_trait]
impl PeopleStore for This {
    async fn people(&self, initiative_id: Id) -> StoreResult<Vec<Person>> {
        sqlx::query_as::<_, PersonRow>(&format!("{PERSON_SELECT} WHERE p.initiative_id = $1 ORDER BY lower(p.name)"))
            .bind(initiative_id)
            .fetch_all(&self.pool)
            .await
            .map_err(db_err)?
            .into_iter()
            .map(PersonRow::into_domain)
            .collect()
    }

    async fn person(&self, initiative_id: Id, id: Id) -> StoreResult<Person> {
        sqlx::query_as::<_, PersonRow>(&format!("{PERSON_SELECT} WHERE p.id = $1 AND p.initiative_id = $2"))
            .bind(id)
            .bind(initiative_id)
            .fetch_one(&self.pool)
            .await
            .map_err(db_err)
            .map_err(not_found("person"))?
            .into_domain()
    }

    async fn create_person(&self, actor: &Actor, initiative_id: Id, input: &PersonInput) -> StoreResult<Person> {
        input.validate()?;
        let now = Utc::now();
        let mut tx = self.begin().await?;
        Self::initiative_tx(&mut tx, initiative_id).await?;
        Self::check_org_in_initiative(&mut tx, initiative_id, input.organization_id, "organization_id").await?;
        let id = Self::insert_person(&mut tx, initiative_id, input, now, now).await?;
        let p = Self::person_tx(&mut tx, initiative_id, id).await?;
        Self::audit(
            &mut tx,
            actor,
            Audit {
                initiative_id: Some(initiative_id),
                action: "person.create",
                entity: "person",
                entity_id: Some(id),
                before: None,
                after: Some(to_json(&p.for_audit())),
            },
            now,
        )
        .await?;
        tx.commit().await.map_err(db_err)?;
        Ok(p)
    }

    async fn update_person(
        &self,
        actor: &Actor,
        initiative_id: Id,
        id: Id,
        input: &PersonInput,
    ) -> StoreResult<Person> {
        input.validate()?;
        let now = Utc::now();
        let mut tx = self.begin().await?;
        let before = Self::person_tx(&mut tx, initiative_id, id).await?;
        Self::check_org_in_initiative(&mut tx, initiative_id, input.organization_id, "organization_id").await?;
        sqlx::query(
            "UPDATE people
             SET name = $1, email = $2, phone = $3, organization_id = $4, title = $5, demographics = $6,
                 updated_at = $7
             WHERE id = $8",
        )
        .bind(input.name.trim())
        .bind(input.email.trim())
        .bind(input.phone.trim())
        .bind(input.organization_id)
        .bind(input.title.trim())
        .bind(input.demographics.as_ref().map(to_json))
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await
        .map_err(db_err)?;
        let after = Self::person_tx(&mut tx, initiative_id, id).await?;
        if before.organization_id != after.organization_id {
            // The meetings they came to now count for their new organisation.
            let starts: Vec<DateTime<Utc>> = sqlx::query_scalar(
                "SELECT m.starts_at FROM meetings m JOIN meeting_attendance a ON a.meeting_id = m.id
                 WHERE a.person_id = $1",
            )
            .bind(id)
            .fetch_all(&mut *tx)
            .await
            .map_err(db_err)?;
            Self::recount_attendance_days(&mut tx, initiative_id, starts.iter().map(|t| t.date_naive())).await?;
        }
        Self::audit(
            &mut tx,
            actor,
            Audit {
                initiative_id: Some(initiative_id),
                action: "person.update",
                entity: "person",
                entity_id: Some(id),
                before: Some(to_json(&before.for_audit())),
                after: Some(to_json(&after.for_audit())),
            },
            now,
        )
        .await?;
        tx.commit().await.map_err(db_err)?;
        Ok(after)
    }

    async fn set_person_account(
        &self,
        actor: &Actor,
        initiative_id: Id,
        id: Id,
        user_id: Option<Id>,
    ) -> StoreResult<Person> {
        let now = Utc::now();
        let mut tx = self.begin().await?;
        let before = Self::person_tx(&mut tx, initiative_id, id).await?;
        if let Some(u) = user_id {
            let exists: Option<Id> = sqlx::query_scalar("SELECT id FROM users WHERE id = $1")
                .bind(u)
                .fetch_optional(&mut *tx)
                .await
                .map_err(db_err)?;
            if exists.is_none() {
                return Err(backbone_core::Invalid::one("user_id", "is not an account on this server").into());
            }
        }
        sqlx::query("UPDATE people SET user_id = $1, updated_at = $2 WHERE id = $3")
            .bind(user_id)
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        let after = Self::person_tx(&mut tx, initiative_id, id).await?;
        Self::audit(
            &mut tx,
            actor,
            Audit {
                initiative_id: Some(initiative_id),
                action: "person.account",
                entity: "person",
                entity_id: Some(id),
                before: Some(serde_json::json!({"user_id": before.user_id}).to_string()),
                after: Some(serde_json::json!({"user_id": after.user_id}).to_string()),
            },
            now,
        )
        .await?;
        tx.commit().await.map_err(db_err)?;
        Ok(after)
    }

    async fn set_own_demographics(
        &self,
        actor: &Actor,
        initiative_id: Id,
        person_id: Id,
        demographics: Option<&Demographics>,
    ) -> StoreResult<Person> {
        if let Some(d) = demographics {
            d.check()?;
        }
        let now = Utc::now();
        let mut tx = self.begin().await?;
        let before = Self::person_tx(&mut tx, initiative_id, person_id).await?;
        sqlx::query("UPDATE people SET demographics = $1, updated_at = $2 WHERE id = $3 AND initiative_id = $4")
            .bind(demographics.map(to_json))
            .bind(now)
            .bind(person_id)
            .bind(initiative_id)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        let shared = |d: Option<&Demographics>| serde_json::json!({ "shared": d.is_some() }).to_string();
        Self::audit(
            &mut tx,
            actor,
            Audit {
                initiative_id: Some(initiative_id),
                action: if demographics.is_some() {
                    "person.demographics.share"
                } else {
                    "person.demographics.withdraw"
                },
                entity: "person",
                entity_id: Some(person_id),
                before: Some(shared(before.demographics.as_ref())),
                after: Some(shared(demographics)),
            },
            now,
        )
        .await?;
        let after = Self::person_tx(&mut tx, initiative_id, person_id).await?;
        tx.commit().await.map_err(db_err)?;
        Ok(after)
    }

    async fn person_of_user(&self, initiative_id: Id, user_id: Id) -> StoreResult<Option<Person>> {
        sqlx::query_as::<_, PersonRow>(&format!("{PERSON_SELECT} WHERE p.initiative_id = $1 AND p.user_id = $2"))
            .bind(initiative_id)
            .bind(user_id)
            .fetch_optional(&self.pool)
            .await
            .map_err(db_err)?
            .map(PersonRow::into_domain)
            .transpose()
    }
}

impl This {
    pub(super) async fn person_tx(
        tx: &mut sqlx::Transaction<'_, Db>,
        initiative_id: Id,
        id: Id,
    ) -> StoreResult<Person> {
        sqlx::query_as::<_, PersonRow>(&format!("{PERSON_SELECT} WHERE p.id = $1 AND p.initiative_id = $2"))
            .bind(id)
            .bind(initiative_id)
            .fetch_one(&mut **tx)
            .await
            .map_err(db_err)
            .map_err(not_found("person"))?
            .into_domain()
    }

    pub(super) async fn insert_person(
        tx: &mut sqlx::Transaction<'_, Db>,
        initiative_id: Id,
        p: &PersonInput,
        created: DateTime<Utc>,
        updated: DateTime<Utc>,
    ) -> StoreResult<Id> {
        sqlx::query_scalar(
            "INSERT INTO people (initiative_id, name, email, phone, organization_id, title, demographics, created_at,
                 updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
             RETURNING id",
        )
        .bind(initiative_id)
        .bind(p.name.trim())
        .bind(p.email.trim())
        .bind(p.phone.trim())
        .bind(p.organization_id)
        .bind(p.title.trim())
        .bind(p.demographics.as_ref().map(to_json))
        .bind(created)
        .bind(updated)
        .fetch_one(&mut **tx)
        .await
        .map_err(db_err)
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct PersonRow {
    pub id: i64,
    pub initiative_id: i64,
    pub name: String,
    pub email: String,
    pub phone: String,
    pub organization_id: Option<i64>,
    pub organization_name: Option<String>,
    pub title: String,
    pub demographics: Option<String>,
    pub user_id: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl PersonRow {
    pub(super) fn into_domain(self) -> Result<Person, StoreError> {
        Ok(Person {
            id: self.id,
            initiative_id: self.initiative_id,
            name: self.name,
            email: self.email,
            phone: self.phone,
            organization_id: self.organization_id,
            organization_name: self.organization_name,
            title: self.title,
            demographics: self.demographics.as_deref().map(json).transpose()?,
            user_id: self.user_id,
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}
