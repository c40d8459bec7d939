use super::*;

pub(super) const TABLE_SELECT: &str =
    "SELECT t.id, t.initiative_id, t.name, t.kind, t.purpose, t.result_key, t.created_at,
         t.meets, t.how_to_join, t.contact_name, t.contact_email, t.welcomes_requests,
         (SELECT COUNT(*)
          FROM memberships m
          WHERE m.table_id = t.id AND m.start_date <= $1
              AND (m.end_date IS NULL OR m.end_date > $1)) AS active_members
     FROM tables t";

pub(super) const MEMBERSHIP_SELECT: &str =
    "SELECT m.id, m.table_id, t.name AS table_name, m.person_id, p.name AS person_name, o.name AS organization_name,
         m.role, m.start_date, m.end_date
     FROM memberships m
     JOIN tables t ON t.id = m.table_id
     JOIN people p ON p.id = m.person_id
     LEFT JOIN organizations o ON o.id = p.organization_id";

#[async_trait::async_trait]
impl TableStore for This {
    async fn latest_composition(&self, initiative_id: Id, table_id: Id) -> StoreResult<Option<Snapshot>> {
        let row: Option<(String, String, i64)> = sqlx::query_as(
            "SELECT c.members, c.composition, c.version
             FROM table_compositions c
             JOIN tables t ON t.id = c.table_id
             WHERE c.table_id = $1 AND t.initiative_id = $2
             ORDER BY c.id DESC
             LIMIT 1",
        )
        .bind(table_id)
        .bind(initiative_id)
        .fetch_optional(&self.pool)
        .await
        .map_err(db_err)?;
        row.map(|(members, composition, version)| {
            Ok(Snapshot { members: json(&members)?, composition: json(&composition)?, version: version as u32 })
        })
        .transpose()
    }

