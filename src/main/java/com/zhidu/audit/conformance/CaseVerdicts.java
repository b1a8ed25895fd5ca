package com.zhidu.audit.conformance;

import com.zhidu.audit.conformance.ConformanceRule.Verdict;
import com.zhidu.audit.conformance.TaskRule.Judgement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.NativeHistoricTaskInstanceQuery;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.impl.persistence.entity.MessageEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The kept verdicts of the {@link TaskRule}s per finished case (tables {@code conformance_case},
 * {@code conformance_task}, {@code conformance_task_verdict}, Flyway V36; sweep progress in
 * {@code conformance_sweep}, V40).
 *
 * <ul>
 *   <li>{@link #sweep}: judges the finished cases without a verdict of the current rule set, {@value #BATCH} cases
 *       per transaction; run periodically by {@link ConformanceJobs}. The first sweep of a rule set reads every
 *       finished case (cases that ended before the tables existed, or under an older {@link #ruleSet}); later sweeps
 *       read only the cases that ended since the last one, less a margin. A case that cannot be judged is handed to
 *       a job ({@link #JOB_TYPE}, {@link CaseVerdictJob}): retried, then an incident, like any failed job.
 *   <li>{@link #check}: the report of a period from the kept verdicts, plus the live judgement of the period's
 *       tasks that are not kept (open cases, cases not swept yet or under another rule set), so the report never
 *       depends on the sweep having run.
 * </ul>
 *
 * <p>A sweep rather than a job per case at its end: the job cost ~13 statements and 5 commits per case (insert,
 * acquisition, lock, execution, delete) on top of the judgement, in the engine's busiest tables; the sweep reads the
 * ended cases by {@code ACT_HI_PROCINST.END_TIME_} (indexed) and writes many cases per statement and commit.
 */
@Component
public class CaseVerdicts {

  static final String JOB_TYPE = "zhidu-conformance-verdict";

  private static final Logger log = LoggerFactory.getLogger(CaseVerdicts.class);
  /** Cases per transaction (each case ~3 tasks; the IN lists stay far below the databases' parameter limits). */
  static final int BATCH = 100;

  private final List<TaskRule> rules;
  private final CandidateGroups candidateGroups;
  private final ProcessEngine engine;
  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;
  private final TransactionTemplate ownTransaction;
  private final Duration margin;

  public CaseVerdicts(List<TaskRule> rules, CandidateGroups candidateGroups, ProcessEngine engine,
      JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
      @Value("${zhidu.conformance.sweep-margin:PT1H}") Duration margin) {
    if (margin.isNegative()) {
      throw new IllegalArgumentException("zhidu.conformance.sweep-margin must not be negative: " + margin);
    }
    this.rules = rules.stream().sorted(Comparator.comparing(TaskRule::clause)).toList();
    this.candidateGroups = candidateGroups;
    this.engine = engine;
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactionManager);
    this.ownTransaction = new TransactionTemplate(transactionManager);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.margin = margin;
  }

  /** The rules and their versions, e.g. {@code §1.3.2:1,§1.3.3:1}: kept verdicts of another rule set are stale. */
  public String ruleSet() {
    return rules.stream().map(r -> r.clause() + ":" + r.version()).collect(Collectors.joining(","));
  }

  /**
   * Judges the finished root cases that have no verdict of the current rule set and keeps their verdicts; returns
   * how many it kept, or -1 when another node is sweeping. The first sweep of a rule set reads every finished case
   * (the backfill); later ones the cases that ended since the last sweep began, less {@code sweep-margin}: a case
   * whose end committed late with an earlier end time is still read, and a case already kept is filtered out, so
   * reading it again costs nothing. Cases with a verdict job waiting are left to the job.
   *
   * <p>One node at a time: the sweep holds the rule set's {@code conformance_sweep} row, locked with SKIP LOCKED,
   * for its whole run (a transaction of its own, which writes only the new watermark at the end); the batches commit
   * in transactions of their own, so a stopped sweep keeps what it judged and the next one goes on from the old
   * watermark.
   */
  public int sweep() {
    String ruleSet = ruleSet();
    addSweepRow(ruleSet);
    Integer judged = ownTransaction.execute(status -> {
      List<Timestamp> held = jdbc.query("select swept_to from conformance_sweep where rule_set = ?"
          + " for update skip locked", (rs, n) -> rs.getTimestamp(1), ruleSet);
      if (held.isEmpty()) {
        return -1; // another node sweeps this rule set now
      }
      Timestamp sweptTo = held.get(0);
      Timestamp began = new Timestamp(ClockUtil.getCurrentTime().getTime());
      Timestamp from = sweptTo == null ? new Timestamp(0) : new Timestamp(sweptTo.getTime() - margin.toMillis());
      int count = judgeEndedSince(from, ruleSet);
      jdbc.update("update conformance_sweep set swept_to = ?, swept_at = ? where rule_set = ?", began,
          new Timestamp(ClockUtil.getCurrentTime().getTime()), ruleSet);
      return count;
    });
    return judged;
  }

  /** The rule set's sweep row, with no watermark (so its first sweep reads every finished case). */
  private void addSweepRow(String ruleSet) {
    try {
      ownTransaction.executeWithoutResult(status -> jdbc.update("insert into conformance_sweep (rule_set)"
          + " select ? where not exists (select 1 from conformance_sweep where rule_set = ?)", ruleSet, ruleSet));
    } catch (DuplicateKeyException e) {
      // another node added it at the same moment
    }
  }

  private int judgeEndedSince(Timestamp from, String ruleSet) {
    String processes = table(HistoricProcessInstance.class);
    Set<String> waiting = new HashSet<>(jdbc.queryForList("select HANDLER_CFG_ from " + table(Job.class)
        + " where HANDLER_TYPE_ = ?", String.class, JOB_TYPE));
    Timestamp afterTime = from;
    String afterId = "";
    int judged = 0;
    while (true) {
      // Keyset over (END_TIME_, ID_): the index on END_TIME_ is read once, from the watermark on.
      List<Map.Entry<String, Timestamp>> ended = jdbc.query("select p.ID_, p.END_TIME_ from " + processes + " p"
          + " where p.END_TIME_ >= ? and (p.END_TIME_ > ? or p.ID_ > ?) and p.ID_ = p.ROOT_PROC_INST_ID_"
          + " and not exists (select 1 from conformance_case c where c.process_instance_id = p.ID_"
          + " and c.rule_set = ?) order by p.END_TIME_, p.ID_ limit " + BATCH,
          (rs, n) -> Map.entry(rs.getString(1), rs.getTimestamp(2)), afterTime, afterTime, afterId, ruleSet);
      if (ended.isEmpty()) {
        return judged;
      }
      List<String> cases = ended.stream().map(Map.Entry::getKey).filter(id -> !waiting.contains(id)).toList();
      judged += keepOrHandToJobs(cases, waiting);
      afterTime = ended.get(ended.size() - 1).getValue();
      afterId = ended.get(ended.size() - 1).getKey();
    }
  }

  /**
   * Keeps the cases' verdicts in one transaction; if that fails, each case in a transaction of its own, and a case
   * that still fails goes to a job, so it neither blocks the others nor is lost.
   */
  private int keepOrHandToJobs(List<String> cases, Set<String> waiting) {
    if (cases.isEmpty()) {
      return 0;
    }
    try {
      ownTransaction.executeWithoutResult(status -> keep(cases));
      return cases.size();
    } catch (RuntimeException batchFailure) {
      int kept = 0;
      for (String caseId : cases) {
        try {
          ownTransaction.executeWithoutResult(status -> keep(List.of(caseId)));
          kept++;
        } catch (RuntimeException e) {
          log.warn("Conformance verdict of case {} failed, handed to a job: {}", caseId, e.toString());
          ownTransaction.executeWithoutResult(status -> schedule(caseId));
          waiting.add(caseId);
        }
      }
      return kept;
    }
  }

  /** Judges a finished case (all its finished tasks, subprocesses included) and keeps the verdicts, replacing any. */
  public void store(String caseId) {
    transaction.executeWithoutResult(status -> {
      Integer ended = jdbc.queryForObject("select count(*) from " + table(HistoricProcessInstance.class)
          + " where ID_ = ? and END_TIME_ is not null", Integer.class, caseId);
      if (ended == 0) {
        log.warn("Conformance verdict of case {} not kept: the case has not ended (it is judged live)", caseId);
        return;
      }
      keep(List.of(caseId));
    });
  }

  /** Judges the given finished cases and keeps their verdicts, replacing any, in the current transaction. */
  private void keep(List<String> cases) {
    String in = String.join(", ", Collections.nCopies(cases.size(), "?"));
    Object[] ids = cases.toArray();
    NativeHistoricTaskInstanceQuery query = engine.getHistoryService().createNativeHistoricTaskInstanceQuery();
    StringBuilder named = new StringBuilder();
    for (int i = 0; i < cases.size(); i++) {
      named.append(i == 0 ? "" : ", ").append("#{c").append(i).append('}');
      query.parameter("c" + i, cases.get(i));
    }
    List<HistoricTaskInstance> tasks = query.sql("select RES.* from " + table(HistoricTaskInstance.class)
        + " RES where RES.ROOT_PROC_INST_ID_ in (" + named + ") and RES.END_TIME_ is not null order by RES.ID_")
        .list();
    String ruleSet = ruleSet();
    jdbc.update("delete from conformance_task_verdict where process_instance_id in (" + in + ")", ids);
    jdbc.update("delete from conformance_task where process_instance_id in (" + in + ")", ids);
    jdbc.update("delete from conformance_case where process_instance_id in (" + in + ")", ids);
    List<Object[]> taskRows = new ArrayList<>();
    List<Object[]> verdictRows = new ArrayList<>();
    for (HistoricTaskInstance task : tasks) {
      Timestamp finished = new Timestamp(task.getEndTime().getTime());
      String caseId = task.getRootProcessInstanceId();
      taskRows.add(new Object[] {task.getId(), caseId, finished, ruleSet});
      for (TaskRule rule : rules) {
        Judgement j = rule.judge(task);
        if (j != null) {
          // department (index 5) filled in below, for all governed tasks at once
          verdictRows.add(new Object[] {rule.clause(), task.getId(), caseId, finished, ruleSet, null, j.violated(),
              j.messageZh(), j.messageEn()});
        }
      }
    }
    Map<String, String> departments = candidateGroups.firstOf(verdictRows.stream().map(r -> (String) r[1])
        .distinct().toList());
    verdictRows.forEach(r -> r[5] = departments.getOrDefault((String) r[1], ConformanceRule.NO_DEPARTMENT));
    jdbc.batchUpdate("insert into conformance_task (task_id, process_instance_id, finished_at, rule_set)"
        + " values (?, ?, ?, ?)", taskRows);
    jdbc.batchUpdate("insert into conformance_task_verdict (clause, task_id, process_instance_id, finished_at,"
        + " rule_set, department, violated, message_zh, message_en) values (?, ?, ?, ?, ?, ?, ?, ?, ?)", verdictRows);
    Timestamp now = new Timestamp(ClockUtil.getCurrentTime().getTime());
    jdbc.batchUpdate("insert into conformance_case (process_instance_id, rule_set, evaluated_at) values (?, ?, ?)",
        cases.stream().map(c -> new Object[] {c, ruleSet, now}).toList());
  }

  /** Sends the job that keeps the case's verdicts (in the current command and transaction, if there is one). */
  public void schedule(String caseId) {
    ((ProcessEngineImpl) engine).getProcessEngineConfiguration().getCommandExecutorTxRequired().execute(context -> {
      MessageEntity message = new MessageEntity();
      message.setJobHandlerType(JOB_TYPE);
      message.setJobHandlerConfigurationRaw(caseId);
      context.getJobManager().send(message);
      return null;
    });
  }

  /**
   * The task rules' verdicts of a period, as {@link TaskRule#check} would judge them live: the kept verdicts of the
   * period's tasks plus the live judgement of its tasks that are not kept. The tasks not kept are read first: a
   * case kept in between is then in both, once per task.
   */
  public Map<TaskRule, Verdict> check(Instant from, Instant to) {
    Date after = Date.from(from.minusMillis(1)); // as TaskRule#check bounds the period
    Date before = Date.from(to);
    String ruleSet = ruleSet();
    Map<String, List<Judgement>> byClause = new HashMap<>();
    rules.forEach(r -> byClause.put(r.clause(), new ArrayList<>()));
    for (HistoricTaskInstance task : engine.getHistoryService().createNativeHistoricTaskInstanceQuery()
        .sql("select RES.* from " + table(HistoricTaskInstance.class) + " RES where RES.END_TIME_ >= #{after}"
            + " and RES.END_TIME_ <= #{before} and not exists (select 1 from conformance_task C"
            + " where C.task_id = RES.ID_ and C.rule_set = #{ruleSet} and C.finished_at >= #{after}"
            + " and C.finished_at <= #{before})")
        .parameter("after", after).parameter("before", before).parameter("ruleSet", ruleSet).list()) {
      for (TaskRule rule : rules) {
        Judgement j = rule.judge(task);
        if (j != null) {
          byClause.get(rule.clause()).add(j);
        }
      }
    }
    List<Object> parameters = new ArrayList<>(byClause.keySet());
    parameters.addAll(List.of(ruleSet, new Timestamp(after.getTime()), new Timestamp(before.getTime())));
    jdbc.query("select clause, process_instance_id, task_id, finished_at, department, violated, message_zh,"
        + " message_en from conformance_task_verdict where clause in ("
        + String.join(", ", Collections.nCopies(byClause.size(), "?")) + ") and rule_set = ?"
        + " and finished_at >= ? and finished_at <= ?",
        rs -> {
          List<Judgement> judgements = byClause.get(rs.getString(1));
          if (judgements != null) {
            judgements.add(new Judgement(rs.getString(2), rs.getString(3), rs.getTimestamp(4), rs.getString(5),
                rs.getBoolean(6), rs.getString(7), rs.getString(8)));
          }
        }, parameters.toArray());
    Map<TaskRule, Verdict> verdicts = new LinkedHashMap<>();
    rules.forEach(r -> verdicts.put(r, r.verdict(byClause.get(r.clause()))));
    return verdicts;
  }

  private String table(Class<?> entity) {
    return engine.getManagementService().getTableName(entity);
  }
}
