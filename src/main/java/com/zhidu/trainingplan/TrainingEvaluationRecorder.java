package com.zhidu.trainingplan;

import com.zhidu.platform.Refusal;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * 填寫培訓效果評估 (§5.4.1). On create: shows the course. On complete: only the participant themself; an exam
 * score 0–100 and/or a written reflection (at least one), stored in training_enrolment.
 */
@Component("trainingEvaluationRecorder")
public class TrainingEvaluationRecorder implements TaskListener {

  private final TrainingRepository training;

  public TrainingEvaluationRecorder(TrainingRepository training) {
    this.training = training;
  }

  @Override
  public void notify(DelegateTask task) {
    long courseId = ((Number) task.getVariable("courseId")).longValue();
    if (TaskListener.EVENTNAME_CREATE.equals(task.getEventName())) {
      task.setVariableLocal("courseText", training.courseText(courseId));
      return;
    }
    String trainee = String.valueOf(task.getVariable("trainee"));
    Authentication user = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    if (user == null || !trainee.equals(user.getUserId())) {
      throw Refusal.of(403, null, "培訓效果評估只能由出席者本人填寫。", "only the participant evaluates their training");
    }
    Object scoreValue = task.getVariable("examScore");
    Integer score = null;
    if (scoreValue != null) {
      if (!(scoreValue instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
          || n.doubleValue() < 0 || n.doubleValue() > 100) {
        throw Refusal.of(400, "examScore", "「考試成績」應為 0 到 100 的整數。", "examScore must be a whole number 0..100");
      }
      score = ((Number) scoreValue).intValue();
    }
    String reflection = TrainingNominationRecorder.text(task.getVariable("reflection"));
    if (score == null && reflection == null) {
      throw Refusal.of(400, "reflection", "請填寫「考試成績」或「培訓心得」(至少一項)。",
          "an exam score or a reflection is required");
    }
    training.recordEvaluation(courseId, trainee, score, reflection);
  }
}
