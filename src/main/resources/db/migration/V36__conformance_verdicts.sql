-- Precomputed conformance verdicts (issue 11, docs/auditor-guide.md "How the verdicts are kept"). The task rules
-- (§1.3.2 TasksDoneByDueDate, §1.3.3 FourEyesKept) judge a task from the case's own history, which no longer changes
-- once the case has ended: CaseVerdicts judges a finished case once (a job at its end; a backfill for cases that
-- ended earlier or under an older rule set) and the conformance report reads these rows instead of judging every
-- task of the period again. Open cases, and finished ones not judged yet, are still judged live by the report.

-- One row per finished case judged: the rule set it was judged with (TaskRule.ruleSet()). A case whose rule set
-- differs from the current one is judged live and recomputed by the backfill.
create table conformance_case (
  process_instance_id varchar(64)  not null primary key,
  rule_set            varchar(200) not null,
  evaluated_at        timestamp    not null
);

-- Every finished task of a judged case (governed by a rule or not), at its end time: the report of a period judges
-- live only the tasks of that period missing here.
create table conformance_task (
  task_id             varchar(64)  not null primary key,
  process_instance_id varchar(64)  not null,  -- the case (root process instance)
  finished_at         timestamp    not null,
  rule_set            varchar(200) not null
);
create index conformance_task_finished on conformance_task (finished_at);
create index conformance_task_case on conformance_task (process_instance_id);

-- The verdict on each task a rule governs: the task's department (its first candidate group) and, when it broke
-- the clause, the finding as the report shows it.
create table conformance_task_verdict (
  clause              varchar(16)   not null,
  task_id             varchar(64)   not null,
  process_instance_id varchar(64)   not null,
  finished_at         timestamp     not null,
  rule_set            varchar(200)  not null,
  department          varchar(255)  not null,
  violated            boolean       not null,
  message_zh          varchar(2000),
  message_en          varchar(2000),
  primary key (clause, task_id)
);
create index conformance_task_verdict_period on conformance_task_verdict (clause, finished_at);
create index conformance_task_verdict_case on conformance_task_verdict (process_instance_id);
