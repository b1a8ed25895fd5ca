package com.zhidu.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.zhidu.DemoRest;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * 客戶投訴處理 (§3.3.4) cases driven through REST as the employees do them: 肖雨 (crm) takes the complaint, 高峰
 * (production) handles it, 肖雨 records the customer's satisfaction, 高峰 analyses the root cause and implements
 * the corrective action; closing is an async job. Each step goes to the other node than the one before, so
 * every task is created on one node and completed on the other. Calls that fail for want of a node or a
 * database (status 0 or 5xx) are repeated as a user would press again; a 400 on a valid submission fails.
 */
final class ComplaintCases {

  record Step(String user, String key, Map<String, Object> values, Map<String, Object> invalid) {}

  static final List<Step> STEPS = List.of(
      new Step("gaofeng", "handleComplaint", Map.of("handlingResult", "更換軸承"), Map.of()),
      new Step("xiaoyu", "customerFeedback", Map.of("satisfaction", "satisfied", "feedbackNote", "客戶確認已解決"),
          Map.of("satisfaction", "happy", "feedbackNote", "客戶確認已解決")),
      new Step("gaofeng", "rootCauseAnalysis",
          Map.of("rootCause", "潤滑不足", "correctiveAction", "補充潤滑", "preventiveAction", "出廠檢驗加測噪音"),
          Map.of("rootCause", "潤滑不足")),
      new Step("gaofeng", "implementCorrectiveAction", Map.of("actionResult", "已完成"), null));

  /** What the load saw: refusals with their bodies, repeated calls. */
  final Queue<DemoRest.Reply> refusals = new ConcurrentLinkedQueue<>();
  final AtomicInteger repeatedCalls = new AtomicInteger();
  final Queue<String> instances = new ConcurrentLinkedQueue<>();
  private final List<DemoRest> nodes;
  private final long patienceMillis;

  ComplaintCases(List<DemoRest> nodes, long patienceMillis) {
    this.nodes = nodes;
    this.patienceMillis = patienceMillis;
  }

  static Map<String, Object> intake(int n) {
    Map<String, Object> intake = new LinkedHashMap<>();
    intake.put("customerName", "叢集測試客戶" + (n % 7));
    intake.put("contactName", "王先生");
    intake.put("contactEmail", "wang" + n + "@example.tw");
    intake.put("category", "productQuality");
    intake.put("severity", "high");
    intake.put("description", "機器異響 #" + n);
    return intake;
  }

  DemoRest node(int i) {
    return nodes.get(Math.floorMod(i, nodes.size()));
  }

  /** An invalid intake (no description): must be refused with 400 naming the field, and write nothing. */
  void invalidIntake(int n) {
    Map<String, Object> intake = intake(n);
    intake.remove("description");
    DemoRest.Reply reply = node(n).post("xiaoyu", "/zhidu/api/complaints", intake);
    assertRefused(reply, "description");
    refusals.add(reply);
  }

  /** Registers the complaint; returns the process instance id. */
  String start(int n) {
    long deadline = System.currentTimeMillis() + patienceMillis;
    for (int attempt = 0; ; attempt++) {
      DemoRest.Reply reply = node(n + attempt).post("xiaoyu", "/zhidu/api/complaints", intake(n));
      if (reply.status() == 201) {
        String instance = reply.body().get("processInstanceId").asText();
        instances.add(instance);
        return instance;
      }
      assertThat(reply.status()).as("intake #%d: %s", n, reply.text()).isNotEqualTo(400);
      retryOrFail(deadline, "intake #" + n, reply);
    }
  }

  /** Runs the steps from {@code first} on; with {@code invalidAt} >= 0, that step first gets an invalid submission. */
  void work(String instance, int n, int first, int last, int invalidAt) {
    for (int i = first; i <= last; i++) {
      Step step = STEPS.get(i);
      DemoRest on = node(n + i + 1);
      if (i == invalidAt && step.invalid() != null) {
        String task = awaitTask(on, instance, step);
        claim(on, step.user(), task);
        DemoRest.Reply refused = on.post(step.user(), "/engine-rest/task/" + task + "/submit-form",
            Map.of("variables", DemoRest.variables(step.invalid())));
        assertRefused(refused, null);
        refusals.add(refused);
      }
      complete(on, instance, step);
    }
  }

