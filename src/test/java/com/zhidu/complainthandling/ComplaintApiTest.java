package com.zhidu.complainthandling;

import com.zhidu.Jobs;
import com.zhidu.ProcessTestExtension;
import com.zhidu.customerfile.CustomerFileRepository;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zhidu.AsUser;
import com.zhidu.ZhiduTest;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
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
 * {@code POST /zhidu/api/complaints} (intake for other channels) and {@code GET /zhidu/api/complaints/statistics}
 * (§3.3.4): who may call them, the refusals, and the figures on a history built in March 2032 with a moved
 * engine clock, so no other test's complaints count.
 */
@ZhiduTest
class ComplaintApiTest {

  @RegisterExtension
  static final ProcessTestExtension processTest = ProcessTestExtension.withoutCoverageGate();

  static final long HOUR = 3_600_000L;
  static final ObjectMapper JSON = new ObjectMapper();

  @Autowired TestRestTemplate rest;
  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired IdentityService identity;
  @Autowired ComplaintRepository complaints;
  @Autowired CustomerFileRepository customers;
  @Autowired JdbcTemplate jdbc;

  @Test
  void theCrmGroupRecordsAComplaintAndGetsItsNumber() throws Exception {
    String script = "<script>alert(document.cookie)</script><img src=x onerror=alert(1)> 漏水";
    Map<String, Object> body = complaint();
    body.put("description", script);
    ResponseEntity<String> response = post("xiaoyu", body);
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.CREATED);
    JsonNode created = JSON.readTree(response.getBody());
    long id = created.get("complaintId").asLong();
    assertThat(created.get("responsibleGroup").asText()).isEqualTo("installation");
    assertThat(created.get("responseDue").asText()).isNotBlank();

    Complaint complaint = complaints.complaint(id);
    assertThat(complaint.receivedBy()).isEqualTo("xiaoyu");
    assertThat(complaint.description()).isEqualTo(script);
    String instance = created.get("processInstanceId").asText();
    assertThat(tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey("handleComplaint")
        .taskCandidateGroup("installation").count()).isEqualTo(1);

