package com.zhidu.trainingplan;

import com.zhidu.platform.Refusal;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * 批准外部培訓提名 (§5.3.2). On create: shows the course and the nominated participants. On complete: records
 * the department manager's decision (a rejection needs a comment) in training_course with the authenticated
 * user; the model routes on that row, not on a variable.
 */
@Component("trainingNominationRecorder")
public class TrainingNominationRecorder implements TaskListener {

  private final TrainingRepository training;

  public TrainingNominationRecorder(TrainingRepository training) {
    this.training = training;
  }

  @Override
  public void notify(DelegateTask task) {
    long courseId = ((Number) task.getVariable("courseId")).longValue();
    if (TaskListener.EVENTNAME_CREATE.equals(task.getEventName())) {
      task.setVariableLocal("courseText", training.courseText(courseId));
      task.setVariableLocal("participantsText", String.join(", ", training.participantsOf(courseId)));
      return;
    }
    Authentication user = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    if (user == null || user.getGroupIds() == null || !user.getGroupIds().contains("deptManager")) {
      throw Refusal.of(403, null, "外部培訓提名只能由部門經理批准。", "only the department manager approves nominations");
    }
    String decision = text(task.getVariable("decision"));
    String comment = text(task.getVariable("comment"));
    if (!"approved".equals(decision) && !"rejected".equals(decision)) {
      throw Refusal.of(400, "decision", "請選擇「批准」或「不批准」。", "decision must be approved or rejected");
    }
    if ("rejected".equals(decision) && comment == null) {
      throw Refusal.of(400, "comment", "不批准時必須填寫「意見」。", "a comment is required when rejecting");
    }
    training.recordNomination(courseId, decision, comment, user.getUserId());
  }

  static String text(Object value) {
    return value == null || value.toString().isBlank() ? null : value.toString().trim();
  }
}
