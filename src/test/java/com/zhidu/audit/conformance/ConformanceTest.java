package com.zhidu.audit.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zhidu.AsUser;
import com.zhidu.ZhiduTest;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/** Conformance per clause on four-eyes fixture cases: chenjing starts and drafts, zhangwei reviews. */
@ZhiduTest
class ConformanceTest {

  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired IdentityService identity;
  @Autowired TestRestTemplate rest;
  @Autowired JdbcTemplate jdbc;
  @Autowired ManagementService management;

  @Test
  void lateTasksAndBrokenFourEyesMakeTheirCaseViolateTheClause() throws Exception {
    String onTime = reviewedCase(Instant.now().plus(2, ChronoUnit.DAYS));
    String late = reviewedCase(Instant.now().minus(1, ChronoUnit.HOURS));
    String forged = reviewedCase(Instant.now().plus(2, ChronoUnit.DAYS));
    // A completion record naming the author as reviewer, as if the guard had been bypassed (data from before it,
    // a direct database change): the checker must find it from the trusted record.
    String review = jdbc.queryForObject("select task_id from task_action where process_instance_id = ? and"
        + " task_definition_key = 'review' and action = 'complete'", String.class, forged);
    jdbc.update("insert into task_action (task_id, task_definition_key, process_instance_id, process_definition_key,"
        + " action, user_id, assignee, occurred_at) values (?, 'review', ?, 'four-eyes-fixture', 'complete',"
        + " 'chenjing', 'chenjing', ?)", review, forged, new Timestamp(System.currentTimeMillis()));

    ResponseEntity<String> response = rest.withBasicAuth("shenjian", "shenjian")
        .getForEntity("/zhidu/api/audit/conformance", String.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode result = new ObjectMapper().readTree(response.getBody());
    JsonNode dueDates = clause(result, "§1.3.2");
    assertThat(dueDates.get("violating").toString()).contains(late).doesNotContain(onTime);
    assertThat(dueDates.get("conforming").toString()).contains(onTime).doesNotContain(late);
    JsonNode fourEyes = clause(result, "§1.3.3");
    assertThat(fourEyes.get("violating").toString()).contains(forged).doesNotContain(onTime).doesNotContain(late);
    assertThat(fourEyes.get("conforming").toString()).contains(onTime, late);
    assertThat(fourEyes.get("findings").toString()).contains("chenjing", "input:author");

    assertThat(rest.withBasicAuth("shenjian", "shenjian")
        .getForEntity("/zhidu/api/audit/conformance?from=2000-01-01&to=2000-01-31", String.class).getBody())
        .doesNotContain(late, forged);
    assertThat(rest.withBasicAuth("sunli", "sunli").getForEntity("/zhidu/api/audit/conformance", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  void aReportFedBackWithoutLeadershipApprovalViolatesItsClause() throws Exception {
    String approved = reportFedBack();
    String forged = reportFedBack();
    // As if the approval had been given by someone outside leadership (or recorded wrongly).
    jdbc.update("update review_decision set decided_by = 'zhangwei' where stage = 'leadershipApproval' and subject_id ="
        + " (select cast(id as varchar(64)) from report where process_instance_id = ?)", forged);

    JsonNode result = new ObjectMapper().readTree(rest.withBasicAuth("shenjian", "shenjian")
        .getForEntity("/zhidu/api/audit/conformance", String.class).getBody());
    JsonNode research = clause(result, "§3.1.5");
    assertThat(research.get("conforming").toString()).contains(approved).doesNotContain(forged);
    assertThat(research.get("violating").toString()).contains(forged).doesNotContain(approved);
    assertThat(clause(result, "§3.4.4").toString()).doesNotContain(approved, forged);
    // Only reports first fed back within the period are checked.
    JsonNode before = new ObjectMapper().readTree(rest.withBasicAuth("shenjian", "shenjian")
        .getForEntity("/zhidu/api/audit/conformance?from=2000-01-01&to=2000-01-31", String.class).getBody());
    assertThat(clause(before, "§3.1.5").toString()).doesNotContain(approved, forged);
  }

  /** chenjing submits a research report; zhangwei reviews, linzong approves; the recipients get it. */
  private String reportFedBack() {
    Map<String, Object> form = new HashMap<>();
    form.put("title", "合規測試報告");
    form.put("kind", "marketResearch");
    form.put("period", "2026年第4季");
    form.put("summary", "摘要");
    form.put("body", "正文");
    form.put("recipients", "zhaolei");
    String[] pi = new String[1];
    as("chenjing", () -> pi[0] = runtime.startProcessInstanceByKey("report-submission", form).getId());
    executeJobs(pi[0]);
    for (String[] step : List.of(new String[] {"zhangwei", "managerReview"}, new String[] {"linzong", "leadershipApproval"})) {
      String approval = runtime.createProcessInstanceQuery().superProcessInstanceId(pi[0]).singleResult().getId();
      String task = tasks.createTaskQuery().processInstanceId(approval).taskDefinitionKey(step[1]).singleResult().getId();
      Map<String, Object> decision = new HashMap<>();
      decision.put("decision", "approved");
      decision.put("comment", null);
      as(step[0], () -> {
        tasks.claim(task, step[0]);
        tasks.complete(task, decision);
      });
    }
    executeJobs(pi[0]);
    assertThat(tasks.createTaskQuery().processInstanceId(pi[0]).taskDefinitionKey("acknowledgeReport").count()).isOne();
    return pi[0];
  }

  private void executeJobs(String processInstanceId) {
    List<Job> jobs;
    while (!(jobs = management.createJobQuery().processInstanceId(processInstanceId).executable().list()).isEmpty()) {
      jobs.forEach(job -> management.executeJob(job.getId()));
    }
  }

  private static JsonNode clause(JsonNode result, String clause) {
    for (JsonNode node : result.get("clauses")) {
      if (clause.equals(node.get("clause").asText())) {
        return node;
      }
    }
    throw new AssertionError("no result for " + clause + ": " + result);
  }

  /** chenjing starts and drafts; the review gets the given due date and zhangwei completes it. */
  private String reviewedCase(Instant reviewDue) {
    String[] pi = new String[1];
    as("chenjing", () -> pi[0] = runtime.startProcessInstanceByKey("four-eyes-fixture",
        Map.of("title", "合規測試", "author", "chenjing")).getId());
    String draft = tasks.createTaskQuery().processInstanceId(pi[0]).taskDefinitionKey("draft").singleResult().getId();
    as("chenjing", () -> tasks.claim(draft, "chenjing"));
    as("chenjing", () -> tasks.complete(draft));
    String review = tasks.createTaskQuery().processInstanceId(pi[0]).taskDefinitionKey("review").singleResult().getId();
    tasks.setDueDate(review, Date.from(reviewDue));
    as("zhangwei", () -> tasks.claim(review, "zhangwei"));
    as("zhangwei", () -> tasks.complete(review));
    return pi[0];
  }

  private void as(String user, Runnable action) {
    new AsUser(identity).run(user, action);
  }
}
