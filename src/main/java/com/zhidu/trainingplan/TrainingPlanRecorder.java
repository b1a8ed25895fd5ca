package com.zhidu.trainingplan;

import com.zhidu.organization.OrganizationService;
import com.zhidu.platform.Refusal;
import java.time.LocalDate;
import java.time.ZoneId;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * 編制/修改培訓計劃. On create: shows the plan year and the latest earlier year's training summary (§5.4.2).
 * On complete: only the author submits; the plan is checked ({@link TrainingPlanContent}: refusals name the
 * field) and stored as the next version with the authenticated user, in the same transaction.
 */
@Component("trainingPlanRecorder")
public class TrainingPlanRecorder implements TaskListener {

  private final TrainingRepository training;
  private final OrganizationService organization;
  private final ZoneId zone;

  public TrainingPlanRecorder(TrainingRepository training, OrganizationService organization,
      @Value("${zhidu.time-zone:Asia/Taipei}") ZoneId zone) {
    this.training = training;
    this.organization = organization;
    this.zone = zone;
  }

  @Override
  public void notify(DelegateTask task) {
    long planId = ((Number) task.getVariable("planId")).longValue();
    TrainingRepository.Plan plan = training.plan(planId);
    if (TaskListener.EVENTNAME_CREATE.equals(task.getEventName())) {
      task.setVariableLocal("planYear", plan.year());
      task.setVariableLocal("previousSummary", training.previousSummaryFor(plan.year()));
      return;
    }
    Authentication user = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    if (user == null || !plan.author().equals(user.getUserId())) {
      throw Refusal.of(403, null, "培訓計劃只能由作者(" + plan.author() + ")編制與修改。",
          "only the plan's author drafts and revises it");
    }
    LocalDate today = LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), zone);
    TrainingPlanContent content = TrainingPlanContent.read(task::getVariable, plan.year(), today, organization);
    training.addVersion(planId, content, user.getUserId());
  }
}
