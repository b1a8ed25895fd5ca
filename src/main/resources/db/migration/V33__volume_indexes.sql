-- Indexes for data volume (issue 11, docs/performance.md "Data volume"): measured with 1,000,000 finished cases.
-- The auditor's "cases of a participant" looks up task_action by performer and by assignee.
create index task_action_user on task_action (user_id);
create index task_action_assignee on task_action (assignee);
