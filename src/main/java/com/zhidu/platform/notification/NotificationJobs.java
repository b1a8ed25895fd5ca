package com.zhidu.platform.notification;

import com.zhidu.platform.deadlines.DeadlineWatcher;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Runs the deadline scan and the outbox sender on every node, periodically. Safe in a cluster: notices are
 * unique per task in the database and outbox rows are claimed before sending. Off when
 * {@code zhidu.notification.jobs-enabled} is false (by default it follows the engine's job executor, so the
 * test suites, which drive jobs themselves, call {@link DeadlineWatcher#scan()} and {@link OutboxSender#sendDue()}).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "zhidu.notification.jobs-enabled", havingValue = "true")
public class NotificationJobs {

  private final DeadlineWatcher watcher;
  private final OutboxSender sender;

  public NotificationJobs(DeadlineWatcher watcher, OutboxSender sender) {
    this.watcher = watcher;
    this.sender = sender;
  }

  @Scheduled(initialDelayString = "PT30S", fixedDelayString = "${zhidu.deadlines.scan-period:PT5M}")
  public void scanDeadlines() {
    watcher.scan();
  }

  @Scheduled(initialDelayString = "PT10S", fixedDelayString = "${zhidu.notification.send-period:PT30S}")
  public void sendMails() {
    sender.sendDue();
  }
}
