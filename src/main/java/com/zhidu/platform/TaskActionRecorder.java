package com.zhidu.platform;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes every creation, claim, assignment, completion and deletion of a user task to
 * {@code task_action} with the authenticated user, in the engine's transaction (a refused or failed
 * operation leaves no row). Runs last among the handlers, so only operations the others let through
 * are recorded.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
public class TaskActionRecorder implements TaskEventHandler {

  private final JdbcTemplate jdbc;

  public TaskActionRecorder(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void onTaskEvent(DelegateTask task) {
    String user = authenticatedUser(task);
    String action = switch (task.getEventName()) {
      case TaskListener.EVENTNAME_CREATE -> "create";
      case TaskListener.EVENTNAME_COMPLETE -> "complete";
      case TaskListener.EVENTNAME_DELETE -> "delete";
      case TaskListener.EVENTNAME_ASSIGNMENT -> task.getAssignee() == null ? "unassign"
          : task.getAssignee().equals(user) ? "claim" : "assign";
      default -> null; // update: no change of responsibility
    };
    if (action == null) {
      return;
    }
    jdbc.update("insert into task_action (task_id, task_definition_key, process_instance_id,"
            + " process_definition_key, action, user_id, assignee, occurred_at) values (?,?,?,?,?,?,?,?)",
        task.getId(), task.getTaskDefinitionKey(), task.getProcessInstanceId(),
        processDefinitionKey(task), action, user, task.getAssignee(),
        new Timestamp(ClockUtil.getCurrentTime().getTime()));
  }

  /** Who completed the given task definition in the process instance, oldest first (trusted). */
  public List<String> performersOf(String processInstanceId, String taskDefinitionKey) {
    return jdbc.queryForList("select user_id from task_action where process_instance_id = ?"
            + " and task_definition_key = ? and action = 'complete' and user_id is not null order by id",
        String.class, processInstanceId, taskDefinitionKey);
  }

  static String authenticatedUser(DelegateTask task) {
    Authentication auth = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    return auth == null ? null : auth.getUserId();
  }

  private static String processDefinitionKey(DelegateTask task) {
    return Optional.ofNullable(task.getExecution())
        .map(e -> e.getProcessDefinitionId())
        .map(id -> id.contains(":") ? id.substring(0, id.indexOf(':')) : id)
        .orElse(null);
  }
}
