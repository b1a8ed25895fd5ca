package com.zhidu.platform;

import com.zhidu.organization.OrganizationService;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Four-eyes by declaration (§1.3.3). A user task names, in BPMN, whose performer may not perform it:
 * <pre>{@code
 * <camunda:properties><camunda:property name="fourEyes" value="input:author, task:draft, starter"/></camunda:properties>
 * }</pre>
 * <ul>
 *   <li>{@code starter}: the user who started the case (the root process instance, so a called process
 *       sees the starter of the whole case), from history's start user;</li>
 *   <li>{@code task:<taskDefinitionKey>}: whoever completed that earlier task in the same process instance,
 *       from {@code task_action};</li>
 *   <li>{@code input:<variable>}: the user(s) named by that variable as it was set when the process instance
 *       started (history's initial variable update; for a called process, what the caller passed in), so
 *       overwriting the variable later changes nothing.</li>
 * </ul>
 * None of these is read from a current process variable: whoever can complete a task can write those.
 * <p>Enforced when a task gets an assignee (claim, assign, delegate, resolve), when an owner is set, and on
 * completion. Independently of any declaration, a completion by an authenticated user who is not the task's
 * assignee is refused (engine issue #4865): an unassigned task must be claimed first, as Tasklist does.
 * Completions without an authenticated user (engine-internal, tests) skip that rule but still meet the
 * four-eyes rule for the assignee. Refusals are 403 and roll the operation back.
 */
@Component
@Order(0)
public class FourEyesGuard implements TaskEventHandler {

  public static final String PROPERTY = "fourEyes";
  static final String CLAUSE = "§1.3.3";

  /** One declared exclusion: kind is starter, task or input; ref is the task key or variable name. */
  public record Rule(Kind kind, String ref) {}

  public enum Kind { STARTER, TASK, INPUT }

  private final JdbcTemplate jdbc;
  private final OrganizationService organization;
  /** Declarations per process definition and task key; definitions are immutable once deployed. */
  private final Map<String, List<Rule>> declarations = new ConcurrentHashMap<>();

  public FourEyesGuard(JdbcTemplate jdbc, OrganizationService organization) {
    this.jdbc = jdbc;
    this.organization = organization;
  }

  /**
   * Parses a declaration such as {@code "input:author, task:draft"}; public so model checks can verify
   * declarations at deployment time with the same grammar.
   */
  public static List<Rule> parse(String declaration) {
    List<Rule> rules = new ArrayList<>();
    if (declaration == null || declaration.isBlank()) {
      return rules;
    }
    for (String raw : declaration.split(",")) {
      String item = raw.trim();
      if (item.equals("starter")) {
        rules.add(new Rule(Kind.STARTER, null));
      } else if (item.startsWith("task:") && item.length() > 5) {
        rules.add(new Rule(Kind.TASK, item.substring(5).trim()));
      } else if (item.startsWith("input:") && item.length() > 6) {
        rules.add(new Rule(Kind.INPUT, item.substring(6).trim()));
      } else {
        throw new IllegalArgumentException("Unknown fourEyes item '" + item
            + "': use starter, task:<taskDefinitionKey> or input:<variableName>");
      }
    }
    return rules;
  }

  @Override
  public void onTaskEvent(DelegateTask task) {
    String user = TaskActionRecorder.authenticatedUser(task);
    switch (task.getEventName()) {
      case TaskListener.EVENTNAME_ASSIGNMENT -> {
        if (task.getAssignee() != null) {
          checkFourEyes(task, task.getAssignee(), user);
        }
      }
      case TaskListener.EVENTNAME_UPDATE -> {
        // The owner gets the task back when a delegate resolves it: never an excluded person.
        if (task.getOwner() != null) {
          checkFourEyes(task, task.getOwner(), user);
        }
      }
      case TaskListener.EVENTNAME_COMPLETE -> {
        if (user != null) {
          checkCompleterIsAssignee(task, user);
        }
        String performer = user != null ? user : task.getAssignee();
        if (performer != null) {
          checkFourEyes(task, performer, user);
        }
      }
      default -> { }
    }
  }

  /**
   * Refuses (403) a person the step's declared rules exclude, for someone who will act on the step without being
   * its assignee: an added approver (加簽). The same rules and refusal as on assignment.
   */
  public void checkMayAct(DelegateTask task, String person) {
    checkFourEyes(task, person, TaskActionRecorder.authenticatedUser(task));
  }

  private void checkCompleterIsAssignee(DelegateTask task, String user) {
    String assignee = task.getAssignee();
    if (assignee == null) {
      throw Refusal.of(403, null, "請先認領此任務，再完成（" + CLAUSE + "）",
          "Claim the task first: only the task's assignee may complete it (" + CLAUSE + ").");
    }
    if (!assignee.equals(user)) {
      throw Refusal.of(403, null,
          "此任務已由" + organization.displayName(assignee) + "認領，只有認領人可以完成；如需處理，請先認領（" + CLAUSE + "）",
          "The task is assigned to " + assignee + "; only the assignee may complete it. Claim it first ("
              + CLAUSE + ").");
    }
  }

  private void checkFourEyes(DelegateTask task, String person, String authenticatedUser) {
    List<Rule> rules = declarationsOf(task);
    if (rules.isEmpty()) {
      return;
    }
    CommandContext context = Context.getCommandContext();
    // The trusted sources are read regardless of what the acting user may see.
    Rule broken = context.runWithoutAuthorization(() -> {
      for (Rule rule : rules) {
        if (excludedBy(task, rule, context).contains(person)) {
          return rule;
        }
      }
      return null;
    });
    if (broken != null) {
      throw refusal(task, broken, person, person.equals(authenticatedUser));
    }
  }

  /** The people the rule excludes from the task; empty when the fact is unknown (e.g. started by the engine). */
  Set<String> excludedBy(DelegateTask task, Rule rule, CommandContext context) {
    return switch (rule.kind()) {
      case STARTER -> asSet(starterOf(task, context));
      case TASK -> new LinkedHashSet<>(performersOf(task.getProcessInstanceId(), rule.ref()));
      case INPUT -> initialValueOf(task, rule.ref(), context);
    };
  }

  private String starterOf(DelegateTask task, CommandContext context) {
    String root = ((ExecutionEntity) task.getExecution()).getRootProcessInstanceId();
    HistoryService history = context.getProcessEngineConfiguration().getHistoryService();
    HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery().processInstanceId(root)
        .singleResult();
    if (instance != null) {
      return instance.getStartUserId();
    }
    // Started in this very transaction: the history entry is not flushed yet, but it is in the entity cache.
    return context.getDbEntityManager().getCachedEntitiesByType(HistoricProcessInstanceEventEntity.class).stream()
        .filter(e -> root.equals(e.getProcessInstanceId())).map(HistoricProcessInstanceEventEntity::getStartUserId)
        .findFirst().orElse(null);
  }

  /** Who completed the task definition in the process instance: the authenticated user, else the assignee. */
  List<String> performersOf(String processInstanceId, String taskDefinitionKey) {
    TaskActionRecorder.flush(jdbc);
    return jdbc.queryForList("select coalesce(user_id, assignee) from task_action where process_instance_id = ?"
            + " and task_definition_key = ? and action = 'complete' and coalesce(user_id, assignee) is not null",
        String.class, processInstanceId, taskDefinitionKey);
  }

  /**
   * The users the variable named when the process instance started. A started instance's variables are flagged
   * "initial" by the engine; a called instance's inputs ({@code camunda:in}) are not, but they are written
   * before the instance enters its first activity (no activity instance) as revision 0. Later writes, including
   * overwrites of the same variable, never count.
   */
  private Set<String> initialValueOf(DelegateTask task, String variable, CommandContext context) {
    String processInstanceId = task.getProcessInstanceId();
    boolean called = ((ExecutionEntity) task.getExecution()).getProcessInstance().getSuperExecutionId() != null;
    HistoryService history = context.getProcessEngineConfiguration().getHistoryService();
    List<HistoricDetail> details = history.createHistoricDetailQuery().variableUpdates()
        .processInstanceId(processInstanceId).variableNameLike(variable)
        .disableBinaryFetching().disableCustomObjectDeserialization().list();
    Set<String> people = new LinkedHashSet<>();
    for (HistoricDetail detail : details) {
      if (detail instanceof HistoricVariableUpdate update && variable.equals(update.getVariableName())
          && atStart(Boolean.TRUE.equals(update.isInitial()), update.getActivityInstanceId(), update.getRevision(),
              called)) {
        people.addAll(usersIn(update.getValue()));
      }
    }
    if (details.isEmpty()) {
      // Started in this very transaction: the variable updates are still in the entity cache.
      context.getDbEntityManager().getCachedEntitiesByType(HistoricVariableUpdateEventEntity.class).stream()
          .filter(e -> processInstanceId.equals(e.getProcessInstanceId()) && variable.equals(e.getVariableName())
              && atStart(e.isInitial(), e.getActivityInstanceId(), e.getRevision(), called))
          .forEach(e -> people.addAll(usersIn(e.getTextValue())));
    }
    return people;
  }

  private static boolean atStart(boolean initial, String activityInstanceId, int revision, boolean called) {
    return initial || (called && activityInstanceId == null && revision == 0);
  }

  /** A variable naming users: a user id, a comma-separated list of ids, or a collection of ids. */
  private static Set<String> usersIn(Object value) {
    Set<String> users = new LinkedHashSet<>();
    if (value instanceof Collection<?> collection) {
      collection.forEach(v -> users.addAll(usersIn(v)));
    } else if (value != null) {
      for (String id : value.toString().split(",")) {
        if (!id.isBlank()) {
          users.add(id.trim());
        }
      }
    }
    return users;
  }

  private static Set<String> asSet(String value) {
    Set<String> set = new LinkedHashSet<>();
    if (value != null) {
      set.add(value);
    }
    return set;
  }

  List<Rule> declarationsOf(DelegateTask task) {
    String key = task.getProcessDefinitionId() + "#" + task.getTaskDefinitionKey();
    return declarations.computeIfAbsent(key, k -> readDeclaration(task.getBpmnModelElementInstance()));
  }

  private static List<Rule> readDeclaration(UserTask element) {
    String value = propertyOf(element, PROPERTY);
    try {
      return List.copyOf(parse(value));
    } catch (IllegalArgumentException e) {
      // Fail closed: a mistyped rule must not silently let everyone through.
      throw new ProcessEngineException("User task '" + element.getId() + "' has an invalid fourEyes declaration: "
          + e.getMessage(), e);
    }
  }

  static String propertyOf(BaseElement element, String name) {
    ExtensionElements extensions = element == null ? null : element.getExtensionElements();
    if (extensions == null) {
      return null;
    }
    for (CamundaProperties properties : extensions.getChildElementsByType(CamundaProperties.class)) {
      for (CamundaProperty property : properties.getCamundaProperties()) {
        if (name.equals(property.getCamundaName())) {
          return property.getCamundaValue();
        }
      }
    }
    return null;
  }

  private Refusal refusal(DelegateTask task, Rule rule, String person, boolean self) {
    String name = organization.displayName(person);
    String zh;
    String en;
    switch (rule.kind()) {
      case STARTER -> {
        zh = self ? "您不可處理自己發起的案件" : name + "不可處理此任務（本案由其發起）";
        en = "started this case";
      }
      case TASK -> {
        String earlier = taskName(task, rule.ref());
        zh = self ? "您已處理本案的「" + earlier + "」，不可再處理此任務"
            : name + "不可處理此任務（其已處理本案的「" + earlier + "」）";
        en = "performed the earlier task '" + rule.ref() + "' of this case";
      }
      default -> {
        zh = self ? "您不可處理自己提交的案件" : name + "不可處理此任務（本案由其提交）";
        en = "are named as '" + rule.ref() + "' of this case";
      }
    }
    String who = self ? "you" : person;
    String verb = self ? en : en.startsWith("are ") ? "is " + en.substring(4) : en;
    return Refusal.of(403, null, "依四眼原則，" + zh + "（" + CLAUSE + "）",
        "Four-eyes (" + CLAUSE + "): " + who + " may not perform this task because " + (self ? "you" : person)
            + " " + verb + ".");
  }

  private static String taskName(DelegateTask task, String taskKey) {
    var element = task.getBpmnModelElementInstance().getModelInstance().getModelElementById(taskKey);
    String name = element == null ? null : element.getAttributeValue("name");
    return name == null ? taskKey : name;
  }
}
