use super::*;
use crate::audit::Actor;
use crate::error::StoreResult;

/// People and their (consented) demographics.
#[async_trait::async_trait]
pub trait PeopleStore: Send + Sync {
    async fn people(&self, initiative_id: Id) -> StoreResult<Vec<Person>>;
    async fn person(&self, initiative_id: Id, id: Id) -> StoreResult<Person>;
    async fn create_person(&self, actor: &Actor, initiative_id: Id, input: &PersonInput) -> StoreResult<Person>;
    async fn update_person(&self, actor: &Actor, initiative_id: Id, id: Id, input: &PersonInput)
        -> StoreResult<Person>;
}
