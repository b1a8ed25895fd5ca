package com.zhidu.platform;

import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.springframework.stereotype.Component;

/**
 * The engine's default task grants (READ and TASK_WORK on the task, READ on its history, for each candidate group,
 * candidate user and assignee), without the database lookup for a task created in the same command. Before each
 * grant it writes, the engine asks the database for an existing grant of that group or user on that task, to extend
 * it instead; for a task that is not in the database yet no such row can exist (grants made earlier in the same
 * command are found in the entity cache by the engine's own {@code updateAuthorizationBasedOnCacheEntries}), so the
 * lookup is left out there: two statements per candidate group or user of every new task (docs/performance.md,
 * "Fifth round"). For tasks already stored (claim, a candidate added later) the engine looks up as before.
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
    @Override
    protected AuthorizationEntity getGrantAuthorization(String taskId, String userId, String groupId,
        Resource resource) {
      if (CreatedInThisCommand.task(Context.getCommandContext(), taskId)) {
        return null;
      }
      return super.getGrantAuthorization(taskId, userId, groupId, resource);
    }
  }
}
