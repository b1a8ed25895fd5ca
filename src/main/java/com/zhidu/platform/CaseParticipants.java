package com.zhidu.platform;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Who is involved in a case (a process instance), for things only they may see, such as case comments
 * (§6.1.2): its starter, everyone recorded in {@code task_action} for it, and the assignees, owners and
 * candidates (users, members of candidate groups) of its open tasks. Auditors and administrators may read
 * every case but are not participants. Facts come from history, {@code task_action} and the runtime task
 * list, read without the caller's authorizations: the question is about the case, not what the caller sees.
 */
@Component
public class CaseParticipants {

  public static final List<String> READ_ALL_GROUPS = List.of("auditor", "camunda-admin");

  private final ProcessEngine engine;
  private final JdbcTemplate jdbc;

  public CaseParticipants(ProcessEngine engine, JdbcTemplate jdbc) {
    this.engine = engine;
    this.jdbc = jdbc;
  }

  /** Whether the case exists (in history, so finished cases count). */
  public boolean exists(String processInstanceId) {
    return withoutAuthorization(() -> engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processInstanceId(processInstanceId).count() > 0);
  }

  public boolean isParticipant(String processInstanceId, Authentication user) {
    return withoutAuthorization(() -> {
      Set<String> users = new LinkedHashSet<>();
      Set<String> groups = new LinkedHashSet<>();
      HistoricProcessInstance instance = engine.getHistoryService().createHistoricProcessInstanceQuery()
          .processInstanceId(processInstanceId).singleResult();
      if (instance == null) {
        return false;
      }
      users.add(instance.getStartUserId());
      TaskActionRecorder.flush(jdbc);
      users.addAll(jdbc.queryForList("select user_id from task_action where process_instance_id = ?"
          + " and user_id is not null", String.class, processInstanceId));
      users.addAll(jdbc.queryForList("select assignee from task_action where process_instance_id = ?"
          + " and action = 'complete' and assignee is not null", String.class, processInstanceId));
      for (Task task : engine.getTaskService().createTaskQuery().processInstanceId(processInstanceId).list()) {
        users.add(task.getAssignee());
        users.add(task.getOwner());
        for (IdentityLink link : engine.getTaskService().getIdentityLinksForTask(task.getId())) {
          if (IdentityLinkType.CANDIDATE.equals(link.getType())) {
            users.add(link.getUserId());
            groups.add(link.getGroupId());
          }
        }
      }
      users.remove(null);
      groups.remove(null);
      return users.contains(user.getUserId()) || intersects(user.getGroupIds(), groups);
    });
  }

  /** Participants, people the case was copied to (抄送), auditors and administrators may read a case's comments. */
  public boolean mayRead(String processInstanceId, Authentication user) {
    return intersects(user.getGroupIds(), READ_ALL_GROUPS) || isParticipant(processInstanceId, user)
        || isCopiedTo(processInstanceId, user);
  }

  /** Whether the case (its root process instance) was copied to the user (table case_copy). */
  public boolean isCopiedTo(String processInstanceId, Authentication user) {
    String root = withoutAuthorization(() -> engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processInstanceId(processInstanceId).list().stream().map(HistoricProcessInstance::getRootProcessInstanceId)
        .findFirst().orElse(processInstanceId));
    Integer n = jdbc.queryForObject("select count(*) from case_copy where user_id = ? and case_id in (?, ?)",
        Integer.class, user.getUserId(), processInstanceId, root);
    return n != null && n > 0;
  }

  /** The case a task belongs to (also for finished tasks), or null for a task outside any process. */
  public String caseOfTask(String taskId) {
    return withoutAuthorization(() -> engine.getHistoryService().createHistoricTaskInstanceQuery().taskId(taskId)
        .list().stream().map(t -> t.getProcessInstanceId()).findFirst().orElse(null));
  }

  /** Runs engine queries without the current user's authorizations, keeping the authentication. */
  public <T> T withoutAuthorization(Callable<T> work) {
    return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
        .execute(context -> context.runWithoutAuthorization(work));
  }

  private static boolean intersects(Collection<String> a, Collection<String> b) {
    return a != null && b != null && a.stream().anyMatch(b::contains);
  }
}
