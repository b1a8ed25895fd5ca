package com.zhidu.contractexecution;

import java.util.Set;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * 更新執行任務 (§3.2.5): after a change request (with or without a change of terms) the departments' open execution
 * tasks show the contract as it now stands, with the change requests recorded so far; tasks created later read it
 * anyway ({@link ContractExecution#summaryOf}).
 */
@Component("updateExecutionTasks")
public class UpdateExecutionTasksDelegate implements JavaDelegate {

  static final Set<String> EXECUTION_TASKS = Set.of("produceGoods", "shipGoods", "installAndCommission",
      "handleLateDelivery");

  private final ContractExecution contractExecution;

  public UpdateExecutionTasksDelegate(ContractExecution contractExecution) {
    this.contractExecution = contractExecution;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long contractId = ((Number) execution.getVariable("contractId")).longValue();
    String summary = contractExecution.summaryOf(contractId);
    RuntimeService runtime = execution.getProcessEngineServices().getRuntimeService();
    for (Task task : execution.getProcessEngineServices().getTaskService().createTaskQuery()
        .processInstanceId(execution.getProcessInstanceId()).list()) {
      if (EXECUTION_TASKS.contains(task.getTaskDefinitionKey())) {
        runtime.setVariableLocal(task.getExecutionId(), "contractSummary", summary);
      }
    }
  }
}
