//! `backbone bench --load URL`: a running server under the traffic its users make, printed
//! (never asserted).
//!
//! 1. if `wrk` is installed: the public dashboard, a public indicator page and `/healthz`, each
//!    for a fixed time with 32 connections (a newspaper's link, and the server's ceiling);
//! 2. mixed traffic for `--duration` seconds over `--connections` connections, each a visitor
//!    or a member doing one thing after another: public pages (70 %), signed-in pages (12 %),
//!    API reads (15 %, public and signed-in) and CSV submissions of a partner's numbers (3 %) —
//!    throughput, latency percentiles and errors per kind;
//! 3. with `--soak`: the same for ten minutes, the server's resident memory read each minute
//!    (its process found by the port it listens on, or `--server-pid`), growth measured from
//!    the end of the first minute (caches filled) to the end.

use rand::{Rng, SeedableRng};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::Mutex;

pub struct LoadArgs {
    pub url: String,
    pub slug: String,
    pub username: String,
    pub password: String,
    pub duration: Duration,
    pub connections: usize,
    pub soak: bool,
    pub server_pid: Option<u32>,
}

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
enum Kind {
    PublicPage,
    SignedInPage,
    ApiRead,
    CsvSubmission,
}

impl Kind {
    const ALL: [Kind; 4] = [Kind::PublicPage, Kind::SignedInPage, Kind::ApiRead, Kind::CsvSubmission];
    fn name(self) -> &'static str {
        match self {
            Kind::PublicPage => "public pages",
            Kind::SignedInPage => "signed-in pages",
            Kind::ApiRead => "API reads",
            Kind::CsvSubmission => "CSV submissions",
        }
    }
    fn pick(r: u32) -> Kind {
        match r {
            0..70 => Kind::PublicPage,
            70..82 => Kind::SignedInPage,
            82..97 => Kind::ApiRead,
            _ => Kind::CsvSubmission,
        }
    }
}

/// A number a partner may send again: indicator, period, place, groups, denominator.
type Resendable = (String, String, String, String, f64);

/// What the traffic asks for, found on the server before it starts.
struct Plan {
    base: String,
    slug: String,
    public_pages: Vec<String>,
    member_pages: Vec<String>,
    api_reads: Vec<(String, bool)>,
    /// (organisation, rows it may submit: indicator, period, geography, groups, denominator).
    submissions: Vec<(i64, Vec<Resendable>)>,
    session: String,
    csrf: String,
}

#[derive(Default)]
struct Tally {
    times: Vec<Duration>,
    errors: u64,
    first_error: Option<String>,
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1000.0)
}