    async fn composition_history(&self, initiative_id: Id, table_id: Option<Id>) -> StoreResult<Vec<(Id, Snapshot)>> {
        let rows: Vec<(Id, String, String, i64)> = sqlx::query_as(
            "SELECT c.table_id, c.members, c.composition, c.version
             FROM table_compositions c
             JOIN tables t ON t.id = c.table_id
             WHERE t.initiative_id = $1 AND ($2 IS NULL OR c.table_id = $2)
             ORDER BY c.id",
        )
        .bind(initiative_id)
        .bind(table_id)
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)?;
        rows.into_iter()
            .map(|(table, members, c, version)| {
                Ok((table, Snapshot { members: json(&members)?, composition: json(&c)?, version: version as u32 }))
            })
            .collect()
    }

    async fn publish_composition(&self, initiative_id: Id, table_id: Id, snapshot: &Snapshot) -> StoreResult<()> {
        let mut tx = self.begin().await?;
        Self::table_tx(&mut tx, initiative_id, table_id).await?;
        sqlx::query(
            "INSERT INTO table_compositions (table_id, published_at, members, composition, version)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(table_id)
        .bind(snapshot.composition.as_of)
        .bind(to_json(&snapshot.members))
        .bind(to_json(&snapshot.composition))
        .bind(i64::from(snapshot.version))
        .execute(&mut *tx)
        .await
        .map_err(db_err)?;
        tx.commit().await.map_err(db_err)
    }

    async fn tables(&self, initiative_id: Id) -> StoreResult<Vec<Table>> {
        let mut tables = sqlx::query_as::<_, TableRow>(&format!("{TABLE_SELECT} WHERE t.initiative_id = $2"))
            .bind(today())
            .bind(initiative_id)
            .fetch_all(&self.pool)
            .await
            .map_err(db_err)?
            .into_iter()
            .map(TableRow::into_domain)
            .collect::<StoreResult<Vec<Table>>>()?;
        // Steering committee first, then working groups, action networks, resident tables.
        tables.sort_by_key(|t| (t.kind, t.name.to_lowercase()));
        Ok(tables)
    }

    async fn table(&self, initiative_id: Id, id: Id) -> StoreResult<Table> {
        sqlx::query_as::<_, TableRow>(&format!("{TABLE_SELECT} WHERE t.id = $2 AND t.initiative_id = $3"))
            .bind(today())
            .bind(id)
            .bind(initiative_id)
            .fetch_one(&self.pool)
            .await
            .map_err(db_err)
            .map_err(not_found("table"))?
            .into_domain()
    }

    async fn create_table(&self, actor: &Actor, initiative_id: Id, input: &TableInput) -> StoreResult<Table> {
        input.validate()?;
        let now = Utc::now();
        let mut tx = self.begin().await?;
        Self::initiative_tx(&mut tx, initiative_id).await?;
        let id = Self::insert_table(&mut tx, initiative_id, input, now).await?;
        let t = Self::table_tx(&mut tx, initiative_id, id).await?;
        Self::audit(
            &mut tx,
            actor,
            Audit {
                initiative_id: Some(initiative_id),
                action: "table.create",
                entity: "table",
                entity_id: Some(id),
                before: None,
                after: Some(to_json(&t)),
            },
            now,
        )
        .await?;
        tx.commit().await.map_err(db_err)?;
        Ok(t)
    }

    async fn update_table(&self, actor: &Actor, initiative_id: Id, id: Id, input: &TableInput) -> StoreResult<Table> {
        input.validate()?;
        let now = Utc::now();
        let mut tx = self.begin().await?;
        let before = Self::table_tx(&mut tx, initiative_id, id).await?;
        sqlx::query(
            "UPDATE tables
             SET name = $1, kind = $2, purpose = $3, result_key = $4,
                 meets = $5, how_to_join = $6, contact_name = $7, contact_email = $8, welcomes_requests = $9
             WHERE id = $10",
        )
        .bind(input.name.trim())
        .bind(input.kind.as_str())
        .bind(input.purpose.trim())
        .bind(input.result_key.as_deref())
        .bind(input.joining.meets.trim())
        .bind(input.joining.how_to_join.trim())
        .bind(input.joining.contact_name.trim())
        .bind(input.joining.contact_email.trim())
        .bind(input.joining.welcomes_requests)
        .bind(id)
        .execute(&mut *tx)
        .await
        .map_err(db_err)?;
        let after = Self::table_tx(&mut tx, initiative_id, id).await?;
        Self::audit(
            &mut tx,
            actor,
            Audit {
                initiative_id: Some(initiative_id),
                action: "table.update",
                entity: "table",
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

    async fn memberships(
        &self,
        initiative_id: Id,
        table_id: Option<Id>,
        person_id: Option<Id>,
    ) -> StoreResult<Vec<Membership>> {
        sqlx::query_as::<_, MembershipRow>(&format!(
            "{MEMBERSHIP_SELECT}
             WHERE t.initiative_id = $1 AND ($2 IS NULL OR m.table_id = $2) AND ($3 IS NULL OR m.person_id = $3)
             ORDER BY (m.end_date IS NULL) DESC, m.end_date DESC, m.start_date, lower(p.name)"
        ))
        .bind(initiative_id)
        .bind(table_id)
        .bind(person_id)
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(MembershipRow::into_domain)
        .collect()
    }

    async fn add_membership(
        &self,
        actor: &Actor,
        initiative_id: Id,
        table_id: Id,
        input: &MembershipInput,
    ) -> StoreResult<Membership> {
        input.validate()?;
        let now = Utc::now();
        let mut tx = self.begin().await?;
        Self::table_tx(&mut tx, initiative_id, table_id).await?;
        Self::person_tx(&mut tx, initiative_id, input.person_id).await.map_err(|e| match e {
            StoreError::NotFound(_) => {
                backbone_core::Invalid::one("person_id", "is not a person in this initiative").into()
            }
            other => other,
        })?;
        Self::check_no_overlapping_seat(&mut tx, table_id, input).await?;
        let id = Self::insert_membership(&mut tx, table_id, input).await?;
        let m = Self::membership_tx(&mut tx, initiative_id, id).await?;
        Self::audit(
            &mut tx,
            actor,
            Audit {
                initiative_id: Some(initiative_id),
                action: "membership.create",
                entity: "membership",
                entity_id: Some(id),
                before: None,
                after: Some(to_json(&m)),
            },
            now,
        )
        .await?;
        tx.commit().await.map_err(db_err)?;
        Ok(m)
    }

    async fn update_membership(
        &self,
        actor: &Actor,
        initiative_id: Id,
        id: Id,
        input: &MembershipUpdate,
    ) -> StoreResult<Membership> {
        let now = Utc::now();
        let mut tx = self.begin().await?;
        let before = Self::membership_tx(&mut tx, initiative_id, id).await?;
        let end = input.end_date.or(before.end_date);
        if let Some(e) = end {
            if e < before.start_date {
                return Err(backbone_core::Invalid::one(
                    "end_date",
                    format!("must be on or after the start date, {}", before.start_date),
                )
                .into());
            }
        }
        sqlx::query("UPDATE memberships SET role = $1, end_date = $2 WHERE id = $3")
            .bind(input.role.unwrap_or(before.role).as_str())
            .bind(end)
            .bind(id)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        let after = Self::membership_tx(&mut tx, initiative_id, id).await?;
        Self::audit(
            &mut tx,
            actor,
            Audit {
                initiative_id: Some(initiative_id),
                action: "membership.update",
                entity: "membership",
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
    pub(super) async fn table_tx(tx: &mut sqlx::Transaction<'_, Db>, initiative_id: Id, id: Id) -> StoreResult<Table> {
        sqlx::query_as::<_, TableRow>(&format!("{TABLE_SELECT} WHERE t.id = $2 AND t.initiative_id = $3"))
            .bind(today())
            .bind(id)
            .bind(initiative_id)
            .fetch_one(&mut **tx)
            .await
            .map_err(db_err)
            .map_err(not_found("table"))?
            .into_domain()
    }

    pub(super) async fn membership_tx(
        tx: &mut sqlx::Transaction<'_, Db>,
        initiative_id: Id,
        id: Id,
    ) -> StoreResult<Membership> {
        sqlx::query_as::<_, MembershipRow>(&format!("{MEMBERSHIP_SELECT} WHERE m.id = $1 AND t.initiative_id = $2"))
            .bind(id)
            .bind(initiative_id)
            .fetch_one(&mut **tx)
            .await
            .map_err(db_err)
            .map_err(not_found("membership"))?
            .into_domain()
    }

    pub(super) async fn insert_table(
        tx: &mut sqlx::Transaction<'_, Db>,
        initiative_id: Id,
        t: &TableInput,
        created: DateTime<Utc>,
    ) -> StoreResult<Id> {
        sqlx::query_scalar(
            "INSERT INTO tables (initiative_id, name, kind, purpose, result_key, created_at,
                 meets, how_to_join, contact_name, contact_email, welcomes_requests)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
             RETURNING id",
        )
        .bind(initiative_id)
        .bind(t.name.trim())
        .bind(t.kind.as_str())
        .bind(t.purpose.trim())
        .bind(t.result_key.as_deref())
        .bind(created)
        .bind(t.joining.meets.trim())
        .bind(t.joining.how_to_join.trim())
        .bind(t.joining.contact_name.trim())
        .bind(t.joining.contact_email.trim())
        .bind(t.joining.welcomes_requests)
        .fetch_one(&mut **tx)
        .await
        .map_err(db_err)
    }

    /// A person sits at a table once at a time. Memberships are days [start, end): one ending on
    /// the day another starts does not overlap it.
    pub(super) async fn check_no_overlapping_seat(
        tx: &mut sqlx::Transaction<'_, Db>,
        table_id: Id,
        m: &MembershipInput,
    ) -> StoreResult<()> {
        let far = chrono::NaiveDate::from_ymd_opt(9999, 12, 31).expect("valid date");
        let overlapping: i64 = sqlx::query_scalar(
            "SELECT COUNT(*)
             FROM memberships
             WHERE table_id = $1 AND person_id = $2 AND start_date < $3 AND (end_date IS NULL OR end_date > $4)",
        )
        .bind(table_id)
        .bind(m.person_id)
        .bind(m.end_date.unwrap_or(far))
        .bind(m.start_date)
        .fetch_one(&mut **tx)
        .await
        .map_err(db_err)?;
        if overlapping > 0 {
            return Err(StoreError::conflict("person_id", "this person already sits at this table during these dates"));
        }
        Ok(())
    }

    pub(super) async fn insert_membership(
        tx: &mut sqlx::Transaction<'_, Db>,
        table_id: Id,
        m: &MembershipInput,
    ) -> StoreResult<Id> {
        sqlx::query_scalar(
            "INSERT INTO memberships (table_id, person_id, role, start_date, end_date)
             VALUES ($1, $2, $3, $4, $5)
             RETURNING id",
        )
        .bind(table_id)
        .bind(m.person_id)
        .bind(m.role.as_str())
        .bind(m.start_date)
        .bind(m.end_date)
        .fetch_one(&mut **tx)
        .await
        .map_err(db_err)
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct TableRow {
    pub id: i64,
    pub initiative_id: i64,
    pub name: String,
    pub kind: String,
    pub purpose: String,
    pub result_key: Option<String>,
    pub active_members: i64,
    pub created_at: DateTime<Utc>,
    pub meets: String,
    pub how_to_join: String,
    pub contact_name: String,
    pub contact_email: String,
    pub welcomes_requests: bool,
}

impl TableRow {
    pub(super) fn into_domain(self) -> Result<Table, StoreError> {
        Ok(Table {
            id: self.id,
            initiative_id: self.initiative_id,
            name: self.name,
            kind: vocab(TableKind::parse, &self.kind, "table kind")?,
            purpose: self.purpose,
            result_key: self.result_key,
            joining: TableJoining {
                meets: self.meets,
                how_to_join: self.how_to_join,
                contact_name: self.contact_name,
                contact_email: self.contact_email,
                welcomes_requests: self.welcomes_requests,
            },
            active_members: self.active_members,
            created_at: self.created_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct MembershipRow {
    pub id: i64,
    pub table_id: i64,
    pub table_name: String,
    pub person_id: i64,
    pub person_name: String,
    pub organization_name: Option<String>,
    pub role: String,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
}

impl MembershipRow {
    pub(super) fn into_domain(self) -> Result<Membership, StoreError> {
        Ok(Membership {
            id: self.id,
            table_id: self.table_id,
            table_name: self.table_name,
            person_id: self.person_id,
            person_name: self.person_name,
            organization_name: self.organization_name,
            role: vocab(MemberRole::parse, &self.role, "member role")?,
            start_date: self.start_date,
            end_date: self.end_date,
        })
    }
}
