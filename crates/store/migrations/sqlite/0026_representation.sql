-- SQLite. Keep in step with ../postgres/0026_representation.sql.
-- Representation (core::representation): the community's composition per place, every import or
-- hand entry kept whole (the latest for a place and facet is in force); and the format of each
-- table composition snapshot (1: race, gender, residence; 2: also age, language, lived experience
-- and the organisation's budget band and sector), so that an older snapshot is compared in its own.
-- A place's estimates name it by code (checked when recorded); a place removed later keeps them.
CREATE TABLE community_profiles (
    id INTEGER PRIMARY KEY,
    initiative_id INTEGER NOT NULL REFERENCES initiatives(id),
    source TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL
);
CREATE INDEX community_profiles_initiative ON community_profiles (initiative_id, id);
CREATE TABLE community_estimates (
    profile_id INTEGER NOT NULL REFERENCES community_profiles(id),
    line INTEGER NOT NULL,
    place TEXT NOT NULL,
    facet TEXT NOT NULL,
    grp TEXT NOT NULL,
    estimate INTEGER NOT NULL,
    margin_of_error INTEGER,
    universe INTEGER NOT NULL,
    PRIMARY KEY (profile_id, line)
);
ALTER TABLE table_compositions ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
