-- SQLite. Keep in step with ../postgres/0035_review.sql.
-- The review queue (core::review): every file, API call or sending of drafts that puts numbers
-- up for review is a submission, with how many of the numbers it last set are waiting, approved
-- or returned — kept current by every change of status, so the queue never counts millions.
CREATE TABLE submissions (
    id INTEGER PRIMARY KEY,
    initiative_id INTEGER NOT NULL REFERENCES initiatives(id),
    organization_id INTEGER NOT NULL REFERENCES organizations(id),
    source TEXT NOT NULL,
    file_name TEXT,
    submitted_at TEXT NOT NULL,
    submitted_by TEXT NOT NULL,
    submitted INTEGER NOT NULL DEFAULT 0,
    approved INTEGER NOT NULL DEFAULT 0,
    returned INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX submissions_queue ON submissions (initiative_id, id);

-- The submission that last set each number (drafts have none until they are sent).
ALTER TABLE observations ADD COLUMN submission_id INTEGER REFERENCES submissions(id);
-- A revision remembers the submission of the state it keeps, so moving a number to a newer
-- submission can take it off the older one's counts.
ALTER TABLE observation_revisions ADD COLUMN submission_id INTEGER;

-- Numbers sent before submissions were recorded: one submission per organisation, "earlier numbers".
INSERT INTO submissions (initiative_id, organization_id, source, submitted_at, submitted_by, submitted, approved, returned)
SELECT i.initiative_id, o.organization_id, 'earlier', MAX(o.updated_at), '',
    SUM(CASE WHEN o.status = 'submitted' THEN 1 ELSE 0 END),
    SUM(CASE WHEN o.status = 'approved' THEN 1 ELSE 0 END),
    SUM(CASE WHEN o.status = 'returned' THEN 1 ELSE 0 END)
FROM observations o
JOIN indicators i ON i.id = o.indicator_id
WHERE o.status <> 'draft'
GROUP BY i.initiative_id, o.organization_id;

UPDATE observations SET submission_id = (
    SELECT s.id FROM submissions s JOIN indicators i ON i.initiative_id = s.initiative_id
    WHERE i.id = observations.indicator_id AND s.organization_id = observations.organization_id)
WHERE status <> 'draft';

-- A submission's numbers by status, in the queue's order (indicator, place, id): pages are
-- keyset seeks, whatever the filter.
CREATE INDEX observations_review ON observations (submission_id, status, indicator_id, geography, id)
WHERE submission_id IS NOT NULL;

DROP TRIGGER observations_keep_history;
CREATE TRIGGER observations_keep_history AFTER UPDATE ON observations
WHEN OLD.numerator IS NOT NEW.numerator OR OLD.denominator IS NOT NEW.denominator
  OR OLD.status IS NOT NEW.status OR OLD.return_reason IS NOT NEW.return_reason
BEGIN
    INSERT INTO observation_revisions (observation_id, revision, numerator, denominator, status, note, actor_name, at,
        submission_id)
    VALUES (OLD.id, OLD.revision, OLD.numerator, OLD.denominator, OLD.status, OLD.return_reason, OLD.updated_by,
        OLD.updated_at, OLD.submission_id);
END;
