//! Configuration in one place. Precedence: command-line flag > `BACKBONE_*` environment variable >
//! TOML file (`--config` / `BACKBONE_CONFIG`) > default.

use clap::Args;
use serde::Deserialize;

pub const DEFAULT_BIND: &str = "127.0.0.1:8080";
pub const DEFAULT_DATABASE: &str = "sqlite://backbone.db";

#[derive(Debug, Clone, Args)]
pub struct ConfigArgs {
    /// Optional TOML file with any of: bind, database_url, secure_cookies, trusted_proxies, session_hours, period_years, time_zone, smtp_url, mail_from, public_url, public_cache_mb, progress_after_ms.
    #[arg(long, env = "BACKBONE_CONFIG", global = true)]
    pub config: Option<std::path::PathBuf>,
    /// Database: sqlite://FILE (created if missing) or postgres://USER:PASSWORD@HOST/DB.
    #[arg(long, env = "BACKBONE_DATABASE_URL", global = true, hide_env_values = true)]
    pub database_url: Option<String>,
    /// The years reporting periods may start in, e.g. 1990-2060 (default 1900-2100): a period
    /// outside them is refused as a typo.
    #[arg(long, env = "BACKBONE_PERIOD_YEARS", global = true)]
    pub period_years: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address to listen on, e.g. 0.0.0.0:8080.
    #[arg(long, env = "BACKBONE_BIND")]
    pub bind: Option<String>,
    /// Mark cookies Secure: set when users reach Backbone over HTTPS.
    #[arg(long, env = "BACKBONE_SECURE_COOKIES")]
    pub secure_cookies: Option<bool>,
    /// How many reverse proxies in front of Backbone append to X-Forwarded-For; the client is
    /// the address the outermost of them appended (0, the default: the connection's peer).
    #[arg(long, env = "BACKBONE_TRUSTED_PROXIES")]
    pub trusted_proxies: Option<usize>,
    /// The same as --trusted-proxies 1 (kept for existing configurations).
    #[arg(long, env = "BACKBONE_TRUST_PROXY")]
    pub trust_proxy: Option<bool>,
    /// How long a sign-in lasts, in hours.
    #[arg(long, env = "BACKBONE_SESSION_HOURS")]
    pub session_hours: Option<i64>,
    /// The community's time zone, an IANA name such as America/Chicago: meeting times on pages
    /// are read and written in it (default UTC; the demo's is America/Indiana/Indianapolis).
    #[arg(long, env = "BACKBONE_TIME_ZONE")]
    pub time_zone: Option<String>,
    /// SMTP server for e-mail digests: smtp://USER:PASSWORD@HOST:587 (STARTTLS) or smtps://…:465;
    /// none: messages are written to the log instead.
    #[arg(long, env = "BACKBONE_SMTP_URL", hide_env_values = true)]
    pub smtp_url: Option<String>,
    /// The sender of e-mail, e.g. "Riverbend Partnership <backbone@riverbend.org>".
    #[arg(long, env = "BACKBONE_MAIL_FROM")]
    pub mail_from: Option<String>,
    /// The address people reach Backbone at, for links in e-mail, e.g. https://backbone.riverbend.org.
    #[arg(long, env = "BACKBONE_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// Memory each server keeps for answers to the public, in MiB (default 64).
    #[arg(long, env = "BACKBONE_PUBLIC_CACHE_MB")]
    pub public_cache_mb: Option<usize>,
    /// Milliseconds a long operation (a big import) may take before its page shows its progress
    /// as it goes, instead of answering once done (default 1000).
    #[arg(long, env = "BACKBONE_PROGRESS_AFTER_MS")]
    pub progress_after_ms: Option<u64>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    pub bind: Option<String>,
    pub database_url: Option<String>,
    pub secure_cookies: Option<bool>,
    pub trust_proxy: Option<bool>,
    pub trusted_proxies: Option<usize>,
    pub session_hours: Option<i64>,
    pub period_years: Option<String>,
    pub time_zone: Option<String>,
    pub smtp_url: Option<String>,
    pub mail_from: Option<String>,
    pub public_url: Option<String>,
    pub public_cache_mb: Option<usize>,
    pub progress_after_ms: Option<u64>,
}

#[derive(Debug, Clone)]
pub struct Config {
    pub bind: String,
    pub database_url: String,
    pub web: backbone_web::WebConfig,
    pub store: backbone_store::Settings,
}

/// The demo's time zone when none is configured: Riverbend is in Indiana.
pub const DEMO_TIME_ZONE: &str = "America/Indiana/Indianapolis";

