package com.zhidu.meeting;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Runs {@link MeetingScheduler} periodically on every node (safe: one row per meeting). Follows the job
 * executor like the other periodic jobs, so the test suites call {@link MeetingScheduler#startDue()} themselves.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "zhidu.meetings.jobs-enabled", havingValue = "true")
public class MeetingJobs {

  private final MeetingScheduler scheduler;

  public MeetingJobs(MeetingScheduler scheduler) {
    this.scheduler = scheduler;
  }

  @Scheduled(initialDelayString = "PT1M", fixedDelayString = "${zhidu.meetings.scan-period:PT10M}")
  public void openDueMeetings() {
    scheduler.startDue();
  }
}
