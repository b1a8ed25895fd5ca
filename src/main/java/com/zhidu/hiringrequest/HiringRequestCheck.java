package com.zhidu.hiringrequest;

import com.zhidu.organization.OrganizationService;
import com.zhidu.platform.Refusal;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/** At the start event of hiring-request: only salesManagement or the manager request staff; the request is checked. */
@Component("hiringRequestCheck")
public class HiringRequestCheck implements ExecutionListener {

  private final OrganizationService organization;

  public HiringRequestCheck(OrganizationService organization) {
    this.organization = organization;
  }

  @Override
  public void notify(DelegateExecution execution) {
    Authentication starter = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    boolean allowed = starter != null && starter.getUserId() != null && organization.user(starter.getUserId())
        .map(u -> u.groups().contains("salesManagement") || u.groups().contains("deptManager")).orElse(false);
    if (!allowed) {
      throw Refusal.of(403, null, "只有銷售管理組或部門經理可以提出人員招聘申請。",
          "only salesManagement or the department manager request staff");
    }
    HiringRequestContent.read(execution::getVariable, organization);
  }
}
