use super::*;
use crate::audit::Actor;
use crate::error::StoreResult;

/// Users, roles, sessions, sign-in attempts and API tokens. Only hashes of secrets are stored.
#[async_trait::async_trait]
pub trait AccountStore: Send + Sync {
    async fn create_user(&self, actor: &Actor, input: &NewUser, password_hash: &str) -> StoreResult<User>;
    async fn user(&self, id: Id) -> StoreResult<User>;
    async fn users(&self) -> StoreResult<Vec<User>>;
    async fn credentials(&self, username: &str) -> StoreResult<Option<Credentials>>;
    /// Sets a new password and ends the user's sessions.
    async fn set_password(&self, actor: &Actor, user_id: Id, password_hash: &str) -> StoreResult<()>;
    async fn set_user_disabled(&self, actor: &Actor, user_id: Id, disabled: bool) -> StoreResult<User>;
    async fn grants_for_user(&self, user_id: Id) -> StoreResult<Vec<RoleGrant>>;
    async fn grants_in_initiative(&self, initiative_id: Id) -> StoreResult<Vec<RoleGrant>>;
    async fn grant_role(&self, actor: &Actor, initiative_id: Id, input: &RoleGrantInput) -> StoreResult<RoleGrant>;
    async fn revoke_role(&self, actor: &Actor, initiative_id: Id, grant: &RoleGrantInput) -> StoreResult<()>;

    async fn create_session(&self, token_hash: &str, user_id: Id, expires_at: DateTime<Utc>) -> StoreResult<()>;
    async fn session_user(&self, token_hash: &str, now: DateTime<Utc>) -> StoreResult<Option<User>>;
    async fn delete_session(&self, token_hash: &str) -> StoreResult<()>;
    async fn record_login_attempt(
        &self,
        username: &str,
        client: &str,
        success: bool,
        at: DateTime<Utc>,
    ) -> StoreResult<()>;
    /// Recent sign-in attempts for this username and this client (see `throttle`).
    async fn sign_in_history(
        &self,
        username: &str,
        client: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<throttle::SignInHistory>;

    async fn create_api_token(
        &self,
        actor: &Actor,
        user_id: Id,
        name: &str,
        prefix: &str,
        token_hash: &str,
    ) -> StoreResult<ApiToken>;
    async fn api_tokens(&self, user_id: Id) -> StoreResult<Vec<ApiToken>>;
    async fn revoke_api_token(&self, actor: &Actor, user_id: Id, token_id: Id) -> StoreResult<ApiToken>;
    async fn api_token_user(&self, token_hash: &str, now: DateTime<Utc>) -> StoreResult<Option<User>>;
}
