-- PostgreSQL. Keep in step with ../sqlite/0008_approved_and_disclosure.sql.

-- Published numbers are approved numbers: each observation keeps the values last approved, which
-- every view shows until a correction is approved (NULL: never approved).
ALTER TABLE observations ADD COLUMN approved_numerator DOUBLE PRECISION;
ALTER TABLE observations ADD COLUMN approved_denominator DOUBLE PRECISION;
UPDATE observations SET approved_numerator = numerator, approved_denominator = denominator
WHERE status = 'approved';
-- A correction waiting for review (or returned): the number people saw is its latest approved state.
UPDATE observations o SET approved_numerator = r.numerator, approved_denominator = r.denominator
FROM (SELECT DISTINCT ON (observation_id) observation_id, numerator, denominator
      FROM observation_revisions WHERE status = 'approved'
      ORDER BY observation_id, id DESC) r
WHERE r.observation_id = o.id AND o.status <> 'approved';

-- What is withheld of a published cell: NULL (shown whole), 'everything', 'top_coded', 'bottom_coded'.
ALTER TABLE published_cells ADD COLUMN withheld TEXT;
UPDATE published_cells SET withheld = 'everything' WHERE hidden;

-- Which numbers of a rate decide whether it is hidden: 'both_sides' or 'group_size'.
ALTER TABLE indicators ADD COLUMN disclosure_rule TEXT NOT NULL DEFAULT 'both_sides';

-- The organisations that may submit each indicator (besides its owner); existing submitters keep
-- their place.
ALTER TABLE indicators ADD COLUMN submitters TEXT NOT NULL DEFAULT '[]';
UPDATE indicators i SET submitters = s.ids
FROM (SELECT o.indicator_id, json_agg(DISTINCT o.organization_id ORDER BY o.organization_id)::text AS ids
      FROM observations o JOIN indicators x ON x.id = o.indicator_id
      WHERE o.organization_id IS DISTINCT FROM x.owner_organization_id
      GROUP BY o.indicator_id) s
WHERE s.indicator_id = i.id;

-- Which version of the disclosure engine decided the kept cells; the store recomputes them all
-- when it opens with a newer engine.
CREATE TABLE store_meta (
    key TEXT PRIMARY KEY,
    value BIGINT NOT NULL
);
