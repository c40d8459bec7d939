//! The `backbone` command line, run as an administrator would run it.

use std::io::Write;
use std::process::{Command, Output, Stdio};

struct Db {
    dir: std::path::PathBuf,
}

impl Db {
    fn new(name: &str) -> Db {
        let dir = std::env::temp_dir().join(format!("backbone-cli-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Db { dir }
    }
    fn url(&self) -> String {
        format!("sqlite://{}", self.dir.join("backbone.db").display())
    }
    fn run(&self, args: &[&str], stdin: &str) -> Output {
        let mut child = Command::new(env!("CARGO_BIN_EXE_backbone"))
            .args(args)
            .env("BACKBONE_DATABASE_URL", self.url())
            .env("BACKBONE_LOG", "warn")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
        child.wait_with_output().unwrap()
    }
}

impl Drop for Db {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

#[test]
fn an_administrator_sets_up_a_server_and_moves_an_initiative() {
    let db = Db::new("setup");
    let o = db.run(
        &["admin", "create-user", "--username", "maria", "--name", "Maria Lopez", "--server-admin"],
        "a long secret phrase\n",
    );
    assert!(o.status.success(), "{}", text(&o));
    let o = db.run(&["admin", "create-user", "--username", "maria", "--name", "Maria Again"], "another long secret\n");
    assert!(!o.status.success());
    assert!(text(&o).contains("username: this username is taken"), "{}", text(&o));
    let o = db.run(&["admin", "create-user", "--username", "sam", "--name", "Sam"], "short\n");
    assert!(!o.status.success());
    assert!(text(&o).contains("at least 10 characters"), "{}", text(&o));

    let o = db.run(&["admin", "create-initiative", "--slug", "northside-promise", "--name", "Northside Promise"], "");
    assert!(o.status.success(), "{}", text(&o));
    let o =
        db.run(&["admin", "grant", "--initiative", "northside-promise", "--username", "maria", "--role", "admin"], "");
    assert!(o.status.success(), "{}", text(&o));
    let o = db
        .run(&["admin", "grant", "--initiative", "northside-promise", "--username", "maria", "--role", "captain"], "");
    assert!(!o.status.success());

    let file = db.dir.join("northside.json");
    let o = db.run(&["export", "--initiative", "northside-promise", "-o", file.to_str().unwrap()], "");
    assert!(o.status.success(), "{}", text(&o));
    let doc: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(doc["initiative"]["name"], "Northside Promise");
    assert_eq!(doc["roles"][0]["role"], "admin");
    assert!(!std::fs::read_to_string(&file).unwrap().contains("argon2"), "no password hashes in exports");

    let o = db.run(&["import", file.to_str().unwrap(), "--slug", "northside-copy"], "");
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("/i/northside-copy"));
    let o = db.run(&["import", file.to_str().unwrap(), "--slug", "northside-copy"], "");
    assert!(!o.status.success(), "the short name is taken");
}

#[test]
fn a_broken_import_file_is_reported_by_line_and_column() {
    let db = Db::new("broken");
    let file = db.dir.join("broken.json");
    std::fs::write(&file, "{\n  \"format\": 1,\n  \"initiative\": oops\n}\n").unwrap();
    let o = db.run(&["import", file.to_str().unwrap()], "");
    assert!(!o.status.success());
    assert!(text(&o).contains("broken.json:3:"), "{}", text(&o));
}

#[test]
fn an_unknown_setting_in_the_config_file_is_refused() {
    let db = Db::new("config");
    let file = db.dir.join("backbone.toml");
    std::fs::write(&file, "bind = \"127.0.0.1:0\"\ndatabse_url = \"sqlite://x.db\"\n").unwrap();
    let o = db.run(&["--config", file.to_str().unwrap(), "serve"], "");
    assert!(!o.status.success());
    assert!(text(&o).contains("databse_url"), "{}", text(&o));
}

/// `systemctl stop` and `docker stop` send SIGTERM: the server stops taking connections, answers
/// the request it is in the middle of, and exits cleanly.
#[cfg(unix)]
#[test]
fn sigterm_finishes_the_request_in_flight() {
    use std::io::{BufRead, BufReader, Read};
    use std::net::TcpStream;
    use std::time::{Duration, Instant};
    let db = Db::new("sigterm");
    let o = db.run(
        &["admin", "create-user", "--username", "maria", "--name", "Maria", "--server-admin"],
        "a long secret phrase\n",
    );
    assert!(o.status.success(), "{}", text(&o));
    let o = db.run(&["admin", "create-token", "--username", "maria", "--name", "deploy script"], "");
    assert!(o.status.success(), "{}", text(&o));
    let token = String::from_utf8_lossy(&o.stdout).trim().to_string();
    let mut server = Command::new(env!("CARGO_BIN_EXE_backbone"))
        .args(["serve", "--bind", "127.0.0.1:0"])
        .env("BACKBONE_DATABASE_URL", db.url())
        .env("BACKBONE_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(server.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let addr = line.trim().trim_start_matches("Backbone: http://").trim_end_matches('/').to_string();
    let body = r#"{"slug": "eastside-rising", "name": "Eastside Rising", "description": "", "phase": "initiating_action", "published": false}"#;
    let mut conn = TcpStream::connect(&addr).unwrap();
    write!(
        conn,
        "POST /api/v1/initiatives HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {token}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{}",
        body.len(),
        &body[..20]
    )
    .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let killed = Command::new("kill").args(["-TERM", &server.id().to_string()]).status().unwrap();
    assert!(killed.success());
    std::thread::sleep(Duration::from_millis(300));
    conn.write_all(&body.as_bytes()[20..]).unwrap();
    let mut answer = String::new();
    conn.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let _ = conn.read_to_string(&mut answer);
    assert!(answer.starts_with("HTTP/1.1 201"), "the request in flight is answered: {answer}");
    let started = Instant::now();
    let status = loop {
        if let Some(s) = server.try_wait().unwrap() {
            break s;
        }
        assert!(started.elapsed() < Duration::from_secs(10), "the server stops");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "a clean exit: {status:?}");
    let o = db.run(&["export", "--initiative", "eastside-rising"], "");
    assert!(o.status.success(), "what it answered was saved: {}", text(&o));
}

#[test]
fn a_partner_submits_a_file_of_numbers_all_or_nothing() {
    let db = Db::new("submit");
    let export = db.dir.join("demo.json");
    let doc = backbone_demo::demo_initiative(chrono::Utc::now().date_naive());
    std::fs::write(&export, serde_json::to_string(&doc).unwrap()).unwrap();
    let o = db.run(&["import", export.to_str().unwrap(), "--slug", "riverbend"], "");
    assert!(o.status.success(), "{}", text(&o));
    let numbers = |db: &Db| {
        let o = db.run(&["export", "--initiative", "riverbend"], "");
        assert!(o.status.success(), "{}", text(&o));
        String::from_utf8_lossy(&o.stdout).matches("\"2026-27\"").count()
    };
    assert_eq!(numbers(&db), 0, "the demo has no 2026-27 numbers yet");

    // One bad row: it is named by line and column, and nothing of the file is saved.
    let csv = db.dir.join("reading.csv");
    std::fs::write(
        &csv,
        "indicator,period,geography,groups,numerator,denominator\n\
         third-grade-reading,2026-27,riverbend,,1650,3900\n\
         third-grade-reading,2026-27,47302,,900,800\n",
    )
    .unwrap();
    let submit = |extra: &[&str]| {
        let mut args = vec![
            "submit",
            "--initiative",
            "riverbend",
            "--organization",
            "Riverbend Public Schools",
            "--file",
            csv.to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        db.run(&args, "")
    };
    let o = submit(&[]);
    assert!(!o.status.success(), "{}", text(&o));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("reading.csv: line 3, column numerator: 900 is more than the denominator 800"), "{err}");
    assert!(err.contains("nothing was imported: 1 of 2 rows have problems"), "{err}");
    assert_eq!(numbers(&db), 0, "nothing was written");

    // Asked for the valid rows only, the good row goes in and the bad one is left out.
    let o = submit(&["--valid-rows-only"]);
    assert!(o.status.success(), "{}", text(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("2 rows read: 1 new numbers sent for review, 0 corrected, 0 unchanged."), "{out}");
    assert!(out.contains("1 rows with problems were left out."), "{out}");
    assert_eq!(numbers(&db), 1);

    // An organisation that is not in the initiative is refused by name.
    let o = db
        .run(&["submit", "--initiative", "riverbend", "--organization", "Nobody", "--file", csv.to_str().unwrap()], "");
    assert!(!o.status.success());
    assert!(text(&o).contains("no organisation \"Nobody\" in riverbend"), "{}", text(&o));
}

#[test]
fn staff_approve_what_a_partner_has_waiting_from_the_command_line() {
    let db = Db::new("approve");
    let export = db.dir.join("demo.json");
    let doc = backbone_demo::demo_initiative(chrono::Utc::now().date_naive());
    std::fs::write(&export, serde_json::to_string(&doc).unwrap()).unwrap();
    let o = db.run(&["import", export.to_str().unwrap(), "--slug", "riverbend"], "");
    assert!(o.status.success(), "{}", text(&o));
    let csv = db.dir.join("reading.csv");
    std::fs::write(
        &csv,
        "indicator,period,geography,groups,numerator,denominator\n\
         third-grade-reading,2026-27,riverbend,,1650,3900\n",
    )
    .unwrap();
    let schools = "Riverbend Public Schools";
    let o = db
        .run(&["submit", "--initiative", "riverbend", "--organization", schools, "--file", csv.to_str().unwrap()], "");
    assert!(o.status.success(), "{}", text(&o));
    let approved_2026 = |db: &Db| {
        let o = db.run(&["export", "--initiative", "riverbend"], "");
        let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        let obs = doc["observations"].as_array().unwrap().clone();
        obs.iter()
            .filter(|o| o["period"] == "2026-27")
            .map(|o| o["status"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(approved_2026(&db), vec!["submitted"]);

    // Saying neither what nor whose is refused, and so is an organisation not in the initiative.
    let o = db.run(&["approve", "--initiative", "riverbend"], "");
    assert!(!o.status.success());
    assert!(text(&o).contains("say what to approve: --submission N, or --organization NAME"), "{}", text(&o));
    let o = db.run(&["approve", "--initiative", "riverbend", "--organization", "Nobody"], "");
    assert!(!o.status.success());
    assert!(text(&o).contains("no organisation \"Nobody\" in riverbend"), "{}", text(&o));

    // Everything the schools have waiting is approved, and what is published follows.
    let o = db.run(&["approve", "--initiative", "riverbend", "--organization", schools], "");
    assert!(o.status.success(), "{}", text(&o));
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("numbers approved; the published numbers are up to date."),
        "{}",
        text(&o)
    );
    assert_eq!(approved_2026(&db), vec!["approved"]);
    let o = db.run(&["approve", "--initiative", "riverbend", "--organization", schools], "");
    assert!(o.status.success(), "{}", text(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("Nothing was waiting for review"), "{}", text(&o));
}
