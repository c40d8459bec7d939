//! The meetings as calendar feeds (iCalendar, RFC 5545): every table's, or one table's, for
//! calendar apps — signed in, or with the member's private feed key (`crate::feed::reader`).

use crate::feed::{pages::base_url, reader};
use crate::http::prelude::*;
use axum::http::{header, HeaderMap};
use backbone_core::meetings::MeetingQuery;
use icalendar::{Calendar, Component, EventLike, EventStatus};
use std::collections::HashMap;

/// `/i/{slug}/meetings.ics` (every table; `?table=ID` for one) and
/// `/i/{slug}/tables/{id}/meetings.ics`.
pub fn routes() -> PageRoutes {
    PageRoutes::new()
        .get("/i/{slug}/meetings.ics", all_meetings)
        .get("/i/{slug}/tables/{id}/meetings.ics", table_meetings)
}

async fn all_meetings(
    State(s): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    ApiPath(slug): ApiPath<String>,
    axum::extract::Query(q): axum::extract::Query<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let table = match q.get("table").filter(|t| !t.is_empty()) {
        Some(t) => Some(t.parse::<Id>().map_err(|_| AppError::BadRequest("table: not a table id".into()))?),
        None => None,
    };
    calendar(&s, &viewer, &headers, &slug, table, q.get("key").map(String::as_str)).await
}

async fn table_meetings(
    State(s): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    ApiPath((slug, id)): ApiPath<(String, Id)>,
    axum::extract::Query(q): axum::extract::Query<HashMap<String, String>>,
) -> Result<Response, AppError> {
    calendar(&s, &viewer, &headers, &slug, Some(id), q.get("key").map(String::as_str)).await
}

async fn calendar(
    s: &AppState,
    viewer: &Viewer,
    headers: &HeaderMap,
    slug: &str,
    table_id: Option<Id>,
    key: Option<&str>,
) -> Result<Response, AppError> {
    let reader = reader(s, viewer, key).await?;
    let Scope { initiative: i, access } = crate::http::extract::initiative(s, &reader, slug).await?;
    require(&access, access.can_view_meetings())?;
    let tables = s.store.tables(i.id).await?;
    let people = s.store.people(i.id).await?;
    let person = |id: Option<Id>| id.and_then(|id| people.iter().find(|p| p.id == id)).map(|p| p.name.as_str());
    let name = match table_id {
        Some(t) => {
            let table = s.store.table(i.id, t).await?;
            format!("{} — {}", i.name, table.name)
        }
        None => i.name.clone(),
    };
    let meetings = s.store.meetings(i.id, &MeetingQuery { table_id, ..Default::default() }).await?;
    let base = base_url(s, headers);
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("localhost");
    let mut cal = Calendar::new();
    cal.name(&name);
    for m in &meetings {
        let table = tables.iter().find(|t| t.id == m.table_id).map(|t| t.name.as_str()).unwrap_or_default();
        let agenda: Vec<String> = m
            .agenda
            .iter()
            .map(|a| match person(a.lead_person_id) {
                Some(lead) => format!("{} ({lead})", a.title),
                None => a.title.clone(),
            })
            .collect();
        let mut e = icalendar::Event::new();
        e.uid(&format!("meeting-{}@{host}", m.id))
            .summary(&format!("{table}: {}", m.title))
            .starts(m.starts_at)
            .ends(m.starts_at + chrono::Duration::minutes(i64::from(m.minutes)))
            .location(&m.place)
            .description(&agenda.join("\n"))
            .url(&format!("{base}/i/{}/meetings/{}", i.slug, m.id))
            .timestamp(m.updated_at)
            .last_modified(m.updated_at)
            .status(if m.cancelled { EventStatus::Cancelled } else { EventStatus::Confirmed });
        cal.push(e.done());
    }
    Ok((
        [(header::CONTENT_TYPE, "text/calendar; charset=utf-8"), (header::CACHE_CONTROL, "no-store")],
        cal.done().to_string(),
    )
        .into_response())
}
