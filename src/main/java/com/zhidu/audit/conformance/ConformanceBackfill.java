package com.zhidu.audit.conformance;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Runs {@link CaseVerdicts#backfill} once after start-up, in the background: the verdicts of cases that ended
 * before the verdict tables existed, or under an older rule set. Off when {@code zhidu.conformance.jobs-enabled} is
 * false (it follows the job executor, so the test suites call the backfill themselves). Several nodes may each run
 * it: a case judged twice is replaced, and a clash becomes a job.
 */
@Component
@ConditionalOnProperty(name = "zhidu.conformance.jobs-enabled", havingValue = "true")
public class ConformanceBackfill {

  private static final Logger log = LoggerFactory.getLogger(ConformanceBackfill.class);

  private final CaseVerdicts verdicts;

  public ConformanceBackfill(CaseVerdicts verdicts) {
    this.verdicts = verdicts;
  }

  @EventListener(ApplicationReadyEvent.class)
  public void start() {
    Thread backfill = new Thread(() -> {
      try {
        long start = System.nanoTime();
        int judged = verdicts.backfill();
        log.info("Conformance verdicts: {} finished cases judged for rule set {} in {} s", judged,
            verdicts.ruleSet(), (System.nanoTime() - start) / 1_000_000_000);
      } catch (RuntimeException e) {
        log.error("Conformance verdict backfill stopped (the report judges the missing cases live): {}", e.toString(), e);
      }
    }, "conformance-backfill");
    backfill.setDaemon(true);
    backfill.start();
  }
}
