package com.zhidu.platform.approval;

import com.zhidu.platform.TaskEventHandler;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The case's business key (e.g. {@code RPT-12}, a contract number) as the task-local variable {@value #VARIABLE}
 * on every new task, so the Tasklist filters can show it as a column (a filter lists variables, not the business
 * key). A called process without a key of its own shows its caller's.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 10)
public class CaseKeyVariable implements TaskEventHandler {

  public static final String VARIABLE = "caseKey";

  @Override
  public void onTaskEvent(DelegateTask task) {
    if (!TaskListener.EVENTNAME_CREATE.equals(task.getEventName()) || task.getExecution() == null) {
      return;
    }
    ExecutionEntity instance = ((ExecutionEntity) task.getExecution()).getProcessInstance();
    while (instance != null && instance.getBusinessKey() == null && instance.getSuperExecution() != null) {
      instance = instance.getSuperExecution().getProcessInstance();
    }
    if (instance != null && instance.getBusinessKey() != null) {
      task.setVariableLocal(VARIABLE, instance.getBusinessKey());
    }
  }
}
