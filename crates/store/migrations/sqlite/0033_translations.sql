-- SQLite. Keep in step with ../postgres/0033_translations.sql.
-- The initiative's own words in two languages (core::translations): the language its records are
-- written in, and translations of its texts into the other, append-only (the latest for a text
-- and language counts; an empty text takes a translation back). `source` is the original a
-- translation was made from, to tell when it may be out of date.
CREATE TABLE content_settings (
    initiative_id INTEGER PRIMARY KEY REFERENCES initiatives(id),
    content_language TEXT NOT NULL
);

CREATE TABLE translations (
    id INTEGER PRIMARY KEY,
    initiative_id INTEGER NOT NULL REFERENCES initiatives(id),
    subject TEXT NOT NULL,
    subject_key TEXT NOT NULL,
    field TEXT NOT NULL,
    lang TEXT NOT NULL,
    text TEXT NOT NULL,
    source TEXT NOT NULL,
    author_name TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX translations_latest ON translations (initiative_id, lang, subject, subject_key, field, id);
