package com.zhidu.platform;

import org.camunda.bpm.engine.delegate.DelegateTask;

/**
 * A cross-cutting mechanism that sees every user task of every process (validation, four-eyes,
 * deadlines, the task_action record, notifications). Implement it as a Spring bean; {@link
 * EngineMechanisms} attaches it to all user tasks at parse time, so no BPMN needs to name it.
 * Handlers run in {@link org.springframework.core.annotation.Order} order, before listeners declared in
 * BPMN, inside the engine's transaction: throwing refuses the operation and rolls everything back.
 */
public interface TaskEventHandler {

  /** @param task the task; {@code task.getEventName()} is create, assignment, update, complete or delete */
  void onTaskEvent(DelegateTask task);
}
