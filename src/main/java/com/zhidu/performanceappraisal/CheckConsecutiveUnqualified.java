package com.zhidu.performanceappraisal;

import com.zhidu.performanceappraisal.AppraisalRepository.Appraisal;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * §4.1.4: unqualified in two consecutive cycles of the same kind. Reads the rating history from the table: this
 * appraisal and the employee's latest earlier rated appraisal of the same kind (monthly with monthly, …).
 */
@Component("checkConsecutiveUnqualified")
public class CheckConsecutiveUnqualified implements JavaDelegate {

  public static final String UNQUALIFIED = "不合格";

  private final AppraisalRepository appraisals;

  public CheckConsecutiveUnqualified(AppraisalRepository appraisals) {
    this.appraisals = appraisals;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Appraisal a = appraisals.get(AppraisalRepository.id(execution.getVariable("appraisalId")));
    execution.setVariable("dismissalDue", consecutiveUnqualified(a));
  }

  boolean consecutiveUnqualified(Appraisal a) {
    return UNQUALIFIED.equals(a.rating()) && appraisals.previousOfSameKind(a.employeeId(), a.kind(), a.periodStart())
        .map(previous -> UNQUALIFIED.equals(previous.rating())).orElse(false);
  }
}
