package com.zhidu.complainthandling;

import com.zhidu.Jobs;
import com.zhidu.ProcessTestExtension;
import com.zhidu.customerfile.CustomerFile;
import com.zhidu.customerfile.CustomerFileRepository;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.zhidu.AsUser;
import com.zhidu.ZhiduTest;
import com.zhidu.complainthandling.ComplaintRepository.CorrectiveAction;
import com.zhidu.complainthandling.ComplaintRepository.Feedback;
import com.zhidu.platform.Refusal;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** complaint-handling (§3.3.4): intake, routing, handling with SLA timers, feedback loop, dispute, root cause. */
@ZhiduTest
class ComplaintHandlingProcessTest {

  static final long HOUR = 3_600_000L;
  @RegisterExtension
  static final ProcessTestExtension processTest = ProcessTestExtension.fullyCovering("complaint-handling");

  @Autowired ProcessEngine processEngine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired IdentityService identity;
  @Autowired ComplaintRepository complaints;
  @Autowired CustomerFileRepository customers;
  @Autowired JdbcTemplate jdbc;
  @Autowired org.springframework.boot.test.web.client.TestRestTemplate rest;
  AsUser as;

  @BeforeEach
  void setUp() {
    as = new AsUser(identity);
  }

  @Test
  void satisfiedFirstTime() {
    String script = "<script>alert('x')</script> 產品外殼破裂 & \"漏電\"";
    Map<String, Object> form = newCustomer();
    form.put("description", script);
    ProcessInstance complaint = intake("xiaoyu", form);

    Complaint recorded = complaintOf(complaint);
    assertThat(recorded.receivedBy()).isEqualTo("xiaoyu");
    assertThat(recorded.responsibleGroup()).isEqualTo("production");
    assertThat(recorded.description()).as("stored as text, unchanged").isEqualTo(script);
    assertThat(recorded.status()).isEqualTo(Complaint.OPEN);
    assertThat(recorded.responseDueAt()).isEqualTo(recorded.receivedAt().plusMillis(4 * HOUR));
    assertThat(recorded.resolutionDueAt()).isEqualTo(recorded.receivedAt().plusMillis(48 * HOUR));
    CustomerFile file = customers.find(recorded.customerId()).orElseThrow();
    assertThat(file.name()).isEqualTo("華南精密機械有限公司");
    assertThat(file.contactName()).isEqualTo("陳先生");
    assertThat(file.createdBy()).isEqualTo("xiaoyu");
    assertThat(runtime.getVariable(complaint.getId(), "description")).isEqualTo(script);

    // Notified at once: the handling task exists when the intake returns, in the department's group.
    assertThat(complaint).isWaitingAt("handleComplaint");
    assertThat(task(complaint, "handleComplaint")).hasCandidateGroup("production");
    assertThat(task(complaint, "handleComplaint").getDueDate()).as("Tasklist shows the SLA's resolution deadline")
        .isEqualTo(Date.from(recorded.resolutionDueAt()));

    work("gaofeng", complaint, "handleComplaint", Map.of("handlingResult", "更換外殼並上門檢測"));
    assertThat(complaintOf(complaint).respondedAt()).isNotNull();
    assertThat(task(complaint, "customerFeedback")).hasCandidateGroup("crm");
    feedback("xiaoyu", complaint, "satisfied", "客戶確認問題已解決");
    rootCause("gaofeng", complaint);
    work("gaofeng", complaint, "implementCorrectiveAction", Map.of("actionResult", "供應商已整改,抽檢合格"));
    executeJobs(complaint);

    assertThat(complaint).isEnded().hasPassed("closeComplaint", "EndEvent_ComplaintClosed")
        .hasNotPassed("managerDecision", "remindResponseOverdue", "escalateResolutionOverdue");
    recorded = complaintOf(complaint);
    assertThat(recorded.status()).isEqualTo(Complaint.CLOSED);
    assertThat(recorded.closedAt()).isNotNull();
    assertThat(recorded.reopenCount()).isZero();
    assertThat(recorded.slaBreached()).isFalse();
    assertThat(recorded.rootCause()).isEqualTo("供應商外殼材料不合格");
    assertThat(complaints.feedbackOf(recorded.id())).extracting(Feedback::round, Feedback::satisfied,
        Feedback::recordedBy).containsExactly(tuple(1, true, "xiaoyu"));
    CorrectiveAction action = complaints.correctiveAction(recorded.id()).orElseThrow();
    assertThat(action).extracting(CorrectiveAction::status, CorrectiveAction::decidedBy, CorrectiveAction::doneBy,
        CorrectiveAction::responsibleGroup).containsExactly("done", "gaofeng", "gaofeng", "production");
  }

