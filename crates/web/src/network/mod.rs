//! Trust between partners: survey rounds in the style of the PARTNER tool (staff open and close
//! them; each organisation's data steward answers for it), and a closed round's network — its
//! figures, the map, each organisation's centrality and scores, isolates, the groups that do not
//! reach each other, introductions worth making, and the change since the round before.

pub mod api;
pub mod pages;

use crate::http::error::{AppError, AppResult};
use crate::AppState;
use backbone_core::activities::alignment::leaves_under;
use backbone_core::network::*;
use backbone_core::Id;
use serde::Serialize;
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// A closed round's network, and how it changed since the closed round before it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RoundResults {
    pub results: NetworkResults,
    pub change: Option<RoundChange>,
}

/// The network of a closed round (409 while it is open: results would move as answers come).
pub async fn round_results(state: &AppState, initiative_id: Id, round_id: Id) -> AppResult<RoundResults> {
    let rounds = state.store.survey_rounds(initiative_id).await?;
    let round = rounds.iter().find(|r| r.id == round_id).ok_or(AppError::NotFound("survey round"))?;
    if round.closed_at.is_none() {
        return Err(AppError::Conflict {
            field: "round".into(),
            reason: "results are shown once the round is closed".into(),
        });
    }
    let organizations: Vec<Id> = state.store.organizations(initiative_id).await?.iter().map(|o| o.id).collect();
    let geographies = state.store.geographies(initiative_id).await?;
    let activities = state.store.activities(initiative_id, &Default::default()).await?;
    let leaves: BTreeMap<String, Vec<String>> = leaves_under(&geographies)
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.into_iter().map(str::to_string).collect()))
        .collect();
    let mut reach: BTreeMap<Id, Reach> = BTreeMap::new();
    for a in activities.iter().filter(|a| a.is_live()) {
        let r = reach.entry(a.organization_id).or_default();
        for p in &a.places {
            match leaves.get(p) {
                Some(l) => r.places.extend(l.iter().cloned()),
                None => {
                    r.places.insert(p.clone());
                }
            }
        }
        r.strategies.extend(a.strategy_keys.iter().cloned());
    }
    // The closed round before this one, to tell what changed.
    let earlier = rounds.iter().filter(|r| r.closed_at.is_some() && r.id < round_id).map(|r| r.id).max();
    let now = state.store.responses(initiative_id, round_id).await?;
    let before = match earlier {
        Some(id) => Some((id, state.store.responses(initiative_id, id).await?)),
        None => None,
    };
    let names: BTreeMap<Id, String> = rounds.iter().map(|r| (r.id, r.name.clone())).collect();
    tokio::task::spawn_blocking(move || {
        let results = results(round_id, &names[&round_id], &organizations, &now, &reach);
        let change = before.map(|(id, responses)| {
            let earlier = backbone_core::network::results(id, &names[&id], &organizations, &responses, &reach);
            change(&earlier, &results)
        });
        RoundResults { results, change }
    })
    .await
    .map_err(|e| AppError::Internal(format!("working out the network: {e}")))
}
