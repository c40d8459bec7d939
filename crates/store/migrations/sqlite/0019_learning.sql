-- SQLite. Keep in step with ../postgres/0019_learning.sql.
-- Continuous learning (core::learning): improvement cycles tied to an indicator, and the learning
-- log with its full-text index (FTS5, English stemming).
CREATE TABLE cycles (
    id INTEGER PRIMARY KEY,
    initiative_id INTEGER NOT NULL REFERENCES initiatives(id),
    indicator_key TEXT NOT NULL,
    table_id INTEGER REFERENCES tables(id),
    organization_id INTEGER REFERENCES organizations(id),
    title TEXT NOT NULL,
    change_idea TEXT NOT NULL,
    prediction TEXT NOT NULL,
    started_on TEXT,
    ended_on TEXT,
    done TEXT NOT NULL DEFAULT '',
    study TEXT NOT NULL DEFAULT '',
    study_periods TEXT NOT NULL DEFAULT '[]',
    decision TEXT,
    decision_reason TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX cycles_initiative ON cycles (initiative_id, indicator_key);
CREATE TABLE lessons (
    id INTEGER PRIMARY KEY,
    initiative_id INTEGER NOT NULL REFERENCES initiatives(id),
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    result TEXT NOT NULL,
    organization_id INTEGER REFERENCES organizations(id),
    strategy_key TEXT,
    indicator_key TEXT,
    cycle_id INTEGER REFERENCES cycles(id),
    author_name TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX lessons_initiative ON lessons (initiative_id, id);
CREATE VIRTUAL TABLE lessons_fts USING fts5(title, body, content='lessons', content_rowid='id', tokenize='porter unicode61');
CREATE TRIGGER lessons_fts_insert AFTER INSERT ON lessons BEGIN
    INSERT INTO lessons_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
