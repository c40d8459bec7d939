-- PostgreSQL. Keep in step with ../sqlite/0037_fast_approvals.sql.

-- The numbers waiting for review, by organisation and indicator: approving one partner's
-- submission finds its rows here instead of reading every observation of its indicators. Only
-- submitted numbers are in it, so it stays as small as the review queue.
CREATE INDEX observations_waiting ON observations (organization_id, indicator_id) WHERE status = 'submitted';

-- The cells of one indicator and period, in one range with everything an approval compares: an
-- approval that touches a few indicator periods reads only theirs, not the indicator's every cell.
-- (SQLite also keeps published_cells in the order of its key; PostgreSQL's cells are written in
-- that order, indicator by indicator, so its heap follows the key's order much the same.)
CREATE INDEX published_cells_by_period
    ON published_cells (indicator_id, period) INCLUDE (geography, groups, numerator, denominator, withheld);
