-- Pre-aggregated, suppressed numbers: approved observations summed over organisations, with the
-- suppression decision made once when they change, so dashboards read a handful of rows.
CREATE TABLE published_cells (
    indicator_id INTEGER NOT NULL REFERENCES indicators(id),
    period TEXT NOT NULL,
    geography TEXT NOT NULL,
    groups TEXT NOT NULL,
    numerator DOUBLE PRECISION NOT NULL,
    denominator DOUBLE PRECISION,
    hidden BOOLEAN NOT NULL,
    PRIMARY KEY (indicator_id, geography, groups, period)
);
CREATE INDEX geographies_parent ON geographies (initiative_id, parent);
