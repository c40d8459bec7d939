-- SQLite. Keep in step with ../postgres/0031_community_assets.sql.
-- Community assets (core::community_assets): what the community already has that is not a
-- partner's program, in the initiative's places. `state` is the asset as it stands (JSON, the
-- domain record); `community_asset_versions` keeps every state it has been in, append-only.
CREATE TABLE community_assets (
    id INTEGER PRIMARY KEY,
    initiative_id INTEGER NOT NULL REFERENCES initiatives(id),
    place TEXT NOT NULL,
    name TEXT NOT NULL,
    status TEXT NOT NULL,
    version INTEGER NOT NULL,
    state TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX community_assets_initiative ON community_assets (initiative_id, place);

CREATE TABLE community_asset_versions (
    asset_id INTEGER NOT NULL REFERENCES community_assets(id),
    version INTEGER NOT NULL,
    state TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (asset_id, version)
);
