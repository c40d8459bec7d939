-- PostgreSQL. Keep in step with ../sqlite/0004_history_by_trigger.sql.
-- An observation's row holds its current state (with who set it); observation_revisions holds every
-- earlier state. The trigger writes the states being replaced, so no code path can change a number
-- or its status without keeping what it was, and a first submission writes each number once.
ALTER TABLE observations ADD COLUMN updated_by TEXT NOT NULL DEFAULT '';

UPDATE observations o SET updated_by = r.actor_name
FROM (SELECT DISTINCT ON (observation_id) observation_id, actor_name FROM observation_revisions
      ORDER BY observation_id, id DESC) r
WHERE r.observation_id = o.id;

-- The newest revision of each observation was its current state, which the row itself now holds.
-- Only where it really is the same state: anything else is history and stays.
DELETE FROM observation_revisions
WHERE id IN (SELECT MAX(id) FROM observation_revisions GROUP BY observation_id)
  AND EXISTS (SELECT 1 FROM observations o WHERE o.id = observation_revisions.observation_id
              AND o.revision = observation_revisions.revision AND o.numerator = observation_revisions.numerator
              AND o.denominator IS NOT DISTINCT FROM observation_revisions.denominator
              AND o.status = observation_revisions.status);

-- Once per statement, over the transition tables: approving a million numbers is one INSERT.
CREATE FUNCTION observations_keep_history() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO observation_revisions (observation_id, revision, numerator, denominator, status, note, actor_name, at)
    SELECT o.id, o.revision, o.numerator, o.denominator, o.status, o.return_reason, o.updated_by, o.updated_at
    FROM old_rows o JOIN new_rows n ON n.id = o.id
    WHERE (o.numerator, o.denominator, o.status, o.return_reason)
          IS DISTINCT FROM (n.numerator, n.denominator, n.status, n.return_reason)
    ORDER BY o.id;
    RETURN NULL;
END
$$;

CREATE TRIGGER observations_keep_history AFTER UPDATE ON observations
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION observations_keep_history();
