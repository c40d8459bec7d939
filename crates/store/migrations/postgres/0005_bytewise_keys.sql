-- PostgreSQL. Keep in step with ../sqlite/0005_bytewise_keys.sql.
-- Indicator keys, periods, place codes and groups keys are codes, not prose: compare them byte by
-- byte, as SQLite does, rather than through the database's locale. Both backends then order them
-- the same way, and index comparisons skip strcoll (costly under locales such as en_US.UTF-8).
ALTER TABLE observations
    ALTER COLUMN period TYPE TEXT COLLATE "C",
    ALTER COLUMN geography TYPE TEXT COLLATE "C",
    ALTER COLUMN groups TYPE TEXT COLLATE "C";
ALTER TABLE indicators
    ALTER COLUMN key TYPE TEXT COLLATE "C";
ALTER TABLE published_cells
    ALTER COLUMN period TYPE TEXT COLLATE "C",
    ALTER COLUMN geography TYPE TEXT COLLATE "C",
    ALTER COLUMN groups TYPE TEXT COLLATE "C";
