-- SQLite. Keep in step with ../postgres/0028_feedback.sql.
-- "You said, we did" (core::feedback): messages about published numbers, waiting for staff, shown
-- or declined, and the owner's answer. `client_key` is a hash of the sender's address, kept only
-- for the hourly limit and cleared after a day.
CREATE TABLE feedback (
    id INTEGER PRIMARY KEY,
    initiative_id INTEGER NOT NULL REFERENCES initiatives(id),
    indicator_key TEXT NOT NULL,
    matches TEXT NOT NULL,
    comment TEXT NOT NULL,
    name TEXT,
    contact TEXT,
    language TEXT NOT NULL,
    status TEXT NOT NULL,
    moderation_note TEXT,
    reply_text TEXT,
    reply_by TEXT,
    reply_at TEXT,
    client_key TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX feedback_indicator ON feedback (initiative_id, indicator_key, id);
CREATE INDEX feedback_client ON feedback (initiative_id, client_key, created_at);
