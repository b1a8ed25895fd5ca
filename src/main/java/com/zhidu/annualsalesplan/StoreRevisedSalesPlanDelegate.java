package com.zhidu.annualsalesplan;

import com.zhidu.organization.OrganizationService;
import com.zhidu.platform.TaskActionRecorder;
import com.zhidu.reportapproval.ReviewDecisionRepository;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * 保存修訂計劃: keeps the revised plan as a NEW version (earlier versions stay). A new version is due only
 * while the latest one stands rejected in review_decision, so a retried job adds nothing.
 */
@Component("storeRevisedSalesPlan")
public class StoreRevisedSalesPlanDelegate implements JavaDelegate {

  static final String SUBJECT_TYPE = "salesPlan";
  static final String REVISE_TASK = "revisePlan";

  private final SalesPlanRepository plans;
  private final ReviewDecisionRepository decisions;
  private final TaskActionRecorder taskActions;
  private final OrganizationService organization;

  public StoreRevisedSalesPlanDelegate(SalesPlanRepository plans, ReviewDecisionRepository decisions,
      TaskActionRecorder taskActions, OrganizationService organization) {
    this.plans = plans;
    this.decisions = decisions;
    this.taskActions = taskActions;
    this.organization = organization;
  }

  @Override
  public void execute(DelegateExecution execution) {
    SalesPlanRepository.SalesPlan plan = plans.findByProcess(execution.getProcessInstanceId()).orElseThrow();
    int latest = plans.latestVersionOf(plan.id());
    if (decisions.revisionRequested(SUBJECT_TYPE, String.valueOf(plan.id()), latest)) {
      List<String> performers = taskActions.performersOf(execution.getProcessInstanceId(), REVISE_TASK);
      String reviser = performers.isEmpty() ? plan.author() : performers.get(performers.size() - 1);
      plans.addVersionOnce(plan.id(), latest + 1, SalesPlanContent.read(execution::getVariable, organization), reviser);
    }
  }
}
