//! The meeting packet, for the steering committee and any table: what to look at together before
//! the meeting — the indicators that moved (as the community sees them: through the disclosure
//! engine), the commitments due soon, at risk or overdue, and the decisions due for review or
//! waiting for an outcome. A plain page that prints well.

use crate::http::prelude::*;
use crate::measurement::view::{build_view, fmt_value, ViewParams};
use backbone_core::commitments::{CommitmentQuery, CommitmentStatus, Standing};
use backbone_core::decisions::{Decision, DecisionQuery};
use backbone_core::meetings::MeetingQuery;
use chrono::Duration;

pub fn routes() -> PageRoutes {
    PageRoutes::new().get("/i/{slug}/meetings/{id}/packet", packet_page)
}

/// One indicator's movement: (key, name, previous period and value, latest period and value,
/// change in words, better / worse / same, new numbers since the table's last meeting).
pub struct Moved {
    pub key: String,
    pub name: String,
    pub previous: String,
    pub latest: String,
    pub change: String,
    pub judgement: &'static str,
    pub new_since_last: bool,
}

#[derive(Template)]
#[template(path = "meetings/templates/packet.html")]
struct PacketPage {
    page: PageCtx,
    i: Initiative,
    title: String,
    table: String,
    when: String,
    since: String,
    moved: Vec<Moved>,
    commitments: Vec<crate::commitments::Listed>,
    to_review: Vec<Decision>,
    awaiting: Vec<Decision>,
}

async fn packet_page(
    State(s): State<AppState>,
    req: Req,
    Scope { initiative: i, access }: Scope,
    ApiPath((_, id)): ApiPath<(String, i64)>,
) -> PageResult {
    req.require(&access, access.can_view_meetings() && access.can_view_commitments())?;
    let e = |e| req.err(e);
    let m = s.store.meeting(i.id, id).await.map_err(e)?;
    let table = s.store.table(i.id, m.table_id).await.map_err(e)?;
    // Since the table's meeting before this one (or four weeks).
    let earlier = s
        .store
        .meetings(i.id, &MeetingQuery { table_id: Some(m.table_id), until: Some(m.starts_at), ..Default::default() })
        .await
        .map_err(e)?;
    let since =
        earlier.iter().filter(|x| !x.cancelled).map(|x| x.starts_at).max().unwrap_or(m.starts_at - Duration::days(28));
    let approvals = s.store.approvals(i.id, since).await.map_err(e)?;

    let content = crate::translations::content(&s, &req, &i).await?;
    let mut moved = Vec::new();
    for ind in s.store.indicators(i.id).await.map_err(e)?.into_iter().filter(|x| access.can_view_indicator(x.published))
    {
        let view = build_view(&s, &i, &ind, &ViewParams::default()).await.map_err(|e| req.err(e))?;
        let known: Vec<_> = view.series.iter().filter(|p| p.value.is_some()).collect();
        let [.., prev, last] = known.as_slice() else { continue };
        let (a, b) = (prev.value.unwrap_or_default(), last.value.unwrap_or_default());
        let judgement = if ind.direction.better(b, a) {
            "better"
        } else if ind.direction.better(a, b) {
            "worse"
        } else {
            "same"
        };
        let delta = b - a;
        moved.push(Moved {
            key: ind.key.clone(),
            name: content.indicator_name(&ind).text,
            previous: format!("{} {}", prev.period, fmt_value(&req.t, ind.unit, a)),
            latest: format!("{} {}", last.period, fmt_value(&req.t, ind.unit, b)),
            change: format!("{}{}", if delta > 0.0 { "+" } else { "" }, fmt_value(&req.t, ind.unit, delta)),
            judgement,
            new_since_last: approvals.iter().any(|x| x.indicator_key == ind.key),
        });
    }
    moved.sort_by_key(|x| (!x.new_since_last, x.judgement == "same", x.name.clone()));

    let today = m.starts_at.date_naive();
    let mut commitments =
        crate::commitments::listed(&s, i.id, &CommitmentQuery { open_only: true, ..Default::default() })
            .await
            .map_err(|e| req.err(e))?;
    commitments.retain(|l| {
        l.c.status == CommitmentStatus::AtRisk
            || l.c.standing(today) == Standing::Overdue
            || l.c.due_on <= today + Duration::days(30)
    });
    commitments.sort_by_key(|l| {
        (l.c.standing(today) != Standing::Overdue, l.c.status != CommitmentStatus::AtRisk, l.c.due_on)
    });
    let decisions = s.store.decisions(i.id, &DecisionQuery::default()).await.map_err(e)?;
    let to_review = decisions.iter().filter(|d| d.review_due(today + Duration::days(7))).cloned().collect();
    let awaiting = decisions
        .iter()
        .filter(|d| d.process.takes_votes() && d.outcome.is_none() && d.closes_at.is_some_and(|c| c <= m.starts_at))
        .cloned()
        .collect();
    let page = PacketPage {
        page: req.page(req.t.with("packet-of", "meeting", &m.title), Some((&i, &access)), "meetings"),
        title: m.title.clone(),
        table: table.name,
        when: s.config.time_zone.show(m.starts_at, req.t),
        since: s.config.time_zone.show(since, req.t),
        moved,
        commitments,
        to_review,
        awaiting,
        i,
    };
    render(&page, req.t)
}
