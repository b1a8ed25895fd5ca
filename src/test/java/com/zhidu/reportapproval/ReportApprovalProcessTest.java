package com.zhidu.reportapproval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.zhidu.AsUser;
import com.zhidu.ProcessTestExtension;
import com.zhidu.platform.Refusal;
import com.zhidu.ZhiduTest;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/** report-approval (§3.1.5, §3.4.4) through its contract, called by the test-only test-review-caller. */
@ZhiduTest
class ReportApprovalProcessTest {

  @RegisterExtension
  static final ProcessTestExtension processTest =
      ProcessTestExtension.fullyCovering("report-approval", "test-review-caller");

  @Autowired ProcessEngine processEngine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired HistoryService history;
  @Autowired IdentityService identity;
  @Autowired ReviewDecisionRepository decisions;
  AsUser as;

  @BeforeEach
  void setUp() {
    as = new AsUser(identity);
  }

  @Test
  void managerAndLeadershipApprove() {
    Review review = startReview(Map.of());
    assertThat(review.approval).isWaitingAt("managerReview");
    decide("zhangwei", review, "managerReview", "approved", "內容完整");
    assertThat(review.approval).isWaitingAt("leadershipApproval");
    decide("linzong", review, "leadershipApproval", "approved", null);

    assertThat(review.approval).isEnded().hasPassed("managerReview", "leadershipApproval", "EndEvent_Approved");
    assertThat(review.caller).isEnded();
    assertThat(output(review, "reviewOutcome")).isEqualTo("approved");
    assertThat(output(review, "reviewComments")).isNull();

    List<ReviewDecision> recorded = decisions.decisionsAbout("test", review.subjectId);
    assertThat(recorded).extracting(ReviewDecision::stage, ReviewDecision::decision, ReviewDecision::decidedBy,
            ReviewDecision::comment)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("managerReview", "approved", "zhangwei", "內容完整"),
            org.assertj.core.groups.Tuple.tuple("leadershipApproval", "approved", "linzong", null));
    assertThat(recorded).allSatisfy(d -> {
      assertThat(d.subjectVersion()).isEqualTo(2);
      assertThat(d.processInstanceId()).isEqualTo(review.approval.getId());
      assertThat(d.decidedAt()).isNotNull();
    });
  }

  @Test
  void managerRejectsAndTheAuthorGetsTheComment() {
    Review review = startReview(Map.of());
    decide("zhangwei", review, "managerReview", "rejected", "請補充競爭對手分析");

    assertThat(review.approval).isEnded().hasPassed("EndEvent_RevisionRequestedByManager")
        .hasNotPassed("leadershipApproval");
    assertThat(output(review, "reviewOutcome")).isEqualTo("revisionRequested");
    assertThat(output(review, "reviewComments")).isEqualTo("請補充競爭對手分析");
  }

  @Test
  void leadershipRejects() {
    Review review = startReview(Map.of());
    decide("zhangwei", review, "managerReview", "approved", null);
    decide("linzong", review, "leadershipApproval", "rejected", "結論需要數據支持");

    assertThat(review.approval).isEnded().hasPassed("EndEvent_RevisionRequestedByLeadership");
    assertThat(output(review, "reviewOutcome")).isEqualTo("revisionRequested");
    assertThat(output(review, "reviewComments")).isEqualTo("結論需要數據支持");
    assertThat(decisions.decisionsAbout("test", review.subjectId)).extracting(ReviewDecision::decidedBy)
        .containsExactly("zhangwei", "linzong");
  }

  @Test
  void rejectingWithoutACommentIsRefusedAndNothingIsRecorded() {
    Review review = startReview(Map.of());
    Task task = task(review, "managerReview");
    assertThatThrownBy(() -> as.run("zhangwei", () -> {
      tasks.claim(task.getId(), "zhangwei");
      tasks.complete(task.getId(), Map.of("decision", "rejected", "comment", "  "));
    })).hasMessageContaining("退回時必須填寫意見").rootCause().isInstanceOfSatisfying(Refusal.class, refusal -> {
      // A Refusal (400, naming the field), so REST callers get a clear answer, not a 500.
      assertThat(refusal.status()).isEqualTo(400);
      assertThat(refusal.errors()).extracting(Refusal.Error::field).containsExactly("comment");
    });
    // Refused (by this listener, or earlier by the generic form validation once it is in place).
    assertThatThrownBy(() -> as.run("zhangwei", () -> tasks.complete(task.getId(), Map.of("decision", "maybe"))))
        .isInstanceOf(ProcessEngineException.class);

    assertThat(review.approval).isWaitingAt("managerReview");
    assertThat(decisions.decisionsAbout("test", review.subjectId)).isEmpty();
  }

  @Test
  void aSubmittedOutcomeVariableCannotSteerTheFlow() {
    Review review = startReview(Map.of());
    Task task = task(review, "managerReview");
    as.run("zhangwei", () -> {
      tasks.claim(task.getId(), "zhangwei");
      try {
        tasks.complete(task.getId(), Map.of("decision", "rejected", "comment", "不同意",
            "reviewOutcome", "approved", "decidedBy", "linzong"));
      } catch (ProcessEngineException refusedUndeclaredVariables) {
        // The generic form validation may refuse the forged variables outright; then decide normally.
        tasks.complete(task.getId(), Map.of("decision", "rejected", "comment", "不同意"));
      }
    });
    assertThat(output(review, "reviewOutcome")).isEqualTo("revisionRequested");
    assertThat(decisions.decisionsAbout("test", review.subjectId)).extracting(ReviewDecision::decidedBy)
        .containsExactly("zhangwei");
  }

  @Test
  void theDeputyOwningTheAreaStandsInForTheManager() {
    ClockUtil.setCurrentTime(day("2026-11-02")); // no dated substitution of the manager that day
    Review review = startReview(Map.of("area", "marketResearch"));
    Task task = task(review, "managerReview");
    assertThat(tasks.createTaskQuery().taskId(task.getId()).taskCandidateUser("lina").count()).isEqualTo(1);
    assertThat(tasks.createTaskQuery().taskId(task.getId()).taskCandidateUser("wangfang").count()).isZero();

    decide("lina", review, "managerReview", "approved", "代部門經理審核");
    assertThat(decisions.decisionsAbout("test", review.subjectId)).extracting(ReviewDecision::decidedBy)
        .containsExactly("lina");
  }

  @Test
  void aSubjectFromAnAreaWithoutDeputyGoesToTheManagerAlone() {
    ClockUtil.setCurrentTime(day("2026-11-02"));
    Review review = startReview(Map.of("area", "legal"));
    Task task = task(review, "managerReview");
    assertThat(tasks.getIdentityLinksForTask(task.getId()))
        .extracting(link -> link.getGroupId(), link -> link.getUserId())
        .containsExactly(org.assertj.core.groups.Tuple.tuple("deptManager", null));
    decide("zhangwei", review, "managerReview", "approved", null);
    assertThat(review.approval).isWaitingAt("leadershipApproval");
  }

  @Test
  void aDeputyOfAnotherAreaMayNotClaim() {
    ClockUtil.setCurrentTime(day("2026-11-02"));
    Review review = startReview(Map.of("area", "marketResearch"));
    Task task = task(review, "managerReview");
    assertThatThrownBy(() -> as.run("wangfang", () -> tasks.claim(task.getId(), "wangfang")))
        .isInstanceOf(org.camunda.bpm.engine.AuthorizationException.class);
  }

  @Test
  void theManagersDatedStandInMayReviewAnyArea() {
    // organization.yaml: wangfang stands in for zhangwei from 2026-12-21 to 2027-01-03.
    ClockUtil.setCurrentTime(day("2026-12-22"));
    Review review = startReview(Map.of("area", "marketResearch"));
    Task task = task(review, "managerReview");
    assertThat(tasks.createTaskQuery().taskId(task.getId()).taskCandidateUser("wangfang").count()).isEqualTo(1);
    decide("wangfang", review, "managerReview", "approved", "代理部門經理審核");
    assertThat(review.approval).isWaitingAt("leadershipApproval");
  }

  @Test
  void leadershipApprovalAloneWhenTheCallerSkipsManagerReview() {
    Review review = startReview(Map.of("managerReviewRequired", false));
    assertThat(review.approval).isWaitingAt("leadershipApproval");
    decide("linzong", review, "leadershipApproval", "approved", null);
    assertThat(review.approval).isEnded().hasNotPassed("managerReview");
    assertThat(output(review, "reviewOutcome")).isEqualTo("approved");
  }

  @Test
  void managerReviewAloneWhenTheCallerSkipsLeadershipApproval() {
    Review review = startReview(Map.of("leadershipApprovalRequired", false));
    decide("zhangwei", review, "managerReview", "approved", null);
    assertThat(review.approval).isEnded().hasNotPassed("leadershipApproval").hasPassed("EndEvent_Approved");
    assertThat(output(review, "reviewOutcome")).isEqualTo("approved");
  }

  @Test
  void aRequestWithoutAuthorOrStagesIsRefused() {
    assertThatThrownBy(() -> runtime.startProcessInstanceByKey("test-review-caller",
        Map.of("subjectType", "test", "subjectId", "x")))
        .hasMessageContaining("author");
    assertThatThrownBy(() -> startReview(Map.of("managerReviewRequired", false, "leadershipApprovalRequired", false)))
        .hasMessageContaining("至少需要一個審核階段");
  }

  @Test
  void bothReviewTasksDeclareFourEyesAgainstTheAuthor() {
    var model = processEngine.getRepositoryService().getBpmnModelInstance(
        processEngine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("report-approval")
            .latestVersion().singleResult().getId());
    for (String taskId : List.of("managerReview", "leadershipApproval")) {
      var properties = model.getModelElementById(taskId).getChildElementsByType(
              org.camunda.bpm.model.bpmn.instance.ExtensionElements.class).iterator().next()
          .getElementsQuery().filterByType(org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties.class)
          .singleResult().getCamundaProperties();
      assertThat(properties).anySatisfy(p -> {
        assertThat(p.getCamundaName()).isEqualTo("fourEyes");
        assertThat(p.getCamundaValue()).isEqualTo("input:author");
      });
    }
  }

  // --- helpers

  /** Noon in Taipei on the given day, for the engine clock. */
  private static Date day(String isoDate) {
    return Date.from(LocalDate.parse(isoDate).atTime(12, 0).atZone(ZoneId.of("Asia/Taipei")).toInstant());
  }

  record Review(ProcessInstance caller, ProcessInstance approval, String subjectId) {}

  private Review startReview(Map<String, Object> extra) {
    String subjectId = UUID.randomUUID().toString();
    Map<String, Object> inputs = new HashMap<>(Map.of("subjectType", "test", "subjectId", subjectId,
        "subjectVersion", 2, "author", "chenjing", "recipients", "zhaolei,zhengxin",
        "subjectTitle", "測試報告"));
    inputs.putAll(extra);
    ProcessInstance caller = runtime.startProcessInstanceByKey("test-review-caller", inputs);
    ProcessInstance approval = runtime.createProcessInstanceQuery().superProcessInstanceId(caller.getId()).singleResult();
    return new Review(caller, approval, subjectId);
  }

  private Task task(Review review, String key) {
    return tasks.createTaskQuery().processInstanceId(review.approval.getId()).taskDefinitionKey(key).singleResult();
  }

  private void decide(String user, Review review, String key, String decision, String comment) {
    Task task = task(review, key);
    assertThat(task).as("open task %s", key).isNotNull();
    Map<String, Object> variables = new HashMap<>();
    variables.put("decision", decision);
    variables.put("comment", comment);
    as.run(user, () -> {
      tasks.claim(task.getId(), user);
      tasks.complete(task.getId(), variables);
    });
  }

  private Object output(Review review, String name) {
    var variable = history.createHistoricVariableInstanceQuery().processInstanceId(review.caller.getId())
        .variableName(name).singleResult();
    assertThat(variable).as("caller variable %s", name).isNotNull();
    return variable.getValue();
  }
}
