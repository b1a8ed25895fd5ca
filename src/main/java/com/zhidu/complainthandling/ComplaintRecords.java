package com.zhidu.complainthandling;

import com.zhidu.customerfile.CustomerFileRepository;
import com.zhidu.platform.Refusal;
import com.zhidu.salesopportunity.OpportunityRequests;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Writes what people do in a complaint's tasks into the complaint record (§3.3.4), called by the task
 * listeners of complaint-handling, e.g. {@code ${complaintRecords.customerFeedback(task)}}. Who did it is
 * the authenticated user (or the assignee, the only one who may complete), never a variable.
 */
@Component("complaintRecords")
public class ComplaintRecords {

  private final ComplaintRepository complaints;
  private final CustomerFileRepository files;
  private final OpportunityRequests opportunityRequests;

  public ComplaintRecords(ComplaintRepository complaints, CustomerFileRepository files,
      OpportunityRequests opportunityRequests) {
    this.complaints = complaints;
    this.files = files;
    this.opportunityRequests = opportunityRequests;
  }

  /** 處理客戶投訴 claimed: the department has responded. */
  public void responded(DelegateTask task) {
    if (task.getAssignee() != null) {
      complaints.markRespondedOnce(complaintId(task));
    }
  }

  /** 向客戶反饋並記錄滿意度 completed. */
  public void customerFeedback(DelegateTask task) {
    long id = complaintId(task);
    Object satisfaction = task.getVariable("satisfaction");
    if (!"satisfied".equals(satisfaction) && !"notSatisfied".equals(satisfaction)) {
      throw Refusal.of(400, "satisfaction", "請選擇客戶是否滿意。", "Record whether the customer is satisfied.");
    }
    opportunityRequests.check(task);
    int round = complaints.reopenCountOf(id) + 1;
    complaints.addFeedbackOnce(id, task.getId(), ComplaintRepository.RESULT, round, "satisfied".equals(satisfaction),
        (String) task.getVariable("feedbackNote"), user(task));
    // What the customer said also belongs in the customer file (§3.3.1).
    files.addFeedbackOnce(complaints.complaint(id).customerId(), "complaint", task.getId(),
        (String) task.getVariable("feedbackNote"), user(task));
  }

  /** The reference of an opportunity raised in this round's feedback: complaint id and round. */
  public String opportunityRef(Object complaintId) {
    long id = ((Number) complaintId).longValue();
    return id + "-" + (complaints.reopenCountOf(id) + 1);
  }

  /** The customer file of a complaint. */
  public long customerOf(Object complaintId) {
    return complaints.complaint(((Number) complaintId).longValue()).customerId();
  }

  /** 向客戶反饋處理進度 completed (handling still open). */
  public void progressFeedback(DelegateTask task) {
    long id = complaintId(task);
    complaints.addFeedbackOnce(id, task.getId(), ComplaintRepository.PROGRESS, complaints.reopenCountOf(id) + 1, null,
        (String) task.getVariable("progressNote"), user(task));
  }

  /** The customer was not satisfied (or the manager decided to go on): handling reopens. */
  public void reopen(DelegateExecution execution) {
    complaints.reopen(((Number) execution.getVariable("complaintId")).longValue());
    // The next round's forms start empty rather than showing the last round's answers as chosen.
    execution.removeVariable("satisfaction");
    execution.removeVariable("managerDecision");
    execution.removeVariable(OpportunityRequests.RAISE);
  }

  /** 部門經理裁決投訴 completed: a dispute needs its reason. */
  public void managerDecision(DelegateTask task) {
    Object decision = task.getVariable("managerDecision");
    if ("closeAsDispute".equals(decision)) {
      Object reason = task.getVariable("disputeReason");
      if (reason == null || reason.toString().isBlank()) {
        throw Refusal.of(400, "disputeReason", "以爭議結案時必須寫明理由。",
            "Closing as a dispute needs a reason.");
      }
      complaints.recordDispute(complaintId(task), reason.toString(), user(task));
    } else if (!"reopen".equals(decision)) {
      throw Refusal.of(400, "managerDecision", "請選擇再次處理或以爭議結案。",
          "Choose to reopen the handling or to close as a dispute.");
    }
  }

  /** 根本原因分析與矯正預防措施 completed: the action becomes tracked work. */
  public void rootCause(DelegateTask task) {
    long id = complaintId(task);
    complaints.recordRootCauseOnce(id, (String) task.getVariable("rootCause"),
        (String) task.getVariable("correctiveAction"), (String) task.getVariable("preventiveAction"),
        complaints.complaint(id).responsibleGroup(), user(task));
  }

  /** 落實矯正預防措施 completed: the action is done. */
  public void correctiveActionDone(DelegateTask task) {
    complaints.markActionDone(complaintId(task), user(task), (String) task.getVariable("actionResult"));
  }

  private static long complaintId(DelegateTask task) {
    return ((Number) task.getVariable("complaintId")).longValue();
  }

  private static String user(DelegateTask task) {
    Authentication current = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    return current != null && current.getUserId() != null ? current.getUserId() : task.getAssignee();
  }
}