  @Test
  void reopenedTwiceUntilSatisfied() {
    Map<String, Object> form = newCustomer();
    form.put("category", "delivery");
    form.put("severity", "medium");
    ProcessInstance complaint = intake("zhengxin", form);
    assertThat(complaintOf(complaint).responsibleGroup()).isEqualTo("logistics");

    for (int round = 1; round <= 2; round++) {
      work("luoping", complaint, "handleComplaint", Map.of("handlingResult", "第" + round + "次補發"));
      feedback("xiaoyu", complaint, "notSatisfied", "貨品仍有損壞");
      assertThat(complaint).isWaitingAt("handleComplaint");
      assertThat(complaintOf(complaint).reopenCount()).isEqualTo(round);
      assertThat(runtime.getVariable(complaint.getId(), "satisfaction")).as("next round starts unanswered").isNull();
    }
    work("luoping", complaint, "handleComplaint", Map.of("handlingResult", "更換物流商並補發"));
    feedback("xiaoyu", complaint, "satisfied", "客戶滿意");
    assertThat(complaint).isWaitingAt("rootCauseAnalysis");
    rootCause("luoping", complaint);
    work("luoping", complaint, "implementCorrectiveAction", Map.of("actionResult", "已更換物流商"));
    executeJobs(complaint);

    assertThat(complaint).isEnded().hasNotPassed("managerDecision");
    Complaint recorded = complaintOf(complaint);
    assertThat(recorded.reopenCount()).isEqualTo(2);
    assertThat(recorded.status()).isEqualTo(Complaint.CLOSED);
    assertThat(complaints.feedbackOf(recorded.id())).extracting(Feedback::round, Feedback::satisfied)
        .containsExactly(tuple(1, false), tuple(2, false), tuple(3, true));
  }

  @Test
  void responseReminderThenResolutionEscalationWithoutStoppingTheWork() {
    Map<String, Object> form = newCustomer();
    form.put("severity", "critical"); // productQuality/critical: respond in 2 h, resolve in 24 h
    Date start = new Date();
    ClockUtil.setCurrentTime(start);
    ProcessInstance complaint = intake("xiaoyu", form);
    long id = complaintOf(complaint).id();

    // 1 h: nothing due yet.
    ClockUtil.setCurrentTime(new Date(start.getTime() + HOUR));
    executeJobs(complaint);
    assertThat(complaintOf(complaint).responseBreachedAt()).isNull();
    assertThat(escalationMails(id)).isEmpty();

    // 3 h, unclaimed: the response deadline passed.
    ClockUtil.setCurrentTime(new Date(start.getTime() + 3 * HOUR));
    executeJobs(complaint);
    assertThat(complaint).hasPassed("remindResponseOverdue", "EndEvent_ResponseReminded");
    assertThat(complaintOf(complaint).responseBreachedAt()).isNotNull();
    assertThat(escalationMails(id)).containsExactlyInAnyOrder("gaofeng", "zhengxin");
    assertThat(complaint).isWaitingAt("handleComplaint");

    // The department takes it on, but it is still open at 25 h: escalation, the work goes on.
    as.run("gaofeng", () -> tasks.claim(task(complaint, "handleComplaint").getId(), "gaofeng"));
    ClockUtil.setCurrentTime(new Date(start.getTime() + 25 * HOUR));
    executeJobs(complaint);
    assertThat(complaint).hasPassed("escalateResolutionOverdue", "EndEvent_ResolutionEscalated")
        .isWaitingAt("handleComplaint");
    assertThat(complaintOf(complaint).resolutionBreachedAt()).isNotNull();
    assertThat(escalationMails(id)).containsExactlyInAnyOrder("gaofeng", "zhengxin", "gaofeng", "zhengxin");
    assertThat(task(complaint, "handleComplaint").getAssignee()).isEqualTo("gaofeng");

    work("gaofeng", complaint, "handleComplaint", Map.of("handlingResult", "已更換"));
    feedback("xiaoyu", complaint, "satisfied", "滿意");
    rootCause("gaofeng", complaint);
    work("gaofeng", complaint, "implementCorrectiveAction", Map.of("actionResult", "完成"));
    executeJobs(complaint);
    assertThat(complaint).isEnded();
    assertThat(complaintOf(complaint).slaBreached()).isTrue();
  }

