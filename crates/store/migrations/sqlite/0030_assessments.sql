-- SQLite. Keep in step with ../postgres/0030_assessments.sql.
-- Self-assessment (core::assessments): a table's rounds, each with the instrument version it asks,
-- and each person's answers in them (every statement's score as JSON). Answers are never changed:
-- a new submission is a new row, and the latest per round and person counts.
CREATE TABLE assessment_rounds (
    id INTEGER PRIMARY KEY,
    table_id INTEGER NOT NULL REFERENCES tables(id),
    title TEXT NOT NULL,
    opens_on TEXT NOT NULL,
    closes_on TEXT NOT NULL,
    instrument_version INTEGER NOT NULL,
    closed_at TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX assessment_rounds_table ON assessment_rounds (table_id, id);
CREATE TABLE assessment_answers (
    id INTEGER PRIMARY KEY,
    round_id INTEGER NOT NULL REFERENCES assessment_rounds(id),
    person_id INTEGER NOT NULL REFERENCES people(id),
    answers TEXT NOT NULL,
    submitted_at TEXT NOT NULL
);
CREATE INDEX assessment_answers_latest ON assessment_answers (round_id, person_id, id);
