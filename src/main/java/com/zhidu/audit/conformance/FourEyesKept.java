package com.zhidu.audit.conformance;

import com.zhidu.platform.FourEyesGuard;
import com.zhidu.platform.FourEyesGuard.Rule;
import com.zhidu.platform.TaskActionRecorder;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * §1.3.3 after the fact: no task that declares {@code fourEyes} was performed by a person its declaration
 * excludes. Performers and earlier performers come from {@code task_action} (trusted), the starter from
 * history, inputs from the initial variable values. FourEyesGuard prevents this at run time; this finds what
 * slipped through (data from before the guard, direct database changes, a mistaken model).
 */
@Component
public class FourEyesKept extends TaskRule {

  private final JdbcTemplate jdbc;

  public FourEyesKept(ProcessEngine engine, CandidateGroups candidateGroups, JdbcTemplate jdbc) {
    super(engine, candidateGroups);
    this.jdbc = jdbc;
  }

  @Override
  public String clause() {
    return "§1.3.3";
  }

  @Override
  public String descriptionZh() {
    return "宣告四眼原則的任務，未由被排除的人員辦理";
  }

  @Override
  public String descriptionEn() {
    return "No task declaring fourEyes was performed by a person it excludes";
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public Judgement judge(HistoricTaskInstance task) {
    if (!"completed".equals(task.getDeleteReason()) || task.getProcessDefinitionId() == null) {
      return null;
    }
    List<Rule> rules = declaration(task);
    if (rules.isEmpty()) {
      return null;
    }
    TaskActionRecorder.flush(jdbc);
    Map<String, Object> completion = jdbc.queryForList("select id, coalesce(user_id, assignee) as performer"
        + " from task_action where task_id = ? and action = 'complete' order by id desc", task.getId())
        .stream().findFirst().orElse(null);
    String performer = completion != null ? (String) completion.get("performer") : task.getAssignee();
    long completionId = completion == null ? Long.MAX_VALUE : ((Number) completion.get("id")).longValue();
    for (Rule rule : rules) {
      if (performer != null && excluded(task, rule, completionId).contains(performer)) {
        return new Judgement(task.getRootProcessInstanceId(), task.getId(), task.getEndTime(), null, true,
            "任務「" + task.getName() + "」由被排除的人員 " + performer + " 辦理（" + describe(rule) + "）",
            "Task '" + task.getTaskDefinitionKey() + "' performed by " + performer + ", excluded by " + describe(rule));
      }
    }
    return new Judgement(task.getRootProcessInstanceId(), task.getId(), task.getEndTime(), null, false, null, null);
  }

  private List<Rule> declaration(HistoricTaskInstance task) {
    BaseElement element = engine.getRepositoryService().getBpmnModelInstance(task.getProcessDefinitionId())
        .getModelElementById(task.getTaskDefinitionKey());
    ExtensionElements extensions = element == null ? null : element.getExtensionElements();
    if (extensions == null) {
      return List.of();
    }
    for (CamundaProperties properties : extensions.getChildElementsByType(CamundaProperties.class)) {
      for (CamundaProperty property : properties.getCamundaProperties()) {
        if (FourEyesGuard.PROPERTY.equals(property.getCamundaName())) {
          try {
            return FourEyesGuard.parse(property.getCamundaValue());
          } catch (IllegalArgumentException e) {
            return List.of(); // refused at deployment by ModelChecks; nothing to judge here
          }
        }
      }
    }
    return List.of();
  }

  private Set<String> excluded(HistoricTaskInstance task, Rule rule, long completionId) {
    Set<String> people = new LinkedHashSet<>();
    switch (rule.kind()) {
      case STARTER -> {
        HistoricProcessInstance root = engine.getHistoryService().createHistoricProcessInstanceQuery()
            .processInstanceId(task.getRootProcessInstanceId()).singleResult();
        if (root != null && root.getStartUserId() != null) {
          people.add(root.getStartUserId());
        }
      }
      case TASK -> people.addAll(jdbc.queryForList("select coalesce(user_id, assignee) from task_action"
          + " where process_instance_id = ? and task_definition_key = ? and action = 'complete' and id < ?"
          + " and coalesce(user_id, assignee) is not null", String.class, task.getProcessInstanceId(), rule.ref(),
          completionId));
      case INPUT -> {
        for (HistoricDetail detail : engine.getHistoryService().createHistoricDetailQuery().variableUpdates()
            .processInstanceId(task.getProcessInstanceId()).disableBinaryFetching()
            .disableCustomObjectDeserialization().list()) {
          if (detail instanceof HistoricVariableUpdate update && rule.ref().equals(update.getVariableName())
              && (Boolean.TRUE.equals(update.isInitial())
                  || update.getActivityInstanceId() == null && update.getRevision() == 0)) {
            people.addAll(users(update.getValue()));
          }
        }
      }
      default -> { }
    }
    return people;
  }

  private static Set<String> users(Object value) {
    Set<String> users = new LinkedHashSet<>();
    if (value instanceof Collection<?> collection) {
      collection.forEach(v -> users.addAll(users(v)));
    } else if (value != null) {
      for (String id : value.toString().split(",")) {
        if (!id.isBlank()) {
          users.add(id.trim());
        }
      }
    }
    return users;
  }

  private static String describe(Rule rule) {
    return rule.kind().name().toLowerCase() + (rule.ref() == null ? "" : ":" + rule.ref());
  }
}
