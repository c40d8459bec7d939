use super::*;

pub(super) const INITIATIVE_COLS: &str = "id, slug, name, description, phase, published, created_at";

#[async_trait::async_trait]
impl InitiativeStore for This {
    async fn list_initiatives(&self) -> StoreResult<Vec<Initiative>> {
        sqlx::query_as::<_, InitiativeRow>(&format!("SELECT {INITIATIVE_COLS} FROM initiatives ORDER BY name"))
            .fetch_all(&self.pool)
            .await
            .map_err(db_err)?
            .into_iter()
            .map(InitiativeRow::into_domain)
            .collect()
    }

    async fn initiative_by_slug(&self, slug: &str) -> StoreResult<Initiative> {
        sqlx::query_as::<_, InitiativeRow>(&format!("SELECT {INITIATIVE_COLS} FROM initiatives WHERE slug = $1"))
            .bind(slug)
            .fetch_one(&self.pool)
            .await
            .map_err(db_err)
            .map_err(not_found("initiative"))?
            .into_domain()
    }

    async fn create_initiative(&self, actor: &Actor, input: &NewInitiative) -> StoreResult<Initiative> {
        input.validate()?;
        let now = Utc::now();
        let mut tx = self.begin().await?;
        let id: Id = sqlx::query_scalar(
            "INSERT INTO initiatives (slug, name, description, phase, published, created_at)
             VALUES ($1, $2, $3, $4, $5, $6)
             RETURNING id",
        )
        .bind(&input.slug)
        .bind(input.name.trim())
        .bind(input.description.trim())
        .bind(input.phase.as_str())
        .bind(input.published)
        .bind(now)
        .fetch_one(&mut *tx)
        .await
        .map_err(db_err)?;
        let created = Self::initiative_tx(&mut tx, id).await?;
        Self::audit(
            &mut tx,
            actor,
            Audit {
                initiative_id: Some(id),
                action: "initiative.create",
                entity: "initiative",
                entity_id: Some(id),
                before: None,
                after: Some(to_json(&created)),
            },
            now,
        )
        .await?;
        tx.commit().await.map_err(db_err)?;
        Ok(created)
    }

    async fn update_initiative(&self, actor: &Actor, id: Id, input: &InitiativeUpdate) -> StoreResult<Initiative> {
        input.validate()?;
        let now = Utc::now();
        let mut tx = self.begin().await?;
        let before = Self::initiative_tx(&mut tx, id).await?;
        sqlx::query(
            "UPDATE initiatives
             SET name = $1, description = $2, phase = $3, published = $4
             WHERE id = $5",
        )
        .bind(input.name.as_deref().map(str::trim).unwrap_or(&before.name))
        .bind(input.description.as_deref().map(str::trim).unwrap_or(&before.description))
        .bind(input.phase.unwrap_or(before.phase).as_str())
        .bind(input.published.unwrap_or(before.published))
        .bind(id)
        .execute(&mut *tx)
        .await
        .map_err(db_err)?;
        let after = Self::initiative_tx(&mut tx, id).await?;
        Self::audit(
            &mut tx,
            actor,
            Audit {
                initiative_id: Some(id),
                action: "initiative.update",
                entity: "initiative",
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

    async fn preconditions(&self, initiative_id: Id) -> StoreResult<Vec<Precondition>> {
        let mut out: Vec<Precondition> = sqlx::query_as::<_, PreconditionRow>(
            "SELECT kind, readiness, evidence, updated_at
             FROM preconditions
             WHERE initiative_id = $1",
        )
        .bind(initiative_id)
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(PreconditionRow::into_domain)
        .collect::<StoreResult<_>>()?;
        out.sort_by_key(|p| p.kind);
        Ok(out)
    }

    async fn set_precondition(
        &self,
        actor: &Actor,
        initiative_id: Id,
        kind: PreconditionKind,
        input: &PreconditionInput,
    ) -> StoreResult<Precondition> {
        input.validate()?;
        let now = Utc::now();
        let mut tx = self.begin().await?;
        Self::initiative_tx(&mut tx, initiative_id).await?;
        let before = sqlx::query_as::<_, PreconditionRow>(
            "SELECT kind, readiness, evidence, updated_at
             FROM preconditions
             WHERE initiative_id = $1 AND kind = $2",
        )
        .bind(initiative_id)
        .bind(kind.as_str())
        .fetch_optional(&mut *tx)
        .await
        .map_err(db_err)?
        .map(PreconditionRow::into_domain)
        .transpose()?;
        sqlx::query("DELETE FROM preconditions WHERE initiative_id = $1 AND kind = $2")
            .bind(initiative_id)
            .bind(kind.as_str())
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        sqlx::query(
            "INSERT INTO preconditions (initiative_id, kind, readiness, evidence, updated_at)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(initiative_id)
        .bind(kind.as_str())
        .bind(input.readiness.as_str())
        .bind(input.evidence.trim())
        .bind(now)
        .execute(&mut *tx)
        .await
        .map_err(db_err)?;
        let after = Precondition {
            kind,
            readiness: input.readiness,
            evidence: input.evidence.trim().to_string(),
            updated_at: now,
        };
        Self::audit(
            &mut tx,
            actor,
            Audit {
                initiative_id: Some(initiative_id),
                action: "precondition.set",
                entity: "precondition",
                entity_id: None,
                before: before.as_ref().map(to_json),
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
    /// One initiative by id, outside a transaction.
    pub(super) async fn initiative_by_id(&self, id: Id) -> StoreResult<Initiative> {
        sqlx::query_as::<_, InitiativeRow>(&format!("SELECT {INITIATIVE_COLS} FROM initiatives WHERE id = $1"))
            .bind(id)
            .fetch_one(&self.pool)
            .await
            .map_err(db_err)
            .map_err(not_found("initiative"))?
            .into_domain()
    }

    pub(super) async fn initiative_tx(tx: &mut sqlx::Transaction<'_, Db>, id: Id) -> StoreResult<Initiative> {
        sqlx::query_as::<_, InitiativeRow>(&format!("SELECT {INITIATIVE_COLS} FROM initiatives WHERE id = $1"))
            .bind(id)
            .fetch_one(&mut **tx)
            .await
            .map_err(db_err)
            .map_err(not_found("initiative"))?
            .into_domain()
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct InitiativeRow {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub description: String,
    pub phase: String,
    pub published: bool,
    pub created_at: DateTime<Utc>,
}

impl InitiativeRow {
    pub(super) fn into_domain(self) -> Result<Initiative, StoreError> {
        Ok(Initiative {
            id: self.id,
            slug: self.slug,
            name: self.name,
            description: self.description,
            phase: vocab(Phase::parse, &self.phase, "phase")?,
            published: self.published,
            created_at: self.created_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct PreconditionRow {
    pub kind: String,
    pub readiness: String,
    pub evidence: String,
    pub updated_at: DateTime<Utc>,
}

impl PreconditionRow {
    pub(super) fn into_domain(self) -> Result<Precondition, StoreError> {
        Ok(Precondition {
            kind: vocab(PreconditionKind::parse, &self.kind, "precondition")?,
            readiness: vocab(Readiness::parse, &self.readiness, "readiness")?,
            evidence: self.evidence,
            updated_at: self.updated_at,
        })
    }
}
