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
    /// Links a person to the account they sign in with (or unlinks them, with `None`). An account
    /// is at most one person of an initiative: linking it again is a conflict.
    async fn set_person_account(
        &self,
        actor: &Actor,
        initiative_id: Id,
        id: Id,
        user_id: Option<Id>,
    ) -> StoreResult<Person>;
    /// A person shares their demographics themselves, changes them, or withdraws them (`None`):
    /// withdrawn answers are erased, and leave every aggregate from the next one on. Audited
    /// without the answers.
    async fn set_own_demographics(
        &self,
        actor: &Actor,
        initiative_id: Id,
        person_id: Id,
        demographics: Option<&Demographics>,
    ) -> StoreResult<Person>;
    /// The person an account is in this initiative, if any.
    async fn person_of_user(&self, initiative_id: Id, user_id: Id) -> StoreResult<Option<Person>>;
}
