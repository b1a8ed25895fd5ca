package com.zhidu.performanceappraisal;

import com.zhidu.platform.Refusal;
import java.time.LocalDate;
import java.time.ZoneId;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Opens an appraisal cycle (§4.1.1), started by hand (hr, deptManager) or by appraisal-calendar: the kind, and
 * optionally the period (default: the last one ended) and a scope group (default: the whole department). Refused
 * for a period that has not ended or a cycle of that kind, period and scope that is already open.
 */
@Component("openAppraisalCycle")
public class OpenAppraisalCycle implements JavaDelegate {

  private final AppraisalCycles cycles;
  private final AppraisalRepository appraisals;
  private final ZoneId zone;

  public OpenAppraisalCycle(AppraisalCycles cycles, AppraisalRepository appraisals,
      @Value("${zhidu.time-zone:Asia/Taipei}") ZoneId zone) {
    this.cycles = cycles;
    this.appraisals = appraisals;
    this.zone = zone;
  }

  @Override
  public void execute(DelegateExecution execution) {
    // The authenticated starter (hr, deptManager); none when appraisal-calendar opens the cycle.
    String openedBy = AppraisalUsers.authenticatedOrNull(execution.getProcessEngineServices().getIdentityService());
    String kind = (String) execution.getVariable(AppraisalCycles.CYCLE_KIND);
    AppraisalPeriod.requireKind(kind);
    LocalDate today = LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), zone);
    Object label = execution.getVariable("period");
    AppraisalPeriod period = label == null || label.toString().isBlank() ? AppraisalPeriod.previous(kind, today)
        : AppraisalPeriod.parse(kind, label.toString());
    if (!period.end().isBefore(today)) {
      throw Refusal.of(400, "period", "考核期間尚未結束,不能開啟考核", "The period has not ended yet.");
    }
    Object scopeValue = execution.getVariable("scope");
    String scope = scopeValue == null || scopeValue.toString().isBlank() ? null : scopeValue.toString();
    if (scope != null && !cycles.appraisedGroups().contains(scope)) {
      throw Refusal.of(400, "scope", "考核範圍必須是受考核的組別", "scope must be one of the appraised groups");
    }
    if (appraisals.cycle(kind, period.label(), scope).isPresent()) {
      throw Refusal.of(409, "period", "本期此範圍的考核已開啟:" + period.label(),
          "A cycle of this kind, period and scope is already open: " + period.label());
    }
    long cycleId = appraisals.insertCycle(period, scope, openedBy, execution.getProcessInstanceId());
    execution.setProcessBusinessKey("APR-" + cycleId);
    execution.setVariable("cycleId", cycleId);
    execution.setVariable("period", period.label());
  }
}
