package com.zhidu.platform.notification;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Two nodes' senders drain the same outbox at the same time; every row must be sent exactly once. Shared by
 * the H2 test and the PostgreSQL IT.
 */
final class OutboxRace {

  static final String TASK = "outbox-race";

  /** A mail transport that records what it was asked to send (slowly, to widen the race window). */
  static final class RecordingSender extends JavaMailSenderImpl {
    final Queue<String> keys;

    RecordingSender(Queue<String> keys) {
      this.keys = keys;
    }

    @Override
    protected void doSend(MimeMessage[] messages, Object[] originals) {
      for (MimeMessage message : messages) {
        try {
          if (TASK.equals(message.getHeader("X-Zhidu-Task", null))) {
            keys.add(message.getHeader(OutboxSender.IDEMPOTENCY_HEADER, null));
          }
          Thread.sleep(2);
        } catch (MessagingException | InterruptedException e) {
          throw new IllegalStateException(e);
        }
      }
    }
  }

  static void run(JdbcTemplate jdbc, int rows) throws Exception {
    jdbc.update("delete from mail_outbox where task_id = ?", TASK);
    Timestamp now = new Timestamp(ClockUtil.getCurrentTime().getTime());
    List<String> inserted = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      String key = UUID.randomUUID().toString();
      inserted.add(key);
      jdbc.update("insert into mail_outbox (idempotency_key, recipient, subject, body, task_id, kind, status,"
          + " attempts, next_attempt_at, created_at) values (?,?,?,?,?,'new','pending',0,?,?)",
          key, "race" + i + "@zhidu.example", "測試 " + i, "內容", TASK, now, now);
    }
    Queue<String> sent = new ConcurrentLinkedQueue<>();
    ExecutorService nodes = Executors.newFixedThreadPool(2);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> runs = new ArrayList<>();
    for (int n = 0; n < 2; n++) {
      OutboxSender node = new OutboxSender(jdbc, new TaggingSender(new RecordingSender(sent)),
          "noreply@zhidu.example", "制度系統", 7, 5, Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofMinutes(5));
      runs.add(nodes.submit(() -> {
        go.await();
        while (pending(jdbc) > 0) {
          node.sendDue();
        }
        return null;
      }));
    }
    go.countDown();
    for (Future<?> run : runs) {
      run.get(2, TimeUnit.MINUTES);
    }
    nodes.shutdown();

    assertThat(sent).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(inserted);
    assertThat(jdbc.queryForList("select status from mail_outbox where task_id = ?", String.class, TASK))
        .hasSize(rows).containsOnly("sent");
  }

  private static int pending(JdbcTemplate jdbc) {
    return jdbc.queryForObject("select count(*) from mail_outbox where task_id = ? and status = 'pending'",
        Integer.class, TASK);
  }

  /** Marks race mails so the recorder ignores anything else pending in a shared database. */
  static final class TaggingSender extends JavaMailSenderImpl {
    private final RecordingSender target;

    TaggingSender(RecordingSender target) {
      this.target = target;
    }

    @Override
    protected void doSend(MimeMessage[] messages, Object[] originals) {
      for (MimeMessage message : messages) {
        try {
          if (message.getSubject() != null && message.getSubject().startsWith("測試 ")) {
            message.setHeader("X-Zhidu-Task", TASK);
          }
        } catch (MessagingException e) {
          throw new IllegalStateException(e);
        }
      }
      target.doSend(messages, originals);
    }
  }

  private OutboxRace() {}
}