    // Read back over the engine's REST API: JSON carries the text unchanged, as data, never as HTML.
    ResponseEntity<String> variable = rest.withBasicAuth("demo", "demo").getForEntity("/engine-rest/engine/"
        + engine.getName() + "/process-instance/" + instance + "/variables/description", String.class);
    assertThat(variable.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(variable.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_JSON)).isTrue();
    assertThat(JSON.readTree(variable.getBody()).get("value").asText()).isEqualTo(script);
    runtime.deleteProcessInstance(instance, "test done");
  }

  @Test
  void aCustomerNumberMaySendAsANumber() throws Exception {
    long customer = customers.create("新竹光電股份有限公司", "李經理", "03-555-0000", null, "zhengxin");
    Map<String, Object> body = new HashMap<>(Map.of("customerId", customer, "category", "service", "severity", "low",
        "description", "業務員未回電"));
    ResponseEntity<String> response = post("zhengxin", body);
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.CREATED);
    Complaint complaint = complaints.complaint(JSON.readTree(response.getBody()).get("complaintId").asLong());
    assertThat(complaint.customerId()).isEqualTo(customer);
    assertThat(complaint.responsibleGroup()).isEqualTo("sales");
    runtime.deleteProcessInstance(complaint.processInstanceId(), "test done");
  }

  @Test
  void refusedWithoutLoginOrOutsideTheCrmGroup() {
    int before = count();
    ResponseEntity<String> anonymous = rest.exchange("/zhidu/api/complaints", HttpMethod.POST,
        new HttpEntity<>(complaint(), json()), String.class);
    assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(post("sunli", complaint()).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(post("gaofeng", complaint()).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    ResponseEntity<String> wrongPassword = rest.withBasicAuth("liangyu", "wrong").exchange("/zhidu/api/complaints",
        HttpMethod.POST, new HttpEntity<>(complaint(), json()), String.class);
    assertThat(wrongPassword.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(count()).isEqualTo(before);
  }

  @Test
  void badInputIsRefusedWithTheFieldAndNothingIsWritten() throws Exception {
    int before = count();
    int files = jdbc.queryForObject("select count(*) from customer", Integer.class);

    Map<String, Object> noContact = complaint();
    noContact.remove("contactPhone");
    assertRefused(post("xiaoyu", noContact), "contactPhone");

    Map<String, Object> unknownCustomer = new HashMap<>(Map.of("customerId", "987654321", "category", "billing",
        "severity", "low", "description", "發票金額錯誤"));
    assertRefused(post("xiaoyu", unknownCustomer), "customerId");

    Map<String, Object> oversized = complaint();
    oversized.put("description", "長".repeat(4001));
    assertRefused(post("xiaoyu", oversized), "description");

    Map<String, Object> noDescription = complaint();
    noDescription.remove("description");
    assertRefused(post("xiaoyu", noDescription), "description");

    Map<String, Object> unknownCategory = complaint();
    unknownCategory.put("category", "weather");
    assertRefused(post("xiaoyu", unknownCategory), "category");

    Map<String, Object> undeclared = complaint();
    undeclared.put("responsibleGroup", "legal");
    assertThat(post("xiaoyu", undeclared).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);

    assertThat(count()).isEqualTo(before);
    assertThat(jdbc.queryForObject("select count(*) from customer", Integer.class)).isEqualTo(files);
  }

  @Test
  void statisticsByCategoryDepartmentSlaReopensAndTimeToResolve() throws Exception {
    buildMarch2032();
    String query = "/zhidu/api/complaints/statistics?from=2032-03-01&to=2032-03-31";
    ResponseEntity<String> response = rest.withBasicAuth("zhengxin", "zhengxin").getForEntity(query, String.class);
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
    JsonNode stats = JSON.readTree(response.getBody());
    JsonNode overall = stats.get("overall");
    assertThat(overall.get("received").asInt()).isEqualTo(2);
    assertThat(overall.get("finished").asInt()).isEqualTo(1);
    assertThat(overall.get("open").asInt()).isEqualTo(1);
    assertThat(overall.get("slaMet").asInt()).isEqualTo(1);
    assertThat(overall.get("slaBreached").asInt()).isEqualTo(1);
    assertThat(overall.get("responseBreached").asInt()).isEqualTo(1);
    assertThat(overall.get("resolutionBreached").asInt()).isZero();
    assertThat(overall.get("reopenedComplaints").asInt()).isEqualTo(1);
    assertThat(overall.get("reopens").asInt()).isEqualTo(1);
    assertThat(overall.get("averageHoursToResolve").asDouble()).isEqualTo(10.0);
    assertThat(stats.get("byCategory")).extracting(g -> g.get("key").asText())
        .containsExactly("delivery", "productQuality");
    assertThat(stats.get("byDepartment")).extracting(g -> g.get("key").asText() + ":"
        + g.get("figures").get("slaBreached").asInt()).containsExactly("logistics:1", "production:0");

    // Managers read too; others may not.
    assertThat(rest.withBasicAuth("zhangwei", "zhangwei").getForEntity(query, String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(rest.withBasicAuth("linzong", "linzong").getForEntity(query, String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(rest.withBasicAuth("sunli", "sunli").getForEntity(query, String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(rest.withBasicAuth("gaofeng", "gaofeng").getForEntity(query, String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(rest.getForEntity(query, String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(rest.withBasicAuth("zhengxin", "zhengxin").getForEntity(
        "/zhidu/api/complaints/statistics?from=2032-04-01&to=2032-03-01", String.class).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(rest.withBasicAuth("zhengxin", "zhengxin").getForEntity(
        "/zhidu/api/complaints/statistics?from=1.3.2032&to=2032-03-31", String.class).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);

    // CSV: BOM, one complaint per row, a formula typed as a contact name stays text.
    ResponseEntity<byte[]> csv = rest.withBasicAuth("zhengxin", "zhengxin").getForEntity(query + "&format=csv",
        byte[].class);
    assertThat(csv.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
    byte[] bytes = csv.getBody();
    assertThat(new byte[] {bytes[0], bytes[1], bytes[2]}).containsExactly(0xEF, 0xBB, 0xBF);
    String text = new String(bytes, StandardCharsets.UTF_8).substring(1);
    List<String> lines = text.lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).startsWith("\"投訴編號\",\"受理時間\"");
    assertThat(text).contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"點我\"\")\"").doesNotContain(",\"=HYPERLINK");
    assertThat(text).contains("\"'@SUM(1+1)\"");
  }

  // --- history for the statistics

  private void buildMarch2032() {
    AsUser as = new AsUser(identity);
    // A: productQuality/high, reopened once, closed satisfied after 10 h, within its deadlines.
    ZonedDateTime start = ZonedDateTime.parse("2032-03-02T09:00:00+08:00");
    ClockUtil.setCurrentTime(Date.from(start.toInstant()));
    Map<String, Object> a = complaint();
    a.put("category", "productQuality");
    a.put("severity", "high");
    a.put("contactName", "=HYPERLINK(\"http://evil.example\",\"點我\")");
    ProcessInstance first = as.call("xiaoyu", () -> runtime.startProcessInstanceByKey("complaint-handling", a));
    work(as, "gaofeng", first, "handleComplaint", Map.of("handlingResult", "更換零件"));
    work(as, "xiaoyu", first, "customerFeedback", Map.of("satisfaction", "notSatisfied", "feedbackNote", "仍有異音"));
    work(as, "gaofeng", first, "handleComplaint", Map.of("handlingResult", "整機更換"));
    work(as, "xiaoyu", first, "customerFeedback", Map.of("satisfaction", "satisfied", "feedbackNote", "滿意"));
    work(as, "gaofeng", first, "rootCauseAnalysis", Map.of("rootCause", "軸承批次不良", "correctiveAction", "召回",
        "preventiveAction", "來料檢驗"));
    ClockUtil.setCurrentTime(Date.from(start.plusHours(10).toInstant()));
    work(as, "gaofeng", first, "implementCorrectiveAction", Map.of("actionResult", "完成"));
    executeJobs(first);

    // B: delivery/critical, nobody responds within 2 h: response breached, still open.
    ZonedDateTime later = ZonedDateTime.parse("2032-03-20T09:00:00+08:00");
    ClockUtil.setCurrentTime(Date.from(later.toInstant()));
    Map<String, Object> b = complaint();
    b.put("category", "delivery");
    b.put("severity", "critical");
    b.put("contractNumber", "@SUM(1+1)");
    ProcessInstance second = as.call("xiaoyu", () -> runtime.startProcessInstanceByKey("complaint-handling", b));
    ClockUtil.setCurrentTime(Date.from(later.plusHours(3).toInstant()));
    executeJobs(second);

    // Received in April: outside the period.
    ClockUtil.setCurrentTime(Date.from(ZonedDateTime.parse("2032-04-01T09:00:00+08:00").toInstant()));
    as.call("xiaoyu", () -> runtime.startProcessInstanceByKey("complaint-handling", complaint()));
  }

  private void work(AsUser as, String user, ProcessInstance instance, String key, Map<String, Object> variables) {
    Task task = tasks.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(key).singleResult();
    as.run(user, () -> {
      tasks.claim(task.getId(), user);
      tasks.complete(task.getId(), variables);
    });
  }

  private void executeJobs(ProcessInstance instance) {
    Jobs.executeAll(management, instance.getId());
  }

  // --- helpers

  static Map<String, Object> complaint() {
    Map<String, Object> body = new HashMap<>();
    body.put("customerName", "高雄冷凍設備行");
    body.put("contactName", "王小姐");
    body.put("contactPhone", "07-555-1234");
    body.put("category", "installation");
    body.put("severity", "medium");
    body.put("description", "安裝後冷凍庫漏水");
    return body;
  }

  @Test
  void aRepeatedIntakeWithTheSameIdempotencyKeyGetsTheFirstComplaint() throws Exception {
    Map<String, Object> body = complaint();
    body.put("description", "重送測試：冷凍庫漏水");
    String key = "intake-" + System.nanoTime();
    ResponseEntity<String> first = post("xiaoyu", body, key);
    assertThat(first.getStatusCode()).as(first.getBody()).isEqualTo(HttpStatus.CREATED);
    ResponseEntity<String> again = post("xiaoyu", body, key);
    assertThat(again.getStatusCode()).as(again.getBody()).isEqualTo(HttpStatus.OK);

    JsonNode created = JSON.readTree(first.getBody());
    JsonNode replayed = JSON.readTree(again.getBody());
    assertThat(replayed.get("complaintId").asLong()).isEqualTo(created.get("complaintId").asLong());
    assertThat(replayed.get("processInstanceId").asText()).isEqualTo(created.get("processInstanceId").asText());
    assertThat(jdbc.queryForObject("select count(*) from complaint where description = ?", Long.class,
        "重送測試：冷凍庫漏水")).isEqualTo(1);

    // The key is the caller's own: the same key from a colleague is a request of its own.
    ResponseEntity<String> colleague = post("zhengxin", body, key);
    assertThat(colleague.getStatusCode()).as(colleague.getBody()).isEqualTo(HttpStatus.CREATED);
    assertThat(JSON.readTree(colleague.getBody()).get("complaintId").asLong())
        .isNotEqualTo(created.get("complaintId").asLong());
  }

  @Test
  void anIdempotencyKeyReusedForADifferentComplaintOrMalformedIsRefused() throws Exception {
    String key = "intake-" + System.nanoTime();
    assertThat(post("xiaoyu", complaint(), key).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    Map<String, Object> other = complaint();
    other.put("description", "另一件投訴");
    ResponseEntity<String> reused = post("xiaoyu", other, key);
    assertThat(reused.getStatusCode()).as(reused.getBody()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(JSON.readTree(reused.getBody()).get("errors").get(0).get("field").asText()).isEqualTo("Idempotency-Key");
    assertThat(jdbc.queryForObject("select count(*) from complaint where description = ?", Long.class, "另一件投訴"))
        .isZero();

    ResponseEntity<String> malformed = post("xiaoyu", complaint(), "bad key with spaces");
    assertThat(malformed.getStatusCode()).as(malformed.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(JSON.readTree(malformed.getBody()).get("errors").get(0).get("field").asText())
        .isEqualTo("Idempotency-Key");
  }

  @Test
  void aRefusedIntakeLeavesItsKeyUnusedSoTheCorrectedOneGoesIn() throws Exception {
    String key = "intake-" + System.nanoTime();
    Map<String, Object> invalid = complaint();
    invalid.put("severity", "apocalyptic");
    assertRefused(post("xiaoyu", invalid, key), "severity");
    assertThat(jdbc.queryForObject("select count(*) from api_idempotency where idempotency_key = ?", Long.class, key))
        .isZero();
    ResponseEntity<String> corrected = post("xiaoyu", complaint(), key);
    assertThat(corrected.getStatusCode()).as(corrected.getBody()).isEqualTo(HttpStatus.CREATED);
  }

  @Test
  void anIdempotencyKeyDoesNotLetTheWrongRoleIn() {
    ResponseEntity<String> sales = post("sunli", complaint(), "intake-" + System.nanoTime());
    assertThat(sales.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
  }

  private ResponseEntity<String> post(String user, Map<String, Object> body, String idempotencyKey) {
    HttpHeaders headers = json();
    headers.set("Idempotency-Key", idempotencyKey);
    return rest.withBasicAuth(user, user).exchange("/zhidu/api/complaints", HttpMethod.POST,
        new HttpEntity<>(body, headers), String.class);
  }

  private ResponseEntity<String> post(String user, Map<String, Object> body) {
    return rest.withBasicAuth(user, user).exchange("/zhidu/api/complaints", HttpMethod.POST,
        new HttpEntity<>(body, json()), String.class);
  }

  private static HttpHeaders json() {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return headers;
  }

  private static void assertRefused(ResponseEntity<String> response, String field) throws Exception {
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
    JsonNode errors = JSON.readTree(response.getBody()).get("errors");
    assertThat(errors).as(response.getBody()).extracting(e -> e.get("field").asText()).contains(field);
  }

  private int count() {
    return jdbc.queryForObject("select count(*) from complaint", Integer.class);
  }
}
