//! `backbone bench`: figures for shared measurement at scale, printed, never asserted.
//!
//! 1. writes N observations in the long CSV format (indicators × school years × places × race
//!    groups, with totals that add up) to a temporary file;
//! 2. imports them as a partner would (check every row, then import), timing it and reading the
//!    process's peak memory — next to the database's own bulk loader on the same file;
//! 3. opens the review queue over them (one submission of N numbers): the list, its first page,
//!    filtered pages and a deep page, through the API and the page (p50/p99);
//! 4. approves them (which builds the pre-aggregated, suppressed published cells), then approves
//!    one 1,000-row submission of a second partner in the grown initiative (only the indicator
//!    periods it touches are decided again);
//! 5. asks the API for an indicator page many times (p50/p99), next to the plain aggregate SQL
//!    over the raw observations that it replaces;
//! 6. working together (`bench_together`): the accountability view, the feed and the alignment
//!    map over 500 partners, 5,000 meetings and 50,000 commitments.

use backbone_core::measure::indicator::*;

use backbone_core::audit::*;
use backbone_core::initiative::*;
use backbone_core::measure::analytics::{Direction, Unit};
use backbone_core::measure::observation::ObservationInput;
use backbone_core::measure::period::PeriodKind;
use backbone_core::measure::place::*;
use backbone_core::partners::*;
use backbone_core::store::prelude::*;
use std::io::Write;
use std::sync::Arc;
use std::time::{Duration, Instant};

const INDICATORS: usize = 20;
const PERIODS: usize = 25;
const RACES: [&str; 6] = ["Asian", "Black", "Hispanic", "White", "Multiracial", "Native American"];
const DISTRICTS: usize = 20;

pub struct BenchArgs {
    pub observations: u64,
    pub database_url: Option<String>,
    pub requests: usize,
}

fn peak_memory_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }
}

/// Places for about `n` rows: the community, districts and enough ZIP-sized areas under them.
fn places(n: u64) -> Vec<Geography> {
    let per_place = (INDICATORS * PERIODS * (RACES.len() + 1)) as u64;
    let zips = (n / per_place).saturating_sub(1 + DISTRICTS as u64).max(DISTRICTS as u64) as usize;
    let mut out =
        vec![Geography { code: "city".into(), name: "Bench City".into(), level: GeoLevel::Community, parent: None }];
    for d in 0..DISTRICTS {
        out.push(Geography {
            code: format!("d{d}"),
            name: format!("District {d}"),
            level: GeoLevel::District,
            parent: Some("city".into()),
        });
    }
    for z in 0..zips {
        out.push(Geography {
            code: format!("z{z}"),
            name: format!("Area {z}"),
            level: GeoLevel::Zip,
            parent: Some(format!("d{}", z % DISTRICTS)),
        });
    }
    out
}

/// Writes exactly `n` rows (or fewer, if the places run out) and returns how many.
fn write_csv(path: &std::path::Path, n: u64, places: &[Geography]) -> std::io::Result<u64> {
    let mut w = std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(path)?);
    writeln!(w, "indicator,period,geography,groups,numerator,denominator")?;
    let zips: Vec<&Geography> = places.iter().filter(|g| g.level == GeoLevel::Zip).collect();
    let mut rng = Rng(2026);
    let mut written = 0u64;
    'all: for k in 0..INDICATORS {
        for p in 0..PERIODS {
            let period = format!("{}-{:02}", 2000 + p, (2001 + p) % 100);
            // Accumulated per district and for the city: [race][numerator, denominator].
            let mut district = vec![[[0u64; 2]; 6]; DISTRICTS];
            for (zi, z) in zips.iter().enumerate() {
                let mut total = [0u64; 2];
                for (r, race) in RACES.iter().enumerate() {
                    let d = rng.range(3, 120);
                    let num = rng.range(0, d);
                    writeln!(w, "i{k},{period},{},race_ethnicity={race},{num},{d}", z.code)?;
                    district[zi % DISTRICTS][r][0] += num;
                    district[zi % DISTRICTS][r][1] += d;
                    total[0] += num;
                    total[1] += d;
                    written += 1;
                    if written == n {
                        break 'all;
                    }
                }
                writeln!(w, "i{k},{period},{},,{},{}", z.code, total[0], total[1])?;
                written += 1;
                if written == n {
                    break 'all;
                }
            }
            let mut city = [[0u64; 2]; 6];
            for (di, d) in district.iter().enumerate() {
                let mut total = [0u64; 2];
                for (r, race) in RACES.iter().enumerate() {
                    writeln!(w, "i{k},{period},d{di},race_ethnicity={race},{},{}", d[r][0], d[r][1])?;
                    city[r][0] += d[r][0];
                    city[r][1] += d[r][1];
                    total[0] += d[r][0];
                    total[1] += d[r][1];
                }
                writeln!(w, "i{k},{period},d{di},,{},{}", total[0], total[1])?;
                written += 7;
            }
            let mut total = [0u64; 2];
            for (r, race) in RACES.iter().enumerate() {
                writeln!(w, "i{k},{period},city,race_ethnicity={race},{},{}", city[r][0], city[r][1])?;
                total[0] += city[r][0];
                total[1] += city[r][1];
            }
            writeln!(w, "i{k},{period},city,,{},{}", total[0], total[1])?;
            written += 7;
            if written >= n {
                break 'all;
            }
        }
    }
    w.flush()?;
    Ok(written)
}

