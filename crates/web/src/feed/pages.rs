//! The pages of this capability: the feed page, the Atom feed, the private feed key, and the
//! follow button of an indicator's page.

use crate::feed::{feed_for, key_hash, new_key, reader};
use crate::http::prelude::*;
use atom_syndication::{Entry, Feed, Link, Text};
use axum::http::{header, HeaderMap};
use backbone_core::feed::Event;
use std::collections::HashMap;

pub fn routes() -> PageRoutes {
    PageRoutes::new()
        .get("/i/{slug}/feed", feed_page)
        .get("/i/{slug}/feed.atom", feed_atom)
        .post("/i/{slug}/feed/key", feed_key)
        .post("/i/{slug}/indicators/{key}/follow", follow_indicator)
}

/// Which feed the address asks for: `table` (an id) and `me`.
fn chosen(q: &HashMap<String, String>) -> (Option<Id>, bool) {
    (q.get("table").and_then(|t| t.parse().ok()), q.get("me").is_some_and(|m| m == "1"))
}

/// The address of the same feed in another form (`feed` or `feed.atom`), keeping the choice.
fn address(slug: &str, what: &str, table: Option<Id>, me: bool, key: Option<&str>) -> String {
    let mut q = Vec::new();
    if let Some(t) = table {
        q.push(format!("table={t}"));
    }
    if me {
        q.push("me=1".into());
    }
    if let Some(k) = key {
        q.push(format!("key={k}"));
    }
    let q = if q.is_empty() { String::new() } else { format!("?{}", q.join("&")) };
    format!("/i/{slug}/{what}{q}")
}

/// One event as the page lists it: (label of its kind, when in the community's time, the event).
type Row = (String, String, Event);

#[derive(Template)]
#[template(path = "feed/templates/feed.html")]
struct FeedPage {
    page: PageCtx,
    i: Initiative,
    rows: Vec<Row>,
    tables: Vec<(String, String)>,
    table: String,
    me: bool,
    atom: String,
    /// The private links, just made (shown once).
    links: Option<(String, String)>,
    /// The viewer's digest choice, when their sign-in is linked to a person.
    digest: Option<String>,
    digests: Vec<(String, String)>,
    no_errors: Errors,
}

async fn feed_page_for(
    s: &AppState,
    req: &Req,
    i: Initiative,
    access: Access,
    q: &HashMap<String, String>,
    links: Option<(String, String)>,
) -> PageResult {
    req.require(&access, access.can_view_feed())?;
    let (table, me) = chosen(q);
    let me = me && req.viewer.user.is_some();
    let events = feed_for(s, &i, req.viewer.user.as_ref(), &access, table, me).await.map_err(|e| req.err(e))?;
    let rows =
        events.into_iter().map(|e| (req.t.get(&e.kind.label_key()), s.config.time_zone.show(e.at, req.t), e)).collect();
    let mut tables = vec![(String::new(), req.t.get("feed-every-table"))];
    tables.extend(s.store.tables(i.id).await.map_err(|e| req.err(e))?.into_iter().map(|t| (t.id.to_string(), t.name)));
    let digest = match &req.viewer.user {
        Some(u) => match s.store.person_of_user(i.id, u.id).await.map_err(|e| req.err(e))? {
            Some(p) => {
                Some(s.store.mail_preference(i.id, p.id).await.map_err(|e| req.err(e))?.digest.as_str().to_string())
            }
            None => None,
        },
        None => None,
    };
    use backbone_core::mail::DigestFrequency;
    let digests = options(DigestFrequency::ALL, req.t, DigestFrequency::label_key, DigestFrequency::as_str);
    let page = FeedPage {
        page: req.page(req.t.get("feed-title"), Some((&i, &access)), "feed"),
        digest,
        digests,
        atom: address(&i.slug, "feed.atom", table, me, None),
        rows,
        tables,
        table: table.map(|t| t.to_string()).unwrap_or_default(),
        me,
        links,
        no_errors: Errors::default(),
        i,
    };
    render(&page, req.t)
}

async fn feed_page(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    axum::extract::Query(q): axum::extract::Query<HashMap<String, String>>,
) -> PageResult {
    feed_page_for(&s, &req, i, access, &q, None).await
}

