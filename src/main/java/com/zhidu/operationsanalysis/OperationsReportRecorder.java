package com.zhidu.operationsanalysis;

import com.zhidu.platform.Refusal;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * 撰寫/修改運營分析報告 (§3.4.3, §3.4.4): the analyst's recommendations are required; stored as the next report
 * version by the authenticated analyst (the generated parts come from the stored figures).
 */
@Component("operationsReportRecorder")
public class OperationsReportRecorder implements TaskListener {

  private final OperationsRepository repository;

  public OperationsReportRecorder(OperationsRepository repository) {
    this.repository = repository;
  }

  @Override
  public void notify(DelegateTask task) {
    Object recommendations = task.getVariable("recommendations");
    if (recommendations == null || recommendations.toString().isBlank()) {
      throw Refusal.of(400, "recommendations", "請填寫分析師建議", "recommendations are required");
    }
    long roundId = ((Number) task.getVariable("roundId")).longValue();
    Authentication user = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    String analyst = user == null || user.getUserId() == null ? task.getAssignee() : user.getUserId();
    repository.addReportVersion(roundId, repository.latestReportVersionOf(roundId) + 1,
        recommendations.toString().trim(), analyst);
  }
}
