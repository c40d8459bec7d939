//! Meetings, their agendas and attendance (`core::meetings`).

use super::*;
use backbone_core::meetings::*;

const MEETING_COLS: &str =
    "id, initiative_id, table_id, title, starts_at, minutes, place, agenda, notes, cancelled, created_at, updated_at";

#[async_trait::async_trait]
impl MeetingStore for This {
    async fn meetings(&self, initiative_id: Id, query: &MeetingQuery) -> StoreResult<Vec<Meeting>> {
        let rows = sqlx::query_as::<_, MeetingRow>(&format!(
            "SELECT {MEETING_COLS}
             FROM meetings
             WHERE initiative_id = $1 AND ($2 IS NULL OR table_id = $2)
               AND ($3 IS NULL OR starts_at >= $3) AND ($4 IS NULL OR starts_at < $4)
               AND ($5 IS NULL OR created_at BETWEEN $5 AND $6 OR starts_at BETWEEN $5 AND $6)
             ORDER BY starts_at, id"
        ))
        .bind(initiative_id)
        .bind(query.table_id)
        .bind(query.from)
        .bind(query.until)
        .bind(query.planned_or_starting.map(|w| w.0))
        .bind(query.planned_or_starting.map(|w| w.1))
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)?;
        let all = rows.into_iter().map(MeetingRow::into_domain).collect::<StoreResult<Vec<_>>>()?;
        Ok(all.into_iter().filter(|m| query.matches(m)).collect())
    }

    async fn meeting(&self, initiative_id: Id, id: Id) -> StoreResult<Meeting> {
        let mut tx = self.pool.begin().await.map_err(db_err)?;
        let m = Self::meeting_tx(&mut tx, initiative_id, id).await;
        tx.rollback().await.map_err(db_err)?;
        m
    }

    async fn create_meeting(&self, actor: &Actor, initiative_id: Id, input: &MeetingInput) -> StoreResult<Meeting> {
        input.validate()?;
        let now = Utc::now();
        let mut tx = self.begin().await?;
        Self::initiative_tx(&mut tx, initiative_id).await?;
        Self::check_meeting_references(&mut tx, initiative_id, input).await?;
        let id = Self::insert_meeting(&mut tx, initiative_id, input, (now, now)).await?;
        let m = Self::meeting_tx(&mut tx, initiative_id, id).await?;
        Self::audit(
            &mut tx,
            actor,
            Audit {
                initiative_id: Some(initiative_id),
                action: "meeting.create",
                entity: "meeting",
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

    async fn update_meeting(
        &self,
        actor: &Actor,
        initiative_id: Id,
        id: Id,
        input: &MeetingInput,
    ) -> StoreResult<Meeting> {
        input.validate()?;
        let now = Utc::now();
        let mut tx = self.begin().await?;
        let before = Self::meeting_tx(&mut tx, initiative_id, id).await?;
        if input.table_id != before.table_id {
            return Err(backbone_core::Invalid::one("table_id", "a meeting stays with its table").into());
        }
        Self::check_meeting_references(&mut tx, initiative_id, input).await?;
        sqlx::query(
            "UPDATE meetings
             SET title = $1, starts_at = $2, minutes = $3, place = $4, agenda = $5, notes = $6, cancelled = $7,
                 updated_at = $8
             WHERE id = $9",
        )
        .bind(input.title.trim())
        .bind(input.starts_at)
        .bind(input.minutes as i32)
        .bind(input.place.trim())
        .bind(to_json(&input.agenda))
        .bind(input.notes.trim())
        .bind(input.cancelled)
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await
        .map_err(db_err)?;
        let after = Self::meeting_tx(&mut tx, initiative_id, id).await?;
        // Its time or its cancellation may have moved who was expected when.
        let days = [before.starts_at.date_naive(), after.starts_at.date_naive()];
        Self::recount_attendance_days(&mut tx, initiative_id, days).await?;
        Self::audit(
            &mut tx,
            actor,
            Audit {
                initiative_id: Some(initiative_id),
                action: "meeting.update",
                entity: "meeting",
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

    async fn attendance(&self, initiative_id: Id, meeting_id: Id) -> StoreResult<Vec<Attendance>> {
        self.meeting(initiative_id, meeting_id).await?;
        let rows: Vec<AttendanceRow> = sqlx::query_as(
            "SELECT a.meeting_id, a.person_id, p.name AS person_name, p.organization_id, a.status
             FROM meeting_attendance a
             JOIN people p ON p.id = a.person_id
             WHERE a.meeting_id = $1
             ORDER BY lower(p.name)",
        )
        .bind(meeting_id)
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)?;
        rows.into_iter().map(|r| r.into_domain().map(|(_, a)| a)).collect()
    }

    async fn all_attendance(&self, initiative_id: Id) -> StoreResult<Vec<(Id, Attendance)>> {
        let rows: Vec<AttendanceRow> = sqlx::query_as(
            "SELECT a.meeting_id, a.person_id, p.name AS person_name, p.organization_id, a.status
             FROM meeting_attendance a
             JOIN people p ON p.id = a.person_id
             JOIN meetings m ON m.id = a.meeting_id
             WHERE m.initiative_id = $1
             ORDER BY a.meeting_id, a.person_id",
        )
        .bind(initiative_id)
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)?;
        rows.into_iter().map(AttendanceRow::into_domain).collect()
    }

    async fn set_attendance(
        &self,
        actor: &Actor,
        initiative_id: Id,
        meeting_id: Id,
        list: &[AttendanceInput],
    ) -> StoreResult<Vec<Attendance>> {
        check_attendance(list)?;
        let now = Utc::now();
        let mut tx = self.begin().await?;
        let meeting = Self::meeting_tx(&mut tx, initiative_id, meeting_id).await?;
        let mut inv = backbone_core::Invalid::new();
        for (i, a) in list.iter().enumerate() {
            if matches!(Self::person_tx(&mut tx, initiative_id, a.person_id).await, Err(StoreError::NotFound(_))) {
                inv.add(format!("attendance[{i}].person_id"), "is not a person of this initiative");
            }
        }
        inv.into_result()?;
        let before: Vec<(Id, String)> =
            sqlx::query_as("SELECT person_id, status FROM meeting_attendance WHERE meeting_id = $1 ORDER BY person_id")
                .bind(meeting_id)
                .fetch_all(&mut *tx)
                .await
                .map_err(db_err)?;
        sqlx::query("DELETE FROM meeting_attendance WHERE meeting_id = $1")
            .bind(meeting_id)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        for a in list {
            sqlx::query(
                "INSERT INTO meeting_attendance (meeting_id, person_id, status)
                 VALUES ($1, $2, $3)",
            )
            .bind(meeting_id)
            .bind(a.person_id)
            .bind(a.status.as_str())
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        }
        Self::recount_attendance_days(&mut tx, initiative_id, [meeting.starts_at.date_naive()]).await?;
        let after: Vec<(Id, &str)> = list.iter().map(|a| (a.person_id, a.status.as_str())).collect();
        Self::audit(
            &mut tx,
            actor,
            Audit {
                initiative_id: Some(initiative_id),
                action: "meeting.attendance",
                entity: "meeting",
                entity_id: Some(meeting_id),
                before: Some(to_json(&before)),
                after: Some(to_json(&after)),
            },
            now,
        )
        .await?;
        tx.commit().await.map_err(db_err)?;
        self.attendance(initiative_id, meeting_id).await
    }
}

impl This {
    pub(super) async fn meeting_tx(
        tx: &mut sqlx::Transaction<'_, Db>,
        initiative_id: Id,
        id: Id,
    ) -> StoreResult<Meeting> {
        sqlx::query_as::<_, MeetingRow>(&format!(
            "SELECT {MEETING_COLS}
             FROM meetings
             WHERE id = $1 AND initiative_id = $2"
        ))
        .bind(id)
        .bind(initiative_id)
        .fetch_one(&mut **tx)
        .await
        .map_err(db_err)
        .map_err(not_found("meeting"))?
        .into_domain()
    }

    /// The table and the agenda's leads must be the initiative's.
    async fn check_meeting_references(
        tx: &mut sqlx::Transaction<'_, Db>,
        initiative_id: Id,
        input: &MeetingInput,
    ) -> StoreResult<()> {
        let mut inv = backbone_core::Invalid::new();
        if matches!(Self::table_tx(tx, initiative_id, input.table_id).await, Err(StoreError::NotFound(_))) {
            inv.add("table_id", "is not a table of this initiative");
        }
        for (i, person) in input.leads() {
            if matches!(Self::person_tx(tx, initiative_id, person).await, Err(StoreError::NotFound(_))) {
                inv.add(format!("agenda[{i}].lead_person_id"), "is not a person of this initiative");
            }
        }
        inv.into_result()?;
        Ok(())
    }

    pub(super) async fn insert_meeting(
        tx: &mut sqlx::Transaction<'_, Db>,
        initiative_id: Id,
        input: &MeetingInput,
        (created, updated): (DateTime<Utc>, DateTime<Utc>),
    ) -> StoreResult<Id> {
        sqlx::query_scalar(
            "INSERT INTO meetings (initiative_id, table_id, title, starts_at, minutes, place, agenda, notes, cancelled,
                 created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
             RETURNING id",
        )
        .bind(initiative_id)
        .bind(input.table_id)
        .bind(input.title.trim())
        .bind(input.starts_at)
        .bind(input.minutes as i32)
        .bind(input.place.trim())
        .bind(to_json(&input.agenda))
        .bind(input.notes.trim())
        .bind(input.cancelled)
        .bind(created)
        .bind(updated)
        .fetch_one(&mut **tx)
        .await
        .map_err(db_err)
    }
}

#[derive(sqlx::FromRow)]
struct MeetingRow {
    id: Id,
    initiative_id: Id,
    table_id: Id,
    title: String,
    starts_at: DateTime<Utc>,
    minutes: i32,
    place: String,
    agenda: String,
    notes: String,
    cancelled: bool,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl MeetingRow {
    fn into_domain(self) -> StoreResult<Meeting> {
        Ok(Meeting {
            id: self.id,
            initiative_id: self.initiative_id,
            table_id: self.table_id,
            title: self.title,
            starts_at: self.starts_at,
            minutes: self.minutes.max(0) as u32,
            place: self.place,
            agenda: json(&self.agenda)?,
            notes: self.notes,
            cancelled: self.cancelled,
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

#[derive(sqlx::FromRow)]
struct AttendanceRow {
    meeting_id: Id,
    person_id: Id,
    person_name: String,
    organization_id: Option<Id>,
    status: String,
}

impl AttendanceRow {
    fn into_domain(self) -> StoreResult<(Id, Attendance)> {
        Ok((
            self.meeting_id,
            Attendance {
                person_id: self.person_id,
                person_name: self.person_name,
                organization_id: self.organization_id,
                status: vocab(AttendanceStatus::parse, &self.status, "attendance")?,
            },
        ))
    }
}
