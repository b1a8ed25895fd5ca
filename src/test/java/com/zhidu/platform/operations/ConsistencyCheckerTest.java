package com.zhidu.platform.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.zhidu.DemoRest;
import com.zhidu.ZhiduTest;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

/** The consistency checker on H2 (the embedded default): an open complaint whose instance was deleted is reported. */
@ZhiduTest
class ConsistencyCheckerTest {

  @Autowired ConsistencyChecker checker;
  @Autowired RuntimeService runtime;
  @Autowired JdbcTemplate jdbc;
  @Autowired TestRestTemplate rest;

  @Test
  void anOpenCaseWhoseProcessInstanceWasDeletedIsReported() {
    var registered = new DemoRest(rest).post("xiaoyu", "/zhidu/api/complaints", Map.of("customerName", "一致性檢查客戶",
        "contactName", "王先生", "contactEmail", "wang@example.tw", "category", "productQuality", "severity", "high", "description", "機器異響"));
    assertThat(registered.status()).isEqualTo(201);
    String instance = registered.body().get("processInstanceId").asText();
    assertThat(checker.check().findings()).noneSatisfy(f -> assertThat(f.processInstanceId()).isEqualTo(instance));

    // Someone deletes the running instance (Cockpit "Delete"): the complaint stays open without its case.
    runtime.deleteProcessInstance(instance, "planted inconsistency");
    try {
      ConsistencyChecker.Report report = checker.check();
      assertThat(report.consistent()).isFalse();
      assertThat(report.findings()).anySatisfy(finding -> {
        assertThat(finding.kind()).isEqualTo("openCaseWithoutRunningInstance");
        assertThat(finding.table()).isEqualTo("complaint");
        assertThat(finding.processInstanceId()).isEqualTo(instance);
      });
    } finally {
      jdbc.update("update complaint set status = 'closed', closed_at = current_timestamp where process_instance_id = ?",
          instance);
    }
    assertThat(checker.check().findings()).noneSatisfy(f -> assertThat(f.processInstanceId()).isEqualTo(instance));
  }
}
