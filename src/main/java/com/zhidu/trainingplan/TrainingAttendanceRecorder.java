package com.zhidu.trainingplan;

import com.zhidu.platform.Refusal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * 記錄培訓出席. On create: shows the course and its enrolled participants. On complete: the absentees must be
 * enrolled participants (refused naming {@code absentees} otherwise); everyone else attended. Written to
 * training_enrolment with the authenticated user.
 */
@Component("trainingAttendanceRecorder")
public class TrainingAttendanceRecorder implements TaskListener {

  private final TrainingRepository training;

  public TrainingAttendanceRecorder(TrainingRepository training) {
    this.training = training;
  }

  @Override
  public void notify(DelegateTask task) {
    long courseId = ((Number) task.getVariable("courseId")).longValue();
    List<String> enrolled = training.participantsOf(courseId);
    if (TaskListener.EVENTNAME_CREATE.equals(task.getEventName())) {
      task.setVariableLocal("courseText", training.courseText(courseId));
      task.setVariableLocal("participantsText", String.join(", ", enrolled));
      return;
    }
    Authentication user = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    if (user == null || user.getGroupIds() == null || !user.getGroupIds().contains("hr")) {
      throw Refusal.of(403, null, "培訓出席只能由人力資源部門記錄。", "only hr records attendance");
    }
    Object value = task.getVariable("absentees");
    Set<String> absent = new LinkedHashSet<>();
    if (value != null) {
      for (String id : value.toString().split("[,,、\\s]+")) {
        if (!id.isBlank()) absent.add(id.trim());
      }
    }
    List<String> unknown = new ArrayList<>(absent);
    unknown.removeAll(enrolled);
    if (!unknown.isEmpty()) {
      throw Refusal.of(400, "absentees", "「未出席者」" + String.join("、", unknown) + " 沒有報名本課程。",
          "absentees " + unknown + " are not enrolled in this course");
    }
    training.recordAttendance(courseId, List.copyOf(absent), user.getUserId());
  }
}
