package com.zhidu.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zhidu.AsUser;
import com.zhidu.ZhiduTest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/** The auditor API on a four-eyes fixture case: chenjing started it and did the draft; the review is open. */
@ZhiduTest
class AuditApiTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired IdentityService identity;
  @Autowired TestRestTemplate rest;
  @Autowired JdbcTemplate jdbc;
  @Autowired ProcessEngine engine;

  String pi;

  @BeforeEach
  void caseWithDraftDone() {
    as("chenjing", () -> pi = runtime.startProcessInstanceByKey("four-eyes-fixture", "AUD-" + System.nanoTime(),
        Map.of("title", "稽核 API", "author", "chenjing")).getId());
    String draft = tasks.createTaskQuery().processInstanceId(pi).taskDefinitionKey("draft").singleResult().getId();
    as("chenjing", () -> tasks.claim(draft, "chenjing"));
    as("chenjing", () -> tasks.complete(draft, Map.of("title", "改過的標題")));
  }

  @Test
  void theTrailCarriesHashesAnyoneCanRecomputeWithTheDocumentedRecipe() throws Exception {
    ResponseEntity<String> response = get("shenjian", "/cases/" + pi + "/trail");
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode trail = JSON.readTree(response.getBody());
    assertThat(trail.get("intact").asBoolean()).isTrue();
    assertThat(trail.get("caseId").asText()).isEqualTo(pi);
    List<String> types = new ArrayList<>();
    String prev = "0".repeat(64);
    for (JsonNode event : trail.get("events")) {
      types.add(event.get("eventType").asText());
      assertThat(event.get("prevHash").asText()).isEqualTo(prev);
      // The recipe of docs/auditor-guide.md, written out again here on purpose.
      String content = String.join("\n", prev, event.get("caseId").asText(), event.get("seq").asText(),
          event.get("eventType").asText(), event.get("occurredAt").asText(), text(event, "userId"),
          text(event, "processInstanceId"), text(event, "processDefinitionKey"), text(event, "taskId"),
          text(event, "activityId"), event.get("payload").asText());
      String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(content.getBytes(StandardCharsets.UTF_8)));
      assertThat(event.get("hash").asText()).isEqualTo(hash);
      prev = hash;
    }
    assertThat(types).contains("process.start", "task.complete", "operation.Complete", "variable.update");
  }

  @Test
  void theCsvIsExcelFriendlyAndMatchesTheTrail() throws Exception {
    ResponseEntity<byte[]> response = rest.withBasicAuth("shenjian", "shenjian")
        .getForEntity("/zhidu/api/audit/cases/" + pi + "/trail.csv", byte[].class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(response.getHeaders().getContentType().toString()).startsWith("text/csv");
    byte[] body = response.getBody();
    assertThat(new byte[] {body[0], body[1], body[2]}).isEqualTo(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    String[] lines = new String(body, StandardCharsets.UTF_8).substring(1).split("\r\n");
    assertThat(lines[0]).isEqualTo("case_id,seq,event_type,occurred_at,user_id,process_instance_id,"
        + "process_definition_key,task_id,activity_id,payload,prev_hash,hash");
    JsonNode events = JSON.readTree(get("shenjian", "/cases/" + pi + "/trail").getBody()).get("events");
    assertThat(lines).hasSize(events.size() + 1);
    assertThat(lines[1]).startsWith(pi + ",1,process.start,").endsWith("," + events.get(0).get("hash").asText());
    assertThat(lines[1]).contains("\"{\"\"").as("payload quoted with doubled quotes");
  }

  @Test
  void csvCellsThatExcelWouldRunAsFormulasAreDefused() {
    assertThat(AuditController.csvCell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
    assertThat(AuditController.csvCell("+1")).isEqualTo("'+1");
    assertThat(AuditController.csvCell("-1")).isEqualTo("'-1");
    assertThat(AuditController.csvCell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    assertThat(AuditController.csvCell("'quoted")).as("restorable by dropping one apostrophe").isEqualTo("''quoted");
    assertThat(AuditController.csvCell("a,b")).isEqualTo("\"a,b\"");
    assertThat(AuditController.csvCell("陳靜")).isEqualTo("陳靜");
    assertThat(AuditController.csvCell(null)).isEmpty();
  }

  @Test
  void auditorsVerifyTheWholeTrail() throws Exception {
    ResponseEntity<String> response = get("shenjian", "/verify");
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode result = JSON.readTree(response.getBody());
    assertThat(result.get("intact").asBoolean()).as(response.getBody()).isTrue();
    assertThat(result.get("casesChecked").asInt()).isPositive();
    assertThat(get("demo", "/verify").getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(get("chenjing", "/verify").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  void auditorsSearchCasesAndReadOneCaseInFull() throws Exception {
    assertThat(get("shenjian", "/cases?processDefinitionKey=four-eyes-fixture&state=running").getBody()).contains(pi);
    assertThat(get("shenjian", "/cases?processDefinitionKey=four-eyes-fixture&state=finished").getBody())
        .doesNotContain(pi);
    assertThat(get("shenjian", "/cases?participant=chenjing").getBody()).contains(pi);
    assertThat(get("shenjian", "/cases?participant=sunli").getBody()).doesNotContain(pi);
    String businessKey = runtime.createProcessInstanceQuery().processInstanceId(pi).singleResult().getBusinessKey();
    assertThat(JSON.readTree(get("shenjian", "/cases?businessKey=" + businessKey).getBody())).hasSize(1);
    assertThat(get("shenjian", "/cases?from=2000-01-01&to=2000-12-31").getBody()).doesNotContain(pi);
    assertThat(get("shenjian", "/cases?from=yesterday").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);

    ResponseEntity<String> response = get("shenjian", "/cases/" + pi);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode one = JSON.readTree(response.getBody());
    assertThat(one.get("path").toString()).contains("\"StartEvent_1\",\"draft\",\"review\"");
    assertThat(one.get("sequenceFlows").toString()).contains("Flow_toDraft", "Flow_toReview")
        .doesNotContain("Flow_toApprove");
    JsonNode draft = one.get("activities").get(1);
    assertThat(draft.get("activityId").asText()).isEqualTo("draft");
    assertThat(draft.get("completedBy").asText()).isEqualTo("chenjing");
    JsonNode lastAction = draft.get("taskActions").get(draft.get("taskActions").size() - 1);
    assertThat(lastAction.get("action").asText()).isEqualTo("complete");
    assertThat(lastAction.get("user_id").asText()).isEqualTo("chenjing");
    assertThat(lastAction.has("occurred_at")).isTrue();
    JsonNode completion = one.get("completions").get(0);
    assertThat(completion.get("taskDefinitionKey").asText()).isEqualTo("draft");
    assertThat(completion.get("variablesAtCompletion").get("title").asText()).isEqualTo("改過的標題");
    assertThat(one.get("operations").toString()).contains("\"operationType\":\"Claim\"", "\"userId\":\"chenjing\"");
    assertThat(one.get("trail").get("intact").asBoolean()).isTrue();
  }

  @Test
  void participantsReadTheirCaseOthersGet403AndNoCredentials401() throws Exception {
    assertThat(get("chenjing", "/cases/" + pi + "/trail").getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(get("chenjing", "/cases").getBody()).contains(pi);

    for (String path : List.of("/cases/" + pi + "/trail", "/cases/" + pi + "/trail.csv", "/cases/" + pi,
        "/cases/" + pi + "/diagram")) {
      ResponseEntity<String> outsider = get("sunli", path);
      assertThat(outsider.getStatusCode()).as(path).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(outsider.getBody()).as(path).doesNotContain("process.start").doesNotContain("bpmn:");
      assertThat(rest.getForEntity("/zhidu/api/audit" + path, String.class).getStatusCode()).as(path)
          .isEqualTo(HttpStatus.UNAUTHORIZED);
    }
    assertThat(get("sunli", "/cases").getBody()).doesNotContain(pi);
    // The reports over all cases are for auditors and administrators only (traceability also for process owners).
    for (String path : List.of("/traceability", "/conformance", "/verify", "/seals")) {
      assertThat(get("sunli", path).getStatusCode()).as(path).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(get("chenjing", path).getStatusCode()).as(path).isEqualTo(HttpStatus.FORBIDDEN);
    }
    assertThat(get("shenjian", "/cases/no-such-case").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(get("sunli", "/cases/no-such-case").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  void theDiagramIsTheBpmnOfTheVersionTheCaseRanOnForAuditorsAndParticipants() {
    ResponseEntity<String> response = get("shenjian", "/cases/" + pi + "/diagram");
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(response.getHeaders().getContentType().toString()).startsWith("application/xml");
    String definitionId = runtime.createProcessInstanceQuery().processInstanceId(pi).singleResult()
        .getProcessDefinitionId();
    String deployed = new String(readAll(engine.getRepositoryService().getProcessModel(definitionId)),
        StandardCharsets.UTF_8);
    assertThat(response.getBody()).isEqualTo(deployed).contains("id=\"four-eyes-fixture\"", "bpmndi:BPMNDiagram");
    assertThat(get("chenjing", "/cases/" + pi + "/diagram").getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(get("shenjian", "/cases/no-such-case/diagram").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void nothingUnderTheAuditApiWrites() {
    int rows = jdbc.queryForObject("select count(*) from audit_event", Integer.class);
    for (HttpMethod method : List.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE, HttpMethod.PATCH)) {
      for (String path : List.of("/cases/" + pi + "/trail", "/cases/" + pi, "/cases/" + pi + "/diagram", "/verify",
          "/cases", "/seals")) {
        ResponseEntity<String> response = rest.withBasicAuth("demo", "demo")
            .exchange("/zhidu/api/audit" + path, method, new HttpEntity<>("{}"), String.class);
        assertThat(response.getStatusCode()).as(method + " " + path).isEqualTo(HttpStatus.METHOD_NOT_ALLOWED);
      }
    }
    // Reading leaves no trace in the trail either (nothing is written while reading).
    for (String path : List.of("/cases/" + pi + "/trail", "/cases/" + pi + "/trail.csv", "/cases/" + pi, "/verify",
        "/cases", "/seals", "/traceability", "/conformance")) {
      assertThat(get("shenjian", path).getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
    }
    assertThat(jdbc.queryForObject("select count(*) from audit_event", Integer.class)).isEqualTo(rows);
  }

  @Test
  void theTraceabilityReportNamesClausesWithoutModelAndElementsWithoutClause() throws Exception {
    ResponseEntity<String> response = get("shenjian", "/traceability");
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode report = JSON.readTree(response.getBody());
    List<String> missing = new ArrayList<>();
    report.get("clausesWithoutImplementation").forEach(c -> missing.add(c.asText()));
    assertThat(missing).contains("§1.1", "§1.2", "§6.1.2").doesNotContain("§1.3.3", "§4.1.1", "§5.1.1");
    assertThat(report.get("implementedBy").get("§1.3.3").toString()).contains("four-eyes-fixture#review");
    assertThat(report.get("processes").toString()).contains("four-eyes-fixture:");
  }

  @Test
  void theTrailOutlivesTheEnginesHistory() throws Exception {
    int before = JSON.readTree(get("shenjian", "/cases/" + pi + "/trail").getBody()).get("events").size();
    // What history cleanup does at the end of the retention time: the case's history is deleted.
    runtime.deleteProcessInstance(pi, "test");
    engine.getHistoryService().deleteHistoricProcessInstance(pi);
    assertThat(get("shenjian", "/cases/" + pi).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

    ResponseEntity<String> response = get("shenjian", "/cases/" + pi + "/trail");
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode trail = JSON.readTree(response.getBody());
    assertThat(trail.get("intact").asBoolean()).isTrue();
    assertThat(trail.get("events").size()).isGreaterThan(before);
    assertThat(response.getBody()).contains("process.end");
    assertThat(get("shenjian", "/cases/" + pi + "/trail.csv").getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(get("chenjing", "/cases/" + pi + "/trail").getStatusCode()).as("participation is unknown now")
        .isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  void theAuditorPageIsServedAndCallsTheApi() {
    ResponseEntity<String> page = rest.getForEntity("/zhidu/audit/", String.class);
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(page.getBody()).contains("稽核查詢", "audit.js");
    assertThat(rest.getForEntity("/zhidu/audit/audit.js", String.class).getBody()).contains("/zhidu/api/audit");
  }

  // --- helpers -------------------------------------------------------------------------------------------

  private ResponseEntity<String> get(String user, String path) {
    return rest.withBasicAuth(user, user).getForEntity("/zhidu/api/audit" + path, String.class);
  }

  private static byte[] readAll(java.io.InputStream in) {
    try (in) {
      return in.readAllBytes();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String text(JsonNode event, String field) {
    JsonNode value = event.get(field);
    return value == null || value.isNull() ? "" : value.asText();
  }

  private void as(String user, Runnable action) {
    new AsUser(identity).run(user, action);
  }
}
