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
        // One statement: the place (given, or the community) and the places whose parent it is,
        // each found through an index (the key, and geographies_parent).
        let which = if code.is_some() { "code = $2" } else { "parent IS NULL" };
        let q = format!(
            "WITH place AS (SELECT code
                  FROM geographies
                  WHERE initiative_id = $1 AND {which}
                  ORDER BY code
                  LIMIT 1)
             SELECT g.code, g.name, g.level, g.parent
             FROM geographies g
             JOIN place p ON g.code = p.code
             WHERE g.initiative_id = $1
             UNION ALL
             SELECT g.code, g.name, g.level, g.parent
             FROM geographies g
             JOIN place p ON g.parent = p.code
             WHERE g.initiative_id = $1"
        );
        let mut q = sqlx::query_as::<_, GeographyRow>(&q).bind(initiative_id);
        if let Some(code) = code {
            q = q.bind(code);
        }
        let rows = q.fetch_all(&self.pool).await.map_err(db_err)?;
        let mut out = rows.into_iter().map(GeographyRow::into_domain).collect::<StoreResult<Vec<_>>>()?;
        // The place first, then the places inside it by code.
        if let Some(at) =
            out.iter().position(|g| Some(g.code.as_str()) == code || (code.is_none() && g.parent.is_none()))
        {
            let place = out.remove(at);
            out.sort_by(|a, b| a.code.cmp(&b.code));
            out.insert(0, place);
        }
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
        Self::refresh_all_published(&mut tx, initiative_id, None, &backbone_core::progress::Silent).await?;
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
        Self::refresh_all_published(&mut tx, initiative_id, None, &backbone_core::progress::Silent).await?;
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
