//! The pages of this capability.

use crate::accounts::auth;
use crate::http::prelude::*;
use axum::http::{header, HeaderMap};
use backbone_core::accounts::*;
use backbone_core::initiative::*;
use std::collections::HashMap;

pub fn routes() -> PageRoutes {
    PageRoutes::new()
        .get_post("/login", login_form, login)
        .post("/logout", logout)
        .get("/account", account)
        .post("/account/tokens", create_token)
        .post("/account/tokens/{id}/revoke", revoke_token)
        .get_post("/i/{slug}/access", access_page, access_add)
        .post("/i/{slug}/access/revoke", access_revoke)
}

#[derive(Template)]
#[template(path = "accounts/templates/login.html")]
struct LoginPage {
    page: PageCtx,
    username: String,
    next: String,
    errors: Errors,
}

fn safe_next(next: &str) -> String {
    // Only local addresses: never send someone off-site after signing in.
    if next.starts_with('/') && !next.starts_with("//") && !next.contains('\\') {
        next.to_string()
    } else {
        "/".to_string()
    }
}

async fn login_form(req: Req, axum::extract::Query(q): axum::extract::Query<HashMap<String, String>>) -> PageResult {
    let next = safe_next(q.get("next").map(String::as_str).unwrap_or("/"));
    render(
        &LoginPage {
            page: req.page(req.t.get("login-title"), None, ""),
            username: String::new(),
            next,
            errors: Errors::default(),
        },
        req.t,
    )
}

async fn login(State(s): State<AppState>, req: Req, f: FormData) -> PageResult {
    let username = f.get("username").trim().to_string();
    let next = safe_next(f.get("next"));
    let mut errors = Errors::default();
    if username.is_empty() {
        errors.add("username", req.t.get("login-need-username"));
    }
    if f.get("password").is_empty() {
        errors.add("password", req.t.get("login-need-password"));
    }
    if errors.is_empty() {
        match auth::sign_in(&s, &req.viewer.client, &username, f.get("password")).await {
            Ok(cookie) => {
                let sep = if next.contains('?') { '&' } else { '?' };
                let mut resp = see_other(&format!("{next}{sep}notice=signed-in"));
                resp.headers_mut().insert(
                    header::SET_COOKIE,
                    cookie.parse().map_err(|_| req.err(AppError::Internal("cookie".into())))?,
                );
                return Ok(resp);
            }
            Err(AppError::Invalid(_)) => errors.add("password", req.t.get("login-wrong")),
            Err(AppError::Throttled(seconds)) => {
                errors.add("password", req.t.with("error-throttled", "seconds", seconds))
            }
            Err(e) => return Err(req.err(e)),
        }
    }
    render_invalid(&LoginPage { page: req.page(req.t.get("login-title"), None, ""), username, next, errors }, req.t)
}

async fn logout(State(s): State<AppState>, req: Req, headers: HeaderMap) -> PageResult {
    let cookie = auth::sign_out(&s, &headers).await.map_err(|e| req.err(e))?;
    let mut resp = see_other("/");
    resp.headers_mut()
        .insert(header::SET_COOKIE, cookie.parse().map_err(|_| req.err(AppError::Internal("cookie".into())))?);
    Ok(resp)
}

#[derive(Template)]
#[template(path = "accounts/templates/account.html")]
struct AccountPage {
    page: PageCtx,
    user: User,
    tokens: Vec<ApiToken>,
    new_secret: Option<String>,
    errors: Errors,
}

async fn account(State(s): State<AppState>, req: Req) -> PageResult {
    let user = req.viewer.require_user().map_err(|e| req.err(e))?.clone();
    let tokens = s.store.api_tokens(user.id).await.map_err(|e| req.err(e))?;
    render(
        &AccountPage {
            page: req.page(req.t.get("account-title"), None, ""),
            user,
            tokens,
            new_secret: None,
            errors: Errors::default(),
        },
        req.t,
    )
}

async fn create_token(State(s): State<AppState>, req: Req, f: FormData) -> PageResult {
    req.viewer.require_server(|a| a.can_create_token()).map_err(|e| req.err(e))?;
    let user = req.viewer.require_user().map_err(|e| req.err(e))?.clone();
    let input = ApiTokenInput { name: f.get("name").to_string() };
    let (new_secret, errors) = match input.validate() {
        Ok(()) => {
            let (_, secret) = auth::issue_token(s.store.as_ref(), &req.viewer.actor(), user.id, &input.name)
                .await
                .map_err(|e| req.err(e))?;
            (Some(secret), Errors::default())
        }
        Err(i) => (None, Errors::from_invalid(&i)),
    };
    let tokens = s.store.api_tokens(user.id).await.map_err(|e| req.err(e))?;
    let page = AccountPage { page: req.page(req.t.get("account-title"), None, ""), user, tokens, new_secret, errors };
    render_form(&page, &page.errors, req.t)
}

async fn revoke_token(State(s): State<AppState>, req: Req, ApiPath(id): ApiPath<i64>) -> PageResult {
    let user = req.viewer.require_user().map_err(|e| req.err(e))?.clone();
    s.store.revoke_api_token(&req.viewer.actor(), user.id, id).await.map_err(|e| req.err(e))?;
    Ok(see_other("/account?notice=token-revoked"))
}

/// One role held by one user, ready to show and to revoke.
pub struct GrantRow {
    pub user_id: Id,
    pub user_name: String,
    pub username: String,
    pub role: Role,
    pub organization_id: Option<Id>,
    pub organization_name: Option<String>,
}

#[derive(Template)]
#[template(path = "accounts/templates/access.html")]
struct AccessPage {
    page: PageCtx,
    i: Initiative,
    grants: Vec<GrantRow>,
    roles: Vec<(String, String)>,
    organizations: Vec<(String, String)>,
    username: String,
    display_name: String,
    role: String,
    organization_id: String,
    errors: Errors,
}

