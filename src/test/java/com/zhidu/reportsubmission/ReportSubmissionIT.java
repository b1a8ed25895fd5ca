package com.zhidu.reportsubmission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.zhidu.DemoRest;
import com.zhidu.Jobs;
import com.zhidu.ZhiduIT;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A whole report (§3.1.5) through the REST API as the real demo users on PostgreSQL: chenjing submits,
 * zhangwei reviews, linzong approves, the recipients acknowledge; a salesperson cannot touch the
 * leadership task. The job executor is off: the test runs the async continuations itself.
 */
@ZhiduIT
class ReportSubmissionIT {

  @Autowired TestRestTemplate rest;
  @Autowired ManagementService management;
  @Autowired RuntimeService runtime;
  @Autowired JdbcTemplate jdbc;

  @Test
  void aReportFromSubmissionToAcknowledgementOverRest() {
    // The start form resolves by its id (camunda:formRef, binding deployment).
    DemoRest.Reply startForm = demo().get("chenjing",
        "/engine-rest/process-definition/key/report-submission/deployed-start-form");
    assertThat(startForm.status()).isEqualTo(200);
    assertThat(startForm.text()).contains("\"report-submission-start\"", "收件人");

    Map<String, Object> form = new LinkedHashMap<>();
    form.put("title", "2026年第4季市場調研報告(IT)");
    form.put("kind", "marketResearch");
    form.put("period", "2026年第4季");
    form.put("summary", "華東市場需求上升。");
    form.put("body", "一、引言……四、結論與建議……");
    form.put("recipients", "zhaolei,zhengxin");
    DemoRest.Reply started = demo().post("chenjing",
        "/engine-rest/process-definition/key/report-submission/submit-form", Map.of("variables", DemoRest.variables(form)));
    assertThat(started.status()).isEqualTo(200);
    String submission = started.body().get("id").asText();
    executeJobs(submission);

    Map<String, Object> report = jdbc.queryForMap("select * from report where process_instance_id = ?", submission);
    long reportId = ((Number) report.get("id")).longValue();
    assertThat(report).containsEntry("author", "chenjing").containsEntry("area", "marketResearch")
        .containsEntry("status", "inReview");

    // The manager claims and decides.
    String managerReview = demo().taskOf("zhangwei", approvalOf(submission), "managerReview");
    assertThat(demo().get("zhangwei", "/engine-rest/task/" + managerReview + "/deployed-form").text())
        .contains("\"report-approval-manager-review\"");
    assertThat(demo().post("zhangwei", "/engine-rest/task/" + managerReview + "/claim", Map.of("userId", "zhangwei"))
        .status()).isEqualTo(204);
    assertThat(demo().post("zhangwei", "/engine-rest/task/" + managerReview + "/submit-form",
        Map.of("variables", DemoRest.variables(Map.of("decision", "approved", "comment", "內容完整")))).status())
        .isEqualTo(204);

    // A salesperson cannot see, claim or complete the leadership task.
    String leadershipApproval = demo().taskOf("linzong", approvalOf(submission), "leadershipApproval");
    assertThat(demo().get("sunli", "/engine-rest/task/" + leadershipApproval).status()).isIn(403, 404);
    assertThat(demo().listTasks("sunli", "processInstanceId=" + approvalOf(submission))).isEmpty();
    assertThat(demo().post("sunli", "/engine-rest/task/" + leadershipApproval + "/claim", Map.of("userId", "sunli"))
        .status()).isIn(403, 404);
    assertThat(demo().post("sunli", "/engine-rest/task/" + leadershipApproval + "/submit-form",
        Map.of("variables", DemoRest.variables(Map.of("decision", "approved")))).status()).isIn(403, 404);

    // Leadership approves.
    assertThat(demo().post("linzong", "/engine-rest/task/" + leadershipApproval + "/claim", Map.of("userId", "linzong"))
        .status()).isEqualTo(204);
    assertThat(demo().post("linzong", "/engine-rest/task/" + leadershipApproval + "/submit-form",
        Map.of("variables", DemoRest.variables(Map.of("decision", "approved", "comment", "同意")))).status())
        .isEqualTo(204);
    executeJobs(submission);

    // The recipients acknowledge.
    String zhaolei = assignedTask("zhaolei", submission);
    assertThat(demo().get("zhaolei", "/engine-rest/task/" + zhaolei + "/deployed-form").text())
        .contains("\"report-submission-acknowledge\"");
    assertThat(demo().post("zhaolei", "/engine-rest/task/" + zhaolei + "/submit-form",
        Map.of("variables", DemoRest.variables(Map.of("feedback", "很有參考價值")))).status()).isEqualTo(204);
    String zhengxin = assignedTask("zhengxin", submission);
    assertThat(demo().post("zhengxin", "/engine-rest/task/" + zhengxin + "/submit-form", Map.of("variables", Map.of()))
        .status()).isEqualTo(204);

    assertThat(runtime.createProcessInstanceQuery().processInstanceId(submission).count()).isZero();
    assertThat(jdbc.queryForMap("select status, approved_version from report where id = ?", reportId))
        .containsEntry("status", "approved").containsEntry("approved_version", 1);
    assertThat(jdbc.queryForList("select version, created_by from report_version where report_id = ?", reportId))
        .containsExactly(Map.of("version", 1, "created_by", "chenjing"));
    assertThat(jdbc.queryForList("select stage, decision, decided_by from review_decision"
            + " where subject_type = 'report' and subject_id = ? order by id", String.valueOf(reportId)))
        .containsExactly(
            Map.of("stage", "managerReview", "decision", "approved", "decided_by", "zhangwei"),
            Map.of("stage", "leadershipApproval", "decision", "approved", "decided_by", "linzong"));
    List<Map<String, Object>> recipients = jdbc.queryForList("select recipient, acknowledged_by, feedback,"
        + " acknowledged_at from report_recipient where report_id = ? order by id", reportId);
    assertThat(recipients).extracting(r -> r.get("recipient"), r -> r.get("acknowledged_by"), r -> r.get("feedback"))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("zhaolei", "zhaolei", "很有參考價值"),
            org.assertj.core.groups.Tuple.tuple("zhengxin", "zhengxin", null));
    assertThat(recipients).allSatisfy(r -> assertThat(r.get("acknowledged_at")).isNotNull());
  }

  // --- helpers

  private String approvalOf(String submission) {
    return runtime.createProcessInstanceQuery().superProcessInstanceId(submission).singleResult().getId();
  }

  private String assignedTask(String user, String submission) {
    JsonNode found = demo().listTasks(user, "processInstanceId=" + submission + "&assignee=" + user);
    assertThat(found).as("%s's 閱知", user).hasSize(1);
    return found.get(0).get("id").asText();
  }

  private DemoRest demo() {
    return new DemoRest(rest);
  }

  private void executeJobs(String processInstanceId) {
    Jobs.executeAll(management, processInstanceId);
  }
}
