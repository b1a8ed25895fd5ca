package com.zhidu.performanceappraisal;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** §4.1.4: the appraisal is closed; its rating stays in the employee's history. */
@Component("closeAppraisal")
public class CloseAppraisal implements JavaDelegate {

  private final AppraisalRepository appraisals;

  public CloseAppraisal(AppraisalRepository appraisals) {
    this.appraisals = appraisals;
  }

  @Override
  public void execute(DelegateExecution execution) {
    appraisals.close(AppraisalRepository.id(execution.getVariable("appraisalId")));
  }
}
