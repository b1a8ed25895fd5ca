package com.zhidu.reportapproval;

import com.zhidu.platform.Refusal;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * On completion of a review stage (部門經理審核, 公司領導審批): checks the decision, records it in
 * {@code review_decision} with the AUTHENTICATED user in the same transaction, and sets the outcome the
 * model routes on. A rejection needs a comment (form-js may not express "required when rejecting").
 */
@Component("reviewDecisionRecorder")
public class ReviewDecisionRecorder implements TaskListener {

  /** Form fields of both review forms: local to the task (input parameters), so no stage sees another's. */
  public static final String DECISION = "decision";
  public static final String COMMENT = "comment";
  /** Outputs of report-approval to its caller. */
  public static final String REVIEW_OUTCOME = "reviewOutcome";
  public static final String REVIEW_COMMENTS = "reviewComments";
  public static final String OUTCOME_APPROVED = "approved";
  public static final String OUTCOME_REVISION_REQUESTED = "revisionRequested";

  private final ReviewDecisionRepository decisions;

  public ReviewDecisionRecorder(ReviewDecisionRepository decisions) {
    this.decisions = decisions;
  }

  @Override
  public void notify(DelegateTask task) {
    String decision = text(task.getVariable(DECISION));
    String comment = text(task.getVariable(COMMENT));
    if (!ReviewDecision.APPROVED.equals(decision) && !ReviewDecision.REJECTED.equals(decision)) {
      throw Refusal.of(400, DECISION, "請選擇審核決定:同意或退回。", "choose a decision: approved or rejected");
    }
    if (ReviewDecision.REJECTED.equals(decision) && comment == null) {
      // 400 naming the field, like the form checks (a bare engine exception would reach REST callers as 500).
      throw Refusal.of(400, COMMENT, "退回時必須填寫意見,說明需要修改的內容。", "a rejection needs a comment saying what to change");
    }
    Authentication authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    if (authentication == null || authentication.getUserId() == null) {
      throw new ProcessEngineException("審核決定必須由已登入的使用者作出。");
    }
    Object version = task.getVariable(ReviewRequestCheck.SUBJECT_VERSION);
    decisions.record(new ReviewDecision(task.getId(), task.getProcessInstanceId(), task.getTaskDefinitionKey(),
        decision, comment, authentication.getUserId(), ClockUtil.getCurrentTime().toInstant(),
        String.valueOf(task.getVariable(ReviewRequestCheck.SUBJECT_TYPE)),
        String.valueOf(task.getVariable(ReviewRequestCheck.SUBJECT_ID)),
        version == null ? null : Integer.valueOf(version.toString())));

    // Set after the user's variables were applied, so a submitted "reviewOutcome" cannot steer the flow.
    boolean approved = ReviewDecision.APPROVED.equals(decision);
    task.getExecution().getProcessInstance().setVariable(REVIEW_OUTCOME,
        approved ? OUTCOME_APPROVED : OUTCOME_REVISION_REQUESTED);
    task.getExecution().getProcessInstance().setVariable(REVIEW_COMMENTS, approved ? null : comment);
  }

  private static String text(Object value) {
    return value == null || value.toString().isBlank() ? null : value.toString().trim();
  }
}
