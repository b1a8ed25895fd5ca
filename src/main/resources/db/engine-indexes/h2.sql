-- The indexes of postgres.sql that H2 (development, tests) understands; H2 has no partial indexes.
create index if not exists zhidu_auth_user on act_ru_authorization (user_id_);
create index if not exists zhidu_ru_task_due on act_ru_task (due_date_);
create index if not exists zhidu_hi_procinst_start_user on act_hi_procinst (start_user_id_);
