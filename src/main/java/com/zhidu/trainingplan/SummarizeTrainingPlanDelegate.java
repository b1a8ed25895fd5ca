package com.zhidu.trainingplan;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 彙整培訓總結 (§5.4.2): attendance, scores and ratings of the plan, stored once in training_summary. */
@Component("summarizeTrainingPlan")
public class SummarizeTrainingPlanDelegate implements JavaDelegate {

  private final TrainingRepository training;

  public SummarizeTrainingPlanDelegate(TrainingRepository training) {
    this.training = training;
  }

  @Override
  public void execute(DelegateExecution execution) {
    training.summarize(((Number) execution.getVariable("planId")).longValue());
  }
}
