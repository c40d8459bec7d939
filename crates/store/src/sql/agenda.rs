use super::*;

pub(super) const AGENDA_COLS: &str =
    "initiative_id, number, problem_statement, shared_vision, results, reason, author_user_id, author_name, created_at";

pub(super) const ENDORSEMENT_SELECT: &str = "SELECT e.version, e.organization_id, o.name AS organization_name,
                                                 e.endorsed_by_user_id, e.endorsed_by_name, e.note, e.created_at
                                             FROM endorsements e
                                             JOIN organizations o ON o.id = e.organization_id";

#[async_trait::async_trait]
impl AgendaStore for This {
    async fn agenda_versions(&self, initiative_id: Id) -> StoreResult<Vec<AgendaVersion>> {
        sqlx::query_as::<_, AgendaRow>(&format!(
            "SELECT {AGENDA_COLS}
             FROM agenda_versions
             WHERE initiative_id = $1
             ORDER BY number DESC"
        ))
        .bind(initiative_id)
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(AgendaRow::into_domain)
        .collect()
    }

    async fn agenda_version(&self, initiative_id: Id, number: i64) -> StoreResult<AgendaVersion> {
        sqlx::query_as::<_, AgendaRow>(&format!(
            "SELECT {AGENDA_COLS}
             FROM agenda_versions
             WHERE initiative_id = $1 AND number = $2"
        ))
        .bind(initiative_id)
        .bind(number)
        .fetch_one(&self.pool)
        .await
        .map_err(db_err)
        .map_err(not_found("agenda version"))?
        .into_domain()
    }

    async fn current_agenda(&self, initiative_id: Id) -> StoreResult<Option<AgendaVersion>> {
        sqlx::query_as::<_, AgendaRow>(&format!(
            "SELECT {AGENDA_COLS}
             FROM agenda_versions
             WHERE initiative_id = $1
             ORDER BY number DESC
             LIMIT 1"
        ))
        .bind(initiative_id)
        .fetch_optional(&self.pool)
        .await
        .map_err(db_err)?
        .map(AgendaRow::into_domain)
        .transpose()
    }

    async fn create_agenda_version(
        &self,
        actor: &Actor,
        initiative_id: Id,
        input: &AgendaInput,
    ) -> StoreResult<AgendaVersion> {
        input.validate()?;
        let now = Utc::now();
        let mut tx = self.begin().await?;
        Self::initiative_tx(&mut tx, initiative_id).await?;
        let current: i64 = sqlx::query_scalar(
            "SELECT COALESCE(MAX(number), 0)
             FROM agenda_versions
             WHERE initiative_id = $1",
        )
        .bind(initiative_id)
        .fetch_one(&mut *tx)
        .await
        .map_err(db_err)?;
        if input.based_on != current {
            let by = if current > 0 {
                let v = Self::agenda_tx(&mut tx, initiative_id, current).await?;
                format!("{} saved version {} on {}", v.author_name, current, v.created_at.format("%Y-%m-%d %H:%M UTC"))
            } else {
                "there is no version yet".to_string()
            };
            return Err(StoreError::conflict(
                "based_on",
                format!(
                    "you edited version {}, but {by}; reload the agenda, then make your change again",
                    input.based_on
                ),
            ));
        }
        let number = current + 1;
        Self::insert_agenda(&mut tx, initiative_id, number, input, actor.user_id, &actor.name, now).await?;
        let v = Self::agenda_tx(&mut tx, initiative_id, number).await?;
        Self::audit(
            &mut tx,
            actor,
            Audit {
                initiative_id: Some(initiative_id),
                action: "agenda.version",
                entity: "agenda_version",
                entity_id: Some(number),
                before: None,
                after: Some(to_json(&v)),
            },
            now,
        )
        .await?;
        tx.commit().await.map_err(db_err)?;
        Ok(v)
    }

    async fn endorsements(&self, initiative_id: Id, version: Option<i64>) -> StoreResult<Vec<Endorsement>> {
        Ok(sqlx::query_as::<_, EndorsementRow>(&format!(
            "{ENDORSEMENT_SELECT} WHERE e.initiative_id = $1 AND ($2 IS NULL OR e.version = $2) ORDER BY e.version DESC, e.created_at"
        ))
        .bind(initiative_id)
        .bind(version)
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(EndorsementRow::into_domain)
        .collect())
    }

