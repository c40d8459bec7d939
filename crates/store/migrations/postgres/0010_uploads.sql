-- PostgreSQL. Keep in step with ../sqlite/0010_uploads.sql.
-- Files uploaded through the web, kept between their preview and their import (core::measure::upload),
-- stored in chunks so that no file is ever held in memory whole.
CREATE TABLE uploads (
    id BIGSERIAL PRIMARY KEY,
    token TEXT NOT NULL UNIQUE,
    initiative_id BIGINT NOT NULL REFERENCES initiatives(id),
    user_id BIGINT NOT NULL REFERENCES users(id),
    file_name TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX uploads_created ON uploads (created_at);
CREATE TABLE upload_chunks (
    upload_id BIGINT NOT NULL REFERENCES uploads(id) ON DELETE CASCADE,
    seq BIGINT NOT NULL,
    data BYTEA NOT NULL,
    PRIMARY KEY (upload_id, seq)
);
