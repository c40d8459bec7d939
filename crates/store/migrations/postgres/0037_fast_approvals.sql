-- PostgreSQL. Keep in step with ../sqlite/0037_fast_approvals.sql.

-- The numbers waiting for review, by organisation and indicator: approving one partner's
-- submission finds its rows here instead of reading every observation of its indicators. Only
-- submitted numbers are in it, so it stays as small as the review queue.
CREATE INDEX observations_waiting ON observations (organization_id, indicator_id) WHERE status = 'submitted';

-- (SQLite keeps published_cells in the order of its key; PostgreSQL's cells are written in that
-- order, indicator by indicator, so its heap follows the key's order much the same.)
SELECT 1;
