-- Indexes on the engine's own tables that Zhidu's queries need at volume (issue 11, docs/performance.md). Applied
-- by EngineIndexes right after the engine has created or updated its schema (Flyway may run before the engine's
-- tables exist, so these cannot be Flyway migrations); each is created only if missing.
-- The auditor's "cases of a participant": cases started by the user.
create index if not exists zhidu_hi_procinst_start_user on act_hi_procinst (start_user_id_);
