//! Database errors as the Store reports them: a unique key a user can change becomes a conflict
//! naming the field; everything else is logged and reported without its details.

use backbone_core::StoreError;

/// Maps a database error to the Store's error; unique-constraint violations become conflicts that
/// name the field a user can change.
pub fn db_err(e: sqlx::Error) -> StoreError {
    match &e {
        sqlx::Error::RowNotFound => StoreError::NotFound("record"),
        sqlx::Error::Database(d) if d.is_unique_violation() => {
            // SQLite names columns in the message, PostgreSQL names the index.
            let what = format!("{} {}", d.constraint().unwrap_or(""), d.message());
            let (field, reason) = if what.contains("activities") {
                ("name", "this organisation already has an activity with this name")
            } else if what.contains("people_user") || what.contains("people.user_id") {
                ("user_id", "this account already belongs to another person of this initiative")
            } else if what.contains("indicators") {
                ("key", "another indicator of this initiative already uses this key")
            } else if what.contains("initiatives") {
                ("slug", "another initiative already uses this short name")
            } else if what.contains("organizations") {
                ("name", "another organisation in this initiative already has this name")
            } else if what.contains("tables") {
                ("name", "another table in this initiative already has this name")
            } else if what.contains("users") {
                ("username", "this username is taken")
            } else if what.contains("endorsements") {
                ("organization_id", "this organisation has already endorsed this version")
            } else if what.contains("role_grants") {
                ("role", "the user already holds this role")
            } else if what.contains("agenda_versions") {
                ("based_on", "someone else saved a new version at the same moment; reload and try again")
            } else {
                ("", "this record already exists")
            };
            StoreError::conflict(field, reason)
        }
        // PostgreSQL cannot store a NUL character; the web refuses one first, this is the last guard.
        sqlx::Error::Database(d) if d.code().as_deref() == Some("22021") => StoreError::Invalid(
            backbone_core::Invalid::one("", "contains a NUL character (\\u0000), which text cannot hold"),
        ),
        sqlx::Error::Database(d) if d.is_foreign_key_violation() => {
            StoreError::conflict("", "this refers to a record that does not exist")
        }
        _ => {
            tracing::error!(error = %e, "database error");
            StoreError::Backend(e.to_string())
        }
    }
}

pub(crate) fn not_found(what: &'static str) -> impl FnOnce(StoreError) -> StoreError {
    move |e| match e {
        StoreError::NotFound(_) => StoreError::NotFound(what),
        other => other,
    }
}
