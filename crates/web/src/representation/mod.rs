//! Representation at every table: each table's published composition against the community of a
//! place (census-style estimates, imported from a CSV or typed in by staff), with ratios, gaps and
//! their trend over the table's snapshots; and, for members, who holds the seats and leads the
//! agenda by kind of organisation.

pub mod api;
pub mod pages;

use crate::http::error::AppResult;
use crate::AppState;
use backbone_core::access::Access;
use backbone_core::measure::place::Geography;
use backbone_core::meetings::MeetingQuery;
use backbone_core::representation::*;
use backbone_core::Id;
use serde::Serialize;
use utoipa::ToSchema;

/// Agenda items led in the last year count toward who leads a table's agenda.
const LEAD_WINDOW_DAYS: i64 = 365;

/// Every table against the community of one place.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RepresentationView {
    /// The place compared with (its code), when the initiative has community estimates.
    pub place: Option<String>,
    pub place_name: Option<String>,
    /// The places that have community estimates, to compare with instead.
    pub places: Vec<String>,
    /// Where the estimates in force come from.
    pub sources: Vec<String>,
    pub tables: Vec<TableRepresentation>,
}

/// The place a view compares with: the one asked for, else the highest place with estimates.
fn pick_place<'a>(asked: Option<&str>, with_estimates: &[&'a Geography]) -> Option<&'a Geography> {
    match asked {
        Some(code) => with_estimates.iter().find(|g| g.code == code).copied(),
        None => with_estimates
            .iter()
            .find(|g| g.parent.as_ref().is_none_or(|p| !with_estimates.iter().any(|o| &o.code == p)))
            .copied(),
    }
}

/// Builds the view: every table (or one) against `place` (or the default place). An asked-for
/// place without estimates is "not found".
pub async fn representation(
    state: &AppState,
    initiative_id: Id,
    access: &Access,
    place: Option<&str>,
    table: Option<Id>,
) -> AppResult<RepresentationView> {
    let profiles = state.store.community_profiles(initiative_id).await?;
    let estimates = current_estimates(&profiles);
    let geographies = state.store.geographies(initiative_id).await?;
    let with_estimates: Vec<&Geography> =
        geographies.iter().filter(|g| estimates.iter().any(|e| e.place == g.code)).collect();
    let chosen = pick_place(place, &with_estimates);
    if place.is_some() && chosen.is_none() {
        return Err(crate::http::error::AppError::NotFound("place with community estimates"));
    }
    let community: Vec<CommunityEstimate> =
        estimates.into_iter().filter(|e| chosen.is_some_and(|g| g.code == e.place)).collect();
    let sources = {
        let mut s: Vec<String> = profiles
            .iter()
            .filter(|p| p.estimates.iter().any(|e| community.contains(e)))
            .map(|p| p.source.clone())
            .collect();
        s.dedup();
        s
    };
    let tables: Vec<_> = state.store.tables(initiative_id).await?;
    let tables: Vec<_> = match table {
        Some(id) => {
            vec![tables.into_iter().find(|t| t.id == id).ok_or(crate::http::error::AppError::NotFound("table"))?]
        }
        None => tables,
    };
    let mut out = Vec::new();
    let mix_inputs =
        if access.can_view_seats_by_organization() { Some(seat_facts(state, initiative_id).await?) } else { None };
    for t in &tables {
        let current = crate::tables::current_composition(state, initiative_id, t.id).await?;
        let history: Vec<_> = state
            .store
            .composition_history(initiative_id, Some(t.id))
            .await?
            .into_iter()
            .map(|(_, s)| s.composition)
            .collect();
        let organizations = match &mix_inputs {
            Some(facts) => Some(mix_of(state, initiative_id, t.id, facts).await?),
            None => None,
        };
        out.push(TableRepresentation {
            table_id: t.id,
            table_name: t.name.clone(),
            as_of: current.as_of,
            members: current.current_members,
            facets: compare(&current, &community, Band::default()),
            trend: trend(&history, &community, Band::default()),
            organizations,
        });
    }
    Ok(RepresentationView {
        place: chosen.map(|g| g.code.clone()),
        place_name: chosen.map(|g| g.name.clone()),
        places: with_estimates.iter().map(|g| g.code.clone()).collect(),
        sources,
        tables: out,
    })
}

/// The initiative's place codes, which community estimates must name.
pub async fn place_codes(state: &AppState, initiative_id: Id) -> AppResult<Vec<String>> {
    Ok(state.store.geographies(initiative_id).await?.into_iter().map(|g| g.code).collect())
}

/// Reads a community CSV against the initiative's places, on the blocking pool.
pub async fn read_file(
    state: &AppState,
    initiative_id: Id,
    text: String,
) -> AppResult<Result<Vec<CommunityEstimate>, backbone_core::Invalid>> {
    let places = place_codes(state, initiative_id).await?;
    tokio::task::spawn_blocking(move || read_community_csv(&text, &places))
        .await
        .map_err(|e| crate::http::error::AppError::Internal(format!("reading a community file: {e}")))
}

/// What the organisation mix needs to know of people: each person's organisation and its kind.
struct SeatFacts {
    person_org: std::collections::HashMap<Id, Option<(Id, OrgKind)>>,
}

async fn seat_facts(state: &AppState, initiative_id: Id) -> AppResult<SeatFacts> {
    let people = state.store.people(initiative_id).await?;
    let orgs = state.store.organizations(initiative_id).await?;
    let person_org = people
        .iter()
        .map(|p| {
            let org = p.organization_id.and_then(|o| orgs.iter().find(|x| x.id == o)).map(|o| (o.id, OrgKind::of(o)));
            (p.id, org)
        })
        .collect();
    Ok(SeatFacts { person_org })
}

/// Seats held now and agenda items led in the last year at one table, by kind of organisation.
async fn mix_of(state: &AppState, initiative_id: Id, table_id: Id, facts: &SeatFacts) -> AppResult<Vec<MixRow>> {
    let now = chrono::Utc::now();
    let today = now.date_naive();
    let of = |person: Id| facts.person_org.get(&person).copied().flatten();
    let seats: Vec<Option<(Id, OrgKind)>> = state
        .store
        .memberships(initiative_id, Some(table_id), None)
        .await?
        .iter()
        .filter(|m| m.is_current(today))
        .map(|m| of(m.person_id))
        .collect();
    let query = MeetingQuery {
        table_id: Some(table_id),
        from: Some(now - chrono::Duration::days(LEAD_WINDOW_DAYS)),
        until: Some(now),
        ..Default::default()
    };
    let leads: Vec<Option<(Id, OrgKind)>> = state
        .store
        .meetings(initiative_id, &query)
        .await?
        .iter()
        .filter(|m| !m.cancelled)
        .flat_map(|m| m.agenda.iter().filter_map(|a| a.lead_person_id).map(of).collect::<Vec<_>>())
        .collect();
    Ok(organization_mix(&seats, &leads))
}
