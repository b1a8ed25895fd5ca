package com.zhidu.platform.approval;

import static org.assertj.core.api.Assertions.assertThat;

import com.zhidu.AsUser;
import com.zhidu.ZhiduTest;
import com.zhidu.audit.AuditTrail;
import com.zhidu.platform.notification.DailyDigest;
import com.zhidu.platform.notification.DigestSettings;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.task.DelegationState;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The approval operations through HTTP as demo users, on the four-eyes fixture (draft by marketResearch → review by
 * deptManager/deputyManager, author excluded → approve, starter and reviewer excluded): each operation, its
 * refusals, its record (approval_action, audit trail, comment) and four-eyes after transfers and delegations.
 */
@ZhiduTest
class ApprovalApiTest {

  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired HistoryService history;
  @Autowired IdentityService identity;
  @Autowired ProcessEngine engine;
  @Autowired TestRestTemplate rest;
  @Autowired JdbcTemplate jdbc;
  @Autowired AuditTrail audit;
  @Autowired DigestSettings digestSettings;
  @Autowired DailyDigest dailyDigest;

  AsUser as;
  String pi;

  @BeforeEach
  void setUp() {
    as = new AsUser(identity);
    jdbc.update("delete from approval_action");
  }

  /** chenjing starts (author chenjing) and drafts; the review waits for the managers. */
  private String caseAtReview(String starter) {
    pi = as.call(starter, () -> runtime.startProcessInstanceByKey("four-eyes-fixture",
        Map.of("title", "審批操作測試", "author", starter)).getId());
    String draft = task("draft").getId();
    as.run(starter, () -> tasks.claim(draft, starter));
    as.run(starter, () -> tasks.complete(draft));
    return task("review").getId();
  }

  private Task task(String key) {
    return tasks.createTaskQuery().processInstanceId(pi).taskDefinitionKey(key).singleResult();
  }

  private String claimedReview(String reviewer) {
    String review = caseAtReview("chenjing");
    as.run(reviewer, () -> tasks.claim(review, reviewer));
    return review;
  }

  // --- 退回 ---------------------------------------------------------------------------------------------------

  @Test
  void theReviewerReturnsTheCaseToTheAuthorsDraftWithAReason() {
    String review = claimedReview("zhangwei");

    ResponseEntity<String> returned = post("zhangwei", "/zhidu/api/tasks/" + review + "/return",
        Map.of("step", "draft", "reason", "請補充數據來源"));

    assertThat(returned.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(task("review")).isNull();
    Task draft = task("draft");
    assertThat(draft.getAssignee()).as("back to its author").isEqualTo("chenjing");
    assertThat(returned.getBody()).contains("\"taskId\":\"" + draft.getId() + "\"");
    assertRecorded("return", "zhangwei", "draft", "請補充數據來源");
    assertThat(tasks.getProcessInstanceComments(pi)).extracting(c -> c.getFullMessage())
        .anyMatch(m -> m.contains("【退回】") && m.contains("請補充數據來源"));
    assertThat(history.createUserOperationLogQuery().processInstanceId(pi)
        .operationType(UserOperationLogEntry.OPERATION_TYPE_MODIFY_PROCESS_INSTANCE).list())
        .extracting(UserOperationLogEntry::getUserId).contains("zhangwei");

    // The author revises and the case goes on to review again.
    as.run("chenjing", () -> tasks.complete(draft.getId()));
    assertThat(task("review")).isNotNull();
  }

  @Test
  void returningToAStepNeverPassedOrWithoutReasonIsRefused() {
    String review = claimedReview("zhangwei");

    assertRefused(post("zhangwei", "/zhidu/api/tasks/" + review + "/return", Map.of("step", "approve",
        "reason", "x")), 400, "step");
    assertRefused(post("zhangwei", "/zhidu/api/tasks/" + review + "/return", Map.of("step", "nonexistent",
        "reason", "x")), 400, "step");
    assertRefused(post("zhangwei", "/zhidu/api/tasks/" + review + "/return", Map.of("step", "draft")), 400,
        "reason");
    assertRefused(post("zhangwei", "/zhidu/api/tasks/" + review + "/return", Map.of("step", "draft",
        "reason", "   ")), 400, "reason");
    // Not the assignee: a fellow candidate cannot return a task someone else holds.
    assertRefused(post("wangfang", "/zhidu/api/tasks/" + review + "/return", Map.of("step", "draft",
        "reason", "x")), 403, null);
    assertThat(task("review")).isNotNull();
    assertThat(count("approval_action")).isZero();
  }

  // --- 撤回 ---------------------------------------------------------------------------------------------------

  @Test
  void theStarterWithdrawsWhileTheFirstApprovalIsUntouched() {
    caseAtReview("chenjing");

    assertRefused(post("liuyang", "/zhidu/api/cases/" + pi + "/withdraw", Map.of("reason", "x")), 403, null);
    ResponseEntity<String> withdrawn = post("chenjing", "/zhidu/api/cases/" + pi + "/withdraw",
        Map.of("reason", "資料有誤，重新提交"));

    assertThat(withdrawn.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(pi).count()).isZero();
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(pi).singleResult().getDeleteReason())
        .contains("資料有誤");
    assertRecorded("withdraw", "chenjing", null, "資料有誤，重新提交");
  }