/// A new private key: the page shows the feed's and the calendar's addresses with it, once.
async fn feed_key(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    headers: HeaderMap,
) -> PageResult {
    req.require(&access, access.can_view_feed())?;
    let Some(user) = &req.viewer.user else { return Err(req.err(AppError::Unauthenticated)) };
    let key = new_key();
    s.store.renew_feed_key(&req.viewer.actor(), user.id, &key_hash(&key)).await.map_err(|e| req.err(e))?;
    let base = base_url(&s, &headers);
    let links = (
        format!("{base}{}", address(&i.slug, "feed.atom", None, true, Some(&key))),
        format!("{base}/i/{}/meetings.ics?key={key}", i.slug),
    );
    feed_page_for(&s, &req, i, access, &HashMap::from([("me".to_string(), "1".to_string())]), Some(links)).await
}

/// The scheme and host the request came to, for the absolute addresses feeds need.
pub fn base_url(s: &AppState, headers: &HeaderMap) -> String {
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("localhost");
    let scheme = if s.config.secure_cookies { "https" } else { "http" };
    format!("{scheme}://{host}")
}

/// The feed as Atom (RFC 4287), for feed readers: signed in, or with the reader's private key.
async fn feed_atom(
    State(s): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    ApiPath(slug): ApiPath<String>,
    axum::extract::Query(q): axum::extract::Query<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let reader = reader(&s, &viewer, q.get("key").map(String::as_str)).await?;
    let Scope { initiative: i, access } = crate::http::extract::initiative(&s, &reader, &slug).await?;
    require(&access, access.can_view_feed())?;
    let (table, me) = chosen(&q);
    let events = feed_for(&s, &i, reader.user.as_ref(), &access, table, me).await?;
    let t =
        crate::http::i18n::Tr::from_accept_language(headers.get(header::ACCEPT_LANGUAGE).and_then(|h| h.to_str().ok()));
    let base = base_url(&s, &headers);
    let mut feed = Feed::default();
    let title = match (me, table) {
        (true, _) => t.with("feed-atom-title-me", "initiative", &i.name),
        (false, Some(id)) => {
            let name = s.store.table(i.id, id).await?.name;
            t.with2("feed-atom-title-table", "initiative", &i.name, "table", name)
        }
        (false, None) => t.with("feed-atom-title", "initiative", &i.name),
    };
    feed.set_title(title);
    feed.set_id(format!("{base}{}", address(&i.slug, "feed.atom", table, me, None)));
    let updated = events.first().map(|e| e.at).unwrap_or(i.created_at);
    feed.set_updated(updated.fixed_offset());
    feed.set_links(vec![Link {
        href: format!("{base}{}", address(&i.slug, "feed", table, me, None)),
        rel: "alternate".into(),
        mime_type: Some("text/html".into()),
        ..Default::default()
    }]);
    let entries = events
        .iter()
        .map(|e| {
            let mut entry = Entry::default();
            entry.set_id(format!("{base}/i/{}/feed#{}", i.slug, e.id));
            entry.set_title(format!("{}: {}", t.get(&e.kind.label_key()), e.title));
            entry.set_updated(e.at.fixed_offset());
            entry.set_summary(Some(Text::plain(e.detail.clone())));
            entry.set_links(vec![Link {
                href: format!("{base}/i/{}{}", i.slug, e.path),
                rel: "alternate".into(),
                ..Default::default()
            }]);
            if !e.actor_name.is_empty() {
                entry.set_authors(vec![atom_syndication::Person { name: e.actor_name.clone(), ..Default::default() }]);
            }
            entry
        })
        .collect::<Vec<_>>();
    feed.set_entries(entries);
    Ok((
        [(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8"), (header::CACHE_CONTROL, "no-store")],
        feed.to_string(),
    )
        .into_response())
}

async fn follow_indicator(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, key)): ApiPath<(String, String)>,
    f: FormData,
) -> PageResult {
    req.require(&access, access.can_follow())?;
    let Some(user) = &req.viewer.user else { return Err(req.err(AppError::Unauthenticated)) };
    let follow = f.get("follow") != "0";
    s.store.set_following(&req.viewer.actor(), i.id, user.id, &key, follow).await.map_err(|e| req.err(e))?;
    let notice = if follow { "following" } else { "unfollowed" };
    Ok(see_other(&format!("/i/{}/indicators/{key}?notice={notice}", i.slug)))
}
