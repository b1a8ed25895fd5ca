package com.zhidu.platform.approval;

import com.zhidu.platform.Refusal;
import com.zhidu.platform.TaskEventHandler;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * 會簽 (all must approve) and 或簽 (any one approves) as one reusable BPMN pattern: a multi-instance user task
 * (one instance per approver, {@code camunda:assignee="${approver}"}) that declares
 * <pre>{@code
 * <camunda:property name="countersign" value="all"/>   <!-- 會簽; "any" for 或簽 -->
 * <bpmn:multiInstanceLoopCharacteristics camunda:collection="${approvers}" camunda:elementVariable="approver">
 *   <bpmn:completionCondition>${countersignDone}</bpmn:completionCondition>
 * </bpmn:multiInstanceLoopCharacteristics>
 * }</pre>
 * (element template {@code processes/element-templates/countersign-user-task.json}). Each approver's form sets
 * {@code decision} ({@code approved}/{@code rejected}). On every completion this handler counts the decisions on the
 * multi-instance body and decides: 會簽 is rejected by the first rejection and approved when all approved; 或簽 is
 * approved by the first approval and rejected when all rejected. It sets {@code countersignDone} for the completion
 * condition and, once decided, {@code <taskKey>Outcome} ({@code approved}/{@code rejected}) on the process instance
 * for the gateway after it. No bean is named in the model.
 */
@Component
@Order(10)
public class Countersign implements TaskEventHandler {

  public static final String PROPERTY = "countersign";
  public static final String DONE = "countersignDone";
  static final String APPROVED = "countersignApproved";
  static final String REJECTED = "countersignRejected";

  @Override
  public void onTaskEvent(DelegateTask task) {
    if (!TaskListener.EVENTNAME_COMPLETE.equals(task.getEventName()) || task.getExecution() == null) {
      return;
    }
    String mode = propertyOf(task.getBpmnModelElementInstance());
    if (mode == null) {
      return;
    }
    Object decision = task.getVariable("decision");
    if (!"approved".equals(decision) && !"rejected".equals(decision)) {
      throw Refusal.of(400, "decision", "請選擇同意或不同意", "decision must be 'approved' or 'rejected'.");
    }
    ExecutionEntity body = (ExecutionEntity) task.getExecution();
    while (body != null && !body.hasVariableLocal("nrOfInstances")) {
      body = body.getParent();
    }
    if (body == null) {
      throw new IllegalStateException("User task '" + task.getTaskDefinitionKey()
          + "' declares countersign but is not multi-instance");
    }
    int approved = count(body, APPROVED) + ("approved".equals(decision) ? 1 : 0);
    int rejected = count(body, REJECTED) + ("rejected".equals(decision) ? 1 : 0);
    int instances = ((Number) body.getVariableLocal("nrOfInstances")).intValue();
    String outcome = decide(mode, approved, rejected, instances);
    body.setVariableLocal(APPROVED, approved);
    body.setVariableLocal(REJECTED, rejected);
    body.setVariableLocal(DONE, outcome != null);
    if (outcome != null) {
      body.getProcessInstance().setVariable(task.getTaskDefinitionKey() + "Outcome", outcome);
    }
  }

  /** The outcome of the step after these decisions, or null while undecided. */
  static String decide(String mode, int approved, int rejected, int instances) {
    if ("all".equals(mode)) {
      return rejected > 0 ? "rejected" : approved >= instances ? "approved" : null;
    }
    if ("any".equals(mode)) {
      return approved > 0 ? "approved" : rejected >= instances ? "rejected" : null;
    }
    throw new IllegalStateException("countersign must be 'all' (會簽) or 'any' (或簽), not '" + mode + "'");
  }

  private static int count(ExecutionEntity body, String name) {
    Object value = body.getVariableLocal(name);
    return value instanceof Number n ? n.intValue() : 0;
  }

  static String propertyOf(UserTask element) {
    ExtensionElements extensions = element == null ? null : element.getExtensionElements();
    if (extensions == null) {
      return null;
    }
    for (CamundaProperties properties : extensions.getChildElementsByType(CamundaProperties.class)) {
      for (CamundaProperty property : properties.getCamundaProperties()) {
        if (PROPERTY.equals(property.getCamundaName())) {
          return property.getCamundaValue();
        }
      }
    }
    return null;
  }
}
