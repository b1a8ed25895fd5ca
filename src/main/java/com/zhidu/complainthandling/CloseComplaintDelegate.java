package com.zhidu.complainthandling;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 投訴結案 (§3.3.4): closes the complaint once its corrective action is done; a dispute stays a dispute. */
@Component("closeComplaint")
public class CloseComplaintDelegate implements JavaDelegate {

  private final ComplaintRepository complaints;

  public CloseComplaintDelegate(ComplaintRepository complaints) {
    this.complaints = complaints;
  }

  @Override
  public void execute(DelegateExecution execution) {
    complaints.closeOnce(((Number) execution.getVariable("complaintId")).longValue());
  }
}
