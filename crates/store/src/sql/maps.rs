//! Places on a map (`core::maps`): every upload of boundaries a version in `boundary_sets`, its
//! places' geometries in `place_boundaries`.

use super::*;
use backbone_core::maps::*;
use std::collections::HashSet;

#[async_trait::async_trait]
impl MapStore for This {
    async fn save_boundaries(
        &self,
        actor: &Actor,
        initiative_id: Id,
        property: &str,
        boundaries: &[PlaceBoundary],
    ) -> StoreResult<BoundarySet> {
        // Microseconds, as both databases keep them: the set answered is the set stored.
        let now = chrono::SubsecRound::trunc_subsecs(Utc::now(), 6);
        let mut tx = self.begin().await?;
        Self::initiative_tx(&mut tx, initiative_id).await?;
        let codes: Vec<String> = sqlx::query_scalar("SELECT code FROM geographies WHERE initiative_id = $1")
            .bind(initiative_id)
            .fetch_all(&mut *tx)
            .await
            .map_err(db_err)?;
        let known: HashSet<&str> = codes.iter().map(String::as_str).collect();
        let mut inv = backbone_core::Invalid::new();
        for (i, b) in boundaries.iter().enumerate() {
            if !known.contains(b.place.as_str()) {
                inv.add(format!("features[{i}]"), format!("\"{}\" is not a place of this initiative", b.place));
            }
        }
        inv.into_result()?;
        let version: i64 =
            sqlx::query_scalar("SELECT COALESCE(MAX(version), 0) + 1 FROM boundary_sets WHERE initiative_id = $1")
                .bind(initiative_id)
                .fetch_one(&mut *tx)
                .await
                .map_err(db_err)?;
        let set = BoundarySet {
            id: 0,
            initiative_id,
            version: version as u32,
            property: property.to_string(),
            uploaded_by: actor.name.clone(),
            uploaded_at: now,
            boundaries: boundaries.to_vec(),
        };
        let id = Self::insert_boundary_set(&mut tx, &set).await?;
        Self::audit(
            &mut tx,
            actor,
            Audit {
                initiative_id: Some(initiative_id),
                action: "boundaries.upload",
                entity: "boundary_set",
                entity_id: Some(id),
                before: None,
                after: Some(to_json(&serde_json::json!({
                    "version": set.version,
                    "property": set.property,
                    "places": set.boundaries.iter().map(|b| b.place.clone()).collect::<Vec<_>>(),
                }))),
            },
            now,
        )
        .await?;
        tx.commit().await.map_err(db_err)?;
        Ok(BoundarySet { id, ..set })
    }

    async fn boundaries(&self, initiative_id: Id) -> StoreResult<Option<BoundarySet>> {
        let latest: Option<Id> =
            sqlx::query_scalar("SELECT id FROM boundary_sets WHERE initiative_id = $1 ORDER BY version DESC LIMIT 1")
                .bind(initiative_id)
                .fetch_optional(&self.pool)
                .await
                .map_err(db_err)?;
        match latest {
            Some(id) => Ok(self.boundary_sets_where(initiative_id, Some(id)).await?.pop()),
            None => Ok(None),
        }
    }

    async fn boundary_versions(&self, initiative_id: Id) -> StoreResult<Vec<BoundarySet>> {
        self.boundary_sets_where(initiative_id, None).await
    }
}

#[derive(sqlx::FromRow)]
struct SetRow {
    id: Id,
    version: i64,
    property: String,
    uploaded_by: String,
    uploaded_at: DateTime<Utc>,
}

impl This {
    /// The initiative's sets (one, or all), oldest first, with their boundaries by place.
    async fn boundary_sets_where(&self, initiative_id: Id, only: Option<Id>) -> StoreResult<Vec<BoundarySet>> {
        let sets = sqlx::query_as::<_, SetRow>(
            "SELECT id, version, property, uploaded_by, uploaded_at FROM boundary_sets
             WHERE initiative_id = $1 AND ($2 IS NULL OR id = $2)
             ORDER BY version",
        )
        .bind(initiative_id)
        .bind(only)
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)?;
        let mut out = Vec::new();
        for s in sets {
            let rows: Vec<(String, String)> =
                sqlx::query_as("SELECT place, geometry FROM place_boundaries WHERE set_id = $1 ORDER BY place")
                    .bind(s.id)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_err)?;
            let boundaries = rows
                .into_iter()
                .map(|(place, g)| Ok(PlaceBoundary { place, geometry: json(&g)? }))
                .collect::<StoreResult<Vec<_>>>()?;
            out.push(BoundarySet {
                id: s.id,
                initiative_id,
                version: s.version as u32,
                property: s.property,
                uploaded_by: s.uploaded_by,
                uploaded_at: s.uploaded_at,
                boundaries,
            });
        }
        Ok(out)
    }

    /// Writes a set and its boundaries; its id.
    pub(super) async fn insert_boundary_set(tx: &mut sqlx::Transaction<'_, Db>, set: &BoundarySet) -> StoreResult<Id> {
        let id: Id = sqlx::query_scalar(
            "INSERT INTO boundary_sets (initiative_id, version, property, uploaded_by, uploaded_at)
             VALUES ($1, $2, $3, $4, $5)
             RETURNING id",
        )
        .bind(set.initiative_id)
        .bind(i64::from(set.version))
        .bind(&set.property)
        .bind(&set.uploaded_by)
        .bind(set.uploaded_at)
        .fetch_one(&mut **tx)
        .await
        .map_err(db_err)?;
        for b in &set.boundaries {
            sqlx::query("INSERT INTO place_boundaries (set_id, place, geometry) VALUES ($1, $2, $3)")
                .bind(id)
                .bind(&b.place)
                .bind(to_json(&b.geometry))
                .execute(&mut **tx)
                .await
                .map_err(db_err)?;
        }
        Ok(id)
    }
}
