package com.zhidu.contractexecution;

import com.zhidu.reportapproval.ReviewDecisionRecorder;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * On completing contract-execution's 法務審核 of a change of terms, after {@link ReviewDecisionRecorder} has checked
 * and recorded the decision (review_decision, stage legalReview): the change request is approved or rejected, with
 * the authenticated reviewer and legal's comment.
 */
@Component("changeDecisionRecorder")
public class ChangeDecisionRecorder implements TaskListener {

  private final ContractChanges changes;

  public ChangeDecisionRecorder(ContractChanges changes) {
    this.changes = changes;
  }

  @Override
  public void notify(DelegateTask task) {
    long contractId = ChangeRequestRecorder.contractIdOf(task);
    ContractChanges.ChangeRequest change = changes.latest(contractId).orElseThrow();
    boolean approved = ReviewDecisionRecorder.OUTCOME_APPROVED.equals(
        task.getVariable(ReviewDecisionRecorder.REVIEW_OUTCOME));
    Object comment = task.getVariable(ReviewDecisionRecorder.COMMENT);
    changes.decided(change.id(), approved, ChangeRequestRecorder.authenticatedUser(task),
        comment == null || comment.toString().isBlank() ? null : comment.toString().trim());
  }
}
