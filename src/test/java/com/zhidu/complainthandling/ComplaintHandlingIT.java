package com.zhidu.complainthandling;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zhidu.DemoRest;
import com.zhidu.Jobs;
import com.zhidu.ZhiduIT;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A complaint (§3.3.4) through the HTTP APIs as the real demo users on PostgreSQL: xiaoyu records it over
 * {@code POST /zhidu/api/complaints}, production handles it in the engine's REST API, a salesperson cannot
 * see it, the CRM group feeds back, root cause and corrective action close it; the statistics count it.
 */
@ZhiduIT
class ComplaintHandlingIT {

  static final ObjectMapper JSON = new ObjectMapper();

  @Autowired TestRestTemplate rest;
  @Autowired ManagementService management;
  @Autowired RuntimeService runtime;
  @Autowired JdbcTemplate jdbc;

  @Test
  void aComplaintFromIntakeToClosureAndIntoTheStatistics() throws Exception {
    String today = LocalDate.now(ZoneId.of("Asia/Taipei")).toString();
    String statistics = "/zhidu/api/complaints/statistics?from=" + today + "&to=" + today;
    JsonNode before = demo().get("zhengxin", statistics).body().get("overall");

    String script = "<script>alert(1)</script> 機器異響";
    Map<String, Object> intake = new HashMap<>(Map.of("customerName", "台中機電有限公司", "contactName", "張先生",
        "contactEmail", "zhang@example.tw", "category", "productQuality", "severity", "high", "description", script,
        "contractNumber", "HT-2026-118"));
    ResponseEntity<String> created = rest.withBasicAuth("xiaoyu", "xiaoyu").exchange("/zhidu/api/complaints",
        HttpMethod.POST, new HttpEntity<>(intake), String.class);
    assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
    JsonNode registered = JSON.readTree(created.getBody());
    long complaintId = registered.get("complaintId").asLong();
    String instance = registered.get("processInstanceId").asText();
    assertThat(jdbc.queryForMap("select description, responsible_group, received_by, status from complaint where id = ?",
        complaintId)).containsEntry("description", script).containsEntry("responsible_group", "production")
        .containsEntry("received_by", "xiaoyu").containsEntry("status", "open");
    assertThat(jdbc.queryForObject("select c.name from customer c join complaint p on p.customer_id = c.id"
        + " where p.id = ?", String.class, complaintId)).isEqualTo("台中機電有限公司");

    // Bad input over HTTP on PostgreSQL too: refused, nothing written.
    Map<String, Object> noContact = new HashMap<>(intake);
    noContact.remove("contactEmail");
    assertThat(rest.withBasicAuth("xiaoyu", "xiaoyu").exchange("/zhidu/api/complaints", HttpMethod.POST,
        new HttpEntity<>(noContact), String.class).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(rest.withBasicAuth("sunli", "sunli").exchange("/zhidu/api/complaints", HttpMethod.POST,
        new HttpEntity<>(intake), String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(jdbc.queryForObject("select count(*) from complaint", Integer.class))
        .isEqualTo(before.get("received").asInt() + 1);

    // Production sees and handles it; sales does not see it.
    assertThat(demo().listTasks("sunli", "processInstanceId=" + instance)).isEmpty();
    String handling = demo().taskOf("gaofeng", instance, "handleComplaint");
    complete("gaofeng", handling, Map.of("handlingResult", "更換軸承"));

    String feedback = demo().taskOf("xiaoyu", instance, "customerFeedback");
    complete("xiaoyu", feedback, Map.of("satisfaction", "satisfied", "feedbackNote", "客戶確認已解決"));
    complete("gaofeng", demo().taskOf("gaofeng", instance, "rootCauseAnalysis"), Map.of("rootCause", "潤滑不足",
        "correctiveAction", "補充潤滑", "preventiveAction", "出廠檢驗加測噪音"));
    complete("gaofeng", demo().taskOf("gaofeng", instance, "implementCorrectiveAction"), Map.of("actionResult", "已完成"));
    executeJobs(instance);

    assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance).count()).isZero();
    assertThat(jdbc.queryForObject("select status from complaint where id = ?", String.class, complaintId))
        .isEqualTo("closed");
    assertThat(jdbc.queryForMap("select status, done_by from corrective_action where complaint_id = ?", complaintId))
        .containsEntry("status", "done").containsEntry("done_by", "gaofeng");
    assertThat(jdbc.queryForMap("select satisfied, recorded_by from complaint_feedback where complaint_id = ?",
        complaintId)).containsEntry("satisfied", true).containsEntry("recorded_by", "xiaoyu");

    JsonNode after = demo().get("zhangwei", statistics).body().get("overall");
    assertThat(after.get("received").asInt()).isEqualTo(before.get("received").asInt() + 1);
    assertThat(after.get("finished").asInt()).isEqualTo(before.get("finished").asInt() + 1);
    assertThat(after.get("slaMet").asInt()).isEqualTo(before.get("slaMet").asInt() + 1);
    ResponseEntity<byte[]> csv = rest.withBasicAuth("zhengxin", "zhengxin").getForEntity(statistics + "&format=csv",
        byte[].class);
    assertThat(new String(csv.getBody(), StandardCharsets.UTF_8)).startsWith("\uFEFF")
        .contains("\"" + complaintId + "\"", "\"HT-2026-118\"");
    assertThat(demo().get("sunli", statistics).status()).isEqualTo(403);
  }

  // --- helpers

  private void complete(String user, String taskId, Map<String, ?> values) {
    assertThat(demo().post(user, "/engine-rest/task/" + taskId + "/claim", Map.of("userId", user)).status())
        .isEqualTo(204);
    DemoRest.Reply submitted = demo().post(user, "/engine-rest/task/" + taskId + "/submit-form",
        Map.of("variables", DemoRest.variables(values)));
    assertThat(submitted.status()).as(submitted.text()).isEqualTo(204);
  }

  private DemoRest demo() {
    return new DemoRest(rest);
  }

  private void executeJobs(String processInstanceId) {
    Jobs.executeAll(management, processInstanceId);
  }

  @Test
  void requestsRacingWithOneIdempotencyKeyRegisterOneComplaint() throws Exception {
    String key = "race-" + System.nanoTime();
    String description = "同鍵併發測試 " + key;
    Map<String, Object> intake = new HashMap<>(Map.of("customerName", "台南五金行", "contactName", "李先生",
        "contactPhone", "06-222-3333", "category", "service", "severity", "low", "description", description));
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.set("Idempotency-Key", key);
    ExecutorService callers = Executors.newFixedThreadPool(4);
    try {
      List<Future<ResponseEntity<String>>> answers = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        answers.add(callers.submit(() -> rest.withBasicAuth("xiaoyu", "xiaoyu").exchange("/zhidu/api/complaints",
            HttpMethod.POST, new HttpEntity<>(intake, headers), String.class)));
      }
      Set<Long> complaintIds = new HashSet<>();
      int created = 0;
      for (Future<ResponseEntity<String>> answer : answers) {
        ResponseEntity<String> response = answer.get(60, TimeUnit.SECONDS);
        assertThat(response.getStatusCode().value()).as(response.getBody()).isIn(200, 201);
        created += response.getStatusCode().value() == 201 ? 1 : 0;
        complaintIds.add(JSON.readTree(response.getBody()).get("complaintId").asLong());
      }
      assertThat(created).isEqualTo(1);
      assertThat(complaintIds).hasSize(1);
      assertThat(jdbc.queryForObject("select count(*) from complaint where description = ?", Long.class,
          description)).isEqualTo(1);
      assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("complaint-handling")
          .variableValueEquals("description", description).count()).isEqualTo(1);
    } finally {
      callers.shutdownNow();
    }
  }
}
