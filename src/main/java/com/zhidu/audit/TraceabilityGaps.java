package com.zhidu.audit;

import com.zhidu.platform.ModelChecks;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.Documentation;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.IntermediateThrowEvent;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.springframework.stereotype.Component;

/**
 * Where the deployed models (latest version of each process) and the regulation do not meet: clauses no
 * element's documentation names, and activities / intermediate and boundary events that name no clause. Start
 * and end events, gateways and elements marked {@code technical} do the plumbing and are left out.
 */
@Component
public class TraceabilityGaps {

  public record Element(String processDefinitionKey, int version, String elementId, String name, String type) {}

  public record Report(Date generatedAt, List<String> processes, List<String> clausesWithoutImplementation,
      List<Element> elementsWithoutClause, Map<String, List<String>> implementedBy, Set<String> unknownClauseIds) {}

  private final ProcessEngine engine;

  public TraceabilityGaps(ProcessEngine engine) {
    this.engine = engine;
  }

  public Report report() {
    Map<String, List<String>> implementedBy = new TreeMap<>();
    List<Element> unnamed = new ArrayList<>();
    List<String> processes = new ArrayList<>();
    var repository = engine.getRepositoryService();
    for (ProcessDefinition definition : repository.createProcessDefinitionQuery().latestVersion()
        .orderByProcessDefinitionKey().asc().list()) {
      processes.add(definition.getKey() + ":" + definition.getVersion());
      BpmnModelInstance model = repository.getBpmnModelInstance(definition.getId());
      for (BaseElement element : model.getModelElementsByType(BaseElement.class)) {
        Set<String> clauses = clausesOf(element);
        clauses.forEach(c -> implementedBy.computeIfAbsent(c, k -> new ArrayList<>())
            .add(definition.getKey() + "#" + element.getId()));
        if (clauses.isEmpty() && needsClause(element)) {
          unnamed.add(new Element(definition.getKey(), definition.getVersion(), element.getId(),
              element.getAttributeValue("name"), element.getElementType().getTypeName()));
        }
      }
    }
    List<String> missing = RegulationClauses.IDS.stream().filter(id -> !implementedBy.containsKey(id)).toList();
    Set<String> unknown = new TreeSet<>(implementedBy.keySet());
    RegulationClauses.IDS.forEach(unknown::remove);
    return new Report(ClockUtil.getCurrentTime(), processes, missing, unnamed, implementedBy, unknown);
  }

  static Set<String> clausesOf(BaseElement element) {
    Set<String> ids = new TreeSet<>();
    for (Documentation documentation : element.getDocumentations()) {
      Matcher matcher = ModelChecks.CLAUSE_ID.matcher(documentation.getTextContent());
      while (matcher.find()) {
        ids.add(matcher.group());
      }
    }
    return ids;
  }

  static boolean needsClause(BaseElement element) {
    // The same elements ModelChecks requires a clause for at deployment.
    boolean work = element instanceof Activity || element instanceof IntermediateCatchEvent
        || element instanceof IntermediateThrowEvent || element instanceof BoundaryEvent;
    return work && !technical(element);
  }

  private static boolean technical(BaseElement element) {
    ExtensionElements extensions = element.getExtensionElements();
    if (extensions == null) {
      return false;
    }
    for (CamundaProperties properties : extensions.getChildElementsByType(CamundaProperties.class)) {
      for (CamundaProperty property : properties.getCamundaProperties()) {
        if ("technical".equals(property.getCamundaName()) && "true".equals(property.getCamundaValue())) {
          return true;
        }
      }
    }
    return false;
  }
}
