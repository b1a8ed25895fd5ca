package com.zhidu.platform.forms;

import static com.zhidu.Refusals.refusalIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zhidu.ZhiduTest;
import com.zhidu.platform.Refusal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

/**
 * The form contract over HTTP (REST API and the webapps' API that Tasklist uses) and from Java, on the
 * test-only process {@code validation-fixture}: refused submissions answer 400 naming the field and
 * leave no trace; valid ones pass.
 */
@ZhiduTest
class FormValidationHttpTest {

  static final String PROCESS = "validation-fixture";
  static final String USER = "xuhui"; // operationsAnalysis: candidate of enterData and starter of the process

  @Autowired TestRestTemplate rest;
  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired HistoryService history;

  final ObjectMapper json = new ObjectMapper();
  String processInstanceId;
  Task task;

  @BeforeEach
  void startInstance() {
    processInstanceId = runtime.startProcessInstanceByKey(PROCESS, Map.of("title", "原標題", "priority", "normal")).getId();
    task = tasks.createTaskQuery().processInstanceId(processInstanceId).singleResult();
    tasks.claim(task.getId(), USER); // only the assignee may complete (four-eyes guard)
  }

  /** Variables as Tasklist sends them: {"name":{"value":…}}, or typed when given as {value, type}. */
  static Map<String, Object> vars(Object... pairs) {
    Map<String, Object> variables = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      Object value = pairs[i + 1];
      variables.put((String) pairs[i], value instanceof Typed t ? Map.of("value", t.value(), "type", t.type())
          : value == null ? Map.of() : Map.of("value", value));
    }
    return variables;
  }

  record Typed(Object value, String type) {}

  static Map<String, Object> validTaskVariables() {
    return vars("title", "原標題", "amount", 12.5, "comment", "說明文字", "urgent", true, "category", "purchase",
        "code", "AB-123", "dueDate", "2026-12-01", "contactEmail", "xuhui@zhidu.example");
  }

  static Map<String, Object> replace(Map<String, Object> variables, Object... pairs) {
    Map<String, Object> copy = new LinkedHashMap<>(variables);
    copy.putAll(vars(pairs));
    return copy;
  }

  static Stream<Arguments> invalidTaskSubmissions() {
    Map<String, Object> valid = validTaskVariables();
    Map<String, Object> withoutAmount = new LinkedHashMap<>(valid);
    withoutAmount.remove("amount");
    return Stream.of(
        Arguments.of("missing required field", withoutAmount, "amount", "「金額」為必填欄位"),
        Arguments.of("500 characters into maxLength 200", replace(valid, "comment", "長".repeat(500)), "comment", "最多只能有 200 個字元"),
        Arguments.of("string into a number", replace(valid, "amount", new Typed("abc", "String")), "amount", "必須是數字"),
        Arguments.of("string into a boolean", replace(valid, "urgent", "not-a-boolean"), "urgent", "必須是「是」或「否」"),
        Arguments.of("value outside the options", replace(valid, "category", "bribery"), "category", "不在可選項目中"),
        Arguments.of("undeclared variable", replace(valid, "approvedBy", "xuhui"), "approvedBy", "表單沒有「approvedBy」欄位"),
        Arguments.of("changed read-only field", replace(valid, "title", "改過的標題"), "title", "唯讀"),
        Arguments.of("number above max", replace(valid, "amount", 2_000_000), "amount", "不可大於 1000000"),
        Arguments.of("pattern mismatch", replace(valid, "code", "ab-12"), "code", "格式不正確"),
        Arguments.of("not a date", replace(valid, "dueDate", "明天"), "dueDate", "日期時間格式不正確"));
  }

  @ParameterizedTest(name = "REST submit-form, {0}")
  @MethodSource("invalidTaskSubmissions")
  void restSubmitFormIsRefused(String description, Map<String, Object> variables, String field, String zh) throws Exception {
    var before = Trace.of(this);
    var response = post(basic(USER), rest() + "/task/" + task.getId() + "/submit-form", Map.of("variables", variables));
    assertRefused(response, field, zh);
    before.assertNothingWritten(variables.keySet());
  }

  @ParameterizedTest(name = "REST complete, {0}")
  @MethodSource("invalidTaskSubmissions")
  void restCompleteIsRefused(String description, Map<String, Object> variables, String field, String zh) throws Exception {
    var before = Trace.of(this);
    var response = post(basic(USER), rest() + "/task/" + task.getId() + "/complete", Map.of("variables", variables));
    assertRefused(response, field, zh);
    before.assertNothingWritten(variables.keySet());
  }

  @Test
  void validSubmissionPasses() throws Exception {
    var response = post(basic(USER), rest() + "/task/" + task.getId() + "/submit-form",
        Map.of("variables", validTaskVariables()));
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).isZero();
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(processInstanceId)
        .variableName("amount").singleResult().getValue()).isEqualTo(12.5);
  }

  @Test
  void validCompletionWithOmittedOptionalAndReadonlyFieldsPasses() throws Exception {
    var response = post(basic(USER), rest() + "/task/" + task.getId() + "/complete",
        Map.of("variables", vars("amount", 3)));
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
  }

  @Test
  void userWhoCannotSeeTheTaskGetsTheEnginesAnswerNotTheFormsFields() throws Exception {
    var response = post(basic("zhouqiang"), rest() + "/task/" + task.getId() + "/submit-form",
        Map.of("variables", vars("approvedBy", "x")));
    assertThat(response.getStatusCode().value()).isIn(403, 404);
    assertThat(response.getBody()).doesNotContain("approvedBy").doesNotContain("Refusal");
    assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).isOne();
  }

  @Test
  void unknownTaskIsLeftToTheEngine() throws Exception {
    var response = post(basic(USER), rest() + "/task/no-such-task/submit-form", Map.of("variables", vars("x", 1)));
    assertThat(response.getStatusCode().value()).isNotEqualTo(400).isGreaterThanOrEqualTo(400);
    assertThat(response.getBody()).doesNotContain("Refusal");
  }

  // ---- process start ----

  static Stream<Arguments> invalidStarts() {
    return Stream.of(
        Arguments.of("missing required field", vars("title", "報告"), "priority", "「優先級」為必填欄位"),
        Arguments.of("500 characters into maxLength 200", vars("title", "長".repeat(500), "priority", "high"), "title", "最多只能有 200 個字元"),
        Arguments.of("value outside the options", vars("title", "報告", "priority", "urgent"), "priority", "不在可選項目中"),
        Arguments.of("number into a text", vars("title", 42, "priority", "low"), "title", "必須是文字"),
        Arguments.of("undeclared variable", vars("title", "報告", "priority", "low", "amount", 5), "amount", "表單沒有「amount」欄位"));
  }

  @ParameterizedTest(name = "start {1}: {0}")
  @MethodSource("startEndpoints")
  void restStartIsRefused(String description, String endpoint, Map<String, Object> variables, String field, String zh)
      throws Exception {
    long instances = history.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS).count();
    long details = history.createHistoricDetailQuery().count();
    var response = post(basic(USER), rest() + endpoint, Map.of("variables", variables, "businessKey", "BK-1"));
    assertRefused(response, field, zh);
    assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS).count()).isEqualTo(instances);
    assertThat(history.createHistoricDetailQuery().count()).isEqualTo(details);
  }

  static Stream<Arguments> startEndpoints() {
    List<Arguments> all = new ArrayList<>();
    for (String endpoint : List.of("/process-definition/key/" + PROCESS + "/submit-form",
        "/process-definition/key/" + PROCESS + "/start")) {
      invalidStarts().forEach(a -> all.add(Arguments.of(a.get()[0], endpoint, a.get()[1], a.get()[2], a.get()[3])));
    }
    return all.stream();
  }

  @Test
  void startByDefinitionIdIsRefusedToo() throws Exception {
    String definitionId = engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(PROCESS)
        .latestVersion().singleResult().getId();
    var response = post(basic(USER), rest() + "/process-definition/" + definitionId + "/submit-form",
        Map.of("variables", vars("title", "報告", "priority", "urgent")));
    assertRefused(response, "priority", "不在可選項目中");
  }

  @Test
  void validStartPasses() throws Exception {
    var response = post(basic(USER), rest() + "/process-definition/key/" + PROCESS + "/submit-form",
        Map.of("variables", vars("title", "月報", "priority", "high"), "businessKey", "BK-2"));
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey("BK-2").count()).isOne();
  }

  // ---- the webapps' API, as Tasklist calls it ----

  @Test
  void tasklistApiRefusesInvalidAndAcceptsValidSubmissions() throws Exception {
    HttpHeaders session = tasklistLogin(USER);
    String base = "/camunda/api/engine/engine/" + engine.getName();
    var before = Trace.of(this);
    Map<String, Object> tooLong = replace(validTaskVariables(), "comment", "長".repeat(500));
    var refused = post(session, base + "/task/" + task.getId() + "/submit-form", Map.of("variables", tooLong));
    assertRefused(refused, "comment", "最多只能有 200 個字元");
    before.assertNothingWritten(tooLong.keySet());

    var undeclared = post(session, base + "/task/" + task.getId() + "/submit-form",
        Map.of("variables", replace(validTaskVariables(), "approvedBy", "xuhui")));
    assertRefused(undeclared, "approvedBy", "表單沒有");

    var accepted = post(session, base + "/task/" + task.getId() + "/submit-form", Map.of("variables", validTaskVariables()));
    assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).isZero();
  }

  @Test
  void tasklistApiRefusesInvalidStartForm() throws Exception {
    HttpHeaders session = tasklistLogin(USER);
    String definitionId = engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(PROCESS)
        .latestVersion().singleResult().getId();
    long instances = history.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS).count();
    var refused = post(session, "/camunda/api/engine/engine/" + engine.getName() + "/process-definition/" + definitionId
        + "/submit-form", Map.of("variables", vars("title", "", "priority", "low")));
    assertRefused(refused, "title", "「標題」為必填欄位");
    assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS).count()).isEqualTo(instances);

    var accepted = post(session, "/camunda/api/engine/engine/" + engine.getName() + "/process-definition/" + definitionId
        + "/submit-form", Map.of("variables", vars("title", "週報", "priority", "low")));
    assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void tasklistApiWithoutCsrfTokenIsLeftToTheWebappsCsrfFilter() throws Exception {
    HttpHeaders session = tasklistLogin(USER);
    session.remove("X-XSRF-TOKEN");
    var response = post(session, "/camunda/api/engine/engine/" + engine.getName() + "/task/" + task.getId()
        + "/submit-form", Map.of("variables", vars("approvedBy", "x")));
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(response.getBody() == null ? "" : response.getBody()).doesNotContain("approvedBy");
  }

  // ---- Java callers ----

  @Test
  void javaCompletionWithInvalidValuesIsRefusedAndWritesNothing() {
    var before = Trace.of(this);
    Throwable thrown = catchThrowable(() -> tasks.complete(task.getId(),
        Map.of("amount", 5_000_000, "comment", "長".repeat(500), "urgent", "yes")));
    Refusal refusal = refusalIn(thrown);
    assertThat(refusal.status()).isEqualTo(400);
    assertThat(refusal.errors()).extracting(Refusal.Error::field).contains("amount", "comment", "urgent");
    before.assertNothingWritten(List.of("amount", "comment", "urgent"));
  }

  @Test
  void javaCompletionWithoutRequiredValueIsRefused() {
    Throwable thrown = catchThrowable(() -> tasks.complete(task.getId()));
    assertThat(refusalIn(thrown).errors()).extracting(Refusal.Error::field).containsExactly("amount");
    assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).isOne();
  }

  @Test
  void javaCompletionWithValidValuesPasses() {
    tasks.complete(task.getId(), Map.of("amount", 100L, "category", "travel"));
    assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).isZero();
  }

  @Test
  void javaStartWithUndeclaredOrInvalidVariablesIsRefused() {
    long instances = history.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS).count();
    Throwable thrown = catchThrowable(() -> runtime.startProcessInstanceByKey(PROCESS,
        Map.of("title", "報告", "priority", "someday", "isAdmin", true)));
    assertThat(refusalIn(thrown).errors()).extracting(Refusal.Error::field).containsExactlyInAnyOrder("priority", "isAdmin");
    assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS).count()).isEqualTo(instances);
  }

  // ---- helpers ----

  void assertRefused(ResponseEntity<String> response, String field, String zh) throws Exception {
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
    JsonNode body = json.readTree(response.getBody());
    assertThat(body.path("type").asText()).isEqualTo("Refusal");
    assertThat(body.path("message").asText()).contains(zh);
    List<String> fields = new ArrayList<>();
    body.path("errors").forEach(e -> fields.add(e.path("field").asText()));
    assertThat(fields).contains(field);
  }

  /** What the engine has recorded about the task, to prove a refusal changed nothing. */
  record Trace(FormValidationHttpTest test, long details, long variables, long operationLog, Map<String, Object> runtime) {
    static Trace of(FormValidationHttpTest t) {
      return new Trace(t,
          t.history.createHistoricDetailQuery().processInstanceId(t.processInstanceId).count(),
          t.history.createHistoricVariableInstanceQuery().processInstanceId(t.processInstanceId).count(),
          t.history.createUserOperationLogQuery().taskId(t.task.getId()).count(),
          t.runtime.getVariables(t.processInstanceId));
    }

    void assertNothingWritten(Iterable<String> names) {
      var h = test.history;
      assertThat(test.tasks.createTaskQuery().taskId(test.task.getId()).count()).as("task still open").isOne();
      assertThat(h.createHistoricTaskInstanceQuery().taskId(test.task.getId()).finished().count()).as("no completion").isZero();
      assertThat(h.createHistoricDetailQuery().processInstanceId(test.processInstanceId).count()).as("history details").isEqualTo(details);
      assertThat(h.createHistoricVariableInstanceQuery().processInstanceId(test.processInstanceId).count()).isEqualTo(variables);
      assertThat(h.createUserOperationLogQuery().taskId(test.task.getId()).count()).as("operation log").isEqualTo(operationLog);
      assertThat(test.runtime.getVariables(test.processInstanceId)).isEqualTo(runtime);
      for (String name : names) {
        if (!runtime.containsKey(name)) {
          assertThat(h.createHistoricVariableInstanceQuery().processInstanceId(test.processInstanceId).variableName(name).count())
              .as("historic variable " + name).isZero();
        }
      }
    }
  }

  /** The REST API of this test's engine (tests give the engine a unique name, so "default" is not it). */
  String rest() {
    return "/engine-rest/engine/" + engine.getName();
  }

  HttpHeaders basic(String user) {
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth(user, user);
    return headers;
  }

  ResponseEntity<String> post(HttpHeaders headers, String path, Object body) throws Exception {
    HttpHeaders all = new HttpHeaders();
    all.putAll(headers);
    all.setContentType(MediaType.APPLICATION_JSON);
    return rest.exchange(path, HttpMethod.POST, new HttpEntity<>(json.writeValueAsString(body), all), String.class);
  }

  /** Logs in to Tasklist like the browser: session cookie, CSRF cookie, and the X-XSRF-TOKEN header. */
  HttpHeaders tasklistLogin(String user) {
    String engineName = engine.getName();
    Map<String, String> cookies = new LinkedHashMap<>();
    // A first GET hands out the session and the CSRF token, as loading the login page does.
    collectCookies(rest.exchange("/camunda/app/tasklist/" + engineName + "/", HttpMethod.GET,
        new HttpEntity<>(sessionHeaders(cookies)), String.class), cookies);
    HttpHeaders form = sessionHeaders(cookies);
    form.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    var params = new LinkedMultiValueMap<String, String>();
    params.add("username", user);
    params.add("password", user);
    var login = rest.exchange("/camunda/api/admin/auth/user/" + engineName + "/login/tasklist", HttpMethod.POST,
        new HttpEntity<>(params, form), String.class);
    assertThat(login.getStatusCode()).as(login.getBody()).isEqualTo(HttpStatus.OK);
    collectCookies(login, cookies);
    // The login starts a new session; its CSRF token comes with the next GET, as the app's first call.
    var probe = rest.exchange("/camunda/api/admin/auth/user/" + engineName, HttpMethod.GET,
        new HttpEntity<>(sessionHeaders(cookies)), String.class);
    assertThat(probe.getBody()).contains(user);
    collectCookies(probe, cookies);
    assertThat(cookies).containsKey("XSRF-TOKEN");
    return sessionHeaders(cookies);
  }

  private static HttpHeaders sessionHeaders(Map<String, String> cookies) {
    HttpHeaders headers = new HttpHeaders();
    if (!cookies.isEmpty()) {
      headers.add(HttpHeaders.COOKIE, cookieHeader(cookies));
    }
    if (cookies.containsKey("XSRF-TOKEN")) {
      headers.add("X-XSRF-TOKEN", cookies.get("XSRF-TOKEN"));
    }
    return headers;
  }

  private static void collectCookies(ResponseEntity<?> response, Map<String, String> cookies) {
    for (String setCookie : response.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE)) {
      String pair = setCookie.split(";", 2)[0];
      int eq = pair.indexOf('=');
      cookies.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
    }
  }

  private static String cookieHeader(Map<String, String> cookies) {
    return String.join("; ", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
  }
}