pub async fn run(args: LoadArgs) -> Result<(), String> {
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(args.connections * 2)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(30))
        .build()
        .map_err(|e| e.to_string())?;
    let base = args.url.trim_end_matches('/').to_string();
    let plan = Arc::new(plan(&client, &base, &args).await?);
    println!("Backbone load run against {base} — initiative /i/{}, {} connections", args.slug, args.connections);
    wrk_runs(&base, &args.slug, &plan).await;
    let pid = args.server_pid.or_else(|| server_pid(&base));
    if args.soak {
        println!("  soak: mixed traffic for {} s, the server's memory each minute", args.duration.as_secs());
    } else {
        println!("  mixed traffic for {} s:", args.duration.as_secs());
    }
    let started = Instant::now();
    let deadline = started + args.duration;
    let tallies: Arc<Mutex<HashMap<Kind, Tally>>> = Arc::new(Mutex::new(HashMap::new()));
    let mut workers = Vec::new();
    for n in 0..args.connections {
        let (client, plan, tallies) = (client.clone(), plan.clone(), tallies.clone());
        workers.push(tokio::spawn(async move {
            let mut mine: HashMap<Kind, Tally> = HashMap::new();
            let mut rng = rand::rngs::StdRng::seed_from_u64(n as u64 + 1);
            while Instant::now() < deadline {
                let kind = Kind::pick(rng.random_range(0..100));
                let t = Instant::now();
                let outcome = one(&client, &plan, kind, &mut rng).await;
                let took = t.elapsed();
                let tally = mine.entry(kind).or_default();
                tally.times.push(took);
                if let Err(e) = outcome {
                    tally.errors += 1;
                    tally.first_error.get_or_insert(e);
                }
            }
            let mut all = tallies.lock().await;
            for (k, t) in mine {
                let a = all.entry(k).or_default();
                a.times.extend(t.times);
                a.errors += t.errors;
                if a.first_error.is_none() {
                    a.first_error = t.first_error;
                }
            }
        }));
    }
    // The server's memory, each minute of a soak.
    let mut memory: Vec<(u64, f64)> = Vec::new();
    if args.soak {
        let mut minute = 0;
        while Instant::now() < deadline {
            tokio::time::sleep(Duration::from_secs(60).min(deadline.saturating_duration_since(Instant::now()))).await;
            minute += 1;
            if let Some(rss) = pid.and_then(resident_mb) {
                println!("    minute {minute}: server resident memory {rss:.1} MB");
                memory.push((minute, rss));
            }
        }
    }
    for w in workers {
        w.await.map_err(|e| e.to_string())?;
    }
    let elapsed = started.elapsed().as_secs_f64();
    let mut all = tallies.lock().await;
    let (mut total, mut errors) = (0usize, 0u64);
    println!(
        "    {:<18} {:>8} {:>9} {:>8} {:>8} {:>8} {:>8} {:>7}",
        "kind", "requests", "per s", "p50 ms", "p90 ms", "p99 ms", "max ms", "errors"
    );
    for kind in Kind::ALL {
        let Some(t) = all.get_mut(&kind) else { continue };
        t.times.sort();
        total += t.times.len();
        errors += t.errors;
        println!(
            "    {:<18} {:>8} {:>9.0} {:>8} {:>8} {:>8} {:>8} {:>7}",
            kind.name(),
            t.times.len(),
            t.times.len() as f64 / elapsed,
            ms(percentile(&t.times, 0.5)),
            ms(percentile(&t.times, 0.9)),
            ms(percentile(&t.times, 0.99)),
            ms(t.times.last().copied().unwrap_or_default()),
            t.errors
        );
        if let Some(e) = &t.first_error {
            println!("      first error: {e}");
        }
    }
    println!("    all: {total} requests in {elapsed:.0} s = {:.0}/s, {errors} errors", total as f64 / elapsed);
    if args.soak {
        match (memory.first(), memory.last()) {
            (Some((_, first)), Some((m, last))) if memory.len() > 1 => println!(
                "    memory: {first:.1} MB after minute 1, {last:.1} MB after minute {m}: growth {:+.1} %",
                (last - first) / first * 100.0
            ),
            _ => println!("    memory: not read (pass --server-pid)"),
        }
    }
    Ok(())
}

/// One request of the given kind; an error says what went wrong.
async fn one(client: &reqwest::Client, plan: &Plan, kind: Kind, rng: &mut impl Rng) -> Result<(), String> {
    fn pick(v: &[String], rng: &mut impl Rng) -> String {
        v[rng.random_range(0..v.len())].clone()
    }
    let req = match kind {
        Kind::PublicPage => {
            client.get(format!("{}{}", plan.base, pick(&plan.public_pages, rng))).header("accept-encoding", "gzip, br")
        }
        Kind::SignedInPage => client
            .get(format!("{}{}", plan.base, pick(&plan.member_pages, rng)))
            .header("accept-encoding", "gzip, br")
            .header("cookie", &plan.session),
        Kind::ApiRead => {
            let (path, signed_in) = &plan.api_reads[rng.random_range(0..plan.api_reads.len())];
            let r = client.get(format!("{}{path}", plan.base)).header("accept-encoding", "gzip, br");
            if *signed_in {
                r.header("cookie", &plan.session)
            } else {
                r
            }
        }
        Kind::CsvSubmission => {
            let (org, rows) = &plan.submissions[rng.random_range(0..plan.submissions.len())];
            let mut csv = String::from("indicator,period,geography,groups,numerator,denominator\n");
            for (indicator, period, geography, groups, denominator) in rows.iter().take(25) {
                let numerator = (denominator * rng.random_range(0.3..0.9)).round();
                csv.push_str(&format!("{indicator},{period},{geography},{groups},{numerator},{denominator}\n"));
            }
            client
                .post(format!(
                    "{}/api/v1/initiatives/{}/observations.csv?organization_id={org}&valid_only=true",
                    plan.base, plan.slug
                ))
                .header("cookie", &plan.session)
                .header("x-csrf-token", &plan.csrf)
                .header("content-type", "text/csv")
                .body(csv)
        }
    };
    let resp = req.send().await.map_err(|e| e.to_string())?;
    let status = resp.status();
    let body = resp.bytes().await.map_err(|e| e.to_string())?;
    if status.is_success() || status.is_redirection() {
        Ok(())
    } else {
        Err(format!("{status}: {}", String::from_utf8_lossy(&body[..body.len().min(300)])))
    }
}