  void runCase(int n, boolean withInvalidStep) {
    String instance = start(n);
    work(instance, n, 0, STEPS.size() - 1, withInvalidStep ? n % (STEPS.size() - 1) : -1);
  }

  String awaitTask(DemoRest on, String instance, Step step) {
    long deadline = System.currentTimeMillis() + patienceMillis;
    while (true) {
      DemoRest.Reply reply = on.get(step.user(), "/engine-rest/task?processInstanceId=" + instance
          + "&taskDefinitionKey=" + step.key());
      if (reply.ok() && reply.body().size() == 1) {
        return reply.body().get(0).get("id").asText();
      }
      assertThat(reply.ok() ? reply.body().size() : 0).as("%s tasks of %s", step.key(), instance).isLessThan(2);
      retryOrFail(deadline, step.key() + " of " + instance + " not there", reply);
    }
  }

  /** Claims and submits the step's task; a repeated call after an unanswered one finds the task gone: done. */
  void complete(DemoRest on, String instance, Step step) {
    long deadline = System.currentTimeMillis() + patienceMillis;
    boolean attempted = false;
    while (true) {
      DemoRest.Reply found = on.get(step.user(), "/engine-rest/task?processInstanceId=" + instance
          + "&taskDefinitionKey=" + step.key());
      if (found.ok() && found.body().isEmpty() && attempted) {
        return;
      }
      if (found.ok() && found.body().size() == 1) {
        String task = found.body().get(0).get("id").asText();
        DemoRest.Reply claimed = claim(on, step.user(), task);
        if (claimed.ok()) {
          attempted = true;
          DemoRest.Reply submitted = on.post(step.user(), "/engine-rest/task/" + task + "/submit-form",
              Map.of("variables", DemoRest.variables(step.values())));
          if (submitted.status() == 204) {
            return;
          }
          assertThat(submitted.status()).as("%s of %s: %s", step.key(), instance, submitted.text()).isNotEqualTo(400);
          found = submitted;
        } else {
          found = claimed;
        }
      }
      retryOrFail(deadline, step.key() + " of " + instance, found);
    }
  }

  private DemoRest.Reply claim(DemoRest on, String user, String task) {
    DemoRest.Reply claimed = on.post(user, "/engine-rest/task/" + task + "/claim", Map.of("userId", user));
    assertThat(claimed.status()).as("claim %s: %s", task, claimed.text()).isNotIn(400, 403);
    return claimed;
  }

  private void retryOrFail(long deadline, String what, DemoRest.Reply last) {
    if (System.currentTimeMillis() > deadline) {
      throw new AssertionError(what + ": gave up after " + patienceMillis + " ms; last " + last.status() + " "
          + last.text());
    }
    repeatedCalls.incrementAndGet();
    NodeProcess.sleep(300);
  }

  static void assertRefused(DemoRest.Reply reply, String field) {
    assertThat(reply.status()).as(reply.text()).isEqualTo(400);
    JsonNode body = reply.body();
    assertThat(body.get("type").asText()).isEqualTo("Refusal");
    // A clear message in Traditional Chinese, naming the field.
    assertThat(body.get("message").asText()).containsPattern("\\p{IsHan}");
    assertThat(body.get("errors")).isNotEmpty();
    if (field != null) {
      assertThat(body.get("errors").findValuesAsText("field")).contains(field);
    } else {
      assertThat(body.get("errors").get(0).get("field").asText()).isNotBlank();
    }
  }

  /**
   * Jobs that completed successfully more than once: a job must run exactly once. Camunda's history cleanup is the
   * exception by design: one job that reschedules itself and runs again and again inside its nightly window
   * (22:00–05:00, application.yaml), so a run at night would otherwise fail.
   */
  static List<String> jobsSucceededTwice(JdbcTemplate db) {
    return db.queryForList("select job_id_ from act_hi_job_log where job_state_ = 2"
        + " and (job_def_type_ is null or job_def_type_ <> 'history-cleanup') group by job_id_ having count(*) > 1",
        String.class);
  }
}
