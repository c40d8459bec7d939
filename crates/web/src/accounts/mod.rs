//! Accounts and access: signing in and out, the account page with API tokens, the API for users and tokens, and the Access page where staff give and take roles.

pub mod api;
pub mod auth;
pub mod pages;
