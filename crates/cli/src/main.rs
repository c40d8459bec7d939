//! `backbone`: serve the web UI and API, run the demo, and administer from the command line.

/// mimalloc, not glibc's malloc (see Cargo.toml): imports allocate rows on one thread and free
/// them on another.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod approve;
mod bench;
mod bench_load;
mod bench_together;
mod config;
mod progress;
mod submit;

use backbone_core::accounts::*;
use backbone_core::audit::*;
use backbone_core::exchange::InitiativeExport;
use backbone_core::initiative::*;
use backbone_core::store::prelude::*;
use backbone_core::StoreError;
use backbone_demo::{demo_initiative, demo_logins, DEMO_PASSWORD};
use clap::{Parser, Subcommand};
use config::{ConfigArgs, ServeArgs, DEFAULT_DATABASE};
use std::io::Read;
use std::process::ExitCode;
use std::sync::Arc;

#[derive(Parser)]
#[command(name = "backbone", version, about = "Backbone: software for collective impact initiatives")]
struct Cli {
    #[command(flatten)]
    config: ConfigArgs,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web UI and the API.
    Serve(ServeArgs),
    /// Serve a fresh database holding the demo initiative, and print how to sign in.
    Demo(ServeArgs),
    /// Write an initiative, with its history, to JSON.
    Export {
        /// The initiative's short name (as in /i/SHORT-NAME).
        #[arg(long)]
        initiative: String,
        /// File to write (standard output if absent).
        #[arg(long, short)]
        output: Option<std::path::PathBuf>,
    },
    /// Read an initiative from a JSON export, as a new initiative. All or nothing.
    Import {
        file: std::path::PathBuf,
        /// Use this short name instead of the one in the file.
        #[arg(long)]
        slug: Option<String>,
    },
    /// Submit an organisation's numbers from a CSV file (indicator, period, geography, groups,
    /// numerator, denominator), as the Data page does: every row is checked, problems are listed
    /// by line and column, and nothing is saved unless the whole file can be.
    Submit {
        /// The initiative's short name (as in /i/SHORT-NAME).
        #[arg(long)]
        initiative: String,
        /// The organisation the numbers come from: its id or its exact name.
        #[arg(long)]
        organization: String,
        /// The CSV file.
        #[arg(long)]
        file: std::path::PathBuf,
        /// Save the numbers as drafts, not yet sent for review.
        #[arg(long)]
        draft: bool,
        /// Import the rows without problems and leave the others out.
        #[arg(long)]
        valid_rows_only: bool,
    },
    /// Approve numbers waiting for review: one submission of the review queue, or everything an
    /// organisation has waiting. What is published is decided again where numbers changed.
    Approve {
        /// The initiative's short name (as in /i/SHORT-NAME).
        #[arg(long)]
        initiative: String,
        /// The submission's number, as the review queue shows it.
        #[arg(long, conflicts_with = "organization")]
        submission: Option<i64>,
        /// Every number this organisation has waiting: its id or its exact name.
        #[arg(long)]
        organization: Option<String>,
    },
    /// Accounts and initiatives.
    #[command(subcommand)]
    Admin(Admin),
    /// Print import and dashboard figures for a large synthetic data set (a fresh database:
    /// a temporary SQLite file, or a new schema in the PostgreSQL given by --database-url).
    Bench {
        /// How many observations to generate and import.
        #[arg(long, default_value_t = 1_000_000)]
        observations: u64,
        /// How many indicator-page requests to time.
        #[arg(long, default_value_t = 300)]
        requests: usize,
        /// Instead: a load run against the running server at this address (e.g.
        /// http://127.0.0.1:8080): wrk on the public pages, then mixed traffic.
        #[arg(long, value_name = "URL")]
        load: Option<String>,
        /// The load run's mixed traffic lasts this many seconds (a soak: 600).
        #[arg(long)]
        duration: Option<u64>,
        /// Concurrent connections of the mixed traffic.
        #[arg(long, default_value_t = 32)]
        connections: usize,
        /// Ten minutes of mixed traffic, reading the server's memory each minute.
        #[arg(long)]
        soak: bool,
        /// The initiative the load run visits.
        #[arg(long, default_value = "riverbend-cradle-to-career")]
        slug: String,
        /// Who the load run signs in as (staff, to submit numbers for partners).
        #[arg(long, default_value = "director")]
        username: String,
        #[arg(long, env = "BACKBONE_BENCH_PASSWORD", default_value = "backbone-demo-2026")]
        password: String,
        /// The server's process, for its memory (found by the port it listens on if absent).
        #[arg(long)]
        server_pid: Option<u32>,
    },
}

