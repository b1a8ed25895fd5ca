package com.zhidu.trainingplan;

import com.zhidu.organization.OrganizationService;
import com.zhidu.platform.Refusal;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * 評估培訓成果的工作應用 (§5.4.1). On create: shows the course and the participant. On complete: only the
 * participant's line manager (organisation file) rates the application at work; stored in training_enrolment
 * with the authenticated user.
 */
@Component("trainingApplicationRecorder")
public class TrainingApplicationRecorder implements TaskListener {

  private final TrainingRepository training;
  private final OrganizationService organization;

  public TrainingApplicationRecorder(TrainingRepository training, OrganizationService organization) {
    this.training = training;
    this.organization = organization;
  }

  @Override
  public void notify(DelegateTask task) {
    long courseId = ((Number) task.getVariable("courseId")).longValue();
    String trainee = String.valueOf(task.getVariable("trainee"));
    if (TaskListener.EVENTNAME_CREATE.equals(task.getEventName())) {
      task.setVariableLocal("courseText", training.courseText(courseId));
      task.setVariableLocal("traineeName", organization.displayName(trainee) + "(" + trainee + ")");
      return;
    }
    Authentication user = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    if (user == null || !training.assessorOf(trainee).equals(user.getUserId())) {
      throw Refusal.of(403, null, "工作應用評估只能由出席者的直屬主管填寫。",
          "only the participant's line manager assesses the application at work");
    }
    String rating = TrainingNominationRecorder.text(task.getVariable("applicationRating"));
    if (rating == null || !TrainingRepository.RATINGS.contains(rating)) {
      throw Refusal.of(400, "applicationRating", "請選擇「工作應用評價」。", "applicationRating is required");
    }
    training.recordApplication(courseId, trainee, rating, TrainingNominationRecorder.text(task.getVariable("applicationComment")),
        user.getUserId());
  }
}
