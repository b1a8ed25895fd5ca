package com.zhidu.platform.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zhidu.ZhiduTest;
import com.zhidu.platform.Refusal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.el.StartProcessVariableScope;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * Deploying as Camunda Modeler does (multipart {@code deployment/create} with HTTP Basic): only process owners
 * and administrators may, a model breaking the rules is refused with every problem and leaves nothing
 * deployed, an accepted one is recorded with its deployer and diff, and running cases move to a new version.
 */
@ZhiduTest
class DeploymentGuardTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @Autowired TestRestTemplate rest;
  @Autowired ProcessEngine engine;
  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired JdbcTemplate jdbc;
  @Autowired ApplicationContext context;
  @Autowired DeploymentGuard guard;

  // ------------------------------------------------------------------------------------------ who

  @Test
  void onlyProcessOwnersAndAdministratorsMayDeploy() {
    long before = repository.createDeploymentQuery().count();
    for (String user : List.of("zhangwei", "shenjian", "sunli")) {
      ResponseEntity<String> response = deploy(user, Fixtures.procedure("deploy-fixture-who-" + user, "a"));
      assertThat(response.getStatusCode().value()).as("%s: %s", user, response.getBody()).isEqualTo(403);
    }
    assertThat(repository.createDeploymentQuery().count()).isEqualTo(before);
    assertThat(deploy("demo", Fixtures.procedure("deploy-fixture-who-demo", "a")).getStatusCode().value()).isEqualTo(200);
    assertThat(deploy("hanbo", Fixtures.procedure("deploy-fixture-who-hanbo", "a")).getStatusCode().value()).isEqualTo(200);
    assertThat(repository.createDeploymentQuery().count()).isEqualTo(before + 2);
  }

  // ----------------------------------------------------------------------------------------- what

  @Test
  void aBreakingDeploymentIsRefusedWithEveryProblemAndNothingIsDeployed() throws Exception {
    String key = "deploy-fixture-broken";
    String body = """
            <bpmn:startEvent id="start"/>
            <bpmn:scriptTask id="scripted" scriptFormat="javascript">
              <bpmn:documentation>§1.3.3 腳本</bpmn:documentation>
              <bpmn:script>java.lang.Runtime.getRuntime().exec('id')</bpmn:script>
            </bpmn:scriptTask>
            <bpmn:userTask id="missingForm" camunda:formRef="deploy-fixture-nowhere" camunda:candidateGroups="deptManager">
              <bpmn:documentation>§1.3.3 沒有表單</bpmn:documentation>
            </bpmn:userTask>
            <bpmn:userTask id="nobody" camunda:formRef="deploy-fixture-broken-task">
              <bpmn:documentation>§1.3.3 沒有負責人</bpmn:documentation>
              <bpmn:extensionElements>
                <camunda:properties><camunda:property name="fourEyes" value="task:ghost"/></camunda:properties>
              </bpmn:extensionElements>
            </bpmn:userTask>
            <bpmn:serviceTask id="sneaky" camunda:expression="${jdbcTemplate.execute('drop table task_action')}">
              <bpmn:documentation>§1.3.3 呼叫未允許的元件</bpmn:documentation>
            </bpmn:serviceTask>
            <bpmn:serviceTask id="reflective" camunda:expression="${note.getClass().forName('java.lang.Runtime')}">
              <bpmn:documentation>§1.3.3 反射</bpmn:documentation>
            </bpmn:serviceTask>
            <bpmn:endEvent id="end"/>
        """ + Fixtures.flow("start", "scripted") + Fixtures.flow("scripted", "missingForm")
        + Fixtures.flow("missingForm", "nobody") + Fixtures.flow("nobody", "sneaky")
        + Fixtures.flow("sneaky", "reflective") + Fixtures.flow("reflective", "end");
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put(key + ".bpmn", Fixtures.definitions(key, body).getBytes(StandardCharsets.UTF_8));
    files.put(key + "-task.form", Fixtures.form(key + "-task").getBytes(StandardCharsets.UTF_8));
    long deployments = repository.createDeploymentQuery().count();
    long definitions = repository.createProcessDefinitionQuery().count();

    ResponseEntity<String> response = deploy("hanbo", files);

    assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(400);
    JsonNode refusal = JSON.readTree(response.getBody());
    assertThat(refusal.get("type").asText()).isEqualTo("Refusal");
    List<String> problems = new ArrayList<>();
    refusal.get("errors").forEach(e -> problems.add(e.get("messageEn").asText()));
    assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("SCRIPT").contains("[scripted]"))
        .anySatisfy(p -> assertThat(p).startsWith("FORM_REF").contains("[missingForm]", "deploy-fixture-nowhere"))
        .anySatisfy(p -> assertThat(p).startsWith("ROUTING").contains("[nobody]"))
        .anySatisfy(p -> assertThat(p).startsWith("FOUR_EYES").contains("[nobody]", "ghost"))
        .anySatisfy(p -> assertThat(p).startsWith("BEAN").contains("[sneaky]", "jdbcTemplate"))
        .anySatisfy(p -> assertThat(p).startsWith("EXPRESSION").contains("[reflective]"));
    // The form of the same deployment counts: no problem about it; the variable 'note' is no bean.
    assertThat(problems).noneMatch(p -> p.contains("deploy-fixture-broken-task") || p.contains("'note'"));
    assertThat(refusal.get("message").asText()).contains("腳本", "表單", "負責角色");

    assertThat(repository.createDeploymentQuery().count()).isEqualTo(deployments);
    assertThat(repository.createProcessDefinitionQuery().count()).isEqualTo(definitions);
    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(key).count()).isZero();
  }

  @Test
  void theJavaApiIsGuardedToo() {
    String key = "deploy-fixture-java";
    String body = """
            <bpmn:startEvent id="start"/>
            <bpmn:serviceTask id="call" camunda:delegateExpression="${organizationSeeder}">
              <bpmn:documentation>§1.3.3 呼叫未允許的元件</bpmn:documentation>
            </bpmn:serviceTask>
            <bpmn:endEvent id="end"/>
        """ + Fixtures.flow("start", "call") + Fixtures.flow("call", "end");
    long deployments = repository.createDeploymentQuery().count();

    Throwable thrown = catchThrowable(() -> repository.createDeployment().name("java")
        .addString(key + ".bpmn20.xml", Fixtures.definitions(key, body)).deploy());

    assertThat(thrown).isInstanceOf(Refusal.class);
    assertThat(((Refusal) thrown).errors()).extracting(Refusal.Error::messageEn)
        .anySatisfy(m -> assertThat(m).startsWith("BEAN").contains("organizationSeeder"));
    assertThat(repository.createDeploymentQuery().count()).isEqualTo(deployments);
  }

  @Test
  void cmmnIsRefused() {
    long deployments = repository.createDeploymentQuery().count();
    ResponseEntity<String> response = deploy("hanbo", Map.of("case.cmmn",
        "<definitions xmlns=\"http://www.omg.org/spec/CMMN/20151109/MODEL\"/>".getBytes(StandardCharsets.UTF_8)));
    assertThat(response.getStatusCode().value()).isEqualTo(400);
    assertThat(response.getBody()).contains("RESOURCE", "CMMN");
    assertThat(repository.createDeploymentQuery().count()).isEqualTo(deployments);
  }

  // --------------------------------------------------------------------------------------- record

  @Test
  void anAcceptedChangeIsRecordedWithItsDeployerAndDiff() throws Exception {
    String key = "deploy-fixture-diff";
    assertThat(deploy("hanbo", Fixtures.procedure(key, "draft", "review")).getStatusCode().value()).isEqualTo(200);
    Map<String, byte[]> changed = Fixtures.procedure(key, "draft", "check", "review");
    // "review" changes its name; "draft" and "review" also change their flows, which are elements of their own.
    String bpmn = new String(changed.get(key + ".bpmn"), StandardCharsets.UTF_8).replace("步驟 review", "主管審核");
    changed.put(key + ".bpmn", bpmn.getBytes(StandardCharsets.UTF_8));

    ResponseEntity<String> accepted = deploy("hanbo", changed);

    assertThat(accepted.getStatusCode().value()).as(accepted.getBody()).isEqualTo(200);
    String deploymentId = JSON.readTree(accepted.getBody()).get("id").asText();
    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion().singleResult()
        .getVersion()).isEqualTo(2);

    ResponseEntity<String> list = rest.withBasicAuth("shenjian", "shenjian").getForEntity("/zhidu/api/deployments", String.class);
    assertThat(list.getStatusCode().value()).as(list.getBody()).isEqualTo(200);
    JsonNode record = null;
    for (JsonNode entry : JSON.readTree(list.getBody())) {
      if (entry.get("deploymentId").asText().equals(deploymentId)) {
        record = entry;
      }
    }
    assertThat(record).as("record of %s in %s", deploymentId, list.getBody()).isNotNull();
    assertThat(record.get("deployedBy").asText()).isEqualTo("hanbo");
    JsonNode process = record.get("diff").get("processes").get(0);
    assertThat(process.get("processKey").asText()).isEqualTo(key);
    assertThat(process.get("previousVersion").asInt()).isEqualTo(1);
    assertThat(texts(process.get("added"))).containsExactlyInAnyOrder("check", "draft_check", "check_review");
    assertThat(texts(process.get("removed"))).containsExactly("draft_review");
    assertThat(texts(process.get("changed"))).containsExactly("review");
    JsonNode form = record.get("diff").get("forms").get(0);
    assertThat(form.get("key").asText()).isEqualTo(key + "-task");
    assertThat(form.get("status").asText()).isEqualTo("unchanged");

    for (String reader : List.of("hanbo", "demo")) {
      assertThat(rest.withBasicAuth(reader, reader).getForEntity("/zhidu/api/deployments", String.class)
          .getStatusCode().value()).isEqualTo(200);
    }
    for (String other : List.of("zhangwei", "sunli")) {
      assertThat(rest.withBasicAuth(other, other).getForEntity("/zhidu/api/deployments", String.class)
          .getStatusCode().value()).isEqualTo(403);
    }
  }

  @Test
  void theStartUpDeploymentPassedTheGuardAndIsRecordedWithoutADeployer() {
    Long recorded = jdbc.queryForObject("select count(*) from deployment_record where deployed_by is null"
        + " and resources like ?", Long.class, "%processes/report-submission.bpmn%");
    assertThat(recorded).isPositive();
    assertThat(guard.allowedBeans()).as("beans the shipped models call").contains("storeReport", "reportRepository")
        .doesNotContain("jdbcTemplate", "organizationSeeder", "processEngine");
  }

  @Test
  void atRunTimeExpressionsResolveOnlyAllowedBeans() {
    var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    var expressions = configuration.getExpressionManager();
    var scope = StartProcessVariableScope.getSharedInstance();
    Object allowed = configuration.getCommandExecutorTxRequired()
        .execute(c -> expressions.createExpression("${reportRepository}").getValue(scope));
    assertThat(allowed).isSameAs(context.getBean("reportRepository"));
    Throwable refused = catchThrowable(() -> configuration.getCommandExecutorTxRequired()
        .execute(c -> expressions.createExpression("${jdbcTemplate}").getValue(scope)));
    assertThat(refused).isInstanceOf(ProcessEngineException.class).hasMessageContaining("jdbcTemplate");
    assertThat(context.containsBean("jdbcTemplate")).as("it is a bean, just not for models").isTrue();
  }

  // ------------------------------------------------------------------------------------ migration

  @Test
  void runningCasesMoveToTheNewVersionAndContinueWithTheAddedStep() throws Exception {
    String key = "deploy-fixture-migration";
    assertThat(deploy("hanbo", Fixtures.procedure(key, "draft", "review")).getStatusCode().value()).isEqualTo(200);
    String instance = runtime.startProcessInstanceByKey(key).getId();
    assertThat(deploy("hanbo", Fixtures.procedure(key, "draft", "check", "review")).getStatusCode().value())
        .isEqualTo(200);

    JsonNode versions = JSON.readTree(rest.withBasicAuth("hanbo", "hanbo")
        .getForEntity("/zhidu/api/versions?processDefinitionKey=" + key, String.class).getBody());
    assertThat(versions).hasSize(2);
    assertThat(versions.get(0).get("version").asInt()).isEqualTo(2);
    assertThat(versions.get(0).get("runningCases").asLong()).isZero();
    assertThat(versions.get(1).get("version").asInt()).isEqualTo(1);
    assertThat(versions.get(1).get("runningCases").asLong()).isEqualTo(1);

    assertThat(migrate("zhangwei", key).getStatusCode().value()).isEqualTo(403);
    ResponseEntity<String> migrated = migrate("hanbo", key);
    assertThat(migrated.getStatusCode().value()).as(migrated.getBody()).isEqualTo(200);
    JsonNode result = JSON.readTree(migrated.getBody()).get(0);
    assertThat(result.get("fromVersion").asInt()).isEqualTo(1);
    assertThat(result.get("toVersion").asInt()).isEqualTo(2);
    assertThat(result.get("migratedCases").asLong()).isEqualTo(1);

    assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance).singleResult().getProcessDefinitionId())
        .isEqualTo(repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion().singleResult().getId());
    Task draft = tasks.createTaskQuery().processInstanceId(instance).singleResult();
    assertThat(draft.getTaskDefinitionKey()).isEqualTo("draft");
    tasks.complete(draft.getId());
    assertThat(tasks.createTaskQuery().processInstanceId(instance).singleResult().getTaskDefinitionKey())
        .as("the step added in version 2").isEqualTo("check");
    runtime.deleteProcessInstance(instance, "DeploymentGuardTest done");
  }

  @Test
  void aCaseStandingOnARemovedStepIsNotMigratedAndNothingMoves() throws Exception {
    String key = "deploy-fixture-removed";
    assertThat(deploy("hanbo", Fixtures.procedure(key, "draft", "review")).getStatusCode().value()).isEqualTo(200);
    String instance = runtime.startProcessInstanceByKey(key).getId();
    assertThat(deploy("hanbo", Fixtures.procedure(key, "write", "review")).getStatusCode().value()).isEqualTo(200);

    ResponseEntity<String> refused = migrate("hanbo", key);

    assertThat(refused.getStatusCode().value()).as(refused.getBody()).isEqualTo(400);
    assertThat(refused.getBody()).contains("Refusal", "無法自動遷移");
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance).singleResult().getProcessDefinitionId())
        .isEqualTo(repository.createProcessDefinitionQuery().processDefinitionKey(key).processDefinitionVersion(1)
            .singleResult().getId());
    runtime.deleteProcessInstance(instance, "DeploymentGuardTest done");
  }

  // -------------------------------------------------------------------------------------- helpers

  /** What Camunda Modeler sends: one part per file, named by file name, plus the deployment's name. */
  ResponseEntity<String> deploy(String user, Map<String, byte[]> files) {
    MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    parts.add("deployment-name", "modeler");
    parts.add("deployment-source", "Camunda Modeler");
    files.forEach((name, bytes) -> parts.add(name, new ByteArrayResource(bytes) {
      @Override
      public String getFilename() {
        return name;
      }
    }));
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return rest.withBasicAuth(user, user).exchange("/engine-rest/engine/" + engine.getName() + "/deployment/create",
        HttpMethod.POST, new HttpEntity<>(parts, headers), String.class);
  }

  ResponseEntity<String> migrate(String user, String key) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return rest.withBasicAuth(user, user).exchange("/zhidu/api/migrations", HttpMethod.POST,
        new HttpEntity<>("{\"processDefinitionKey\":\"" + key + "\"}", headers), String.class);
  }

  static List<String> texts(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }
}