/// A second partner's numbers: the latest periods of the first indicators, for seven ZIP-sized
/// areas, every race group and the total; `n` rows, and how many (indicator, period) pairs.
fn second_partner_rows(places: &[Geography], n: usize) -> (Vec<ObservationInput>, usize) {
    let zips: Vec<&Geography> = places.iter().filter(|g| g.level == GeoLevel::Zip).take(7).collect();
    let mut rng = Rng(7);
    let mut rows = Vec::with_capacity(n);
    let mut pairs = 0;
    'all: for k in 0..INDICATORS {
        for p in (0..PERIODS).rev().take(10) {
            let period = format!("{}-{:02}", 2000 + p, (2001 + p) % 100);
            pairs += 1;
            for z in &zips {
                let mut total = (0.0, 0.0);
                for race in RACES {
                    let d = rng.range(1, 30) as f64;
                    let num = rng.range(0, d as u64) as f64;
                    total = (total.0 + num, total.1 + d);
                    rows.push(ObservationInput {
                        indicator: format!("i{k}"),
                        period: period.clone(),
                        geography: z.code.clone(),
                        groups: [("race_ethnicity".to_string(), race.to_string())].into(),
                        numerator: num,
                        denominator: Some(d),
                    });
                }
                rows.push(ObservationInput {
                    indicator: format!("i{k}"),
                    period: period.clone(),
                    geography: z.code.clone(),
                    groups: Default::default(),
                    numerator: total.0,
                    denominator: Some(total.1),
                });
                if rows.len() >= n {
                    rows.truncate(n);
                    break 'all;
                }
            }
        }
    }
    (rows, pairs)
}

/// Lets the machine settle after a large write before the next timing: on SQLite, the store
/// copies the write-ahead log into the database file on its own task after the commit (see
/// `backbone_store`'s checkpoints), so the next figure would share the disk and cores with it.
/// This checkpoints the log to its end first (through the sqlite3 shell, as the bulk loader).
fn settle(url: &str) {
    if let Some(path) = url.strip_prefix("sqlite://") {
        let _ = std::process::Command::new("sqlite3")
            .arg(path.split('?').next().unwrap_or(path))
            .arg("PRAGMA busy_timeout = 60000; PRAGMA wal_checkpoint(TRUNCATE);")
            .output();
    }
}

