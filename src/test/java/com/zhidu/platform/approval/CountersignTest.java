package com.zhidu.platform.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zhidu.AsUser;
import com.zhidu.ProcessTestExtension;
import com.zhidu.ZhiduTest;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/** 會簽/或簽 on the countersign fixture: the deputy managers (lina, wangfang) all approve, then any one approves. */
@ZhiduTest
class CountersignTest {

  @RegisterExtension
  static final ProcessTestExtension processTest = ProcessTestExtension.fullyCovering("countersign-fixture");

  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired HistoryService history;
  @Autowired IdentityService identity;

  String pi;

  private void start() {
    pi = new AsUser(identity).call("chenjing", () -> runtime.startProcessInstanceByKey("countersign-fixture").getId());
  }

  private List<Task> open(String key) {
    return tasks.createTaskQuery().processInstanceId(pi).taskDefinitionKey(key).list();
  }

  private void decide(String key, String user, String decision) {
    Task task = open(key).stream().filter(t -> user.equals(t.getAssignee())).findFirst().orElseThrow();
    new AsUser(identity).run(user, () -> tasks.complete(task.getId(), Map.of("decision", decision)));
  }

  private String endedAt() {
    return history.createHistoricActivityInstanceQuery().processInstanceId(pi).activityType("noneEndEvent")
        .singleResult().getActivityId();
  }

  @Test
  void jointApprovalNeedsEveryoneThenAnyOneApprovalSuffices() {
    start();
    assertThat(open("jointApproval")).extracting(Task::getAssignee).containsExactlyInAnyOrder("lina", "wangfang");

    decide("jointApproval", "lina", "approved");
    assertThat(open("jointApproval")).hasSize(1);
    assertThat(open("anyApproval")).isEmpty();
    decide("jointApproval", "wangfang", "approved");

    assertThat(open("anyApproval")).hasSize(2);
    decide("anyApproval", "wangfang", "approved");
    assertThat(open("anyApproval")).as("the other approver's task is withdrawn").isEmpty();
    assertThat(endedAt()).isEqualTo("EndEvent_approved");
  }

  @Test
  void oneRejectionEndsAJointApproval() {
    start();
    decide("jointApproval", "wangfang", "rejected");
    assertThat(open("jointApproval")).isEmpty();
    assertThat(endedAt()).isEqualTo("EndEvent_jointRejected");
  }

  @Test
  void anyApprovalIsRejectedOnlyWhenEveryoneRejects() {
    start();
    decide("jointApproval", "lina", "approved");
    decide("jointApproval", "wangfang", "approved");
    decide("anyApproval", "lina", "rejected");
    assertThat(open("anyApproval")).hasSize(1);
    decide("anyApproval", "wangfang", "rejected");
    assertThat(endedAt()).isEqualTo("EndEvent_anyRejected");
  }

  @Test
  void aCompletionWithoutDecisionIsRefused() {
    start();
    Task task = open("jointApproval").get(0);
    assertThatThrownBy(() -> new AsUser(identity).run(task.getAssignee(), () -> tasks.complete(task.getId())))
        .hasMessageContaining("decision");
    runtime.deleteProcessInstance(pi, "test");
  }

  @Test
  void decisionRules() {
    assertThat(Countersign.decide("all", 1, 0, 2)).isNull();
    assertThat(Countersign.decide("all", 2, 0, 2)).isEqualTo("approved");
    assertThat(Countersign.decide("all", 1, 1, 3)).isEqualTo("rejected");
    assertThat(Countersign.decide("any", 0, 1, 2)).isNull();
    assertThat(Countersign.decide("any", 1, 0, 3)).isEqualTo("approved");
    assertThat(Countersign.decide("any", 0, 2, 2)).isEqualTo("rejected");
    assertThatThrownBy(() -> Countersign.decide("most", 0, 0, 1)).isInstanceOf(IllegalStateException.class);
  }
}
