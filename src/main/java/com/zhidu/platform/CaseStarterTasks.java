package com.zhidu.platform;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.persistence.entity.HistoricProcessInstanceEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Lets the person who started a case follow its open tasks in the Tasklist filter 我發起的, for every process.
 * A Camunda task filter cannot ask "started by the current user" ({@code startedBy} exists only on process
 * instance queries, and filter expressions do not reach variable values), so each new task gets a task-local
 * variable {@value #VARIABLE} naming the case's starter (the root process instance's start user, so tasks of
 * called processes count too), which each employee's own 我發起的 filter matches, and the starter gets READ on
 * the task: seeing it, not claiming or completing it (the engine deletes the grant with the task).
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 10) // after the handlers that set assignee and candidates
public class CaseStarterTasks implements TaskEventHandler {

  public static final String VARIABLE = "caseStarter";

  @Override
  public void onTaskEvent(DelegateTask task) {
    if (!TaskListener.EVENTNAME_CREATE.equals(task.getEventName()) || task.getExecution() == null) {
      return;
    }
    CommandContext context = Context.getCommandContext();
    String starter = starterOf(task, context);
    if (starter == null) {
      return; // started by the engine (timer, message without user): nobody to follow it
    }
    task.setVariableLocal(VARIABLE, starter);
    grantRead(task.getId(), starter, context);
  }

  private static String starterOf(DelegateTask task, CommandContext context) {
    String root = ((ExecutionEntity) task.getExecution()).getRootProcessInstanceId();
    // Started in this very transaction: history is not flushed yet, but it is in the entity cache (next to update
    // events of older instances, which carry no start user; a start without an authenticated user has none either).
    String cached = context.getDbEntityManager().getCachedEntitiesByType(HistoricProcessInstanceEventEntity.class)
        .stream().filter(e -> root.equals(e.getProcessInstanceId()) && e.getStartUserId() != null)
        .map(HistoricProcessInstanceEventEntity::getStartUserId).findFirst().orElse(null);
    if (cached != null) {
      return cached;
    }
    // By id, straight from the history table: no query object, no authorization check (the handler is the engine's).
    HistoricProcessInstanceEntity instance = context.getHistoricProcessInstanceManager()
        .findHistoricProcessInstance(root);
    return instance == null ? null : instance.getStartUserId();
  }

  /**
   * Straight into the engine's entity cache, like the engine's own default task grants: the caller (whoever
   * completed the previous step) may not create authorizations, and a grant the engine already made for the
   * same user and task (assignee, candidate) is extended instead of duplicated, as the engine does.
   */
  public static void grantRead(String taskId, String userId, CommandContext context) {
    // A task created in this command is not in the database yet, and neither can a grant on it be.
    AuthorizationEntity existing = CreatedInThisCommand.task(context, taskId) ? null
        : context.runWithoutAuthorization(() -> context.getAuthorizationManager()
            .findAuthorizationByUserIdAndResourceId(AUTH_TYPE_GRANT, userId, Resources.TASK, taskId));
    if (existing == null) {
      existing = context.getDbEntityManager().getCachedEntitiesByType(AuthorizationEntity.class).stream()
          .filter(a -> a.getAuthorizationType() == AUTH_TYPE_GRANT && userId.equals(a.getUserId())
              && a.getResourceType() == Resources.TASK.resourceType() && taskId.equals(a.getResourceId()))
          .findFirst().orElse(null);
    }
    if (existing != null) {
      if (!existing.isPermissionGranted(Permissions.READ)) {
        existing.addPermission(Permissions.READ);
      }
      return;
    }
    AuthorizationEntity grant = new AuthorizationEntity(AUTH_TYPE_GRANT);
    grant.setUserId(userId);
    grant.setResource(Resources.TASK);
    grant.setResourceId(taskId);
    grant.addPermission(Permissions.READ);
    context.getDbEntityManager().insert(grant);
  }
}
