package com.zhidu.annualsalesplan;

import com.zhidu.platform.Refusal;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * 確認目標. On create: puts the salesperson's targets and the KPIs on the task as read-only text (a task
 * listener, because input mappings of a multi-instance task cannot see the element variable). On complete:
 * records in sales_target_ack that the salesperson acknowledged, with the authenticated user. Only the
 * salesperson themself may: the targets are their commitment.
 */
@Component("targetAcknowledgementRecorder")
public class TargetAcknowledgementRecorder implements TaskListener {

  private final SalesPlanRepository plans;

  public TargetAcknowledgementRecorder(SalesPlanRepository plans) {
    this.plans = plans;
  }

  @Override
  public void notify(DelegateTask task) {
    if (TaskListener.EVENTNAME_CREATE.equals(task.getEventName())) {
      long planId = plans.findByProcess(task.getProcessInstanceId()).orElseThrow().id();
      String salesperson = String.valueOf(task.getVariable("salesperson"));
      task.setVariableLocal("myTargets", plans.targetsTextFor(planId, salesperson));
      task.setVariableLocal("targetKpis", plans.kpisOf(planId));
      return;
    }
    String salesperson = String.valueOf(task.getVariable("salesperson"));
    Authentication authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    if (authentication == null || !salesperson.equals(authentication.getUserId())) {
      throw Refusal.of(403, null, "確認目標只能由銷售人員本人完成。", "only the salesperson acknowledges their own targets");
    }
    Object feedback = task.getVariable("feedback");
    String text = feedback == null || feedback.toString().isBlank() ? null : feedback.toString().trim();
    if (text != null && text.length() > 1000) {
      throw Refusal.of(400, "feedback", "「意見」不可超過1000字。", "feedback must be at most 1000 characters");
    }
    long planId = plans.findByProcess(task.getProcessInstanceId()).orElseThrow().id();
    plans.acknowledge(planId, salesperson, authentication.getUserId(), text);
  }
}
