-- SQLite. Keep in step with ../postgres/0032_maps.sql.
-- Places on a map (core::maps): each upload of the places' boundaries is a version, all kept;
-- `geometry` is a GeoJSON Polygon or MultiPolygon, as checked by `read_boundaries`.
CREATE TABLE boundary_sets (
    id INTEGER PRIMARY KEY,
    initiative_id INTEGER NOT NULL REFERENCES initiatives(id),
    version INTEGER NOT NULL,
    property TEXT NOT NULL,
    uploaded_by TEXT NOT NULL,
    uploaded_at TEXT NOT NULL,
    UNIQUE (initiative_id, version)
);

CREATE TABLE place_boundaries (
    set_id INTEGER NOT NULL REFERENCES boundary_sets(id),
    place TEXT NOT NULL,
    geometry TEXT NOT NULL,
    PRIMARY KEY (set_id, place)
);
