package com.zhidu.platform.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zhidu.ZhiduTest;
import com.zhidu.platform.DeploymentNaming.RelativeNameDeploymentConfiguration;
import com.zhidu.platform.deployment.RepositoryDrift.Drift;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.spring.boot.starter.configuration.CamundaDeploymentConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The repository stays the source of truth without silently replacing a process owner's Modeler deployment:
 * the start-up deployment leaves out a process whose newest version came from Modeler and differs from the
 * file, and the drift is reported; once the file equals that version, nothing is reported.
 */
@ZhiduTest
class RepositoryDriftTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String KEY = "report-approval";
  static final String FILE = "processes/report-approval.bpmn";

  @Autowired TestRestTemplate rest;
  @Autowired ProcessEngine engine;
  @Autowired RepositoryService repository;
  @Autowired CamundaDeploymentConfiguration startup;

  final List<String> modelerDeployments = new ArrayList<>();
  final List<String> startupDeployments = new ArrayList<>();

  @AfterEach
  void removeTrialVersions() {
    // The context is shared: later tests must find the shipped report-approval as the newest version again.
    startupDeployments.forEach(id -> repository.deleteDeployment(id, true));
    modelerDeployments.forEach(id -> repository.deleteDeployment(id, true));
  }

  @Test
  void aDifferentModelerVersionStaysActiveAtStartUpAndIsReported() throws Exception {
    String repositoryFile = Files.readString(Path.of(FILE));
    String trial = repositoryFile.replace("name=\"部門經理審核\"", "name=\"部門經理審核(試行)\"");
    assertThat(trial).isNotEqualTo(repositoryFile);
    int trialVersion = deployFromModeler(trial);

    // A later release changed the file in another way; the start-up deployment runs with it.
    String release = repositoryFile.replace("name=\"公司領導審批\"", "name=\"公司領導核准\"");
    assertThat(release).isNotEqualTo(repositoryFile);
    List<Resource> releaseFiles = new ArrayList<>(startupFiles());
    releaseFiles.removeIf(r -> r.getDescription().equals(FILE));
    releaseFiles.add(named(FILE, release.getBytes(StandardCharsets.UTF_8)));
    long deploymentsBefore = repository.createDeploymentQuery().count();

    List<Drift> drifts = startupDeployment().deploy(engine, releaseFiles);
    rememberNewStartupDeployments(deploymentsBefore);

    assertThat(latestVersion()).as("the Modeler version stays the newest").isEqualTo(trialVersion);
    assertThat(drifts).singleElement().satisfies(d -> {
      assertThat(d.kind()).isEqualTo("process");
      assertThat(d.key()).isEqualTo(KEY);
      assertThat(d.deployedBy()).isEqualTo("hanbo");
      assertThat(d.deployedVersion()).isEqualTo(trialVersion);
      assertThat(d.changed()).containsExactlyInAnyOrder("managerReview", "leadershipApproval");
      assertThat(d.added()).isEmpty();
      assertThat(d.removed()).isEmpty();
    });

    // The running application compares against its own files: the trial's change is reported.
    JsonNode reported = drift("shenjian");
    assertThat(reported).hasSize(1);
    assertThat(reported.get(0).path("key").asText()).isEqualTo(KEY);
    assertThat(reported.get(0).path("file").asText()).isEqualTo(FILE);
    assertThat(reported.get(0).path("changed").toString()).isEqualTo("[\"managerReview\"]");
    assertThat(drift("hanbo")).hasSize(1);
    assertThat(rest.withBasicAuth("zhangwei", "zhangwei").getForEntity("/zhidu/api/deployments/drift", String.class)
        .getStatusCode().value()).isEqualTo(403);
  }

  @Test
  void aModelerVersionEqualToTheFileIsNotReportedAndNotSkipped() throws Exception {
    // Modeler writes the same model in its own layout; only the model, not the bytes, must be equal.
    String repositoryFile = Files.readString(Path.of(FILE));
    deployFromModeler(repositoryFile.replace("\n", "\r\n"));

    long deploymentsBefore = repository.createDeploymentQuery().count();
    List<Drift> drifts = startupDeployment().deploy(engine, startupFiles());
    rememberNewStartupDeployments(deploymentsBefore);

    assertThat(drifts).isEmpty();
    assertThat(drift("shenjian")).isEmpty();
  }

  @Test
  void aDecisionTableChangedInModelerStaysWithItsProcessAtStartUp() throws Exception {
    // The worked example of the guide: leadership approval from TWD 3 million instead of 5 million, deployed
    // with the unchanged sales-contract process (decisionRefBinding="deployment") and its forms.
    String dmn = Files.readString(Path.of("processes/decisions/contract-approval.dmn"));
    String lowered = dmn.replace("<inputEntry id=\"Rule_2_Value\"><text>&gt;= 5000000</text>",
        "<inputEntry id=\"Rule_2_Value\"><text>&gt;= 3000000</text>");
    assertThat(lowered).isNotEqualTo(dmn);
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("sales-contract.bpmn", Files.readAllBytes(Path.of("processes/sales-contract.bpmn")));
    files.put("contract-approval.dmn", lowered.getBytes(StandardCharsets.UTF_8));
    try (var forms = Files.list(Path.of("forms/sales-contract"))) {
      for (Path form : forms.sorted().toList()) {
        files.put(form.getFileName().toString(), Files.readAllBytes(form));
      }
    }
    deployFromModeler("sales-contract", files);
    int process = repository.createProcessDefinitionQuery().processDefinitionKey("sales-contract").latestVersion()
        .singleResult().getVersion();
    int decision = repository.createDecisionDefinitionQuery().decisionDefinitionKey("contract-approval").latestVersion()
        .singleResult().getVersion();

    // A release changes another procedure: the start-up deployment deploys, but not the table or its process.
    List<Resource> releaseFiles = new ArrayList<>(startupFiles());
    String other = "processes/report-submission.bpmn";
    Resource changed = releaseFiles.stream().filter(r -> r.getDescription().equals(other)).findFirst().orElseThrow();
    releaseFiles.remove(changed);
    releaseFiles.add(named(other, (new String(changed.getContentAsByteArray(), StandardCharsets.UTF_8)
        + "<!-- release -->").getBytes(StandardCharsets.UTF_8)));
    long deploymentsBefore = repository.createDeploymentQuery().count();

    List<Drift> drifts = startupDeployment().deploy(engine, releaseFiles);
    rememberNewStartupDeployments(deploymentsBefore);

    assertThat(drifts).singleElement().satisfies(d -> {
      assertThat(d.kind()).isEqualTo("decision");
      assertThat(d.key()).isEqualTo("contract-approval");
      assertThat(d.changed()).containsExactly("Rule_2_Value");
    });
    assertThat(startupDeployments).as("the release was deployed").hasSize(1);
    assertThat(repository.getDeploymentResourceNames(startupDeployments.get(0)))
        .contains(other).doesNotContain("processes/sales-contract.bpmn", "processes/decisions/contract-approval.dmn");
    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("sales-contract").latestVersion()
        .singleResult().getVersion()).isEqualTo(process);
    assertThat(repository.createDecisionDefinitionQuery().decisionDefinitionKey("contract-approval").latestVersion()
        .singleResult().getVersion()).isEqualTo(decision);
    JsonNode reported = drift("hanbo");
    assertThat(reported).hasSize(1);
    assertThat(reported.get(0).path("kind").asText()).isEqualTo("decision");
  }

  RelativeNameDeploymentConfiguration startupDeployment() {
    return (RelativeNameDeploymentConfiguration) startup;
  }

  List<Resource> startupFiles() {
    return new ArrayList<>(startup.getDeploymentResources());
  }

  int latestVersion() {
    return repository.createProcessDefinitionQuery().processDefinitionKey(KEY).latestVersion().singleResult().getVersion();
  }

  void rememberNewStartupDeployments(long before) {
    repository.createDeploymentQuery().orderByDeploymentTime().desc().listPage(0,
        (int) (repository.createDeploymentQuery().count() - before)).forEach(d -> startupDeployments.add(d.getId()));
  }

  /** As Camunda Modeler deploys: the process with the forms it binds by deployment. */
  int deployFromModeler(String bpmn) throws Exception {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("report-approval.bpmn", bpmn.getBytes(StandardCharsets.UTF_8));
    for (String form : List.of("manager-review.form", "leadership-approval.form")) {
      files.put(form, Files.readAllBytes(Path.of("forms/report-approval", form)));
    }
    deployFromModeler(KEY, files);
    return latestVersion();
  }

  void deployFromModeler(String deploymentName, Map<String, byte[]> files) throws Exception {
    MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    parts.add("deployment-name", deploymentName);
    parts.add("deployment-source", "Camunda Modeler");
    files.forEach((name, bytes) -> parts.add(name, new ByteArrayResource(bytes) {
      @Override
      public String getFilename() {
        return name;
      }
    }));
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    ResponseEntity<String> response = rest.withBasicAuth("hanbo", "hanbo").exchange(
        "/engine-rest/engine/" + engine.getName() + "/deployment/create", HttpMethod.POST,
        new HttpEntity<>(parts, headers), String.class);
    assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
    modelerDeployments.add(0, JSON.readTree(response.getBody()).path("id").asText());
  }

  JsonNode drift(String user) throws Exception {
    ResponseEntity<String> response = rest.withBasicAuth(user, user).getForEntity("/zhidu/api/deployments/drift",
        String.class);
    assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
    return JSON.readTree(response.getBody());
  }

  static Resource named(String name, byte[] bytes) {
    return new ByteArrayResource(bytes, name) {
      @Override
      public String getDescription() {
        return name;
      }
    };
  }
}
