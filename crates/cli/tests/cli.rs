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
