package com.zhidu.platform.deployment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zhidu.platform.ModelChecks;
import com.zhidu.platform.ModelChecks.Source;
import com.zhidu.platform.deployment.ModelDiff.ProcessChange;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The {@code deployment_record} table: every accepted deployment with its deployer and what changed against
 * the latest earlier version of each process (elements by id), decision and form (changed or not). Written
 * inside the deploy command, so it commits or rolls back with the deployment.
 */
@Component
public class DeploymentRecords {

  /** A decision or form: {@code status} is added, changed or unchanged. */
  public record Change(String key, Integer previousVersion, String status) {}

  public record Diff(List<ProcessChange> processes, List<Change> decisions, List<Change> forms) {}

  public record Entry(long id, String deploymentId, String deploymentName, String source, String deployedBy,
      Instant deployedAt, List<String> resources, Diff diff) {}

  static final int MAX_DIFF = 100_000;
  /** Column size of deployment_record.resources (V26): room for some two thousand resource names. */
  static final int MAX_RESOURCES = 100_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final JdbcTemplate jdbc;

  public DeploymentRecords(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  void record(DeploymentEntity deployment, CommandContext context) {
    Map<String, ResourceEntity> resources = new TreeMap<>(deployment.getResources());
    String diff = json(diff(resources, context));
    if (diff.length() > MAX_DIFF) {
      diff = json(new Diff(List.of(), List.of(), List.of(new Change("(diff too large to record)", null, "changed"))));
    }
    String names = String.join(",", resources.keySet());
    jdbc.update("insert into deployment_record (deployment_id, deployment_name, source, deployed_by, deployed_at,"
            + " resources, diff) values (?, ?, ?, ?, ?, ?, ?)",
        deployment.getId(), deployment.getName(), deployment.getSource(), context.getAuthenticatedUserId(),
        Timestamp.from(deployment.getDeploymentTime().toInstant()),
        names.length() > MAX_RESOURCES ? names.substring(0, MAX_RESOURCES - 3) + "..." : names, diff);
  }

  /** Newest first. */
  public List<Entry> list(int max) {
    return jdbc.query("select * from deployment_record order by deployed_at desc, id desc", rs -> {
      List<Entry> entries = new ArrayList<>();
      while (rs.next() && entries.size() < max) {
        String resources = rs.getString("resources");
        entries.add(new Entry(rs.getLong("id"), rs.getString("deployment_id"), rs.getString("deployment_name"),
            rs.getString("source"), rs.getString("deployed_by"), rs.getTimestamp("deployed_at").toInstant(),
            resources.isEmpty() ? List.of() : Arrays.asList(resources.split(",")), read(rs.getString("diff"))));
      }
      return entries;
    });
  }

  /** Against the latest deployed version of each process, decision and form, before this deployment's own. */
  Diff diff(Map<String, ResourceEntity> resources, CommandContext context) {
    List<ProcessChange> processes = new ArrayList<>();
    List<Change> decisions = new ArrayList<>();
    List<Change> forms = new ArrayList<>();
    for (ResourceEntity resource : resources.values()) {
      String name = DeploymentGuard.checkedName(resource.getName());
      Source after = new Source(name, resource.getName(), resource.getBytes());
      if (name.endsWith(".bpmn")) {
        for (String key : ModelDiff.processIds(after)) {
          var previous = context.getProcessDefinitionManager().findLatestProcessDefinitionByKey(key);
          Source before = previous == null ? null
              : source(context, previous.getDeploymentId(), previous.getResourceName());
          processes.add(ModelDiff.compare(key, previous == null ? null : previous.getVersion(), before, after));
        }
      } else if (name.endsWith(".dmn")) {
        for (String key : decisionIds(after)) {
          var previous = context.getDecisionDefinitionManager().findLatestDecisionDefinitionByKey(key);
          decisions.add(previous == null ? new Change(key, null, "added") : new Change(key, previous.getVersion(),
              status(context, previous.getDeploymentId(), previous.getResourceName(), resource)));
        }
      } else if (name.endsWith(".form")) {
        String key = formId(resource.getBytes());
        if (key != null) {
          var previous = context.getCamundaFormDefinitionManager().findLatestDefinitionByKey(key);
          forms.add(previous == null ? new Change(key, null, "added") : new Change(key, previous.getVersion(),
              status(context, previous.getDeploymentId(), previous.getResourceName(), resource)));
        }
      }
    }
    return new Diff(processes, decisions, forms);
  }

  private static Source source(CommandContext context, String deploymentId, String resourceName) {
    ResourceEntity resource = context.getResourceManager().findResourceByDeploymentIdAndResourceName(deploymentId,
        resourceName);
    return resource == null ? null : new Source(DeploymentGuard.checkedName(resourceName), resourceName, resource.getBytes());
  }

  private static String status(CommandContext context, String deploymentId, String resourceName, ResourceEntity now) {
    Source before = source(context, deploymentId, resourceName);
    return before != null && Arrays.equals(before.content(), now.getBytes()) ? "unchanged" : "changed";
  }

  private static List<String> decisionIds(Source dmn) {
    List<String> ids = new ArrayList<>();
    Document doc = ModelChecks.readXml(dmn);
    if (doc != null) {
      var list = doc.getElementsByTagNameNS("*", "decision");
      for (int i = 0; i < list.getLength(); i++) {
        ids.add(((Element) list.item(i)).getAttribute("id"));
      }
    }
    return ids;
  }

  private static String formId(byte[] form) {
    try {
      JsonNode id = JSON.readTree(form).path("id");
      return id.isTextual() ? id.asText() : null;
    } catch (Exception e) {
      return null;
    }
  }

  private static String json(Diff diff) {
    try {
      return JSON.writeValueAsString(diff);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Diff read(String json) {
    try {
      return JSON.readValue(json, Diff.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Unreadable deployment_record.diff", e);
    }
  }
}
