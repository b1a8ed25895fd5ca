package com.zhidu.audit.conformance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.springframework.stereotype.Component;

/** §1.3.2: every task with a due date is completed by it. */
@Component
public class TasksDoneByDueDate implements ConformanceRule {

  private final ProcessEngine engine;

  public TasksDoneByDueDate(ProcessEngine engine) {
    this.engine = engine;
  }

  @Override
  public String clause() {
    return "§1.3.2";
  }

  @Override
  public String descriptionZh() {
    return "任務須於到期日前完成";
  }

  @Override
  public String descriptionEn() {
    return "Tasks are completed by their due date";
  }

  @Override
  public Verdict check(Instant from, Instant to) {
    Set<String> checked = new TreeSet<>();
    List<Finding> findings = new ArrayList<>();
    TaskDepartments departments = new TaskDepartments(engine);
    for (HistoricTaskInstance task : engine.getHistoryService().createHistoricTaskInstanceQuery().finished()
        .finishedAfter(Date.from(from.minusMillis(1))).finishedBefore(Date.from(to)).list()) {
      if (task.getDueDate() == null || !"completed".equals(task.getDeleteReason()) || task.getRootProcessInstanceId() == null) {
        continue;
      }
      checked.add(task.getRootProcessInstanceId());
      departments.checked(task);
      if (task.getEndTime().after(task.getDueDate())) {
        departments.violated(task);
        findings.add(new Finding(task.getRootProcessInstanceId(), task.getId(),
            "任務「" + task.getName() + "」逾期完成（到期 " + task.getDueDate().toInstant() + "，完成 "
                + task.getEndTime().toInstant() + "）",
            "Task '" + task.getTaskDefinitionKey() + "' completed after its due date"));
      }
    }
    return new Verdict(checked, findings, departments.departments());
  }
}
