package com.zhidu.platform.notification;

import com.zhidu.organization.OrganizationService;
import com.zhidu.platform.notification.NotificationTemplates.Mail;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The daily digest: for each user who chose it ({@link DigestSettings}), one mail a day through the outbox listing
 * the user's open tasks (assigned to them, or waiting unclaimed in their groups) with due dates, overdue ones
 * first and marked, and the cases copied to the user (抄送) since the last digest. Once per user and day
 * ({@code daily_digest_sent}, unique), also with several nodes; a user without open tasks or copies gets no mail.
 * Run by {@link DigestJobs} at {@code zhidu.digest.cron} in the company zone.
 */
@Component
public class DailyDigest {

  private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private final DigestSettings settings;
  private final TaskService tasks;
  private final RepositoryService repository;
  private final HistoryService history;
  private final MailOutbox outbox;
  private final NotificationTemplates templates;
  private final OrganizationService organization;
  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;
  private final ZoneId zone;

  public DailyDigest(DigestSettings settings, TaskService tasks, RepositoryService repository, HistoryService history,
      MailOutbox outbox, NotificationTemplates templates, OrganizationService organization, JdbcTemplate jdbc,
      PlatformTransactionManager transactions, @Value("${zhidu.time-zone:Asia/Taipei}") ZoneId zone) {
    this.settings = settings;
    this.tasks = tasks;
    this.repository = repository;
    this.history = history;
    this.outbox = outbox;
    this.templates = templates;
    this.organization = organization;
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactions);
    this.zone = zone;
  }

  /** Today's digests (in the company zone); returns how many mails were queued. */
  public int sendToday() {
    return send(LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), zone));
  }

  public int send(LocalDate day) {
    int queued = 0;
    for (String user : settings.digestUsers()) {
      try {
        Boolean sent = transaction.execute(status -> sendTo(user, day));
        if (Boolean.TRUE.equals(sent)) {
          queued++;
        }
      } catch (DuplicateKeyException alreadySent) {
        // Another node (or an earlier run today) queued this user's digest.
      }
    }
    return queued;
  }

  private boolean sendTo(String user, LocalDate day) {
    Integer done = jdbc.queryForObject("select count(*) from daily_digest_sent where user_id = ? and digest_day = ?",
        Integer.class, user, Date.valueOf(day));
    if (done != null && done > 0) {
      return false;
    }
    List<Task> open = openTasks(user);
    List<String> copied = copiedSinceLastDigest(user);
    Instant now = ClockUtil.getCurrentTime().toInstant();
    jdbc.update("insert into daily_digest_sent (user_id, digest_day, task_count, created_at) values (?,?,?,?)",
        user, Date.valueOf(day), open.size(), Timestamp.from(now));
    if (open.isEmpty() && copied.isEmpty()) {
      return false;
    }
    return outbox.enqueue(user, render(user, day, open, copied, now), null, "digest");
  }

  /**
   * The cases copied to the user (抄送) that no mail told them about yet: since their last digest, or since they
   * chose the digest (copies before that got their own mail). Named as the mails name them.
   */
  List<String> copiedSinceLastDigest(String user) {
    Timestamp since = jdbc.queryForObject("select max(t) from (select max(created_at) t from daily_digest_sent"
        + " where user_id = ? union all select updated_at t from user_notification_setting where user_id = ?) x",
        Timestamp.class, user, user);
    List<Map<String, Object>> rows = jdbc.queryForList("select case_id, copied_by from case_copy where user_id = ?"
        + " and copied_at >= ? order by copied_at, id", user, since == null ? new Timestamp(0) : since);
    List<String> cases = new ArrayList<>();
    for (Map<String, Object> row : rows) {
      String caseId = (String) row.get("case_id");
      HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery().processInstanceId(caseId)
          .singleResult();
      String name = instance == null ? caseId : NotificationTemplates.caseName(instance);
      cases.add(name + "（" + organization.displayName((String) row.get("copied_by")) + "抄送）");
    }
    return cases;
  }

  /** Assigned to the user, or unclaimed with the user as candidate (directly or by group), overdue first. */
  List<Task> openTasks(String user) {
    Map<String, Task> open = new LinkedHashMap<>();
    tasks.createTaskQuery().taskAssignee(user).list().forEach(t -> open.put(t.getId(), t));
    tasks.createTaskQuery().taskCandidateUser(user).list().forEach(t -> open.putIfAbsent(t.getId(), t));
    List<Task> sorted = new ArrayList<>(open.values());
    sorted.sort(Comparator.comparing((Task t) -> t.getDueDate() == null ? Long.MAX_VALUE : t.getDueDate().getTime())
        .thenComparing(Task::getCreateTime));
    return sorted;
  }

  Mail render(String user, LocalDate day, List<Task> open, List<String> copied, Instant now) {
    long overdue = open.stream().filter(t -> t.getDueDate() != null && t.getDueDate().toInstant().isBefore(now))
        .count();
    StringBuilder body = new StringBuilder(organization.displayName(user)).append(" 您好：\n\n")
        .append("以下是您 ").append(day).append(" 的待辦任務，共 ").append(open.size()).append(" 項");
    if (overdue > 0) {
      body.append("，其中 ").append(overdue).append(" 項已逾期");
    }
    body.append("：\n\n");
    for (Task task : open) {
      boolean late = task.getDueDate() != null && task.getDueDate().toInstant().isBefore(now);
      body.append(late ? "【已逾期】" : "・").append(task.getName()).append("（").append(processName(task))
          .append(task.getAssignee() == null ? "，待認領" : "").append("）期限：")
          .append(task.getDueDate() == null ? "未設定" : DATE_TIME.format(task.getDueDate().toInstant().atZone(zone)))
          .append("\n  ").append(templates.taskLink(task.getId())).append("\n");
    }
    if (!copied.isEmpty()) {
      body.append("\n抄送給您的案件（僅供閱知，可在「抄送給我」中查看）：\n");
      copied.forEach(c -> body.append("・").append(c).append("\n"));
    }
    body.append("\n您選擇了每日摘要，因此不會逐項收到新任務、到期提醒與抄送郵件；可在 Tasklist 頁首的「每日摘要郵件」更改。\n")
        .append("此郵件由制度系統自動發送，請勿直接回覆。\n");
    String subject = "【制度】每日待辦摘要：" + open.size() + " 項待辦" + (overdue > 0 ? "，" + overdue + " 項已逾期" : "")
        + (copied.isEmpty() ? "" : "，" + copied.size() + " 件抄送");
    return new Mail(subject, body.toString());
  }

  private String processName(Task task) {
    if (task.getProcessDefinitionId() == null) {
      return "加簽";
    }
    var definition = repository.getProcessDefinition(task.getProcessDefinitionId());
    return definition.getName() != null ? definition.getName() : definition.getKey();
  }
}
