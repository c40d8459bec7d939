-- SQLite. Keep in step with ../postgres/0016_accountability.sql.
-- One standard of accountability: an indicator's numbers for a period are due this many days
-- after the period ends (NULL: no reporting schedule).
ALTER TABLE indicators ADD COLUMN report_due_days INTEGER;