    async fn endorse(
        &self,
        actor: &Actor,
        initiative_id: Id,
        version: i64,
        input: &EndorsementInput,
    ) -> StoreResult<Endorsement> {
        input.validate()?;
        let now = Utc::now();
        let mut tx = self.begin().await?;
        Self::agenda_tx(&mut tx, initiative_id, version).await?;
        Self::check_org_in_initiative(&mut tx, initiative_id, Some(input.organization_id), "organization_id").await?;
        sqlx::query(
            "INSERT INTO endorsements (initiative_id, version, organization_id, endorsed_by_user_id, endorsed_by_name,
                 note, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(initiative_id)
        .bind(version)
        .bind(input.organization_id)
        .bind(actor.user_id)
        .bind(&actor.name)
        .bind(input.note.trim())
        .bind(now)
        .execute(&mut *tx)
        .await
        .map_err(db_err)?;
        let e = sqlx::query_as::<_, EndorsementRow>(&format!(
            "{ENDORSEMENT_SELECT} WHERE e.initiative_id = $1 AND e.version = $2 AND e.organization_id = $3"
        ))
        .bind(initiative_id)
        .bind(version)
        .bind(input.organization_id)
        .fetch_one(&mut *tx)
        .await
        .map_err(db_err)?
        .into_domain();
        Self::audit(
            &mut tx,
            actor,
            Audit {
                initiative_id: Some(initiative_id),
                action: "agenda.endorse",
                entity: "endorsement",
                entity_id: Some(version),
                before: None,
                after: Some(to_json(&e)),
            },
            now,
        )
        .await?;
        tx.commit().await.map_err(db_err)?;
        Ok(e)
    }
}

impl This {
    #[allow(clippy::too_many_arguments)]
    pub(super) async fn insert_agenda(
        tx: &mut sqlx::Transaction<'_, Db>,
        initiative_id: Id,
        number: i64,
        input: &AgendaInput,
        author_user_id: Option<Id>,
        author_name: &str,
        at: DateTime<Utc>,
    ) -> StoreResult<()> {
        sqlx::query(&format!(
            "INSERT INTO agenda_versions ({AGENDA_COLS})
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
        ))
        .bind(initiative_id)
        .bind(number)
        .bind(input.problem_statement.trim())
        .bind(input.shared_vision.trim())
        .bind(to_json(&input.results))
        .bind(input.reason.trim())
        .bind(author_user_id)
        .bind(author_name)
        .bind(at)
        .execute(&mut **tx)
        .await
        .map_err(db_err)?;
        Ok(())
    }

    /// The keys of the strategies of the current agenda version (none before the first).
    pub(super) async fn current_strategy_keys_tx(
        tx: &mut sqlx::Transaction<'_, Db>,
        initiative_id: Id,
    ) -> StoreResult<Vec<String>> {
        let results: Option<String> = sqlx::query_scalar(
            "SELECT results
             FROM agenda_versions
             WHERE initiative_id = $1
             ORDER BY number DESC
             LIMIT 1",
        )
        .bind(initiative_id)
        .fetch_optional(&mut **tx)
        .await
        .map_err(db_err)?;
        let results: Vec<AgendaResult> = results.as_deref().map(json).transpose()?.unwrap_or_default();
        Ok(results.into_iter().flat_map(|r| r.strategies.into_iter().map(|s| s.key)).collect())
    }

    pub(super) async fn agenda_tx(
        tx: &mut sqlx::Transaction<'_, Db>,
        initiative_id: Id,
        number: i64,
    ) -> StoreResult<AgendaVersion> {
        sqlx::query_as::<_, AgendaRow>(&format!(
            "SELECT {AGENDA_COLS}
             FROM agenda_versions
             WHERE initiative_id = $1 AND number = $2"
        ))
        .bind(initiative_id)
        .bind(number)
        .fetch_one(&mut **tx)
        .await
        .map_err(db_err)
        .map_err(not_found("agenda version"))?
        .into_domain()
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct AgendaRow {
    pub initiative_id: i64,
    pub number: i64,
    pub problem_statement: String,
    pub shared_vision: String,
    pub results: String,
    pub reason: String,
    pub author_user_id: Option<i64>,
    pub author_name: String,
    pub created_at: DateTime<Utc>,
}

impl AgendaRow {
    pub(super) fn into_domain(self) -> Result<AgendaVersion, StoreError> {
        Ok(AgendaVersion {
            initiative_id: self.initiative_id,
            number: self.number,
            problem_statement: self.problem_statement,
            shared_vision: self.shared_vision,
            results: json(&self.results)?,
            reason: self.reason,
            author_user_id: self.author_user_id,
            author_name: self.author_name,
            created_at: self.created_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct EndorsementRow {
    pub version: i64,
    pub organization_id: i64,
    pub organization_name: String,
    pub endorsed_by_user_id: Option<i64>,
    pub endorsed_by_name: String,
    pub note: String,
    pub created_at: DateTime<Utc>,
}

impl EndorsementRow {
    pub(super) fn into_domain(self) -> Endorsement {
        Endorsement {
            version: self.version,
            organization_id: self.organization_id,
            organization_name: self.organization_name,
            endorsed_by_user_id: self.endorsed_by_user_id,
            endorsed_by_name: self.endorsed_by_name,
            note: self.note,
            created_at: self.created_at,
        }
    }
}
