package com.zhidu.audit.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.zhidu.audit.conformance.ConformanceRule.Verdict;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The kept conformance verdicts (CaseVerdicts) against the live judgement, on four-eyes fixture cases (chenjing
 * starts and drafts, zhangwei reviews, linzong approves): run on H2 ({@link CaseVerdictsTest}) and on PostgreSQL
 * ({@link CaseVerdictsIT}). Each test judges its own period, from its start, so other tests' cases are not in it.
 */
abstract class CaseVerdictsScenario {

  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired HistoryService history;
  @Autowired IdentityService identity;
  @Autowired ManagementService management;
  @Autowired JdbcTemplate jdbc;
  @Autowired TestRestTemplate rest;
  @Autowired CaseVerdicts verdicts;
  @Autowired List<TaskRule> rules;

  @Test
  void verdictsKeptAtTheEndOfACaseEqualTheLiveJudgement() throws Exception {
    Instant from = periodStart();
    String onTime = finishedCase(Instant.now().plus(2, ChronoUnit.DAYS));
    String late = finishedCase(Instant.now().minus(1, ChronoUnit.HOURS));
    String forged = finishedCase(Instant.now().plus(2, ChronoUnit.DAYS));
    forgeReviewByAuthor(forged);
    String open = openCaseDraftedLate();
    Instant to = Instant.now().plusSeconds(1);
    Map<String, Verdict> live = live(from, to);
    assertThat(live.get("§1.3.2").findings()).extracting(ConformanceRule.Finding::caseId).containsExactlyInAnyOrder(late, open);
    assertThat(live.get("§1.3.3").findings()).extracting(ConformanceRule.Finding::caseId).containsExactly(forged);
    String reportBefore = report();

    // Each finished case left one job at its end; the open one none.
    for (String caseId : List.of(onTime, late, forged)) {
      assertThat(jdbc.queryForObject("select count(*) from conformance_case where process_instance_id = ?",
          Integer.class, caseId)).isZero();
      management.executeJob(verdictJob(caseId));
      assertThat(jdbc.queryForObject("select rule_set from conformance_case where process_instance_id = ?",
          String.class, caseId)).isEqualTo(verdicts.ruleSet());
    }
    assertThat(jdbc.queryForList("select ID_ from ACT_RU_JOB where HANDLER_CFG_ = ?", String.class, open)).isEmpty();
    assertThat(jdbc.queryForObject("select count(*) from conformance_case where process_instance_id = ?",
        Integer.class, open)).isZero();
    // Every finished task of a kept case is listed; each rule keeps the tasks it governs (draft has no fourEyes).
    assertThat(jdbc.queryForObject("select count(*) from conformance_task where process_instance_id = ?",
        Integer.class, late)).isEqualTo(3);
    assertThat(jdbc.query("select clause, violated from conformance_task_verdict where process_instance_id = ?",
        (rs, n) -> rs.getString(1) + " " + rs.getBoolean(2), late)).hasSize(5).contains("§1.3.2 true", "§1.3.3 false");
    assertThat(jdbc.queryForObject("select count(*) from conformance_task_verdict where process_instance_id = ?"
        + " and violated = true and clause = '§1.3.3'", Integer.class, forged)).isOne();

    // Kept (three cases) plus live (the open one): the same verdicts, the same report.
    assertThat(kept(from, to)).isEqualTo(live);
    assertThat(report()).isEqualTo(reportBefore);
    assertThat(rest.withBasicAuth("zhangwei", "zhangwei").getForEntity("/zhidu/api/audit/conformance", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  void casesWithoutAVerdictOrOfAnOlderRuleSetAreJudgedLiveUntilTheBackfillKeepsThem() {
    Instant from = periodStart();
    String onTime = finishedCase(Instant.now().plus(2, ChronoUnit.DAYS));
    String late = finishedCase(Instant.now().minus(1, ChronoUnit.HOURS));
    Instant to = Instant.now().plusSeconds(1);
    Map<String, Verdict> live = live(from, to);
    management.executeJob(verdictJob(onTime));
    management.executeJob(verdictJob(late));
    // As if onTime had ended before the tables existed, and late had been judged by an older rule.
    jdbc.update("delete from conformance_task_verdict where process_instance_id = ?", onTime);
    jdbc.update("delete from conformance_task where process_instance_id = ?", onTime);
    jdbc.update("delete from conformance_case where process_instance_id = ?", onTime);
    jdbc.update("update conformance_case set rule_set = '§1.3.2:0' where process_instance_id = ?", late);
    jdbc.update("update conformance_task set rule_set = '§1.3.2:0' where process_instance_id = ?", late);
    jdbc.update("update conformance_task_verdict set rule_set = '§1.3.2:0', violated = false where"
        + " process_instance_id = ?", late);
    assertThat(kept(from, to)).isEqualTo(live);

    assertThat(verdicts.backfill()).isGreaterThanOrEqualTo(2);
    for (String caseId : List.of(onTime, late)) {
      assertThat(jdbc.queryForObject("select rule_set from conformance_case where process_instance_id = ?",
          String.class, caseId)).isEqualTo(verdicts.ruleSet());
    }
    assertThat(jdbc.queryForObject("select count(*) from conformance_task_verdict where process_instance_id = ?"
        + " and clause = '§1.3.2' and violated = true", Integer.class, late)).isOne();
    assertThat(kept(from, to)).isEqualTo(live);
    assertThat(verdicts.backfill()).isZero();
  }

  @Test
  void aKeptVerdictIsTheOneOfTheCaseEndUntilRecomputed() {
    Instant from = periodStart();
    String kept = finishedCase(Instant.now().plus(2, ChronoUnit.DAYS));
    management.executeJob(verdictJob(kept));
    // A completion record changed directly in the database after the case ended: the kept verdict is of the records
    // at its end; recomputing the case (store, as the backfill does for a new rule set) judges the records now.
    forgeReviewByAuthor(kept);
    Instant to = Instant.now().plusSeconds(1);
    assertThat(kept(from, to).get("§1.3.3").findings()).isEmpty();
    assertThat(live(from, to).get("§1.3.3").findings()).extracting(ConformanceRule.Finding::caseId).containsExactly(kept);
    verdicts.store(kept);
    assertThat(kept(from, to)).isEqualTo(live(from, to));
  }

  @Test
  void aCaseIsJudgedAsAWholeWhenItsRootEndsNotWhenACalledProcessEnds() {
    Instant from = periodStart();
    String[] caller = new String[1];
    as("zhangwei", () -> caller[0] = runtime.startProcessInstanceByKey("four-eyes-fixture-caller",
        Map.of("title", "合規判定測試", "author", "chenjing")).getId());
    complete("chenjing", task(caller[0], "prepare"));
    String called = runtime.createProcessInstanceQuery().superProcessInstanceId(caller[0]).singleResult().getId();
    complete("chenjing", task(called, "draft"));
    complete("zhangwei", task(called, "review"));
    complete("linzong", task(called, "approve"));
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(caller[0]).finished().count()).isOne();
    Instant to = Instant.now().plusSeconds(1);

    assertThat(jdbc.queryForList("select ID_ from ACT_RU_JOB where HANDLER_CFG_ = ?", String.class, called)).isEmpty();
    management.executeJob(verdictJob(caller[0]));
    assertThat(jdbc.queryForObject("select count(*) from conformance_task where process_instance_id = ?",
        Integer.class, caller[0])).isEqualTo(4);
    assertThat(jdbc.queryForObject("select count(*) from conformance_task_verdict where process_instance_id = ?"
        + " and clause = '§1.3.3'", Integer.class, caller[0])).isEqualTo(2);
    assertThat(kept(from, to)).isEqualTo(live(from, to));
  }

  // --- helpers ---------------------------------------------------------------------------------------------

  /** Now, after the tasks of earlier tests have ended (end times have millisecond precision). */
  private static Instant periodStart() {
    try {
      Thread.sleep(10);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return Instant.now();
  }

  private Map<String, Verdict> live(Instant from, Instant to) {
    Map<String, Verdict> byClause = new java.util.TreeMap<>();
    rules.forEach(r -> byClause.put(r.clause(), r.check(from, to)));
    return byClause;
  }

  private Map<String, Verdict> kept(Instant from, Instant to) {
    Map<String, Verdict> byClause = new java.util.TreeMap<>();
    verdicts.check(from, to).forEach((r, v) -> byClause.put(r.clause(), v));
    return byClause;
  }

  /** Today's report as the auditor reads it. */
  private String report() {
    return rest.withBasicAuth("shenjian", "shenjian").getForEntity("/zhidu/api/audit/conformance", String.class)
        .getBody();
  }

  private String verdictJob(String caseId) {
    List<String> jobs = jdbc.queryForList("select ID_ from ACT_RU_JOB where HANDLER_TYPE_ = ? and HANDLER_CFG_ = ?",
        String.class, CaseVerdicts.JOB_TYPE, caseId);
    assertThat(jobs).as("verdict job of " + caseId).hasSize(1);
    return jobs.get(0);
  }

  /** chenjing starts and drafts; the review gets the given due date, zhangwei reviews, linzong approves. */
  private String finishedCase(Instant reviewDue) {
    String pi = startAndDraft(null);
    String review = task(pi, "review");
    tasks.setDueDate(review, Date.from(reviewDue));
    complete("zhangwei", review);
    complete("linzong", task(pi, "approve"));
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(pi).finished().count()).isOne();
    return pi;
  }

  /** The draft completed after its due date; the case waits at the review. */
  private String openCaseDraftedLate() {
    return startAndDraft(Instant.now().minus(1, ChronoUnit.HOURS));
  }

  private String startAndDraft(Instant draftDue) {
    String[] pi = new String[1];
    as("chenjing", () -> pi[0] = runtime.startProcessInstanceByKey("four-eyes-fixture",
        Map.of("title", "合規判定測試", "author", "chenjing")).getId());
    String draft = task(pi[0], "draft");
    if (draftDue != null) {
      tasks.setDueDate(draft, Date.from(draftDue));
    }
    complete("chenjing", draft);
    return pi[0];
  }

  /** A completion record naming the author as reviewer, as if the guard had been bypassed. */
  private void forgeReviewByAuthor(String caseId) {
    String review = jdbc.queryForObject("select task_id from task_action where process_instance_id = ? and"
        + " task_definition_key = 'review' and action = 'complete'", String.class, caseId);
    jdbc.update("insert into task_action (task_id, task_definition_key, process_instance_id, process_definition_key,"
        + " action, user_id, assignee, occurred_at) values (?, 'review', ?, 'four-eyes-fixture', 'complete',"
        + " 'chenjing', 'chenjing', ?)", review, caseId, new Timestamp(ClockUtil.getCurrentTime().getTime()));
  }

  private String task(String pi, String key) {
    return tasks.createTaskQuery().processInstanceId(pi).taskDefinitionKey(key).singleResult().getId();
  }

  private void complete(String user, String task) {
    as(user, () -> {
      tasks.claim(task, user);
      tasks.complete(task);
    });
  }

  private void as(String user, Runnable action) {
    List<String> groups = identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
    identity.setAuthentication(user, groups);
    try {
      action.run();
    } finally {
      identity.clearAuthentication();
    }
  }
}
