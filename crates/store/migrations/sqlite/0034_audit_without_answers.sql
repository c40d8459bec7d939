-- SQLite. Keep in step with ../postgres/0034_audit_without_answers.sql.
-- A person's demographic answers never stay in the audit log (core::people::Person::for_audit):
-- a person who withdraws them must be able to take them back from everywhere. Earlier entries
-- about people kept the whole record: keep only whether they consented.
UPDATE audit_log
SET before_json = json_set(before_json, '$.demographics',
        json_object('consent', json(CASE WHEN json_extract(before_json, '$.demographics.consent') THEN 'true' ELSE 'false' END)))
WHERE entity = 'person' AND json_valid(before_json) AND json_type(before_json, '$.demographics') = 'object';
UPDATE audit_log
SET after_json = json_set(after_json, '$.demographics',
        json_object('consent', json(CASE WHEN json_extract(after_json, '$.demographics.consent') THEN 'true' ELSE 'false' END)))
WHERE entity = 'person' AND json_valid(after_json) AND json_type(after_json, '$.demographics') = 'object';
