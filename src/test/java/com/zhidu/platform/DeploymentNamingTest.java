package com.zhidu.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zhidu.ZhiduTest;
import com.zhidu.platform.DeploymentNaming.RelativeNameDeploymentConfiguration;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.UrlResource;
import org.springframework.test.util.ReflectionTestUtils;

@ZhiduTest
class DeploymentNamingTest {

  @Autowired ProcessEngine engine;
  @Autowired RepositoryService repository;

  @Test
  void deployedResourcesAreNamedRelativeToProcessesAndForms() {
    Deployment deployment = starterDeployment();
    List<String> names = repository.getDeploymentResourceNames(deployment.getId());
    assertThat(names).isNotEmpty()
        .allSatisfy(name -> assertThat(name).matches("(processes|forms)/[^:]+"))
        // Test fixtures come from target/test-classes and keep their folder too.
        .contains("processes/security-fixture.bpmn", "forms/security-fixture/security-fixture-task.form");
  }

  @Test
  void deployingTheSameResourcesAgainCreatesNoNewVersion() {
    long deployments = repository.createDeploymentQuery().count();
    long processes = repository.createProcessDefinitionQuery().count();
    long decisions = repository.createDecisionDefinitionQuery().count();
    // What the starter does at every start-up, with the resources it resolves at start-up.
    ReflectionTestUtils.invokeMethod(configuration(), "autoDeployResources", engine);
    assertThat(repository.createDeploymentQuery().count()).isEqualTo(deployments);
    assertThat(repository.createProcessDefinitionQuery().count()).isEqualTo(processes);
    assertThat(repository.createDecisionDefinitionQuery().count()).isEqualTo(decisions);
  }

  @Test
  void twoDifferentFilesWithOneRelativeNameRefuseStartUp(@TempDir Path dir) throws IOException {
    Resource a = file(dir.resolve("module-a/classes/processes/x.bpmn"), "<a/>");
    Resource b = file(dir.resolve("module-b/classes/processes/x.bpmn"), "<b/>");
    assertThatThrownBy(() -> RelativeNameDeploymentConfiguration.byRelativeName(List.of(a, b)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("processes/x.bpmn");
  }

  @Test
  void theSameFileFoundTwiceIsDeployedOnce(@TempDir Path dir) throws IOException {
    Resource a = file(dir.resolve("classes/forms/report/report-x.form"), "{}");
    Resource b = file(dir.resolve("test-classes/forms/report/report-x.form"), "{}");
    assertThat(RelativeNameDeploymentConfiguration.byRelativeName(List.of(a, b)))
        .extracting(Resource::getDescription).containsExactly("forms/report/report-x.form");
  }

  @Test
  void namesAreTheSameInTheFatJarAndExploded() throws IOException {
    assertThat(RelativeNameDeploymentConfiguration.relativeName(new UrlResource(
        new URL("jar:file:/opt/zhidu.jar!/BOOT-INF/classes!/processes/decisions/rating.dmn"))))
        .isEqualTo("processes/decisions/rating.dmn");
    assertThat(RelativeNameDeploymentConfiguration.relativeName(
        new FileSystemResource("/home/x/zhidu/target/classes/forms/a/a-b.form")))
        .isEqualTo("forms/a/a-b.form");
    assertThatThrownBy(() -> RelativeNameDeploymentConfiguration.relativeName(
        new FileSystemResource("/home/x/zhidu/target/classes/other/x.bpmn")))
        .hasMessageContaining("outside processes/ and forms/");
  }

  private Deployment starterDeployment() {
    return repository.createDeploymentQuery().deploymentName(configuration().getDeploymentName())
        .orderByDeploymentTime().desc().list().get(0);
  }

  private SpringProcessEngineConfiguration configuration() {
    return (SpringProcessEngineConfiguration) engine.getProcessEngineConfiguration();
  }

  private static Resource file(Path path, String content) throws IOException {
    Files.createDirectories(path.getParent());
    Files.writeString(path, content);
    return new FileSystemResource(path);
  }
}
