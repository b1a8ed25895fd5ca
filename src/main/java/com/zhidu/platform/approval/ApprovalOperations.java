package com.zhidu.platform.approval;

import com.zhidu.organization.OrganizationService;
import com.zhidu.platform.CaseParticipants;
import com.zhidu.platform.FourEyesGuard;
import com.zhidu.platform.Refusal;
import com.zhidu.platform.TaskActionRecorder;
import com.zhidu.platform.notification.MailOutbox;
import com.zhidu.platform.notification.NotificationTemplates;
import com.zhidu.platform.notification.NotificationTemplates.Kind;
import com.zhidu.platform.notification.NotificationTemplates.Mail;
import com.zhidu.platform.notification.NotificationTemplates.TaskFacts;
import com.zhidu.platform.notification.TaskPeople;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.task.DelegationState;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The approval operations Chinese office systems offer, for every procedure without per-procedure code:
 * 退回 {@link #returnTo}, 撤回 {@link #withdraw}, 轉辦 {@link #transfer}, 委派 {@link #delegate}/{@link #resolve},
 * 加簽 {@link #addSigner}/{@link #sign}, 減簽 {@link #removeSigner}, 抄送 {@link #copy}, 催辦 {@link #urge}.
 * <p>Each checks who may do it here (the engine's task grants do not say "only the assignee may transfer"), then
 * runs the engine change without the caller's authorizations but as the caller (the user operation log, four-eyes
 * and {@code task_action} see the real person), records it with the reason ({@link ApprovalRecord}) and leaves a
 * comment on the case, all in one transaction. Rules of the engine's handlers (four-eyes above all) still apply:
 * a transfer or delegation to an excluded person is refused by {@code FourEyesGuard}.
 */
@Component
public class ApprovalOperations {

  static final int MAX_REASON = 2000;
  private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private final ProcessEngine engine;
  private final CaseParticipants participants;
  private final ApprovalRecord record;
  private final JdbcTemplate jdbc;
  private final OrganizationService organization;
  private final MailOutbox outbox;
  private final TaskPeople people;
  private final NotificationTemplates templates;
  private final int urgeLimit;
  private final Duration urgeWindow;
  private final ZoneId zone;
  private final FourEyesGuard fourEyes;

  public ApprovalOperations(ProcessEngine engine, CaseParticipants participants, ApprovalRecord record,
      JdbcTemplate jdbc, OrganizationService organization, MailOutbox outbox, TaskPeople people,
      NotificationTemplates templates, FourEyesGuard fourEyes,
      @Value("${zhidu.approval.urge-limit:3}") int urgeLimit,
      @Value("${zhidu.approval.urge-window:PT24H}") Duration urgeWindow,
      @Value("${zhidu.time-zone:Asia/Taipei}") ZoneId zone) {
    this.engine = engine;
    this.participants = participants;
    this.record = record;
    this.jdbc = jdbc;
    this.organization = organization;
    this.outbox = outbox;
    this.people = people;
    this.templates = templates;
    this.urgeLimit = urgeLimit;
    this.urgeWindow = urgeWindow;
    this.zone = zone;
    this.fourEyes = fourEyes;
  }

  /** What an operation did. */
  public record Result(String operation, String caseId, String taskId, String target) {}

  // --- 退回 ---------------------------------------------------------------------------------------------------

  /**
   * Returns the case from the caller's task to an earlier user task of the same process instance that the case
   * actually passed (a completion recorded in {@code task_action}); the step is recreated by process instance
   * modification and given back to whoever performed it last.
   */
  public Result returnTo(String taskId, String step, String reason) {
    String why = reason(reason);
    String user = currentUser();
    return inEngine(() -> {
      Task task = openTask(taskId);
      requireAssignee(task, user, "退回");
      requireProcessTask(task);
      if (step == null || step.isBlank()) {
        throw Refusal.of(400, "step", "請選擇要退回的步驟", "Name the step to return to.");
      }
      if (step.equals(task.getTaskDefinitionKey())) {
        throw Refusal.of(400, "step", "不可退回到目前的步驟", "Cannot return to the current step.");
      }
      ModelElementInstance target = engine.getRepositoryService().getBpmnModelInstance(task.getProcessDefinitionId())
          .getModelElementById(step);
      TaskActionRecorder.flush(jdbc);
      List<String> performers = jdbc.queryForList("select coalesce(user_id, assignee) from task_action where"
          + " process_instance_id = ? and task_definition_key = ? and action = 'complete' order by id desc",
          String.class, task.getProcessInstanceId(), step);
      if (!(target instanceof UserTask) || performers.isEmpty()) {
        throw Refusal.of(400, "step", "本案未經過此步驟，只能退回到已完成的步驟",
            "The case never passed step '" + step + "': only steps it completed can be returned to.");
      }
      String author = performers.get(0);
      String caseId = recordOnTask("return", task, user, step, why,
          "【退回】退回至「" + name(target, step) + "」：" + why);
      ModelElementInstance current = engine.getRepositoryService()
          .getBpmnModelInstance(task.getProcessDefinitionId()).getModelElementById(task.getTaskDefinitionKey());
      String cancel = current instanceof Activity a && a.getLoopCharacteristics() != null
          ? task.getTaskDefinitionKey() + "#multiInstanceBody" : task.getTaskDefinitionKey();
      engine.getRuntimeService().createProcessInstanceModification(task.getProcessInstanceId())
          .cancelAllForActivity(cancel)
          .startBeforeActivity(step)
          .setAnnotation("退回：" + why)
          .execute();
      TaskService tasks = engine.getTaskService();
      // The recreated task is not flushed yet: it is in this command's entity cache.
      List<TaskEntity> recreated = Context.getCommandContext().getDbEntityManager()
          .getCachedEntitiesByType(TaskEntity.class).stream()
          .filter(t -> task.getProcessInstanceId().equals(t.getProcessInstanceId())
              && step.equals(t.getTaskDefinitionKey()) && !t.isDeleted())
          .toList();
      String newTaskId = null;
      for (TaskEntity t : recreated) {
        newTaskId = t.getId();
        if (t.getAssignee() == null && author != null) {
          tasks.setAssignee(t.getId(), author);
        }
      }
      return new Result("return", caseId, newTaskId, step);
    });
  }

  // --- 撤回 ---------------------------------------------------------------------------------------------------

  /**
   * The starter withdraws the case while nobody else has acted on it yet (claimed, been assigned by someone,
   * completed): once the first approval step is taken up the case can only be returned, not withdrawn.
   */
  public Result withdraw(String processInstanceId, String reason) {
    String why = reason(reason);
    String user = currentUser();
    return inEngine(() -> {
      HistoricProcessInstance root = rootCase(processInstanceId);
      if (!user.equals(root.getStartUserId())) {
        throw Refusal.of(403, null, "只有發起人可以撤回案件", "Only the person who started the case may withdraw it.");
      }
      if (root.getEndTime() != null) {
        throw Refusal.of(409, null, "案件已結束，不可撤回", "The case has ended.");
      }
      List<String> tree = caseTree(root.getId());
      String placeholders = String.join(",", tree.stream().map(t -> "?").toList());
      List<Object> args = new ArrayList<>(tree);
      args.add(user);
      TaskActionRecorder.flush(jdbc);
      Integer touched = jdbc.queryForObject("select count(*) from task_action where process_instance_id in ("
          + placeholders + ") and action in ('claim','assign','unassign','complete') and user_id is not null"
          + " and user_id <> ?", Integer.class, args.toArray());
      if (touched != null && touched > 0) {
        throw Refusal.of(409, null, "審批已開始，不可撤回；如需修改，請由處理人退回",
            "Approval has begun (someone else has taken up or completed a step): the case can no longer be"
                + " withdrawn.");
      }
      comment(null, root.getId(), "【撤回】" + why);
      record.write("withdraw", root.getId(), root.getId(), root.getProcessDefinitionKey(), null, null, user, null,
          why);
      engine.getRuntimeService().deleteProcessInstance(root.getId(), "撤回：" + why);
      return new Result("withdraw", root.getId(), null, null);
    });
  }

  // --- 轉辦 / 委派 ----------------------------------------------------------------------------------------------

  /** The assignee hands the task over for good to another member of the task's candidate groups (or users). */
  public Result transfer(String taskId, String toUser, String reason) {
    String why = reason(reason);
    String user = currentUser();
    return inEngine(() -> {
      Task task = openTask(taskId);
      requireAssignee(task, user, "轉辦");
      String target = allowedPerson(task, toUser, user);
      String caseId = recordOnTask("transfer", task, user, target, why,
          "【轉辦】轉給" + organization.displayName(target) + "：" + why);
      engine.getTaskService().setAssignee(task.getId(), target);
      return new Result("transfer", caseId, task.getId(), target);
    });
  }

  /** The assignee asks another member of the allowed groups to work on the task; it comes back on resolve. */
  public Result delegate(String taskId, String toUser, String reason) {
    String why = reason(reason);
    String user = currentUser();
    return inEngine(() -> {
      Task task = openTask(taskId);
      requireAssignee(task, user, "委派");
      if (task.getDelegationState() == DelegationState.PENDING) {
        throw Refusal.of(409, null, "此任務已在委派中", "The task is already delegated.");
      }
      String target = allowedPerson(task, toUser, user);
      String caseId = recordOnTask("delegate", task, user, target, why,
          "【委派】委派給" + organization.displayName(target) + "：" + why);
      engine.getTaskService().delegateTask(task.getId(), target);
      return new Result("delegate", caseId, task.getId(), target);
    });
  }

  /** The delegate gives the task back to its owner. */
  public Result resolve(String taskId, String reason) {
    String why = reason(reason);
    String user = currentUser();
    return inEngine(() -> {
      Task task = openTask(taskId);
      if (task.getDelegationState() != DelegationState.PENDING || !user.equals(task.getAssignee())) {
        throw Refusal.of(403, null, "只有受委派人可以交回委派的任務", "Only the delegate may resolve a delegated task.");
      }
      String caseId = recordOnTask("resolve", task, user, task.getOwner(), why,
          "【委派完成】交回" + organization.displayName(task.getOwner())
          + "：" + why);
      engine.getTaskService().resolveTask(task.getId());
      return new Result("resolve", caseId, task.getId(), task.getOwner());
    });
  }

  // --- 加簽 / 減簽 ----------------------------------------------------------------------------------------------

  /**
   * Adds an approver before the assignee: a sub-task of the task, assigned to the added person, which must be
   * signed ({@link #sign}) before the task itself can be completed ({@link AddedSignerGuard}); then the task is
   * the assignee's again.
   */
  public Result addSigner(String taskId, String toUser, String reason) {
    String why = reason(reason);
    String user = currentUser();
    return inEngine(() -> {
      Task task = openTask(taskId);
      requireAssignee(task, user, "加簽");
      requireProcessTask(task);
      String target = knownPerson(toUser);
      if (target.equals(user)) {
        throw Refusal.of(400, "userId", "不可加簽自己", "You cannot add yourself as an approver.");
      }
      if (!openSignTasks(task.getId(), target).isEmpty()) {
        throw Refusal.of(409, "userId", organization.displayName(target) + "已是此任務的加簽人",
            target + " is already an added approver of this task.");
      }
      String starter = rootCase(task.getProcessInstanceId()).getStartUserId();
      if (target.equals(starter)) {
        throw Refusal.of(403, "userId", "依四眼原則，發起人不可加簽審批自己的案件（§1.3.3）",
            "Four-eyes (§1.3.3): the case's starter cannot be added as an approver.");
      }
      // The added approver decides on this step too: the step's declared four-eyes rules apply to them.
      try {
        fourEyes.checkMayAct(Context.getCommandContext().getTaskManager().findTaskById(task.getId()), target);
      } catch (Refusal refused) {
        Refusal.Error rule = refused.errors().get(0);
        throw Refusal.of(403, "userId", rule.messageZh(), rule.messageEn());
      }
      TaskService tasks = engine.getTaskService();
      Task sign = tasks.newTask();
      sign.setParentTaskId(task.getId());
      sign.setName("加簽：" + task.getName());
      sign.setDescription(why);
      sign.setOwner(user);
      sign.setAssignee(target);
      sign.setDueDate(task.getDueDate());
      tasks.saveTask(sign);
      String caseId = recordOnTask("add-signer", task, user, target, why,
          "【加簽】加簽" + organization.displayName(target) + "：" + why);
      outbox.enqueue(Kind.ASSIGNED, new TaskFacts(sign.getId(), sign.getName(), processName(task),
          task.getDueDate(), organization.displayName(target)), target);
      return new Result("add-signer", caseId, sign.getId(), target);
    });
  }

  /** Removes an added approver who has not signed yet. */
  public Result removeSigner(String taskId, String userId, String reason) {
    String why = reason(reason);
    String user = currentUser();
    return inEngine(() -> {
      Task task = openTask(taskId);
      requireAssignee(task, user, "減簽");
      List<Task> open = openSignTasks(task.getId(), userId);
      if (userId == null || open.isEmpty()) {
        throw Refusal.of(409, "userId", "此人不是尚未處理的加簽人", "Not an added approver who has yet to act.");
      }
      String caseId = recordOnTask("remove-signer", task, user, userId, why,
          "【減簽】移除" + organization.displayName(userId) + "：" + why);
      open.forEach(t -> engine.getTaskService().deleteTask(t.getId(), "減簽：" + why));
      return new Result("remove-signer", caseId, task.getId(), userId);
    });
  }

  /** The added approver signs (approved or rejected, with the reason); the task is then the assignee's again. */
  public Result sign(String signTaskId, String decision, String reason) {
    String why = reason(reason);
    String user = currentUser();
    return inEngine(() -> {
      Task sign = openTask(signTaskId);
      if (sign.getParentTaskId() == null || !user.equals(sign.getAssignee())) {
        throw Refusal.of(403, null, "只有加簽人可以簽核此加簽任務", "Only the added approver may sign this task.");
      }
      if (!"approved".equals(decision) && !"rejected".equals(decision)) {
        throw Refusal.of(400, "decision", "請選擇同意或不同意", "decision must be 'approved' or 'rejected'.");
      }
      Task parent = openTask(sign.getParentTaskId());
      String caseId = caseOf(parent.getProcessInstanceId());
      comment(parent.getId(), parent.getProcessInstanceId(), "【加簽意見】" + organization.displayName(user)
          + ("approved".equals(decision) ? "同意" : "不同意") + "：" + why);
      record.write("sign", caseId, parent.getProcessInstanceId(), definitionKey(parent.getProcessDefinitionId()),
          sign.getId(), parent.getTaskDefinitionKey(), user, decision, why);
      engine.getTaskService().complete(sign.getId());
      return new Result("sign", caseId, parent.getId(), decision);
    });
  }

  // --- 抄送 ---------------------------------------------------------------------------------------------------

  /**
   * Copies the case to people who may then read its tasks (READ grants only, now and on every later task, see
   * {@link CaseCopies}), its comments and history, but not act on it. Participants of the case may copy it. Each
   * newly copied person is told by mail through the outbox, or in their daily digest if they chose it.
   */
  public Result copy(String processInstanceId, List<String> userIds, String reason) {
    String why = reason(reason);
    Authentication auth = engine.getIdentityService().getCurrentAuthentication();
    String user = currentUser();
    if (userIds == null || userIds.isEmpty()) {
      throw Refusal.of(400, "userIds", "請選擇抄送對象", "Name at least one person to copy the case to.");
    }
    return inEngine(() -> {
      HistoricProcessInstance root = rootCase(processInstanceId);
      if (!participants.isParticipant(root.getId(), auth) && !participants.isParticipant(processInstanceId, auth)) {
        throw Refusal.of(403, null, "只有參與本案的人員可以抄送", "Only people involved in the case may copy it.");
      }
      Set<String> targets = new LinkedHashSet<>();
      for (String id : userIds) {
        targets.add(knownPerson(id));
      }
      Timestamp now = new Timestamp(ClockUtil.getCurrentTime().getTime());
      String caseName = NotificationTemplates.caseName(root);
      for (String target : targets) {
        Integer already = jdbc.queryForObject("select count(*) from case_copy where case_id = ? and user_id = ?",
            Integer.class, root.getId(), target);
        if (already == null || already == 0) {
          jdbc.update("insert into case_copy (case_id, user_id, copied_by, copied_at) values (?,?,?,?)",
              root.getId(), target, user, now);
          // Told by mail, or in the next daily digest for those who chose it.
          outbox.enqueueCopied(target, templates.copied(organization.displayName(target),
              organization.displayName(user), caseName, why));
        }
      }
      for (String pi : caseTree(root.getId())) {
        for (Task task : engine.getTaskService().createTaskQuery().processInstanceId(pi).list()) {
          CaseCopies.apply(engine.getTaskService(), task.getId(), copiesOf(root.getId()), Context.getCommandContext());
        }
      }
      String names = String.join("、", targets.stream().map(organization::displayName).toList());
      comment(null, root.getId(), "【抄送】抄送給" + names + "：" + why);
      record.write("cc", root.getId(), processInstanceId, root.getProcessDefinitionKey(), null, null, user,
          String.join(",", targets), why);
      return new Result("cc", root.getId(), null, String.join(",", targets));
    });
  }

  List<String> copiesOf(String caseId) {
    return jdbc.queryForList("select user_id from case_copy where case_id = ? order by id", String.class, caseId);
  }

  // --- 催辦 ---------------------------------------------------------------------------------------------------

  /**
   * The starter urges whoever holds the case's open tasks: a mail through the outbox to the assignee (or the
   * candidates of an unclaimed task). At most {@code zhidu.approval.urge-limit} urges per case and starter within
   * {@code zhidu.approval.urge-window}; more is refused with 429.
   */
  public Result urge(String processInstanceId, String reason) {
    String why = reason(reason);
    String user = currentUser();
    return inEngine(() -> {
      HistoricProcessInstance root = rootCase(processInstanceId);
      if (!user.equals(root.getStartUserId())) {
        throw Refusal.of(403, null, "只有發起人可以催辦", "Only the person who started the case may urge.");
      }
      if (root.getEndTime() != null) {
        throw Refusal.of(409, null, "案件已結束", "The case has ended.");
      }
      Instant since = ClockUtil.getCurrentTime().toInstant().minus(urgeWindow);
      if (record.count("urge", root.getId(), user, since) >= urgeLimit) {
        throw Refusal.of(429, null, "催辦過於頻繁：每 " + urgeWindow.toHours() + " 小時最多催辦 " + urgeLimit + " 次",
            "Too many urges: at most " + urgeLimit + " per " + urgeWindow + " for a case.");
      }
      List<Task> open = new ArrayList<>();
      for (String pi : caseTree(root.getId())) {
        open.addAll(engine.getTaskService().createTaskQuery().processInstanceId(pi).list());
      }
      if (open.isEmpty()) {
        throw Refusal.of(409, null, "本案目前沒有待處理的任務", "The case has no open task to urge.");
      }
      Set<String> urged = new LinkedHashSet<>();
      for (Task task : open) {
        List<IdentityLink> links = engine.getTaskService().getIdentityLinksForTask(task.getId());
        for (String recipient : people.responsible(TaskPeople.Task.of(task.getAssignee(), links))) {
          if (outbox.enqueue(recipient, urgeMail(task, user, why, recipient), task.getId(), "urge")) {
            urged.add(recipient);
          }
        }
      }
      comment(null, root.getId(), "【催辦】" + why);
      record.write("urge", root.getId(), root.getId(), root.getProcessDefinitionKey(), null, null, user,
          String.join(",", urged), why);
      return new Result("urge", root.getId(), null, String.join(",", urged));
    });
  }

  private Mail urgeMail(Task task, String urger, String why, String recipient) {
    String due = task.getDueDate() == null ? "未設定"
        : DATE_TIME.format(task.getDueDate().toInstant().atZone(zone));
    String subject = "【制度】催辦：" + task.getName();
    String body = organization.displayName(recipient) + " 您好：\n\n" + organization.displayName(urger)
        + " 催辦您處理任務「" + task.getName() + "」（流程：" + processName(task) + "）。\n催辦說明：" + why
        + "\n期限：" + due + "\n\n請點選以下連結處理任務：\n" + templates.taskLink(task.getId())
        + "\n\n此郵件由制度系統自動發送，請勿直接回覆。\n";
    return new Mail(subject, body);
  }

  // --- helpers ------------------------------------------------------------------------------------------------

  static String reason(String reason) {
    String why = reason == null ? "" : reason.strip();
    if (why.isEmpty() || why.length() > MAX_REASON) {
      throw Refusal.of(400, "reason", "請填寫原因（不超過 " + MAX_REASON + " 字）",
          "A reason is required (at most " + MAX_REASON + " characters).");
    }
    return why;
  }

  private String currentUser() {
    Authentication auth = engine.getIdentityService().getCurrentAuthentication();
    if (auth == null || auth.getUserId() == null) {
      throw Refusal.of(401, null, "請先登入", "Authentication required");
    }
    return auth.getUserId();
  }

  /** Runs the work in one engine transaction without the caller's authorizations; unwraps refusals. */
  <T> T inEngine(Callable<T> work) {
    try {
      return participants.withoutAuthorization(work);
    } catch (RuntimeException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof Refusal refusal) {
          throw refusal;
        }
      }
      throw e;
    }
  }

  private Task openTask(String taskId) {
    Task task = taskId == null ? null : engine.getTaskService().createTaskQuery().taskId(taskId).singleResult();
    if (task == null) {
      throw Refusal.of(404, "taskId", "找不到此進行中的任務", "No open task with this id.");
    }
    return task;
  }

  private void requireAssignee(Task task, String user, String operation) {
    if (!user.equals(task.getAssignee())) {
      throw Refusal.of(403, null, "只有此任務的處理人可以" + operation + "（請先認領）",
          "Only the task's assignee may do this (claim it first).");
    }
  }

  private static void requireProcessTask(Task task) {
    if (task.getProcessInstanceId() == null) {
      throw Refusal.of(400, "taskId", "此任務不屬於任何案件", "The task belongs to no case.");
    }
  }

  /** The candidate users and the members of the candidate groups of the task: who may take it over. */
  Set<String> allowedPeople(Task task) {
    Set<String> allowed = new LinkedHashSet<>();
    for (IdentityLink link : engine.getTaskService().getIdentityLinksForTask(task.getId())) {
      if (!IdentityLinkType.CANDIDATE.equals(link.getType())) {
        continue;
      }
      if (link.getUserId() != null) {
        allowed.add(link.getUserId());
      }
      if (link.getGroupId() != null) {
        engine.getIdentityService().createUserQuery().memberOfGroup(link.getGroupId()).list().stream()
            .map(User::getId).forEach(allowed::add);
      }
    }
    return allowed;
  }

  private String allowedPerson(Task task, String toUser, String user) {
    if (toUser == null || toUser.isBlank()) {
      throw Refusal.of(400, "userId", "請選擇對象", "Name the person (userId).");
    }
    if (toUser.equals(user)) {
      throw Refusal.of(400, "userId", "不可轉給自己", "Cannot hand the task to yourself.");
    }
    if (!allowedPeople(task).contains(toUser)) {
      throw Refusal.of(403, "userId", "只能轉給此任務候選群組的成員",
          toUser + " is not a member of the task's candidate groups.");
    }
    return toUser;
  }

  private String knownPerson(String userId) {
    if (userId == null || organization.user(userId).isEmpty()) {
      throw Refusal.of(400, "userId", "查無此人員：" + userId, "Unknown user: " + userId);
    }
    return userId;
  }

  private List<Task> openSignTasks(String parentTaskId, String userId) {
    return engine.getTaskService().getSubTasks(parentTaskId).stream()
        .filter(t -> userId == null || userId.equals(t.getAssignee())).toList();
  }

  /** The case comment and the approval record every task operation leaves; returns the case (root instance) id. */
  private String recordOnTask(String operation, Task task, String user, String target, String why, String comment) {
    String caseId = caseOf(task.getProcessInstanceId());
    comment(task.getId(), task.getProcessInstanceId(), comment);
    record.write(operation, caseId, task.getProcessInstanceId(), definitionKey(task.getProcessDefinitionId()),
        task.getId(), task.getTaskDefinitionKey(), user, target, why);
    return caseId;
  }

  private void comment(String taskId, String processInstanceId, String message) {
    engine.getTaskService().createComment(taskId, processInstanceId, message);
  }

  /** The root process instance of a case, by any of its process instance ids; 404 when unknown. */
  HistoricProcessInstance rootCase(String processInstanceId) {
    HistoricProcessInstance instance = processInstanceId == null ? null : engine.getHistoryService()
        .createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).singleResult();
    if (instance == null) {
      throw Refusal.of(404, null, "找不到此案件", "No such case.");
    }
    if (instance.getRootProcessInstanceId() != null && !instance.getRootProcessInstanceId().equals(instance.getId())) {
      return rootCase(instance.getRootProcessInstanceId());
    }
    return instance;
  }

  String caseOf(String processInstanceId) {
    return rootCase(processInstanceId).getId();
  }

  /** The root and every process instance it called, directly or not. */
  List<String> caseTree(String rootId) {
    List<String> all = new ArrayList<>();
    List<String> level = List.of(rootId);
    while (!level.isEmpty()) {
      all.addAll(level);
      List<String> next = new ArrayList<>();
      for (String id : level) {
        engine.getHistoryService().createHistoricProcessInstanceQuery().superProcessInstanceId(id).list()
            .forEach(p -> next.add(p.getId()));
      }
      level = next;
    }
    return all;
  }

  private String definitionKey(String processDefinitionId) {
    return processDefinitionId == null ? null : processDefinitionId.split(":")[0];
  }

  private String processName(Task task) {
    if (task.getProcessDefinitionId() == null) {
      return "—";
    }
    ProcessDefinition definition = engine.getRepositoryService().getProcessDefinition(task.getProcessDefinitionId());
    return definition.getName() != null ? definition.getName() : definition.getKey();
  }

  private static String name(ModelElementInstance element, String fallback) {
    String name = element.getAttributeValue("name");
    return name == null ? fallback : name;
  }

  /** The history of a task's case, for {@link TaskContextController}. */
  List<HistoricTaskInstance> tasksOf(String caseId) {
    List<HistoricTaskInstance> all = new ArrayList<>();
    for (String pi : caseTree(caseId)) {
      all.addAll(engine.getHistoryService().createHistoricTaskInstanceQuery().processInstanceId(pi).list());
    }
    return all;
  }
}
