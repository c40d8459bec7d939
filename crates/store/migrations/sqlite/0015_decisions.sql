-- SQLite. Keep in step with ../postgres/0015_decisions.sql.
-- Decisions of the tables (core::decisions): the process and its rules, the outcome once closed
-- (JSON), and one vote per person, changed until it closes. Commitments can point back to the
-- decision whose action item they are.
CREATE TABLE decisions (
    id INTEGER PRIMARY KEY,
    initiative_id INTEGER NOT NULL REFERENCES initiatives(id),
    table_id INTEGER NOT NULL REFERENCES tables(id),
    meeting_id INTEGER REFERENCES meetings(id),
    title TEXT NOT NULL,
    proposal TEXT NOT NULL DEFAULT '',
    process TEXT NOT NULL,
    options TEXT NOT NULL DEFAULT '[]',
    closes_at TEXT,
    quorum INTEGER,
    anonymous INTEGER NOT NULL DEFAULT 0,
    one_vote_per_organization INTEGER NOT NULL DEFAULT 0,
    outcome TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX decisions_initiative ON decisions (initiative_id, created_at);
CREATE TABLE votes (
    decision_id INTEGER NOT NULL REFERENCES decisions(id),
    person_id INTEGER NOT NULL REFERENCES people(id),
    organization_id INTEGER REFERENCES organizations(id),
    ballot TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (decision_id, person_id)
);
ALTER TABLE commitments ADD COLUMN decision_id INTEGER REFERENCES decisions(id);
