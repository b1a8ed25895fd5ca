package com.zhidu.audit;

import com.zhidu.platform.TaskActionRecorder;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * One case as an auditor reads it, from the engine's history, {@code task_action} and the audit trail: its
 * activities in order with who and when, the path taken, comments, the variables as they were at each task
 * completion, incidents and the user operation log. Callers check access and run it without authorizations.
 */
@Component
public class CaseHistory {

  public record Activity(String activityId, String name, String type, Date startTime, Date endTime,
      Long durationInMillis, boolean canceled, String taskId, String assignee, Date dueDate, String taskOutcome,
      String completedBy, List<Map<String, Object>> taskActions, String calledProcessInstanceId) {}

  public record VariableUpdate(Date time, String name, String type, Object value, String taskId,
      String activityInstanceId, int revision, String error) {}

  public record Completion(String taskId, String taskDefinitionKey, String name, Date completedAt, String completedBy,
      List<VariableUpdate> setByTask, Map<String, Object> variablesAtCompletion) {}

  public record Comment(Date time, String userId, String taskId, String message) {}

  public record Incident(String id, String type, String message, String activityId, Date created, Date ended,
      String state) {}

  public record Operation(Date time, String userId, String operationType, String entityType, String category,
      String property, String orgValue, String newValue, String taskId, String annotation) {}

  public record TrailStatus(String caseId, int events, boolean intact, AuditVerifier.Problem problem) {}

  public record Case(String id, String rootProcessInstanceId, String processDefinitionKey, String processDefinitionName,
      Integer processDefinitionVersion, String businessKey, String state, String startUserId, Date startTime,
      Date endTime, Long durationInMillis, List<Activity> activities, List<String> path, List<String> sequenceFlows,
      List<Completion> completions, List<VariableUpdate> variableHistory, List<Comment> comments,
      List<Incident> incidents, List<Operation> operations, List<String> subProcessInstances, TrailStatus trail) {}

  private final ProcessEngine engine;
  private final JdbcTemplate jdbc;
  private final AuditTrail trail;
  private final AuditVerifier verifier;

  public CaseHistory(ProcessEngine engine, JdbcTemplate jdbc, AuditTrail trail, AuditVerifier verifier) {
    this.engine = engine;
    this.jdbc = jdbc;
    this.trail = trail;
    this.verifier = verifier;
  }

  public Case read(String processInstanceId) {
    var history = engine.getHistoryService();
    HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery()
        .processInstanceId(processInstanceId).singleResult();
    Map<String, HistoricTaskInstance> tasks = history.createHistoricTaskInstanceQuery()
        .processInstanceId(processInstanceId).list().stream()
        .collect(Collectors.toMap(HistoricTaskInstance::getId, t -> t, (a, b) -> a, LinkedHashMap::new));
    List<HistoricActivityInstance> activityInstances = history.createHistoricActivityInstanceQuery()
        .processInstanceId(processInstanceId).orderPartiallyByOccurrence().asc().list();

    Map<String, List<Map<String, Object>>> actionsByTask = taskActions(processInstanceId);
    List<Activity> activities = new ArrayList<>();
    for (HistoricActivityInstance a : activityInstances) {
      HistoricTaskInstance task = a.getTaskId() == null ? null : tasks.get(a.getTaskId());
      List<Map<String, Object>> actions = a.getTaskId() == null ? List.of()
          : actionsByTask.getOrDefault(a.getTaskId(), List.of());
      activities.add(new Activity(a.getActivityId(), a.getActivityName(), a.getActivityType(), a.getStartTime(),
          a.getEndTime(), a.getDurationInMillis(), a.isCanceled(), a.getTaskId(), a.getAssignee(),
          task == null ? null : task.getDueDate(), task == null ? null : task.getDeleteReason(),
          completedBy(actions), actions, a.getCalledProcessInstanceId()));
    }

    List<VariableUpdate> variables = new ArrayList<>();
    for (HistoricDetail detail : history.createHistoricDetailQuery().processInstanceId(processInstanceId)
        .variableUpdates().disableCustomObjectDeserialization().orderPartiallyByOccurrence().asc().list()) {
      HistoricVariableUpdate update = (HistoricVariableUpdate) detail;
      variables.add(new VariableUpdate(update.getTime(), update.getVariableName(), update.getTypeName(),
          value(update), update.getTaskId(), update.getActivityInstanceId(), update.getRevision(),
          update.getErrorMessage()));
    }

    List<Completion> completions = new ArrayList<>();
    for (Activity a : activities) {
      HistoricTaskInstance task = a.taskId() == null ? null : tasks.get(a.taskId());
      if (task == null || !"completed".equals(task.getDeleteReason())) {
        continue;
      }
      List<VariableUpdate> byTask = variables.stream().filter(v -> task.getId().equals(v.taskId())
          || task.getActivityInstanceId().equals(v.activityInstanceId())).toList();
      Map<String, Object> snapshot = new TreeMap<>();
      variables.stream().filter(v -> !v.time().after(task.getEndTime())).forEach(v -> snapshot.put(v.name(), v.value()));
      // The task's own updates win: a task-local variable (e.g. an input parameter 'comment') shares its name
      // with other scopes, and updates in different scopes are only partially ordered, so another task's value
      // could otherwise mask what this task submitted.
      byTask.forEach(v -> snapshot.put(v.name(), v.value()));
      completions.add(new Completion(task.getId(), task.getTaskDefinitionKey(), task.getName(), task.getEndTime(),
          a.completedBy(), byTask, snapshot));
    }

    List<Comment> comments = engine.getTaskService().getProcessInstanceComments(processInstanceId).stream()
        .map(c -> new Comment(c.getTime(), c.getUserId(), c.getTaskId(), c.getFullMessage()))
        .sorted((x, y) -> x.time().compareTo(y.time())).toList();
    List<Incident> incidents = history.createHistoricIncidentQuery().processInstanceId(processInstanceId).list()
        .stream().map(i -> new Incident(i.getId(), i.getIncidentType(), i.getIncidentMessage(), i.getActivityId(),
            i.getCreateTime(), i.getEndTime(), i.isOpen() ? "open" : i.isResolved() ? "resolved" : "deleted"))
        .toList();
    List<Operation> operations = history.createUserOperationLogQuery().processInstanceId(processInstanceId)
        .orderByTimestamp().asc().list().stream()
        .map(o -> new Operation(o.getTimestamp(), o.getUserId(), o.getOperationType(), o.getEntityType(),
            o.getCategory(), o.getProperty(), o.getOrgValue(), o.getNewValue(), o.getTaskId(), o.getAnnotation()))
        .toList();
    List<String> subProcesses = history.createHistoricProcessInstanceQuery().superProcessInstanceId(processInstanceId)
        .list().stream().map(HistoricProcessInstance::getId).toList();

    String caseId = instance.getRootProcessInstanceId() == null ? instance.getId() : instance.getRootProcessInstanceId();
    AuditVerifier.Problem problem = verifier.verifyCase(caseId);
    TrailStatus status = new TrailStatus(caseId, trail.rowsOf(caseId).size(), problem == null, problem);

    return new Case(instance.getId(), instance.getRootProcessInstanceId(), instance.getProcessDefinitionKey(),
        instance.getProcessDefinitionName(), instance.getProcessDefinitionVersion(), instance.getBusinessKey(),
        instance.getState(), instance.getStartUserId(), instance.getStartTime(), instance.getEndTime(),
        instance.getDurationInMillis(), activities, activities.stream().map(Activity::activityId).toList(),
        takenFlows(instance.getProcessDefinitionId(), activityInstances), completions, variables, comments,
        incidents, operations, subProcesses, status);
  }

