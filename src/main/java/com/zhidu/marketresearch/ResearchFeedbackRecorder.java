package com.zhidu.marketresearch;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** 閱知調研結果 (§3.1.5): records that the recipient (the task's assignee) received the results. */
@Component("researchFeedbackRecorder")
public class ResearchFeedbackRecorder implements TaskListener {

  private final ResearchRepository research;

  public ResearchFeedbackRecorder(ResearchRepository research) {
    this.research = research;
  }

  @Override
  public void notify(DelegateTask task) {
    long planId = ((Number) task.getVariable("planId")).longValue();
    Object feedback = task.getVariableLocal("feedback");
    research.recordFeedbackOnce(planId, task.getAssignee(), feedback == null ? null : feedback.toString());
  }
}
