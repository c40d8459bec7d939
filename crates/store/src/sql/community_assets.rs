//! Community assets (`core::community_assets`): the current state of each asset in
//! `community_assets`, every state it has been in in `community_asset_versions`.

use super::*;
use backbone_core::community_assets::*;
use std::collections::HashSet;

#[async_trait::async_trait]
impl CommunityAssetStore for This {
    async fn community_assets(&self, initiative_id: Id, retired: bool) -> StoreResult<Vec<CommunityAsset>> {
        let rows: Vec<String> = sqlx::query_scalar(
            "SELECT state FROM community_assets
             WHERE initiative_id = $1 AND ($2 OR status = 'active')
             ORDER BY place, lower(name), id",
        )
        .bind(initiative_id)
        .bind(retired)
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)?;
        rows.iter().map(|s| json(s)).collect()
    }

    async fn community_asset(&self, initiative_id: Id, id: Id) -> StoreResult<CommunityAsset> {
        let mut tx = self.pool.begin().await.map_err(db_err)?;
        let a = Self::community_asset_tx(&mut tx, initiative_id, id).await;
        tx.rollback().await.map_err(db_err)?;
        a
    }

    async fn community_asset_history(&self, initiative_id: Id, id: Id) -> StoreResult<Vec<CommunityAsset>> {
        let rows: Vec<String> = sqlx::query_scalar(
            "SELECT v.state FROM community_asset_versions v
             JOIN community_assets a ON a.id = v.asset_id
             WHERE a.id = $1 AND a.initiative_id = $2
             ORDER BY v.version",
        )
        .bind(id)
        .bind(initiative_id)
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)?;
        if rows.is_empty() {
            return Err(StoreError::NotFound("community asset"));
        }
        rows.iter().map(|s| json(s)).collect()
    }

    async fn create_community_asset(
        &self,
        actor: &Actor,
        initiative_id: Id,
        input: &CommunityAssetInput,
    ) -> StoreResult<CommunityAsset> {
        input.validate()?;
        let now = Utc::now();
        let mut tx = self.begin().await?;
        Self::initiative_tx(&mut tx, initiative_id).await?;
        Self::check_asset_references(&mut tx, initiative_id, input).await?;
        let mut a = asset_from(0, initiative_id, input, now);
        a.recorded_by = Some(actor.name.clone());
        let id = Self::insert_community_asset(&mut tx, &a).await?;
        a.id = id;
        Self::write_asset_state(&mut tx, &a).await?;
        Self::audit(
            &mut tx,
            actor,
            Audit {
                initiative_id: Some(initiative_id),
                action: "community_asset.create",
                entity: "community_asset",
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

    async fn update_community_asset(
        &self,
        actor: &Actor,
        initiative_id: Id,
        id: Id,
        input: &CommunityAssetInput,
    ) -> StoreResult<CommunityAsset> {
        input.validate()?;
        let now = Utc::now();
        let mut tx = self.begin().await?;
        let before = Self::community_asset_tx(&mut tx, initiative_id, id).await?;
        if before.status == AssetStatus::Retired {
            return Err(StoreError::conflict("status", "this asset is retired: record it anew if it is back"));
        }
        Self::check_asset_references(&mut tx, initiative_id, input).await?;
        let after = CommunityAsset {
            version: before.version + 1,
            created_at: before.created_at,
            recorded_by: before.recorded_by.clone(),
            ..asset_from(id, initiative_id, input, now)
        };
        Self::write_asset_state(&mut tx, &after).await?;
        Self::audit(
            &mut tx,
            actor,
            Audit {
                initiative_id: Some(initiative_id),
                action: "community_asset.update",
                entity: "community_asset",
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

    async fn retire_community_asset(
        &self,
        actor: &Actor,
        initiative_id: Id,
        id: Id,
        retire: &RetireAsset,
    ) -> StoreResult<CommunityAsset> {
        retire.validate()?;
        let now = Utc::now();
        let mut tx = self.begin().await?;
        let before = Self::community_asset_tx(&mut tx, initiative_id, id).await?;
        if before.status == AssetStatus::Retired {
            return Err(StoreError::conflict("status", "this asset is already retired"));
        }
        let after = CommunityAsset {
            status: AssetStatus::Retired,
            retired_reason: Some(retire.reason.trim().to_string()),
            version: before.version + 1,
            updated_at: now,
            ..before.clone()
        };
        Self::write_asset_state(&mut tx, &after).await?;
        Self::audit(
            &mut tx,
            actor,
            Audit {
                initiative_id: Some(initiative_id),
                action: "community_asset.retire",
                entity: "community_asset",
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

/// The asset an input describes, as recorded at `now` (version 1).
fn asset_from(id: Id, initiative_id: Id, input: &CommunityAssetInput, now: DateTime<Utc>) -> CommunityAsset {
    let opt = |v: &Option<String>| v.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(String::from);
    CommunityAsset {
        id,
        initiative_id,
        kind: input.kind,
        name: input.name.trim().to_string(),
        description: input.description.trim().to_string(),
        place: input.place.clone(),
        address: opt(&input.address),
        latitude: input.latitude,
        longitude: input.longitude,
        serves: input.serves.trim().to_string(),
        contact: opt(&input.contact),
        resident_led: input.resident_led,
        strategy_keys: input.strategy_keys.clone(),
        status: AssetStatus::Active,
        retired_reason: None,
        recorded_by: None,
        version: 1,
        created_at: now,
        updated_at: now,
    }
}

impl This {
    pub(super) async fn community_asset_tx(
        tx: &mut sqlx::Transaction<'_, Db>,
        initiative_id: Id,
        id: Id,
    ) -> StoreResult<CommunityAsset> {
        let state: String =
            sqlx::query_scalar("SELECT state FROM community_assets WHERE id = $1 AND initiative_id = $2")
                .bind(id)
                .bind(initiative_id)
                .fetch_one(&mut **tx)
                .await
                .map_err(db_err)
                .map_err(not_found("community asset"))?;
        json(&state)
    }

    /// The place and the strategies (of the current agenda) an asset names must be the
    /// initiative's.
    async fn check_asset_references(
        tx: &mut sqlx::Transaction<'_, Db>,
        initiative_id: Id,
        input: &CommunityAssetInput,
    ) -> StoreResult<()> {
        let places: Vec<String> = sqlx::query_scalar("SELECT code FROM geographies WHERE initiative_id = $1")
            .bind(initiative_id)
            .fetch_all(&mut **tx)
            .await
            .map_err(db_err)?;
        let strategy_keys = Self::current_strategy_keys_tx(tx, initiative_id).await?;
        let strategies: HashSet<&str> = strategy_keys.iter().map(String::as_str).collect();
        input.check_references(&places.iter().map(String::as_str).collect(), &strategies)?;
        Ok(())
    }

    /// A new asset's row (its state is written by `write_asset_state`); its id.
    pub(super) async fn insert_community_asset(
        tx: &mut sqlx::Transaction<'_, Db>,
        a: &CommunityAsset,
    ) -> StoreResult<Id> {
        sqlx::query_scalar(
            "INSERT INTO community_assets (initiative_id, place, name, status, version, state, created_at, updated_at)
             VALUES ($1, $2, $3, $4, 0, '{}', $5, $6)
             RETURNING id",
        )
        .bind(a.initiative_id)
        .bind(&a.place)
        .bind(&a.name)
        .bind(a.status.as_str())
        .bind(a.created_at)
        .bind(a.updated_at)
        .fetch_one(&mut **tx)
        .await
        .map_err(db_err)
    }

    /// Makes `a` the asset's current state and keeps it as its version `a.version`.
    pub(super) async fn write_asset_state(tx: &mut sqlx::Transaction<'_, Db>, a: &CommunityAsset) -> StoreResult<()> {
        let state = to_json(a);
        sqlx::query(
            "UPDATE community_assets
             SET place = $1, name = $2, status = $3, version = $4, state = $5, updated_at = $6
             WHERE id = $7",
        )
        .bind(&a.place)
        .bind(&a.name)
        .bind(a.status.as_str())
        .bind(i64::from(a.version))
        .bind(&state)
        .bind(a.updated_at)
        .bind(a.id)
        .execute(&mut **tx)
        .await
        .map_err(db_err)?;
        sqlx::query(
            "INSERT INTO community_asset_versions (asset_id, version, state, recorded_at)
             VALUES ($1, $2, $3, $4)",
        )
        .bind(a.id)
        .bind(i64::from(a.version))
        .bind(&state)
        .bind(a.updated_at)
        .execute(&mut **tx)
        .await
        .map_err(db_err)?;
        Ok(())
    }
}
