package com.zhidu.platform.deployment;

import com.zhidu.platform.ModelChecks;
import com.zhidu.platform.ModelChecks.Source;
import com.zhidu.platform.deployment.ModelDiff.ProcessChange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.springframework.core.io.Resource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Processes and decisions whose newest deployed version was deployed by a person (Camunda Modeler, REST: a
 * {@code deployment_record} with a deployer) and differs from the repository's file. The repository stays the
 * source of truth, but a trial or urgent fix deployed from Modeler is not silently replaced at start-up:
 * the start-up deployment leaves such files out, logs a warning, and {@code GET /zhidu/api/deployments/drift}
 * lists them until the change is committed (or the repository's file is deployed again).
 */
@Component
public class RepositoryDrift {

  /**
   * One drifted process or decision ({@code kind}): {@code added}/{@code removed}/{@code changed} are element
   * ids of the deployed version compared with the repository's {@code file}.
   */
  public record Drift(String kind, String key, int deployedVersion, String deploymentId, String deploymentSource,
      String deployedBy, Instant deployedAt, String file, List<String> added, List<String> removed,
      List<String> changed) {

    public String describe() {
      return kind + " '" + key + "' version " + deployedVersion + " deployed by " + deployedBy + " differs from "
          + file + ": added " + added + ", removed " + removed + ", changed " + changed;
    }
  }

  static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";

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
          if (name.endsWith(".bpmn")) {
            Source repository = new Source(name, name, bytes(file));
            for (String key : ModelDiff.processIds(repository)) {
              var latest = context.getProcessDefinitionManager().findLatestProcessDefinitionByKey(key);
              if (latest != null) {
                compare(context, "process", key, latest.getVersion(), latest.getDeploymentId(), latest.getResourceName(),
                    repository, drifts);
              }
            }
          } else if (name.endsWith(".dmn")) {
            Source repository = new Source(name, name, bytes(file));
            for (String key : decisionIds(repository)) {
              var latest = context.getDecisionDefinitionManager().findLatestDecisionDefinitionByKey(key);
              if (latest != null) {
                compare(context, "decision", key, latest.getVersion(), latest.getDeploymentId(), latest.getResourceName(),
                    repository, drifts);
              }
            }
          }
        }
        return drifts;
      } finally {
        context.enableAuthorizationCheck();
      }
    });
  }

  private void compare(CommandContext context, String kind, String key, int version, String deploymentId,
      String resourceName, Source repository, List<Drift> drifts) {
    Deployer deployer = deployer(deploymentId);
    if (deployer == null) {
      return; // the start-up deployment (no deployer) or a deployment made before records existed
    }
    ResourceEntity deployed = context.getResourceManager().findResourceByDeploymentIdAndResourceName(deploymentId,
        resourceName);
    if (deployed == null) {
      return;
    }
    Source running = new Source(DeploymentGuard.checkedName(resourceName), resourceName, deployed.getBytes());
    ProcessChange change = "process".equals(kind) ? ModelDiff.compare(key, null, repository, running)
        : ModelDiff.compareDecision(key, repository, running);
    if (!change.added().isEmpty() || !change.removed().isEmpty() || !change.changed().isEmpty()) {
      var deployment = context.getDeploymentManager().findDeploymentById(deploymentId);
      drifts.add(new Drift(kind, key, version, deploymentId, deployment == null ? null : deployment.getSource(),
          deployer.user(), deployer.at(), repository.name(), change.added(), change.removed(), change.changed()));
    }
  }

  /**
   * The files the start-up deployment leaves out: the drifted ones, and every process file naming a drifted
   * decision in {@code camunda:decisionRef} (bound by deployment, it would run on the repository's old table).
   */
  public Set<String> leftOut(List<Drift> drifts, Collection<? extends Resource> files) {
    Set<String> names = new TreeSet<>();
    Set<String> decisions = new TreeSet<>();
    for (Drift drift : drifts) {
      names.add(drift.file());
      if ("decision".equals(drift.kind())) {
        decisions.add(drift.key());
      }
    }
    for (Resource file : files) {
      String name = file.getDescription();
      if (name.endsWith(".bpmn") && !decisions.isEmpty()) {
        Document doc = ModelChecks.readXml(new Source(name, name, bytes(file)));
        NodeList tasks = doc == null ? null : doc.getElementsByTagNameNS("*", "businessRuleTask");
        for (int i = 0; tasks != null && i < tasks.getLength(); i++) {
          String ref = ((Element) tasks.item(i)).getAttributeNS(CAMUNDA, "decisionRef");
          if (decisions.contains(ref)) {
            names.add(name);
          }
        }
      }
    }
    return names;
  }

  private static List<String> decisionIds(Source dmn) {
    List<String> ids = new ArrayList<>();
    Document doc = ModelChecks.readXml(dmn);
    NodeList list = doc == null ? null : doc.getElementsByTagNameNS("*", "decision");
    for (int i = 0; list != null && i < list.getLength(); i++) {
      ids.add(((Element) list.item(i)).getAttribute("id"));
    }
    return ids;
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
