package com.zhidu.audit.conformance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricTaskInstance;

/**
 * A clause judged task by task from the case's own history (the task, its candidate groups, task_action, the
 * deployed model): once the case has ended its verdict no longer changes, so {@link CaseVerdicts} keeps it per
 * finished case and the report reads it instead of judging every task of the period again. {@link #check} is the
 * live judgement of a period, which the kept verdicts reproduce.
 *
 * <p>Department of a case: the candidate group of the task that decided the verdict (the first violating task of
 * the period, else the first checked one, in task id order). A task offered to several groups counts under the
 * first by id; a task with no candidate group under {@link ConformanceRule#NO_DEPARTMENT}. The performer's groups
 * are not used: a person may belong to several groups, the candidate group names who was responsible.
 */
public abstract class TaskRule implements ConformanceRule {

  /**
   * One judged task. {@code department} is null until looked up (the live judgement looks up only the deciding
   * task of each case); the messages are null when the task kept the clause.
   */
  public record Judgement(String caseId, String taskId, Date finishedAt, String department, boolean violated,
      String messageZh, String messageEn) {}

  protected final ProcessEngine engine;
  private final CandidateGroups candidateGroups;

  protected TaskRule(ProcessEngine engine, CandidateGroups candidateGroups) {
    this.engine = engine;
    this.candidateGroups = candidateGroups;
  }

  /** Raise when the judgement changes: kept verdicts of an older rule set are judged live and recomputed. */
  public abstract int version();

  /** The judgement of a finished task, or null when the clause does not govern it. */
  public abstract Judgement judge(HistoricTaskInstance task);

  /** Live: judges every task finished in the period (as the engine's query bounds it: both ends included). */
  @Override
  public Verdict check(Instant from, Instant to) {
    List<Judgement> judgements = new ArrayList<>();
    for (HistoricTaskInstance task : engine.getHistoryService().createHistoricTaskInstanceQuery().finished()
        .finishedAfter(Date.from(from.minusMillis(1))).finishedBefore(Date.from(to)).list()) {
      Judgement judgement = judge(task);
      if (judgement != null) {
        judgements.add(judgement);
      }
    }
    return verdict(judgements);
  }

  /** The verdict of a period from its judged tasks (kept or live, in any order; one per task). */
  Verdict verdict(Collection<Judgement> judgements) {
    Map<String, Judgement> byTask = new TreeMap<>(); // task id order, as the engine's task query lists them
    judgements.forEach(j -> byTask.put(j.taskId(), j));
    Set<String> checked = new TreeSet<>();
    List<Finding> findings = new ArrayList<>();
    Map<String, Judgement> deciding = new HashMap<>();
    for (Judgement j : byTask.values()) {
      checked.add(j.caseId());
      Judgement current = deciding.get(j.caseId());
      if (current == null || j.violated() && !current.violated()) {
        deciding.put(j.caseId(), j);
      }
      if (j.violated()) {
        findings.add(new Finding(j.caseId(), j.taskId(), j.messageZh(), j.messageEn()));
      }
    }
    // Departments of the deciding tasks not looked up yet (live judgements), all in one query.
    Map<String, String> lookedUp = candidateGroups.firstOf(deciding.values().stream()
        .filter(j -> j.department() == null).map(Judgement::taskId).toList());
    Map<String, String> departments = new HashMap<>();
    deciding.forEach((caseId, j) -> departments.put(caseId, j.department() != null ? j.department()
        : lookedUp.getOrDefault(j.taskId(), ConformanceRule.NO_DEPARTMENT)));
    return new Verdict(checked, findings, departments);
  }
}
