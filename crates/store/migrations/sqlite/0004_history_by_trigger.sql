-- SQLite. Keep in step with ../postgres/0004_history_by_trigger.sql.
-- An observation's row holds its current state (with who set it); observation_revisions holds every
-- earlier state. The trigger writes the state being replaced, so no code path can change a number
-- or its status without keeping what it was, and a first submission writes each number once.
ALTER TABLE observations ADD COLUMN updated_by TEXT NOT NULL DEFAULT '';

UPDATE observations SET updated_by = COALESCE(
    (SELECT r.actor_name FROM observation_revisions r WHERE r.observation_id = observations.id ORDER BY r.id DESC LIMIT 1), '');

-- The newest revision of each observation was its current state, which the row itself now holds.
-- Only where it really is the same state: anything else is history and stays.
DELETE FROM observation_revisions
WHERE id IN (SELECT MAX(id) FROM observation_revisions GROUP BY observation_id)
  AND EXISTS (SELECT 1 FROM observations o WHERE o.id = observation_revisions.observation_id
              AND o.revision = observation_revisions.revision AND o.numerator = observation_revisions.numerator
              AND o.denominator IS NOT DISTINCT FROM observation_revisions.denominator
              AND o.status = observation_revisions.status);

CREATE TRIGGER observations_keep_history AFTER UPDATE ON observations
WHEN OLD.numerator IS NOT NEW.numerator OR OLD.denominator IS NOT NEW.denominator
  OR OLD.status IS NOT NEW.status OR OLD.return_reason IS NOT NEW.return_reason
BEGIN
    INSERT INTO observation_revisions (observation_id, revision, numerator, denominator, status, note, actor_name, at)
    VALUES (OLD.id, OLD.revision, OLD.numerator, OLD.denominator, OLD.status, OLD.return_reason, OLD.updated_by, OLD.updated_at);
END;
