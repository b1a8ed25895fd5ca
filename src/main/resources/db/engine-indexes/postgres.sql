-- Indexes on the engine's own tables that Zhidu's queries need at volume (issue 11, docs/performance.md "Data
-- volume"). Applied by EngineIndexes right after the engine has created or updated its schema (Flyway may run before
-- the engine's tables exist, so these cannot be Flyway migrations); each is created only if missing.

-- Every task query as a user (Tasklist's filters) joins the user's grants: the engine indexes grants by group but not
-- by user, so the user's part was a scan of all grants (millions with historic-instance permissions).
create index if not exists zhidu_auth_user on act_ru_authorization (user_id_);

-- 我發起的 matches the task-local variable caseStarter (CaseStarterTasks) by value. Partial: only those values are
-- short user ids (a btree on every variable's text could not take long texts).
create index if not exists zhidu_ru_var_case_starter on act_ru_variable (text_) where name_ = 'caseStarter';

-- 即將到期/已逾期 and the deadline scan select open tasks by due date.
create index if not exists zhidu_ru_task_due on act_ru_task (due_date_);

-- The auditor's "cases of a participant": the cases the user started.
create index if not exists zhidu_hi_procinst_start_user on act_hi_procinst (start_user_id_);
