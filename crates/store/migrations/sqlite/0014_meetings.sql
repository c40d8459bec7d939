-- SQLite. Keep in step with ../postgres/0014_meetings.sql.
-- Meetings of the tables (core::meetings), their agendas (a JSON list of items with their leads)
-- and who came; commitments can point back to the meeting that made them.
CREATE TABLE meetings (
    id INTEGER PRIMARY KEY,
    initiative_id INTEGER NOT NULL REFERENCES initiatives(id),
    table_id INTEGER NOT NULL REFERENCES tables(id),
    title TEXT NOT NULL,
    starts_at TEXT NOT NULL,
    minutes INTEGER NOT NULL,
    place TEXT NOT NULL DEFAULT '',
    agenda TEXT NOT NULL DEFAULT '[]',
    notes TEXT NOT NULL DEFAULT '',
    cancelled INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX meetings_initiative ON meetings (initiative_id, starts_at);
CREATE TABLE meeting_attendance (
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    person_id INTEGER NOT NULL REFERENCES people(id),
    status TEXT NOT NULL,
    PRIMARY KEY (meeting_id, person_id)
);
ALTER TABLE commitments ADD COLUMN meeting_id INTEGER REFERENCES meetings(id);
