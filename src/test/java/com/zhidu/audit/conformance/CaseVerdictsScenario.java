package com.zhidu.audit.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zhidu.audit.conformance.ConformanceRule.Verdict;
import com.zhidu.audit.conformance.TaskRule.Judgement;
import java.sql.Connection;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The kept conformance verdicts (CaseVerdicts and its sweep) against the live judgement, on four-eyes fixture cases
 * (chenjing starts and drafts, zhangwei reviews, linzong approves): run on H2 ({@link CaseVerdictsTest}) and on
 * PostgreSQL ({@link CaseVerdictsIT}). Each test judges its own period, from its start, so other tests' cases are not
 * in it; a sweep may also keep other tests' cases, so counts of judged cases are lower bounds where they could be.
 */
abstract class CaseVerdictsScenario {

  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired HistoryService history;
  @Autowired IdentityService identity;
  @Autowired ManagementService management;
  @Autowired JdbcTemplate jdbc;
  @Autowired DataSource dataSource;
  @Autowired PlatformTransactionManager transactionManager;
  @Autowired ProcessEngine engine;
  @Autowired TestRestTemplate rest;
  @Autowired CaseVerdicts verdicts;
  @Autowired List<TaskRule> rules;
  @Autowired CandidateGroups candidateGroups;

