//! Representation (`core::representation`): the community's estimates, every profile kept whole.

use super::*;
use backbone_core::representation::*;

#[derive(sqlx::FromRow)]
struct ProfileRow {
    id: Id,
    source: String,
    recorded_at: DateTime<Utc>,
    recorded_by: String,
}

#[derive(sqlx::FromRow)]
struct EstimateRow {
    profile_id: Id,
    place: String,
    facet: String,
    grp: String,
    estimate: i64,
    margin_of_error: Option<i64>,
    universe: i64,
}

impl EstimateRow {
    fn into_domain(self) -> StoreResult<CommunityEstimate> {
        Ok(CommunityEstimate {
            place: self.place,
            facet: vocab(Facet::parse, &self.facet, "facet")?,
            group: self.grp,
            estimate: self.estimate as u64,
            margin_of_error: self.margin_of_error.map(|m| m as u64),
            universe: self.universe as u64,
        })
    }
}

impl This {
    /// Writes a profile's estimates, in order.
    pub(super) async fn insert_estimates(
        tx: &mut sqlx::Transaction<'_, Db>,
        profile_id: Id,
        estimates: &[CommunityEstimate],
    ) -> StoreResult<()> {
        for (line, e) in estimates.iter().enumerate() {
            sqlx::query(
                "INSERT INTO community_estimates (profile_id, line, place, facet, grp, estimate, margin_of_error, universe)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(profile_id)
            .bind(line as i64)
            .bind(&e.place)
            .bind(e.facet.as_str())
            .bind(&e.group)
            .bind(e.estimate as i64)
            .bind(e.margin_of_error.map(|m| m as i64))
            .bind(e.universe as i64)
            .execute(&mut **tx)
            .await
            .map_err(db_err)?;
        }
        Ok(())
    }
}

#[async_trait::async_trait]
impl RepresentationStore for This {
    async fn community_profiles(&self, initiative_id: Id) -> StoreResult<Vec<CommunityProfile>> {
        let profiles = sqlx::query_as::<_, ProfileRow>(
            "SELECT id, source, recorded_at, recorded_by FROM community_profiles WHERE initiative_id = $1 ORDER BY id",
        )
        .bind(initiative_id)
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)?;
        let estimates = sqlx::query_as::<_, EstimateRow>(
            "SELECT e.profile_id, e.place, e.facet, e.grp, e.estimate, e.margin_of_error, e.universe
             FROM community_estimates e
             JOIN community_profiles p ON p.id = e.profile_id
             WHERE p.initiative_id = $1
             ORDER BY e.profile_id, e.line",
        )
        .bind(initiative_id)
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)?;
        let mut by_profile: HashMap<Id, Vec<CommunityEstimate>> = HashMap::new();
        for e in estimates {
            by_profile.entry(e.profile_id).or_default().push(e.into_domain()?);
        }
        Ok(profiles
            .into_iter()
            .map(|p| CommunityProfile {
                estimates: by_profile.remove(&p.id).unwrap_or_default(),
                id: p.id,
                source: p.source,
                recorded_at: p.recorded_at,
                recorded_by: p.recorded_by,
            })
            .collect())
    }

    async fn record_community_profile(
        &self,
        actor: &Actor,
        initiative_id: Id,
        input: &CommunityProfileInput,
    ) -> StoreResult<CommunityProfile> {
        let now = Utc::now();
        let mut tx = self.begin().await?;
        Self::initiative_tx(&mut tx, initiative_id).await?;
        let places: Vec<String> = sqlx::query_scalar("SELECT code FROM geographies WHERE initiative_id = $1")
            .bind(initiative_id)
            .fetch_all(&mut *tx)
            .await
            .map_err(db_err)?;
        input.validate(&places)?;
        let id: Id = sqlx::query_scalar(
            "INSERT INTO community_profiles (initiative_id, source, recorded_at, recorded_by)
             VALUES ($1, $2, $3, $4)
             RETURNING id",
        )
        .bind(initiative_id)
        .bind(input.source.trim())
        .bind(now)
        .bind(&actor.name)
        .fetch_one(&mut *tx)
        .await
        .map_err(db_err)?;
        Self::insert_estimates(&mut tx, id, &input.estimates).await?;
        let profile = CommunityProfile {
            id,
            source: input.source.trim().to_string(),
            recorded_at: now,
            recorded_by: actor.name.clone(),
            estimates: input.estimates.clone(),
        };
        Self::audit(
            &mut tx,
            actor,
            Audit {
                initiative_id: Some(initiative_id),
                action: "community_profile.record",
                entity: "community_profile",
                entity_id: Some(id),
                before: None,
                after: Some(to_json(&profile)),
            },
            now,
        )
        .await?;
        tx.commit().await.map_err(db_err)?;
        Ok(profile)
    }
}
