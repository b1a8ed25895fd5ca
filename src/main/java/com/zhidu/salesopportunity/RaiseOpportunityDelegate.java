package com.zhidu.salesopportunity;

import com.zhidu.platform.CaseParticipants;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * 提出銷售商機 (§3.3.5): records the opportunity found in a care contact or a complaint and hands it to the sales
 * group by starting sales-opportunity (message {@code salesOpportunityRaised}, business key {@code OPP-<id>}).
 * The calling service task names the source through its input parameters {@code opportunitySource} (care,
 * complaint), {@code opportunitySourceRef} and {@code opportunityCustomerId}; the need, solution and owner come
 * from the form checked by {@link OpportunityRequests}. Who raised it is the authenticated user who completed
 * the task. Idempotent: one opportunity and one follow-up case per source and reference.
 */
@Component("raiseSalesOpportunity")
public class RaiseOpportunityDelegate implements JavaDelegate {

  public static final String MESSAGE = "salesOpportunityRaised";

  private final OpportunityRepository opportunities;
  private final CaseParticipants participants;

  public RaiseOpportunityDelegate(OpportunityRepository opportunities, CaseParticipants participants) {
    this.opportunities = opportunities;
    this.participants = participants;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Authentication current = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    if (current == null || current.getUserId() == null) {
      throw new ProcessEngineException("無法確認提出商機的人:任務不是由已登入的使用者完成的。");
    }
    String source = (String) execution.getVariable("opportunitySource");
    String ref = String.valueOf(execution.getVariable("opportunitySourceRef"));
    long customerId = ((Number) execution.getVariable("opportunityCustomerId")).longValue();
    Object owner = execution.getVariable(OpportunityRequests.OWNER);
    Opportunity opportunity = opportunities.raiseOnce(customerId, source, ref,
        (String) execution.getVariable(OpportunityRequests.NEED),
        (String) execution.getVariable(OpportunityRequests.SOLUTION),
        OpportunityRequests.blank(owner) ? null : owner.toString().trim(), current.getUserId());
    if (opportunity.processInstanceId() == null) {
      // Handing over to sales is this process's own step, not a start the user may do on their own.
      String followUp = participants.withoutAuthorization(() -> execution.getProcessEngineServices()
          .getRuntimeService().createMessageCorrelation(MESSAGE).processInstanceBusinessKey("OPP-" + opportunity.id())
          .setVariables(Map.of("opportunityId", opportunity.id())).correlateStartMessage().getId());
      opportunities.linkCase(opportunity.id(), followUp);
    }
  }
}
