-- Shared measurement, SQLite. Keep in step with ../postgres/0002_measurement.sql.
CREATE TABLE indicators (
    id INTEGER PRIMARY KEY,
    initiative_id INTEGER NOT NULL REFERENCES initiatives(id),
    key TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    numerator_definition TEXT NOT NULL DEFAULT '',
    denominator_definition TEXT NOT NULL DEFAULT '',
    unit TEXT NOT NULL,
    direction TEXT NOT NULL,
    period_kind TEXT NOT NULL,
    source TEXT NOT NULL DEFAULT '',
    level TEXT NOT NULL,
    result_key TEXT,
    owner_organization_id INTEGER REFERENCES organizations(id),
    baseline_period TEXT,
    targets TEXT NOT NULL DEFAULT '[]',
    suppression_threshold INTEGER NOT NULL DEFAULT 10,
    published BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX indicators_key ON indicators (initiative_id, key);

CREATE TABLE geographies (
    initiative_id INTEGER NOT NULL REFERENCES initiatives(id),
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    level TEXT NOT NULL,
    parent TEXT,
    PRIMARY KEY (initiative_id, code)
);

CREATE TABLE dimensions (
    initiative_id INTEGER NOT NULL REFERENCES initiatives(id),
    key TEXT NOT NULL,
    name TEXT NOT NULL,
    vals TEXT NOT NULL,
    PRIMARY KEY (initiative_id, key)
);

-- The current value of each number; earlier values stay in observation_revisions.
CREATE TABLE observations (
    id INTEGER PRIMARY KEY,
    indicator_id INTEGER NOT NULL REFERENCES indicators(id),
    period TEXT NOT NULL,
    geography TEXT NOT NULL,
    groups TEXT NOT NULL,
    organization_id INTEGER NOT NULL REFERENCES organizations(id),
    numerator DOUBLE PRECISION NOT NULL,
    denominator DOUBLE PRECISION,
    status TEXT NOT NULL,
    return_reason TEXT,
    revision INTEGER NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX observations_key ON observations (indicator_id, period, geography, groups, organization_id);

-- Every value and decision an observation went through, oldest first.
CREATE TABLE observation_revisions (
    id INTEGER PRIMARY KEY,
    observation_id INTEGER NOT NULL REFERENCES observations(id),
    revision INTEGER NOT NULL,
    numerator DOUBLE PRECISION NOT NULL,
    denominator DOUBLE PRECISION,
    status TEXT NOT NULL,
    note TEXT,
    actor_name TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX observation_revisions_observation ON observation_revisions (observation_id, id);
