//! The SQL behind the Store, written once in the dialect SQLite and PostgreSQL share (`$1`
//! parameters, `RETURNING`, `lower()`), one file per capability. This module is compiled once
//! for each backend: `sqlite.rs` and `postgres.rs` each include it with their own `Db` (the sqlx
//! database) and `This` (the store), so each backend is a concrete, separately tested
//! implementation while the SQL exists once. What differs per backend (bulk loading of
//! submissions, the transaction's BEGIN) lives in those two files.

mod accountability;
mod accounts;
mod activities;
mod agenda;
mod assessments;
mod audit;
mod charters;
mod commitments;
mod community_assets;
mod decisions;
mod exchange;
mod feed;
mod feedback;
mod initiative;
mod joining;
mod learning;
mod mail;
mod maps;
pub(crate) mod measure;
mod meetings;
mod network;
mod partners;
mod people;
mod places;
pub(crate) mod publish;
mod representation;
mod review;
mod tables;
mod translations;
mod turn_the_curve;
mod uploads;
mod webhooks;

use super::{Db, RowsConnection, This, BACKEND, BEGIN, WAITING};
use crate::codec::*;
use crate::error::{db_err, not_found};
use backbone_core::accounts::throttle::{self, SignInHistory};
use backbone_core::accounts::*;
use backbone_core::agenda::*;
use backbone_core::audit::*;
use backbone_core::checks::*;
use backbone_core::exchange::*;
use backbone_core::initiative::*;
use backbone_core::measure::analytics::{Direction, Unit};
use backbone_core::measure::indicator::*;
use backbone_core::measure::observation::*;
use backbone_core::measure::period::PeriodKind;
use backbone_core::measure::place::*;
use backbone_core::measure::view::Withheld;
use backbone_core::partners::*;
use backbone_core::people::*;
use backbone_core::privacy::DisclosureRule;
use backbone_core::store::prelude::*;
use backbone_core::tables::composition::Snapshot;
use backbone_core::tables::*;
use backbone_core::{Id, StoreError, StoreResult};
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::HashMap;

use self::measure::*;
use self::places::*;

pub(super) fn today() -> chrono::NaiveDate {
    Utc::now().date_naive()
}

/// Appends `(id, id, …)`, each bound: a query over some indicators' observations names them
/// rather than joining `indicators` by initiative. PostgreSQL then estimates each indicator's
/// rows from its statistics; through the join it assumed an average initiative's share of the
/// table, and scanned every observation (2.4 s at 10M) for a small initiative beside a large one.
/// No ids give `(NULL)`, which matches nothing.
pub(super) fn push_ids(q: &mut sqlx::QueryBuilder<'_, Db>, ids: &[Id]) {
    if ids.is_empty() {
        q.push("(NULL)");
        return;
    }
    q.push("(");
    let mut list = q.separated(", ");
    for id in ids {
        list.push_bind(*id);
    }
    q.push(")");
}

/// Which of an initiative's indicators `indicator_ids` answers.
pub(super) enum Indicators {
    All,
    /// Those with a reporting schedule (`report_due_days`).
    Scheduled,
}

impl This {
    /// The ids of the initiative's indicators, in order.
    pub(super) async fn indicator_ids(&self, initiative_id: Id, which: Indicators) -> StoreResult<Vec<Id>> {
        let scheduled = match which {
            Indicators::All => "",
            Indicators::Scheduled => " AND report_due_days IS NOT NULL",
        };
        sqlx::query_scalar(&format!("SELECT id FROM indicators WHERE initiative_id = $1{scheduled} ORDER BY id"))
            .bind(initiative_id)
            .fetch_all(&self.pool)
            .await
            .map_err(db_err)
    }
}

/// The audit record of one write, made in the write's own transaction.
pub(super) struct Audit<'a> {
    pub(super) initiative_id: Option<Id>,
    pub(super) action: &'a str,
    pub(super) entity: &'a str,
    pub(super) entity_id: Option<Id>,
    pub(super) before: Option<String>,
    pub(super) after: Option<String>,
}
impl This {
    pub(super) async fn begin(&self) -> StoreResult<sqlx::Transaction<'_, Db>> {
        self.pool.begin_with(BEGIN).await.map_err(db_err)
    }

    /// Moves the content version (`Store::content_version`) in this transaction.
    pub(super) async fn public_changed(tx: &mut sqlx::Transaction<'_, Db>, at: DateTime<Utc>) -> StoreResult<()> {
        sqlx::query("UPDATE content_version SET version = version + 1, changed_at = $1 WHERE id = 1")
            .bind(at)
            .execute(&mut **tx)
            .await
            .map_err(db_err)?;
        Ok(())
    }

    pub(super) async fn audit(
        tx: &mut sqlx::Transaction<'_, Db>,
        actor: &Actor,
        a: Audit<'_>,
        at: DateTime<Utc>,
    ) -> StoreResult<()> {
        let id: Id = sqlx::query_scalar(
            "INSERT INTO audit_log (initiative_id, actor_user_id, actor_name, action, entity, entity_id, before_json,
                 after_json, at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
             RETURNING id",
        )
        .bind(a.initiative_id)
        .bind(actor.user_id)
        .bind(&actor.name)
        .bind(a.action)
        .bind(a.entity)
        .bind(a.entity_id)
        .bind(a.before)
        .bind(a.after.as_deref())
        .bind(at)
        .fetch_one(&mut **tx)
        .await
        .map_err(db_err)?;
        // What the public reads may have changed: every server's cache of public answers sees
        // the new version on its next request (the row is taken last, just before commit).
        if !backbone_core::audit::changes_nothing_public(a.action) {
            Self::public_changed(tx, at).await?;
        }
        // A change that is an event goes to the webhooks' outbox in the same transaction: told
        // if and only if it happened.
        if let (Some(initiative_id), true) = (a.initiative_id, backbone_core::webhooks::is_event(a.action)) {
            Self::add_to_outbox(tx, initiative_id, id, a.action, a.after.as_deref(), at).await?;
        }
        Ok(())
    }
}

#[async_trait::async_trait]
impl Store for This {
    async fn ping(&self) -> StoreResult<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await.map_err(db_err)?;
        Ok(())
    }

    fn backend(&self) -> &'static str {
        BACKEND
    }

    fn years(&self) -> backbone_core::measure::period::Years {
        self.years
    }

    async fn content_version(&self) -> StoreResult<backbone_core::store::ContentVersion> {
        let (version, changed_at): (i64, DateTime<Utc>) =
            sqlx::query_as("SELECT version, changed_at FROM content_version WHERE id = 1")
                .fetch_one(&self.pool)
                .await
                .map_err(db_err)?;
        Ok(backbone_core::store::ContentVersion { version, changed_at })
    }
}
