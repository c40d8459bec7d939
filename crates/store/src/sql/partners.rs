use super::*;

pub(super) const ORG_COLS: &str =
    "id, initiative_id, name, sector, budget_band, resident_led, service_area, website, leadership, created_at, updated_at";

#[async_trait::async_trait]
impl PartnerStore for This {
    async fn organizations(&self, initiative_id: Id) -> StoreResult<Vec<Organization>> {
        sqlx::query_as::<_, OrganizationRow>(&format!(
            "SELECT {ORG_COLS}
             FROM organizations
             WHERE initiative_id = $1
             ORDER BY lower(name)"
        ))
        .bind(initiative_id)
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(OrganizationRow::into_domain)
        .collect()
    }

    async fn organization(&self, initiative_id: Id, id: Id) -> StoreResult<Organization> {
        let mut tx = self.pool.begin().await.map_err(db_err)?;
        let o = Self::org_tx(&mut tx, initiative_id, id).await;
        tx.rollback().await.map_err(db_err)?;
        o
    }

    async fn create_organization(
        &self,
        actor: &Actor,
        initiative_id: Id,
        input: &OrganizationInput,
    ) -> StoreResult<Organization> {
        input.validate()?;
        let now = Utc::now();
        let mut tx = self.begin().await?;
        Self::initiative_tx(&mut tx, initiative_id).await?;
        let id = Self::insert_org(&mut tx, initiative_id, input, now, now).await?;
        let o = Self::org_tx(&mut tx, initiative_id, id).await?;
        Self::audit(
            &mut tx,
            actor,
            Audit {
                initiative_id: Some(initiative_id),
                action: "organization.create",
                entity: "organization",
                entity_id: Some(id),
                before: None,
                after: Some(to_json(&o)),
            },
            now,
        )
        .await?;
        tx.commit().await.map_err(db_err)?;
        Ok(o)
    }

    async fn update_organization(
        &self,
        actor: &Actor,
        initiative_id: Id,
        id: Id,
        input: &OrganizationInput,
    ) -> StoreResult<Organization> {
        input.validate()?;
        let now = Utc::now();
        let mut tx = self.begin().await?;
        let before = Self::org_tx(&mut tx, initiative_id, id).await?;
        sqlx::query(
            "UPDATE organizations
             SET name = $1, sector = $2, budget_band = $3, resident_led = $4, service_area = $5, website = $6,
                 leadership = $7, updated_at = $8
             WHERE id = $9",
        )
        .bind(input.name.trim())
        .bind(input.sector.as_str())
        .bind(input.budget_band.as_str())
        .bind(input.resident_led)
        .bind(to_json(&input.service_area))
        .bind(input.website.trim())
        .bind(input.leadership.as_ref().map(to_json))
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await
        .map_err(db_err)?;
        let after = Self::org_tx(&mut tx, initiative_id, id).await?;
        Self::audit(
            &mut tx,
            actor,
            Audit {
                initiative_id: Some(initiative_id),
                action: "organization.update",
                entity: "organization",
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
    pub(super) async fn org_tx(
        tx: &mut sqlx::Transaction<'_, Db>,
        initiative_id: Id,
        id: Id,
    ) -> StoreResult<Organization> {
        sqlx::query_as::<_, OrganizationRow>(&format!(
            "SELECT {ORG_COLS}
             FROM organizations
             WHERE id = $1 AND initiative_id = $2"
        ))
        .bind(id)
        .bind(initiative_id)
        .fetch_one(&mut **tx)
        .await
        .map_err(db_err)
        .map_err(not_found("organisation"))?
        .into_domain()
    }

    pub(super) async fn check_org_in_initiative(
        tx: &mut sqlx::Transaction<'_, Db>,
        initiative_id: Id,
        org: Option<Id>,
        field: &str,
    ) -> StoreResult<()> {
        if let Some(org) = org {
            let n: i64 = sqlx::query_scalar(
                "SELECT COUNT(*)
                 FROM organizations
                 WHERE id = $1 AND initiative_id = $2",
            )
            .bind(org)
            .bind(initiative_id)
            .fetch_one(&mut **tx)
            .await
            .map_err(db_err)?;
            if n == 0 {
                return Err(backbone_core::Invalid::one(field, "is not an organisation of this initiative").into());
            }
        }
        Ok(())
    }

    pub(super) async fn insert_org(
        tx: &mut sqlx::Transaction<'_, Db>,
        initiative_id: Id,
        o: &OrganizationInput,
        created: DateTime<Utc>,
        updated: DateTime<Utc>,
    ) -> StoreResult<Id> {
        sqlx::query_scalar(
            "INSERT INTO organizations (initiative_id, name, sector, budget_band, resident_led, service_area, website,
                 leadership, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
             RETURNING id",
        )
        .bind(initiative_id)
        .bind(o.name.trim())
        .bind(o.sector.as_str())
        .bind(o.budget_band.as_str())
        .bind(o.resident_led)
        .bind(to_json(&o.service_area))
        .bind(o.website.trim())
        .bind(o.leadership.as_ref().map(to_json))
        .bind(created)
        .bind(updated)
        .fetch_one(&mut **tx)
        .await
        .map_err(db_err)
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct OrganizationRow {
    pub id: i64,
    pub initiative_id: i64,
    pub name: String,
    pub sector: String,
    pub budget_band: String,
    pub resident_led: bool,
    pub service_area: String,
    pub website: String,
    pub leadership: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl OrganizationRow {
    pub(super) fn into_domain(self) -> Result<Organization, StoreError> {
        Ok(Organization {
            id: self.id,
            initiative_id: self.initiative_id,
            name: self.name,
            sector: vocab(Sector::parse, &self.sector, "sector")?,
            budget_band: vocab(BudgetBand::parse, &self.budget_band, "budget band")?,
            resident_led: self.resident_led,
            service_area: json(&self.service_area)?,
            website: self.website,
            leadership: self.leadership.as_deref().map(json).transpose()?,
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}
