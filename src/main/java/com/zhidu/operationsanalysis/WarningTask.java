package com.zhidu.operationsanalysis;

import com.zhidu.platform.Refusal;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * 處理預警 (§2.2.6): on create shows the warning (task-local, display only); on complete records the measures
 * the department manager decided, with the authenticated user.
 */
@Component("operationsWarningTask")
public class WarningTask implements TaskListener {

  private final OperationsRepository repository;

  public WarningTask(OperationsRepository repository) {
    this.repository = repository;
  }

  @Override
  public void notify(DelegateTask task) {
    long warningId = ((Number) task.getVariable("warningId")).longValue();
    OperationsRepository.Warning w = repository.warning(warningId);
    if (TaskListener.EVENTNAME_CREATE.equals(task.getEventName())) {
      task.setVariableLocal("warningText", ("critical".equals(w.level()) ? "【嚴重】" : "【警告】")
          + Indicator.departmentLabel(w.department()) + " · " + WarningCheck.label(w.indicator()) + " = "
          + OperationsAnalysis.format(w.value()) + ":" + w.message());
      return;
    }
    Object measures = task.getVariable("measures");
    if (measures == null || measures.toString().isBlank()) {
      throw Refusal.of(400, "measures", "請填寫處理措施", "measures are required");
    }
    Authentication user = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    repository.handleWarning(warningId, user == null ? task.getAssignee() : user.getUserId(), measures.toString().trim());
  }
}
