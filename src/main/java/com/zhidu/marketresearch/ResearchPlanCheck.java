package com.zhidu.marketresearch;

import com.zhidu.organization.OrganizationService;
import com.zhidu.platform.Refusal;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Checks the research plan ({@link ResearchPlanContent}) at the start event and, on completing 修改調研計劃,
 * stores the revision as a new version by the authenticated reviser, in the same transaction (a refused plan
 * starts nothing / leaves the task open and nothing is saved).
 */
@Component("researchPlanCheck")
public class ResearchPlanCheck implements ExecutionListener, TaskListener {

  static final String MARKET_RESEARCH = "marketResearch";

  private final OrganizationService organization;
  private final ResearchRepository research;

  public ResearchPlanCheck(OrganizationService organization, ResearchRepository research) {
    this.organization = organization;
    this.research = research;
  }

  /** At the start event: candidateStarterGroups fences REST, but camunda-admin may start anything. */
  @Override
  public void notify(DelegateExecution execution) {
    Authentication starter = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    if (starter == null || starter.getUserId() == null || !isResearcher(starter.getUserId())) {
      throw Refusal.of(403, null, "只有市場調研組的成員可以提出調研計劃。",
          "only members of marketResearch propose research plans");
    }
    ResearchPlanContent.read(execution::getVariable, organization);
  }

  @Override
  public void notify(DelegateTask task) {
    ResearchPlanContent revised = ResearchPlanContent.read(task::getVariable, organization);
    ResearchRepository.Plan plan = research.findByProcess(task.getProcessInstanceId()).orElseThrow();
    Authentication user = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    String reviser = user == null || user.getUserId() == null ? plan.author() : user.getUserId();
    research.addPlanVersionOnce(plan.id(), research.latestPlanVersionOf(plan.id()) + 1, revised, reviser);
  }

  boolean isResearcher(String userId) {
    return organization.user(userId).map(u -> u.groups().contains(MARKET_RESEARCH)).orElse(false);
  }
}
