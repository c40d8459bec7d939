-- SQLite. Keep in step with ../postgres/0012_commitments.sql.
-- Commitments (core::commitments): who commits to what by when, toward which strategy, indicator
-- or activity, made at which table; and every state each has been in, append-only.
CREATE TABLE commitments (
    id INTEGER PRIMARY KEY,
    initiative_id INTEGER NOT NULL REFERENCES initiatives(id),
    organization_id INTEGER REFERENCES organizations(id),
    person_id INTEGER REFERENCES people(id),
    title TEXT NOT NULL,
    details TEXT NOT NULL DEFAULT '',
    due_on TEXT NOT NULL,
    status TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    done_on TEXT,
    strategy_key TEXT,
    indicator_key TEXT,
    activity_id INTEGER REFERENCES activities(id),
    table_id INTEGER REFERENCES tables(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX commitments_initiative ON commitments (initiative_id, due_on);
CREATE INDEX commitments_organization ON commitments (organization_id);
CREATE TABLE commitment_events (
    id INTEGER PRIMARY KEY,
    commitment_id INTEGER NOT NULL REFERENCES commitments(id),
    status TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    due_on TEXT NOT NULL,
    actor_name TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX commitment_events_commitment ON commitment_events (commitment_id, id);
