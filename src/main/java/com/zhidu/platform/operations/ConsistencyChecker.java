package com.zhidu.platform.operations;

import com.zhidu.audit.AuditVerifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Compares the domain tables with the engine's state, read-only, after a crash, a database restart or a
 * suspicion (docs/operations.md, "Consistency check"):
 * <ul>
 *   <li>every domain row naming a process instance ({@code process_instance_id}) names one the engine knows
 *       (running or in history);</li>
 *   <li>every open domain case has a running instance (unless its starter withdrew it), and no closed one still
 *       runs ({@link #OPEN_CASES});</li>
 *   <li>no idempotency key occurs twice (every table with an {@code idempotency_key} column);</li>
 *   <li>the audit trail's hash chains are intact ({@link AuditVerifier});</li>
 *   <li>open incidents are listed (not an inconsistency: work waiting for an operator).</li>
 * </ul>
 * Tables are found by their columns, so a new procedure's tables are checked without code here. Finished
 * instances removed by history cleanup (after their historyTimeToLive) would count as unknown: the check is
 * meant for instances within their retention period.
 */
@Component
public class ConsistencyChecker {

  /** At most this many findings per kind are listed (the count is complete). */
  static final int MAX_LISTED = 50;

  /** Domain cases with an open state: table, the condition of an open row. */
  static final List<OpenCase> OPEN_CASES = List.of(
      new OpenCase("complaint", "status = 'open'", "status = 'closed'"),
      new OpenCase("report", "status = 'inReview'", null),
      new OpenCase("sales_contract", "status = 'inReview'", null));

  /** Tables that name process instances but outlive the engine's history on purpose. */
  static final List<String> OUTLIVING_HISTORY = List.of("audit_event");

  record OpenCase(String table, String open, String closed) {}

  public record Finding(String kind, String table, String key, String processInstanceId) {}

  public record Check(String kind, String description, long count) {}

  public record Report(boolean consistent, Instant checkedAt, List<Check> checks, List<Finding> findings,
      long openIncidents, boolean auditTrailIntact) {}

  private final JdbcTemplate jdbc;
  private final AuditVerifier audit;

  public ConsistencyChecker(JdbcTemplate jdbc, AuditVerifier audit) {
    this.jdbc = jdbc;
    this.audit = audit;
  }

  public Report check() {
    List<Check> checks = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    for (String table : tablesWithColumn("process_instance_id")) {
      if (OUTLIVING_HISTORY.contains(table)) {
        continue;
      }
      String unknown = " from " + table + " t where t.process_instance_id is not null"
          + " and not exists (select 1 from act_hi_procinst p where p.id_ = t.process_instance_id)"
          + " and not exists (select 1 from act_ru_execution e where e.proc_inst_id_ = t.process_instance_id)";
      collect(checks, findings, "unknownProcessInstance", table,
          "rows of " + table + " naming a process instance the engine does not know", unknown,
          "cast(t.process_instance_id as varchar(64))");
    }
    for (OpenCase openCase : OPEN_CASES) {
      if (!tablesWithColumn("process_instance_id").contains(openCase.table())) {
        continue;
      }
      // A case its starter withdrew (撤回, approval_action) ends its instance and leaves the row as it was.
      collect(checks, findings, "openCaseWithoutRunningInstance", openCase.table(),
          "open " + openCase.table() + " rows whose process instance is not running (withdrawn cases aside)",
          " from " + openCase.table() + " t where t." + openCase.open()
              + " and not exists (select 1 from act_ru_execution e where e.proc_inst_id_ = t.process_instance_id)"
              + " and not exists (select 1 from approval_action w where w.operation = 'withdraw'"
              + " and w.case_id = t.process_instance_id)",
          "cast(t.process_instance_id as varchar(64))");
      if (openCase.closed() != null) {
        collect(checks, findings, "closedCaseStillRunning", openCase.table(),
            "closed " + openCase.table() + " rows whose process instance still runs",
            " from " + openCase.table() + " t where t." + openCase.closed()
                + " and exists (select 1 from act_ru_execution e where e.proc_inst_id_ = t.process_instance_id)",
            "cast(t.process_instance_id as varchar(64))");
      }
    }
    for (String table : tablesWithColumn("idempotency_key")) {
      collect(checks, findings, "duplicateIdempotencyKey", table, "idempotency keys of " + table + " used twice",
          " from (select idempotency_key from " + table + " group by idempotency_key having count(*) > 1) t",
          "cast(null as varchar(64))");
    }
    AuditVerifier.Result trail = audit.verifyAll();
    checks.add(new Check("auditTrailBroken", "audit trail chains or seals broken", trail.intact() ? 0 : 1));
    if (!trail.intact()) {
      trail.problems().stream().limit(MAX_LISTED).forEach(problem -> findings.add(
          new Finding("auditTrailBroken", "audit_event", problem.kind() + " at seq " + problem.seq(), problem.caseId())));
    }
    long incidents = jdbc.queryForObject("select count(*) from act_ru_incident", Long.class);
    boolean consistent = checks.stream().allMatch(check -> check.count() == 0);
    return new Report(consistent, ClockUtil.getCurrentTime().toInstant(), List.copyOf(checks), List.copyOf(findings),
        incidents, trail.intact());
  }

  private void collect(List<Check> checks, List<Finding> findings, String kind, String table, String description,
      String from, String processInstance) {
    long count = jdbc.queryForObject("select count(*)" + from, Long.class);
    checks.add(new Check(kind, description, count));
    if (count > 0) {
      String key = kind.equals("duplicateIdempotencyKey") ? "t.idempotency_key" : "cast(t.id as varchar(64))";
      jdbc.query("select " + key + " as k, " + processInstance + " as p" + from + " fetch first " + MAX_LISTED
          + " rows only", rs -> {
            findings.add(new Finding(kind, table, rs.getString("k"), rs.getString("p")));
          });
    }
  }

  /** Domain tables (this schema, not the engine's ACT_*) having the column, lower case. */
  List<String> tablesWithColumn(String column) {
    return jdbc.queryForList("select distinct lower(table_name) from information_schema.columns"
            + " where lower(column_name) = ? and lower(table_schema) = lower(current_schema)"
            + " and lower(table_name) not like 'act\\_%' order by 1", String.class, column.toLowerCase(Locale.ROOT))
        .stream().toList();
  }
}
