package com.zhidu.reportsubmission;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * On completing 閱知: records in report_recipient when the recipient acknowledged the approved report
 * and their optional feedback (意見回饋), with the authenticated user, in the same transaction.
 */
@Component("acknowledgementRecorder")
public class AcknowledgementRecorder implements TaskListener {

  static final String RECIPIENT = "recipient";
  static final String FEEDBACK = "feedback";

  private final ReportRepository reports;

  public AcknowledgementRecorder(ReportRepository reports) {
    this.reports = reports;
  }

  @Override
  public void notify(DelegateTask task) {
    String recipient = String.valueOf(task.getVariable(RECIPIENT));
    Authentication authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    if (authentication == null || !recipient.equals(authentication.getUserId())) {
      throw new ProcessEngineException("閱知只能由收件人本人完成。");
    }
    Report report = reports.findBySubmission(task.getProcessInstanceId()).orElseThrow();
    String feedback = ReportContent.text(task, FEEDBACK);
    if (feedback != null && feedback.length() > 1000) {
      throw new ProcessEngineException("意見回饋不可超過1000字。");
    }
    reports.acknowledge(report.id(), recipient, authentication.getUserId(), feedback);
  }
}
