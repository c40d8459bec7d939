-- SQLite. Keep in step with ../postgres/0038_content_version.sql.
-- What the public can read changes only with an audited write: each one (but those that change
-- nothing the public sees, such as a submission waiting for review) moves this counter in its own
-- transaction, so every app server's cache of public answers knows, on its next request, that
-- what it kept is out of date.
CREATE TABLE content_version (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL,
    changed_at TEXT NOT NULL
);
INSERT INTO content_version (id, version, changed_at)
VALUES (1, 1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
