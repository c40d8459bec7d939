//! The digest worker: for each person who asked for a daily or weekly digest, once it is due, the
//! events of their "for me" feed since the last one, in a plain message from the catalogue in the
//! language they chose it in; none is sent when nothing happened. Every message goes to the mail log.

use crate::feed::{audience, events_of};
use crate::http::i18n::Tr;
use crate::mail::sender::Mailer;
use crate::AppState;
use backbone_core::feed::{self, Event, FeedScope};
use backbone_core::mail::Recipient;
use chrono::{DateTime, Utc};

/// One recipient's digest at `now`: sent (or logged), or nothing to tell. Answers whether a
/// message went out. `all`: the initiative's events.
#[allow(clippy::too_many_arguments)]
async fn digest_for(
    s: &AppState,
    mailer: &Mailer,
    base: &str,
    r: &Recipient,
    all: &[Event],
    since: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<bool, String> {
    let initiative = s
        .store
        .list_initiatives()
        .await
        .map_err(|e| e.to_string())?
        .into_iter()
        .find(|i| i.id == r.initiative_id)
        .ok_or("the initiative is gone")?;
    let person = s.store.person(r.initiative_id, r.person_id).await.map_err(|e| e.to_string())?;
    let who = audience(s, r.initiative_id, Some(&person), r.user_id, Vec::new()).await.map_err(|e| e.to_string())?;
    let events: Vec<_> =
        feed::select(all.to_vec(), &FeedScope::Me(who)).into_iter().filter(|e| e.at > since && e.at <= now).collect();
    if events.is_empty() {
        return Ok(false);
    }
    let t = Tr::of(&r.language).unwrap_or_default();
    let subject = t.with2("mail-digest-subject", "initiative", &initiative.name, "count", events.len());
    let mut text = format!("{}\n\n", t.with("mail-digest-hello", "name", &r.name));
    for e in &events {
        text.push_str(&format!("- {}: {}", t.get(&e.kind.label_key()), e.title));
        if !e.detail.is_empty() {
            text.push_str(&format!(" — {}", e.detail));
        }
        text.push_str(&format!(" ({})\n  {base}/i/{}{}\n", s.config.time_zone.show(e.at, t), initiative.slug, e.path));
    }
    let unsubscribe = format!("{base}/unsubscribe/{}", r.token);
    text.push_str(&format!(
        "\n{}\n{base}/i/{}/feed?me=1\n\n{}\n{unsubscribe}\n",
        t.get("mail-digest-more"),
        initiative.slug,
        t.get("mail-digest-unsubscribe")
    ));
    let outcome = mailer.send(&r.name, &r.email, &subject, &text, &unsubscribe).await;
    let (status, error) = match &outcome {
        Ok(s) => (*s, String::new()),
        Err(e) => ("failed", e.clone()),
    };
    s.store
        .log_mail(r.initiative_id, Some(r.person_id), &r.email, &subject, status, &error)
        .await
        .map_err(|e| e.to_string())?;
    outcome.map(|_| true)
}

/// One round at `now`: every digest that is due. Answers how many messages went out.
pub async fn round(s: &AppState, mailer: &Mailer, base: &str, now: DateTime<Utc>) -> Result<usize, String> {
    let mut sent = 0;
    // Each initiative's events are read once per round, however many people get its digest.
    let mut events: std::collections::HashMap<backbone_core::Id, Vec<Event>> = Default::default();
    for r in s.store.digest_recipients().await.map_err(|e| e.to_string())? {
        let Some(since) = r.due(now) else { continue };
        if let std::collections::hash_map::Entry::Vacant(slot) = events.entry(r.initiative_id) {
            slot.insert(events_of(s, r.initiative_id).await.map_err(|e| e.to_string())?);
        }
        match digest_for(s, mailer, base, &r, &events[&r.initiative_id], since, now).await {
            Ok(went) => {
                sent += usize::from(went);
                s.store.mark_digest_sent(r.person_id, now).await.map_err(|e| e.to_string())?;
            }
            // Tried again next round; the mail log says why.
            Err(e) => tracing::warn!(person = r.person_id, error = %e, "a digest could not be sent"),
        }
    }
    Ok(sent)
}

/// Runs a round every minute until the process stops.
pub async fn run(s: AppState, mailer: Mailer, base: String) {
    loop {
        match round(&s, &mailer, &base, Utc::now()).await {
            Ok(n) if n > 0 => tracing::info!(messages = n, "digests sent"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "digest round failed; trying again shortly"),
        }
        tokio::time::sleep(std::time::Duration::from_secs(60)).await;
    }
}