  /**
   * Sequence flows derived from history (the engine records activities, not flows): a flow counts as taken
   * when an instance of its target started at or after an instance of its source ended.
   */
  List<String> takenFlows(String processDefinitionId, List<HistoricActivityInstance> activities) {
    BpmnModelInstance model = engine.getRepositoryService().getBpmnModelInstance(processDefinitionId);
    List<String> taken = new ArrayList<>();
    for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
      String source = flow.getSource().getId();
      String target = flow.getTarget().getId();
      boolean used = activities.stream().anyMatch(s -> s.getActivityId().equals(source) && s.getEndTime() != null
          && activities.stream().anyMatch(t -> t.getActivityId().equals(target)
              && !t.getStartTime().before(s.getEndTime())));
      if (used) {
        taken.add(flow.getId());
      }
    }
    return taken;
  }

  /**
   * The case's task_action rows by task, in the order recorded, in one query; each under the same keys on every
   * database (H2 would name them in capitals).
   */
  private Map<String, List<Map<String, Object>>> taskActions(String processInstanceId) {
    TaskActionRecorder.flush(jdbc);
    Map<String, List<Map<String, Object>>> byTask = new LinkedHashMap<>();
    jdbc.query("select task_id, action, user_id, assignee, occurred_at from task_action"
        + " where process_instance_id = ? order by id", (ResultSet rs) -> {
          Map<String, Object> action = new LinkedHashMap<>();
          action.put("action", rs.getString("action"));
          action.put("user_id", rs.getString("user_id"));
          action.put("assignee", rs.getString("assignee"));
          action.put("occurred_at", rs.getTimestamp("occurred_at"));
          byTask.computeIfAbsent(rs.getString("task_id"), id -> new ArrayList<>()).add(action);
        }, processInstanceId);
    return byTask;
  }

  private static String completedBy(List<Map<String, Object>> actions) {
    return actions.stream().filter(a -> "complete".equals(a.get("action"))).map(a -> (String) a.get("user_id"))
        .reduce((first, second) -> second).orElse(null);
  }

  /** Values as stored: serialized objects as their JSON text, files by name and type, never deserialized. */
  private static Object value(HistoricVariableUpdate update) {
    TypedValue typed = update.getTypedValue();
    if (typed instanceof FileValue file) {
      return Map.of("file", String.valueOf(file.getFilename()), "mimeType", String.valueOf(file.getMimeType()));
    } else if (typed instanceof SerializableValue serializable) {
      return serializable.getValueSerialized();
    }
    return typed == null ? null : typed.getValue();
  }
}
