package com.zhidu.platform.deployment;

import com.zhidu.platform.Refusal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.migration.MigratingProcessInstanceValidationException;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.migration.MigrationPlanValidationException;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.repository.ProcessDefinitionQuery;
import org.springframework.stereotype.Component;

/**
 * Which running cases run on which version of a procedure, and moving them to the newest version with a
 * generated plan (activities with the same id in both versions are mapped). Callers check the role first:
 * this runs without per-instance authorizations but keeps the authenticated user for the operation log.
 */
@Component
public class ProcessVersions {

  public record VersionCount(String processDefinitionKey, String name, int version, String processDefinitionId,
      boolean latest, long runningCases) {}

  public record Migration(String processDefinitionKey, int fromVersion, int toVersion, long migratedCases) {}

  private final ProcessEngine engine;

  public ProcessVersions(ProcessEngine engine) {
    this.engine = engine;
  }

  /** Per process and version: the latest version always, older ones while cases still run on them. */
  public List<VersionCount> runningCases(String key) {
    return withoutAuthorization(() -> {
      RepositoryService repository = engine.getRepositoryService();
      ProcessDefinitionQuery query = repository.createProcessDefinitionQuery();
      if (key != null && !key.isBlank()) {
        query.processDefinitionKey(key);
      }
      List<VersionCount> counts = new ArrayList<>();
      for (ProcessDefinition definition : query.orderByProcessDefinitionKey().asc().orderByProcessDefinitionVersion()
          .desc().list()) {
        long running = engine.getRuntimeService().createProcessInstanceQuery()
            .processDefinitionId(definition.getId()).count();
        boolean latest = latest(definition.getKey()).getId().equals(definition.getId());
        if (latest || running > 0) {
          counts.add(new VersionCount(definition.getKey(), definition.getName(), definition.getVersion(),
              definition.getId(), latest, running));
        }
      }
      return counts;
    });
  }

  /**
   * Migrates every running case of every older version of {@code key} to the newest version, all in one
   * transaction: if one case cannot be moved, none is, and the refusal names the problems.
   */
  public List<Migration> migrateToLatest(String key) {
    return withoutAuthorization(() -> {
      ProcessDefinition target = latest(key);
      if (target == null) {
        throw Refusal.of(404, "processDefinitionKey", "找不到流程「" + key + "」", "No process '" + key + "' is deployed.");
      }
      RuntimeService runtime = engine.getRuntimeService();
      List<Migration> done = new ArrayList<>();
      for (ProcessDefinition source : engine.getRepositoryService().createProcessDefinitionQuery()
          .processDefinitionKey(key).orderByProcessDefinitionVersion().asc().list()) {
        long running = runtime.createProcessInstanceQuery().processDefinitionId(source.getId()).count();
        if (source.getId().equals(target.getId()) || running == 0) {
          continue;
        }
        try {
          MigrationPlan plan = runtime.createMigrationPlan(source.getId(), target.getId()).mapEqualActivities().build();
          runtime.newMigration(plan)
              .processInstanceQuery(runtime.createProcessInstanceQuery().processDefinitionId(source.getId()))
              .execute();
        } catch (MigrationPlanValidationException | MigratingProcessInstanceValidationException e) {
          throw Refusal.of(400, "processDefinitionKey",
              "第 " + source.getVersion() + " 版的案件無法自動遷移到第 " + target.getVersion()
                  + " 版(例如案件停留的步驟在新版中已刪除或改變):" + e.getMessage(),
              "Cases of version " + source.getVersion() + " cannot be migrated to version " + target.getVersion()
                  + " automatically: " + e.getMessage());
        }
        done.add(new Migration(key, source.getVersion(), target.getVersion(), running));
      }
      return done;
    });
  }

  private ProcessDefinition latest(String key) {
    return engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(key).latestVersion()
        .singleResult();
  }

  private <T> T withoutAuthorization(Callable<T> work) {
    return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
        .execute(context -> context.runWithoutAuthorization(work));
  }
}
