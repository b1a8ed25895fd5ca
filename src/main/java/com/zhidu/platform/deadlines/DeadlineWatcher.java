package com.zhidu.platform.deadlines;

import com.zhidu.platform.notification.MailOutbox;
import com.zhidu.platform.notification.NotificationTemplates.Kind;
import com.zhidu.platform.notification.NotificationTemplates.TaskFacts;
import com.zhidu.platform.notification.TaskPeople;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reminds before and escalates after due dates (§1.3.2, §6.1.3) by scanning the open tasks' due dates
 * periodically ({@link com.zhidu.platform.notification.NotificationJobs}) or when a test calls {@link #scan()}.
 *
 * <p>A scan rather than one engine timer per task: the due date in {@code ACT_RU_TASK} is the truth, and it
 * changes at run time (Tasklist, REST, BPMN case data), which per-task timers would have to follow. Each
 * notice is recorded in {@code task_deadline_notice} (unique per task, kind and due date) in the same
 * transaction as its outbox mails, so restarts lose nothing, a second scan or a second node sends no
 * duplicate, and a new due date arms the notices again. Nothing here completes or cancels a task.
 */
@Component
public class DeadlineWatcher {

  private static final Logger log = LoggerFactory.getLogger(DeadlineWatcher.class);

  private final TaskService taskService;
  private final RepositoryService repositoryService;
  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;
  private final DeadlineConfig config;
  private final WorkingDayCalendar calendar;
  private final TaskPeople people;
  private final MailOutbox outbox;

  public DeadlineWatcher(TaskService taskService, RepositoryService repositoryService, JdbcTemplate jdbc,
      PlatformTransactionManager transactionManager, DeadlineConfig config, WorkingDayCalendar calendar,
      TaskPeople people, MailOutbox outbox) {
    this.taskService = taskService;
    this.repositoryService = repositoryService;
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactionManager);
    this.config = config;
    this.calendar = calendar;
    this.people = people;
    this.outbox = outbox;
  }

  /** Raises the reminders and overdue notices due at the engine clock's now; returns how many it raised. */
  public int scan() {
    Date now = ClockUtil.getCurrentTime();
    Map<String, ProcessDefinition> definitions = new HashMap<>();
    int raised = 0;
    for (Task task : notYetRaised("overdue", null, now)) {
      if (inProcess(task) && raise(task, "overdue", definitions)) raised++;
    }
    if (config.maxReminder() > 0) {
      // Generous horizon; the exact reminder instant is checked per task below.
      Date horizon = Date.from(calendar.plusWorkingDays(now.toInstant(), config.maxReminder() + 1));
      for (Task task : notYetRaised("reminder", now, horizon)) {
        if (inProcess(task) && reminderDue(task, now.toInstant(), definitions)
            && raise(task, "reminder", definitions)) raised++;
      }
    }
    return raised;
  }

  /**
   * Active tasks due in [after, before) with no notice of this kind for their current due date yet: only these can
   * raise one, so a scan does not walk (and query once per task for) every overdue task again every period — at
   * 100,000 open tasks that kept a thread busy for minutes (docs/performance.md, "Data volume").
   */
  private List<Task> notYetRaised(String kind, Date after, Date before) {
    return taskService.createNativeTaskQuery()
        .sql("select RES.* from ACT_RU_TASK RES where RES.SUSPENSION_STATE_ = 1 and RES.DUE_DATE_ < #{before}"
            + (after == null ? "" : " and RES.DUE_DATE_ > #{after}")
            + " and not exists (select 1 from task_deadline_notice N where N.task_id = RES.ID_"
            + " and N.kind = #{kind} and N.due_at = RES.DUE_DATE_) order by RES.DUE_DATE_")
        .parameter("before", before).parameter("after", after).parameter("kind", kind)
        .list();
  }

  private boolean reminderDue(Task task, Instant now, Map<String, ProcessDefinition> definitions) {
    int days = config.rulesFor(definition(task, definitions).getKey(), task.getTaskDefinitionKey()).reminder();
    if (days == 0) return false;
    Instant remindAt = calendar.minusWorkingDays(task.getDueDate().toInstant(), days);
    // A reminder due before the task existed adds nothing to the new-task mail, which shows the due date.
    return !remindAt.isAfter(now) && remindAt.isAfter(task.getCreateTime().toInstant());
  }

  /** Records the notice and queues its mails in one transaction; false if already raised (here or elsewhere). */
  private boolean raise(Task task, String kind, Map<String, ProcessDefinition> definitions) {
    // notYetRaised selected it without a notice; a node raising it meanwhile makes the insert below a duplicate.
    Timestamp due = new Timestamp(task.getDueDate().getTime());
    ProcessDefinition definition = definition(task, definitions);
    try {
      transaction.executeWithoutResult(status -> {
        jdbc.update("insert into task_deadline_notice (task_id, kind, due_at, sent_at) values (?,?,?,?)",
            task.getId(), kind, due, new Timestamp(ClockUtil.getCurrentTime().getTime()));
        TaskPeople.Task who = TaskPeople.Task.of(task.getAssignee(), taskService.getIdentityLinksForTask(task.getId()));
        String processName = definition.getName() != null ? definition.getName() : definition.getKey();
        TaskFacts facts = new TaskFacts(task.getId(), task.getName(), processName, task.getDueDate(),
            people.responsibleName(who));
        if (kind.equals("reminder")) {
          outbox.enqueue(Kind.REMINDER, facts, people.responsible(who));
        } else {
          outbox.enqueue(Kind.OVERDUE, facts, people.responsible(who));
          Set<String> escalation = people.escalationTargets(who);
          outbox.enqueue(Kind.ESCALATION, facts, escalation);
          if (who.assignee() == null && escalation.isEmpty()) {
            log.warn("Overdue task {} has nobody to escalate to (no assignee manager, no group head)", task.getId());
          }
        }
      });
    } catch (DuplicateKeyException e) {
      return false; // another node raised it in the meantime
    } catch (RuntimeException e) {
      // E.g. the task was completed meanwhile; nothing was written, the next scan tries again if still open.
      log.warn("Deadline notice {} for task {} not raised: {}", kind, task.getId(), e.getMessage());
      return false;
    }
    if (kind.equals("overdue")) raisePriority(task);
    return true;
  }

  /** Makes overdue tasks stand out in Tasklist; best effort, apart from the notice so it never blocks one. */
  private void raisePriority(Task task) {
    if (config.overduePriority() <= 0 || task.getPriority() >= config.overduePriority()) return;
    try {
      taskService.setPriority(task.getId(), config.overduePriority());
    } catch (RuntimeException e) {
      log.warn("Priority of overdue task {} not raised: {}", task.getId(), e.getMessage());
    }
  }

  /**
   * Deadline rules are per process and step. A task outside any process has none: a 加簽 sub-task carries its
   * parent's due date, and the parent step's own notices already cover it (without this, one such task stopped
   * the whole scan).
   */
  private static boolean inProcess(Task task) {
    return task.getProcessDefinitionId() != null;
  }

  private ProcessDefinition definition(Task task, Map<String, ProcessDefinition> definitions) {
    return definitions.computeIfAbsent(task.getProcessDefinitionId(), repositoryService::getProcessDefinition);
  }
}