async fn access_view(
    s: &AppState,
    req: &Req,
    i: Initiative,
    access: &Access,
    errors: Errors,
    f: Option<&FormData>,
) -> PageResult {
    let e = |e| req.err(e);
    let users = s.store.users().await.map_err(e)?;
    let orgs = s.store.organizations(i.id).await.map_err(e)?;
    let mut grants: Vec<GrantRow> = s
        .store
        .grants_in_initiative(i.id)
        .await
        .map_err(e)?
        .into_iter()
        .filter_map(|g| {
            let u = users.iter().find(|u| u.id == g.user_id)?;
            Some(GrantRow {
                user_id: u.id,
                user_name: u.display_name.clone(),
                username: u.username.clone(),
                role: g.role,
                organization_id: g.organization_id,
                organization_name: g
                    .organization_id
                    .and_then(|o| orgs.iter().find(|x| x.id == o))
                    .map(|o| o.name.clone()),
            })
        })
        .collect();
    grants.sort_by_key(|g| (g.role, g.user_name.to_lowercase()));
    let mut organizations = vec![(String::new(), req.t.get("access-no-organization"))];
    organizations.extend(orgs.iter().map(|o| (o.id.to_string(), o.name.clone())));
    let page = AccessPage {
        page: req.page(req.t.get("access-title"), Some((&i, access)), "access"),
        grants,
        roles: options(Role::ALL, req.t, Role::label_key, Role::as_str),
        organizations,
        username: f.map(|f| f.get("username").to_string()).unwrap_or_default(),
        display_name: f.map(|f| f.get("display_name").to_string()).unwrap_or_default(),
        role: f.map(|f| f.get("role").to_string()).unwrap_or_else(|| "table_member".into()),
        organization_id: f.map(|f| f.get("organization_id").to_string()).unwrap_or_default(),
        errors,
        i,
    };
    render_form(&page, &page.errors, req.t)
}

async fn access_page(State(s): State<AppState>, req: Req, Scope { initiative: i, access }: Scope) -> PageResult {
    req.require(&access, access.can_manage_roles())?;
    access_view(&s, &req, i, &access, Errors::default(), None).await
}

/// Gives someone a role; someone new to the server gets an account first, with the name and
/// first password typed here (they can change it later with `backbone admin reset-password`).
async fn access_add(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    f: FormData,
) -> PageResult {
    req.require(&access, access.can_manage_roles())?;
    let mut errors = Errors::default();
    let role = Role::parse(f.get("role"));
    if role.is_none() {
        errors.add("role", req.t.get("choose-from-list"));
    }
    let organization_id = f.opt("organization_id").and_then(|v| v.parse::<Id>().ok());
    let username = f.get("username").trim().to_string();
    if username.is_empty() {
        errors.add("username", req.t.get("access-need-username"));
    }
    if let (Some(role), true) = (role, errors.is_empty()) {
        let mut grant = RoleGrantInput { user_id: 0, role, organization_id };
        match grant.validate() {
            Err(inv) => errors = Errors::from_invalid(&inv),
            Ok(()) => {
                let existing = s.store.credentials(&username).await.map_err(|e| req.err(e))?.map(|c| c.user);
                let user = match existing {
                    Some(u) => Some(u),
                    None => {
                        let input = NewUser {
                            username: username.clone(),
                            display_name: f.get("display_name").to_string(),
                            password: f.get("password").to_string(),
                            server_admin: false,
                        };
                        match input.validate() {
                            Err(inv) => {
                                errors = Errors::from_invalid(&inv);
                                None
                            }
                            Ok(()) => {
                                let hash = auth::hash_password(&input.password).await.map_err(|e| req.err(e))?;
                                match s.store.create_user(&req.viewer.actor(), &input, &hash).await {
                                    Ok(u) => Some(u),
                                    Err(e) => {
                                        errors = req.form_errors(e)?;
                                        None
                                    }
                                }
                            }
                        }
                    }
                };
                if let Some(u) = user {
                    grant.user_id = u.id;
                    match s.store.grant_role(&req.viewer.actor(), i.id, &grant).await {
                        Ok(_) => return Ok(see_other(&format!("/i/{}/access?notice=saved", i.slug))),
                        Err(e) => errors = req.form_errors(e)?,
                    }
                }
            }
        }
    }
    access_view(&s, &req, i, &access, errors, Some(&f)).await
}

async fn access_revoke(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    f: FormData,
) -> PageResult {
    req.require(&access, access.can_manage_roles())?;
    let bad = || req.err(AppError::BadRequest(req.t.get("choose-from-list")));
    let grant = RoleGrantInput {
        user_id: f.get("user_id").parse().map_err(|_| bad())?,
        role: Role::parse(f.get("role")).ok_or_else(bad)?,
        organization_id: f.opt("organization_id").and_then(|v| v.parse().ok()),
    };
    if Some(grant.user_id) == req.viewer.user_id() && grant.role == Role::Admin {
        // Keep at least the person doing this from locking themselves out by accident.
        let mut errors = Errors::default();
        errors.add("revoke", req.t.get("access-not-yourself"));
        return access_view(&s, &req, i, &access, errors, None).await;
    }
    s.store.revoke_role(&req.viewer.actor(), i.id, &grant).await.map_err(|e| req.err(e))?;
    Ok(see_other(&format!("/i/{}/access?notice=saved", i.slug)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_in_only_returns_to_local_addresses() {
        assert_eq!(safe_next("/i/riverbend/people"), "/i/riverbend/people");
        assert_eq!(safe_next("//evil.example"), "/");
        assert_eq!(safe_next("https://evil.example"), "/");
    }
}
