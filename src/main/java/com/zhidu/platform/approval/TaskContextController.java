package com.zhidu.platform.approval;

import com.zhidu.organization.OrganizationService;
import com.zhidu.platform.CaseParticipants;
import com.zhidu.platform.Refusal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.task.Comment;
import org.camunda.bpm.engine.task.DelegationState;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Documentation;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The context of a task for the Tasklist tab 審批 (zhidu-task-operations.js): the regulation clause the step
 * implements (the BPMN element's documentation), the case's comments and history so far, and what the caller may
 * do (the operations of {@link ApprovalController} with their choices: steps to return to, people to transfer to).
 * Readable by the case's participants (candidates and assignee of its tasks, starter, earlier performers), people
 * it was copied to, the added approver of a 加簽 sub-task, auditors and administrators; others get 403.
 * <pre>GET /zhidu/api/tasks/{taskId}/context</pre>
 */
@RestController
public class TaskContextController {

  public record Person(String id, String name) {}

  public record Step(String id, String name) {}

  public record CommentView(String userId, String userName, Instant time, String taskName, String message) {}

  public record HistoryView(String taskName, String assignee, String assigneeName, Date start, Date end,
      String outcome) {}

  public record Signer(String taskId, String userId, String userName) {}

  public record Context(String taskId, String taskName, String taskDefinitionKey, String processName,
      String caseId, String businessKey, Person starter, Person assignee, Person owner, boolean delegated,
      String clause, String parentTaskId, List<String> operations, List<Step> returnableSteps,
      List<Person> transferCandidates, List<Signer> signers, List<Person> copiedTo, List<CommentView> comments,
      List<HistoryView> history) {}

  private final ProcessEngine engine;
  private final CaseParticipants participants;
  private final ApprovalOperations operations;
  private final OrganizationService organization;

  public TaskContextController(ProcessEngine engine, CaseParticipants participants, ApprovalOperations operations,
      OrganizationService organization) {
    this.engine = engine;
    this.participants = participants;
    this.organization = organization;
    this.operations = operations;
  }

  @GetMapping("/zhidu/api/tasks/{taskId}/context")
  public Context context(@PathVariable String taskId) {
    Authentication user = engine.getIdentityService().getCurrentAuthentication();
    return operations.inEngine(() -> {
      Task task = engine.getTaskService().createTaskQuery().taskId(taskId).singleResult();
      if (task == null) {
        throw Refusal.of(404, "taskId", "找不到此進行中的任務", "No open task with this id.");
      }
      Task sign = null;
      if (task.getParentTaskId() != null) {
        sign = task;
        task = engine.getTaskService().createTaskQuery().taskId(task.getParentTaskId()).singleResult();
      }
      if (task == null || task.getProcessInstanceId() == null) {
        throw Refusal.of(404, "taskId", "此任務不屬於任何案件", "The task belongs to no case.");
      }
      boolean signer = sign != null && user.getUserId().equals(sign.getAssignee());
      if (!signer && !participants.mayRead(task.getProcessInstanceId(), user)) {
        throw Refusal.of(403, null, "只有參與本案的人員可以查看", "Only people involved in this case may read it.");
      }
      HistoricProcessInstance root = operations.rootCase(task.getProcessInstanceId());
      String me = user.getUserId();
      boolean assignee = sign == null && me.equals(task.getAssignee());
      boolean delegated = task.getDelegationState() == DelegationState.PENDING;
      List<String> allowed = new ArrayList<>();
      List<Step> steps = List.of();
      List<Person> candidates = List.of();
      if (signer) {
        allowed.add("sign");
      } else if (assignee) {
        steps = returnableSteps(task);
        candidates = operations.allowedPeople(task).stream().filter(p -> !p.equals(me)).map(this::person).toList();
        if (delegated) {
          allowed.add("resolve");
        } else {
          allowed.addAll(List.of("return", "transfer", "delegate", "add-signer", "remove-signer"));
        }
      }
      if (root.getEndTime() == null && me.equals(root.getStartUserId())) {
        allowed.addAll(List.of("withdraw", "urge"));
      }
      if (participants.isParticipant(root.getId(), user) || participants.isParticipant(task.getProcessInstanceId(),
          user)) {
        allowed.add("cc");
      }
      String parentId = task.getId();
      List<Signer> signers = engine.getTaskService().getSubTasks(parentId).stream()
          .map(t -> new Signer(t.getId(), t.getAssignee(), organization.displayName(t.getAssignee()))).toList();
      ProcessDefinition definition = engine.getRepositoryService().getProcessDefinition(task.getProcessDefinitionId());
      return new Context(sign != null ? sign.getId() : task.getId(), task.getName(), task.getTaskDefinitionKey(),
          definition.getName() != null ? definition.getName() : definition.getKey(), root.getId(),
          root.getBusinessKey(), person(root.getStartUserId()), person(task.getAssignee()), person(task.getOwner()),
          delegated, clause(task), sign != null ? task.getId() : null, allowed, steps, candidates, signers,
          operations.copiesOf(root.getId()).stream().map(this::person).toList(), comments(root.getId()),
          history(root.getId()));
    });
  }

  /** Earlier user tasks of the same process instance that the case completed, most recent first, once each. */
  private List<Step> returnableSteps(Task task) {
    Map<String, Step> steps = new LinkedHashMap<>();
    engine.getHistoryService().createHistoricTaskInstanceQuery().processInstanceId(task.getProcessInstanceId())
        .finished().orderByHistoricTaskInstanceEndTime().desc().list().stream()
        .filter(t -> !t.getTaskDefinitionKey().equals(task.getTaskDefinitionKey()) && t.getDeleteReason() != null
            && t.getDeleteReason().equals("completed"))
        .forEach(t -> steps.putIfAbsent(t.getTaskDefinitionKey(), new Step(t.getTaskDefinitionKey(), t.getName())));
    return List.copyOf(steps.values());
  }

  private String clause(Task task) {
    BpmnModelInstance model = engine.getRepositoryService().getBpmnModelInstance(task.getProcessDefinitionId());
    if (!(model.getModelElementById(task.getTaskDefinitionKey()) instanceof UserTask element)) {
      return null;
    }
    List<String> texts = ((FlowElement) element).getDocumentations().stream().map(Documentation::getTextContent)
        .toList();
    return texts.isEmpty() ? null : String.join("\n", texts).strip();
  }

  private List<CommentView> comments(String caseId) {
    Map<String, Comment> comments = new LinkedHashMap<>();
    Map<String, String> taskNames = new LinkedHashMap<>();
    for (HistoricTaskInstance t : operations.tasksOf(caseId)) {
      taskNames.put(t.getId(), t.getName());
      engine.getTaskService().getTaskComments(t.getId()).forEach(c -> comments.putIfAbsent(c.getId(), c));
    }
    for (String pi : operations.caseTree(caseId)) {
      engine.getTaskService().getProcessInstanceComments(pi).forEach(c -> comments.putIfAbsent(c.getId(), c));
    }
    return comments.values().stream().sorted(Comparator.comparing(Comment::getTime).thenComparing(Comment::getId))
        .map(c -> new CommentView(c.getUserId(), c.getUserId() == null ? null : organization.displayName(c.getUserId()),
            c.getTime().toInstant(), taskNames.get(c.getTaskId()), c.getFullMessage()))
        .toList();
  }

  private List<HistoryView> history(String caseId) {
    return operations.tasksOf(caseId).stream()
        .sorted(Comparator.comparing(HistoricTaskInstance::getStartTime).thenComparing(HistoricTaskInstance::getId))
        .map(t -> new HistoryView(t.getName(), t.getAssignee(),
            t.getAssignee() == null ? null : organization.displayName(t.getAssignee()), t.getStartTime(),
            t.getEndTime(), outcome(t)))
        .toList();
  }

  private static String outcome(HistoricTaskInstance task) {
    if (task.getEndTime() == null) {
      return "進行中";
    }
    String reason = task.getDeleteReason();
    if ("completed".equals(reason)) {
      return "已完成";
    }
    return reason == null || "deleted".equals(reason) ? "已取消" : reason;
  }

  private Person person(String userId) {
    return userId == null ? null : new Person(userId, organization.displayName(userId));
  }
}