  @Test
  void theNextSweepKeepsTheVerdictsOfTheCasesThatEndedAndTheyEqualTheLiveJudgement() throws Exception {
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

    // Ending a case sends no job; nothing is kept until the sweep, which keeps the finished cases only.
    assertThat(jdbc.queryForObject("select count(*) from ACT_RU_JOB where HANDLER_TYPE_ = ?", Integer.class,
        CaseVerdicts.JOB_TYPE)).isZero();
    assertThat(keptRuleSet(onTime)).isNull();
    assertThat(verdicts.sweep()).isGreaterThanOrEqualTo(3);
    for (String caseId : List.of(onTime, late, forged)) {
      assertThat(keptRuleSet(caseId)).isEqualTo(verdicts.ruleSet());
    }
    assertThat(keptRuleSet(open)).isNull();
    // Every finished task of a kept case is listed; each rule keeps the tasks it governs (draft has no fourEyes).
    assertThat(jdbc.queryForObject("select count(*) from conformance_task where process_instance_id = ?",
        Integer.class, late)).isEqualTo(3);
    assertThat(jdbc.query("select clause, violated from conformance_task_verdict where process_instance_id = ?",
        (rs, n) -> rs.getString(1) + " " + rs.getBoolean(2), late)).hasSize(5).contains("§1.3.2 true", "§1.3.3 false");
    assertThat(jdbc.queryForObject("select count(*) from conformance_task_verdict where process_instance_id = ?"
        + " and violated = true and clause = '§1.3.3'", Integer.class, forged)).isOne();
    assertThat(jdbc.queryForList("select distinct department from conformance_task_verdict where"
        + " process_instance_id = ?", String.class, late)).doesNotContain(ConformanceRule.NO_DEPARTMENT);

    // Kept (three cases) plus live (the open one): the same verdicts, the same report.
    assertThat(kept(from, to)).isEqualTo(live);
    assertThat(report()).isEqualTo(reportBefore);
    assertThat(rest.withBasicAuth("zhangwei", "zhangwei").getForEntity("/zhidu/api/audit/conformance", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    // Nothing left to keep: the next sweep writes nothing.
    assertThat(verdicts.sweep()).isZero();
  }

  @Test
  void aSweepReadsOnlyTheCasesEndedSinceTheWatermarkAndAFullSweepKeepsTheRest() {
    Instant from = periodStart();
    String recent = finishedCase(Instant.now().plus(2, ChronoUnit.DAYS));
    String old = finishedCase(Instant.now().minus(1, ChronoUnit.HOURS));
    Instant to = Instant.now().plusSeconds(1);
    verdicts.sweep();
    // As if neither had been kept, and old had ended two hours before the last sweep (beyond the 1 h margin).
    forget(recent);
    forget(old);
    jdbc.update("update ACT_HI_PROCINST set END_TIME_ = ? where ID_ = ?",
        new Timestamp(System.currentTimeMillis() - Duration.ofHours(2).toMillis()), old);

    // A restarted node (a new instance: the watermark is in conformance_sweep) reads only the recent case.
    CaseVerdicts restarted = node(rules);
    assertThat(restarted.sweep()).isOne();
    assertThat(keptRuleSet(recent)).isEqualTo(verdicts.ruleSet());
    assertThat(keptRuleSet(old)).isNull();
    // The report judges the case not kept live: still the same verdicts.
    assertThat(kept(from, to)).isEqualTo(live(from, to));

    // Without a watermark (what a new rule set starts from) the sweep reads every finished case once.
    jdbc.update("delete from conformance_sweep where rule_set = ?", verdicts.ruleSet());
    assertThat(restarted.sweep()).isGreaterThanOrEqualTo(1);
    assertThat(keptRuleSet(old)).isEqualTo(verdicts.ruleSet());
    assertThat(jdbc.queryForObject("select count(*) from conformance_task_verdict where process_instance_id = ?"
        + " and clause = '§1.3.2' and violated = true", Integer.class, old)).isOne();
    assertThat(jdbc.queryForObject("select swept_to from conformance_sweep where rule_set = ?", Timestamp.class,
        verdicts.ruleSet())).isNotNull();
    assertThat(kept(from, to)).isEqualTo(live(from, to));
  }

  @Test
  void aNewRuleSetIsRecomputedByItsFirstSweepAndOlderVerdictsAreJudgedLiveMeanwhile() {
    Instant from = periodStart();
    String onTime = finishedCase(Instant.now().plus(2, ChronoUnit.DAYS));
    String late = finishedCase(Instant.now().minus(1, ChronoUnit.HOURS));
    Instant to = Instant.now().plusSeconds(1);
    Map<String, Verdict> live = live(from, to);
    verdicts.sweep();
    // late judged under an older rule set (with another verdict): ignored by the report, judged live.
    jdbc.update("update conformance_case set rule_set = '§1.3.2:0' where process_instance_id = ?", late);
    jdbc.update("update conformance_task set rule_set = '§1.3.2:0' where process_instance_id = ?", late);
    jdbc.update("update conformance_task_verdict set rule_set = '§1.3.2:0', violated = false where"
        + " process_instance_id = ?", late);
    assertThat(kept(from, to)).isEqualTo(live);
    assertThat(verdicts.sweep()).isOne(); // within the margin: the sweep finds it again
    assertThat(keptRuleSet(late)).isEqualTo(verdicts.ruleSet());
    assertThat(kept(from, to)).isEqualTo(live);

    // A rule's version raised (a new deployment): the new rule set has no watermark, its first sweep judges every
    // finished case again, even one that ended long before the last sweep.
    jdbc.update("update ACT_HI_PROCINST set END_TIME_ = ? where ID_ = ?",
        new Timestamp(System.currentTimeMillis() - Duration.ofDays(2).toMillis()), onTime);
    List<TaskRule> raised = rules.stream().map(r -> r.clause().equals("§1.3.2") ? raised(r) : r).toList();
    CaseVerdicts deployed = node(raised);
    assertThat(deployed.ruleSet()).isNotEqualTo(verdicts.ruleSet()).contains("§1.3.2:" + (version("§1.3.2") + 1));
    assertThat(deployed.sweep()).isGreaterThanOrEqualTo(2);
    assertThat(keptRuleSet(onTime)).isEqualTo(deployed.ruleSet());
    assertThat(keptRuleSet(late)).isEqualTo(deployed.ruleSet());
    assertThat(deployed.sweep()).isZero();
    // The old rule set's node judges them live again (and its own sweep would recompute them).
    assertThat(kept(from, to)).isEqualTo(live);
  }

  @Test
  void aCaseThatCannotBeJudgedBecomesAJobThenAnIncidentAndTheOthersAreKept() {
    Instant from = periodStart();
    String good = finishedCase(Instant.now().plus(2, ChronoUnit.DAYS));
    String broken = finishedCase(Instant.now().plus(2, ChronoUnit.DAYS));
    String alsoGood = finishedCase(Instant.now().minus(1, ChronoUnit.HOURS));
    Instant to = Instant.now().plusSeconds(1);
    // Its review task names a process definition that does not exist: the §1.3.3 judgement of it throws.
    String review = jdbc.queryForObject("select ID_ from ACT_HI_TASKINST where PROC_INST_ID_ = ? and"
        + " TASK_DEF_KEY_ = 'review'", String.class, broken);
    String definition = jdbc.queryForObject("select PROC_DEF_ID_ from ACT_HI_TASKINST where ID_ = ?", String.class,
        review);
    jdbc.update("update ACT_HI_TASKINST set PROC_DEF_ID_ = 'missing:1:1' where ID_ = ?", review);
    try {
      verdicts.sweep();
      assertThat(keptRuleSet(good)).isEqualTo(verdicts.ruleSet());
      assertThat(keptRuleSet(alsoGood)).isEqualTo(verdicts.ruleSet());
      assertThat(keptRuleSet(broken)).isNull();
      String job = verdictJob(broken);
      // The next sweep leaves it to its job (no second job).
      verdicts.sweep();
      assertThat(verdictJob(broken)).isEqualTo(job);

      // The job fails on each retry, then is an incident (Cockpit, /engine-rest/incident) naming the job.
      for (int attempt = 0; attempt < 10 && retries(job) > 0; attempt++) {
        assertThatThrownBy(() -> management.executeJob(job)).isInstanceOf(RuntimeException.class);
      }
      assertThat(retries(job)).isZero();
      assertThat(runtime.createIncidentQuery().configuration(job).incidentType("failedJob").count()).isOne();
    } finally {
      jdbc.update("update ACT_HI_TASKINST set PROC_DEF_ID_ = ? where ID_ = ?", definition, review);
    }
    // Repaired, the operator retries the job: the case is kept, the incident resolved.
    String job = verdictJob(broken);
    management.setJobRetries(job, 1);
    management.executeJob(job);
    assertThat(keptRuleSet(broken)).isEqualTo(verdicts.ruleSet());
    assertThat(runtime.createIncidentQuery().configuration(job).count()).isZero();
    assertThat(kept(from, to)).isEqualTo(live(from, to));
  }

  @Test
  void whileAnotherNodeSweepsASweepSkipsAndTwoSweepsAtOnceKeepEachCaseOnce() throws Exception {
    List<String> cases = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      cases.add(finishedCase(Instant.now().plus(2, ChronoUnit.DAYS)));
    }
    verdicts.sweep(); // the sweep row exists from here on
    cases.forEach(this::forget);

    // Another node holds the sweep row: this sweep does nothing.
    try (Connection other = dataSource.getConnection()) {
      other.setAutoCommit(false);
      try (Statement lock = other.createStatement()) {
        lock.executeQuery("select swept_to from conformance_sweep where rule_set = '" + verdicts.ruleSet()
            + "' for update").close();
        assertThat(verdicts.sweep()).isEqualTo(-1);
        assertThat(keptRuleSet(cases.get(0))).isNull();
      } finally {
        other.rollback();
      }
    }

    // Two sweeps at once: one keeps every case, the other skips or finds nothing left; no case written twice.
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService nodes = Executors.newFixedThreadPool(2);
    try {
      List<Future<Integer>> sweeps = new ArrayList<>();
      for (int node = 0; node < 2; node++) {
        CaseVerdicts other = node(rules);
        sweeps.add(nodes.submit(() -> {
          start.await();
          return other.sweep();
        }));
      }
      start.countDown();
      int first = sweeps.get(0).get(60, TimeUnit.SECONDS);
      int second = sweeps.get(1).get(60, TimeUnit.SECONDS);
      assertThat(Math.max(first, 0) + Math.max(second, 0)).isEqualTo(cases.size());
    } finally {
      nodes.shutdownNow();
    }
    for (String caseId : cases) {
      assertThat(keptRuleSet(caseId)).isEqualTo(verdicts.ruleSet());
    }
    assertThat(jdbc.queryForObject("select count(*) from ACT_RU_JOB where HANDLER_TYPE_ = ?", Integer.class,
        CaseVerdicts.JOB_TYPE)).isZero();
  }

  @Test
  void aKeptVerdictIsTheOneOfTheCaseEndUntilRecomputed() {
    Instant from = periodStart();
    String kept = finishedCase(Instant.now().plus(2, ChronoUnit.DAYS));
    verdicts.sweep();
    // A completion record changed directly in the database after the case ended: the kept verdict is of the records
    // at its end; recomputing the case (store, as the verdict job does) judges the records now.
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

    verdicts.sweep();
    assertThat(keptRuleSet(called)).isNull();
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

  private int retries(String job) {
    return management.createJobQuery().jobId(job).singleResult().getRetries();
  }

  /** The rule set the case's verdicts are kept under, or null when they are not kept. */
  private String keptRuleSet(String caseId) {
    return jdbc.queryForList("select rule_set from conformance_case where process_instance_id = ?", String.class,
        caseId).stream().findFirst().orElse(null);
  }

  /** As if the case had never been kept. */
  private void forget(String caseId) {
    jdbc.update("delete from conformance_task_verdict where process_instance_id = ?", caseId);
    jdbc.update("delete from conformance_task where process_instance_id = ?", caseId);
    jdbc.update("delete from conformance_case where process_instance_id = ?", caseId);
  }

  private int version(String clause) {
    return rules.stream().filter(r -> r.clause().equals(clause)).findFirst().orElseThrow().version();
  }

  /** The rule with its version raised, judging as before: what a deployment with a changed rule brings. */
  /** Another node's (or a restarted node's) sweep over the same database, with these rules. */
  private CaseVerdicts node(List<TaskRule> withRules) {
    return new CaseVerdicts(withRules, candidateGroups, engine, jdbc, transactionManager, Duration.ofHours(1));
  }

  private TaskRule raised(TaskRule rule) {
    return new TaskRule(engine, candidateGroups) {
      @Override
      public int version() {
        return rule.version() + 1;
      }

      @Override
      public Judgement judge(HistoricTaskInstance task) {
        return rule.judge(task);
      }

      @Override
      public String clause() {
        return rule.clause();
      }

      @Override
      public String descriptionZh() {
        return rule.descriptionZh();
      }

      @Override
      public String descriptionEn() {
        return rule.descriptionEn();
      }
    };
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
