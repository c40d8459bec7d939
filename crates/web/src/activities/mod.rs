//! Mutually reinforcing activities: partners' programs and activities, registered by each
//! partner (its data steward) or by backbone staff, and the alignment map that reads them
//! against the common agenda's strategies and the places.

pub mod api;
pub mod pages;

use crate::http::error::AppError;
use crate::AppState;
use backbone_core::activities::alignment::{self, AlignmentMap, OrganizationRef};
use backbone_core::activities::ActivityQuery;
use backbone_core::Id;

/// The alignment map of an initiative, worked out on the blocking pool (it compares every pair of
/// activities on each strategy).
pub async fn alignment_of(s: &AppState, initiative_id: Id) -> Result<AlignmentMap, AppError> {
    let agenda = s.store.current_agenda(initiative_id).await?;
    let activities = s.store.activities(initiative_id, &ActivityQuery::default()).await?;
    let organizations: Vec<OrganizationRef> = s
        .store
        .organizations(initiative_id)
        .await?
        .into_iter()
        .map(|o| OrganizationRef { id: o.id, name: o.name })
        .collect();
    let places = s.store.geographies(initiative_id).await?;
    tokio::task::spawn_blocking(move || {
        let strategies = alignment::strategies_of(agenda.as_ref());
        alignment::alignment(&strategies, &activities, &organizations, &places)
    })
    .await
    .map_err(|e| AppError::Internal(format!("working out the alignment map: {e}")))
}

/// The work meant to move one indicator, by strategy: the strategies of its result (from the
/// current agenda), each with the live activities serving it, then the other activities that
/// name the indicator. Shown on the indicator's page.
pub struct StrategyWork {
    /// The strategy's title; empty for the activities under no strategy of the result.
    pub strategy: String,
    /// (activity id, name, organisation, status)
    pub activities: Vec<(Id, String, String, backbone_core::activities::ActivityStatus)>,
}

pub async fn work_on_indicator(
    s: &AppState,
    initiative_id: Id,
    indicator: &backbone_core::measure::indicator::Indicator,
) -> Result<Vec<StrategyWork>, AppError> {
    let agenda = s.store.current_agenda(initiative_id).await?;
    let strategies: Vec<alignment::StrategyRef> = alignment::strategies_of(agenda.as_ref())
        .into_iter()
        .filter(|st| indicator.result_key.as_deref() == Some(st.result_key.as_str()))
        .collect();
    let activities = s.store.activities(initiative_id, &ActivityQuery::default()).await?;
    let organizations = s.store.organizations(initiative_id).await?;
    let name = |id: Id| organizations.iter().find(|o| o.id == id).map(|o| o.name.clone()).unwrap_or_default();
    let row = |a: &backbone_core::activities::Activity| (a.id, a.name.clone(), name(a.organization_id), a.status);
    let mut out: Vec<StrategyWork> = strategies
        .iter()
        .map(|st| StrategyWork {
            strategy: st.title.clone(),
            activities: activities
                .iter()
                .filter(|a| a.is_live() && a.strategy_keys.contains(&st.key))
                .map(row)
                .collect(),
        })
        .collect();
    let elsewhere: Vec<_> = activities
        .iter()
        .filter(|a| a.is_live() && a.indicator_keys.contains(&indicator.key))
        .filter(|a| !strategies.iter().any(|st| a.strategy_keys.contains(&st.key)))
        .map(row)
        .collect();
    if !elsewhere.is_empty() {
        out.push(StrategyWork { strategy: String::new(), activities: elsewhere });
    }
    Ok(out)
}
