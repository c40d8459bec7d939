use super::*;

pub(super) const USER_COLS: &str = "id, username, display_name, server_admin, disabled, created_at";

pub(super) const TOKEN_COLS: &str = "id, user_id, name, prefix, created_at, last_used_at, revoked_at";

#[async_trait::async_trait]
impl AccountStore for This {
    async fn create_user(&self, actor: &Actor, input: &NewUser, password_hash: &str) -> StoreResult<User> {
        input.validate()?;
        let now = Utc::now();
        let mut tx = self.begin().await?;
        let id: Id = sqlx::query_scalar(
            "INSERT INTO users (username, display_name, password_hash, server_admin, disabled, created_at)
             VALUES ($1, $2, $3, $4, FALSE, $5)
             RETURNING id",
        )
        .bind(input.username.trim())
        .bind(input.display_name.trim())
        .bind(password_hash)
        .bind(input.server_admin)
        .bind(now)
        .fetch_one(&mut *tx)
        .await
        .map_err(db_err)?;
        let u = Self::user_by_name_tx(&mut tx, input.username.trim()).await?.ok_or(StoreError::NotFound("user"))?;
        Self::audit(
            &mut tx,
            actor,
            Audit {
                initiative_id: None,
                action: "user.create",
                entity: "user",
                entity_id: Some(id),
                before: None,
                after: Some(to_json(&u)),
            },
            now,
        )
        .await?;
        tx.commit().await.map_err(db_err)?;
        Ok(u)
    }

    async fn user(&self, id: Id) -> StoreResult<User> {
        Ok(sqlx::query_as::<_, UserRow>(&format!("SELECT {USER_COLS} FROM users WHERE id = $1"))
            .bind(id)
            .fetch_one(&self.pool)
            .await
            .map_err(db_err)
            .map_err(not_found("user"))?
            .into_domain())
    }

    async fn users(&self) -> StoreResult<Vec<User>> {
        Ok(sqlx::query_as::<_, UserRow>(&format!("SELECT {USER_COLS} FROM users ORDER BY lower(display_name)"))
            .fetch_all(&self.pool)
            .await
            .map_err(db_err)?
            .into_iter()
            .map(UserRow::into_domain)
            .collect())
    }

    async fn credentials(&self, username: &str) -> StoreResult<Option<Credentials>> {
        let row = sqlx::query_as::<_, CredentialsRow>(&format!(
            "SELECT {USER_COLS}, password_hash
             FROM users
             WHERE lower(username) = lower($1)"
        ))
        .bind(username.trim())
        .fetch_optional(&self.pool)
        .await
        .map_err(db_err)?;
        Ok(row.map(|r| Credentials {
            password_hash: r.password_hash.unwrap_or_default(),
            user: User {
                id: r.id,
                username: r.username,
                display_name: r.display_name,
                server_admin: r.server_admin,
                disabled: r.disabled,
                created_at: r.created_at,
            },
        }))
    }

    async fn set_password(&self, actor: &Actor, user_id: Id, password_hash: &str) -> StoreResult<()> {
        let now = Utc::now();
        let mut tx = self.begin().await?;
        let n = sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
            .bind(password_hash)
            .bind(user_id)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?
            .rows_affected();
        if n == 0 {
            return Err(StoreError::NotFound("user"));
        }
        // A new password ends every session and every API token (a reset after a leak must leave
        // nothing working), and is recorded without the secret.
        sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(user_id).execute(&mut *tx).await.map_err(db_err)?;
        let tokens = sqlx::query(
            "UPDATE api_tokens
             SET revoked_at = $1
             WHERE user_id = $2 AND revoked_at IS NULL",
        )
        .bind(now)
        .bind(user_id)
        .execute(&mut *tx)
        .await
        .map_err(db_err)?
        .rows_affected();
        Self::audit(
            &mut tx,
            actor,
            Audit {
                initiative_id: None,
                action: "user.password",
                entity: "user",
                entity_id: Some(user_id),
                before: None,
                after: Some(serde_json::json!({ "api_tokens_revoked": tokens }).to_string()),
            },
            now,
        )
        .await?;
        tx.commit().await.map_err(db_err)?;
        Ok(())
    }

