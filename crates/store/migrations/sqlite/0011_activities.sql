-- SQLite. Keep in step with ../postgres/0011_activities.sql.
-- Partners' programs and activities (core::activities): for whom, where, how many, and which
-- strategies of the common agenda and which indicators they serve. Lists are JSON arrays.
CREATE TABLE activities (
    id INTEGER PRIMARY KEY,
    initiative_id INTEGER NOT NULL REFERENCES initiatives(id),
    organization_id INTEGER NOT NULL REFERENCES organizations(id),
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    population TEXT NOT NULL DEFAULT '',
    age_min INTEGER,
    age_max INTEGER,
    places TEXT NOT NULL DEFAULT '[]',
    capacity INTEGER,
    strategy_keys TEXT NOT NULL DEFAULT '[]',
    indicator_keys TEXT NOT NULL DEFAULT '[]',
    starts_on TEXT,
    ends_on TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX activities_name ON activities (organization_id, lower(name));
CREATE INDEX activities_initiative ON activities (initiative_id);
