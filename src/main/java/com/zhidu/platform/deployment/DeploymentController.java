package com.zhidu.platform.deployment;

import com.zhidu.platform.Refusal;
import com.zhidu.platform.deployment.DeploymentRecords.Entry;
import com.zhidu.platform.deployment.ProcessVersions.Migration;
import com.zhidu.platform.deployment.ProcessVersions.VersionCount;
import com.zhidu.platform.deployment.RepositoryDrift.Drift;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.spring.boot.starter.configuration.CamundaDeploymentConfiguration;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Zhidu's API around deployments (docs/processOwner-guide.md):
 * <ul>
 *   <li>{@code GET /zhidu/api/deployments[?max=50]}: accepted deployments, newest first, with deployer and diff;</li>
 *   <li>{@code GET /zhidu/api/deployments/drift}: processes whose newest version was deployed from Modeler and
 *       differs from the repository's file (kept active at start-up, see {@link RepositoryDrift});</li>
 *   <li>{@code GET /zhidu/api/versions[?processDefinitionKey=…]}: running cases per process version;</li>
 *   <li>{@code POST /zhidu/api/migrations {"processDefinitionKey":"…"}}: moves every running case of older
 *       versions to the newest one (equal activities mapped by id).</li>
 * </ul>
 * Reading: process owners, auditors, administrators. Migrating: process owners and administrators.
 */
@RestController
public class DeploymentController {

  static final List<String> READERS = List.of("processOwner", "auditor", "camunda-admin");
  static final List<String> MIGRATORS = List.of("processOwner", "camunda-admin");

  public record MigrationRequest(String processDefinitionKey) {}

  private final ProcessEngine engine;
  private final DeploymentRecords records;
  private final ProcessVersions versions;
  private final RepositoryDrift drift;
  private final CamundaDeploymentConfiguration startupDeployment;

  public DeploymentController(ProcessEngine engine, DeploymentRecords records, ProcessVersions versions,
      RepositoryDrift drift, CamundaDeploymentConfiguration startupDeployment) {
    this.engine = engine;
    this.records = records;
    this.versions = versions;
    this.drift = drift;
    this.startupDeployment = startupDeployment;
  }

  @GetMapping("/zhidu/api/deployments")
  public List<Entry> deployments(@RequestParam(defaultValue = "50") int max) {
    requireGroup(READERS, "只有流程管理員、審計及系統管理員可以查看部署紀錄",
        "Only process owners, auditors and administrators may read deployment records.");
    return records.list(Math.max(1, Math.min(max, 500)));
  }

  @GetMapping("/zhidu/api/deployments/drift")
  public List<Drift> drift() {
    requireGroup(READERS, "只有流程管理員、審計及系統管理員可以查看與儲存庫不一致的流程",
        "Only process owners, auditors and administrators may read repository drift.");
    return drift.find(engine, startupDeployment.getDeploymentResources());
  }

  @GetMapping("/zhidu/api/versions")
  public List<VersionCount> versions(@RequestParam(required = false) String processDefinitionKey) {
    requireGroup(READERS, "只有流程管理員、審計及系統管理員可以查看流程版本",
        "Only process owners, auditors and administrators may read process versions.");
    return versions.runningCases(processDefinitionKey);
  }

  @PostMapping("/zhidu/api/migrations")
  public List<Migration> migrate(@RequestBody MigrationRequest request) {
    requireGroup(MIGRATORS, "只有流程管理員及系統管理員可以遷移執行中的案件",
        "Only process owners and administrators may migrate running cases.");
    if (request == null || request.processDefinitionKey() == null || request.processDefinitionKey().isBlank()) {
      throw Refusal.of(400, "processDefinitionKey", "請指定流程(processDefinitionKey)",
          "processDefinitionKey is required.");
    }
    return versions.migrateToLatest(request.processDefinitionKey().trim());
  }

  private void requireGroup(List<String> groups, String zh, String en) {
    Authentication user = engine.getIdentityService().getCurrentAuthentication();
    if (user == null || user.getGroupIds() == null || user.getGroupIds().stream().noneMatch(groups::contains)) {
      throw Refusal.of(403, null, zh, en);
    }
  }
}
