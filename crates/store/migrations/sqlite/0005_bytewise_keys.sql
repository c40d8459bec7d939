-- SQLite. Keep in step with ../postgres/0005_bytewise_keys.sql.
-- Nothing to change: SQLite already compares text byte by byte (BINARY), which PostgreSQL now does
-- for indicator keys, periods, place codes and groups keys too: both backends order them alike.
SELECT 1;
