package com.zhidu.platform.approval;

import com.zhidu.platform.Refusal;
import com.zhidu.platform.TaskEventHandler;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.task.Task;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * 加簽 is sequential: a task with an added approver who has not signed yet (an open sub-task, see
 * {@link ApprovalOperations#addSigner}) cannot be completed (409).
 */
@Component
@Order(5)
public class AddedSignerGuard implements TaskEventHandler {

  @Override
  public void onTaskEvent(DelegateTask task) {
    if (!TaskListener.EVENTNAME_COMPLETE.equals(task.getEventName())) {
      return;
    }
    // Straight from the engine's task table (no query object, no authorization check: the guard is the engine's).
    List<Task> open = Context.getCommandContext().getTaskManager().findTasksByParentTaskId(task.getId());
    if (!open.isEmpty()) {
      throw Refusal.of(409, null, "尚有加簽人未簽核，請待其簽核或減簽後再完成",
          "An added approver has not signed yet: wait for the signature or remove the approver first.");
    }
  }
}
