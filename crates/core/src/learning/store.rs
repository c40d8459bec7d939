use super::*;
use crate::audit::Actor;
use crate::error::StoreResult;

/// Improvement cycles and the learning log.
#[async_trait::async_trait]
pub trait LearningStore: Send + Sync {
    /// Cycles, newest first (of one indicator, when given).
    async fn cycles(&self, initiative_id: Id, indicator_key: Option<&str>) -> StoreResult<Vec<Cycle>>;
    async fn cycle(&self, initiative_id: Id, id: Id) -> StoreResult<Cycle>;
    async fn create_cycle(&self, actor: &Actor, initiative_id: Id, input: &CycleInput) -> StoreResult<Cycle>;
    /// Changes a cycle; the audit log keeps each earlier state.
    async fn update_cycle(&self, actor: &Actor, initiative_id: Id, id: Id, input: &CycleInput) -> StoreResult<Cycle>;
    /// Lessons, newest first, matching the query (its words by full-text search).
    async fn lessons(&self, initiative_id: Id, query: &LessonQuery) -> StoreResult<Vec<Lesson>>;
    async fn lesson(&self, initiative_id: Id, id: Id) -> StoreResult<Lesson>;
    async fn create_lesson(&self, actor: &Actor, initiative_id: Id, input: &LessonInput) -> StoreResult<Lesson>;
}
