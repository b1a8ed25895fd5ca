package com.zhidu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;

/** A reviewer deciding in the report-approval case a procedure called, as the suites of its callers do. */
public final class Reviews {

  /** Claims and completes the called review's {@code key} task as {@code user} with the decision and comment. */
  public static void decide(RuntimeService runtime, TaskService tasks, AsUser as, ProcessInstance caller, String key,
      String user, String decision, String comment) {
    ProcessInstance approval = runtime.createProcessInstanceQuery().superProcessInstanceId(caller.getId())
        .singleResult();
    Task task = tasks.createTaskQuery().processInstanceId(approval.getId()).taskDefinitionKey(key).singleResult();
    assertThat(task).as("open %s", key).isNotNull();
    Map<String, Object> variables = new HashMap<>();
    variables.put("decision", decision);
    variables.put("comment", comment);
    as.run(user, () -> {
      tasks.claim(task.getId(), user);
      tasks.complete(task.getId(), variables);
    });
  }

  private Reviews() {}
}
