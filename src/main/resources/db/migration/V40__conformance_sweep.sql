-- The conformance sweep's progress per rule set (issue 11, docs/auditor-guide.md "How the conformance verdicts are
-- kept"). CaseVerdicts.sweep judges the finished cases without a kept verdict of the current rule set, periodically
-- and in batches. A rule set without a row has never been swept: its first sweep reads every finished case (the
-- backfill, once); afterwards a sweep reads only the cases that ended since swept_to, less a safety margin.
-- The row is also the sweep's lock: a node sweeps while it holds the row (select ... for update skip locked), so
-- only one node sweeps at a time.
create table conformance_sweep (
  rule_set   varchar(200) not null primary key,
  swept_to   timestamp,   -- when the last completed sweep began: the cases ended before were judged or handed to a
                          -- job (null: never swept)
  swept_at   timestamp    -- when that sweep completed (for operations)
);
