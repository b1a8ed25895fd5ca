package com.zhidu.salesopportunity;

import com.zhidu.customerfile.CustomerFile;
import com.zhidu.customerfile.CustomerFileRepository;
import com.zhidu.platform.Refusal;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * 跟進銷售商機 of sales-opportunity (§3.3.5), called by its BPMN: {@code ${opportunities.ownerOf(opportunityId)}}
 * assigns the task to the named salesperson, {@code prefill(task)} shows the opportunity, {@code followedUp(task)}
 * records the outcome with the authenticated salesperson.
 */
@Component("opportunities")
public class Opportunities {

  static final Set<String> OUTCOMES = Set.of("won", "lost", "noFit");

  private final OpportunityRepository opportunities;
  private final CustomerFileRepository files;

  public Opportunities(OpportunityRepository opportunities, CustomerFileRepository files) {
    this.opportunities = opportunities;
    this.files = files;
  }

  public String ownerOf(Object opportunityId) {
    return opportunities.opportunity(((Number) opportunityId).longValue()).owner();
  }

  public void prefill(DelegateTask task) {
    Opportunity opportunity = opportunityOf(task);
    CustomerFile customer = files.fileOf(opportunity.customerId());
    DelegateExecution execution = task.getExecution();
    execution.setVariable("customerName", customer.name());
    execution.setVariable("contactName", customer.contactName());
    execution.setVariable("phone", customer.phone());
    execution.setVariable("opportunitySource", opportunity.source());
    execution.setVariable(OpportunityRequests.NEED, opportunity.need());
    execution.setVariable(OpportunityRequests.SOLUTION, opportunity.proposedSolution());
    execution.setVariable("opportunityOutcome", null);
    execution.setVariable("outcomeNote", null);
  }

  public void followedUp(DelegateTask task) {
    Object outcome = task.getVariable("opportunityOutcome");
    if (outcome == null || !OUTCOMES.contains(outcome.toString())) {
      throw Refusal.of(400, "opportunityOutcome", "請選擇跟進結果。", "Choose the outcome of the follow-up.");
    }
    Object note = task.getVariable("outcomeNote");
    if (OpportunityRequests.blank(note)) {
      throw Refusal.of(400, "outcomeNote", "請說明跟進結果。", "Describe the outcome of the follow-up.");
    }
    Authentication current = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    String user = current != null && current.getUserId() != null ? current.getUserId() : task.getAssignee();
    opportunities.recordOutcome(opportunityOf(task).id(), outcome.toString(), note.toString(), user);
  }

  private Opportunity opportunityOf(DelegateTask task) {
    return opportunities.opportunity(((Number) task.getVariable("opportunityId")).longValue());
  }
}
