//! Turning the curve (`core::turn_the_curve`): tables' plans for indicators, append-only
//! versions (each step kept as JSON), and the commitments their actions became.

use super::*;
use backbone_core::commitments::Commitment;
use backbone_core::turn_the_curve::*;
use std::collections::HashSet;

#[derive(sqlx::FromRow)]
struct PlanRow {
    id: Id,
    indicator_key: String,
    table_id: Id,
    table_name: String,
}

#[derive(sqlx::FromRow)]
struct VersionRow {
    id: Id,
    plan_id: Id,
    version: i64,
    story: String,
    partners: String,
    what_works: String,
    actions: String,
    reason: String,
    author_name: String,
    created_at: DateTime<Utc>,
}

impl VersionRow {
    fn into_domain(self) -> StoreResult<CurvePlanVersion> {
        Ok(CurvePlanVersion {
            id: self.id,
            plan_id: self.plan_id,
            version: u32::try_from(self.version)
                .map_err(|_| StoreError::Backend("a plan version out of range".into()))?,
            story: json(&self.story)?,
            partners: json(&self.partners)?,
            what_works: json(&self.what_works)?,
            actions: json(&self.actions)?,
            reason: self.reason,
            author_name: self.author_name,
            created_at: self.created_at,
        })
    }
}

const PLAN_SELECT: &str = "SELECT p.id, i.key AS indicator_key, p.table_id, t.name AS table_name
     FROM curve_plans p JOIN indicators i ON i.id = p.indicator_id JOIN tables t ON t.id = p.table_id";
const VERSION_COLS: &str =
    "id, plan_id, version, story, partners, what_works, actions, reason, author_name, created_at";

impl This {
    async fn versions_tx(tx: &mut sqlx::Transaction<'_, Db>, plan_id: Id) -> StoreResult<Vec<CurvePlanVersion>> {
        let rows = sqlx::query_as::<_, VersionRow>(&format!(
            "SELECT {VERSION_COLS} FROM curve_plan_versions WHERE plan_id = $1 ORDER BY version DESC"
        ))
        .bind(plan_id)
        .fetch_all(&mut **tx)
        .await
        .map_err(db_err)?;
        rows.into_iter().map(VersionRow::into_domain).collect()
    }

    async fn plan_of_row(tx: &mut sqlx::Transaction<'_, Db>, row: PlanRow) -> StoreResult<CurvePlan> {
        let current = sqlx::query_as::<_, VersionRow>(&format!(
            "SELECT {VERSION_COLS} FROM curve_plan_versions WHERE plan_id = $1 ORDER BY version DESC LIMIT 1"
        ))
        .bind(row.id)
        .fetch_one(&mut **tx)
        .await
        .map_err(db_err)?
        .into_domain()?;
        let committed: Vec<(String, Id)> = sqlx::query_as(
            "SELECT action_key, commitment_id FROM curve_plan_commitments WHERE plan_id = $1 ORDER BY action_key",
        )
        .bind(row.id)
        .fetch_all(&mut **tx)
        .await
        .map_err(db_err)?;
        Ok(CurvePlan {
            id: row.id,
            indicator_key: row.indicator_key,
            table_id: row.table_id,
            table_name: row.table_name,
            versions: current.version,
            current,
            committed: committed
                .into_iter()
                .map(|(action_key, commitment_id)| CommittedAction { action_key, commitment_id })
                .collect(),
        })
    }

    async fn curve_plan_tx(tx: &mut sqlx::Transaction<'_, Db>, initiative_id: Id, id: Id) -> StoreResult<CurvePlan> {
        let row = sqlx::query_as::<_, PlanRow>(&format!("{PLAN_SELECT} WHERE p.initiative_id = $1 AND p.id = $2"))
            .bind(initiative_id)
            .bind(id)
            .fetch_optional(&mut **tx)
            .await
            .map_err(db_err)?
            .ok_or(StoreError::NotFound("plan"))?;
        Self::plan_of_row(tx, row).await
    }

