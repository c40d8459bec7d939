-- SQLite. Keep in step with ../postgres/0021_charters.sql.
-- Table charters (core::charters): every version kept, and each member's endorsement of one.
CREATE TABLE charter_versions (
    id INTEGER PRIMARY KEY,
    table_id INTEGER NOT NULL REFERENCES tables(id),
    version INTEGER NOT NULL,
    charter_values TEXT NOT NULL,
    roles TEXT NOT NULL,
    decision_making TEXT NOT NULL,
    conflict TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    author_name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (table_id, version)
);
CREATE TABLE charter_endorsements (
    version_id INTEGER NOT NULL REFERENCES charter_versions(id),
    person_id INTEGER NOT NULL REFERENCES people(id),
    comment TEXT NOT NULL DEFAULT '',
    at TEXT NOT NULL,
    PRIMARY KEY (version_id, person_id)
);
