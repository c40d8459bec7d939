-- SQLite. Keep in step with ../postgres/0036_observation_keys_per_statement.sql.
-- PostgreSQL checks an observation's indicator and organisation once per statement instead of
-- with a foreign key per row. SQLite keeps its foreign keys: each is a B-tree lookup in the same
-- process, a small part of an import's time. Nothing changes here.
SELECT 1;
