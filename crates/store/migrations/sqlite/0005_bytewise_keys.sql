-- SQLite. Keep in step with ../postgres/0005_bytewise_keys.sql.
-- Nothing to change: SQLite already compares text byte by byte (BINARY), which PostgreSQL now does
-- for periods, place codes and groups keys too, so both backends order them the same way.
SELECT 1;
