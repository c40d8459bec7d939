-- SQLite. Keep in step with ../postgres/0023_turn_the_curve.sql.
-- Turning the curve (core::turn_the_curve): a table's plan for an indicator, every version kept
-- (each step as JSON: the story, partners, what works, the actions), and the commitments its
-- actions became.
CREATE TABLE curve_plans (
    id INTEGER PRIMARY KEY,
    initiative_id INTEGER NOT NULL REFERENCES initiatives(id),
    indicator_id INTEGER NOT NULL REFERENCES indicators(id),
    table_id INTEGER NOT NULL REFERENCES tables(id),
    created_at TEXT NOT NULL,
    UNIQUE (indicator_id, table_id)
);
CREATE INDEX curve_plans_initiative ON curve_plans (initiative_id, indicator_id);
CREATE TABLE curve_plan_versions (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES curve_plans(id),
    version INTEGER NOT NULL,
    story TEXT NOT NULL,
    partners TEXT NOT NULL,
    what_works TEXT NOT NULL,
    actions TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    author_name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (plan_id, version)
);
CREATE TABLE curve_plan_commitments (
    plan_id INTEGER NOT NULL REFERENCES curve_plans(id),
    action_key TEXT NOT NULL,
    commitment_id INTEGER NOT NULL REFERENCES commitments(id),
    PRIMARY KEY (plan_id, action_key)
);
