-- SQLite. Keep in step with ../postgres/0009_table_compositions.sql.
-- A table's published composition (counts already suppressed) and the members it counted, by a
-- fingerprint of what they shared. A new snapshot is published only once enough members have
-- changed (core::tables::composition), so no comparison over time singles anyone out.
CREATE TABLE table_compositions (
    id INTEGER PRIMARY KEY,
    table_id INTEGER NOT NULL REFERENCES tables(id),
    published_at TEXT NOT NULL,
    members TEXT NOT NULL,
    composition TEXT NOT NULL
);
CREATE INDEX table_compositions_table ON table_compositions (table_id, id);