  @Test
  void theCustomerHearsOfTheProgressEveryTwoDaysWhileHandlingIsOpen() {
    Date start = new Date();
    ClockUtil.setCurrentTime(start);
    Map<String, Object> form = newCustomer();
    form.put("severity", "low"); // respond in 24 h, resolve in 240 h
    ProcessInstance complaint = intake("xiaoyu", form);
    as.run("gaofeng", () -> tasks.claim(task(complaint, "handleComplaint").getId(), "gaofeng"));

    ClockUtil.setCurrentTime(new Date(start.getTime() + 47 * HOUR));
    executeJobs(complaint);
    assertThat(task(complaint, "progressFeedback")).isNull();
    ClockUtil.setCurrentTime(new Date(start.getTime() + 49 * HOUR));
    executeJobs(complaint);
    assertThat(task(complaint, "progressFeedback")).hasCandidateGroup("crm");
    assertThat(complaint).isWaitingAt("handleComplaint", "progressFeedback");
    work("xiaoyu", complaint, "progressFeedback", Map.of("progressNote", "已告知客戶:零件已訂購,預計週五更換"));
    assertThat(complaint).hasPassed("EndEvent_ProgressReported").isWaitingAt("handleComplaint");

    // The next report is due two days later, and ends with the handling.
    assertThat(management.createJobQuery().processInstanceId(complaint.getId()).timers()
        .activityId("Timer_ProgressFeedback").count()).isEqualTo(1);
    work("gaofeng", complaint, "handleComplaint", Map.of("handlingResult", "已更換零件"));
    assertThat(management.createJobQuery().processInstanceId(complaint.getId()).timers()
        .activityId("Timer_ProgressFeedback").count()).isZero();
    long id = complaintOf(complaint).id();
    assertThat(complaints.feedbackOf(id)).extracting(Feedback::kind, Feedback::round, Feedback::satisfied,
        Feedback::recordedBy).containsExactly(tuple("progress", 1, null, "xiaoyu"));
    runtime.deleteProcessInstance(complaint.getId(), "test done");
  }

  @Test
  void aResponseInTimeIsNotReminded() {
    Date start = new Date();
    ClockUtil.setCurrentTime(start);
    ProcessInstance complaint = intake("xiaoyu", newCustomer()); // high: respond in 4 h
    as.run("gaofeng", () -> tasks.claim(task(complaint, "handleComplaint").getId(), "gaofeng"));
    ClockUtil.setCurrentTime(new Date(start.getTime() + 5 * HOUR));
    executeJobs(complaint);
    Complaint recorded = complaintOf(complaint);
    assertThat(recorded.respondedAt()).isNotNull();
    assertThat(recorded.responseBreachedAt()).isNull();
    assertThat(escalationMails(recorded.id())).isEmpty();
  }

  @Test
  void theManagerClosesAPersistentComplaintAsADispute() {
    Map<String, Object> form = newCustomer();
    form.put("category", "billing");
    form.put("severity", "low");
    ProcessInstance complaint = intake("xiaoyu", form);
    assertThat(task(complaint, "handleComplaint")).hasCandidateGroup("finance");
    for (int round = 1; round <= 3; round++) {
      work("tangyan", complaint, "handleComplaint", Map.of("handlingResult", "說明收費依據"));
      feedback("xiaoyu", complaint, "notSatisfied", "客戶不接受");
    }
    assertThat(complaint).isWaitingAt("managerDecision");
    assertThat(task(complaint, "managerDecision")).hasCandidateGroup("deptManager");

    // A dispute needs a reason; the task stays open.
    Task decision = task(complaint, "managerDecision");
    as.run("zhangwei", () -> tasks.claim(decision.getId(), "zhangwei"));
    assertThatThrownBy(() -> as.run("zhangwei", () -> tasks.complete(decision.getId(),
        Map.of("managerDecision", "closeAsDispute")))).satisfies(e -> assertThat(refusal(e).errors())
        .extracting(Refusal.Error::field).containsExactly("disputeReason"));
    assertThat(complaint).isWaitingAt("managerDecision");

    // First the manager gives the department one more round.
    as.run("zhangwei", () -> tasks.complete(decision.getId(), Map.of("managerDecision", "reopen")));
    assertThat(complaintOf(complaint).reopenCount()).isEqualTo(3);
    work("tangyan", complaint, "handleComplaint", Map.of("handlingResult", "提供分期方案"));
    feedback("xiaoyu", complaint, "notSatisfied", "仍不接受");
    work("zhangwei", complaint, "managerDecision",
        Map.of("managerDecision", "closeAsDispute", "disputeReason", "收費符合合同約定,客戶要求無依據"));

    // Root cause and corrective action are still required before closing.
    assertThat(complaint).isWaitingAt("rootCauseAnalysis");
    rootCause("tangyan", complaint);
    work("tangyan", complaint, "implementCorrectiveAction", Map.of("actionResult", "報價單加註收費說明"));
    executeJobs(complaint);

    assertThat(complaint).isEnded().hasPassed("managerDecision", "rootCauseAnalysis", "closeComplaint");
    Complaint recorded = complaintOf(complaint);
    assertThat(recorded.status()).isEqualTo(Complaint.DISPUTE);
    assertThat(recorded.disputeReason()).isEqualTo("收費符合合同約定,客戶要求無依據");
    assertThat(recorded.disputeClosedBy()).isEqualTo("zhangwei");
    assertThat(recorded.closedAt()).isNotNull();
  }

