package com.zhidu.trainingplan;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 排定課程與報名: the approved version's courses and their participants' enrolments (idempotent). */
@Component("approveTrainingPlan")
public class ApproveTrainingPlanDelegate implements JavaDelegate {

  private final TrainingRepository training;

  public ApproveTrainingPlanDelegate(TrainingRepository training) {
    this.training = training;
  }

  @Override
  public void execute(DelegateExecution execution) {
    training.approve(((Number) execution.getVariable("planId")).longValue());
  }
}
