package com.zhidu.bench;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.Documentation;

/**
 * The approval shape the issue's reference figure was measured on — start → service → user → gateway →
 * user → service → end — as a model that passes Zhidu's model checks (clause ids, roles, forms, TTL), so the
 * bare engine and Zhidu execute exactly the same BPMN and the ratio shows Zhidu's own overhead. Its forms are bound
 * to their deployment, as in every shipped procedure.
 */
final class ApprovalShape {

  static final String PROCESS_ID = "bench-approval";
  static final String FORM_ID = "bench-approval-review";
  static final String STEP_BEAN = "benchStep";

  static final String FORM = """
      {
        "id": "bench-approval-review",
        "type": "default",
        "schemaVersion": 16,
        "components": [
          { "id": "Field_decision", "key": "decision", "type": "radio", "label": "決定",
            "validate": { "required": true },
            "values": [ { "label": "同意", "value": "approved" }, { "label": "退回", "value": "rejected" } ] },
          { "id": "Field_comment", "key": "comment", "type": "textarea", "label": "意見",
            "validate": { "maxLength": 500 } }
        ]
      }
      """;

  static BpmnModelInstance model() {
    BpmnModelInstance model = Bpmn.createExecutableProcess(PROCESS_ID)
        .name("基準審批").camundaHistoryTimeToLive(30)
        .startEvent("submitted").name("提出")
        .serviceTask("prepare").name("準備").camundaDelegateExpression("${" + STEP_BEAN + "}")
        .userTask("review").name("部門經理審核").camundaCandidateGroups("deptManager").camundaFormRef(FORM_ID).camundaFormRefBinding("deployment")
        .exclusiveGateway("decided").name("同意?")
        .condition("同意", "${decision == 'approved'}")
        .userTask("approve").name("公司領導審批").camundaCandidateGroups("leadership").camundaFormRef(FORM_ID).camundaFormRefBinding("deployment")
        .serviceTask("record").name("記錄").camundaDelegateExpression("${" + STEP_BEAN + "}")
        .endEvent("done").name("完成")
        .moveToLastGateway()
        .condition("退回", "${decision != 'approved'}")
        .endEvent("rejected").name("退回")
        .done();
    for (Activity activity : model.getModelElementsByType(Activity.class)) {
      Documentation documentation = model.newInstance(Documentation.class);
      documentation.setTextContent("§3.1.5 基準測試用的審批形狀(不屬制度流程)");
      activity.getDocumentations().add(documentation);
    }
    return model;
  }

  static ByteArrayInputStream form() {
    return new ByteArrayInputStream(FORM.getBytes(StandardCharsets.UTF_8));
  }

  private ApprovalShape() {}
}
