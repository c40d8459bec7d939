-- SQLite. Keep in step with ../postgres/0006_min_gap_change.sql.
-- The smallest yearly change of an equity gap that counts as narrowing or widening, per indicator
-- (NULL: the default for its unit).
ALTER TABLE indicators ADD COLUMN min_gap_change DOUBLE PRECISION;
