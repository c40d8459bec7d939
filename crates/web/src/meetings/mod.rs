//! Meetings of the tables: planning them (agenda items and who leads each), recording who came
//! and the notes, and what was decided and committed there.

pub mod api;
pub mod calendar;
pub mod packet;
pub mod pages;

use crate::http::error::AppError;
use crate::http::viewer::Viewer;
use crate::AppState;
use backbone_core::tables::MemberRole;
use backbone_core::Id;

/// Whether the viewer's person chairs or facilitates `table_id` today — who besides backbone
/// staff runs that table's meetings (`Access::can_run_meetings_of`).
pub async fn leads_table(s: &AppState, initiative_id: Id, viewer: &Viewer, table_id: Id) -> Result<bool, AppError> {
    let Some(user) = &viewer.user else { return Ok(false) };
    let Some(person) = s.store.person_of_user(initiative_id, user.id).await? else { return Ok(false) };
    let today = chrono::Utc::now().date_naive();
    Ok(s.store
        .memberships(initiative_id, Some(table_id), Some(person.id))
        .await?
        .iter()
        .any(|m| m.is_current(today) && matches!(m.role, MemberRole::Chair | MemberRole::Facilitator)))
}
