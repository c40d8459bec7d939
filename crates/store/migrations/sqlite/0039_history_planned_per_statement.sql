-- SQLite. Keep in step with ../postgres/0039_history_planned_per_statement.sql.

-- Nothing to do here: SQLite keeps history with a row trigger (one revision per changed row),
-- which has no statement-wide join to plan. PostgreSQL's statement trigger is now planned for
-- each statement's own row counts.
SELECT 1;