async fn bulk_loader(url: &str, csv: &std::path::Path) -> Result<(String, Duration), String> {
    if let Some(path) = url.strip_prefix("sqlite://") {
        let file = format!("{}-raw.db", path.split('?').next().unwrap_or(path));
        let _ = std::fs::remove_file(&file);
        let start = Instant::now();
        let out = std::process::Command::new("sqlite3")
            .arg(&file)
            .arg(".mode csv")
            .arg(format!(".import --skip 1 {} raw", csv.display()))
            .output()
            .map_err(|e| format!("running sqlite3 (apt-get install sqlite3): {e}"))?;
        let took = start.elapsed();
        let _ = std::fs::remove_file(&file);
        if !out.status.success() {
            return Err(String::from_utf8_lossy(&out.stderr).into_owned());
        }
        Ok(("sqlite3 .import".into(), took))
    } else {
        let start = Instant::now();
        let out = std::process::Command::new("psql")
            .arg(url)
            .arg("-v")
            .arg("ON_ERROR_STOP=1")
            .arg("-c")
            .arg("CREATE TEMP TABLE raw (indicator text, period text, geography text, groups text, numerator double precision, denominator double precision)")
            .arg("-c")
            .arg(format!("\\copy raw FROM '{}' WITH (FORMAT csv, HEADER true)", csv.display()))
            .output()
            .map_err(|e| format!("running psql: {e}"))?;
        let took = start.elapsed();
        if !out.status.success() {
            return Err(String::from_utf8_lossy(&out.stderr).into_owned());
        }
        Ok(("PostgreSQL COPY (psql \\copy)".into(), took))
    }
}

