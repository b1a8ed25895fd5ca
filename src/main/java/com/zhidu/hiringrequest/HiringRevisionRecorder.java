package com.zhidu.hiringrequest;

import com.zhidu.organization.OrganizationService;
import com.zhidu.platform.Refusal;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * 修改或撤回招聘申請 (§3.2.3), on completion: only the requester decides; a resubmitted request is checked like a
 * new one (every problem named by field, nothing written); a withdrawal needs only its explanation.
 */
@Component("hiringRevisionRecorder")
public class HiringRevisionRecorder implements TaskListener {

  public static final String RESUBMIT = "resubmit";
  public static final String WITHDRAW = "withdraw";

  private final HiringRepository hiring;
  private final OrganizationService organization;

  public HiringRevisionRecorder(HiringRepository hiring, OrganizationService organization) {
    this.hiring = hiring;
    this.organization = organization;
  }

  @Override
  public void notify(DelegateTask task) {
    long requestId = ((Number) task.getVariable("requestId")).longValue();
    Authentication user = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    if (user == null || !hiring.authorOf(requestId).equals(user.getUserId())) {
      throw Refusal.of(403, null, "只有申請人可以修改或撤回招聘申請。", "only the requester revises or withdraws the request");
    }
    String comment = HiringRequestContent.text(task.getVariable("revisionComment"));
    if (comment == null || comment.length() > 2000) {
      throw Refusal.of(400, "revisionComment", "請填寫「修改或撤回說明」(最多2000字)。", "revisionComment is required");
    }
    Object decision = task.getVariable("revisionDecision");
    if (RESUBMIT.equals(decision)) {
      HiringRequestContent.read(task::getVariable, organization);
    } else if (!WITHDRAW.equals(decision)) {
      throw Refusal.of(400, "revisionDecision", "請選擇「處理方式」:重新送審或撤回。",
          "revisionDecision must be resubmit or withdraw");
    }
  }
}
