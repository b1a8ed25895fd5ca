package com.zhidu.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zhidu.AsUser;
import com.zhidu.ProcessTestExtension;
import com.zhidu.ZhiduTest;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * §1.3.2 on a history built with a moved engine clock, in January 2031 so no other test's cases count:
 * case A: draft 1h, review 2h (due after 1h: overdue), approve 30min (due later: on time) = 3h30;
 * case B: draft 3h, review 1h (due after 2h: on time), approve 1h = 5h.
 */
@ZhiduTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CycleTimeControllerTest {

  @RegisterExtension
  static final ProcessTestExtension processTest = ProcessTestExtension.withoutCoverageGate();

  static final String QUERY = "/zhidu/api/cycle-times?from=2031-01-01&to=2031-01-31&processDefinitionKey=four-eyes-fixture";
  static final long HOUR = 3_600_000L;

  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired IdentityService identity;
  @Autowired TestRestTemplate rest;

  Date now;

  boolean historyBuilt;

  // Once per class, but inside a test method: the process-test-coverage collector only records during a test run.
  @BeforeEach
  void buildHistory() {
    if (historyBuilt) {
      return;
    }
    historyBuilt = true;
    try {
      runCase(ZonedDateTime.parse("2031-01-06T09:00:00+08:00"), 1, 2, 1, 0.5, 9);
      runCase(ZonedDateTime.parse("2031-01-07T09:00:00+08:00"), 3, 1, 2, 1, null);
      // Finished in February: outside the period.
      runCase(ZonedDateTime.parse("2031-02-03T09:00:00+08:00"), 10, 10, null, 10, null);
    } finally {
      ClockUtil.reset();
    }
  }

  @Test
  void figuresPerProcedureAndTask() throws Exception {
    ResponseEntity<String> response = rest.withBasicAuth("zhangwei", "zhangwei").getForEntity(QUERY, String.class);
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
    JsonNode procedures = new ObjectMapper().readTree(response.getBody()).get("procedures");
    assertThat(procedures).hasSize(1);
    JsonNode procedure = procedures.get(0);
    assertThat(procedure.get("processDefinitionKey").asText()).isEqualTo("four-eyes-fixture");
    assertThat(procedure.get("name").asText()).isEqualTo("四眼原則測試流程");
    JsonNode cases = procedure.get("figures");
    assertThat(cases.get("count").asInt()).isEqualTo(2);
    assertThat(cases.get("medianMs").asLong()).isEqualTo(3 * HOUR + HOUR / 2);
    assertThat(cases.get("median").asText()).isEqualTo("3小時30分");
    assertThat(cases.get("p90Ms").asLong()).isEqualTo(5 * HOUR);
    assertThat(procedure.get("tasksOverall").get("overdueShare").asDouble()).isEqualTo(1.0 / 3);

    JsonNode review = task(procedure, "review");
    assertThat(review.get("name").asText()).isEqualTo("審核");
    assertThat(review.get("figures").get("count").asInt()).isEqualTo(2);
    assertThat(review.get("figures").get("medianMs").asLong()).isEqualTo(HOUR);
    assertThat(review.get("figures").get("p90Ms").asLong()).isEqualTo(2 * HOUR);
    assertThat(review.get("figures").get("overdueShare").asDouble()).isEqualTo(0.5);
    JsonNode draft = task(procedure, "draft").get("figures");
    assertThat(draft.get("medianMs").asLong()).isEqualTo(HOUR);
    assertThat(draft.get("p90Ms").asLong()).isEqualTo(3 * HOUR);
    assertThat(draft.get("overdueShare").isNull()).isTrue();
  }

  @Test
  void onlySteeringRolesMayRead() {
    assertThat(rest.withBasicAuth("shenjian", "shenjian").getForEntity(QUERY, String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(rest.withBasicAuth("huangmin", "huangmin").getForEntity(QUERY, String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    ResponseEntity<String> sales = rest.withBasicAuth("sunli", "sunli").getForEntity(QUERY, String.class);
    assertThat(sales.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(sales.getBody()).doesNotContain("four-eyes-fixture");
    assertThat(rest.getForEntity(QUERY, String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void badPeriodsAreRefused() {
    var manager = rest.withBasicAuth("zhangwei", "zhangwei");
    assertThat(manager.getForEntity("/zhidu/api/cycle-times?from=2031-02-01&to=2031-01-01", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    ResponseEntity<String> noDate = manager.getForEntity("/zhidu/api/cycle-times?from=01.01.2031&to=2031-01-31",
        String.class);
    assertThat(noDate.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(noDate.getBody()).contains("YYYY-MM-DD");
  }

  private static JsonNode task(JsonNode procedure, String key) {
    for (JsonNode task : procedure.get("tasks")) {
      if (task.get("taskDefinitionKey").asText().equals(key)) {
        return task;
      }
    }
    throw new AssertionError("no task " + key + " in " + procedure);
  }

  /** Runs one case through the fixture; hours per task, and for review/approve a due date after so many hours. */
  private void runCase(ZonedDateTime start, double draftHours, double reviewHours, Integer reviewDueHours,
      double approveHours, Integer approveDueHours) {
    now = Date.from(start.toInstant());
    ClockUtil.setCurrentTime(now);
    String pi = as("chenjing", () -> runtime.startProcessInstanceByKey("four-eyes-fixture",
        Map.of("title", "週期", "author", "liuyang")).getId());
    work(pi, "draft", "chenjing", draftHours, null);
    work(pi, "review", "zhangwei", reviewHours, reviewDueHours);
    work(pi, "approve", "linzong", approveHours, approveDueHours);
  }

  private void work(String pi, String key, String user, double hours, Integer dueAfterHours) {
    String id = tasks.createTaskQuery().processInstanceId(pi).taskDefinitionKey(key).singleResult().getId();
    Date created = now;
    // Replace the configured due date (DueDateAssigner) by the one this case needs, or none.
    var task = tasks.createTaskQuery().taskId(id).singleResult();
    task.setDueDate(dueAfterHours == null ? null : new Date(created.getTime() + dueAfterHours * HOUR));
    tasks.saveTask(task);
    as(user, () -> tasks.claim(id, user));
    now = new Date(created.getTime() + Duration.ofMinutes(Math.round(hours * 60)).toMillis());
    ClockUtil.setCurrentTime(now);
    as(user, () -> {
      tasks.complete(id);
      return null;
    });
  }

  private <T> T as(String user, java.util.function.Supplier<T> action) {
    return new AsUser(identity).call(user, action);
  }

  private void as(String user, Runnable action) {
    as(user, () -> {
      action.run();
      return null;
    });
  }
}
