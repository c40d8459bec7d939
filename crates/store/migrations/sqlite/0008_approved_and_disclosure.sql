-- SQLite. Keep in step with ../postgres/0008_approved_and_disclosure.sql.

-- Published numbers are approved numbers: each observation keeps the values last approved, which
-- every view shows until a correction is approved (NULL: never approved).
ALTER TABLE observations ADD COLUMN approved_numerator DOUBLE PRECISION;
ALTER TABLE observations ADD COLUMN approved_denominator DOUBLE PRECISION;
UPDATE observations SET approved_numerator = numerator, approved_denominator = denominator
WHERE status = 'approved';
-- A correction waiting for review (or returned): the number people saw is its latest approved state.
UPDATE observations SET
    approved_numerator = (SELECT r.numerator FROM observation_revisions r
                          WHERE r.observation_id = observations.id AND r.status = 'approved'
                          ORDER BY r.id DESC LIMIT 1),
    approved_denominator = (SELECT r.denominator FROM observation_revisions r
                            WHERE r.observation_id = observations.id AND r.status = 'approved'
                            ORDER BY r.id DESC LIMIT 1)
WHERE status <> 'approved'
  AND EXISTS (SELECT 1 FROM observation_revisions r WHERE r.observation_id = observations.id AND r.status = 'approved');

-- What is withheld of a published cell: NULL (shown whole), 'everything', 'top_coded', 'bottom_coded'.
ALTER TABLE published_cells ADD COLUMN withheld TEXT;
UPDATE published_cells SET withheld = 'everything' WHERE hidden;

-- Which numbers of a rate decide whether it is hidden: 'both_sides' or 'group_size'.
ALTER TABLE indicators ADD COLUMN disclosure_rule TEXT NOT NULL DEFAULT 'both_sides';

-- The organisations that may submit each indicator (besides its owner); existing submitters keep
-- their place.
ALTER TABLE indicators ADD COLUMN submitters TEXT NOT NULL DEFAULT '[]';
UPDATE indicators SET submitters = COALESCE(
    (SELECT json_group_array(organization_id) FROM
        (SELECT DISTINCT o.organization_id FROM observations o
         WHERE o.indicator_id = indicators.id
           AND o.organization_id IS NOT indicators.owner_organization_id
         ORDER BY o.organization_id)),
    '[]');

-- Which version of the disclosure engine decided the kept cells; the store recomputes them all
-- when it opens with a newer engine.
CREATE TABLE store_meta (
    key TEXT PRIMARY KEY,
    value BIGINT NOT NULL
);
