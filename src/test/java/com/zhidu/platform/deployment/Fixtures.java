package com.zhidu.platform.deployment;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Small models as Camunda Modeler would deploy them (resources named by file name only): a process whose
 * steps are user tasks for marketResearch, each with its form, meeting every model rule.
 */
final class Fixtures {

  private Fixtures() {}

  /** The BPMN of {@code key} with user tasks {@code steps} in sequence, plus the form the tasks use. */
  static Map<String, byte[]> procedure(String key, String... steps) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put(key + ".bpmn", bpmn(key, steps).getBytes(StandardCharsets.UTF_8));
    files.put(key + "-task.form", form(key + "-task").getBytes(StandardCharsets.UTF_8));
    return files;
  }

  static String bpmn(String key, String... steps) {
    StringBuilder body = new StringBuilder();
    String previous = "start";
    body.append("    <bpmn:startEvent id=\"start\"/>\n");
    for (String step : steps) {
      body.append("    <bpmn:userTask id=\"").append(step).append("\" name=\"步驟 ").append(step)
          .append("\" camunda:candidateGroups=\"marketResearch\" camunda:formRef=\"").append(key)
          .append("-task\" camunda:formRefBinding=\"latest\">\n")
          .append("      <bpmn:documentation>§1.3.3 測試步驟</bpmn:documentation>\n")
          .append("    </bpmn:userTask>\n");
      body.append(flow(previous, step));
      previous = step;
    }
    body.append("    <bpmn:endEvent id=\"end\"/>\n").append(flow(previous, "end"));
    return definitions(key, body.toString());
  }

  static String definitions(String key, String processBody) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                          xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
                          xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                          id="defs" targetNamespace="http://zhidu.example/test">
          <bpmn:process id="%s" name="部署測試" isExecutable="true" camunda:historyTimeToLive="P30D">
        %s  </bpmn:process>
          <bpmndi:BPMNDiagram id="diagram"><bpmndi:BPMNPlane id="plane" bpmnElement="%s"/></bpmndi:BPMNDiagram>
        </bpmn:definitions>
        """.formatted(key, processBody, key);
  }

  static String flow(String from, String to) {
    return "    <bpmn:sequenceFlow id=\"" + from + "_" + to + "\" sourceRef=\"" + from + "\" targetRef=\"" + to + "\"/>\n";
  }

  static String form(String id) {
    return """
        {"id":"%s","type":"default","schemaVersion":16,"components":[
          {"type":"textfield","key":"note","label":"備註","validate":{"maxLength":200}}]}
        """.formatted(id);
  }
}
