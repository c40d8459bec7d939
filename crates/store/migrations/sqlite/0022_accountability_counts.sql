-- SQLite. Keep in step with ../postgres/0022_accountability_counts.sql.
-- The accountability view counts each organisation's commitments by status in the database
-- (core::accountability): this index holds every column it reads, in the order it groups by.
CREATE INDEX commitments_standing ON commitments (initiative_id, organization_id, status, due_on, done_on);
