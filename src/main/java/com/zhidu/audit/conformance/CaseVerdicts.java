package com.zhidu.audit.conformance;

import com.zhidu.audit.conformance.ConformanceRule.Verdict;
import com.zhidu.audit.conformance.TaskRule.Judgement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.impl.persistence.entity.MessageEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The kept verdicts of the {@link TaskRule}s per finished case (tables {@code conformance_case},
 * {@code conformance_task}, {@code conformance_task_verdict}, Flyway V36).
 *
 * <ul>
 *   <li>Written when a case ends: {@link CaseEndVerdicts} sends a job ({@link #JOB_TYPE}) in the transaction of
 *       the case's end; the job executor runs {@link #store}, a failure is retried and, after the retries, an
 *       incident, like any failed job.
 *   <li>{@link #backfill}: judges every finished case without a verdict of the current rule set (cases that ended
 *       before the tables existed, or under an older {@link #ruleSet}); run once at start-up by
 *       {@link ConformanceBackfill}. A case it cannot judge gets a job, as at its end.
 *   <li>{@link #check}: the report of a period from the kept verdicts, plus the live judgement of the period's
 *       tasks that are not kept (open cases, cases not judged yet or under another rule set), so the report never
 *       depends on the jobs having run.
 * </ul>
 */
@Component
public class CaseVerdicts {

  static final String JOB_TYPE = "zhidu-conformance-verdict";

  private static final Logger log = LoggerFactory.getLogger(CaseVerdicts.class);
  private static final int BATCH = 500;

  private final List<TaskRule> rules;
  private final ProcessEngine engine;
  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;

  public CaseVerdicts(List<TaskRule> rules, ProcessEngine engine, JdbcTemplate jdbc,
      PlatformTransactionManager transactionManager) {
    this.rules = rules.stream().sorted(Comparator.comparing(TaskRule::clause)).toList();
    this.engine = engine;
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactionManager);
  }

  /** The rules and their versions, e.g. {@code §1.3.2:1,§1.3.3:1}: kept verdicts of another rule set are stale. */
  public String ruleSet() {
    return rules.stream().map(r -> r.clause() + ":" + r.version()).collect(Collectors.joining(","));
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
      List<HistoricTaskInstance> tasks = engine.getHistoryService().createNativeHistoricTaskInstanceQuery()
          .sql("select RES.* from " + table(HistoricTaskInstance.class) + " RES where RES.ROOT_PROC_INST_ID_ = #{caseId}"
              + " and RES.END_TIME_ is not null order by RES.ID_")
          .parameter("caseId", caseId).list();
      String ruleSet = ruleSet();
      jdbc.update("delete from conformance_task_verdict where process_instance_id = ?", caseId);
      jdbc.update("delete from conformance_task where process_instance_id = ?", caseId);
      jdbc.update("delete from conformance_case where process_instance_id = ?", caseId);
      List<Object[]> taskRows = new ArrayList<>();
      List<Object[]> verdictRows = new ArrayList<>();
      Map<String, String> departments = new HashMap<>();
      for (HistoricTaskInstance task : tasks) {
        taskRows.add(new Object[] {task.getId(), caseId, new Timestamp(task.getEndTime().getTime()), ruleSet});
        for (TaskRule rule : rules) {
          Judgement j = rule.judge(task);
          if (j != null) {
            String department = departments.computeIfAbsent(task.getId(), rule::candidateGroup);
            verdictRows.add(new Object[] {rule.clause(), task.getId(), caseId,
                new Timestamp(task.getEndTime().getTime()), ruleSet, department, j.violated(), j.messageZh(),
                j.messageEn()});
          }
        }
      }
      jdbc.batchUpdate("insert into conformance_task (task_id, process_instance_id, finished_at, rule_set)"
          + " values (?, ?, ?, ?)", taskRows);
      jdbc.batchUpdate("insert into conformance_task_verdict (clause, task_id, process_instance_id, finished_at,"
          + " rule_set, department, violated, message_zh, message_en) values (?, ?, ?, ?, ?, ?, ?, ?, ?)", verdictRows);
      jdbc.update("insert into conformance_case (process_instance_id, rule_set, evaluated_at) values (?, ?, ?)",
          caseId, ruleSet, new Timestamp(ClockUtil.getCurrentTime().getTime()));
    });
  }

  /**
   * Judges every finished case that has no verdict of the current rule set, in id order, each in its own
   * transaction. Returns how many were judged; a case that fails is logged and handed to a job (retries, then an
   * incident) and meanwhile judged live by the report.
   */
  public int backfill() {
    String ruleSet = ruleSet();
    String processes = table(HistoricProcessInstance.class);
    String after = "";
    int judged = 0;
    while (true) {
      List<String> cases = jdbc.queryForList("select p.ID_ from " + processes + " p where p.END_TIME_ is not null"
          + " and p.ID_ = p.ROOT_PROC_INST_ID_ and p.ID_ > ? and not exists (select 1 from conformance_case c"
          + " where c.process_instance_id = p.ID_ and c.rule_set = ?) order by p.ID_ limit " + BATCH, String.class,
          after, ruleSet);
      if (cases.isEmpty()) {
        return judged;
      }
      for (String caseId : cases) {
        try {
          store(caseId);
          judged++;
        } catch (RuntimeException e) {
          log.warn("Conformance verdict of case {} failed, handed to a job: {}", caseId, e.toString());
          schedule(caseId);
        }
      }
      after = cases.get(cases.size() - 1);
    }
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
