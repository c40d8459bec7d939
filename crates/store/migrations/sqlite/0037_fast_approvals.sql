-- SQLite. Keep in step with ../postgres/0037_fast_approvals.sql.

-- The numbers waiting for review, by organisation and indicator: approving one partner's
-- submission finds its rows here instead of reading every observation of its indicators. Only
-- submitted numbers are in it, so it stays as small as the review queue.
CREATE INDEX observations_waiting ON observations (organization_id, indicator_id) WHERE status = 'submitted';

-- Published cells kept in the order of their key (WITHOUT ROWID): a view's few hundred cells
-- are read from a few neighbouring pages, and writing them maintains one b-tree instead of two.
CREATE TABLE published_cells_new (
    indicator_id INTEGER NOT NULL REFERENCES indicators(id),
    period TEXT NOT NULL,
    geography TEXT NOT NULL,
    groups TEXT NOT NULL,
    numerator DOUBLE PRECISION NOT NULL,
    denominator DOUBLE PRECISION,
    hidden BOOLEAN NOT NULL,
    withheld TEXT,
    PRIMARY KEY (indicator_id, geography, groups, period)
) WITHOUT ROWID;
INSERT INTO published_cells_new (indicator_id, period, geography, groups, numerator, denominator, hidden, withheld)
SELECT indicator_id, period, geography, groups, numerator, denominator, hidden, withheld FROM published_cells;
DROP TABLE published_cells;
ALTER TABLE published_cells_new RENAME TO published_cells;

-- The cells of one indicator and period, in one range with everything an approval compares: an
-- approval that touches a few indicator periods reads only theirs, not the indicator's every cell.
CREATE INDEX published_cells_by_period
    ON published_cells (indicator_id, period, geography, groups, numerator, denominator, withheld);
