//! Accounts: users, the roles they hold in each initiative, API tokens, sessions and sign-in
//! attempts. Who may do what with a role is decided in `access`, not here.

mod store;
pub mod throttle;
pub use store::AccountStore;

use crate::checks::*;
use crate::error::Invalid;
use crate::vocabulary::vocabulary;
use crate::Id;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

vocabulary! {
    /// What a signed-in user may do in one initiative. The public (no login) has no role.
    Role {
        Admin => "admin",
        DataSteward => "data_steward",
        TableMember => "table_member",
        ResidentMember => "resident_member",
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct User {
    pub id: Id,
    /// Sign-in name (an e-mail address or a short name), unique on the server.
    pub username: String,
    pub display_name: String,
    /// Server operators can create initiatives and manage every one.
    pub server_admin: bool,
    pub disabled: bool,
    pub created_at: DateTime<Utc>,
}

/// A user with the password hash, for the sign-in check only. Never serialised.
#[derive(Clone)]
pub struct Credentials {
    pub user: User,
    pub password_hash: String,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials").field("user", &self.user).field("password_hash", &"<hidden>").finish()
    }
}

#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewUser {
    pub username: String,
    pub display_name: String,
    /// At least 10 characters.
    pub password: String,
    #[serde(default)]
    pub server_admin: bool,
}

pub const MIN_PASSWORD_LEN: usize = 10;

impl NewUser {
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut inv = Invalid::new();
        check_username(&mut inv, "username", &self.username);
        check_text(&mut inv, "display_name", &self.display_name, 1, 200);
        check_password(&mut inv, "password", &self.password);
        inv.into_result()
    }
}

pub fn check_password(inv: &mut Invalid, field: &str, password: &str) {
    if password.chars().count() < MIN_PASSWORD_LEN {
        inv.add(field, format!("must be at least {MIN_PASSWORD_LEN} characters"));
    }
    if password.len() > 1000 {
        inv.add(field, "must be at most 1000 characters");
    }
}

/// One role a user holds in one initiative. A data steward acts for one organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct RoleGrant {
    pub user_id: Id,
    pub initiative_id: Id,
    pub role: Role,
    pub organization_id: Option<Id>,
}

#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RoleGrantInput {
    pub user_id: Id,
    pub role: Role,
    #[serde(default)]
    pub organization_id: Option<Id>,
}

impl RoleGrantInput {
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut inv = Invalid::new();
        match (self.role, self.organization_id) {
            (Role::DataSteward, None) => {
                inv.add("organization_id", "a data steward acts for one organisation: name it")
            }
            (r, Some(_)) if r != Role::DataSteward => {
                inv.add("organization_id", "only a data steward acts for an organisation")
            }
            _ => {}
        }
        inv.into_result()
    }
}

/// An API token for a machine client. The secret is shown once, at creation; only its hash is kept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ApiToken {
    pub id: Id,
    pub user_id: Id,
    pub name: String,
    /// The first characters of the secret, to recognise it.
    pub prefix: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ApiTokenInput {
    pub name: String,
}

impl ApiTokenInput {
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut inv = Invalid::new();
        check_text(&mut inv, "name", &self.name, 1, 100);
        inv.into_result()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_steward_must_name_an_organisation_and_only_a_steward_may() {
        let g = RoleGrantInput { user_id: 1, role: Role::DataSteward, organization_id: None };
        assert!(g.validate().is_err());
        let g = RoleGrantInput { user_id: 1, role: Role::Admin, organization_id: Some(3) };
        assert!(g.validate().is_err());
        let g = RoleGrantInput { user_id: 1, role: Role::DataSteward, organization_id: Some(3) };
        assert!(g.validate().is_ok());
    }
}