#[derive(Subcommand)]
enum Admin {
    /// Create a user. The password is read from standard input (one line).
    CreateUser {
        #[arg(long)]
        username: String,
        #[arg(long)]
        name: String,
        /// May create initiatives and manage all of them.
        #[arg(long)]
        server_admin: bool,
    },
    /// Set a new password (read from standard input), ending the user's sessions and API tokens.
    ResetPassword {
        #[arg(long)]
        username: String,
    },
    /// Make an API token for a user's machine client and print its secret (shown only once).
    CreateToken {
        #[arg(long)]
        username: String,
        /// What the token is for, as the account page lists it.
        #[arg(long)]
        name: String,
    },
    /// Create an initiative.
    CreateInitiative {
        #[arg(long)]
        slug: String,
        #[arg(long)]
        name: String,
        #[arg(long, default_value = "")]
        description: String,
    },
    /// Give a user a role in an initiative.
    Grant {
        #[arg(long)]
        initiative: String,
        #[arg(long)]
        username: String,
        /// admin, data_steward, table_member or resident_member.
        #[arg(long)]
        role: String,
        /// For a data steward: the organisation's exact name.
        #[arg(long)]
        organization: Option<String>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // The benchmark times statements on purpose: their "slow statement" warnings are noise there.
    init_logging(if matches!(cli.command, Command::Bench { .. }) { "warn,sqlx=error" } else { "info,sqlx=warn" });
    let rt = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match rt.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("error: {msg}");
            ExitCode::FAILURE
        }
    }
}

fn init_logging(default: &str) {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_env("BACKBONE_LOG").unwrap_or_else(|_| EnvFilter::new(default));
    let json = std::env::var("BACKBONE_LOG_FORMAT").as_deref() == Ok("json");
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    if json {
        builder.json().init();
    } else {
        builder.init();
    }
}

fn store_err(e: StoreError) -> String {
    match e {
        StoreError::Invalid(i) => {
            i.0.iter().map(|f| format!("{}: {}", f.field, f.reason)).collect::<Vec<_>>().join("\n")
        }
        StoreError::Conflict { field, reason } if !field.is_empty() => format!("{field}: {reason}"),
        other => other.to_string(),
    }
}

async fn open(cfg: &config::Config) -> Result<Arc<dyn Store>, String> {
    let url = &cfg.database_url;
    backbone_store::open_with(url, cfg.store)
        .await
        .map_err(|e| format!("opening {}: {}", backbone_store::redact(url), store_err(e)))
}

fn cli_actor() -> Actor {
    Actor::system("backbone CLI")
}

fn read_password() -> Result<String, String> {
    let mut s = String::new();
    std::io::stdin().read_to_string(&mut s).map_err(|e| format!("reading the password from standard input: {e}"))?;
    let pw = s.lines().next().unwrap_or("").to_string();
    let mut inv = backbone_core::Invalid::new();
    check_password(&mut inv, "password", &pw);
    inv.into_result().map_err(|e| e.to_string())?;
    Ok(pw)
}

