package com.zhidu.platform;

import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.DbEntity;
import org.camunda.bpm.engine.impl.db.entitymanager.cache.CachedDbEntity;
import org.camunda.bpm.engine.impl.db.entitymanager.cache.DbEntityState;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;

/**
 * Whether an engine entity was created in the current command and is not flushed yet. Its id is new, so nothing
 * keyed by it can be in the database (a grant on the task, a copy of the case, the case's audit chain): the lookups
 * for such rows are left out (docs/performance.md, "Fifth round" and "Sixth round").
 */
public final class CreatedInThisCommand {

  private CreatedInThisCommand() {}

  public static boolean task(CommandContext context, String taskId) {
    return created(context, TaskEntity.class, taskId);
  }

  /** A process instance (or any execution) started in the current command; false outside a command. */
  public static boolean processInstance(String processInstanceId) {
    return created(Context.getCommandContext(), ExecutionEntity.class, processInstanceId);
  }

  private static boolean created(CommandContext context, Class<? extends DbEntity> type, String id) {
    if (context == null || id == null) {
      return false;
    }
    CachedDbEntity cached = context.getDbEntityManager().getDbEntityCache().getCachedEntity(type, id);
    return cached != null && cached.getEntityState() == DbEntityState.TRANSIENT;
  }
}
