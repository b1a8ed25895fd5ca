package com.zhidu.dismissalcase;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The end of a dismissal case (§4.1.4): {@code approved} (manager and leadership approved, recorded in
 * review_decision by report-approval), {@code rejected}, or {@code notRecommended} by HR. The outcome is the
 * service task's input parameter, fixed in the model.
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
