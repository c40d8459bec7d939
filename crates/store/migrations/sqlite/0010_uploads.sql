-- SQLite. Keep in step with ../postgres/0010_uploads.sql.
-- Files uploaded through the web, kept between their preview and their import (core::measure::upload),
-- stored in chunks so that no file is ever held in memory whole.
CREATE TABLE uploads (
    id INTEGER PRIMARY KEY,
    token TEXT NOT NULL UNIQUE,
    initiative_id INTEGER NOT NULL REFERENCES initiatives(id),
    user_id INTEGER NOT NULL REFERENCES users(id),
    file_name TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX uploads_created ON uploads (created_at);
CREATE TABLE upload_chunks (
    upload_id INTEGER NOT NULL REFERENCES uploads(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (upload_id, seq)
);
