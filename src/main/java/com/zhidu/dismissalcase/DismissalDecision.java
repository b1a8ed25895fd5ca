package com.zhidu.dismissalcase;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The end of a dismissal case (§4.1.4): {@code approved} (the 會簽 of manager and leadership all approved, each
 * decision recorded in review_decision), {@code rejected} (one of them did not), or {@code notRecommended} by HR.
 * The outcome is the service task's input parameter, fixed in the model.
 */
@Component("dismissalDecision")
public class DismissalDecision implements JavaDelegate {

  private final DismissalCaseRepository cases;

  public DismissalDecision(DismissalCaseRepository cases) {
    this.cases = cases;
  }

  @Override
  public void execute(DelegateExecution execution) {
    cases.decided(((Number) execution.getVariable("caseId")).longValue(), (String) execution.getVariable("outcome"));
  }
}
