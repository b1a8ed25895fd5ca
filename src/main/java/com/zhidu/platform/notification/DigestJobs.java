package com.zhidu.platform.notification;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Queues the daily digests at {@code zhidu.digest.cron} in the company time zone. Follows the notification jobs
 * switch (off in the test suites, which call {@link DailyDigest#send} themselves).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "zhidu.notification.jobs-enabled", havingValue = "true")
public class DigestJobs {

  private final DailyDigest digest;

  public DigestJobs(DailyDigest digest) {
    this.digest = digest;
  }

  @Scheduled(cron = "${zhidu.digest.cron:0 0 8 * * *}", zone = "${zhidu.time-zone:Asia/Taipei}")
  public void sendDigests() {
    digest.sendToday();
  }
}
