//! A page that shows how far a long operation has come while it runs, without JavaScript and
//! whichever app server answers: the answer itself is streamed. The operation runs in a task of
//! its own, so a browser that goes away neither stops it nor leaves it half-done (it finishes, or
//! rolls back, on its own), and nothing about it is kept between requests.
//!
//! An operation that ends within a moment ([`PATIENCE`]) is answered as usual: a redirect to
//! where it leads, or the page with its result. A longer one gets its page's frame at once
//! (everything before [`MARK`]), a progress line every [`EVERY`], then the result (with a link
//! onward) and the rest of the frame. The stylesheet shows only the newest line
//! (`.progress-lines > :not(:last-child)`), so the page reads as one line that moves on.

use axum::body::{Body, Bytes};
use axum::http::header;
use axum::response::{Html, IntoResponse, Redirect, Response};
use std::future::Future;
use std::time::Duration;

/// Where a streamed page's progress lines and result go, in a rendered page.
pub const MARK: &str = "<!--progress-->";

/// How often a new progress line is sent.
pub const EVERY: Duration = Duration::from_secs(1);

/// How long an operation may take before its page is streamed (`WebConfig::progress_after`).
pub const PATIENCE: Duration = Duration::from_secs(1);

/// One progress line: a bar and `words` when how far it has come is known, else the words
/// alone. `words` is HTML (from the catalogue, with numbers); the bar's own text is the
/// percentage, for browsers that draw no bar.
pub fn line(percent: Option<u8>, words: &str) -> String {
    match percent {
        Some(pc) => format!("<p><progress max=\"100\" value=\"{pc}\">{pc}%</progress> {words}</p>"),
        None => format!("<p>{words}</p>"),
    }
}

/// What a long operation ended with.
pub struct Finished {
    /// What to show (HTML, with a link onward when there is somewhere to go).
    pub html: String,
    /// Where to go on to when the operation ended quickly (a redirect); `None` shows `html`.
    pub redirect: Option<String>,
}

/// How an operation's page is drawn.
pub struct Streamed<L> {
    /// The rendered page, holding [`MARK`] where the lines and the result go.
    pub frame: String,
    /// How long to wait before streaming, and how often to draw a line then.
    pub patience: Duration,
    pub every: Duration,
    /// The current progress line (HTML).
    pub line: L,
}

/// Runs `work` in a task of its own and answers with it (see the module's description).
pub async fn answer<W, L>(page: Streamed<L>, work: W) -> Response
where
    W: Future<Output = Finished> + Send + 'static,
    L: Fn() -> String + Send + 'static,
{
    let Streamed { frame, patience, every, line } = page;
    let (head, tail) = match frame.split_once(MARK) {
        Some((h, t)) => (h.to_string(), t.to_string()),
        None => (frame, String::new()),
    };
    let mut work = tokio::spawn(work);
    let failed = |e: tokio::task::JoinError| {
        tracing::error!(error = %e, "a long operation failed");
        Finished { html: String::new(), redirect: None }
    };
    if let Ok(done) = tokio::time::timeout(patience, &mut work).await {
        let done = done.unwrap_or_else(failed);
        return match done.redirect {
            Some(to) => Redirect::to(&to).into_response(),
            None => Html(format!("{head}{}{tail}", done.html)).into_response(),
        };
    }
    let (mut tx, body) = http_body_util::channel::Channel::<Bytes, std::convert::Infallible>::new(2);
    tokio::spawn(async move {
        // A reader that has gone away only stops the lines; the work goes on to its end.
        let first = format!("{head}<div class=\"progress-lines\" role=\"status\">{}", line());
        let mut reading = tx.send_data(Bytes::from(first)).await.is_ok();
        let done = loop {
            tokio::select! {
                done = &mut work => break done.unwrap_or_else(failed),
                _ = tokio::time::sleep(every) => {
                    if reading {
                        reading = tx.send_data(Bytes::from(line())).await.is_ok();
                    }
                }
            }
        };
        if reading {
            let _ = tx.send_data(Bytes::from(format!("</div>{}{tail}", done.html))).await;
        }
    });
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
            // Proxies that buffer answers (nginx) pass this one on as it comes.
            (header::HeaderName::from_static("x-accel-buffering"), "no"),
        ],
        Body::new(body),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use http_body_util::BodyExt;
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::sync::Arc;

    fn page(patience: Duration, n: Arc<AtomicU64>) -> Streamed<impl Fn() -> String + Send + 'static> {
        Streamed {
            frame: format!("<main>{MARK}</main>"),
            patience,
            every: Duration::from_millis(20),
            line: move || format!("<p>{} done</p>", n.load(Ordering::Relaxed)),
        }
    }

    async fn counting(n: Arc<AtomicU64>, steps: u64) -> Finished {
        for _ in 0..steps {
            tokio::time::sleep(Duration::from_millis(30)).await;
            n.fetch_add(10, Ordering::Relaxed);
        }
        Finished { html: "<p>finished</p>".into(), redirect: Some("/onward".into()) }
    }

    #[tokio::test]
    async fn a_quick_operation_is_answered_when_done() {
        let n = Arc::new(AtomicU64::new(0));
        let resp = answer(page(Duration::from_secs(5), n.clone()), counting(n.clone(), 1)).await;
        assert_eq!(resp.status(), axum::http::StatusCode::SEE_OTHER);
        assert_eq!(resp.headers()["location"], "/onward");
    }

    #[tokio::test]
    async fn a_long_one_streams_the_frame_then_progress_lines_then_the_result() {
        let n = Arc::new(AtomicU64::new(0));
        let resp = answer(page(Duration::ZERO, n.clone()), counting(n.clone(), 5)).await;
        assert_eq!(resp.status(), axum::http::StatusCode::OK);
        let mut body = resp.into_body();
        let first = body.frame().await.unwrap().unwrap().into_data().unwrap();
        assert_eq!(first, "<main><div class=\"progress-lines\" role=\"status\"><p>0 done</p>");
        let rest = String::from_utf8(body.collect().await.unwrap().to_bytes().to_vec()).unwrap();
        assert!(rest.matches(" done</p>").count() >= 2, "{rest}");
        assert!(rest.ends_with("</div><p>finished</p></main>"), "{rest}");
    }

    #[tokio::test]
    async fn the_work_finishes_when_nobody_reads_the_answer() {
        let n = Arc::new(AtomicU64::new(0));
        let resp = answer(page(Duration::ZERO, n.clone()), counting(n.clone(), 3)).await;
        drop(resp);
        tokio::time::sleep(Duration::from_millis(300)).await;
        assert_eq!(n.load(Ordering::Relaxed), 30);
    }
}
