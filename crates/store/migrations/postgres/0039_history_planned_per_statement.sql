-- PostgreSQL only. Keep in step with ../sqlite/0039_history_planned_per_statement.sql.

-- The history trigger joins a statement's old and new rows. PL/pgSQL keeps the plan of a static
-- query for the life of the connection, made for the row counts of its first run: a connection
-- whose first update changed one number kept a nested loop, and approving 500,000 numbers later
-- on it rescanned the transition table for every row (20,000 rows took 19 s, 40,000 took 69 s;
-- a 10M approval never finished). EXECUTE plans the join for each statement's own row counts,
-- which keeps it linear (40,000 rows: 0.3 s).
CREATE OR REPLACE FUNCTION observations_keep_history() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE 'INSERT INTO observation_revisions (observation_id, revision, numerator, denominator, status, note,
                 actor_name, at, submission_id)
             SELECT o.id, o.revision, o.numerator, o.denominator, o.status, o.return_reason, o.updated_by,
                 o.updated_at, o.submission_id
             FROM old_rows o JOIN new_rows n ON n.id = o.id
             WHERE (o.numerator, o.denominator, o.status, o.return_reason)
                   IS DISTINCT FROM (n.numerator, n.denominator, n.status, n.return_reason)
             ORDER BY o.id';
    RETURN NULL;
END
$$;
