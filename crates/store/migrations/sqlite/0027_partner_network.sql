-- SQLite. Keep in step with ../postgres/0027_partner_network.sql.
-- Trust between partners (core::network): survey rounds, and each organisation's answers in them
-- (its ratings of the others as JSON). Answers are never changed: a new submission is a new row,
-- and the latest per round and organisation counts.
CREATE TABLE survey_rounds (
    id INTEGER PRIMARY KEY,
    initiative_id INTEGER NOT NULL REFERENCES initiatives(id),
    name TEXT NOT NULL,
    opens_on TEXT NOT NULL,
    closes_on TEXT NOT NULL,
    closed_at TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX survey_rounds_initiative ON survey_rounds (initiative_id, id);
CREATE TABLE survey_responses (
    id INTEGER PRIMARY KEY,
    round_id INTEGER NOT NULL REFERENCES survey_rounds(id),
    organization_id INTEGER NOT NULL REFERENCES organizations(id),
    ratings TEXT NOT NULL,
    submitted_at TEXT NOT NULL,
    submitted_by TEXT NOT NULL
);
CREATE INDEX survey_responses_latest ON survey_responses (round_id, organization_id, id);
