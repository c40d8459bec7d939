-- PostgreSQL. Keep in step with ../sqlite/0034_audit_without_answers.sql.
-- A person's demographic answers never stay in the audit log (core::people::Person::for_audit):
-- a person who withdraws them must be able to take them back from everywhere. Earlier entries
-- about people kept the whole record: keep only whether they consented.
UPDATE audit_log
SET before_json = jsonb_set(before_json::jsonb, '{demographics}',
        jsonb_build_object('consent', COALESCE((before_json::jsonb -> 'demographics' -> 'consent'), 'false'::jsonb)))::text
WHERE entity = 'person' AND before_json IS NOT NULL AND jsonb_typeof(before_json::jsonb -> 'demographics') = 'object';
UPDATE audit_log
SET after_json = jsonb_set(after_json::jsonb, '{demographics}',
        jsonb_build_object('consent', COALESCE((after_json::jsonb -> 'demographics' -> 'consent'), 'false'::jsonb)))::text
WHERE entity = 'person' AND after_json IS NOT NULL AND jsonb_typeof(after_json::jsonb -> 'demographics') = 'object';
