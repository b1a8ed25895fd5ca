package com.zhidu.marketresearch;

import com.zhidu.organization.OrganizationService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.stereotype.Component;

/**
 * 登記調研計劃: stores the proposed plan as version 1; the author is the authenticated starter as history
 * recorded it. Sets the case's business key {@code MR-<id>}. Idempotent for retried jobs.
 */
@Component("storeResearchPlan")
public class StoreResearchPlanDelegate implements JavaDelegate {

  private final ResearchRepository research;
  private final OrganizationService organization;

  public StoreResearchPlanDelegate(ResearchRepository research, OrganizationService organization) {
    this.research = research;
    this.organization = organization;
  }

  @Override
  public void execute(DelegateExecution execution) {
    HistoricProcessInstance instance = execution.getProcessEngineServices().getHistoryService()
        .createHistoricProcessInstanceQuery().processInstanceId(execution.getProcessInstanceId()).singleResult();
    String author = instance == null ? null : instance.getStartUserId();
    if (author == null) {
      throw new ProcessEngineException("無法確認調研計劃作者:流程不是由已登入的使用者啟動的。");
    }
    ResearchPlanContent content = ResearchPlanContent.read(execution::getVariable, organization);
    long planId = research.createPlanOnce(execution.getProcessInstanceId(), author);
    research.addPlanVersionOnce(planId, 1, content, author);
    execution.setVariable("planId", planId);
    execution.setProcessBusinessKey("MR-" + planId);
  }
}
