package com.zhidu.annualsalesplan;

import com.zhidu.organization.OrganizationService;
import com.zhidu.platform.Refusal;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Checks the plan ({@link SalesPlanContent}) synchronously at the start event and on completing
 * 修改銷售計劃, so a refused plan starts nothing / leaves the task open and nothing is saved.
 */
@Component("salesPlanCheck")
public class SalesPlanCheck implements ExecutionListener, TaskListener {

  static final String SALES_MANAGEMENT = "salesManagement";

  private final OrganizationService organization;
  private final SalesPlanRepository plans;

  public SalesPlanCheck(OrganizationService organization, SalesPlanRepository plans) {
    this.organization = organization;
    this.plans = plans;
  }

  /** At the start event: candidateStarterGroups fences REST, but camunda-admin may start anything. */
  @Override
  public void notify(DelegateExecution execution) {
    Authentication starter = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    if (starter == null || starter.getUserId() == null || !isSalesManagement(starter.getUserId())) {
      throw Refusal.of(403, null, "只有銷售管理組的成員可以起草年度銷售計劃。",
          "only members of salesManagement draft the annual sales plan");
    }
    SalesPlanContent.read(execution::getVariable, organization);
  }

  /** On completing 修改銷售計劃: the year is fixed once drafted (its breakdown periods depend on it). */
  @Override
  public void notify(DelegateTask task) {
    SalesPlanContent revised = SalesPlanContent.read(task::getVariable, organization);
    int year = plans.findByProcess(task.getProcessInstanceId()).orElseThrow().year();
    if (revised.year() != year) {
      throw Refusal.of(400, SalesPlanContent.YEAR, "「年度」不可修改(本計劃為 " + year + " 年度)",
          "year cannot change in a revision (the plan is for " + year + ")");
    }
  }

  boolean isSalesManagement(String userId) {
    return organization.user(userId).map(u -> u.groups().contains(SALES_MANAGEMENT)).orElse(false);
  }
}
