//! The places numbers are reported for and the breakdowns they are reported by
//! (`core::measure::PlaceStore`).

use super::*;

#[async_trait::async_trait]
impl PlaceStore for This {
    async fn geographies(&self, initiative_id: Id) -> StoreResult<Vec<Geography>> {
        sqlx::query_as::<_, GeographyRow>(
            "SELECT code, name, level, parent
             FROM geographies
             WHERE initiative_id = $1
             ORDER BY code",
        )
        .bind(initiative_id)
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(GeographyRow::into_domain)
        .collect()
    }

    async fn place_with_children(&self, initiative_id: Id, code: Option<&str>) -> StoreResult<Vec<Geography>> {
        let place = match code {
            Some(c) => sqlx::query_as::<_, GeographyRow>(
                "SELECT code, name, level, parent
                 FROM geographies
                 WHERE initiative_id = $1 AND code = $2",
            )
            .bind(initiative_id)
            .bind(c)
            .fetch_optional(&self.pool)
            .await
            .map_err(db_err)?,
            None => sqlx::query_as::<_, GeographyRow>(
                "SELECT code, name, level, parent
                 FROM geographies
                 WHERE initiative_id = $1 AND parent IS NULL
                 ORDER BY code
                 LIMIT 1",
            )
            .bind(initiative_id)
            .fetch_optional(&self.pool)
            .await
            .map_err(db_err)?,
        };
        let Some(place) = place else { return Ok(Vec::new()) };
        let place = place.into_domain()?;
        let mut out = vec![place.clone()];
        out.extend(
            sqlx::query_as::<_, GeographyRow>(
                "SELECT code, name, level, parent
                 FROM geographies
                 WHERE initiative_id = $1 AND parent = $2
                 ORDER BY code",
            )
            .bind(initiative_id)
            .bind(&place.code)
            .fetch_all(&self.pool)
            .await
            .map_err(db_err)?
            .into_iter()
            .map(GeographyRow::into_domain)
            .collect::<StoreResult<Vec<_>>>()?,
        );
        Ok(out)
    }

    async fn set_geographies(&self, actor: &Actor, initiative_id: Id, places: &[Geography]) -> StoreResult<()> {
        backbone_core::measure::place::check_places(places)?;
        let now = Utc::now();
        let mut tx = self.begin().await?;
        Self::initiative_tx(&mut tx, initiative_id).await?;
        let before = sqlx::query_as::<_, GeographyRow>(
            "SELECT code, name, level, parent
             FROM geographies
             WHERE initiative_id = $1
             ORDER BY code",
        )
        .bind(initiative_id)
        .fetch_all(&mut *tx)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(GeographyRow::into_domain)
        .collect::<StoreResult<Vec<_>>>()?;
        sqlx::query("DELETE FROM geographies WHERE initiative_id = $1")
            .bind(initiative_id)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        for p in places {
            sqlx::query(
                "INSERT INTO geographies (initiative_id, code, name, level, parent)
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(initiative_id)
            .bind(&p.code)
            .bind(p.name.trim())
            .bind(p.level.as_str())
            .bind(p.parent.as_deref())
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        }
        let pairs = Self::approved_pairs(&mut tx, initiative_id, None).await?;
        Self::refresh_published(&mut tx, initiative_id, &pairs).await?;
        Self::audit(
            &mut tx,
            actor,
            Audit {
                initiative_id: Some(initiative_id),
                action: "geography.set",
                entity: "geography",
                entity_id: None,
                before: Some(to_json(&before)),
                after: Some(to_json(&places)),
            },
            now,
        )
        .await?;
        tx.commit().await.map_err(db_err)?;
        Ok(())
    }

    async fn dimensions(&self, initiative_id: Id) -> StoreResult<Vec<Dimension>> {
        sqlx::query_as::<_, DimensionRow>(
            "SELECT key, name, vals
             FROM dimensions
             WHERE initiative_id = $1
             ORDER BY key",
        )
        .bind(initiative_id)
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(DimensionRow::into_domain)
        .collect()
    }

    async fn set_dimensions(&self, actor: &Actor, initiative_id: Id, dimensions: &[Dimension]) -> StoreResult<()> {
        backbone_core::measure::place::check_dimensions(dimensions)?;
        let now = Utc::now();
        let mut tx = self.begin().await?;
        Self::initiative_tx(&mut tx, initiative_id).await?;
        sqlx::query("DELETE FROM dimensions WHERE initiative_id = $1")
            .bind(initiative_id)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        for d in dimensions {
            sqlx::query(
                "INSERT INTO dimensions (initiative_id, key, name, vals)
                 VALUES ($1, $2, $3, $4)",
            )
            .bind(initiative_id)
            .bind(&d.key)
            .bind(d.name.trim())
            .bind(to_json(&d.values))
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        }
        let pairs = Self::approved_pairs(&mut tx, initiative_id, None).await?;
        Self::refresh_published(&mut tx, initiative_id, &pairs).await?;
        Self::audit(
            &mut tx,
            actor,
            Audit {
                initiative_id: Some(initiative_id),
                action: "dimension.set",
                entity: "dimension",
                entity_id: None,
                before: None,
                after: Some(to_json(&dimensions)),
            },
            now,
        )
        .await?;
        tx.commit().await.map_err(db_err)?;
        Ok(())
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct GeographyRow {
    pub code: String,
    pub name: String,
    pub level: String,
    pub parent: Option<String>,
}

impl GeographyRow {
    pub(super) fn into_domain(self) -> Result<Geography, StoreError> {
        Ok(Geography {
            code: self.code,
            name: self.name,
            level: vocab(GeoLevel::parse, &self.level, "place level")?,
            parent: self.parent,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct DimensionRow {
    pub key: String,
    pub name: String,
    pub vals: String,
}

impl DimensionRow {
    pub(super) fn into_domain(self) -> Result<Dimension, StoreError> {
        Ok(Dimension { key: self.key, name: self.name, values: json(&self.vals)? })
    }
}
