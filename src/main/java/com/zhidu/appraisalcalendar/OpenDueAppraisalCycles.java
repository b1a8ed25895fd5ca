package com.zhidu.appraisalcalendar;

import com.zhidu.performanceappraisal.AppraisalCycles;
import com.zhidu.performanceappraisal.AppraisalPeriod;
import com.zhidu.performanceappraisal.AppraisalRepository;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The daily check of appraisal-calendar (§4.1.1): for each kind whose opening day (processes/appraisal-cycles.yaml)
 * is today, starts performance-appraisal for the whole department and the period that just ended, unless that
 * cycle is already open (a retried job or a second check the same day opens nothing twice).
 */
@Component("openDueAppraisalCycles")
public class OpenDueAppraisalCycles implements JavaDelegate {

  private final AppraisalCycles cycles;
  private final AppraisalRepository appraisals;
  private final ZoneId zone;

  public OpenDueAppraisalCycles(AppraisalCycles cycles, AppraisalRepository appraisals,
      @Value("${zhidu.time-zone:Asia/Taipei}") ZoneId zone) {
    this.cycles = cycles;
    this.appraisals = appraisals;
    this.zone = zone;
  }

  @Override
  public void execute(DelegateExecution execution) {
    LocalDate today = LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), zone);
    for (String kind : AppraisalPeriod.KINDS) {
      AppraisalPeriod period = AppraisalPeriod.previous(kind, today);
      if (cycles.opensOn(kind, today) && appraisals.cycle(kind, period.label(), null).isEmpty()) {
        execution.getProcessEngineServices().getRuntimeService().startProcessInstanceByKey("performance-appraisal",
            Map.of(AppraisalCycles.CYCLE_KIND, kind, "period", period.label()));
      }
    }
  }
}
