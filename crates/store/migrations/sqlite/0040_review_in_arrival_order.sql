-- SQLite. Keep in step with ../postgres/0040_review_in_arrival_order.sql.

-- The review queue's index follows the order numbers arrive in: within a submission, a status
-- and an indicator, by id. Rows are written and decided in that order, so a submission of
-- millions appends to the index instead of inserting all over each indicator's range, and
-- approving moves entries from one end of the index to another in order. Measured at 10M on
-- SQLite: keeping the place as the fourth column cost 9 s of an import and 27 s of an approval.
-- A place filter now seeks the place period by period along observations_key (sql/review.rs).
DROP INDEX observations_review;
CREATE INDEX observations_review ON observations (submission_id, status, indicator_id, id)
WHERE submission_id IS NOT NULL;

-- Numbers waiting for review are found through their organisation's submissions along
-- observations_review; this second index of them cost every import and approval its upkeep
-- (at 10M: 5.6 s of an import, 2.7 s of an approval). PostgreSQL keeps it (see its 0040).
DROP INDEX observations_waiting;
