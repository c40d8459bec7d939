-- SQLite. Keep in step with ../postgres/0024_attendance_days.sql.
-- Each organisation's meetings expected and attended, per day (UTC), for the accountability view
-- (core::accountability): recounted from the attendance records in the same transaction as every
-- change to them (who came, a meeting's time or cancellation, a person's organisation, an
-- import), so the view sums a few rows a day instead of grouping a year of attendance.
CREATE TABLE attendance_days (
    initiative_id INTEGER NOT NULL REFERENCES initiatives(id),
    day TEXT NOT NULL,
    organization_id INTEGER NOT NULL REFERENCES organizations(id),
    expected INTEGER NOT NULL,
    attended INTEGER NOT NULL,
    PRIMARY KEY (initiative_id, day, organization_id)
);
INSERT INTO attendance_days (initiative_id, day, organization_id, expected, attended)
SELECT initiative_id, day, organization_id, COUNT(*), SUM(came)
FROM (SELECT m.initiative_id, substr(m.starts_at, 1, 10) AS day, p.organization_id, a.meeting_id,
             MAX(CASE WHEN a.status = 'present' THEN 1 ELSE 0 END) AS came
      FROM meetings m
      JOIN meeting_attendance a ON a.meeting_id = m.id
      JOIN people p ON p.id = a.person_id
      WHERE NOT m.cancelled AND p.organization_id IS NOT NULL
      GROUP BY m.initiative_id, substr(m.starts_at, 1, 10), p.organization_id, a.meeting_id) x
GROUP BY initiative_id, day, organization_id;
