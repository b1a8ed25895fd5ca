package com.zhidu.performanceappraisal;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** §4.1.1: every appraisal of the cycle is done. */
@Component("closeAppraisalCycle")
public class CloseAppraisalCycle implements JavaDelegate {

  private final AppraisalRepository appraisals;

  public CloseAppraisalCycle(AppraisalRepository appraisals) {
    this.appraisals = appraisals;
  }

  @Override
  public void execute(DelegateExecution execution) {
    appraisals.closeCycle(AppraisalRepository.id(execution.getVariable("cycleId")));
  }
}
