package com.zhidu.operationsanalysis;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * 記錄報告批准 (§3.4.4): records the approved version; the data owners of the departments are the ones the
 * report is fed back to ({@link #recipientsOf}); their 閱知 is recorded by TaskActionRecorder (task_action).
 */
@Component("operationsApproval")
public class OperationsApproval implements JavaDelegate {

  private final OperationsRepository repository;
  private final com.zhidu.organization.OrganizationService organization;

  public OperationsApproval(OperationsRepository repository, com.zhidu.organization.OrganizationService organization) {
    this.repository = repository;
    this.organization = organization;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long roundId = ((Number) execution.getVariable("roundId")).longValue();
    repository.markApproved(roundId, repository.latestReportVersionOf(roundId));
  }

  public List<String> recipientsOf(long roundId) {
    return Indicator.DEPARTMENTS.stream().map(organization::dataOwnerOf).distinct().toList();
  }
}
