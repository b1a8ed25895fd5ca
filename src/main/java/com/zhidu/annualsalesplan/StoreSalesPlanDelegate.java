package com.zhidu.annualsalesplan;

import com.zhidu.organization.OrganizationService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.stereotype.Component;

/**
 * 登記銷售計劃: stores the drafted plan and its version 1. The author is the authenticated starter as
 * history recorded it (not a variable anyone could have set since). Idempotent for retried jobs.
 */
@Component("storeSalesPlan")
public class StoreSalesPlanDelegate implements JavaDelegate {

  private final SalesPlanRepository plans;
  private final OrganizationService organization;

  public StoreSalesPlanDelegate(SalesPlanRepository plans, OrganizationService organization) {
    this.plans = plans;
    this.organization = organization;
  }

  @Override
  public void execute(DelegateExecution execution) {
    HistoricProcessInstance instance = execution.getProcessEngineServices().getHistoryService()
        .createHistoricProcessInstanceQuery().processInstanceId(execution.getProcessInstanceId()).singleResult();
    String author = instance == null ? null : instance.getStartUserId();
    if (author == null) {
      throw new ProcessEngineException("無法確認銷售計劃作者:流程不是由已登入的使用者啟動的。");
    }
    SalesPlanContent content = SalesPlanContent.read(execution::getVariable, organization);
    long planId = plans.createOnce(execution.getProcessInstanceId(), content.year(), author);
    plans.addVersionOnce(planId, 1, content, author);
    execution.setVariable("planId", planId);
  }
}