  @Test
  void withdrawingAfterTheApprovalBeganIsRefused() {
    claimedReview("zhangwei");

    assertRefused(post("chenjing", "/zhidu/api/cases/" + pi + "/withdraw", Map.of("reason", "想撤回")), 409, null);
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(pi).count()).isOne();
  }

  // --- 轉辦 / 委派 ----------------------------------------------------------------------------------------------

  @Test
  void transferGoesToAnotherMemberOfTheCandidateGroupsOnly() {
    String review = claimedReview("zhangwei");

    assertRefused(post("zhangwei", "/zhidu/api/tasks/" + review + "/transfer",
        Map.of("userId", "sunli", "reason", "請孫麗處理")), 403, "userId");
    assertThat(task("review").getAssignee()).isEqualTo("zhangwei");

    ResponseEntity<String> transferred = post("zhangwei", "/zhidu/api/tasks/" + review + "/transfer",
        Map.of("userId", "wangfang", "reason", "出差，請王芳審核"));
    assertThat(transferred.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(task("review").getAssignee()).isEqualTo("wangfang");
    assertRecorded("transfer", "zhangwei", "wangfang", "出差，請王芳審核");
    // The former assignee no longer may act on it.
    assertRefused(post("zhangwei", "/zhidu/api/tasks/" + review + "/transfer",
        Map.of("userId", "lina", "reason", "x")), 403, null);
  }

  @Test
  void fourEyesHoldsAfterTransferAndDelegation() {
    // lina is a deputy manager and a market researcher: she wrote this case, so she may not review it.
    pi = as.call("lina", () -> runtime.startProcessInstanceByKey("four-eyes-fixture",
        Map.of("title", "四眼", "author", "lina")).getId());
    String draft = task("draft").getId();
    as.run("lina", () -> tasks.claim(draft, "lina"));
    as.run("lina", () -> tasks.complete(draft));
    String review = task("review").getId();
    as.run("zhangwei", () -> tasks.claim(review, "zhangwei"));

    ResponseEntity<String> transfer = post("zhangwei", "/zhidu/api/tasks/" + review + "/transfer",
        Map.of("userId", "lina", "reason", "x"));
    assertThat(transfer.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(transfer.getBody()).contains("§1.3.3");
    ResponseEntity<String> delegate = post("zhangwei", "/zhidu/api/tasks/" + review + "/delegate",
        Map.of("userId", "lina", "reason", "x"));
    assertThat(delegate.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(delegate.getBody()).contains("§1.3.3");
    assertThat(task("review").getAssignee()).isEqualTo("zhangwei");
    assertThat(count("approval_action")).as("refused operations leave no record").isZero();
  }

  @Test
  void delegationComesBackToTheOwner() {
    String review = claimedReview("zhangwei");

    assertThat(post("zhangwei", "/zhidu/api/tasks/" + review + "/delegate",
        Map.of("userId", "wangfang", "reason", "請先審閱數據")).getStatusCode()).isEqualTo(HttpStatus.OK);
    Task delegated = task("review");
    assertThat(delegated.getAssignee()).isEqualTo("wangfang");
    assertThat(delegated.getOwner()).isEqualTo("zhangwei");
    assertThat(delegated.getDelegationState()).isEqualTo(DelegationState.PENDING);
    assertRefused(post("zhangwei", "/zhidu/api/tasks/" + review + "/resolve", Map.of("reason", "x")), 403, null);

    assertThat(post("wangfang", "/zhidu/api/tasks/" + review + "/resolve", Map.of("reason", "數據無誤"))
        .getStatusCode()).isEqualTo(HttpStatus.OK);
    Task back = task("review");
    assertThat(back.getAssignee()).isEqualTo("zhangwei");
    assertThat(back.getDelegationState()).isEqualTo(DelegationState.RESOLVED);
    assertRecorded("resolve", "wangfang", "zhangwei", "數據無誤");
  }

  // --- 加簽 / 減簽 ----------------------------------------------------------------------------------------------

  @Test
  void anAddedApproverSignsFirstThenTheTaskIsTheAssigneesAgain() {
    String review = claimedReview("zhangwei");

    ResponseEntity<String> added = post("zhangwei", "/zhidu/api/tasks/" + review + "/signers",
        Map.of("userId", "hejun", "reason", "涉及合同條款，請法務會簽"));
    assertThat(added.getStatusCode()).isEqualTo(HttpStatus.OK);
    Task sign = tasks.getSubTasks(review).get(0);
    assertThat(sign.getAssignee()).isEqualTo("hejun");

    // The assignee cannot complete before the added approver signed.
    ResponseEntity<String> early = rest.withBasicAuth("zhangwei", "zhangwei").postForEntity(
        "/engine-rest/engine/" + engine.getName() + "/task/" + review + "/complete", Map.of(), String.class);
    assertThat(early.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertRefused(post("zhangwei", "/zhidu/api/tasks/" + sign.getId() + "/sign",
        Map.of("decision", "approved", "reason", "x")), 403, null);
    assertRefused(post("hejun", "/zhidu/api/tasks/" + sign.getId() + "/sign",
        Map.of("decision", "maybe", "reason", "x")), 400, "decision");

    assertThat(post("hejun", "/zhidu/api/tasks/" + sign.getId() + "/sign",
        Map.of("decision", "approved", "reason", "條款無誤")).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(tasks.getSubTasks(review)).isEmpty();
    assertRecorded("sign", "hejun", "approved", "條款無誤");
    as.run("zhangwei", () -> tasks.complete(review));
    assertThat(task("approve")).isNotNull();
  }

  @Test
  void removingAnAddedApproverWorksOnlyBeforeTheyActed() {
    String review = claimedReview("zhangwei");
    post("zhangwei", "/zhidu/api/tasks/" + review + "/signers", Map.of("userId", "hejun", "reason", "法務"));
    post("zhangwei", "/zhidu/api/tasks/" + review + "/signers", Map.of("userId", "tangyan", "reason", "財務"));
    assertRefused(post("zhangwei", "/zhidu/api/tasks/" + review + "/signers",
        Map.of("userId", "chenjing", "reason", "x")), 403, "userId");
    String hejunSign = tasks.getSubTasks(review).stream().filter(t -> "hejun".equals(t.getAssignee())).findFirst()
        .orElseThrow().getId();
    post("hejun", "/zhidu/api/tasks/" + hejunSign + "/sign", Map.of("decision", "approved", "reason", "可"));

    assertRefused(post("zhangwei", "/zhidu/api/tasks/" + review + "/signers/hejun/remove",
        Map.of("reason", "不需要了")), 409, "userId");
    assertThat(post("zhangwei", "/zhidu/api/tasks/" + review + "/signers/tangyan/remove",
        Map.of("reason", "不涉及金額")).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(tasks.getSubTasks(review)).isEmpty();
    assertRecorded("remove-signer", "zhangwei", "tangyan", "不涉及金額");
  }

  @Test
  void addingAnApproverTheStepsFourEyesRulesExcludeIsRefused() {
    // The review excludes the author named at the start (input:author): liuyang, not the starter chenjing.
    pi = as.call("chenjing", () -> runtime.startProcessInstanceByKey("four-eyes-fixture",
        Map.of("title", "加簽四眼", "author", "liuyang")).getId());
    String draft = task("draft").getId();
    as.run("chenjing", () -> tasks.claim(draft, "chenjing"));
    as.run("chenjing", () -> tasks.complete(draft));
    String review = task("review").getId();
    as.run("zhangwei", () -> tasks.claim(review, "zhangwei"));
    ResponseEntity<String> author = post("zhangwei", "/zhidu/api/tasks/" + review + "/signers",
        Map.of("userId", "liuyang", "reason", "請作者會簽"));
    assertRefused(author, 403, "userId");
    assertThat(author.getBody()).contains("§1.3.3").contains("劉洋");

    // The approval excludes whoever reviewed (task:review): the reviewer cannot come back as an added approver.
    as.run("zhangwei", () -> tasks.complete(review));
    String approve = task("approve").getId();
    as.run("linzong", () -> tasks.claim(approve, "linzong"));
    ResponseEntity<String> reviewer = post("linzong", "/zhidu/api/tasks/" + approve + "/signers",
        Map.of("userId", "zhangwei", "reason", "請經理再簽"));
    assertRefused(reviewer, 403, "userId");
    assertThat(reviewer.getBody()).contains("§1.3.3").contains("審核");
    // Wrong role: only the step's assignee may add an approver.
    assertRefused(post("wangfang", "/zhidu/api/tasks/" + approve + "/signers",
        Map.of("userId", "hejun", "reason", "x")), 403, null);
    assertThat(tasks.getSubTasks(approve)).isEmpty();
    assertThat(count("approval_action")).as("refused operations leave no record").isZero();

    // Someone the rules do not exclude may be added.
    assertThat(post("linzong", "/zhidu/api/tasks/" + approve + "/signers",
        Map.of("userId", "hejun", "reason", "請法務會簽")).getStatusCode()).isEqualTo(HttpStatus.OK);
    String sign = tasks.getSubTasks(approve).get(0).getId();
    assertThat(post("hejun", "/zhidu/api/tasks/" + sign + "/sign", Map.of("decision", "approved", "reason", "可"))
        .getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  // --- 抄送 ---------------------------------------------------------------------------------------------------

  @Test
  void copiedPeopleAreToldByMailOrInTheirDailyDigest() {
    String businessKey = "FE-" + System.nanoTime();
    pi = as.call("chenjing", () -> runtime.startProcessInstanceByKey("four-eyes-fixture", businessKey,
        Map.of("title", "抄送通知", "author", "chenjing")).getId());
    jdbc.update("delete from mail_outbox");
    jdbc.update("delete from daily_digest_sent");
    jdbc.update("delete from user_notification_setting");
    digestSettings.set("hejun", true);
    try {
      // Wrong role: someone outside the case cannot copy it, and nobody is told anything.
      assertRefused(post("sunli", "/zhidu/api/cases/" + pi + "/cc",
          Map.of("userIds", List.of("liuyang"), "reason", "x")), 403, null);
      assertThat(count("mail_outbox")).isZero();

      assertThat(post("chenjing", "/zhidu/api/cases/" + pi + "/cc",
          Map.of("userIds", List.of("sunli", "hejun"), "reason", "供參考")).getStatusCode()).isEqualTo(HttpStatus.OK);

      List<Map<String, Object>> mails = jdbc.queryForList("select user_id, subject, body, kind from mail_outbox");
      assertThat(mails).as("the digest user gets no mail of its own").singleElement().satisfies(m -> {
        assertThat(m.get("USER_ID")).isEqualTo("sunli");
        assertThat(m.get("KIND")).isEqualTo("cc");
        assertThat((String) m.get("SUBJECT")).isEqualTo("【制度】抄送：四眼原則測試流程（" + businessKey + "）");
        assertThat((String) m.get("BODY")).contains("陳靜").contains("供參考").contains("抄送給我");
      });
      // Copying again the same person tells nobody twice.
      post("chenjing", "/zhidu/api/cases/" + pi + "/cc", Map.of("userIds", List.of("sunli"), "reason", "再次"));
      assertThat(count("mail_outbox")).isOne();

      // The digest user finds the case in the next daily digest instead.
      assertThat(dailyDigest.sendToday()).isEqualTo(1);
      Map<String, Object> digestMail = jdbc.queryForMap("select user_id, subject, body from mail_outbox"
          + " where kind = 'digest'");
      assertThat(digestMail.get("USER_ID")).isEqualTo("hejun");
      assertThat((String) digestMail.get("SUBJECT")).contains("1 件抄送");
      assertThat((String) digestMail.get("BODY")).contains("抄送給您的案件").contains(businessKey).contains("陳靜抄送");
    } finally {
      jdbc.update("delete from user_notification_setting");
      jdbc.update("delete from daily_digest_sent");
    }
  }

  @Test
  void aCopiedUserReadsTheCaseButCannotAct() {
    String review = claimedReview("zhangwei");
    assertRefused(post("sunli", "/zhidu/api/cases/" + pi + "/cc",
        Map.of("userIds", List.of("sunli"), "reason", "x")), 403, null);
    assertRefused(post("chenjing", "/zhidu/api/cases/" + pi + "/cc",
        Map.of("userIds", List.of("nobody"), "reason", "x")), 400, "userId");

    assertThat(post("chenjing", "/zhidu/api/cases/" + pi + "/cc",
        Map.of("userIds", List.of("sunli"), "reason", "供銷售參考")).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertRecorded("cc", "chenjing", "sunli", "供銷售參考");

    String engineTask = "/engine-rest/engine/" + engine.getName() + "/task/";
    ResponseEntity<String> read = rest.withBasicAuth("sunli", "sunli").getForEntity(engineTask + review,
        String.class);
    assertThat(read.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(rest.withBasicAuth("sunli", "sunli").getForEntity("/zhidu/api/cases/" + pi + "/comments",
        String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    ResponseEntity<String> complete = rest.withBasicAuth("sunli", "sunli").postForEntity(
        engineTask + review + "/complete", Map.of(), String.class);
    assertThat(complete.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    ResponseEntity<String> claim = rest.withBasicAuth("sunli", "sunli").postForEntity(
        engineTask + review + "/claim", Map.of("userId", "sunli"), String.class);
    assertThat(claim.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertRefused(post("sunli", "/zhidu/api/tasks/" + review + "/return",
        Map.of("step", "draft", "reason", "x")), 403, null);

    // Later tasks of the case are readable too, and listed by the CC filter's query.
    as.run("zhangwei", () -> tasks.complete(review));
    String approve = task("approve").getId();
    assertThat(rest.withBasicAuth("sunli", "sunli").getForEntity(engineTask + approve, String.class)
        .getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(tasks.createTaskQuery().taskVariableValueLike(CaseCopies.VARIABLE, CaseCopies.pattern("sunli"))
        .processInstanceId(pi).list()).extracting(Task::getId).containsExactly(approve);
  }

  // --- 催辦 ---------------------------------------------------------------------------------------------------

  @Test
  void theStarterUrgesTheAssigneeWithinTheLimit() {
    claimedReview("zhangwei");
    jdbc.update("delete from mail_outbox");

    assertRefused(post("zhangwei", "/zhidu/api/cases/" + pi + "/urge", Map.of("reason", "x")), 403, null);
    for (int i = 0; i < 3; i++) {
      assertThat(post("chenjing", "/zhidu/api/cases/" + pi + "/urge", Map.of("reason", "客戶在等，請儘快審核"))
          .getStatusCode()).isEqualTo(HttpStatus.OK);
    }
    List<Map<String, Object>> mails = jdbc.queryForList("select user_id, subject, body, kind from mail_outbox");
    assertThat(mails).hasSize(3).allSatisfy(m -> {
      assertThat(m.get("USER_ID")).isEqualTo("zhangwei");
      assertThat(m.get("KIND")).isEqualTo("urge");
      assertThat((String) m.get("SUBJECT")).contains("催辦");
      assertThat((String) m.get("BODY")).contains("陳靜").contains("客戶在等");
    });

    ResponseEntity<String> spam = post("chenjing", "/zhidu/api/cases/" + pi + "/urge", Map.of("reason", "快！"));
    assertThat(spam.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    assertThat(count("mail_outbox")).isEqualTo(3);
  }

  // --- task context ------------------------------------------------------------------------------------------

  @Test
  void theTaskContextShowsTheClauseCommentsHistoryAndWhatTheCallerMayDo() {
    String review = claimedReview("zhangwei");
    post("zhangwei", "/zhidu/api/tasks/" + review + "/return", Map.of("step", "draft", "reason", "請補充數據來源"));
    String draft = task("draft").getId();

    ResponseEntity<String> author = rest.withBasicAuth("chenjing", "chenjing")
        .getForEntity("/zhidu/api/tasks/" + draft + "/context", String.class);
    assertThat(author.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(author.getBody()).contains("\"clause\":\"§1.3.3 起草（無四眼限制）\"")
        .contains("請補充數據來源").contains("\"taskName\":\"審核\"").contains("\"outcome\":\"已完成\"")
        .contains("\"transfer\"").contains("\"urge\"").contains("\"returnableSteps\":[]");

    // A manager is no longer involved once the task went back; an outsider never was.
    assertThat(rest.withBasicAuth("sunli", "sunli").getForEntity("/zhidu/api/tasks/" + draft + "/context",
        String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    // The author's colleague (candidate group marketResearch) reads but may only copy.
    ResponseEntity<String> colleague = rest.withBasicAuth("liuyang", "liuyang")
        .getForEntity("/zhidu/api/tasks/" + draft + "/context", String.class);
    assertThat(colleague.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(colleague.getBody()).contains("\"operations\":[\"cc\"]");
  }

  @Test
  void theReviewerSeesTheStepsToReturnToAndWhoCanTakeOver() {
    String review = claimedReview("zhangwei");
    ResponseEntity<String> context = rest.withBasicAuth("zhangwei", "zhangwei")
        .getForEntity("/zhidu/api/tasks/" + review + "/context", String.class);
    assertThat(context.getBody()).contains("\"returnableSteps\":[{\"id\":\"draft\",\"name\":\"起草\"}]")
        .contains("\"id\":\"wangfang\"").doesNotContain("\"id\":\"sunli\"");
  }

  // --- helpers ------------------------------------------------------------------------------------------------

  private ResponseEntity<String> post(String user, String path, Object body) {
    return rest.withBasicAuth(user, user).exchange(path, HttpMethod.POST, new HttpEntity<>(body), String.class);
  }

  private static void assertRefused(ResponseEntity<String> response, int status, String field) {
    assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(status);
    if (field != null) {
      assertThat(response.getBody()).contains("\"field\":\"" + field + "\"");
    }
  }

  private void assertRecorded(String operation, String user, String target, String reason) {
    List<Map<String, Object>> rows = jdbc.queryForList("select user_id, target, reason, case_id from approval_action"
        + " where operation = ?", operation);
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).get("USER_ID")).isEqualTo(user);
    assertThat(rows.get(0).get("TARGET")).isEqualTo(target);
    assertThat(rows.get(0).get("REASON")).isEqualTo(reason);
    assertThat(audit.rowsOf(pi)).anySatisfy(row -> {
      assertThat(row.eventType()).isEqualTo("approval:" + operation);
      assertThat(row.userId()).isEqualTo(user);
      assertThat(row.payload()).contains(reason);
    });
  }

  private int count(String table) {
    return jdbc.queryForObject("select count(*) from " + table, Integer.class);
  }
}
