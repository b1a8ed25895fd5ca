package com.zhidu.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zhidu.AsUser;
import com.zhidu.ZhiduTest;
import com.zhidu.platform.FourEyesGuard.Kind;
import com.zhidu.platform.FourEyesGuard.Rule;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * §1.3.3 four-eyes on the test-only process {@code four-eyes-fixture}: draft (marketResearch) → review
 * ({@code fourEyes="input:author"}, managers) → approve ({@code fourEyes="starter, task:review"}).
 */
@ZhiduTest
class FourEyesGuardTest {

  static final String PROCESS = "four-eyes-fixture";

  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired IdentityService identity;
  @Autowired HistoryService history;
  @Autowired JdbcTemplate jdbc;
  @Autowired TestRestTemplate rest;
  @Autowired ProcessEngine engine;
  @Autowired TransactionTemplate transactions;

  @Test
  void authorWhoIsAManagerCannotClaimOrCompleteTheReviewThroughTheJavaApi() {
    String pi = start("chenjing", "lina");
    String review = draftAndGetReview(pi, "chenjing");

    assertRefused(() -> as("lina", () -> tasks.claim(review, "lina")), "依四眼原則，您不可處理自己提交的案件");
    assertThat(task(review).getAssignee()).isNull();
    assertThat(actions(review, "claim")).isZero();

    // Without an authenticated user (engine-internal), the assignee is still held to four-eyes.
    assertRefused(() -> tasks.setAssignee(review, "lina"), "李娜不可處理此任務");
    assertThat(task(review).getAssignee()).isNull();
  }

