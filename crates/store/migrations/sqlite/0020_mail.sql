-- SQLite. Keep in step with ../postgres/0020_mail.sql.
-- E-mail (core::mail): each person's digest choice and one-click unsubscribe token, and the log
-- of every message sent, written to the server's log, or failed.
CREATE TABLE mail_preferences (
    person_id INTEGER NOT NULL PRIMARY KEY REFERENCES people(id),
    digest TEXT NOT NULL,
    token TEXT NOT NULL UNIQUE,
    last_digest_at TEXT,
    updated_at TEXT NOT NULL
);
CREATE TABLE mail_log (
    id INTEGER PRIMARY KEY,
    initiative_id INTEGER NOT NULL REFERENCES initiatives(id),
    person_id INTEGER REFERENCES people(id),
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    status TEXT NOT NULL,
    error TEXT NOT NULL DEFAULT '',
    at TEXT NOT NULL
);
CREATE INDEX mail_log_initiative ON mail_log (initiative_id, id);