async fn run(cli: Cli) -> Result<(), String> {
    match cli.command {
        Command::Serve(args) => {
            let cfg = config::load(&cli.config, Some(&args), DEFAULT_DATABASE)?;
            let store = open(&cfg).await?;
            serve(store, &cfg, None).await
        }
        Command::Demo(args) => {
            let cfg = config::load_with(&cli.config, Some(&args), "sqlite://backbone-demo.db", config::DEMO_TIME_ZONE)?;
            fresh_sqlite(&cfg.database_url)?;
            let store = open(&cfg).await?;
            let slug = load_demo(store.as_ref()).await?;
            serve(store, &cfg, Some(slug)).await
        }
        Command::Export { initiative, output } => {
            let cfg = config::load(&cli.config, None, DEFAULT_DATABASE)?;
            let store = open(&cfg).await?;
            let i = store.initiative_by_slug(&initiative).await.map_err(store_err)?;
            let doc = store.export_initiative(i.id).await.map_err(store_err)?;
            let json = serde_json::to_string_pretty(&doc).map_err(|e| e.to_string())?;
            match output {
                Some(path) => std::fs::write(&path, json).map_err(|e| format!("writing {}: {e}", path.display()))?,
                None => println!("{json}"),
            }
            Ok(())
        }
        Command::Import { file, slug } => {
            let cfg = config::load(&cli.config, None, DEFAULT_DATABASE)?;
            let text = std::fs::read_to_string(&file).map_err(|e| format!("reading {}: {e}", file.display()))?;
            let doc: InitiativeExport = serde_json::from_str(&text)
                .map_err(|e| format!("{}:{}:{}: {e}", file.display(), e.line(), e.column()))?;
            let store = open(&cfg).await?;
            let i = store.import_initiative(&cli_actor(), &doc, slug.as_deref()).await.map_err(store_err)?;
            println!("Imported \"{}\" as /i/{}", i.name, i.slug);
            Ok(())
        }
        Command::Submit { initiative, organization, file, draft, valid_rows_only } => {
            let cfg = config::load(&cli.config, None, DEFAULT_DATABASE)?;
            let store = open(&cfg).await?;
            let args = submit::SubmitArgs { initiative, organization, file, draft, valid_rows_only };
            submit::run(store, &cli_actor(), args).await
        }
        Command::Approve { initiative, submission, organization } => {
            let cfg = config::load(&cli.config, None, DEFAULT_DATABASE)?;
            let store = open(&cfg).await?;
            approve::run(store, &cli_actor(), approve::ApproveArgs { initiative, submission, organization }).await
        }
        Command::Bench {
            load: Some(url), duration, connections, soak, slug, username, password, server_pid, ..
        } => {
            let duration = std::time::Duration::from_secs(duration.unwrap_or(if soak { 600 } else { 60 }));
            bench_load::run(bench_load::LoadArgs {
                url,
                slug,
                username,
                password,
                duration,
                connections,
                soak,
                server_pid,
            })
            .await
        }
        Command::Bench { observations, requests, .. } => {
            bench::run(bench::BenchArgs { observations, database_url: cli.config.database_url.clone(), requests }).await
        }
        Command::Admin(cmd) => {
            let cfg = config::load(&cli.config, None, DEFAULT_DATABASE)?;
            let store = open(&cfg).await?;
            admin(store.as_ref(), cmd).await
        }
    }
}

async fn admin(store: &dyn Store, cmd: Admin) -> Result<(), String> {
    match cmd {
        Admin::CreateUser { username, name, server_admin } => {
            let password = read_password()?;
            let input = NewUser { username, display_name: name, password, server_admin };
            input.validate().map_err(|e| e.to_string())?;
            let hash = backbone_web::accounts::auth::hash_password(&input.password).await.map_err(|e| e.to_string())?;
            let u = store.create_user(&cli_actor(), &input, &hash).await.map_err(store_err)?;
            println!("Created user {} ({})", u.username, u.display_name);
        }
        Admin::ResetPassword { username } => {
            let password = read_password()?;
            let c = store
                .credentials(&username)
                .await
                .map_err(store_err)?
                .ok_or_else(|| format!("no user named {username}"))?;
            let hash = backbone_web::accounts::auth::hash_password(&password).await.map_err(|e| e.to_string())?;
            store.set_password(&cli_actor(), c.user.id, &hash).await.map_err(store_err)?;
            println!("Password changed for {}; their sessions and API tokens were ended.", c.user.username);
        }
        Admin::CreateToken { username, name } => {
            let input = ApiTokenInput { name };
            input.validate().map_err(|e| e.to_string())?;
            let c = store
                .credentials(&username)
                .await
                .map_err(store_err)?
                .ok_or_else(|| format!("no user named {username}"))?;
            let (_, secret) = backbone_web::accounts::auth::issue_token(store, &cli_actor(), c.user.id, &input.name)
                .await
                .map_err(|e| e.to_string())?;
            println!("{secret}");
        }
        Admin::CreateInitiative { slug, name, description } => {
            let input = NewInitiative { slug, name, description, phase: Phase::InitiatingAction, published: false };
            let i = store.create_initiative(&cli_actor(), &input).await.map_err(store_err)?;
            println!("Created /i/{}", i.slug);
        }
        Admin::Grant { initiative, username, role, organization } => {
            let i = store.initiative_by_slug(&initiative).await.map_err(store_err)?;
            let c = store
                .credentials(&username)
                .await
                .map_err(store_err)?
                .ok_or_else(|| format!("no user named {username}"))?;
            let role = Role::parse(&role).ok_or("role must be admin, data_steward, table_member or resident_member")?;
            let organization_id = match organization {
                Some(name) => Some(
                    store
                        .organizations(i.id)
                        .await
                        .map_err(store_err)?
                        .into_iter()
                        .find(|o| o.name.eq_ignore_ascii_case(&name))
                        .ok_or_else(|| format!("no organisation named \"{name}\" in {initiative}"))?
                        .id,
                ),
                None => None,
            };
            store
                .grant_role(&cli_actor(), i.id, &RoleGrantInput { user_id: c.user.id, role, organization_id })
                .await
                .map_err(store_err)?;
            println!("{} is now {} in {}", c.user.username, role, i.slug);
        }
    }
    Ok(())
}

