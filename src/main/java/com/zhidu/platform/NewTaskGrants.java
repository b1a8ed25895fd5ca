package com.zhidu.platform;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * The engine's default task grants (READ and TASK_WORK on the task, READ on its history, for each candidate group,
 * candidate user and assignee), with fewer database lookups. Before each grant it writes, the engine asks the
 * database for an existing grant of that group or user on that task, to extend it instead:
 * <ul>
 *   <li>for a task created in the same command no such row can exist (grants made earlier in the command are found
 *       in the entity cache by the engine's own {@code updateAuthorizationBasedOnCacheEntries}), so the lookup is left
 *       out: two statements per candidate group or user of every new task (docs/performance.md, "Fifth round");</li>
 *   <li>for a stored task (a claim, a candidate added later) the engine asks twice, for the task and for its history;
 *       one query without the resource type answers both: one statement per claim ("Seventh round").</li>
 * </ul>
 */
@Component
public class NewTaskGrants extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getResourceAuthorizationProvider() == null) {
      configuration.setResourceAuthorizationProvider(new Provider());
    }
  }

  static final class Provider extends DefaultAuthorizationProvider {

    /** A user's or group's grants on one stored task, every resource type, read for the call in progress. */
    private record Read(String taskId, String userId, String groupId, List<AuthorizationEntity> grants) {}

    private static final ThreadLocal<Read> READ = new ThreadLocal<>();

    @Override
    protected AuthorizationEntity[] createOrUpdateAuthorizations(Task task, String groupId, String userId) {
      CommandContext context = Context.getCommandContext();
      if (!isHistoricInstancePermissionsEnabled() || CreatedInThisCommand.task(context, task.getId())) {
        return super.createOrUpdateAuthorizations(task, groupId, userId);
      }
      // The engine's own statement and the engine's lookup's parameters, without the resource type; the rows come
      // through the entity cache as the engine's lookup returns them.
      Map<String, Object> parameters = new HashMap<>();
      parameters.put("type", AUTH_TYPE_GRANT);
      parameters.put("userId", groupId == null ? userId : null);
      parameters.put("groupId", groupId);
      parameters.put("resourceId", task.getId());
      @SuppressWarnings("unchecked")
      List<AuthorizationEntity> grants = context.getDbEntityManager()
          .selectListWithRawParameter("selectAuthorizationByParameters", parameters, 0, Integer.MAX_VALUE);
      READ.set(new Read(task.getId(), userId, groupId, grants));
      try {
        return super.createOrUpdateAuthorizations(task, groupId, userId);
      } finally {
        READ.remove();
      }
    }

    @Override
    protected AuthorizationEntity getGrantAuthorization(String taskId, String userId, String groupId,
        Resource resource) {
      if (CreatedInThisCommand.task(Context.getCommandContext(), taskId)) {
        return null;
      }
      Read read = READ.get();
      if (read != null && read.taskId().equals(taskId) && Objects.equals(read.groupId(), groupId)
          && (groupId != null || Objects.equals(read.userId(), userId))) {
        return read.grants().stream().filter(grant -> grant.getResourceType() == resource.resourceType())
            .findFirst().orElse(null);
      }
      return super.getGrantAuthorization(taskId, userId, groupId, resource);
    }
  }
}
