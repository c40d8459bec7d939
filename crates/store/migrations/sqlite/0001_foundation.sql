-- Backbone foundation schema, SQLite. Keep in step with ../postgres/0001_foundation.sql.
CREATE TABLE initiatives (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    phase TEXT NOT NULL,
    published BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TEXT NOT NULL
);

CREATE TABLE preconditions (
    initiative_id INTEGER NOT NULL REFERENCES initiatives(id),
    kind TEXT NOT NULL,
    readiness TEXT NOT NULL,
    evidence TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    PRIMARY KEY (initiative_id, kind)
);

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL,
    display_name TEXT NOT NULL,
    password_hash TEXT,
    server_admin BOOLEAN NOT NULL DEFAULT FALSE,
    disabled BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX users_username ON users (lower(username));

CREATE TABLE organizations (
    id INTEGER PRIMARY KEY,
    initiative_id INTEGER NOT NULL REFERENCES initiatives(id),
    name TEXT NOT NULL,
    sector TEXT NOT NULL,
    budget_band TEXT NOT NULL,
    resident_led BOOLEAN NOT NULL DEFAULT FALSE,
    service_area TEXT NOT NULL DEFAULT '[]',
    website TEXT NOT NULL DEFAULT '',
    leadership TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX organizations_name ON organizations (initiative_id, lower(name));

CREATE TABLE role_grants (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    initiative_id INTEGER NOT NULL REFERENCES initiatives(id),
    role TEXT NOT NULL,
    organization_id INTEGER REFERENCES organizations(id),
    created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX role_grants_unique ON role_grants (user_id, initiative_id, role, coalesce(organization_id, 0));

CREATE TABLE people (
    id INTEGER PRIMARY KEY,
    initiative_id INTEGER NOT NULL REFERENCES initiatives(id),
    name TEXT NOT NULL,
    email TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    organization_id INTEGER REFERENCES organizations(id),
    title TEXT NOT NULL DEFAULT '',
    demographics TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX people_initiative ON people (initiative_id);

CREATE TABLE tables (
    id INTEGER PRIMARY KEY,
    initiative_id INTEGER NOT NULL REFERENCES initiatives(id),
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    purpose TEXT NOT NULL DEFAULT '',
    result_key TEXT,
    created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX tables_name ON tables (initiative_id, lower(name));

CREATE TABLE memberships (
    id INTEGER PRIMARY KEY,
    table_id INTEGER NOT NULL REFERENCES tables(id),
    person_id INTEGER NOT NULL REFERENCES people(id),
    role TEXT NOT NULL,
    start_date TEXT NOT NULL,
    end_date TEXT
);
CREATE INDEX memberships_table ON memberships (table_id);
CREATE INDEX memberships_person ON memberships (person_id);

CREATE TABLE agenda_versions (
    initiative_id INTEGER NOT NULL REFERENCES initiatives(id),
    number INTEGER NOT NULL,
    problem_statement TEXT NOT NULL,
    shared_vision TEXT NOT NULL,
    results TEXT NOT NULL,
    reason TEXT NOT NULL,
    author_user_id INTEGER REFERENCES users(id),
    author_name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (initiative_id, number)
);

CREATE TABLE endorsements (
    id INTEGER PRIMARY KEY,
    initiative_id INTEGER NOT NULL,
    version INTEGER NOT NULL,
    organization_id INTEGER NOT NULL REFERENCES organizations(id),
    endorsed_by_user_id INTEGER REFERENCES users(id),
    endorsed_by_name TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    FOREIGN KEY (initiative_id, version) REFERENCES agenda_versions(initiative_id, number)
);
CREATE UNIQUE INDEX endorsements_once ON endorsements (initiative_id, version, organization_id);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);

CREATE TABLE login_attempts (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL,
    client TEXT NOT NULL,
    success BOOLEAN NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX login_attempts_username ON login_attempts (username, at);
CREATE INDEX login_attempts_client ON login_attempts (client, at);

CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    name TEXT NOT NULL,
    prefix TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    last_used_at TEXT,
    revoked_at TEXT
);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    initiative_id INTEGER REFERENCES initiatives(id),
    actor_user_id INTEGER REFERENCES users(id),
    actor_name TEXT NOT NULL,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id INTEGER,
    before_json TEXT,
    after_json TEXT,
    at TEXT NOT NULL
);
CREATE INDEX audit_log_initiative ON audit_log (initiative_id, id);
