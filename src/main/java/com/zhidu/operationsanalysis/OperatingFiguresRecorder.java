package com.zhidu.operationsanalysis;

import com.zhidu.organization.OrganizationService;
import com.zhidu.platform.Refusal;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * 提交運營數據 (§3.4.1): on completing a department's task, only that department's data owner (organization.yaml
 * {@code dataOwners}) may submit; every figure is checked (present, a number, whole where a count, at most two
 * decimals, inside its range, the round's period, consistent with the others) and stored by the authenticated
 * owner. A refusal names each field and writes nothing.
 */
@Component("operatingFiguresRecorder")
public class OperatingFiguresRecorder implements TaskListener {

  static final Map<String, String> DEPARTMENT_OF_TASK = Map.of("submitSalesFigures", "sales", "submitFinanceFigures",
      "finance", "submitProductionFigures", "production", "submitInventoryFigures", "inventory");

  private final OperationsRepository repository;
  private final OrganizationService organization;

  public OperatingFiguresRecorder(OperationsRepository repository, OrganizationService organization) {
    this.repository = repository;
    this.organization = organization;
  }

  @Override
  public void notify(DelegateTask task) {
    String department = DEPARTMENT_OF_TASK.get(task.getTaskDefinitionKey());
    Authentication user = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    String owner = organization.dataOwnerOf(department);
    if (user == null || user.getUserId() == null || !user.getUserId().equals(owner)) {
      throw Refusal.of(403, null, "只有" + Indicator.departmentLabel(department) + "數據負責人(" + owner + ")可以提交本部門的數據",
          "only the data owner of " + department + " submits its figures");
    }
    long roundId = ((Number) task.getVariable("roundId")).longValue();
    String period = repository.periodOf(roundId);
    Object submittedPeriod = task.getVariable("period");
    if (submittedPeriod != null && !period.equals(submittedPeriod.toString())) {
      throw Refusal.of(400, "period", "「期間」須為本輪的 " + period, "period must be the round's " + period);
    }
    Map<Indicator, Long> values = check(department, task::getVariable);
    values.forEach((indicator, centi) -> repository.putFigure(roundId, period, indicator, centi, "owner", owner));
  }

  /** Checks a department's entered figures; returns them in hundredths or throws one Refusal naming every field. */
  public static Map<Indicator, Long> check(String department, Function<String, Object> values) {
    List<Refusal.Error> errors = new ArrayList<>();
    Map<Indicator, Long> result = new LinkedHashMap<>();
    for (Indicator i : Indicator.enteredBy(department)) {
      Object raw = values.apply(i.code);
      BigDecimal v;
      try {
        v = raw == null || raw.toString().isBlank() ? null : new BigDecimal(raw.toString().trim());
      } catch (NumberFormatException e) {
        v = null;
        errors.add(new Refusal.Error(i.code, "「" + i.label + "」須為數字", i.code + " must be a number"));
        continue;
      }
      if (v == null) {
        errors.add(new Refusal.Error(i.code, "請填寫「" + i.label + "」", i.code + " is required"));
      } else if (v.stripTrailingZeros().scale() > (i.unit == Indicator.Unit.COUNT ? 0 : 2)) {
        errors.add(new Refusal.Error(i.code, "「" + i.label + "」" + (i.unit == Indicator.Unit.COUNT ? "須為整數" : "最多兩位小數"),
            i.code + " has too many decimals"));
      } else if (v.doubleValue() < i.min || v.doubleValue() > i.max) {
        errors.add(new Refusal.Error(i.code, "「" + i.label + "」須介於 " + plain(i.min) + " 與 " + plain(i.max) + " 之間",
            i.code + " out of range"));
      } else {
        result.put(i, v.movePointRight(2).longValueExact());
      }
    }
    if (errors.isEmpty() && "production".equals(department) && result.get(Indicator.OUTPUT) == 0
        && result.get(Indicator.DEFECT_RATE) > 0) {
      errors.add(new Refusal.Error(Indicator.DEFECT_RATE.code, "產量為 0 時不良率須為 0",
          "no output means no defect rate"));
    }
    if (!errors.isEmpty()) {
      throw new Refusal(400, errors);
    }
    return result;
  }

  private static String plain(double v) {
    return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }
}
