package com.zhidu.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.zhidu.AsUser;
import com.zhidu.ZhiduTest;
import java.util.ArrayList;
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
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

/** §6.1.2 case comments on the four-eyes fixture: chenjing started and drafted, the review is open for managers. */
@ZhiduTest
class CaseCommentsTest {

  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired IdentityService identity;
  @Autowired ProcessEngine engine;
  @Autowired TestRestTemplate rest;

  String pi;
  String draft;
  String review;

  @BeforeEach
  void caseWithAnOpenReview() {
    as("chenjing", () -> pi = runtime.startProcessInstanceByKey("four-eyes-fixture",
        Map.of("title", "意見測試", "author", "chenjing")).getId());
    draft = tasks.createTaskQuery().processInstanceId(pi).taskDefinitionKey("draft").singleResult().getId();
    as("chenjing", () -> tasks.claim(draft, "chenjing"));
    as("chenjing", () -> tasks.complete(draft));
    review = tasks.createTaskQuery().processInstanceId(pi).taskDefinitionKey("review").singleResult().getId();
  }

  @Test
  void participantsAddAndReadCommentsOfTheWholeCase() {
    ResponseEntity<String> byStarter = post("chenjing", comments(), "{\"message\":\"草稿已完成，請審核\"}");
    assertThat(byStarter.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(byStarter.getBody()).contains("\"userId\":\"chenjing\"").contains("\"userName\":\"陳靜\"");

    // A member of a candidate group of the open review is involved too.
    ResponseEntity<String> byCandidate = post("zhangwei", comments(),
        "{\"taskId\":\"" + review + "\",\"message\":\"請補充數據來源\"}");
    assertThat(byCandidate.getStatusCode()).isEqualTo(HttpStatus.CREATED);

    ResponseEntity<String> list = get("chenjing", comments());
    assertThat(list.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(list.getBody()).contains("草稿已完成，請審核").contains("請補充數據來源").contains("\"taskName\":\"審核\"");
    assertThat(list.getBody().indexOf("草稿已完成")).isLessThan(list.getBody().indexOf("請補充數據來源"));
    // Tasklist shows the task's comment through Camunda's own endpoint.
    assertThat(tasks.getTaskComments(review)).extracting(c -> c.getFullMessage()).containsExactly("請補充數據來源");
  }

  @Test
  void auditorsReadButDoNotWriteAndOthersSeeNothing() {
    post("chenjing", comments(), "{\"message\":\"內部意見\"}");

    assertThat(get("shenjian", comments()).getBody()).contains("內部意見");
    assertThat(post("shenjian", comments(), "{\"message\":\"x\"}").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

    ResponseEntity<String> outsider = get("sunli", comments());
    assertThat(outsider.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(outsider.getBody()).doesNotContain("內部意見").contains("§6.1.2");
    assertThat(post("sunli", comments(), "{\"message\":\"x\"}").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(tasks.getProcessInstanceComments(pi)).hasSize(1);
  }

  @Test
  void withoutCredentialsTheAnswerIs401() {
    ResponseEntity<String> anonymous = rest.getForEntity(comments(), String.class);
    assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(get("chenjing", "/zhidu/api/cases/" + pi + "/comments", "wrong").getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    // A wrong password locks the user for a few seconds (login throttling); free chenjing for the other tests.
    identity.unlockUser("chenjing");
  }

  @Test
  void emptyMessagesAndTasksOfOtherCasesAreRefused() {
    assertThat(post("chenjing", comments(), "{\"message\":\"  \"}").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(post("chenjing", comments(), "{\"taskId\":\"" + draft + "\",\"message\":\"x\"}").getStatusCode())
        .as("the draft is finished").isEqualTo(HttpStatus.BAD_REQUEST);
  }

  @Test
  void camundaCommentEndpointsAreLimitedToTheCaseToo() {
    as("zhangwei", () -> tasks.createComment(review, pi, "審核說明"));
    String engineTask = "/engine-rest/engine/" + engine.getName() + "/task/";

    ResponseEntity<String> candidate = get("wangfang", engineTask + review + "/comment");
    assertThat(candidate.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(candidate.getBody()).contains("審核說明");
    ResponseEntity<String> outsider = get("sunli", engineTask + review + "/comment");
    assertThat(outsider.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(outsider.getBody()).doesNotContain("審核說明");
    assertThat(post("sunli", engineTask + review + "/comment/create", "{\"message\":\"x\"}").getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(tasks.getTaskComments(review)).hasSize(1);
  }

  @Test
  void aTasklistSessionWorksAndWritesNeedItsCsrfToken() {
    List<String> cookies = loginToTasklist("zhangwei");
    HttpHeaders headers = new HttpHeaders();
    headers.put(HttpHeaders.COOKIE, List.of(String.join("; ", cookies)));
    headers.setContentType(MediaType.APPLICATION_JSON);

    ResponseEntity<String> read = rest.exchange(comments(), HttpMethod.GET, new HttpEntity<>(headers), String.class);
    assertThat(read.getStatusCode()).isEqualTo(HttpStatus.OK);

    ResponseEntity<String> noToken = rest.exchange(comments(), HttpMethod.POST,
        new HttpEntity<>("{\"message\":\"經由 Tasklist\"}", headers), String.class);
    assertThat(noToken.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

    headers.set("X-XSRF-TOKEN", cookie(cookies, "XSRF-TOKEN"));
    ResponseEntity<String> withToken = rest.exchange(comments(), HttpMethod.POST,
        new HttpEntity<>("{\"message\":\"經由 Tasklist\"}", headers), String.class);
    assertThat(withToken.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(withToken.getBody()).contains("\"userId\":\"zhangwei\"");
  }

  // --- helpers -------------------------------------------------------------------------------------------

  /** Logs in as the webapps do: fetch a CSRF token, post the login form, keep the new session's cookies. */
  private List<String> loginToTasklist(String user) {
    ResponseEntity<String> first = rest.getForEntity("/camunda/api/admin/auth/user/" + engine.getName(), String.class);
    List<String> cookies = new ArrayList<>(cookieValues(first.getHeaders()));
    HttpHeaders headers = new HttpHeaders();
    headers.put(HttpHeaders.COOKIE, List.of(String.join("; ", cookies)));
    headers.set("X-XSRF-TOKEN", cookie(cookies, "XSRF-TOKEN"));
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    form.add("username", user);
    form.add("password", user);
    ResponseEntity<String> login = rest.postForEntity(
        "/camunda/api/admin/auth/user/" + engine.getName() + "/login/tasklist", new HttpEntity<>(form, headers),
        String.class);
    assertThat(login.getStatusCode()).as(login.getBody()).isEqualTo(HttpStatus.OK);
    replace(cookies, login.getHeaders());
    // The login starts a new session; its first read hands out the new session's CSRF token, as in Tasklist.
    headers.put(HttpHeaders.COOKIE, List.of(String.join("; ", cookies)));
    replace(cookies, rest.exchange("/camunda/api/engine/engine/", HttpMethod.GET, new HttpEntity<>(headers),
        String.class).getHeaders());
    return cookies;
  }

  private static void replace(List<String> cookies, HttpHeaders response) {
    for (String fresh : cookieValues(response)) {
      String name = fresh.substring(0, fresh.indexOf('='));
      cookies.removeIf(c -> c.startsWith(name + "="));
      cookies.add(fresh);
    }
  }

  private static List<String> cookieValues(HttpHeaders headers) {
    List<String> set = headers.get(HttpHeaders.SET_COOKIE);
    return set == null ? List.of() : set.stream().map(c -> c.split(";", 2)[0]).toList();
  }

  private static String cookie(List<String> cookies, String name) {
    return cookies.stream().filter(c -> c.startsWith(name + "=")).map(c -> c.substring(name.length() + 1))
        .findFirst().orElseThrow(() -> new AssertionError("no cookie " + name + " in " + cookies));
  }

  private String comments() {
    return "/zhidu/api/cases/" + pi + "/comments";
  }

  private ResponseEntity<String> get(String user, String path) {
    return get(user, path, user);
  }

  private ResponseEntity<String> get(String user, String path, String password) {
    return rest.withBasicAuth(user, password).getForEntity(path, String.class);
  }

  private ResponseEntity<String> post(String user, String path, String json) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return rest.withBasicAuth(user, user).postForEntity(path, new HttpEntity<>(json, headers), String.class);
  }

  private void as(String user, Runnable action) {
    new AsUser(identity).run(user, action);
  }
}
