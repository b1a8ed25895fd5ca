package com.zhidu.trainingplan;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.stereotype.Component;

/**
 * 登記培訓計劃: creates the plan row; its author is the authenticated starter as history recorded it (not a
 * variable anyone could set), the assignee of 編制/修改培訓計劃 and the one the review's four-eyes excludes.
 */
@Component("registerTrainingPlan")
public class RegisterTrainingPlanDelegate implements JavaDelegate {

  private final TrainingRepository training;

  public RegisterTrainingPlanDelegate(TrainingRepository training) {
    this.training = training;
  }

  @Override
  public void execute(DelegateExecution execution) {
    HistoricProcessInstance instance = execution.getProcessEngineServices().getHistoryService()
        .createHistoricProcessInstanceQuery().processInstanceId(execution.getProcessInstanceId()).singleResult();
    String author = instance == null ? null : instance.getStartUserId();
    if (author == null) {
      throw new ProcessEngineException("無法確認培訓計劃作者:流程不是由已登入的使用者啟動的。");
    }
    int year = ((Number) execution.getVariable(TrainingPlanCheck.YEAR)).intValue();
    long planId = training.createOnce(execution.getProcessInstanceId(), year, author);
    execution.setVariable("planId", planId);
    execution.setProcessBusinessKey("TRN-" + year + "-" + planId);
  }
}
