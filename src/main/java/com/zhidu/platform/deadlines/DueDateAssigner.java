package com.zhidu.platform.deadlines;

import com.zhidu.platform.TaskEventHandler;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Gives every new user task a due date (§1.3.2) from the deadlines file, in working days from the engine
 * clock's today. A due date the BPMN already set ({@code camunda:dueDate}, e.g. from case data) is kept.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 100)
public class DueDateAssigner implements TaskEventHandler {

  private final DeadlineConfig config;
  private final WorkingDayCalendar calendar;

  public DueDateAssigner(DeadlineConfig config, WorkingDayCalendar calendar) {
    this.config = config;
    this.calendar = calendar;
  }

  @Override
  public void onTaskEvent(DelegateTask task) {
    if (!TaskListener.EVENTNAME_CREATE.equals(task.getEventName()) || task.getDueDate() != null) {
      return;
    }
    int days = config.rulesFor(processKey(task), task.getTaskDefinitionKey()).due();
    task.setDueDate(Date.from(calendar.dueDate(ClockUtil.getCurrentTime().toInstant(), days)));
  }

  static String processKey(DelegateTask task) {
    if (task instanceof TaskEntity entity && entity.getProcessDefinition() != null) {
      return entity.getProcessDefinition().getKey();
    }
    return null;
  }
}
