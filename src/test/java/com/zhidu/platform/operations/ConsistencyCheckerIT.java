package com.zhidu.platform.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.zhidu.DemoRest;
import com.zhidu.ZhiduIT;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The consistency checker on PostgreSQL: a domain row naming a process instance the engine does not know is
 * reported; the report is for auditors and administrators only. The suites' shared database holds fixtures
 * of other suites, so this test asserts on its own planted row, not on an empty report (the cluster suite
 * {@code com.zhidu.cluster.ClusterIT} asserts an empty report on a database of its own).
 */
@ZhiduIT
class ConsistencyCheckerIT {

  @Autowired ConsistencyChecker checker;
  @Autowired JdbcTemplate jdbc;
  @Autowired TestRestTemplate rest;

  @Test
  void aDomainRowWithoutItsProcessInstanceIsReported() {
    String ghost = "ghost-" + UUID.randomUUID();
    jdbc.update("insert into task_action (task_id, task_definition_key, process_instance_id, process_definition_key,"
        + " action, user_id, occurred_at) values (?, 'x', ?, 'complaint-handling', 'complete', 'xiaoyu', ?)",
        UUID.randomUUID().toString(), ghost, Timestamp.from(Instant.now()));
    try {
      ConsistencyChecker.Report report = checker.check();
      assertThat(report.consistent()).isFalse();
      assertThat(report.findings()).anySatisfy(finding -> {
        assertThat(finding.kind()).isEqualTo("unknownProcessInstance");
        assertThat(finding.table()).isEqualTo("task_action");
        assertThat(finding.processInstanceId()).isEqualTo(ghost);
      });
      assertThat(report.checks()).extracting(ConsistencyChecker.Check::kind)
          .contains("unknownProcessInstance", "openCaseWithoutRunningInstance", "closedCaseStillRunning",
              "duplicateIdempotencyKey", "auditTrailBroken");
      // Every table naming instances or idempotency keys is found by its columns.
      assertThat(checker.tablesWithColumn("process_instance_id")).contains("task_action", "complaint", "document");
      assertThat(checker.tablesWithColumn("idempotency_key")).contains("mail_outbox", "document");

      // The same through the endpoint, as the auditor reads it.
      var body = new DemoRest(rest).get("shenjian", "/zhidu/api/consistency");
      assertThat(body.status()).isEqualTo(200);
      assertThat(body.text()).contains(ghost).contains("\"consistent\":false");
    } finally {
      jdbc.update("delete from task_action where process_instance_id = ?", ghost);
    }
    assertThat(checker.check().findings()).noneSatisfy(f -> assertThat(f.processInstanceId()).isEqualTo(ghost));
  }

  @Test
  void onlyAuditorsAndAdministratorsMayRunIt() {
    DemoRest as = new DemoRest(rest);
    for (String allowed : List.of("shenjian", "demo")) {
      assertThat(as.get(allowed, "/zhidu/api/consistency").status()).as(allowed).isEqualTo(200);
    }
    for (String refused : List.of("zhangwei", "xiaoyu", "hanbo", "linzong")) {
      var response = as.get(refused, "/zhidu/api/consistency");
      assertThat(response.status()).as(refused).isEqualTo(403);
      assertThat(response.text()).contains("只有審計及系統管理員可以執行一致性檢查");
    }
    assertThat(rest.getForEntity("/zhidu/api/consistency", String.class).getStatusCode().value())
        .isEqualTo(401);
  }
}
