use super::*;
use crate::audit::Actor;
use crate::error::StoreResult;

/// Meetings, their agendas and attendance. The table, the agenda's leads and the people on an
/// attendance list must be the initiative's; every change is audited with what it was.
#[async_trait::async_trait]
pub trait MeetingStore: Send + Sync {
    /// Meetings matching `query`, soonest first.
    async fn meetings(&self, initiative_id: Id, query: &MeetingQuery) -> StoreResult<Vec<Meeting>>;
    async fn meeting(&self, initiative_id: Id, id: Id) -> StoreResult<Meeting>;
    async fn create_meeting(&self, actor: &Actor, initiative_id: Id, input: &MeetingInput) -> StoreResult<Meeting>;
    async fn update_meeting(
        &self,
        actor: &Actor,
        initiative_id: Id,
        id: Id,
        input: &MeetingInput,
    ) -> StoreResult<Meeting>;
    /// Who came, by name.
    async fn attendance(&self, initiative_id: Id, meeting_id: Id) -> StoreResult<Vec<Attendance>>;
    /// Every attendance record of the initiative: (meeting, attendance), for the accountability
    /// view.
    async fn all_attendance(&self, initiative_id: Id) -> StoreResult<Vec<(Id, Attendance)>>;
    /// Replaces who came to a meeting.
    async fn set_attendance(
        &self,
        actor: &Actor,
        initiative_id: Id,
        meeting_id: Id,
        list: &[AttendanceInput],
    ) -> StoreResult<Vec<Attendance>>;
}