pub async fn run(args: BenchArgs) -> Result<(), String> {
    let err = |e: backbone_core::StoreError| e.to_string();
    let dir = std::env::temp_dir().join(format!("backbone-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let url = args.database_url.clone().unwrap_or_else(|| format!("sqlite://{}", dir.join("bench.db").display()));
    let schema = format!("bench_{}", std::process::id());
    let store: Arc<dyn Store> = if url.starts_with("postgres") {
        backbone_store::open_postgres_schema(&url, &schema).await.map_err(err)?
    } else {
        backbone_store::open(&url).await.map_err(err)?
    };
    println!("Backbone benchmark — {} observations on {}", args.observations, store.backend());

    // Setup: an initiative, a partner, indicators, places and a race dimension.
    let actor = Actor::system("backbone bench");
    let i = store
        .create_initiative(
            &actor,
            &NewInitiative {
                slug: "bench".into(),
                name: "Bench".into(),
                description: String::new(),
                phase: Phase::SustainingAction,
                published: true,
            },
        )
        .await
        .map_err(err)?;
    let org = store
        .create_organization(
            &actor,
            i.id,
            &OrganizationInput {
                name: "Bench School District".into(),
                sector: Sector::SchoolDistrict,
                budget_band: BudgetBand::Over20m,
                resident_led: false,
                service_area: vec![],
                website: String::new(),
                leadership: None,
            },
        )
        .await
        .map_err(err)?;
    // A second partner, which later corrects and adds numbers of a few places.
    let charter = store
        .create_organization(
            &actor,
            i.id,
            &OrganizationInput {
                name: "Bench Charter Network".into(),
                sector: Sector::Nonprofit,
                budget_band: BudgetBand::From1mTo5m,
                resident_led: false,
                service_area: vec![],
                website: String::new(),
                leadership: None,
            },
        )
        .await
        .map_err(err)?;
    for k in 0..INDICATORS {
        store
            .create_indicator(
                &actor,
                i.id,
                &IndicatorInput {
                    key: format!("i{k}"),
                    name: format!("Indicator {k}"),
                    description: String::new(),
                    numerator_definition: "Students meeting the standard".into(),
                    denominator_definition: "Students tested".into(),
                    unit: Unit::Percent,
                    direction: Direction::Up,
                    period_kind: PeriodKind::SchoolYear,
                    source: String::new(),
                    level: Level::Population,
                    result_key: None,
                    owner_organization_id: Some(org.id),
                    baseline_period: Some("2005-06".into()),
                    targets: vec![],
                    suppression_threshold: 10,
                    disclosure_rule: Default::default(),
                    submitters: vec![charter.id],
                    min_gap_change: None,
                    report_due_days: None,
                    published: true,
                },
            )
            .await
            .map_err(err)?;
    }
    let places = places(args.observations);
    store.set_geographies(&actor, i.id, &places).await.map_err(err)?;
    let dims = vec![Dimension {
        key: "race_ethnicity".into(),
        name: "Race".into(),
        values: RACES.iter().map(|r| r.to_string()).collect(),
    }];
    store.set_dimensions(&actor, i.id, &dims).await.map_err(err)?;

    let csv = dir.join("observations.csv");
    let start = Instant::now();
    let rows = write_csv(&csv, args.observations, &places).map_err(|e| e.to_string())?;
    let size = std::fs::metadata(&csv).map(|m| m.len()).unwrap_or(0);
    println!(
        "  generated {rows} rows ({:.0} MB of CSV) in {:.1} s, {} places",
        size as f64 / 1e6,
        start.elapsed().as_secs_f64(),
        places.len()
    );

    // Import: check every row, then stream the valid ones in.
    let indicators = store.indicators(i.id).await.map_err(err)?;
    let start = Instant::now();
    let file = std::io::BufReader::with_capacity(1 << 20, std::fs::File::open(&csv).map_err(|e| e.to_string())?);
    let outcome = backbone_web::measurement::import::import(
        store.as_ref(),
        &actor,
        i.id,
        org.id,
        file,
        backbone_web::measurement::import::CatalogData {
            indicators: indicators.clone(),
            geographies: places.clone(),
            dimensions: dims.clone(),
        },
        false,
        false,
        (backbone_core::review::SubmissionSource::Upload, Some("observations.csv".into())),
        Default::default(),
    )
    .await
    .map_err(err)?;
    let Some(summary) = outcome.summary else {
        let shown = &outcome.report.errors[..outcome.report.errors.len().min(3)];
        return Err(format!("generated rows failed the checks: {shown:?}"));
    };
    let imported = start.elapsed();
    let peak = peak_memory_mb();
    println!(
        "  import (check + write, one pass): {:.1} s = {:.0} rows/s  ({} added)",
        imported.as_secs_f64(),
        rows as f64 / imported.as_secs_f64(),
        summary.added
    );
    if let Some(p) = peak {
        println!("  peak memory of this process so far: {p:.0} MB");
    }
    settle(&url);
    match bulk_loader(&url, &csv).await {
        Ok((name, took)) => println!(
            "  {name} of the same file into a bare table: {:.1} s = {:.0} rows/s",
            took.as_secs_f64(),
            rows as f64 / took.as_secs_f64()
        ),
        Err(e) => println!("  database bulk loader: not measured ({})", e.trim()),
    }

    // The review queue over the numbers just imported, all waiting in one submission.
    review_queue(&store, i.id, &places, args.requests).await?;

    // Approval builds the published cells.
    let start = Instant::now();
    let progress = backbone_core::progress::Tracker::new();
    let approved = store.approve_all_submitted(&actor, i.id, org.id, &progress).await.map_err(err)?;
    println!("  approve {approved} and pre-aggregate with suppression: {:.1} s", start.elapsed().as_secs_f64());
    settle(&url);

    // A second partner's 1,000 numbers for a few places (new in the cells the first partner
    // reported, so they add to them), approved on their own in the grown initiative.
    let (second, pairs) = second_partner_rows(&places, 1000);
    store.submit_observations(&actor, i.id, charter.id, vec![second]).await.map_err(err)?;
    let start = Instant::now();
    let approved = store.approve_all_submitted(&actor, i.id, charter.id, &progress).await.map_err(err)?;
    println!(
        "  approve one {approved}-row submission of a second partner ({pairs} indicator periods decided again): {:.0} ms",
        start.elapsed().as_secs_f64() * 1000.0
    );
    settle(&url);

    // The indicator page's API, against the raw aggregate it replaces.
    let app = backbone_web::router(backbone_web::AppState::new(store.clone(), backbone_web::WebConfig::default()));
    // Made afresh for every request (a server that keeps no public answers), then as the public
    // gets it (the answer kept by the public cache, http::cache).
    let uncached = backbone_web::router(backbone_web::AppState::new(
        store.clone(),
        backbone_web::WebConfig { public_cache_mb: 0, ..Default::default() },
    ));
    for (label, fresh) in [("made afresh", true), ("as the public gets it, from the public cache", false)] {
        let mut times = Vec::with_capacity(args.requests);
        let mut bytes = 0usize;
        // Each indicator asked once before timing (as a running server has been): the first
        // request after the approval above reads its cells from the disk, not the cache.
        for n in (0..INDICATORS).map(|k| k as isize - INDICATORS as isize).chain(0..args.requests as isize) {
            let timed = n >= 0;
            let n = n.unsigned_abs();
            use tower::ServiceExt;
            let uri = format!("/api/v1/initiatives/bench/indicators/i{}/data?dimension=race_ethnicity", n % INDICATORS);
            let req =
                axum::http::Request::builder().uri(uri).body(axum::body::Body::empty()).map_err(|e| e.to_string())?;
            let t = Instant::now();
            let resp =
                if fresh { uncached.clone() } else { app.clone() }.oneshot(req).await.map_err(|e| e.to_string())?;
            let status = resp.status();
            let body = axum::body::to_bytes(resp.into_body(), usize::MAX).await.map_err(|e| e.to_string())?;
            if timed {
                times.push(t.elapsed());
            }
            if !status.is_success() {
                return Err(format!("the API answered {status}: {}", String::from_utf8_lossy(&body)));
            }
            bytes = body.len();
        }
        times.sort();
        println!(
            "  indicator page API (series + groups + equity + suppression), {label}, {} requests: p50 {}, p99 {}, {} KB each",
            times.len(),
            ms(percentile(&times, 0.5)),
            ms(percentile(&times, 0.99)),
            bytes / 1024
        );
    }
    // Where the time goes, for whoever tunes this next.
    let city_and_children: Vec<String> = places
        .iter()
        .filter(|g| g.parent.is_none() || g.parent.as_deref() == Some("city"))
        .map(|g| g.code.clone())
        .collect();
    let mut parts = [Duration::ZERO; 3];
    for n in 0..args.requests.min(100) {
        let t = Instant::now();
        std::hint::black_box(store.place_with_children(i.id, None).await.map_err(err)?);
        parts[0] += t.elapsed();
        let t = Instant::now();
        std::hint::black_box(
            store
                .published_cells(i.id, indicators[n % INDICATORS].id, &city_and_children, Some("race_ethnicity"))
                .await
                .map_err(err)?,
        );
        parts[1] += t.elapsed();
        let t = Instant::now();
        std::hint::black_box(store.indicator(i.id, &format!("i{}", n % INDICATORS)).await.map_err(err)?);
        parts[2] += t.elapsed();
    }
    let k = args.requests.clamp(1, 100) as u32;
    println!(
        "    of which (means): places {}, published cells {}, indicator {}",
        ms(parts[0] / k),
        ms(parts[1] / k),
        ms(parts[2] / k)
    );
    let mut raw = Vec::new();
    for n in 0..(args.requests / 10).max(5) {
        let t = Instant::now();
        let cells = store.approved_cells(i.id, indicators[n % INDICATORS].id).await.map_err(err)?;
        raw.push(t.elapsed());
        std::hint::black_box(cells);
    }
    raw.sort();
    println!(
        "  plain aggregate SQL over the raw observations (GROUP BY period, place, groups), {} queries: p50 {}, p99 {}",
        raw.len(),
        ms(percentile(&raw, 0.5)),
        ms(percentile(&raw, 0.99))
    );
    crate::bench_together::run(store.clone(), args.requests).await?;
    let _ = std::fs::remove_dir_all(&dir);
    if url.starts_with("postgres") {
        // The benchmark's schema goes with it.
        let out = std::process::Command::new("psql")
            .arg(&url)
            .arg("-q")
            .arg("-c")
            .arg(format!("DROP SCHEMA {schema} CASCADE"))
            .output();
        if !out.is_ok_and(|o| o.status.success()) {
            println!("  (could not drop the schema {schema}; drop it by hand)");
        }
    }
    Ok(())
}

/// One GET through the router, as `token`'s bearer; answers how long it took.
async fn timed_get(app: &axum::Router, uri: &str, token: &str) -> Result<(Duration, usize), String> {
    use tower::ServiceExt;
    let req = axum::http::Request::builder()
        .uri(uri)
        .header(axum::http::header::AUTHORIZATION, format!("Bearer {token}"))
        .body(axum::body::Body::empty())
        .map_err(|e| e.to_string())?;
    let t = Instant::now();
    let resp = app.clone().oneshot(req).await.map_err(|e| e.to_string())?;
    let status = resp.status();
    let body = axum::body::to_bytes(resp.into_body(), usize::MAX).await.map_err(|e| e.to_string())?;
    let took = t.elapsed();
    if !status.is_success() {
        return Err(format!("{uri} answered {status}: {}", String::from_utf8_lossy(&body)));
    }
    Ok((took, body.len()))
}

/// The review queue with every imported number waiting in one submission: the list of
/// submissions, the submission's first page, a page filtered by indicator and place, one by place
/// only, a deep page (after the first number of the last indicator), and the HTML page.
async fn review_queue(
    store: &Arc<dyn Store>,
    initiative_id: backbone_core::Id,
    places: &[Geography],
    requests: usize,
) -> Result<(), String> {
    use backbone_core::review::*;
    let err = |e: backbone_core::StoreError| e.to_string();
    let actor = Actor::system("bench");
    let hash = backbone_web::accounts::auth::hash_password("bench-staff-password").await.map_err(|e| e.to_string())?;
    let staff = backbone_core::accounts::NewUser {
        username: "bench-staff".into(),
        display_name: "Bench staff".into(),
        password: "bench-staff-password".into(),
        server_admin: true,
    };
    let staff = store.create_user(&actor, &staff, &hash).await.map_err(err)?;
    let token = backbone_web::accounts::auth::issue_token(store.as_ref(), &actor, staff.id, "bench")
        .await
        .map_err(|e| format!("{e:?}"))?
        .1;
    let waiting = SubmissionFilter { waiting_only: true, ..Default::default() };
    let sub = store.submissions(initiative_id, &waiting, None, 1).await.map_err(err)?;
    let Some(sub) = sub.submissions.first().cloned() else {
        return Err("the import made no submission".into());
    };
    // Small runs fill only the first indicators: the deep page starts at the last one with numbers.
    let mut deep = None;
    let mut present = INDICATORS;
    for k in (0..INDICATORS).rev() {
        let ind = store.indicator(initiative_id, &format!("i{k}")).await.map_err(err)?;
        let filter = NumberFilter { indicator_id: Some(ind.id), ..Default::default() };
        let first = store.submission_numbers(initiative_id, sub.id, &filter, None, 1).await.map_err(err)?;
        if let Some(n) = first.numbers.first() {
            deep = Some(NumberCursor::of(n).encode());
            present = k + 1;
            break;
        }
    }
    let deep = deep.ok_or("the submission has no numbers")?;
    let zips: Vec<&str> = places.iter().filter(|g| g.level == GeoLevel::Zip).map(|g| g.code.as_str()).collect();
    let app = backbone_web::router(backbone_web::AppState::new(store.clone(), backbone_web::WebConfig::default()));
    let base = format!("/api/v1/initiatives/bench/review/submissions/{}/numbers", sub.id);
    let n = requests.max(20);
    println!("  review queue: {} numbers waiting in one submission", sub.counts.submitted);
    type Uri<'a> = Box<dyn Fn(usize) -> String + 'a>;
    let cases: Vec<(&str, Uri)> = vec![
        (
            "list of submissions (API)",
            Box::new(|_| "/api/v1/initiatives/bench/review/submissions?waiting_only=true".to_string()),
        ),
        ("first page, 50 numbers (API)", Box::new(|_| base.clone())),
        (
            "filtered by indicator and place (API)",
            Box::new(|k| format!("{base}?indicator=i{}&place={}", k % present, zips[k % zips.len()])),
        ),
        ("filtered by place only (API)", Box::new(|k| format!("{base}?place={}", zips[k % zips.len()]))),
        ("deep page, from the last indicator on (API)", Box::new(|_| format!("{base}?after={deep}"))),
        ("the submission's page (HTML)", Box::new(|_| format!("/i/bench/review/{}", sub.id))),
    ];
    for (name, uri) in cases {
        let mut times = Vec::with_capacity(n);
        let mut bytes = 0;
        for k in 0..n {
            let (t, b) = timed_get(&app, &uri(k), &token).await?;
            times.push(t);
            bytes = b;
        }
        times.sort();
        println!(
            "    {name}, {n} requests: p50 {}, p99 {}, {} KB",
            ms(percentile(&times, 0.5)),
            ms(percentile(&times, 0.99)),
            bytes / 1024
        );
    }
    Ok(())
}