    /// Partners and actions may name only the initiative's organisations.
    async fn check_plan_organizations(
        tx: &mut sqlx::Transaction<'_, Db>,
        initiative_id: Id,
        input: &CurvePlanInput,
    ) -> StoreResult<()> {
        let ids: Vec<Id> = sqlx::query_scalar("SELECT id FROM organizations WHERE initiative_id = $1")
            .bind(initiative_id)
            .fetch_all(&mut **tx)
            .await
            .map_err(db_err)?;
        let ours: HashSet<Id> = ids.into_iter().collect();
        let mut inv = backbone_core::Invalid::new();
        let named = input
            .partners
            .iter()
            .enumerate()
            .map(|(i, p)| (format!("partners[{i}].organization_id"), p.organization_id))
            .chain(
                input
                    .actions
                    .iter()
                    .enumerate()
                    .map(|(i, a)| (format!("actions[{i}].organization_id"), a.organization_id)),
            );
        for (field, org) in named {
            if org.is_some_and(|o| !ours.contains(&o)) {
                inv.add(field, "is not an organisation of this initiative");
            }
        }
        inv.into_result()?;
        Ok(())
    }
}

#[async_trait::async_trait]
impl TurnTheCurveStore for This {
    async fn curve_plans(&self, initiative_id: Id, indicator_key: &str) -> StoreResult<Vec<CurvePlan>> {
        let mut tx = self.pool.begin().await.map_err(db_err)?;
        let rows = sqlx::query_as::<_, PlanRow>(&format!(
            "{PLAN_SELECT} WHERE p.initiative_id = $1 AND i.key = $2 ORDER BY t.name, p.id"
        ))
        .bind(initiative_id)
        .bind(indicator_key)
        .fetch_all(&mut *tx)
        .await
        .map_err(db_err)?;
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            out.push(Self::plan_of_row(&mut tx, row).await?);
        }
        tx.rollback().await.map_err(db_err)?;
        Ok(out)
    }

    async fn curve_plan(&self, initiative_id: Id, id: Id) -> StoreResult<CurvePlan> {
        let mut tx = self.pool.begin().await.map_err(db_err)?;
        let p = Self::curve_plan_tx(&mut tx, initiative_id, id).await;
        tx.rollback().await.map_err(db_err)?;
        p
    }

    async fn curve_plan_versions(&self, initiative_id: Id, id: Id) -> StoreResult<Vec<CurvePlanVersion>> {
        let mut tx = self.pool.begin().await.map_err(db_err)?;
        Self::curve_plan_tx(&mut tx, initiative_id, id).await?;
        let versions = Self::versions_tx(&mut tx, id).await;
        tx.rollback().await.map_err(db_err)?;
        versions
    }

    async fn adopt_curve_plan(
        &self,
        actor: &Actor,
        initiative_id: Id,
        indicator_key: &str,
        input: &CurvePlanInput,
    ) -> StoreResult<CurvePlan> {
        let now = Utc::now();
        let mut tx = self.begin().await?;
        let indicator: Id = sqlx::query_scalar("SELECT id FROM indicators WHERE initiative_id = $1 AND key = $2")
            .bind(initiative_id)
            .bind(indicator_key)
            .fetch_optional(&mut *tx)
            .await
            .map_err(db_err)?
            .ok_or(StoreError::NotFound("indicator"))?;
        if matches!(Self::table_tx(&mut tx, initiative_id, input.table_id).await, Err(StoreError::NotFound(_))) {
            let mut inv = backbone_core::Invalid::new();
            inv.add("table_id", "is not a table of this initiative");
            return Err(inv.into());
        }
        let existing: Option<Id> =
            sqlx::query_scalar("SELECT id FROM curve_plans WHERE indicator_id = $1 AND table_id = $2")
                .bind(indicator)
                .bind(input.table_id)
                .fetch_optional(&mut *tx)
                .await
                .map_err(db_err)?;
        let last: Option<i64> = match existing {
            Some(p) => sqlx::query_scalar("SELECT MAX(version) FROM curve_plan_versions WHERE plan_id = $1")
                .bind(p)
                .fetch_one(&mut *tx)
                .await
                .map_err(db_err)?,
            None => None,
        };
        input.validate(last.is_none())?;
        Self::check_plan_organizations(&mut tx, initiative_id, input).await?;
        let plan_id = match existing {
            Some(p) => p,
            None => sqlx::query_scalar(
                "INSERT INTO curve_plans (initiative_id, indicator_id, table_id, created_at) VALUES ($1, $2, $3, $4)
                 RETURNING id",
            )
            .bind(initiative_id)
            .bind(indicator)
            .bind(input.table_id)
            .bind(now)
            .fetch_one(&mut *tx)
            .await
            .map_err(db_err)?,
        };
        let trimmed = |s: &str| s.trim().to_string();
        let story: Vec<Cause> = input.story.iter().map(|c| Cause { text: trimmed(&c.text), ..c.clone() }).collect();
        let partners: Vec<PartnerRole> = input
            .partners
            .iter()
            .map(|p| PartnerRole { name: trimmed(&p.name), role: trimmed(&p.role), ..p.clone() })
            .collect();
        let ideas: Vec<Idea> = input
            .what_works
            .iter()
            .map(|w| Idea { text: trimmed(&w.text), evidence: trimmed(&w.evidence), ..w.clone() })
            .collect();
        let actions: Vec<Action> =
            input.actions.iter().map(|a| Action { title: trimmed(&a.title), ..a.clone() }).collect();
        sqlx::query(
            "INSERT INTO curve_plan_versions (plan_id, version, story, partners, what_works, actions, reason, author_name,
                 created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(plan_id)
        .bind(last.unwrap_or(0) + 1)
        .bind(to_json(&story))
        .bind(to_json(&partners))
        .bind(to_json(&ideas))
        .bind(to_json(&actions))
        .bind(input.reason.trim())
        .bind(&actor.name)
        .bind(now)
        .execute(&mut *tx)
        .await
        .map_err(db_err)?;
        let plan = Self::curve_plan_tx(&mut tx, initiative_id, plan_id).await?;
        Self::audit(
            &mut tx,
            actor,
            Audit {
                initiative_id: Some(initiative_id),
                action: "curve_plan.version",
                entity: "curve_plan",
                entity_id: Some(plan_id),
                before: None,
                after: Some(to_json(&plan.current)),
            },
            now,
        )
        .await?;
        tx.commit().await.map_err(db_err)?;
        Ok(plan)
    }

    async fn commit_curve_action(
        &self,
        actor: &Actor,
        initiative_id: Id,
        plan_id: Id,
        action_key: &str,
    ) -> StoreResult<Commitment> {
        let now = Utc::now();
        let mut tx = self.begin().await?;
        let plan = Self::curve_plan_tx(&mut tx, initiative_id, plan_id).await?;
        let input = commitment_for(&plan, action_key)?;
        let c = Self::create_commitment_tx(&mut tx, actor, initiative_id, &input, now).await?;
        // The key is the primary key with the plan: a second request for the same action fails
        // here rather than making a second commitment.
        sqlx::query("INSERT INTO curve_plan_commitments (plan_id, action_key, commitment_id) VALUES ($1, $2, $3)")
            .bind(plan_id)
            .bind(action_key)
            .bind(c.id)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        Self::audit(
            &mut tx,
            actor,
            Audit {
                initiative_id: Some(initiative_id),
                action: "curve_plan.commit",
                entity: "curve_plan",
                entity_id: Some(plan_id),
                before: None,
                after: Some(serde_json::json!({ "action_key": action_key, "commitment_id": c.id }).to_string()),
            },
            now,
        )
        .await?;
        tx.commit().await.map_err(db_err)?;
        Ok(c)
    }
}
