package com.zhidu.operationsanalysis;

import com.zhidu.complainthandling.ComplaintStatistics;
import com.zhidu.salesanalysis.SalesAnalysis;
import java.math.BigDecimal;
import java.util.List;
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
 * complaint-handling (stored as an automatic figure) and the month's signed sales and sales target from
 * {@link SalesAnalysis} (the team lines in TWD), put into the sales owner's form to confirm. Idempotent.
 */
@Component("openCollectionRound")
public class OpenCollectionRoundDelegate implements JavaDelegate {

  static final String SYSTEM = "system";

  private final OperationsRepository repository;
  private final ComplaintStatistics complaints;
  private final SalesAnalysis sales;
  private final ZoneId zone;

  public OpenCollectionRoundDelegate(OperationsRepository repository, ComplaintStatistics complaints,
      SalesAnalysis sales, @Value("${zhidu.time-zone:Asia/Taipei}") ZoneId zone) {
    this.repository = repository;
    this.complaints = complaints;
    this.sales = sales;
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
    List<SalesAnalysis.TargetVsActual> teams = sales.monthly(period).stream()
        .filter(t -> t.level() == SalesAnalysis.Level.TEAM && "TWD".equals(t.currency())).toList();
    long target = teams.stream().mapToLong(SalesAnalysis.TargetVsActual::targetMinor).sum();
    long signed = teams.stream().mapToLong(SalesAnalysis.TargetVsActual::signedMinor).sum();
    if (target > 0 || signed > 0) {
      execution.setVariable(Indicator.REVENUE.code, BigDecimal.valueOf(signed, 2).doubleValue());
      execution.setVariable(Indicator.SALES_TARGET.code, BigDecimal.valueOf(target, 2).doubleValue());
    }
  }
}
