package com.zhidu.audit.conformance;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricIdentityLinkLog;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.task.IdentityLinkType;

/**
 * The department of a case for a task rule: the candidate group of the task that decided the verdict (the
 * first violating task, else the first checked one). A task offered to several groups counts under the first
 * by id; a task with no candidate group under {@link ConformanceRule#NO_DEPARTMENT}. The performer's groups
 * are not used: a person may belong to several groups, the candidate group names who was responsible.
 */
final class TaskDepartments {

  private final ProcessEngine engine;
  private final Map<String, String> departments = new HashMap<>();
  private final Set<String> decided = new HashSet<>();

  TaskDepartments(ProcessEngine engine) {
    this.engine = engine;
  }

  void checked(HistoricTaskInstance task) {
    if (!departments.containsKey(task.getRootProcessInstanceId())) {
      departments.put(task.getRootProcessInstanceId(), candidateGroup(task));
    }
  }

  void violated(HistoricTaskInstance task) {
    if (decided.add(task.getRootProcessInstanceId())) {
      departments.put(task.getRootProcessInstanceId(), candidateGroup(task));
    }
  }

  Map<String, String> departments() {
    return departments;
  }

  private String candidateGroup(HistoricTaskInstance task) {
    return engine.getHistoryService().createHistoricIdentityLinkLogQuery().taskId(task.getId())
        .type(IdentityLinkType.CANDIDATE).list().stream().map(HistoricIdentityLinkLog::getGroupId)
        .filter(Objects::nonNull).sorted().findFirst().orElse(ConformanceRule.NO_DEPARTMENT);
  }
}
