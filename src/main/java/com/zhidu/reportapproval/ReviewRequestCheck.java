package com.zhidu.reportapproval;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Checks the inputs of report-approval when a caller starts it and fills in the optional ones, so the
 * model's expressions can rely on them. The contract is written in docs/architecture.md.
 */
@Component("reviewRequestCheck")
public class ReviewRequestCheck implements ExecutionListener {

  public static final String SUBJECT_TYPE = "subjectType";
  public static final String SUBJECT_ID = "subjectId";
  public static final String SUBJECT_VERSION = "subjectVersion";
  public static final String AUTHOR = "author";
  public static final String AREA = "area";
  public static final String RECIPIENTS = "recipients";
  public static final String MANAGER_REVIEW_REQUIRED = "managerReviewRequired";
  public static final String LEADERSHIP_APPROVAL_REQUIRED = "leadershipApprovalRequired";
  /** Display-only inputs for the review forms. */
  static final String[] DISPLAY = {"subjectTitle", "subjectSummary", "subjectContent", "subjectLink"};

  @Override
  public void notify(DelegateExecution execution) {
    for (String required : new String[] {SUBJECT_TYPE, SUBJECT_ID, AUTHOR}) {
      Object value = execution.getVariable(required);
      if (value == null || value.toString().isBlank()) {
        throw new ProcessEngineException("報告審核缺少必要輸入「" + required + "」。");
      }
    }
    for (String optional : new String[] {SUBJECT_VERSION, AREA, RECIPIENTS}) {
      defaultTo(execution, optional, null);
    }
    for (String display : DISPLAY) {
      defaultTo(execution, display, null);
    }
    // Default: manager review, then leadership approval (§3.1.5).
    defaultTo(execution, MANAGER_REVIEW_REQUIRED, Boolean.TRUE);
    defaultTo(execution, LEADERSHIP_APPROVAL_REQUIRED, Boolean.TRUE);
    if (!Boolean.TRUE.equals(execution.getVariable(MANAGER_REVIEW_REQUIRED))
        && !Boolean.TRUE.equals(execution.getVariable(LEADERSHIP_APPROVAL_REQUIRED))) {
      throw new ProcessEngineException("報告審核至少需要一個審核階段。");
    }
    // Nothing is decided yet; each stage's decision sets the outcome.
    execution.setVariable(ReviewDecisionRecorder.REVIEW_OUTCOME, null);
    execution.setVariable(ReviewDecisionRecorder.REVIEW_COMMENTS, null);
  }

  private static void defaultTo(DelegateExecution execution, String name, Object value) {
    if (execution.getVariable(name) == null) {
      execution.setVariable(name, value);
    }
  }
}