  @Test
  void onlyTheCrmGroupAndTheResponsibleDepartmentSeeTheTasks() {
    ProcessInstance complaint = intake("xiaoyu", newCustomer());
    assertThat(visibleTasks("gaofeng", complaint)).containsExactly("handleComplaint");
    assertThat(visibleTasks("sunli", complaint)).isEmpty();
    assertThat(visibleTasks("luoping", complaint)).isEmpty();
    String handling = task(complaint, "handleComplaint").getId();
    assertThatThrownBy(() -> as.run("sunli", () -> tasks.claim(handling, "sunli")))
        .isInstanceOf(org.camunda.bpm.engine.AuthorizationException.class);
    assertThat(task(complaint, "handleComplaint").getAssignee()).isNull();

    work("gaofeng", complaint, "handleComplaint", Map.of("handlingResult", "已處理"));
    assertThat(visibleTasks("xiaoyu", complaint)).containsExactly("customerFeedback");
    assertThat(visibleTasks("sunli", complaint)).isEmpty();
    assertThat(visibleTasks("gaofeng", complaint)).isEmpty();
  }

  @Test
  void theCustomerFeedbackCanRaiseAnOpportunityForSales() {
    ProcessInstance complaint = intake("xiaoyu", newCustomer());
    Complaint recorded = complaintOf(complaint);
    work("gaofeng", complaint, "handleComplaint", Map.of("handlingResult", "更換外殼"));

    Map<String, Object> form = new HashMap<>(Map.of("satisfaction", "satisfied", "feedbackNote", "客戶滿意,詢問延長保固",
        "raiseOpportunity", true, "opportunityOwner", "wuming"));
    assertThatThrownBy(() -> work("xiaoyu", complaint, "customerFeedback", form)).satisfies(e ->
        assertThat(refusal(e).errors()).extracting(Refusal.Error::field)
            .containsExactlyInAnyOrder("opportunityNeed", "proposedSolution"));
    assertThat(count("opportunity where customer_id = " + recorded.customerId())).isZero();

    form.put("opportunityNeed", "所有設備延長保固三年");
    form.put("proposedSolution", "延長保固與年度保養合約");
    work("xiaoyu", complaint, "customerFeedback", form);

    assertThat(complaint).hasPassed("raiseComplaintOpportunity").isWaitingAt("rootCauseAnalysis");
    var opportunity = jdbc.queryForMap("select * from opportunity where customer_id = ?", recorded.customerId());
    assertThat(opportunity.get("source")).isEqualTo("complaint");
    assertThat(opportunity.get("source_ref")).isEqualTo(recorded.id() + "-1");
    assertThat(opportunity.get("raised_by")).isEqualTo("xiaoyu");
    assertThat(opportunity.get("need")).isEqualTo("所有設備延長保固三年");
    Task followUp = tasks.createTaskQuery().processInstanceId((String) opportunity.get("process_instance_id"))
        .singleResult();
    assertThat(followUp.getTaskDefinitionKey()).isEqualTo("followUpOpportunity");
    assertThat(followUp.getAssignee()).isEqualTo("wuming");
    // What the customer said is kept in the customer file too (§3.3.1).
    assertThat(customers.feedbackOf(recorded.customerId())).extracting(CustomerFileRepository.Feedback::source,
        CustomerFileRepository.Feedback::note).containsExactly(tuple("complaint", "客戶滿意,詢問延長保固"));
    runtime.deleteProcessInstance(followUp.getProcessInstanceId(), "test done");
    runtime.deleteProcessInstance(complaint.getId(), "test done");
  }

