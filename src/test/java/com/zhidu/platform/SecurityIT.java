package com.zhidu.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zhidu.ZhiduIT;
import com.zhidu.organization.OrganizationSeeder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The per-role fences, tried through HTTP as the demo users would (REST with Basic auth and the webapps'
 * own engine API with a session): nobody anonymous, each role sees only its tasks, the auditor reads
 * history and changes nothing, identity and authorizations are for administrators only, deployments for
 * administrators and process owners (through the deploy guard). Uses the test-only
 * process processes/security-fixture.bpmn (one task each for leadership, sales, legal, plus a timer job).
 */
@ZhiduIT
class SecurityIT {

  static final ObjectMapper JSON = new ObjectMapper();

  @Autowired TestRestTemplate rest;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired HistoryService history;
  @Autowired ManagementService management;
  @Autowired IdentityService identity;
  @Autowired RepositoryService repository;

  String instance;
  String leadershipTask;
  String salesTask;
  String legalTask;
  final List<String> started = new ArrayList<>();

  @BeforeEach
  void startFixture() {
    instance = start();
    leadershipTask = task(instance, "leadershipTask");
    salesTask = task(instance, "salesTask");
    legalTask = task(instance, "legalTask");
  }

  @AfterEach
  void removeFixtures() {
    // The IT database is kept between runs: leave no open tasks behind.
    for (String id : started) {
      if (runtime.createProcessInstanceQuery().processInstanceId(id).count() > 0) {
        runtime.deleteProcessInstance(id, "SecurityIT done");
      }
    }
  }

  // ------------------------------------------------------------------------------------ authentication

  @Test
  void restWithoutCredentialsIsRefused() {
    for (String path : List.of("/engine-rest/task", "/engine-rest/process-definition", "/engine-rest/history/process-instance",
        "/engine-rest/user", "/engine-rest/deployment")) {
      assertThat(rest.getForEntity(path, String.class).getStatusCode()).as(path).isEqualTo(HttpStatus.UNAUTHORIZED);
    }
  }