/// `demo` always starts from a clean file, so that the demo is the same every time.
fn fresh_sqlite(url: &str) -> Result<(), String> {
    if let Some(path) = url.strip_prefix("sqlite://").map(|p| p.split('?').next().unwrap_or(p)) {
        for suffix in ["", "-wal", "-shm"] {
            let f = format!("{path}{suffix}");
            if std::path::Path::new(&f).exists() {
                std::fs::remove_file(&f).map_err(|e| format!("removing the old demo database {f}: {e}"))?;
            }
        }
    }
    Ok(())
}

/// Loads the demo initiative (unless it is already there) and gives the demo users a password.
async fn load_demo(store: &dyn Store) -> Result<String, String> {
    let doc = demo_initiative(chrono::Utc::now().date_naive());
    let slug = doc.initiative.slug.clone();
    if store.initiative_by_slug(&slug).await.is_err() {
        store.import_initiative(&cli_actor(), &doc, None).await.map_err(store_err)?;
    }
    let hash = backbone_web::accounts::auth::hash_password(DEMO_PASSWORD).await.map_err(|e| e.to_string())?;
    for login in demo_logins() {
        if let Some(c) = store.credentials(login.username).await.map_err(store_err)? {
            store.set_password(&cli_actor(), c.user.id, &hash).await.map_err(store_err)?;
        }
    }
    Ok(slug)
}

async fn serve(store: Arc<dyn Store>, cfg: &config::Config, demo: Option<String>) -> Result<(), String> {
    let listener =
        tokio::net::TcpListener::bind(&cfg.bind).await.map_err(|e| format!("cannot listen on {}: {e}", cfg.bind))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let app = backbone_web::router(backbone_web::AppState::new(store.clone(), cfg.web.clone()));
    // Webhook deliveries go out from every app server; the database shares the work among them.
    let deliveries = tokio::spawn(backbone_web::webhooks::deliver::run(store.clone()));
    // Digests: through SMTP when configured, else written to the log.
    let mailer = backbone_web::mail::sender::Mailer::new(cfg.web.smtp_url.as_deref(), &cfg.web.mail_from)?;
    let base = cfg.web.public_url.clone().unwrap_or_else(|| format!("http://{addr}"));
    let digests = tokio::spawn(backbone_web::mail::digest::run(
        backbone_web::AppState::new(store.clone(), cfg.web.clone()),
        mailer,
        base.trim_end_matches('/').to_string(),
    ));
    tracing::info!(%addr, backend = store.backend(), "Backbone is listening");
    if let Some(slug) = demo {
        println!("Backbone demo: http://{addr}/i/{slug}");
        println!("Sign in with any of these usernames; the password is {DEMO_PASSWORD}");
        for l in demo_logins() {
            println!("  {:<10} {}", l.username, l.role);
        }
    } else {
        println!("Backbone: http://{addr}/");
    }
    axum::serve(listener, app.into_make_service_with_connect_info::<std::net::SocketAddr>())
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(|e| e.to_string())?;
    deliveries.abort();
    digests.abort();
    // Requests in flight have been answered; close the database's connections cleanly.
    tracing::info!("Backbone has stopped");
    Ok(())
}

/// Ctrl-C or SIGTERM (what `systemctl stop`, `docker stop` and Kubernetes send): stop taking
/// new connections and finish the requests in flight.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(e) => {
                tracing::warn!(error = %e, "cannot listen for SIGTERM");
                std::future::pending::<()>().await
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing the requests in flight");
}
