package com.zhidu.platform;

import java.sql.Timestamp;
import java.util.ArrayList;
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
 *
 * <p>Inside a transaction the rows are kept until just before it commits; on PostgreSQL the audit trail's statement
 * for the case takes them ({@link #takePending}), otherwise they go in one batch. Whoever reads {@code task_action}
 * calls {@link #flush} first, so a read later in the same transaction (a delegate after the task it asks about)
 * sees them; {@code TaskActionReadersTest} holds every reader to that.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
public class TaskActionRecorder implements TaskEventHandler {

  /** The columns of a row as {@link #takePending} gives them, in this order. */
  public static final String COLUMNS = "task_id, task_definition_key, process_instance_id, process_definition_key,"
      + " action, user_id, assignee, occurred_at";
  private static final String INSERT = "insert into task_action (" + COLUMNS + ") values (?,?,?,?,?,?,?,?)";

  /** The transaction resource holding its rows not yet written. */
  private static final Object PENDING = new Object();

  private final JdbcTemplate jdbc;

  public TaskActionRecorder(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** One row of {@code task_action}. */
  public record TaskAction(String taskId, String taskDefinitionKey, String processInstanceId,
      String processDefinitionKey, String action, String userId, String assignee, Timestamp occurredAt) {

    Object[] values() {
      return new Object[] {taskId, taskDefinitionKey, processInstanceId, processDefinitionKey, action, userId,
          assignee, occurredAt};
    }
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
    record(new TaskAction(task.getId(), task.getTaskDefinitionKey(), task.getProcessInstanceId(),
        processDefinitionKey(task), action, user, task.getAssignee(),
        new Timestamp(ClockUtil.getCurrentTime().getTime())));
  }

  /** Records the row with the current transaction, or at once outside one or after the transaction's rows went out. */
  void record(TaskAction row) {
    if (!BeforeCommit.inTransaction()) {
      jdbc.update(INSERT, row.values());
      return;
    }
    List<TaskAction> pending = pending();
    if (BeforeCommit.written()) {
      jdbc.update(INSERT, row.values()); // recorded by a later before-commit hook
    } else {
      pending.add(row);
    }
  }

  /** Who completed the given task definition in the process instance, oldest first (trusted). */
  public List<String> performersOf(String processInstanceId, String taskDefinitionKey) {
    flush(jdbc);
    return jdbc.queryForList("select user_id from task_action where process_instance_id = ?"
            + " and task_definition_key = ? and action = 'complete' and user_id is not null order by id",
        String.class, processInstanceId, taskDefinitionKey);
  }

  /** Writes the current transaction's rows now, for a read of {@code task_action} that follows in it. */
  public static void flush(JdbcTemplate jdbc) {
    List<TaskAction> rows = takePending();
    if (rows.isEmpty()) {
      return;
    }
    List<Object[]> values = rows.stream().map(TaskAction::values).toList();
    if (values.size() == 1) {
      jdbc.update(INSERT, values.get(0));
    } else {
      jdbc.batchUpdate(INSERT, values);
    }
  }

  /**
   * The current transaction's rows not yet written, in the order recorded; the caller writes them in this
   * transaction (the audit trail, with its own rows, in one statement). Empty outside a transaction.
   */
  public static List<TaskAction> takePending() {
    List<TaskAction> pending = BeforeCommit.heldNow(PENDING);
    if (pending == null || pending.isEmpty()) {
      return List.of();
    }
    List<TaskAction> taken = List.copyOf(pending);
    pending.clear();
    return taken;
  }

  /**
   * The rows as one array per column of {@link #COLUMNS}, as text (the time as JDBC sends a timestamp), for an
   * {@code unnest} that casts them.
   */
  public static List<Object[]> asColumns(List<TaskAction> rows) {
    int width = TaskAction.class.getRecordComponents().length;
    List<Object[]> columns = new ArrayList<>();
    for (int c = 0; c < width; c++) {
      columns.add(new String[rows.size()]);
    }
    for (int r = 0; r < rows.size(); r++) {
      Object[] values = rows.get(r).values();
      for (int c = 0; c < width; c++) {
        columns.get(c)[r] = values[c] == null ? null : values[c].toString();
      }
    }
    return columns;
  }

  /** The transaction's rows; what is left of them is written before commit, after the audit trail's statement. */
  private List<TaskAction> pending() {
    return BeforeCommit.holder(PENDING, ArrayList::new, Ordered.LOWEST_PRECEDENCE, rows -> flush(jdbc));
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