pub fn load(args: &ConfigArgs, serve: Option<&ServeArgs>, default_db: &str) -> Result<Config, String> {
    load_with(args, serve, default_db, "UTC")
}

/// `load`, with the time zone to use when none is configured.
pub fn load_with(
    args: &ConfigArgs,
    serve: Option<&ServeArgs>,
    default_db: &str,
    default_time_zone: &str,
) -> Result<Config, String> {
    let file = match &args.config {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| format!("reading {}: {e}", path.display()))?;
            toml::from_str::<FileConfig>(&text).map_err(|e| format!("{}: {e}", path.display()))?
        }
        None => FileConfig::default(),
    };
    let mut web = backbone_web::WebConfig::default();
    let s = serve.cloned().unwrap_or(ServeArgs {
        bind: None,
        secure_cookies: None,
        trusted_proxies: None,
        trust_proxy: None,
        session_hours: None,
        time_zone: None,
        smtp_url: None,
        mail_from: None,
        public_url: None,
        public_cache_mb: None,
        progress_after_ms: None,
    });
    web.secure_cookies = s.secure_cookies.or(file.secure_cookies).unwrap_or(false);
    let legacy = s.trust_proxy.or(file.trust_proxy).map(usize::from);
    web.trusted_proxies = s.trusted_proxies.or(file.trusted_proxies).or(legacy).unwrap_or(0);
    if web.trusted_proxies > 10 {
        return Err("trusted_proxies must be between 0 and 10".into());
    }
    web.session_hours = s.session_hours.or(file.session_hours).unwrap_or(web.session_hours);
    if !(1..=24 * 30).contains(&web.session_hours) {
        return Err("session_hours must be between 1 and 720".into());
    }
    let zone = s.time_zone.or(file.time_zone).unwrap_or_else(|| default_time_zone.to_string());
    web.time_zone = backbone_web::http::time::LocalTime::named(&zone).map_err(|e| format!("time_zone: {e}"))?;
    web.smtp_url = s.smtp_url.or(file.smtp_url);
    if let Some(from) = s.mail_from.or(file.mail_from) {
        web.mail_from = from;
    }
    web.public_url = s.public_url.or(file.public_url);
    web.public_cache_mb = s.public_cache_mb.or(file.public_cache_mb).unwrap_or(web.public_cache_mb);
    if web.public_cache_mb > 64 * 1024 {
        return Err("public_cache_mb must be at most 65536".into());
    }
    if let Some(ms) = s.progress_after_ms.or(file.progress_after_ms) {
        web.progress_after = std::time::Duration::from_millis(ms);
    }
    let mut store = backbone_store::Settings::default();
    if let Some(years) = args.period_years.clone().or(file.period_years) {
        store.years = backbone_core::measure::period::Years::parse(&years).map_err(|e| format!("period_years {e}"))?;
    }
    Ok(Config {
        store,
        bind: s.bind.or(file.bind).unwrap_or_else(|| DEFAULT_BIND.to_string()),
        database_url: args.database_url.clone().or(file.database_url).unwrap_or_else(|| default_db.to_string()),
        web,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_win_over_the_file_and_the_file_over_defaults() {
        let dir = std::env::temp_dir().join(format!("backbone-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("backbone.toml");
        std::fs::write(
            &path,
            "bind = \"0.0.0.0:9000\"\nsecure_cookies = true\ndatabase_url = \"sqlite://from-file.db\"\n",
        )
        .unwrap();
        let args = ConfigArgs {
            config: Some(path.clone()),
            database_url: Some("sqlite://from-flag.db".into()),
            period_years: None,
        };
        let c = load(&args, None, DEFAULT_DATABASE).unwrap();
        assert_eq!(c.bind, "0.0.0.0:9000");
        assert_eq!(c.store.years, Default::default());
        assert_eq!(c.database_url, "sqlite://from-flag.db");
        assert!(c.web.secure_cookies);
        std::fs::write(&path, "bnid = \"typo\"\n").unwrap();
        let err = load(
            &ConfigArgs { config: Some(path.clone()), database_url: None, period_years: None },
            None,
            DEFAULT_DATABASE,
        )
        .unwrap_err();
        assert!(err.contains("bnid"), "{err}");
        std::fs::write(&path, "period_years = \"1990-2060\"\n").unwrap();
        let args = ConfigArgs { config: Some(path.clone()), database_url: None, period_years: None };
        assert_eq!(load(&args, None, DEFAULT_DATABASE).unwrap().store.years.first(), 1990);
        let args = ConfigArgs { period_years: Some("2060-1990".into()), ..args };
        assert!(load(&args, None, DEFAULT_DATABASE).unwrap_err().contains("must not be after"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