/// Signs in and reads what there is to ask for.
async fn plan(client: &reqwest::Client, base: &str, args: &LoadArgs) -> Result<Plan, String> {
    let slug = &args.slug;
    // Sign in as a browser does: the form's token and its cookie, then the session cookie.
    let login = client.get(format!("{base}/login")).send().await.map_err(|e| format!("{base}/login: {e}"))?;
    let pre = set_cookie(&login, "bb_pre").ok_or("the sign-in page set no cookie")?;
    let html = login.text().await.map_err(|e| e.to_string())?;
    let token = html
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .ok_or("no form token on the sign-in page")?
        .to_string();
    let signed = client
        .post(format!("{base}/login"))
        .header("cookie", format!("bb_pre={pre}"))
        .form(&[("csrf", token.as_str()), ("username", &args.username), ("password", &args.password), ("next", "/")])
        .send()
        .await
        .map_err(|e| e.to_string())?;
    let session = set_cookie(&signed, "bb_session")
        .ok_or_else(|| format!("signing in as {} failed ({})", args.username, signed.status()))?;
    let session = format!("bb_session={session}");
    let page = client
        .get(format!("{base}/i/{slug}/dashboard"))
        .header("cookie", &session)
        .send()
        .await
        .map_err(|e| e.to_string())?
        .text()
        .await
        .map_err(|e| e.to_string())?;
    let csrf = page
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .ok_or("no form token on the signed-in dashboard")?
        .to_string();
    let get_json = |path: String| {
        let (client, session) = (client.clone(), session.clone());
        async move {
            let r = client
                .get(format!("{base}{path}"))
                .header("cookie", session)
                .send()
                .await
                .map_err(|e| e.to_string())?;
            if !r.status().is_success() {
                return Err(format!("{path}: {}", r.status()));
            }
            r.json::<serde_json::Value>().await.map_err(|e| format!("{path}: {e}"))
        }
    };
    let indicators = get_json(format!("/api/v1/initiatives/{slug}/indicators")).await?;
    let keys: Vec<String> = indicators
        .as_array()
        .map(|a| {
            a.iter().filter(|i| i["published"] == true).filter_map(|i| i["key"].as_str().map(String::from)).collect()
        })
        .unwrap_or_default();
    if keys.is_empty() {
        return Err(format!("the initiative {slug} has no published indicators"));
    }
    let mut public_pages = vec![format!("/i/{slug}/dashboard"), format!("/i/{slug}"), format!("/i/{slug}/agenda")];
    for k in &keys {
        public_pages.push(format!("/i/{slug}/indicators/{k}"));
    }
    public_pages.push(format!("/i/{slug}/dashboard.csv"));
    let member_pages = vec![
        format!("/i/{slug}/dashboard"),
        format!("/i/{slug}/feed"),
        format!("/i/{slug}/commitments"),
        format!("/i/{slug}/meetings"),
        format!("/i/{slug}/indicators/{}", keys[0]),
    ];
    let mut api_reads = Vec::new();
    for k in &keys {
        api_reads.push((format!("/api/v1/initiatives/{slug}/indicators/{k}/data"), false));
    }
    api_reads.push((format!("/api/v1/initiatives/{slug}/indicators"), false));
    api_reads.push((format!("/api/v1/initiatives/{slug}/commitments"), true));
    api_reads.push((format!("/api/v1/initiatives/{slug}/meetings"), true));
    // Numbers partners have sent: sent again with other numerators, as corrections.
    let observations = get_json(format!("/api/v1/initiatives/{slug}/observations?limit=5000")).await?;
    let mut by_org: HashMap<i64, Vec<Resendable>> = HashMap::new();
    for o in observations.as_array().into_iter().flatten() {
        let (Some(org), Some(d)) = (o["organization_id"].as_i64(), o["denominator"].as_f64()) else { continue };
        // Totals only: a file's breakdowns must add up to its totals, which random numerators
        // would not.
        let no_groups = o["groups"].as_object().is_some_and(|g| g.is_empty()) || o["groups"].as_str() == Some("");
        if !no_groups {
            continue;
        }
        let groups = o["groups"]
            .as_object()
            .map(|g| g.iter().map(|(k, v)| format!("{k}={}", v.as_str().unwrap_or(""))).collect::<Vec<_>>().join(";"))
            .or_else(|| o["groups"].as_str().map(String::from))
            .unwrap_or_default();
        by_org.entry(org).or_default().push((
            o["indicator_key"].as_str().unwrap_or("").to_string(),
            o["period"].as_str().unwrap_or("").to_string(),
            o["geography"].as_str().unwrap_or("").to_string(),
            groups,
            d,
        ));
    }
    let submissions: Vec<_> = by_org.into_iter().filter(|(_, rows)| !rows.is_empty()).collect();
    if submissions.is_empty() {
        return Err("no partner has sent numbers to send again".into());
    }
    Ok(Plan {
        base: base.to_string(),
        slug: slug.to_string(),
        public_pages,
        member_pages,
        api_reads,
        submissions,
        session,
        csrf,
    })
}

