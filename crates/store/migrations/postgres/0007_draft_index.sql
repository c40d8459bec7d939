-- PostgreSQL. Keep in step with ../sqlite/0007_draft_index.sql.
-- The Data page counts each organisation's drafts on every visit, and sending drafts finds them:
-- a partial index holds only the few draft rows, so neither reads millions of observations and
-- imports of submitted numbers do not maintain it.
CREATE INDEX observations_drafts ON observations (organization_id) WHERE status = 'draft';
