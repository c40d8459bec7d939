-- SQLite. Keep in step with ../postgres/0017_feed.sql.
-- Continuous communication (core::feed): the indicators each person follows, and each person's
-- private key for calendar and feed readers (kept only as its SHA-256 hash).
CREATE TABLE indicator_follows (
    user_id INTEGER NOT NULL REFERENCES users(id),
    indicator_id INTEGER NOT NULL REFERENCES indicators(id),
    created_at TEXT NOT NULL,
    PRIMARY KEY (user_id, indicator_id)
);
CREATE TABLE feed_keys (
    user_id INTEGER NOT NULL PRIMARY KEY REFERENCES users(id),
    key_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
);
-- Feeds read the latest steps of commitments.
CREATE INDEX commitment_events_at ON commitment_events (at);
