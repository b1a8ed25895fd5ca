package com.zhidu.hiringrequest;

import com.zhidu.organization.OrganizationService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.stereotype.Component;

/** 登記招聘申請: the request row; the requester is the authenticated starter from history. Business key HIR-<id>. */
@Component("registerHiringRequest")
public class RegisterHiringRequestDelegate implements JavaDelegate {

  private final HiringRepository hiring;
  private final OrganizationService organization;

  public RegisterHiringRequestDelegate(HiringRepository hiring, OrganizationService organization) {
    this.hiring = hiring;
    this.organization = organization;
  }

  @Override
  public void execute(DelegateExecution execution) {
    HistoricProcessInstance instance = execution.getProcessEngineServices().getHistoryService()
        .createHistoricProcessInstanceQuery().processInstanceId(execution.getProcessInstanceId()).singleResult();
    String author = instance == null ? null : instance.getStartUserId();
    if (author == null) {
      throw new ProcessEngineException("無法確認招聘申請人:流程不是由已登入的使用者啟動的。");
    }
    long id = hiring.createOnce(execution.getProcessInstanceId(),
        HiringRequestContent.read(execution::getVariable, organization), author);
    execution.setVariable("requestId", id);
    execution.setProcessBusinessKey("HIR-" + id);
  }
}