    async fn set_user_disabled(&self, actor: &Actor, user_id: Id, disabled: bool) -> StoreResult<User> {
        let now = Utc::now();
        let mut tx = self.begin().await?;
        let before = sqlx::query_as::<_, UserRow>(&format!("SELECT {USER_COLS} FROM users WHERE id = $1"))
            .bind(user_id)
            .fetch_one(&mut *tx)
            .await
            .map_err(db_err)
            .map_err(not_found("user"))?
            .into_domain();
        sqlx::query("UPDATE users SET disabled = $1 WHERE id = $2")
            .bind(disabled)
            .bind(user_id)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        if disabled {
            sqlx::query("DELETE FROM sessions WHERE user_id = $1")
                .bind(user_id)
                .execute(&mut *tx)
                .await
                .map_err(db_err)?;
        }
        let after = User { disabled, ..before.clone() };
        Self::audit(
            &mut tx,
            actor,
            Audit {
                initiative_id: None,
                action: "user.disable",
                entity: "user",
                entity_id: Some(user_id),
                before: Some(to_json(&before)),
                after: Some(to_json(&after)),
            },
            now,
        )
        .await?;
        tx.commit().await.map_err(db_err)?;
        Ok(after)
    }

    async fn grants_for_user(&self, user_id: Id) -> StoreResult<Vec<RoleGrant>> {
        sqlx::query_as::<_, GrantRow>(
            "SELECT user_id, initiative_id, role, organization_id
             FROM role_grants
             WHERE user_id = $1
             ORDER BY id",
        )
        .bind(user_id)
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(GrantRow::into_domain)
        .collect()
    }

    async fn grants_in_initiative(&self, initiative_id: Id) -> StoreResult<Vec<RoleGrant>> {
        sqlx::query_as::<_, GrantRow>(
            "SELECT user_id, initiative_id, role, organization_id
             FROM role_grants
             WHERE initiative_id = $1
             ORDER BY id",
        )
        .bind(initiative_id)
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(GrantRow::into_domain)
        .collect()
    }