  @Test
  void wrongPasswordIsRefusedAndTheRightOneStillWorksAfterUnlock() {
    // songtao is used by no other test: the failed login locks him for a few seconds.
    assertThat(as("songtao", "wrong-password").getForEntity("/engine-rest/task", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    identity.unlockUser("songtao");
    assertThat(as("songtao", "songtao").getForEntity("/engine-rest/task", String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
  }

  // ------------------------------------------------------------------------------------ who sees what

  @Test
  void eachRoleSeesOnlyTheTaskOfItsGroup() {
    assertThat(visibleTasks("linzong", instance)).containsExactly(leadershipTask);
    assertThat(visibleTasks("sunli", instance)).containsExactly(salesTask);
    assertThat(visibleTasks("hejun", instance)).containsExactly(legalTask);
    assertThat(visibleTasks("zhangwei", instance)).isEmpty();
    assertThat(visibleTasks("hanbo", instance)).isEmpty();
    // The same through Tasklist's shared filter, which is how employees look at their group's work.
    String filter = groupTasksFilter();
    List<String> listed = new ArrayList<>();
    json(get("sunli", "/engine-rest/filter/" + filter + "/list?maxResults=2000")).forEach(t -> listed.add(t.get("id").asText()));
    assertThat(listed).contains(salesTask).doesNotContain(leadershipTask, legalTask);
  }

  @Test
  void everyTaskASalespersonSeesIsForOneOfTheirGroupsOrThem() {
    Set<String> groups = identity.createGroupQuery().groupMember("sunli").list().stream().map(Group::getId)
        .collect(Collectors.toSet());
    JsonNode visible = json(get("sunli", "/engine-rest/task?maxResults=2000"));
    assertThat(visible.size()).isPositive();
    for (JsonNode task : visible) {
      String id = task.get("id").asText();
      boolean forSunli = "sunli".equals(task.path("assignee").asText(null)) || tasks.getIdentityLinksForTask(id).stream()
          .map(IdentityLink::getGroupId).anyMatch(groups::contains)
          || tasks.getIdentityLinksForTask(id).stream().map(IdentityLink::getUserId).anyMatch("sunli"::equals);
      assertThat(forSunli).as("task %s (%s) visible to sunli", id, task.path("name").asText()).isTrue();
    }
  }

  @Test
  void aSalespersonCannotSeeClaimOrCompleteALeadershipTask() {
    assertThat(get("sunli", "/engine-rest/task/" + leadershipTask).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(get("sunli", "/engine-rest/task/" + leadershipTask + "/variables").getStatusCode().value()).isIn(403, 404);
    assertRefused(post("sunli", "/engine-rest/task/" + leadershipTask + "/claim", "{\"userId\":\"sunli\"}"));
    assertRefused(post("sunli", "/engine-rest/task/" + leadershipTask + "/complete", "{}"));
    assertRefused(post("sunli", "/engine-rest/task/" + leadershipTask + "/submit-form", "{}"));
    assertRefused(post("sunli", "/engine-rest/task/" + leadershipTask + "/assignee", "{\"userId\":\"sunli\"}"));
    Task task = tasks.createTaskQuery().taskId(leadershipTask).singleResult();
    assertThat(task).as("the leadership task is still open").isNotNull();
    assertThat(task.getAssignee()).isNull();
    // The salesperson's own task is theirs to claim: the refusals above are about the role.
    assertThat(post("sunli", "/engine-rest/task/" + salesTask + "/claim", "{\"userId\":\"sunli\"}").getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
  }

  @Test
  void aSalespersonCannotReadOtherProcessInstancesOrTheirHistory() {
    post("linzong", "/engine-rest/task/" + leadershipTask + "/claim", "{\"userId\":\"linzong\"}");
    assertThat(json(get("sunli", "/engine-rest/history/user-operation?taskId=" + leadershipTask))).isEmpty();
    assertThat(json(get("sunli", "/engine-rest/history/task?taskId=" + leadershipTask))).isEmpty();
    assertThat(json(get("sunli", "/engine-rest/process-instance?processInstanceIds=" + instance))).isEmpty();
    assertThat(json(get("sunli", "/engine-rest/history/process-instance?processInstanceId=" + instance))).isEmpty();
    assertThat(json(get("sunli", "/engine-rest/variable-instance?processInstanceIdIn=" + instance))).isEmpty();
  }

  // ------------------------------------------------------------------------------------------- auditor

  @Test
  void theAuditorReadsHistoryAndTheUserOperationLog() {
    // A user action to audit: the leader claims his task.
    assertThat(post("linzong", "/engine-rest/task/" + leadershipTask + "/claim", "{\"userId\":\"linzong\"}")
        .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

    JsonNode instances = json(get("shenjian", "/engine-rest/history/process-instance?processInstanceId=" + instance));
    assertThat(instances).hasSize(1);
    JsonNode operations = json(get("shenjian", "/engine-rest/history/user-operation?taskId=" + leadershipTask));
    assertThat(operations).anySatisfy(op -> {
      assertThat(op.get("operationType").asText()).isEqualTo("Claim");
      assertThat(op.get("userId").asText()).isEqualTo("linzong");
    });
    assertThat(json(get("shenjian", "/engine-rest/history/task?processInstanceId=" + instance))).hasSize(3);
  }

  @Test
  void theAuditorChangesNothing() {
    String job = management.createJobQuery().processInstanceId(instance).singleResult().getId();
    int retries = management.createJobQuery().jobId(job).singleResult().getRetries();
    String ended = start();
    runtime.deleteProcessInstance(ended, "ended, for the history deletion attempt");

    assertRefused(post("shenjian", "/engine-rest/task/" + leadershipTask + "/complete", "{}"));
    assertRefused(post("shenjian", "/engine-rest/task/" + leadershipTask + "/submit-form", "{}"));
    assertRefused(post("shenjian", "/engine-rest/task/" + leadershipTask + "/claim", "{\"userId\":\"shenjian\"}"));
    assertRefused(post("shenjian", "/engine-rest/task/" + leadershipTask + "/variables",
        "{\"modifications\":{\"approved\":{\"value\":true,\"type\":\"Boolean\"}}}"));
    assertRefused(put("shenjian", "/engine-rest/process-instance/" + instance + "/variables/approved",
        "{\"value\":true,\"type\":\"Boolean\"}"));
    assertRefused(delete("shenjian", "/engine-rest/process-instance/" + instance));
    assertRefused(delete("shenjian", "/engine-rest/history/process-instance/" + ended));
    assertRefused(put("shenjian", "/engine-rest/job/" + job + "/retries", "{\"retries\":" + (retries + 7) + "}"));
    assertRefused(post("shenjian", "/engine-rest/job/retries", "{\"jobIds\":[\"" + job + "\"],\"retries\":" + (retries + 7) + "}"));
    assertRefused(put("shenjian", "/engine-rest/process-instance/" + instance + "/suspended", "{\"suspended\":true}"));
    assertRefused(deploy("shenjian"));
    assertRefused(post("shenjian", "/engine-rest/process-instance/" + instance + "/modification",
        "{\"instructions\":[{\"type\":\"cancel\",\"activityId\":\"leadershipTask\"}]}"));
    // The audit trail itself is read-only to the auditor.
    assertThat(post("hejun", "/engine-rest/task/" + legalTask + "/claim", "{\"userId\":\"hejun\"}").getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    JsonNode entry = json(get("shenjian", "/engine-rest/history/user-operation?taskId=" + legalTask)).get(0);
    assertRefused(delete("shenjian", "/engine-rest/history/user-operation/" + entry.get("id").asText()));
    assertRefused(put("shenjian", "/engine-rest/history/user-operation/" + entry.get("operationId").asText() + "/set-annotation",
        "{\"annotation\":\"nothing happened\"}"));
    assertThat(history.createUserOperationLogQuery().taskId(legalTask).count()).isPositive();
    assertThat(history.createUserOperationLogQuery().taskId(legalTask).singleResult().getAnnotation()).isNull();

    assertThat(tasks.createTaskQuery().taskId(leadershipTask).singleResult().getAssignee()).isNull();
    assertThat(runtime.getVariable(instance, "approved")).isNull();
    assertThat(tasks.getVariable(leadershipTask, "approved")).isNull();
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance).active().count()).isEqualTo(1);
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(ended).count()).isEqualTo(1);
    assertThat(management.createJobQuery().jobId(job).singleResult().getRetries()).isEqualTo(retries);
  }

  // ------------------------------------------------------------------------------- administration only

  @Test
  void identityAuthorizationsAndFiltersAreForAdministratorsOnlyDeploymentsAlsoForProcessOwners() {
    for (String user : List.of("sunli", "zhangwei", "shenjian", "hanbo")) {
      assertRefused(post(user, "/engine-rest/user/create",
          "{\"profile\":{\"id\":\"intruder\",\"firstName\":\"Mallory\",\"lastName\":\"Outsider\"},\"credentials\":{\"password\":\"Zq8!mW3#kP5@Lt\"}}"));
      assertRefused(post(user, "/engine-rest/group/create", "{\"id\":\"intruders\",\"name\":\"x\",\"type\":\"WORKFLOW\"}"));
      assertRefused(post(user, "/engine-rest/group/leadership/members/" + user, null, HttpMethod.PUT));
      assertRefused(post(user, "/engine-rest/authorization/create",
          "{\"type\":1,\"permissions\":[\"ALL\"],\"userId\":\"" + user + "\",\"resourceType\":0,\"resourceId\":\"*\"}"));
      assertRefused(post(user, "/engine-rest/filter/create",
          "{\"resourceType\":\"Task\",\"name\":\"mine\",\"query\":{},\"properties\":{}}"));
      if (!user.equals("hanbo")) {
        assertRefused(deploy(user));
      }
    }
    // The process owner may deploy, but only what passes the deploy guard: this model lacks a history
    // time to live and a diagram, so it is refused and nothing is deployed (DeploymentGuardTest has the rest).
    ResponseEntity<String> ownerDeploy = deploy("hanbo");
    assertThat(ownerDeploy.getStatusCode().value()).as(ownerDeploy.getBody()).isEqualTo(400);
    assertThat(ownerDeploy.getBody()).contains("Refusal", "HISTORY_TTL", "DIAGRAM");
    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("intrusion").count()).isZero();
    // The shared Tasklist filters are read-only for employees (stored queries run expressions server-side).
    String filter = groupTasksFilter();
    assertRefused(put("sunli", "/engine-rest/filter/" + filter,
        "{\"resourceType\":\"Task\",\"name\":\"x\",\"query\":{},\"properties\":{}}"));
    assertRefused(delete("sunli", "/engine-rest/filter/" + filter));
    assertThat(identity.createUserQuery().userId("intruder").count()).isZero();
    assertThat(identity.createGroupQuery().groupId("intruders").count()).isZero();
    assertThat(identity.createUserQuery().memberOfGroup("leadership").userId("sunli").count()).isZero();
    // The administrator may: the refusals above are about the role, not a broken endpoint.
    assertThat(get("demo", "/engine-rest/authorization/count").getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  // ------------------------------------------------------------------------------------------ webapps

  @Test
  void theAuditorCannotCompleteATaskThroughTheWebappsEngineApi() {
    Webapp cockpit = Webapp.login(rest, "shenjian", "cockpit");
    ResponseEntity<String> complete = cockpit.post("/camunda/api/engine/engine/default/task/" + leadershipTask + "/complete",
        "{}", true);
    assertThat(complete.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(complete.getBody()).contains("AuthorizationException");
    // Reading is what an auditor does, and works through the same session.
    assertThat(cockpit.get("/camunda/api/engine/engine/default/history/process-instance?processInstanceId=" + instance)
        .getBody()).contains(instance);
    assertThat(tasks.createTaskQuery().taskId(leadershipTask).count()).isEqualTo(1);
  }

  /**
   * The same writes as {@link #theAuditorChangesNothing()}, through the webapps' engine API with a real Cockpit
   * session and its CSRF token, as a browser would send them: that API is open to any logged-in user, so the
   * engine's authorizations must refuse each one.
   */
  @Test
  void theAuditorChangesNothingThroughTheWebappsApi() {
    String job = management.createJobQuery().processInstanceId(instance).singleResult().getId();
    int retries = management.createJobQuery().jobId(job).singleResult().getRetries();
    String ended = start();
    runtime.deleteProcessInstance(ended, "ended, for the history deletion attempt");
    assertThat(post("hejun", "/engine-rest/task/" + legalTask + "/claim", "{\"userId\":\"hejun\"}").getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    String operationId = history.createUserOperationLogQuery().taskId(legalTask).singleResult().getOperationId();
    String api = "/camunda/api/engine/engine/default";
    Webapp cockpit = Webapp.login(rest, "shenjian", "cockpit");

    assertForbidden(cockpit.send(HttpMethod.POST, api + "/task/" + leadershipTask + "/complete", "{}"));
    assertForbidden(cockpit.send(HttpMethod.POST, api + "/task/" + leadershipTask + "/submit-form", "{}"));
    assertForbidden(cockpit.send(HttpMethod.POST, api + "/task/" + leadershipTask + "/claim", "{\"userId\":\"shenjian\"}"));
    assertForbidden(cockpit.send(HttpMethod.POST, api + "/task/" + leadershipTask + "/assignee",
        "{\"userId\":\"shenjian\"}"));
    assertForbidden(cockpit.send(HttpMethod.POST, api + "/task/" + leadershipTask + "/delegate",
        "{\"userId\":\"shenjian\"}"));
    assertForbidden(cockpit.send(HttpMethod.POST, api + "/task/" + leadershipTask + "/variables",
        "{\"modifications\":{\"approved\":{\"value\":true,\"type\":\"Boolean\"}}}"));
    assertForbidden(cockpit.send(HttpMethod.PUT, api + "/process-instance/" + instance + "/variables/approved",
        "{\"value\":true,\"type\":\"Boolean\"}"));
    assertForbidden(cockpit.send(HttpMethod.POST, api + "/process-instance/" + instance + "/variables",
        "{\"modifications\":{\"approved\":{\"value\":true,\"type\":\"Boolean\"}}}"));
    assertForbidden(cockpit.send(HttpMethod.DELETE, api + "/process-instance/" + instance, null));
    assertForbidden(cockpit.send(HttpMethod.POST, api + "/process-instance/delete",
        "{\"processInstanceIds\":[\"" + instance + "\"],\"deleteReason\":\"x\"}"));
    assertForbidden(cockpit.send(HttpMethod.DELETE, api + "/history/process-instance/" + ended, null));
    assertForbidden(cockpit.send(HttpMethod.PUT, api + "/job/" + job + "/retries", "{\"retries\":" + (retries + 7) + "}"));
    assertForbidden(cockpit.send(HttpMethod.POST, api + "/job/retries",
        "{\"jobIds\":[\"" + job + "\"],\"retries\":" + (retries + 7) + "}"));
    assertForbidden(cockpit.send(HttpMethod.PUT, api + "/process-instance/" + instance + "/suspended",
        "{\"suspended\":true}"));
    assertForbidden(cockpit.send(HttpMethod.PUT, api + "/process-definition/key/security-fixture/suspended",
        "{\"suspended\":true,\"includeProcessInstances\":true}"));
    assertForbidden(cockpit.send(HttpMethod.POST, api + "/process-instance/" + instance + "/modification",
        "{\"instructions\":[{\"type\":\"cancel\",\"activityId\":\"leadershipTask\"}]}"));
    assertForbidden(cockpit.send(HttpMethod.PUT, api + "/history/user-operation/" + operationId + "/set-annotation",
        "{\"annotation\":\"nothing happened\"}"));
    assertForbidden(cockpit.deploy(api + "/deployment/create"));

    // Nothing changed, and the session is still a working auditor session (refusals were not about it).
    assertThat(tasks.createTaskQuery().taskId(leadershipTask).singleResult().getAssignee()).isNull();
    assertThat(runtime.getVariable(instance, "approved")).isNull();
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance).active().count()).isEqualTo(1);
    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("security-fixture").suspended().count())
        .isZero();
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(ended).count()).isEqualTo(1);
    assertThat(management.createJobQuery().jobId(job).singleResult().getRetries()).isEqualTo(retries);
    assertThat(history.createUserOperationLogQuery().operationId(operationId).singleResult().getAnnotation()).isNull();
    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("intrusion").count()).isZero();
    assertThat(cockpit.get(api + "/history/process-instance?processInstanceId=" + instance).getBody()).contains(instance);
  }

  @Test
  void theWebappsEngineApiRefusesAChangeWithoutTheCsrfHeader() {
    String claim = "/camunda/api/engine/engine/default/task/" + leadershipTask + "/claim";
    Webapp tasklist = Webapp.login(rest, "linzong", "tasklist");
    assertThat(tasklist.post(claim, "{\"userId\":\"linzong\"}", false).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(tasks.createTaskQuery().taskId(leadershipTask).singleResult().getAssignee()).isNull();
    // The refused request also ends the session.
    assertThat(tasklist.post(claim, "{\"userId\":\"linzong\"}", true).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    // A fresh session sending the header may: it was the missing token that was refused, not the user.
    Webapp again = Webapp.login(rest, "linzong", "tasklist");
    assertThat(again.post(claim, "{\"userId\":\"linzong\"}", true).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(tasks.createTaskQuery().taskId(leadershipTask).singleResult().getAssignee()).isEqualTo("linzong");
  }

  @Test
  void theWebappsEngineApiNeedsALogin() {
    assertThat(rest.getForEntity("/camunda/api/engine/engine/default/task", String.class).getStatusCode().value())
        .isIn(401, 403);
  }

  /** A logged-in webapp session: cookies (JSESSIONID, XSRF-TOKEN) kept as the browser would. */
  record Webapp(TestRestTemplate rest, Map<String, String> cookies) {

    static Webapp login(TestRestTemplate rest, String user, String app) {
      Webapp session = new Webapp(rest, new LinkedHashMap<>());
      // A first GET hands out the session and the CSRF token, as loading the login page does.
      session.get("/camunda/app/" + app + "/default/");
      MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
      form.add("username", user);
      form.add("password", user);
      HttpHeaders headers = session.headers(true);
      headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
      ResponseEntity<String> login = session.keep(rest.exchange(
          "/camunda/api/admin/auth/user/default/login/" + app, HttpMethod.POST, new HttpEntity<>(form, headers), String.class));
      assertThat(login.getStatusCode()).as("login of %s to %s: %s", user, app, login.getBody()).isEqualTo(HttpStatus.OK);
      // The login starts a new session; its CSRF token comes with the next GET, as the app's first call.
      assertThat(session.get("/camunda/api/admin/auth/user/default").getBody()).contains(user);
      return session;
    }

    ResponseEntity<String> get(String path) {
      return keep(rest.exchange(path, HttpMethod.GET, new HttpEntity<>(headers(true)), String.class));
    }

    ResponseEntity<String> post(String path, String body, boolean csrfHeader) {
      HttpHeaders headers = headers(csrfHeader);
      headers.setContentType(MediaType.APPLICATION_JSON);
      return keep(rest.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), String.class));
    }

    /** A write with the session's CSRF token, as the webapps send it. */
    ResponseEntity<String> send(HttpMethod method, String path, String body) {
      HttpHeaders headers = headers(true);
      headers.setContentType(MediaType.APPLICATION_JSON);
      return keep(rest.exchange(path, method, new HttpEntity<>(body, headers), String.class));
    }

    ResponseEntity<String> deploy(String path) {
      HttpHeaders headers = headers(true);
      headers.setContentType(MediaType.MULTIPART_FORM_DATA);
      return rest.exchange(path, HttpMethod.POST, new HttpEntity<>(intrusion(), headers), String.class);
    }

    HttpHeaders headers(boolean csrfHeader) {
      HttpHeaders headers = new HttpHeaders();
      if (!cookies.isEmpty()) {
        headers.add(HttpHeaders.COOKIE, cookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue())
            .collect(Collectors.joining("; ")));
      }
      if (csrfHeader && cookies.containsKey("XSRF-TOKEN")) {
        headers.add("X-XSRF-TOKEN", cookies.get("XSRF-TOKEN"));
      }
      return headers;
    }

    ResponseEntity<String> keep(ResponseEntity<String> response) {
      List<String> setCookies = response.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE);
      for (String cookie : setCookies) {
        String pair = cookie.split(";", 2)[0];
        int eq = pair.indexOf('=');
        cookies.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
      }
      return response;
    }
  }

  // ------------------------------------------------------------------------------------------ helpers

  private String start() {
    String id = runtime.startProcessInstanceByKey("security-fixture").getId();
    started.add(id);
    return id;
  }

  private String task(String processInstance, String key) {
    return tasks.createTaskQuery().processInstanceId(processInstance).taskDefinitionKey(key).singleResult().getId();
  }

  private String groupTasksFilter() {
    return json(get("sunli", "/engine-rest/filter?name=" + OrganizationSeeder.FILTER_MY_GROUP_TASKS)).get(0)
        .get("id").asText();
  }

  private List<String> visibleTasks(String user, String processInstance) {
    ResponseEntity<String> response = get(user, "/engine-rest/task?processInstanceId=" + processInstance);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    List<String> ids = new ArrayList<>();
    json(response).forEach(t -> ids.add(t.get("id").asText()));
    return ids;
  }

  /** Refused by the engine's authorization check itself (a 404 from a wrong path would prove nothing). */
  private static void assertForbidden(ResponseEntity<String> response) {
    assertThat(response.getStatusCode().value()).as("refused, got %s", response.getBody()).isEqualTo(403);
    assertThat(response.getBody()).contains("AuthorizationException");
  }

  private static void assertRefused(ResponseEntity<String> response) {
    HttpStatusCode status = response.getStatusCode();
    assertThat(status.value()).as("refused, got %s %s", status, response.getBody()).isIn(403, 404);
  }

  private TestRestTemplate as(String user, String password) {
    return rest.withBasicAuth(user, password);
  }

  private ResponseEntity<String> get(String user, String path) {
    return as(user, user).getForEntity(path, String.class);
  }

  private ResponseEntity<String> post(String user, String path, String body) {
    return post(user, path, body, HttpMethod.POST);
  }

  private ResponseEntity<String> put(String user, String path, String body) {
    return post(user, path, body, HttpMethod.PUT);
  }

  private ResponseEntity<String> delete(String user, String path) {
    return as(user, user).exchange(path, HttpMethod.DELETE, null, String.class);
  }

  private ResponseEntity<String> post(String user, String path, String body, HttpMethod method) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return as(user, user).exchange(path, method, new HttpEntity<>(body, headers), String.class);
  }

  private ResponseEntity<String> deploy(String user) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return as(user, user).exchange("/engine-rest/deployment/create", HttpMethod.POST,
        new HttpEntity<>(intrusion(), headers), String.class);
  }

  /** A deployment of a minimal process "intrusion". */
  static MultiValueMap<String, Object> intrusion() {
    MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    parts.add("deployment-name", "intrusion");
    parts.add("data", new ByteArrayResource(("<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\""
        + " targetNamespace=\"x\"><process id=\"intrusion\" isExecutable=\"true\"/></definitions>").getBytes()) {
      @Override
      public String getFilename() {
        return "intrusion.bpmn";
      }
    });
    return parts;
  }

  private static JsonNode json(ResponseEntity<String> response) {
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
    try {
      return JSON.readTree(response.getBody());
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + response.getBody(), e);
    }
  }
}
