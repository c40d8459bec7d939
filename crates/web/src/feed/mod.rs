//! Continuous communication: the activity feed of an initiative, of a table and "for me", as a
//! page, as JSON and as Atom; following indicators; and the private feed key that lets feed
//! readers and calendar apps (which cannot sign in) read a member's feeds. The events come from
//! `core::feed`, read from the records on every request.

pub mod api;
pub mod pages;

use crate::http::error::AppError;
use crate::http::viewer::Viewer;
use crate::AppState;
use backbone_core::access::Access;
use backbone_core::accounts::User;
use backbone_core::activities::ActivityQuery;
use backbone_core::decisions::DecisionQuery;
use backbone_core::feed::{self, Audience, Event, FeedScope, Sources};
use backbone_core::initiative::Initiative;
use backbone_core::meetings::MeetingQuery;
use backbone_core::people::Person;
use backbone_core::Id;
use chrono::{Duration, Utc};
use sha2::{Digest, Sha256};

/// Every event of the initiative in the feed's window, newest first.
pub async fn events_of(s: &AppState, initiative_id: Id) -> Result<Vec<Event>, AppError> {
    let now = Utc::now();
    let since = now - Duration::days(feed::FEED_DAYS);
    let steps = s.store.commitment_steps(initiative_id, since).await?;
    let approvals = s.store.approvals(initiative_id, since).await?;
    // Meetings planned in the window may be held later; those held in it were planned earlier.
    let query = MeetingQuery { planned_or_starting: Some((since, now)), ..Default::default() };
    let meetings = s.store.meetings(initiative_id, &query).await?;
    let decisions = s.store.decisions(initiative_id, &DecisionQuery::default()).await?;
    let activities = s.store.activities(initiative_id, &ActivityQuery::default()).await?;
    let tables: Vec<(Id, String)> = s.store.tables(initiative_id).await?.into_iter().map(|t| (t.id, t.name)).collect();
    tokio::task::spawn_blocking(move || {
        let src = Sources {
            steps: &steps,
            meetings: &meetings,
            decisions: &decisions,
            approvals: &approvals,
            activities: &activities,
            tables: &tables,
        };
        feed::events(&src, since, now)
    })
    .await
    .map_err(|e| AppError::Internal(format!("reading the feed: {e}")))
}

/// A user's own part of an initiative: their person, organisations (and those they steward),
/// current tables and the indicators they follow.
pub async fn audience_of(s: &AppState, initiative_id: Id, user: &User, access: &Access) -> Result<Audience, AppError> {
    let person = s.store.person_of_user(initiative_id, user.id).await?;
    audience(s, initiative_id, person.as_ref(), Some(user.id), access.stewarded_organizations()).await
}

/// Someone's part of an initiative, from their person (if any), the account that follows
/// indicators (if any), and organisations they act for besides their own. Used by the "for me"
/// feed and by the e-mail digests, which go to people, signed in or not.
pub async fn audience(
    s: &AppState,
    initiative_id: Id,
    person: Option<&Person>,
    user_id: Option<Id>,
    mut organizations: Vec<Id>,
) -> Result<Audience, AppError> {
    let today = Utc::now().date_naive();
    let mut tables = Vec::new();
    if let Some(p) = person {
        organizations.extend(p.organization_id);
        tables = s
            .store
            .memberships(initiative_id, None, Some(p.id))
            .await?
            .into_iter()
            .filter(|m| m.is_current(today))
            .map(|m| m.table_id)
            .collect();
    }
    organizations.sort_unstable();
    organizations.dedup();
    let indicators = match user_id {
        Some(u) => s.store.followed_indicators(initiative_id, u).await?,
        None => Vec::new(),
    };
    Ok(Audience { person_id: person.map(|p| p.id), organizations, tables, indicators })
}

/// The feed of a scope as `viewer` may read it.
pub async fn feed_for(
    s: &AppState,
    i: &Initiative,
    user: Option<&User>,
    access: &Access,
    table_id: Option<Id>,
    me: bool,
) -> Result<Vec<Event>, AppError> {
    let scope = match (me, table_id, user) {
        (true, _, Some(u)) => FeedScope::Me(audience_of(s, i.id, u, access).await?),
        (true, _, None) => return Err(AppError::Unauthenticated),
        (false, Some(t), _) => {
            s.store.table(i.id, t).await?;
            FeedScope::Table(t)
        }
        (false, None, _) => FeedScope::Initiative,
    };
    Ok(feed::select(events_of(s, i.id).await?, &scope))
}

/// The stored form of a feed key.
pub fn key_hash(key: &str) -> String {
    hex::encode(Sha256::digest(key.as_bytes()))
}

/// A new feed key: 32 random bytes, hex.
pub fn new_key() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// Who reads a feed: the signed-in viewer, or else the owner of the feed key in the address.
/// A key that matches nobody is refused rather than read as the public.
pub async fn reader(s: &AppState, viewer: &Viewer, key: Option<&str>) -> Result<Viewer, AppError> {
    let Some(key) = key.filter(|_| viewer.user.is_none()) else { return Ok(viewer.clone()) };
    let Some(user_id) = s.store.user_of_feed_key(&key_hash(key)).await? else {
        return Err(AppError::Unauthenticated);
    };
    let user = s.store.user(user_id).await?;
    let grants = s.store.grants_for_user(user_id).await?;
    Ok(Viewer { user: Some(user), grants, ..viewer.clone() })
}
