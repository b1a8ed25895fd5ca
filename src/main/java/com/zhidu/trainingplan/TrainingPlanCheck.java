package com.zhidu.trainingplan;

import com.zhidu.organization.OrganizationService;
import com.zhidu.platform.Refusal;
import java.time.LocalDate;
import java.time.ZoneId;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * At the start event of training-plan: only hr or the department manager start a plan (candidateStarterGroups
 * fences REST, but camunda-admin may start anything), for this year or a coming one.
 */
@Component("trainingPlanCheck")
public class TrainingPlanCheck implements ExecutionListener {

  static final String YEAR = "year";

  private final OrganizationService organization;
  private final ZoneId zone;

  public TrainingPlanCheck(OrganizationService organization, @Value("${zhidu.time-zone:Asia/Taipei}") ZoneId zone) {
    this.organization = organization;
    this.zone = zone;
  }

  @Override
  public void notify(DelegateExecution execution) {
    Authentication starter = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    if (starter == null || starter.getUserId() == null || !mayStart(starter.getUserId())) {
      throw Refusal.of(403, null, "只有人力資源部門或部門經理可以編制年度培訓計劃。",
          "only hr or the department manager start the annual training plan");
    }
    Object year = execution.getVariable(YEAR);
    int thisYear = LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), zone).getYear();
    if (!(year instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
        || n.intValue() < thisYear || n.intValue() > thisYear + 1) {
      throw Refusal.of(400, YEAR, "「計劃年度」應為 " + thisYear + " 或 " + (thisYear + 1) + "。",
          "year must be " + thisYear + " or " + (thisYear + 1));
    }
  }

  boolean mayStart(String userId) {
    return organization.user(userId).map(u -> u.groups().contains("hr") || u.groups().contains("deptManager"))
        .orElse(false);
  }
}