  @Test
  void aScriptInTheDescriptionComesBackAsPlainJsonText() throws Exception {
    String script = "<script>alert('x')</script><img src=x onerror=alert(1)>";
    Map<String, Object> form = newCustomer();
    form.put("description", script);
    ProcessInstance complaint = intake("xiaoyu", form);
    // As the responsible department reads it from its task (what Tasklist's form shows).
    var response = rest.withBasicAuth("gaofeng", "gaofeng").getForEntity("/engine-rest/engine/"
        + processEngine.getName() + "/task/" + task(complaint, "handleComplaint").getId() + "/variables/description",
        String.class);
    assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
    assertThat(response.getHeaders().getContentType().toString()).startsWith("application/json");
    assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.getBody()).get("value").asText())
        .as("returned as a JSON string, unchanged: Tasklist's form shows it as text, never as markup")
        .isEqualTo(script);
    assertThat(complaintOf(complaint).description()).isEqualTo(script);
    runtime.deleteProcessInstance(complaint.getId(), "test done");
  }

  @Test
  void anIntakeWithoutContactOrWithAnUnknownCustomerIsRefusedAndNothingIsWritten() {
    int before = count("complaint");
    int filesBefore = count("customer");
    Map<String, Object> noContact = newCustomer();
    noContact.remove("contactPhone");
    assertThatThrownBy(() -> intake("xiaoyu", noContact)).satisfies(e ->
        assertThat(refusal(e).errors()).extracting(Refusal.Error::field).containsExactly("contactPhone"));

    Map<String, Object> unknown = new HashMap<>(Map.of("customerId", "999999", "category", "service",
        "severity", "low", "description", "態度不佳"));
    assertThatThrownBy(() -> intake("xiaoyu", unknown)).satisfies(e -> {
      assertThat(refusal(e).status()).isEqualTo(400);
      assertThat(refusal(e).errors()).extracting(Refusal.Error::field).containsExactly("customerId");
    });

    Map<String, Object> tooLong = newCustomer();
    tooLong.put("description", "投".repeat(4001));
    assertThatThrownBy(() -> intake("xiaoyu", tooLong)).hasMessageContaining("description");
    assertThat(count("complaint")).isEqualTo(before);
    assertThat(count("customer")).isEqualTo(filesBefore);

    // sales may not record complaints at all.
    assertThatThrownBy(() -> intake("sunli", newCustomer()))
        .isInstanceOf(org.camunda.bpm.engine.AuthorizationException.class);
  }

  @Test
  void anExistingCustomerFileIsLinkedAndItsContactUsed() {
    long customerId = customers.create("台北電子股份有限公司", "林小姐", null, "lin@example.tw", "zhengxin");
    Map<String, Object> form = new HashMap<>(Map.of("customerId", String.valueOf(customerId), "category",
        "installation", "severity", "high", "description", "安裝後無法開機", "contractNumber", "HT-2026-031"));
    ProcessInstance complaint = intake("xiaoyu", form);
    Complaint recorded = complaintOf(complaint);
    assertThat(recorded.customerId()).isEqualTo(customerId);
    assertThat(recorded.contactName()).isEqualTo("林小姐");
    assertThat(recorded.contactEmail()).isEqualTo("lin@example.tw");
    assertThat(recorded.contractNumber()).isEqualTo("HT-2026-031");
    assertThat(recorded.responsibleGroup()).isEqualTo("installation");
    assertThat(runtime.getVariable(complaint.getId(), "customerName")).isEqualTo("台北電子股份有限公司");
    runtime.deleteProcessInstance(complaint.getId(), "test done");
  }

  @Test
  void recordsWrittenAgainByARetryChangeNothing() {
    ProcessInstance complaint = intake("xiaoyu", newCustomer());
    Complaint first = complaintOf(complaint);
    assertThat(complaints.createOnce(complaint.getId(), new ComplaintRepository.NewComplaint(first.customerId(), "x",
        null, null, "service", "low", "x", null, "sales", "someone", first.receivedAt(), first.responseDueAt(),
        first.resolutionDueAt()))).isEqualTo(first.id());
    assertThat(complaintOf(complaint).responsibleGroup()).isEqualTo("production");

    complaints.markRespondedOnce(first.id());
    java.time.Instant responded = complaintOf(complaint).respondedAt();
    ClockUtil.setCurrentTime(new Date(System.currentTimeMillis() + HOUR));
    complaints.markRespondedOnce(first.id());
    assertThat(complaintOf(complaint).respondedAt()).isEqualTo(responded);

    complaints.addFeedbackOnce(first.id(), "task-1", ComplaintRepository.RESULT, 1, true, "ok", "xiaoyu");
    complaints.addFeedbackOnce(first.id(), "task-1", ComplaintRepository.RESULT, 1, true, "ok", "xiaoyu");
    assertThat(complaints.feedbackOf(first.id())).hasSize(1);

    complaints.recordRootCauseOnce(first.id(), "原因一", "措施一", "預防一", "production", "gaofeng");
    complaints.recordRootCauseOnce(first.id(), "原因二", "措施二", "預防二", "production", "gaofeng");
    assertThat(complaintOf(complaint).rootCause()).isEqualTo("原因一");
    assertThat(complaints.correctiveAction(first.id()).orElseThrow().correctiveAction()).isEqualTo("措施一");

    complaints.closeOnce(first.id());
    java.time.Instant closed = complaintOf(complaint).closedAt();
    ClockUtil.setCurrentTime(new Date(System.currentTimeMillis() + 2 * HOUR));
    complaints.closeOnce(first.id());
    assertThat(complaintOf(complaint).closedAt()).isEqualTo(closed);
    runtime.deleteProcessInstance(complaint.getId(), "test done");
  }

  // --- helpers

  static Map<String, Object> newCustomer() {
    Map<String, Object> form = new HashMap<>();
    form.put("customerName", "華南精密機械有限公司");
    form.put("contactName", "陳先生");
    form.put("contactPhone", "02-2345-6789");
    form.put("category", "productQuality");
    form.put("severity", "high");
    form.put("description", "收到的設備外殼破裂");
    return form;
  }

  private ProcessInstance intake(String user, Map<String, Object> form) {
    return as.call(user, () -> runtime.startProcessInstanceByKey("complaint-handling", form));
  }

  private void work(String user, ProcessInstance complaint, String taskKey, Map<String, Object> variables) {
    Task task = task(complaint, taskKey);
    assertThat(task).as("open task %s", taskKey).isNotNull();
    as.run(user, () -> {
      if (task.getAssignee() == null) {
        tasks.claim(task.getId(), user);
      }
      tasks.complete(task.getId(), variables);
    });
  }

  private void feedback(String user, ProcessInstance complaint, String satisfaction, String note) {
    work(user, complaint, "customerFeedback", Map.of("satisfaction", satisfaction, "feedbackNote", note));
  }

  private void rootCause(String user, ProcessInstance complaint) {
    work(user, complaint, "rootCauseAnalysis", Map.of("rootCause", "供應商外殼材料不合格",
        "correctiveAction", "更換供應商批次", "preventiveAction", "來料抽檢比例提高至10%"));
  }

  private List<String> visibleTasks(String user, ProcessInstance complaint) {
    return as.call(user, () -> tasks.createTaskQuery().processInstanceId(complaint.getId()).list().stream()
        .map(Task::getTaskDefinitionKey).toList());
  }

  private List<String> escalationMails(long complaintId) {
    return jdbc.queryForList("select user_id from mail_outbox where kind = 'escalation' and subject like ?",
        String.class, "%投訴編號 " + complaintId + ":%");
  }

  private void executeJobs(ProcessInstance complaint) {
    Jobs.executeAll(management, complaint.getId());
  }

  private Complaint complaintOf(ProcessInstance complaint) {
    return complaints.findByProcessInstance(complaint.getId()).orElseThrow();
  }

  private Task task(ProcessInstance complaint, String key) {
    return tasks.createTaskQuery().processInstanceId(complaint.getId()).taskDefinitionKey(key).singleResult();
  }

  private int count(String table) {
    return jdbc.queryForObject("select count(*) from " + table, Integer.class);
  }

  static Refusal refusal(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof Refusal refusal) {
        return refusal;
      }
    }
    throw new AssertionError("not a refusal: " + e, e);
  }
}
