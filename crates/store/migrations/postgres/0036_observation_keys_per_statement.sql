-- PostgreSQL only (SQLite checks its foreign keys in-process, a B-tree lookup per row, and keeps them).
-- A submission inserts up to millions of observations in one statement; a foreign key checks each
-- new row with a query of its own, which was most of an import's time. The same two rules are
-- now checked once per statement over the rows it inserted, locking the indicators and
-- organisations they name as the foreign keys did (so neither can be deleted before the insert
-- commits); the other side — an indicator or organisation with observations cannot be deleted or
-- renumbered — is kept by triggers on those tables.
ALTER TABLE observations DROP CONSTRAINT observations_indicator_id_fkey;
ALTER TABLE observations DROP CONSTRAINT observations_organization_id_fkey;

CREATE FUNCTION observations_check_keys() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM indicators WHERE id IN (SELECT DISTINCT indicator_id FROM new_rows) FOR KEY SHARE;
    PERFORM 1 FROM organizations WHERE id IN (SELECT DISTINCT organization_id FROM new_rows) FOR KEY SHARE;
    IF EXISTS (SELECT 1 FROM (SELECT DISTINCT indicator_id FROM new_rows) n
               WHERE NOT EXISTS (SELECT 1 FROM indicators i WHERE i.id = n.indicator_id)) THEN
        RAISE EXCEPTION 'insert on table "observations" violates its key to "indicators"'
            USING ERRCODE = 'foreign_key_violation', TABLE = 'observations', COLUMN = 'indicator_id';
    END IF;
    IF EXISTS (SELECT 1 FROM (SELECT DISTINCT organization_id FROM new_rows) n
               WHERE NOT EXISTS (SELECT 1 FROM organizations o WHERE o.id = n.organization_id)) THEN
        RAISE EXCEPTION 'insert on table "observations" violates its key to "organizations"'
            USING ERRCODE = 'foreign_key_violation', TABLE = 'observations', COLUMN = 'organization_id';
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER observations_check_keys AFTER INSERT ON observations
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION observations_check_keys();

-- Updates never move an observation to another indicator or organisation; one that did is checked
-- row by row, as before.
CREATE FUNCTION observations_check_moved_keys() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM indicators WHERE id = NEW.indicator_id FOR KEY SHARE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'update on table "observations" violates its key to "indicators"'
            USING ERRCODE = 'foreign_key_violation', TABLE = 'observations', COLUMN = 'indicator_id';
    END IF;
    PERFORM 1 FROM organizations WHERE id = NEW.organization_id FOR KEY SHARE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'update on table "observations" violates its key to "organizations"'
            USING ERRCODE = 'foreign_key_violation', TABLE = 'observations', COLUMN = 'organization_id';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER observations_check_moved_keys BEFORE UPDATE OF indicator_id, organization_id ON observations
FOR EACH ROW WHEN (OLD.indicator_id IS DISTINCT FROM NEW.indicator_id OR OLD.organization_id IS DISTINCT FROM NEW.organization_id)
EXECUTE FUNCTION observations_check_moved_keys();

-- An indicator or organisation that observations name stays, and keeps its id.
CREATE FUNCTION observations_keep_referenced() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.id = NEW.id THEN
        RETURN NEW;
    END IF;
    -- Waits for a submission that has just named it to commit, so its rows are seen below.
    IF TG_TABLE_NAME = 'indicators' THEN
        PERFORM 1 FROM indicators WHERE id = OLD.id FOR UPDATE;
    ELSE
        PERFORM 1 FROM organizations WHERE id = OLD.id FOR UPDATE;
    END IF;
    IF (TG_TABLE_NAME = 'indicators' AND EXISTS (SELECT 1 FROM observations WHERE indicator_id = OLD.id))
       OR (TG_TABLE_NAME = 'organizations' AND EXISTS (SELECT 1 FROM observations WHERE organization_id = OLD.id)) THEN
        RAISE EXCEPTION '% on table "%" violates the key of "observations" to it', lower(TG_OP), TG_TABLE_NAME
            USING ERRCODE = 'foreign_key_violation', TABLE = TG_TABLE_NAME;
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;

CREATE TRIGGER indicators_keep_observed BEFORE DELETE OR UPDATE OF id ON indicators
FOR EACH ROW EXECUTE FUNCTION observations_keep_referenced();
CREATE TRIGGER organizations_keep_observed BEFORE DELETE OR UPDATE OF id ON organizations
FOR EACH ROW EXECUTE FUNCTION observations_keep_referenced();