fn set_cookie(resp: &reqwest::Response, name: &str) -> Option<String> {
    resp.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.split(';').next())
        .filter_map(|kv| kv.split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// `wrk` against the public dashboard, an indicator page and `/healthz`, when it is installed.
async fn wrk_runs(base: &str, slug: &str, plan: &Plan) {
    let indicator = plan.public_pages.iter().find(|p| p.contains("/indicators/")).cloned().unwrap_or_default();
    let targets = [
        ("public dashboard", format!("/i/{slug}/dashboard")),
        ("public indicator page", indicator),
        ("/healthz", "/healthz".to_string()),
    ];
    println!("  wrk, 32 connections, 2 threads, 10 s each, as a browser asks (Accept-Encoding: gzip, br):");
    let mut healthz = None;
    let mut rates = Vec::new();
    for (name, path) in targets {
        let url = format!("{base}{path}");
        // The first visitor's answer is made and kept; wrk measures the visitors after.
        let _ = reqwest::Client::new().get(&url).header("accept-encoding", "gzip, br").send().await;
        let out = tokio::task::spawn_blocking(move || {
            std::process::Command::new("wrk")
                .args(["-t2", "-c32", "-d10s", "--latency", "-H", "Accept-Encoding: gzip, br"])
                .arg(url)
                .output()
        })
        .await
        .unwrap_or_else(|e| Err(std::io::Error::other(e)));
        let Ok(out) = out.map_err(|e| println!("    wrk not run ({e}): apt-get install wrk")) else { return };
        let text = String::from_utf8_lossy(&out.stdout);
        let rate = text
            .lines()
            .find_map(|l| l.trim().strip_prefix("Requests/sec:"))
            .and_then(|v| v.trim().parse::<f64>().ok())
            .unwrap_or(0.0);
        let p = |q: &str| {
            text.lines()
                .find_map(|l| l.trim().strip_prefix(q).map(|v| v.trim().to_string()))
                .unwrap_or_else(|| "?".into())
        };
        let non2xx =
            text.lines().find(|l| l.contains("Non-2xx")).map(|l| format!(", {}", l.trim())).unwrap_or_default();
        println!("    {name:<22} {rate:>9.0} requests/s   p50 {:>8}  p99 {:>8}{non2xx}", p("50%"), p("99%"));
        if path == "/healthz" {
            healthz = Some(rate);
        } else {
            rates.push((name, rate));
        }
    }
    if let Some(h) = healthz.filter(|h| *h > 0.0) {
        for (name, rate) in rates {
            println!("    {name}: {:.2} of /healthz's rate (1/{:.1})", rate / h, h / rate.max(1.0));
        }
    }
}

/// The process listening on the URL's port (Linux: /proc/net/tcp and each process's sockets).
fn server_pid(base: &str) -> Option<u32> {
    let port: u16 = base.rsplit(':').next()?.trim_end_matches('/').split('/').next()?.parse().ok()?;
    let mut inodes = Vec::new();
    for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
        let Ok(text) = std::fs::read_to_string(table) else { continue };
        for line in text.lines().skip(1) {
            let f: Vec<&str> = line.split_whitespace().collect();
            if f.len() > 9
                && f[3] == "0A"
                && f[1].rsplit(':').next().and_then(|p| u16::from_str_radix(p, 16).ok()) == Some(port)
            {
                inodes.push(format!("socket:[{}]", f[9]));
            }
        }
    }
    for proc in std::fs::read_dir("/proc").ok()?.flatten() {
        let Ok(pid) = proc.file_name().to_string_lossy().parse::<u32>() else { continue };
        let Ok(fds) = std::fs::read_dir(proc.path().join("fd")) else { continue };
        for fd in fds.flatten() {
            if let Ok(link) = std::fs::read_link(fd.path()) {
                if inodes.iter().any(|i| link.to_string_lossy() == *i) {
                    return Some(pid);
                }
            }
        }
    }
    None
}

fn resident_mb(pid: u32) -> Option<f64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}
