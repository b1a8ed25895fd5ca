package com.zhidu.operationsanalysis;

import com.zhidu.complainthandling.ComplaintStatistics;
import java.time.YearMonth;
import java.time.ZoneId;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * 開啟數據收集 (§3.4.1): opens the round of a period (the given one, or the month before the timer fired),
 * business key {@code OPS-<period>}, and fills in what Zhidu already knows: the month's complaints from
 * complaint-handling. Idempotent for retried jobs.
 */
@Component("openCollectionRound")
public class OpenCollectionRoundDelegate implements JavaDelegate {

  static final String SYSTEM = "system";

  private final OperationsRepository repository;
  private final ComplaintStatistics complaints;
  private final ZoneId zone;

  public OpenCollectionRoundDelegate(OperationsRepository repository, ComplaintStatistics complaints,
      @Value("${zhidu.time-zone:Asia/Taipei}") ZoneId zone) {
    this.repository = repository;
    this.complaints = complaints;
    this.zone = zone;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Object given = execution.getVariable("period");
    YearMonth period = given == null
        ? YearMonth.from(ClockUtil.getCurrentTime().toInstant().atZone(zone)).minusMonths(1)
        : YearMonth.parse(given.toString());
    long roundId = repository.createRoundOnce(execution.getProcessInstanceId(), period.toString());
    execution.setVariable("roundId", roundId);
    execution.setVariable("period", period.toString());
    execution.setProcessBusinessKey("OPS-" + period);
    int received = complaints.between(period.atDay(1).atStartOfDay(zone).toInstant(),
        period.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant()).overall().received();
    repository.putFigure(roundId, period.toString(), Indicator.COMPLAINTS, received * 100L, "auto", SYSTEM);
    execution.setVariable("complaints", received);
  }
}
