-- SQLite. Keep in step with ../postgres/0025_mail_language.sql.
-- The language a person's digests are written in (core::mail): the one of the page where they
-- chose them. Those who chose before are written to in English, as they were.
ALTER TABLE mail_preferences ADD COLUMN language TEXT NOT NULL DEFAULT 'en';
