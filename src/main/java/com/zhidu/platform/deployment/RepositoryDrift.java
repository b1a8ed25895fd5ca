package com.zhidu.platform.deployment;

import com.zhidu.platform.ModelChecks.Source;
import com.zhidu.platform.deployment.ModelDiff.ProcessChange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.springframework.core.io.Resource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Processes whose newest deployed version was deployed by a person (Camunda Modeler, REST: a
 * {@code deployment_record} with a deployer) and differs from the repository's file. The repository stays the
 * source of truth, but a trial or urgent fix deployed from Modeler is not silently replaced at start-up:
 * the start-up deployment leaves such files out, logs a warning, and {@code GET /zhidu/api/deployments/drift}
 * lists them until the change is committed (or the repository's file is deployed again).
 */
@Component
public class RepositoryDrift {

  /**
   * One drifted process: {@code added}/{@code removed}/{@code changed} are element ids of the deployed
   * version compared with the repository's {@code file}.
   */
  public record Drift(String processKey, int deployedVersion, String deploymentId, String deploymentSource,
      String deployedBy, Instant deployedAt, String file, List<String> added, List<String> removed,
      List<String> changed) {

    public String describe() {
      return "process '" + processKey + "' version " + deployedVersion + " deployed by " + deployedBy + " differs from "
          + file + ": added " + added + ", removed " + removed + ", changed " + changed;
    }
  }

  private final JdbcTemplate jdbc;

  public RepositoryDrift(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The drifted processes among the BPMN {@code files}, each named by its deployment name (e.g.
   * {@code processes/sales-contract.bpmn}, as DeploymentNaming names them).
   */
  public List<Drift> find(ProcessEngine engine, Collection<? extends Resource> files) {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    return configuration.getCommandExecutorTxRequired().execute(context -> {
      // Whoever asks (start-up, an auditor), the comparison needs every definition and resource.
      context.disableAuthorizationCheck();
      try {
        List<Drift> drifts = new ArrayList<>();
        for (Resource file : files) {
          String name = file.getDescription();
          if (!name.endsWith(".bpmn")) {
            continue;
          }
          Source repository = new Source(name, name, bytes(file));
          for (String key : ModelDiff.processIds(repository)) {
            var latest = context.getProcessDefinitionManager().findLatestProcessDefinitionByKey(key);
            if (latest == null) {
              continue;
            }
            Deployer deployer = deployer(latest.getDeploymentId());
            if (deployer == null) {
              continue; // the start-up deployment (no deployer) or a deployment before records existed
            }
            ResourceEntity deployed = context.getResourceManager()
                .findResourceByDeploymentIdAndResourceName(latest.getDeploymentId(), latest.getResourceName());
            if (deployed == null) {
              continue;
            }
            ProcessChange change = ModelDiff.compare(key, null, repository,
                new Source(DeploymentGuard.checkedName(latest.getResourceName()), latest.getResourceName(), deployed.getBytes()));
            if (!change.added().isEmpty() || !change.removed().isEmpty() || !change.changed().isEmpty()) {
              var deployment = context.getDeploymentManager().findDeploymentById(latest.getDeploymentId());
              drifts.add(new Drift(key, latest.getVersion(), latest.getDeploymentId(),
                  deployment == null ? null : deployment.getSource(), deployer.user(), deployer.at(), name,
                  change.added(), change.removed(), change.changed()));
            }
          }
        }
        return drifts;
      } finally {
        context.enableAuthorizationCheck();
      }
    });
  }

  private record Deployer(String user, Instant at) {}

  private Deployer deployer(String deploymentId) {
    List<Deployer> found = jdbc.query("select deployed_by, deployed_at from deployment_record where deployment_id = ?"
            + " and deployed_by is not null",
        (rs, row) -> new Deployer(rs.getString(1), instant(rs.getTimestamp(2))), deploymentId);
    return found.isEmpty() ? null : found.get(0);
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }

  private static byte[] bytes(Resource resource) {
    try (var in = resource.getInputStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