  @Test
  void authorIsRefusedOverHttpWith403AndTheTaskStaysOpenAndUnclaimed() {
    String pi = start("chenjing", "zhangwei");
    String review = draftAndGetReview(pi, "chenjing");

    ResponseEntity<String> claim = post("zhangwei", taskUrl() + review + "/claim",
        "{\"userId\":\"zhangwei\"}");
    assertThat(claim.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(claim.getBody()).contains("\"type\":\"Refusal\"").contains("依四眼原則").contains("§1.3.3");

    ResponseEntity<String> complete = post("zhangwei", taskUrl() + review + "/complete", "{}");
    assertThat(complete.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(complete.getBody()).contains("請先認領");

    assertThat(task(review)).isNotNull();
    assertThat(task(review).getAssignee()).isNull();
    assertThat(actions(review, "claim") + actions(review, "complete")).isZero();
  }

  @Test
  void onlyTheAssigneeMayCompleteAndAnotherManagerCanReview() {
    String pi = start("chenjing", "lina");
    String review = draftAndGetReview(pi, "chenjing");

    assertThat(post("zhangwei", taskUrl() + review + "/claim", "{\"userId\":\"zhangwei\"}")
        .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

    ResponseEntity<String> byOther = post("wangfang", taskUrl() + review + "/complete", "{}");
    assertThat(byOther.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(byOther.getBody()).contains("assigned to zhangwei");
    assertRefused(() -> as("wangfang", () -> tasks.complete(review)), "只有認領人可以完成");
    assertThat(task(review)).isNotNull();

    assertThat(post("zhangwei", taskUrl() + review + "/complete", "{}").getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(task(review)).isNull();
    assertThat(jdbc.queryForObject("select user_id from task_action where task_id = ? and action = 'complete'",
        String.class, review)).isEqualTo("zhangwei");
  }

  @Test
  void anUnclaimedTaskMustBeClaimedBeforeCompletion() {
    String pi = start("chenjing", "lina");
    String review = draftAndGetReview(pi, "chenjing");
    assertRefused(() -> as("zhangwei", () -> tasks.complete(review)), "請先認領此任務");
    assertThat(task(review)).isNotNull();
  }

  @Test
  void theStarterAndTheReviewerCannotApprove() {
    String pi = start("zhangwei", "chenjing");
    String review = draftAndGetReview(pi, "chenjing");
    claimAndComplete("wangfang", review);
    String approve = openTask(pi, "approve").getId();

    assertRefused(() -> as("zhangwei", () -> tasks.claim(approve, "zhangwei")), "您不可處理自己發起的案件");
    assertRefused(() -> as("wangfang", () -> tasks.claim(approve, "wangfang")), "您已處理本案的「審核」");
    assertThat(task(approve).getAssignee()).isNull();

    claimAndComplete("linzong", approve);
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(pi).singleResult().getState())
        .isEqualTo("COMPLETED");
  }

  /**
   * The step just done counts within the same transaction too (a caller that completes and claims in one, such as
   * a delegate or an operation of Zhidu's API): task_action's rows of the transaction are read before they are
   * committed.
   */
  @Test
  void theReviewJustCompletedInTheSameTransactionExcludesTheReviewer() {
    String pi = start("zhangwei", "chenjing");
    String review = draftAndGetReview(pi, "chenjing");
    transactions.executeWithoutResult(status -> {
      status.setRollbackOnly(); // the refusal marks it so anyway; nothing of this test stays
      claimAndComplete("wangfang", review);
      String approve = openTask(pi, "approve").getId();
      assertRefused(() -> as("wangfang", () -> tasks.claim(approve, "wangfang")), "您已處理本案的「審核」");
    });
  }

  @Test
  void overwritingTheInputVariableDoesNotLiftTheRule() {
    String pi = start("chenjing", "lina");
    String draft = openTask(pi, "draft").getId();
    as("chenjing", () -> tasks.claim(draft, "chenjing"));
    as("chenjing", () -> tasks.complete(draft, Map.of("author", "liuyang")));
    runtime.setVariable(pi, "author", "chenjing");
    assertThat(runtime.getVariable(pi, "author")).isEqualTo("chenjing");
    String review = openTask(pi, "review").getId();

    assertRefused(() -> as("lina", () -> tasks.claim(review, "lina")), "您不可處理自己提交的案件");
    // The person named later is not excluded: the rule looks at the value at start only.
    claimAndComplete("wangfang", review);
  }

  @Test
  void inACalledProcessTheStarterIsTheCasesStarterAndInputsComeFromTheCaller() {
    String caller = as("zhangwei", () -> runtime.startProcessInstanceByKey("four-eyes-fixture-caller",
        Map.of("title", "呼叫測試", "author", "lina")).getId());
    String prepare = openTask(caller, "prepare").getId();
    claimAndComplete("chenjing", prepare);
    String called = runtime.createProcessInstanceQuery().superProcessInstanceId(caller).singleResult().getId();
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(called).singleResult()
        .getStartUserId()).as("the called instance was started by the one who finished 'prepare'")
        .isEqualTo("chenjing");

    String review = draftAndGetReview(called, "liuyang");
    assertRefused(() -> as("lina", () -> tasks.claim(review, "lina")), "您不可處理自己提交的案件");
    claimAndComplete("wangfang", review);
    String approve = openTask(called, "approve").getId();
    assertRefused(() -> as("zhangwei", () -> tasks.claim(approve, "zhangwei")), "您不可處理自己發起的案件");
    claimAndComplete("linzong", approve);
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(caller).count()).isZero();
  }

  @Test
  void declarationsParseAndTyposAreRejected() {
    assertThat(FourEyesGuard.parse(" starter, task:draft ,input:author")).containsExactly(
        new Rule(Kind.STARTER, null), new Rule(Kind.TASK, "draft"), new Rule(Kind.INPUT, "author"));
    assertThat(FourEyesGuard.parse(null)).isEmpty();
    assertThatThrownBy(() -> FourEyesGuard.parse("starter,author")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("author");
    assertThatThrownBy(() -> FourEyesGuard.parse("task:")).isInstanceOf(IllegalArgumentException.class);
  }

  // --- helpers -------------------------------------------------------------------------------------------

  private String start(String starter, String author) {
    return as(starter, () -> runtime.startProcessInstanceByKey(PROCESS,
        Map.of("title", "測試案件", "author", author)).getId());
  }

  private String draftAndGetReview(String pi, String drafter) {
    claimAndComplete(drafter, openTask(pi, "draft").getId());
    return openTask(pi, "review").getId();
  }

  private void claimAndComplete(String user, String taskId) {
    as(user, () -> tasks.claim(taskId, user));
    as(user, () -> tasks.complete(taskId));
  }

  private Task openTask(String pi, String key) {
    Task task = tasks.createTaskQuery().processInstanceId(pi).taskDefinitionKey(key).singleResult();
    assertThat(task).as("open task " + key).isNotNull();
    return task;
  }

  private Task task(String id) {
    return tasks.createTaskQuery().taskId(id).singleResult();
  }

  private int actions(String taskId, String action) {
    return jdbc.queryForObject("select count(*) from task_action where task_id = ? and action = ?",
        Integer.class, taskId, action);
  }

  private void as(String user, Runnable action) {
    new AsUser(identity).run(user, action);
  }

  private <T> T as(String user, Supplier<T> action) {
    return new AsUser(identity).call(user, action);
  }

  /** Tests give the engine a unique name, so REST calls must name it (the default name is not served). */
  private String taskUrl() {
    return "/engine-rest/engine/" + engine.getName() + "/task/";
  }

  private ResponseEntity<String> post(String user, String path, String json) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return rest.withBasicAuth(user, user).postForEntity(path, new HttpEntity<>(json, headers), String.class);
  }

  /** The engine may wrap a listener's exception: look for the Refusal in the cause chain. */
  static void assertRefused(Runnable action, String messagePart) {
    assertThatThrownBy(action::run).satisfies(thrown -> {
      Throwable t = thrown;
      while (t != null && !(t instanceof Refusal)) {
        t = t.getCause();
      }
      assertThat(t).as("a Refusal in the cause chain of " + thrown).isInstanceOf(Refusal.class);
      Refusal refusal = (Refusal) t;
      assertThat(refusal.status()).isEqualTo(403);
      assertThat(refusal.getMessage()).contains(messagePart);
    });
  }
}
