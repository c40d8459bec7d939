-- SQLite. Keep in step with ../postgres/0029_joining.sql.
-- Joining a table (core::joining): when a table meets, how to join and whom to ask, public on its
-- page; and residents' requests to join, which staff welcome (a person and a seat, in one
-- transaction) or decline. `client_key` is a hash of the sender's address, kept only for the
-- hourly limit and cleared after a day.
ALTER TABLE tables ADD COLUMN meets TEXT NOT NULL DEFAULT '';
ALTER TABLE tables ADD COLUMN how_to_join TEXT NOT NULL DEFAULT '';
ALTER TABLE tables ADD COLUMN contact_name TEXT NOT NULL DEFAULT '';
ALTER TABLE tables ADD COLUMN contact_email TEXT NOT NULL DEFAULT '';
ALTER TABLE tables ADD COLUMN welcomes_requests BOOLEAN NOT NULL DEFAULT FALSE;

CREATE TABLE join_requests (
    id INTEGER PRIMARY KEY,
    initiative_id INTEGER NOT NULL REFERENCES initiatives(id),
    table_id INTEGER NOT NULL REFERENCES tables(id),
    name TEXT NOT NULL,
    email TEXT,
    phone TEXT,
    neighborhood TEXT,
    message TEXT NOT NULL,
    language TEXT NOT NULL,
    status TEXT NOT NULL,
    note TEXT,
    person_id INTEGER REFERENCES people(id),
    decided_at TEXT,
    client_key TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX join_requests_table ON join_requests (initiative_id, table_id, id);
CREATE INDEX join_requests_client ON join_requests (initiative_id, client_key, created_at);
