package com.zhidu.annualsalesplan;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * 分解銷售目標 (§3.2.2): the approved plan (§3.2.1) is marked approved and its latest version broken into
 * quarterly and monthly targets per team and salesperson ({@link TargetBreakdown}); one acknowledgement
 * per salesperson is opened. Idempotent: a retried job finds the targets stored and adds nothing.
 */
@Component("breakDownSalesTargets")
public class BreakDownSalesTargetsDelegate implements JavaDelegate {

  private final SalesPlanRepository plans;

  public BreakDownSalesTargetsDelegate(SalesPlanRepository plans) {
    this.plans = plans;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long planId = plans.findByProcess(execution.getProcessInstanceId()).orElseThrow().id();
    plans.markApproved(planId);
    SalesPlanContent approved = plans.latestContent(planId);
    plans.storeTargetsOnce(planId, approved.breakDown(), approved.salespeople());
  }
}
