package com.zhidu.operationsanalysis;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * 預警檢查 (§2.2.6, §3.4.2): evaluates every figure of the period, plus the derived sales target achievement
 * and revenue month over month, against {@code processes/decisions/operations-warning.dmn}; each hit becomes an
 * ops_warning row. Sets {@code warningCount} for the gateway. Idempotent (one warning per indicator and round).
 */
@Component("checkEarlyWarnings")
public class WarningCheck implements JavaDelegate {

  /** Derived indicators the decision table may name: code → label. */
  public static final Map<String, String> DERIVED = Map.of("targetAchievement", "銷售目標達成率(%)",
      "revenueMoM", "銷售收入環比(%)");

  private final OperationsRepository repository;
  private final OperationsAnalysis analysis;
  private final DecisionService decisions;

  public WarningCheck(OperationsRepository repository, OperationsAnalysis analysis, DecisionService decisions) {
    this.repository = repository;
    this.analysis = analysis;
    this.decisions = decisions;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long roundId = ((Number) execution.getVariable("roundId")).longValue();
    String period = repository.periodOf(roundId);
    repository.setStatus(roundId, OperationsRepository.REPORTING);
    OperationsAnalysis.Result result = analysis.of(period);
    Map<String, Double> inputs = new LinkedHashMap<>();
    Map<String, String> departments = new LinkedHashMap<>();
    repository.figures(period).forEach((indicator, figure) -> {
      inputs.put(indicator.code, figure.value());
      departments.put(indicator.code, indicator.department);
    });
    if (result.achievement() != null) {
      inputs.put("targetAchievement", result.achievement());
      departments.put("targetAchievement", "sales");
    }
    Double mom = result.trend(Indicator.REVENUE).monthOverMonth();
    if (mom != null) {
      inputs.put("revenueMoM", mom);
      departments.put("revenueMoM", "sales");
    }
    inputs.forEach((code, value) -> {
      DmnDecisionRuleResult hit = decisions.evaluateDecisionTableByKey("operations-warning",
          Variables.createVariables().putValue("indicator", code).putValue("value", value)).getFirstResult();
      if (hit != null) {
        repository.addWarningOnce(roundId, departments.get(code), code, Math.round(value * 100),
            (String) hit.get("level"), (String) hit.get("message"));
      }
    });
    execution.setVariable("reportLink", "/zhidu/api/operations/" + roundId + "/report.html");
    List<Long> ids = repository.warningIds(roundId);
    execution.setVariable("warningCount", ids.size());
  }

  public static String label(String code) {
    return Indicator.of(code).map(i -> i.label).orElse(DERIVED.getOrDefault(code, code));
  }
}
