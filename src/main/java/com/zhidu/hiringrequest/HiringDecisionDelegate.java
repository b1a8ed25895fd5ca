package com.zhidu.hiringrequest;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Records the review's outcome on the request (approved / rejected), from the review_decision-backed outcome. */
@Component("recordHiringDecision")
public class HiringDecisionDelegate implements JavaDelegate {

  private final HiringRepository hiring;

  public HiringDecisionDelegate(HiringRepository hiring) {
    this.hiring = hiring;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long id = ((Number) execution.getVariable("requestId")).longValue();
    hiring.setStatus(id, "approved".equals(execution.getVariable("reviewOutcome"))
        ? HiringRepository.APPROVED : HiringRepository.REJECTED);
  }
}
