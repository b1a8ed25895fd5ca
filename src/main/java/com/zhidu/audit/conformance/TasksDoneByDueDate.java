package com.zhidu.audit.conformance;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.springframework.stereotype.Component;

/** §1.3.2: every task with a due date is completed by it. */
@Component
public class TasksDoneByDueDate extends TaskRule {

  public TasksDoneByDueDate(ProcessEngine engine, CandidateGroups candidateGroups) {
    super(engine, candidateGroups);
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
  public int version() {
    return 1;
  }

  @Override
  public Judgement judge(HistoricTaskInstance task) {
    if (task.getDueDate() == null || !"completed".equals(task.getDeleteReason()) || task.getRootProcessInstanceId() == null) {
      return null;
    }
    if (!task.getEndTime().after(task.getDueDate())) {
      return new Judgement(task.getRootProcessInstanceId(), task.getId(), task.getEndTime(), null, false, null, null);
    }
    return new Judgement(task.getRootProcessInstanceId(), task.getId(), task.getEndTime(), null, true,
        "任務「" + task.getName() + "」逾期完成（到期 " + task.getDueDate().toInstant() + "，完成 "
            + task.getEndTime().toInstant() + "）",
        "Task '" + task.getTaskDefinitionKey() + "' completed after its due date");
  }
}
