package com.zhidu.platform.approval;

import com.zhidu.platform.CaseStarterTasks;
import com.zhidu.platform.CreatedInThisCommand;
import com.zhidu.platform.TaskEventHandler;
import java.util.List;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * 抄送: the people a case was copied to ({@code case_copy}) read every task of the case, including tasks created
 * later: each new task gets READ grants for them (never TASK_WORK, so they cannot claim or complete) and a
 * task-local variable {@value #VARIABLE} ({@code ",userA,userB,"}) which each employee's 抄送給我 filter matches.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 10)
public class CaseCopies implements TaskEventHandler {

  public static final String VARIABLE = "caseCopiedTo";

  private final JdbcTemplate jdbc;

  public CaseCopies(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void onTaskEvent(DelegateTask task) {
    if (!TaskListener.EVENTNAME_CREATE.equals(task.getEventName()) || task.getExecution() == null) {
      return;
    }
    String root = ((ExecutionEntity) task.getExecution()).getRootProcessInstanceId();
    if (CreatedInThisCommand.processInstance(root)) {
      return; // a case started in this command cannot have been copied to anyone yet
    }
    List<String> users = jdbc.queryForList("select user_id from case_copy where case_id = ? order by id",
        String.class, root);
    if (users.isEmpty()) {
      return;
    }
    task.setVariableLocal(VARIABLE, value(users));
    CommandContext context = Context.getCommandContext();
    users.forEach(u -> CaseStarterTasks.grantRead(task.getId(), u, context));
  }

  /** Grants and marks an open task for the given users (a case copied while the task was open). */
  static void apply(TaskService tasks, String taskId, List<String> users, CommandContext context) {
    tasks.setVariableLocal(taskId, VARIABLE, value(users));
    users.forEach(u -> CaseStarterTasks.grantRead(taskId, u, context));
  }

  /** The filter's pattern for a user. */
  public static String pattern(String userId) {
    return "%," + userId + ",%";
  }

  private static String value(List<String> users) {
    return "," + String.join(",", users) + ",";
  }
}
