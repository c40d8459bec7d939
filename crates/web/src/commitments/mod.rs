//! Commitments: who committed to do what by when, the status of each with its history, and
//! where they show up along the chain (an activity's, an organisation's and an indicator's pages).

pub mod api;
pub mod pages;

use crate::http::error::AppError;
use crate::AppState;
use backbone_core::commitments::{Commitment, CommitmentQuery, Standing};
use backbone_core::Id;

/// A commitment as lists show it: what, who, and how it stands today.
pub struct Listed {
    pub c: Commitment,
    pub who: String,
    pub standing: Standing,
}

/// The commitments matching `query`, with who made each and how it stands today.
pub async fn listed(s: &AppState, initiative_id: Id, query: &CommitmentQuery) -> Result<Vec<Listed>, AppError> {
    let commitments = s.store.commitments(initiative_id, query).await?;
    described(s, initiative_id, commitments).await
}

/// Commitments already read, with who made each and how it stands today.
pub async fn described(s: &AppState, initiative_id: Id, commitments: Vec<Commitment>) -> Result<Vec<Listed>, AppError> {
    let organizations = s.store.organizations(initiative_id).await?;
    let people = s.store.people(initiative_id).await?;
    let today = chrono::Utc::now().date_naive();
    Ok(commitments
        .into_iter()
        .map(|c| {
            let org =
                c.organization_id.and_then(|id| organizations.iter().find(|o| o.id == id)).map(|o| o.name.clone());
            let person = c.person_id.and_then(|id| people.iter().find(|p| p.id == id)).map(|p| p.name.clone());
            let who = match (org, person) {
                (Some(o), Some(p)) => format!("{o} ({p})"),
                (Some(o), None) => o,
                (None, Some(p)) => p,
                (None, None) => String::new(),
            };
            Listed { standing: c.standing(today), who, c }
        })
        .collect())
}

/// The commitments behind an indicator: those toward it, toward a strategy of its result, or for
/// an activity meant to move it (`work`, from `activities::work_on_indicator`).
pub async fn behind_indicator(
    s: &AppState,
    initiative_id: Id,
    indicator: &backbone_core::measure::indicator::Indicator,
    work: &[crate::activities::StrategyWork],
) -> Result<Vec<Listed>, AppError> {
    let activity_ids: Vec<Id> = work.iter().flat_map(|w| w.activities.iter().map(|a| a.0)).collect();
    let strategies: Vec<String> = match &indicator.result_key {
        Some(result) => {
            backbone_core::activities::alignment::strategies_of(s.store.current_agenda(initiative_id).await?.as_ref())
                .into_iter()
                .filter(|st| &st.result_key == result)
                .map(|st| st.key)
                .collect()
        }
        None => Vec::new(),
    };
    let mut all = listed(s, initiative_id, &CommitmentQuery::default()).await?;
    all.retain(|l| {
        l.c.indicator_key.as_ref() == Some(&indicator.key)
            || l.c.strategy_key.as_ref().is_some_and(|k| strategies.contains(k))
            || l.c.activity_id.is_some_and(|a| activity_ids.contains(&a))
    });
    Ok(all)
}
