package com.zhidu.operationsanalysis;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * When the collection round starts (§3.4.1): the timer start event of operations-analysis reads
 * {@code ${operationsSchedule.cycle}}, set by {@code zhidu.operations-analysis.collection-cycle} in
 * application.yaml (a Camunda time cycle: cron {@code sec min hour day month weekday} or ISO {@code R/…/P1M}).
 * A changed cycle applies when the process is deployed again.
 */
@Component("operationsSchedule")
public class OperationsSchedule {

  private final String cycle;

  public OperationsSchedule(@Value("${zhidu.operations-analysis.collection-cycle:0 0 7 1 * ?}") String cycle) {
    this.cycle = cycle;
  }

  public String getCycle() {
    return cycle;
  }
}
