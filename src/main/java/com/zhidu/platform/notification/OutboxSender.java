package com.zhidu.platform.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends pending {@code mail_outbox} rows (§6.1.3). Each row is first claimed with a conditional update
 * (status pending, no live lease): only one node's update matches, on H2 and PostgreSQL alike, so two
 * nodes never send the same row. A failed send keeps the row pending with attempts counted and the next
 * attempt pushed back exponentially; after {@code max-attempts} it is marked failed (kept, for an operator).
 * A crash between sending and marking leaves the lease to expire and the mail is sent again: receivers can
 * drop the duplicate by its {@code X-Zhidu-Idempotency-Key}. Uses the engine clock, so tests can move time.
 * Call it outside a transaction: every statement commits on its own.
 */
@Component
public class OutboxSender {

  private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);
  public static final String IDEMPOTENCY_HEADER = "X-Zhidu-Idempotency-Key";

  private final JdbcTemplate jdbc;
  private final JavaMailSender mailSender;
  private final String fromAddress;
  private final String fromName;
  private final int batchSize;
  private final int maxAttempts;
  private final Duration backoff;
  private final Duration maxBackoff;
  private final Duration lease;
  // One id per node (and restart): whose lease a row carries.
  private final String node = UUID.randomUUID().toString();

  public OutboxSender(JdbcTemplate jdbc, JavaMailSender mailSender,
      @Value("${zhidu.notification.from-address}") String fromAddress,
      @Value("${zhidu.notification.from-name}") String fromName,
      @Value("${zhidu.notification.batch-size:50}") int batchSize,
      @Value("${zhidu.notification.max-attempts:20}") int maxAttempts,
      @Value("${zhidu.notification.retry-backoff:PT1M}") Duration backoff,
      @Value("${zhidu.notification.max-retry-backoff:PT1H}") Duration maxBackoff,
      @Value("${zhidu.notification.lease:PT5M}") Duration lease) {
    if (batchSize < 1 || maxAttempts < 1 || backoff.isNegative() || maxBackoff.compareTo(backoff) < 0
        || lease.isNegative() || lease.isZero()) {
      throw new IllegalStateException("zhidu.notification: batch-size and max-attempts must be >= 1,"
          + " retry-backoff <= max-retry-backoff, lease > 0");
    }
    this.jdbc = jdbc;
    this.mailSender = mailSender;
    this.fromAddress = fromAddress;
    this.fromName = fromName;
    this.batchSize = batchSize;
    this.maxAttempts = maxAttempts;
    this.backoff = backoff;
    this.maxBackoff = maxBackoff;
    this.lease = lease;
  }

  /** Sends what is due now; returns how many mails went out. */
  public int sendDue() {
    Timestamp now = now();
    List<Long> ids = jdbc.queryForList("select id from mail_outbox where status = 'pending' and next_attempt_at <= ?"
        + " and (claimed_until is null or claimed_until < ?) order by id fetch first " + batchSize + " rows only",
        Long.class, now, now);
    int sent = 0;
    for (Long id : ids) {
      if (claim(id) && send(id)) sent++;
    }
    return sent;
  }

  private boolean claim(long id) {
    Timestamp now = now();
    return jdbc.update("update mail_outbox set claimed_by = ?, claimed_until = ? where id = ? and status = 'pending'"
        + " and (claimed_until is null or claimed_until < ?)",
        node, new Timestamp(now.getTime() + lease.toMillis()), id, now) == 1;
  }

  private boolean send(long id) {
    Map<String, Object> row = jdbc.queryForMap(
        "select idempotency_key, recipient, subject, body, attempts from mail_outbox where id = ?", id);
    int attempts = ((Number) row.get("attempts")).intValue() + 1;
    try {
      MimeMessage message = mailSender.createMimeMessage();
      MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
      helper.setFrom(fromAddress, fromName);
      helper.setTo((String) row.get("recipient"));
      helper.setSubject((String) row.get("subject"));
      helper.setText((String) row.get("body"), false);
      message.setHeader(IDEMPOTENCY_HEADER, (String) row.get("idempotency_key"));
      mailSender.send(message);
    } catch (MailException | MessagingException | java.io.UnsupportedEncodingException e) {
      failed(id, attempts, e);
      return false;
    }
    jdbc.update("update mail_outbox set status = 'sent', sent_at = ?, attempts = ?, claimed_by = null,"
        + " claimed_until = null, last_error = null where id = ? and claimed_by = ?", now(), attempts, id, node);
    return true;
  }

  private void failed(long id, int attempts, Exception e) {
    String error = e.getClass().getSimpleName() + ": " + e.getMessage();
    error = error.length() > 2000 ? error.substring(0, 2000) : error;
    boolean giveUp = attempts >= maxAttempts;
    Timestamp next = new Timestamp(now().getTime() + backoffAfter(attempts).toMillis());
    jdbc.update("update mail_outbox set status = ?, attempts = ?, next_attempt_at = ?, last_error = ?,"
            + " claimed_by = null, claimed_until = null where id = ? and claimed_by = ?",
        giveUp ? "failed" : "pending", attempts, next, error, id, node);
    if (giveUp) {
      log.error("Mail {} failed {} times and is given up (status failed): {}", id, attempts, error);
    } else {
      log.warn("Mail {} not sent (attempt {}), next attempt at {}: {}", id, attempts, next, error);
    }
  }

  /** 1x, 2x, 4x ... the base backoff, at most the maximum. */
  Duration backoffAfter(int attempts) {
    Duration wait = backoff;
    for (int i = 1; i < attempts && wait.compareTo(maxBackoff) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
  }

  private static Timestamp now() {
    return new Timestamp(ClockUtil.getCurrentTime().getTime());
  }
}
