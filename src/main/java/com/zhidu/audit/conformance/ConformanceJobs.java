package com.zhidu.audit.conformance;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Runs the conformance sweep ({@link CaseVerdicts#sweep}) periodically on every node, as the deadline scan is run
 * ({@code NotificationJobs}); the sweep row's lock lets one node sweep at a time, the others skip that round. The
 * first sweep after start-up also backfills a new rule set. Off when {@code zhidu.conformance.jobs-enabled} is false
 * (it follows the job executor, so the test suites call the sweep themselves).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "zhidu.conformance.jobs-enabled", havingValue = "true")
public class ConformanceJobs {

  private static final Logger log = LoggerFactory.getLogger(ConformanceJobs.class);

  private final CaseVerdicts verdicts;

  public ConformanceJobs(CaseVerdicts verdicts) {
    this.verdicts = verdicts;
  }

  @Scheduled(initialDelayString = "PT30S", fixedDelayString = "${zhidu.conformance.sweep-period:PT1M}")
  public void sweep() {
    try {
      long start = System.nanoTime();
      int judged = verdicts.sweep();
      if (judged > 0) {
        log.info("Conformance verdicts: {} finished cases judged for rule set {} in {} ms", judged,
            verdicts.ruleSet(), (System.nanoTime() - start) / 1_000_000);
      }
    } catch (RuntimeException e) {
      // The next round reads again from the same watermark; meanwhile the report judges these cases live.
      log.error("Conformance sweep stopped (the report judges the cases not kept live): {}", e.toString(), e);
    }
  }
}
