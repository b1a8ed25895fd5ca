package com.zhidu.platform.forms;

import com.zhidu.platform.ProcessStartHandler;
import com.zhidu.platform.Refusal;
import com.zhidu.platform.TaskEventHandler;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The form contract for every path that does not come through {@link FormSubmissionFilter}: Java
 * callers ({@code taskService.complete(id, vars)}, {@code runtimeService.startProcessInstanceByKey(key,
 * vars)}), delegates, and anything the filter's URL list misses. Throws a {@link Refusal} (400) inside
 * the engine's transaction, so nothing is written.
 *
 * <p>Gap: on completion a listener sees only the final variable values, not what was submitted, so
 * it checks every editable field of the task's form but cannot detect undeclared variables or a
 * changed read-only field. At a process start all variables present were submitted, so the start
 * check is complete (except for processes started by a call activity, whose variables come from the
 * parent process).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
public class FormCompletionCheck implements TaskEventHandler, ProcessStartHandler {

  private final DeployedForms forms;

  public FormCompletionCheck(DeployedForms forms) {
    this.forms = forms;
  }

  @Override
  public void onTaskEvent(DelegateTask task) {
    if (!TaskListener.EVENTNAME_COMPLETE.equals(task.getEventName()) || !(task instanceof TaskEntity entity)) {
      return;
    }
    entity.initializeFormKey();
    forms.taskForm(task.getId(), task.getProcessDefinitionId(), task.getTaskDefinitionKey(),
        entity.getFormKey(), entity.getCamundaFormRef()).ifPresent(schema -> {
      var values = FormValues.fromVariables(task.getVariablesTyped(false));
      refuseIfAny(FormSchemaValidator.validateFinalValues(schema, values));
    });
  }

  @Override
  public void onProcessStart(DelegateExecution execution) {
    if (execution.getProcessInstance().getSuperExecution() != null) {
      return; // started by a call activity: its variables are the parent process's, not a form submission
    }
    // Only the start event that has the form: a timer or message start of the same process submits none.
    if (!(execution.getBpmnModelElementInstance() instanceof StartEvent start)
        || start.getCamundaFormRef() == null && start.getCamundaFormKey() == null) {
      return;
    }
    forms.startForm(execution.getProcessDefinitionId()).ifPresent(schema -> {
      var submitted = new HashMap<>(FormValues.fromVariables(execution.getVariablesTyped(false)));
      // camunda:initiator is written by the engine (the authenticated starter), not submitted by the user.
      if (start.getCamundaInitiator() != null) {
        submitted.remove(start.getCamundaInitiator());
      }
      refuseIfAny(FormSchemaValidator.validate(schema, submitted, Map.of()));
    });
  }

  private static void refuseIfAny(List<Refusal.Error> errors) {
    if (!errors.isEmpty()) {
      throw new Refusal(400, errors);
    }
  }
}
