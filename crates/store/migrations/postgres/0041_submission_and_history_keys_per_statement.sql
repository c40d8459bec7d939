-- PostgreSQL only (SQLite checks its foreign keys in-process, a B-tree lookup per row, and keeps
-- them). Migration 0036 checked an observation's indicator and organisation once per statement;
-- this does the same for the two keys left that a large import or approval checked row by row,
-- each with a query of its own (measured on 2M numbers, in psql on this machine: inserting them
-- took 24.1 s with both keys and 15.5 s without; approving them, 54.7 s and 32.4 s):
-- - an observation's submission, now checked with its indicator and organisation, once per
--   inserting statement, and row by row only when an update moves a number to another
--   submission (a correction);
-- - a revision's observation. Revisions are written by the history trigger, from the rows the
--   statement is updating, and by the whole-initiative import, each right after its
--   observation. The rule that mattered is the other side: an observation with history is never
--   deleted or renumbered, and that stays, checked by a trigger.
-- A submission that observations name likewise stays, and keeps its id.
ALTER TABLE observations DROP CONSTRAINT observations_submission_id_fkey;
ALTER TABLE observation_revisions DROP CONSTRAINT observation_revisions_observation_id_fkey;

-- One pass over the inserted rows finds the keys they name together (an import names one
-- organisation and submission, and a few indicators), each then locked and checked.
CREATE OR REPLACE FUNCTION observations_check_keys() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    k record;
BEGIN
    FOR k IN SELECT DISTINCT indicator_id, organization_id, submission_id FROM new_rows LOOP
        PERFORM 1 FROM indicators WHERE id = k.indicator_id FOR KEY SHARE;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'insert on table "observations" violates its key to "indicators"'
                USING ERRCODE = 'foreign_key_violation', TABLE = 'observations', COLUMN = 'indicator_id';
        END IF;
        PERFORM 1 FROM organizations WHERE id = k.organization_id FOR KEY SHARE;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'insert on table "observations" violates its key to "organizations"'
                USING ERRCODE = 'foreign_key_violation', TABLE = 'observations', COLUMN = 'organization_id';
        END IF;
        IF k.submission_id IS NOT NULL THEN
            PERFORM 1 FROM submissions WHERE id = k.submission_id FOR KEY SHARE;
            IF NOT FOUND THEN
                RAISE EXCEPTION 'insert on table "observations" violates its key to "submissions"'
                    USING ERRCODE = 'foreign_key_violation', TABLE = 'observations', COLUMN = 'submission_id';
            END IF;
        END IF;
    END LOOP;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION observations_check_moved_keys() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.indicator_id IS DISTINCT FROM NEW.indicator_id THEN
        PERFORM 1 FROM indicators WHERE id = NEW.indicator_id FOR KEY SHARE;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'update on table "observations" violates its key to "indicators"'
                USING ERRCODE = 'foreign_key_violation', TABLE = 'observations', COLUMN = 'indicator_id';
        END IF;
    END IF;
    IF OLD.organization_id IS DISTINCT FROM NEW.organization_id THEN
        PERFORM 1 FROM organizations WHERE id = NEW.organization_id FOR KEY SHARE;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'update on table "observations" violates its key to "organizations"'
                USING ERRCODE = 'foreign_key_violation', TABLE = 'observations', COLUMN = 'organization_id';
        END IF;
    END IF;
    IF NEW.submission_id IS NOT NULL AND OLD.submission_id IS DISTINCT FROM NEW.submission_id THEN
        PERFORM 1 FROM submissions WHERE id = NEW.submission_id FOR KEY SHARE;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'update on table "observations" violates its key to "submissions"'
                USING ERRCODE = 'foreign_key_violation', TABLE = 'observations', COLUMN = 'submission_id';
        END IF;
    END IF;
    RETURN NEW;
END
$$;

DROP TRIGGER observations_check_moved_keys ON observations;
CREATE TRIGGER observations_check_moved_keys BEFORE UPDATE OF indicator_id, organization_id, submission_id ON observations
FOR EACH ROW WHEN (OLD.indicator_id IS DISTINCT FROM NEW.indicator_id OR OLD.organization_id IS DISTINCT FROM NEW.organization_id
                   OR OLD.submission_id IS DISTINCT FROM NEW.submission_id)
EXECUTE FUNCTION observations_check_moved_keys();

-- An indicator, organisation or submission that observations name stays, and keeps its id.
CREATE OR REPLACE FUNCTION observations_keep_referenced() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.id = NEW.id THEN
        RETURN NEW;
    END IF;
    -- Waits for a submission that has just named it to commit, so its rows are seen below.
    IF TG_TABLE_NAME = 'indicators' THEN
        PERFORM 1 FROM indicators WHERE id = OLD.id FOR UPDATE;
    ELSIF TG_TABLE_NAME = 'organizations' THEN
        PERFORM 1 FROM organizations WHERE id = OLD.id FOR UPDATE;
    ELSE
        PERFORM 1 FROM submissions WHERE id = OLD.id FOR UPDATE;
    END IF;
    IF (TG_TABLE_NAME = 'indicators' AND EXISTS (SELECT 1 FROM observations WHERE indicator_id = OLD.id))
       OR (TG_TABLE_NAME = 'organizations' AND EXISTS (SELECT 1 FROM observations WHERE organization_id = OLD.id))
       OR (TG_TABLE_NAME = 'submissions' AND EXISTS (SELECT 1 FROM observations WHERE submission_id = OLD.id)) THEN
        RAISE EXCEPTION '% on table "%" violates the key of "observations" to it', lower(TG_OP), TG_TABLE_NAME
            USING ERRCODE = 'foreign_key_violation', TABLE = TG_TABLE_NAME;
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;

CREATE TRIGGER submissions_keep_observed BEFORE DELETE OR UPDATE OF id ON submissions
FOR EACH ROW EXECUTE FUNCTION observations_keep_referenced();

-- An observation with history is never deleted or renumbered: its revisions name it.
CREATE FUNCTION observations_keep_revised() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.id = NEW.id THEN
        RETURN NEW;
    END IF;
    IF EXISTS (SELECT 1 FROM observation_revisions WHERE observation_id = OLD.id) THEN
        RAISE EXCEPTION '% on table "observations" violates the key of "observation_revisions" to it', lower(TG_OP)
            USING ERRCODE = 'foreign_key_violation', TABLE = 'observations';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;

CREATE TRIGGER observations_keep_revised BEFORE DELETE OR UPDATE OF id ON observations
FOR EACH ROW EXECUTE FUNCTION observations_keep_revised();
