//! Representation at every table: each table's published composition against the community of a
//! place (census-style estimates, imported from a CSV or typed in by staff), with ratios, gaps and
//! their trend over the table's snapshots; and, for members, voice and participation: who holds
//! the seats, comes, leads the agenda and takes part in decisions, by kind of organisation or
//! sector, quarter by quarter.

pub mod api;
pub mod pages;

use crate::http::error::AppResult;
use crate::AppState;
use backbone_core::access::Access;
use backbone_core::decisions::DecisionQuery;
use backbone_core::measure::place::Geography;
use backbone_core::meetings::{AttendanceStatus, MeetingQuery};
use backbone_core::representation::voice::*;
use backbone_core::representation::*;
use backbone_core::Id;
use serde::Serialize;
use std::collections::HashMap;
use utoipa::ToSchema;

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
    let parties =
        if access.can_view_seats_by_organization() { Some(Parties::of(state, initiative_id).await?) } else { None };
    for t in &tables {
        let current = crate::tables::current_composition(state, initiative_id, t.id).await?;
        let history: Vec<_> = state
            .store
            .composition_history(initiative_id, Some(t.id))
            .await?
            .into_iter()
            .map(|(_, s)| s.composition)
            .collect();
        let voice = match &parties {
            Some(p) => Some(voice_with(state, initiative_id, t.id, Grouping::Kind, p).await?),
            None => None,
        };
        out.push(TableRepresentation {
            table_id: t.id,
            table_name: t.name.clone(),
            as_of: current.as_of,
            members: current.current_members,
            facets: compare(&current, &community, Band::default()),
            trend: trend(&history, &community, Band::default()),
            voice,
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

/// Who each person and organisation is for the voice counts: an organisation's kind and sector,
/// and each person's organisation.
struct Parties {
    organizations: HashMap<Id, (OrgKind, backbone_core::partners::Sector)>,
    person_org: HashMap<Id, Option<Id>>,
}

impl Parties {
    async fn of(state: &AppState, initiative_id: Id) -> AppResult<Parties> {
        let organizations = state
            .store
            .organizations(initiative_id)
            .await?
            .iter()
            .map(|o| (o.id, (OrgKind::of(o), o.sector)))
            .collect();
        let person_org = state.store.people(initiative_id).await?.iter().map(|p| (p.id, p.organization_id)).collect();
        Ok(Parties { organizations, person_org })
    }

    fn org(&self, id: Option<Id>) -> Who {
        id.and_then(|o| self.organizations.get(&o).map(|(k, s)| (o, *k, *s)))
    }

    fn person(&self, id: Id) -> Who {
        self.org(self.person_org.get(&id).copied().flatten())
    }
}

/// How many quarters the voice view goes back, the current one included.
const VOICE_QUARTERS: usize = 4;

/// A table's voice and participation by `by`: the last twelve months and the last four quarters
/// (seats, attendance, agenda items led, votes in decisions that were not anonymous).
pub async fn table_voice(
    state: &AppState,
    initiative_id: Id,
    table_id: Id,
    by: Grouping,
) -> AppResult<Vec<VoicePeriod>> {
    let parties = Parties::of(state, initiative_id).await?;
    voice_with(state, initiative_id, table_id, by, &parties).await
}

async fn voice_with(
    state: &AppState,
    initiative_id: Id,
    table_id: Id,
    by: Grouping,
    parties: &Parties,
) -> AppResult<Vec<VoicePeriod>> {
    let now = chrono::Utc::now();
    let today = now.date_naive();
    let seats: Vec<SeatSpan> = state
        .store
        .memberships(initiative_id, Some(table_id), None)
        .await?
        .iter()
        .map(|m| SeatSpan { from: m.start_date, until: m.end_date, who: parties.person(m.person_id) })
        .collect();
    let query = MeetingQuery { table_id: Some(table_id), until: Some(now), ..Default::default() };
    let meetings: Vec<_> =
        state.store.meetings(initiative_id, &query).await?.into_iter().filter(|m| !m.cancelled).collect();
    let led: Vec<Act> = meetings
        .iter()
        .flat_map(|m| {
            m.agenda.iter().filter_map(|a| a.lead_person_id).map(|p| Act { at: m.starts_at, who: parties.person(p) })
        })
        .collect();
    let attended: Vec<Act> = state
        .store
        .all_attendance(initiative_id)
        .await?
        .into_iter()
        .filter(|(_, a)| a.status == AttendanceStatus::Present)
        .filter_map(|(meeting, a)| {
            let m = meetings.iter().find(|m| m.id == meeting)?;
            Some(Act { at: m.starts_at, who: parties.org(a.organization_id) })
        })
        .collect();
    let mut voted = Vec::new();
    let decisions = DecisionQuery { table_id: Some(table_id), ..Default::default() };
    for d in state.store.decisions(initiative_id, &decisions).await?.iter().filter(|d| !d.anonymous) {
        for v in state.store.votes(initiative_id, d.id).await? {
            voted.push(Act { at: v.at, who: parties.org(v.organization_id) });
        }
    }
    Ok(voice(&seats, &attended, &led, &voted, by, today, VOICE_QUARTERS))
}
