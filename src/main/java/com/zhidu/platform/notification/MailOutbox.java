package com.zhidu.platform.notification;

import com.zhidu.organization.OrganizationFile.UserEntry;
import com.zhidu.organization.OrganizationService;
import com.zhidu.platform.notification.NotificationTemplates.Kind;
import com.zhidu.platform.notification.NotificationTemplates.Mail;
import com.zhidu.platform.notification.NotificationTemplates.TaskFacts;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Puts a notification into {@code mail_outbox}. Called inside the engine's transaction (same DataSource,
 * so JdbcTemplate joins it): if the task change rolls back, so does the mail. {@link OutboxSender} sends.
 */
@Component
public class MailOutbox {

  private static final Logger log = LoggerFactory.getLogger(MailOutbox.class);

  private final JdbcTemplate jdbc;
  private final OrganizationService organization;
  private final NotificationTemplates templates;

  public MailOutbox(JdbcTemplate jdbc, OrganizationService organization, NotificationTemplates templates) {
    this.jdbc = jdbc;
    this.organization = organization;
    this.templates = templates;
  }

  /**
   * Queues one mail about a task to a user of the organisation; users without e-mail are skipped, and so are the
   * per-task mails (new, assigned, reminder, overdue) of users who chose the daily digest ({@link DailyDigest}).
   */
  public void enqueue(Kind kind, TaskFacts facts, String userId) {
    enqueue(kind, facts, List.of(userId));
  }

  /** {@link #enqueue(Kind, TaskFacts, String)} for each of the users (a candidate group's members), in one batch. */
  public void enqueue(Kind kind, TaskFacts facts, Collection<String> userIds) {
    List<Object[]> rows = new ArrayList<>();
    for (String userId : userIds) {
      Optional<String> email = emailOf(userId);
      if (email.isEmpty()) {
        log.warn("No e-mail address for user {}: {} notification of task {} not sent", userId, kind, facts.taskId());
        continue;
      }
      rows.add(row(userId, email.get(), templates.render(kind, facts, organization.displayName(userId)),
          facts.taskId(), kind.name().toLowerCase(), kind != Kind.ESCALATION));
    }
    insert(rows);
  }

  /**
   * Queues a mail about a case copied to the user (抄送), unless the user chose the daily digest: the digest lists
   * the case instead. Returns whether a row was queued.
   */
  public boolean enqueueCopied(String userId, Mail mail) {
    Optional<String> email = emailOf(userId);
    return email.isPresent() && insert(List.<Object[]>of(row(userId, email.get(), mail, null, "cc", true))) == 1;
  }

  /**
   * Queues a mail already written (urges, digests) to a user of the organisation; users without e-mail are
   * skipped. Returns whether a row was queued.
   */
  public boolean enqueue(String userId, Mail mail, String taskId, String kind) {
    Optional<String> email = emailOf(userId);
    if (email.isEmpty()) {
      log.warn("No e-mail address for user {}: {} mail not sent", userId, kind);
      return false;
    }
    return insert(List.<Object[]>of(row(userId, email.get(), mail, taskId, kind, false))) == 1;
  }

  private Optional<String> emailOf(String userId) {
    return organization.user(userId).map(UserEntry::email).filter(e -> !e.isBlank());
  }

  /** The insert's parameters: the row, then whether the digest replaces it and the user id for {@link #insert}. */
  private static Object[] row(String userId, String email, Mail mail, String taskId, String kind,
      boolean unlessDigest) {
    Timestamp now = new Timestamp(ClockUtil.getCurrentTime().getTime());
    return new Object[] {UUID.randomUUID().toString(), email, userId, mail.subject(), mail.body(), taskId, kind, now,
        now, unlessDigest, userId};
  }

  /**
   * The rows in one statement or batch. For mails the daily digest replaces, the user's choice is asked in the insert
   * itself rather than read first (docs/performance.md, "Sixth round"). Returns how many rows were queued.
   */
  private int insert(List<Object[]> rows) {
    String sql = "insert into mail_outbox (idempotency_key, recipient, user_id, subject, body, task_id, kind,"
        + " status, attempts, next_attempt_at, created_at) select ?,?,?,?,?,?,?,'pending',0,?,?"
        + " where not (? and " + DigestSettings.CHOSE_DIGEST + ")";
    if (rows.isEmpty()) {
      return 0;
    } else if (rows.size() == 1) {
      return jdbc.update(sql, rows.get(0));
    }
    return Arrays.stream(jdbc.batchUpdate(sql, rows)).sum();
  }
}
