package com.zhidu.operationsanalysis;

import com.zhidu.organization.OrganizationService;
import com.zhidu.platform.Refusal;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The manual start of a collection round (§3.4.1, e.g. to redo a month the timer missed): only the operations
 * analysis group; the period must be a completed month without a round yet.
 */
@Component("collectionRoundCheck")
public class CollectionRoundCheck implements ExecutionListener {

  private final OrganizationService organization;
  private final OperationsRepository repository;
  private final ZoneId zone;

  public CollectionRoundCheck(OrganizationService organization, OperationsRepository repository,
      @Value("${zhidu.time-zone:Asia/Taipei}") ZoneId zone) {
    this.organization = organization;
    this.repository = repository;
    this.zone = zone;
  }

  @Override
  public void notify(DelegateExecution execution) {
    Authentication starter = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    if (starter == null || starter.getUserId() == null
        || !organization.user(starter.getUserId()).map(u -> u.groups().contains("operationsAnalysis")).orElse(false)) {
      throw Refusal.of(403, null, "只有運營分析組的成員可以發起數據收集。", "only operationsAnalysis starts a collection round");
    }
    Object value = execution.getVariable("period");
    YearMonth period;
    try {
      period = YearMonth.parse(value == null ? "" : value.toString().trim());
    } catch (DateTimeParseException e) {
      throw Refusal.of(400, "period", "「期間」須為 YYYY-MM", "period must be YYYY-MM");
    }
    if (!period.isBefore(currentMonth())) {
      throw Refusal.of(400, "period", "只能收集已結束月份的數據(" + currentMonth().minusMonths(1) + " 或更早)",
          "only a completed month can be collected");
    }
    if (repository.periodTaken(period.toString())) {
      throw Refusal.of(409, "period", period + " 的數據收集已經發起過", "a round for " + period + " exists");
    }
    execution.setVariable("period", period.toString());
  }

  YearMonth currentMonth() {
    return YearMonth.from(ClockUtil.getCurrentTime().toInstant().atZone(zone));
  }
}