    async fn grant_role(&self, actor: &Actor, initiative_id: Id, input: &RoleGrantInput) -> StoreResult<RoleGrant> {
        input.validate()?;
        let now = Utc::now();
        let mut tx = self.begin().await?;
        Self::initiative_tx(&mut tx, initiative_id).await?;
        Self::check_org_in_initiative(&mut tx, initiative_id, input.organization_id, "organization_id").await?;
        let exists: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE id = $1")
            .bind(input.user_id)
            .fetch_one(&mut *tx)
            .await
            .map_err(db_err)?;
        if exists == 0 {
            return Err(backbone_core::Invalid::one("user_id", "is not a user on this server").into());
        }
        sqlx::query(
            "INSERT INTO role_grants (user_id, initiative_id, role, organization_id, created_at)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(input.user_id)
        .bind(initiative_id)
        .bind(input.role.as_str())
        .bind(input.organization_id)
        .bind(now)
        .execute(&mut *tx)
        .await
        .map_err(db_err)?;
        let g = RoleGrant {
            user_id: input.user_id,
            initiative_id,
            role: input.role,
            organization_id: input.organization_id,
        };
        Self::audit(
            &mut tx,
            actor,
            Audit {
                initiative_id: Some(initiative_id),
                action: "role.grant",
                entity: "user",
                entity_id: Some(input.user_id),
                before: None,
                after: Some(to_json(&g)),
            },
            now,
        )
        .await?;
        tx.commit().await.map_err(db_err)?;
        Ok(g)
    }

    async fn revoke_role(&self, actor: &Actor, initiative_id: Id, input: &RoleGrantInput) -> StoreResult<()> {
        let now = Utc::now();
        let mut tx = self.begin().await?;
        let n = sqlx::query(
            "DELETE FROM role_grants
             WHERE user_id = $1 AND initiative_id = $2 AND role = $3 AND coalesce(organization_id, 0) = coalesce($4,
                 0)",
        )
        .bind(input.user_id)
        .bind(initiative_id)
        .bind(input.role.as_str())
        .bind(input.organization_id)
        .execute(&mut *tx)
        .await
        .map_err(db_err)?
        .rows_affected();
        if n == 0 {
            return Err(StoreError::NotFound("role"));
        }
        let g = RoleGrant {
            user_id: input.user_id,
            initiative_id,
            role: input.role,
            organization_id: input.organization_id,
        };
        Self::audit(
            &mut tx,
            actor,
            Audit {
                initiative_id: Some(initiative_id),
                action: "role.revoke",
                entity: "user",
                entity_id: Some(input.user_id),
                before: Some(to_json(&g)),
                after: None,
            },
            now,
        )
        .await?;
        tx.commit().await.map_err(db_err)?;
        Ok(())
    }

    async fn create_session(&self, token_hash: &str, user_id: Id, expires_at: DateTime<Utc>) -> StoreResult<()> {
        let now = Utc::now();
        let mut tx = self.begin().await?;
        // Sweep expired sessions now and then, so the table stays small.
        sqlx::query("DELETE FROM sessions WHERE expires_at < $1").bind(now).execute(&mut *tx).await.map_err(db_err)?;
        sqlx::query(
            "INSERT INTO sessions (token_hash, user_id, created_at, expires_at)
             VALUES ($1, $2, $3, $4)",
        )
        .bind(token_hash)
        .bind(user_id)
        .bind(now)
        .bind(expires_at)
        .execute(&mut *tx)
        .await
        .map_err(db_err)?;
        tx.commit().await.map_err(db_err)?;
        Ok(())
    }

    async fn session_user(&self, token_hash: &str, now: DateTime<Utc>) -> StoreResult<Option<User>> {
        Ok(sqlx::query_as::<_, UserRow>(
            "SELECT u.id, u.username, u.display_name, u.server_admin, u.disabled, u.created_at
             FROM sessions s
             JOIN users u ON u.id = s.user_id
             WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.disabled = FALSE",
        )
        .bind(token_hash)
        .bind(now)
        .fetch_optional(&self.pool)
        .await
        .map_err(db_err)?
        .map(UserRow::into_domain))
    }

    async fn delete_session(&self, token_hash: &str) -> StoreResult<()> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash)
            .execute(&self.pool)
            .await
            .map_err(db_err)?;
        Ok(())
    }

    async fn record_login_attempt(
        &self,
        username: &str,
        client: &str,
        success: bool,
        at: DateTime<Utc>,
    ) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO login_attempts (username, client, success, at)
             VALUES ($1, $2, $3, $4)",
        )
        .bind(username.trim().to_lowercase())
        .bind(client)
        .bind(success)
        .bind(at)
        .execute(&self.pool)
        .await
        .map_err(db_err)?;
        Ok(())
    }

    async fn sign_in_history(&self, username: &str, client: &str, now: DateTime<Utc>) -> StoreResult<SignInHistory> {
        let username = username.trim().to_lowercase();
        let window = now - chrono::Duration::minutes(throttle::WINDOW_MINUTES);
        // This client on this account: failures since the pair's last success, within a day.
        let pair_since: Option<DateTime<Utc>> = sqlx::query_scalar(
            "SELECT MAX(at)
             FROM login_attempts
             WHERE username = $1 AND client = $2 AND success = TRUE",
        )
        .bind(&username)
        .bind(client)
        .fetch_one(&self.pool)
        .await
        .map_err(db_err)?;
        let day = now - chrono::Duration::hours(throttle::PAIR_WINDOW_HOURS);
        let pair_since = pair_since.filter(|s| *s > day).unwrap_or(day);
        let failures = |sql: &'static str, key: String, since: DateTime<Utc>| {
            let pool = &self.pool;
            async move {
                sqlx::query_as::<_, (i64, Option<DateTime<Utc>>)>(sql)
                    .bind(key)
                    .bind(since)
                    .fetch_one(pool)
                    .await
                    .map_err(db_err)
            }
        };
        let (pair_failures, pair_last_failure): (i64, Option<DateTime<Utc>>) = sqlx::query_as(
            "SELECT COUNT(*), MAX(at)
             FROM login_attempts
             WHERE username = $1 AND client = $2 AND success = FALSE AND at > $3",
        )
        .bind(&username)
        .bind(client)
        .bind(pair_since)
        .fetch_one(&self.pool)
        .await
        .map_err(db_err)?;
        let (client_failures, client_last_failure) = failures(
            "SELECT COUNT(*), MAX(at)
             FROM login_attempts
             WHERE client = $1 AND success = FALSE AND at > $2",
            client.to_string(),
            window,
        )
        .await?;
        let (account_failures, account_last_failure) = failures(
            "SELECT COUNT(*), MAX(at)
             FROM login_attempts
             WHERE username = $1 AND success = FALSE AND at > $2",
            username.clone(),
            window,
        )
        .await?;
        let known: i64 = sqlx::query_scalar(
            "SELECT COUNT(*)
             FROM login_attempts
             WHERE username = $1 AND client = $2 AND success = TRUE AND at > $3",
        )
        .bind(&username)
        .bind(client)
        .bind(now - chrono::Duration::days(throttle::KNOWN_CLIENT_DAYS))
        .fetch_one(&self.pool)
        .await
        .map_err(db_err)?;
        Ok(SignInHistory {
            pair_failures,
            pair_last_failure,
            client_failures,
            client_last_failure,
            account_failures,
            account_last_failure,
            known_client: known > 0,
        })
    }

    async fn create_api_token(
        &self,
        actor: &Actor,
        user_id: Id,
        name: &str,
        prefix: &str,
        token_hash: &str,
    ) -> StoreResult<ApiToken> {
        ApiTokenInput { name: name.to_string() }.validate()?;
        let now = Utc::now();
        let mut tx = self.begin().await?;
        let id: Id = sqlx::query_scalar(
            "INSERT INTO api_tokens (user_id, name, prefix, token_hash, created_at)
             VALUES ($1, $2, $3, $4, $5)
             RETURNING id",
        )
        .bind(user_id)
        .bind(name.trim())
        .bind(prefix)
        .bind(token_hash)
        .bind(now)
        .fetch_one(&mut *tx)
        .await
        .map_err(db_err)?;
        let t = sqlx::query_as::<_, TokenRow>(&format!("SELECT {TOKEN_COLS} FROM api_tokens WHERE id = $1"))
            .bind(id)
            .fetch_one(&mut *tx)
            .await
            .map_err(db_err)?
            .into_domain();
        Self::audit(
            &mut tx,
            actor,
            Audit {
                initiative_id: None,
                action: "token.create",
                entity: "api_token",
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

    async fn api_tokens(&self, user_id: Id) -> StoreResult<Vec<ApiToken>> {
        Ok(sqlx::query_as::<_, TokenRow>(&format!(
            "SELECT {TOKEN_COLS}
             FROM api_tokens
             WHERE user_id = $1
             ORDER BY id DESC"
        ))
        .bind(user_id)
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(TokenRow::into_domain)
        .collect())
    }

    async fn revoke_api_token(&self, actor: &Actor, user_id: Id, token_id: Id) -> StoreResult<ApiToken> {
        let now = Utc::now();
        let mut tx = self.begin().await?;
        let before = sqlx::query_as::<_, TokenRow>(&format!(
            "SELECT {TOKEN_COLS} FROM api_tokens WHERE id = $1 AND user_id = $2"
        ))
        .bind(token_id)
        .bind(user_id)
        .fetch_one(&mut *tx)
        .await
        .map_err(db_err)
        .map_err(not_found("API token"))?
        .into_domain();
        sqlx::query(
            "UPDATE api_tokens
             SET revoked_at = $1
             WHERE id = $2 AND revoked_at IS NULL",
        )
        .bind(now)
        .bind(token_id)
        .execute(&mut *tx)
        .await
        .map_err(db_err)?;
        let after = ApiToken { revoked_at: before.revoked_at.or(Some(now)), ..before.clone() };
        Self::audit(
            &mut tx,
            actor,
            Audit {
                initiative_id: None,
                action: "token.revoke",
                entity: "api_token",
                entity_id: Some(token_id),
                before: Some(to_json(&before)),
                after: Some(to_json(&after)),
            },
            now,
        )
        .await?;
        tx.commit().await.map_err(db_err)?;
        Ok(after)
    }

    async fn api_token_user(&self, token_hash: &str, now: DateTime<Utc>) -> StoreResult<Option<User>> {
        let user = sqlx::query_as::<_, UserRow>(
            "SELECT u.id, u.username, u.display_name, u.server_admin, u.disabled, u.created_at
             FROM api_tokens t
             JOIN users u ON u.id = t.user_id
             WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.disabled = FALSE",
        )
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await
        .map_err(db_err)?
        .map(UserRow::into_domain);
        if user.is_some() {
            sqlx::query("UPDATE api_tokens SET last_used_at = $1 WHERE token_hash = $2")
                .bind(now)
                .bind(token_hash)
                .execute(&self.pool)
                .await
                .map_err(db_err)?;
        }
        Ok(user)
    }
}

impl This {
    pub(super) async fn user_by_name_tx(
        tx: &mut sqlx::Transaction<'_, Db>,
        username: &str,
    ) -> StoreResult<Option<User>> {
        Ok(sqlx::query_as::<_, UserRow>(&format!("SELECT {USER_COLS} FROM users WHERE lower(username) = lower($1)"))
            .bind(username)
            .fetch_optional(&mut **tx)
            .await
            .map_err(db_err)?
            .map(UserRow::into_domain))
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct UserRow {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub server_admin: bool,
    pub disabled: bool,
    pub created_at: DateTime<Utc>,
}

impl UserRow {
    pub(super) fn into_domain(self) -> User {
        User {
            id: self.id,
            username: self.username,
            display_name: self.display_name,
            server_admin: self.server_admin,
            disabled: self.disabled,
            created_at: self.created_at,
        }
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct CredentialsRow {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub server_admin: bool,
    pub disabled: bool,
    pub created_at: DateTime<Utc>,
    pub password_hash: Option<String>,
}

#[derive(sqlx::FromRow)]
pub(super) struct GrantRow {
    pub user_id: i64,
    pub initiative_id: i64,
    pub role: String,
    pub organization_id: Option<i64>,
}

impl GrantRow {
    pub(super) fn into_domain(self) -> Result<RoleGrant, StoreError> {
        Ok(RoleGrant {
            user_id: self.user_id,
            initiative_id: self.initiative_id,
            role: vocab(Role::parse, &self.role, "role")?,
            organization_id: self.organization_id,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct TokenRow {
    pub id: i64,
    pub user_id: i64,
    pub name: String,
    pub prefix: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

impl TokenRow {
    pub(super) fn into_domain(self) -> ApiToken {
        ApiToken {
            id: self.id,
            user_id: self.user_id,
            name: self.name,
            prefix: self.prefix,
            created_at: self.created_at,
            last_used_at: self.last_used_at,
            revoked_at: self.revoked_at,
        }
    }
}
