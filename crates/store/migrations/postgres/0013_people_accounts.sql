-- PostgreSQL. Keep in step with ../sqlite/0013_people_accounts.sql.
-- The sign-in a person uses, when they have one: how a member votes, attends and commits as
-- themselves (core::people). A user is at most one person in each initiative.
ALTER TABLE people ADD COLUMN user_id BIGINT REFERENCES users(id);
CREATE UNIQUE INDEX people_user ON people (initiative_id, user_id) WHERE user_id IS NOT NULL;
