package com.zhidu.reportsubmission;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 標記報告已批准: leadership approved (§3.1.5); the report's status and approved version are set once. */
@Component("markReportApproved")
public class MarkReportApprovedDelegate implements JavaDelegate {

  private final ReportRepository reports;

  public MarkReportApprovedDelegate(ReportRepository reports) {
    this.reports = reports;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Report report = reports.findBySubmission(execution.getProcessInstanceId()).orElseThrow();
    reports.markApproved(report.id());
  }
}
