package com.zhidu.performanceappraisal;

import static org.assertj.core.api.Assertions.assertThat;

import com.zhidu.AsUser;
import com.zhidu.Jobs;
import com.zhidu.performanceappraisal.AppraisalRepository.Appraisal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.JdbcTemplate;

/** Drives performance-appraisal cases as the demo users would, for the process test and the PostgreSQL IT. */
public class AppraisalDriver {

  final ProcessEngine engine;
  final AppraisalRepository appraisals;
  final JdbcTemplate jdbc;
  final AsUser as;

  public AppraisalDriver(ProcessEngine engine, AppraisalRepository appraisals, JdbcTemplate jdbc) {
    this.engine = engine;
    this.appraisals = appraisals;
    this.jdbc = jdbc;
    this.as = new AsUser(engine.getIdentityService());
  }

  public ProcessInstance open(String user, String kind, String period, String scope) {
    Map<String, Object> form = new HashMap<>();
    form.put("cycleKind", kind);
    if (period != null) {
      form.put("period", period);
    }
    if (scope != null) {
      form.put("scope", scope);
    }
    return as.call(user, () -> engine.getRuntimeService().startProcessInstanceByKey("performance-appraisal", form));
  }

  public Appraisal appraisal(ProcessInstance cycle, String employee) {
    Long id = jdbc.queryForObject("select a.id from appraisal a join appraisal_cycle c on c.id = a.cycle_id"
        + " where c.process_instance_id = ? and a.employee_id = ?", Long.class, cycle.getId(), employee);
    return appraisals.get(id);
  }

  /** The open tasks of that key belonging to the employee's appraisal. */
  public List<Task> tasks(ProcessInstance cycle, String key, long appraisalId) {
    return engine.getTaskService().createTaskQuery().processInstanceId(cycle.getId()).taskDefinitionKey(key).list()
        .stream().filter(t -> AppraisalRepository.id(engine.getRuntimeService().getVariable(t.getExecutionId(),
            "appraisalId")) == appraisalId).toList();
  }

  public Task task(ProcessInstance cycle, String key, long appraisalId) {
    List<Task> found = tasks(cycle, key, appraisalId);
    assertThat(found).as("one %s of appraisal %s", key, appraisalId).hasSize(1);
    return found.get(0);
  }

  /** Claims when unassigned, then completes, as the user. */
  public void complete(String user, Task task, Map<String, Object> variables) {
    as.run(user, () -> {
      if (task.getAssignee() == null) {
        engine.getTaskService().claim(task.getId(), user);
      }
      engine.getTaskService().complete(task.getId(), variables);
    });
  }

  public static Map<String, Object> scores(int value) {
    Map<String, Object> scores = new HashMap<>();
    EvaluationRecorder.SCORES.forEach(field -> scores.put(field, value));
    scores.put("comment", "評分 " + value + ":具體事例見本期工作記錄");
    return scores;
  }

  /** Every evaluation of the employee that is still open (and an open improvement plan's review, as partly met), each with the same score; customers via the CRM group. */
  public void evaluateAll(ProcessInstance cycle, String employee, int score, Integer resultsScore) {
    Appraisal a = appraisal(cycle, employee);
    complete(employee, task(cycle, "selfEvaluation", a.id()), scores(score));
    Map<String, Object> superior = scores(score);
    if (resultsScore != null) {
      superior.put("resultsScore", resultsScore);
    }
    complete(a.lineManager(), task(cycle, "superiorEvaluation", a.id()), superior);
    for (Task plan : tasks(cycle, "reviewImprovementPlan", a.id())) {
      complete(a.lineManager(), plan, Map.of("improvementGoalsMet", "partlyMet"));
    }
    for (Task peer : tasks(cycle, "peerEvaluation", a.id())) {
      complete(peer.getAssignee(), peer, scores(score));
    }
    for (Task customer : tasks(cycle, "customerEvaluation", a.id())) {
      Map<String, Object> values = scores(score);
      values.put("customerName", "華南精密機械有限公司");
      complete(employee.equals("xiaoyu") ? "zhengxin" : "xiaoyu", customer, values);
    }
  }

  /** The report-approval case reviewing the employee's proposal: manager then leadership, as decided. */
  public void reviewProposal(ProcessInstance cycle, long appraisalId, boolean managerApproves) {
    ProcessInstance review = engine.getRuntimeService().createProcessInstanceQuery()
        .superProcessInstanceId(cycle.getId()).variableValueEquals("subjectType", "appraisalProposal")
        .variableValueEquals("subjectId", Long.toString(appraisalId)).singleResult();
    assertThat(review).as("proposal review of appraisal %s", appraisalId).isNotNull();
    Task manager = engine.getTaskService().createTaskQuery().processInstanceId(review.getId())
        .taskDefinitionKey("managerReview").singleResult();
    complete("zhangwei", manager, managerApproves ? Map.of("decision", "approved")
        : Map.of("decision", "rejected", "comment", "獎金偏高,請依部門預算調整"));
    if (managerApproves) {
      Task leadership = engine.getTaskService().createTaskQuery().processInstanceId(review.getId())
          .taskDefinitionKey("leadershipApproval").singleResult();
      complete("linzong", leadership, Map.of("decision", "approved"));
    }
  }

  public void interview(ProcessInstance cycle, Appraisal a) {
    complete(a.lineManager(), task(cycle, "performanceInterview", a.id()), Map.of("interviewNotes",
        "已面談:本期目標未達成,原因為客戶拜訪不足", "improvementGoals", "下期每週拜訪客戶至少五家,月底檢討"));
    Jobs.executeAll(engine.getManagementService(), cycle.getId());
  }

  public void developmentAndTraining(ProcessInstance cycle, Appraisal a) {
    complete(a.lineManager(), task(cycle, "developmentGoals", a.id()), Map.of("developmentGoals",
        "提升數據分析能力", "trainingSuggestion", "參加 Excel 進階與商業分析課程"));
    complete("fengxue", task(cycle, "arrangeTraining", a.id()), Map.of("trainingNote", "已報名下季內部培訓"));
  }

  public void reward(ProcessInstance cycle, Appraisal a, boolean promotion) {
    complete(a.lineManager(), task(cycle, "rewardAndPromotion", a.id()), Map.of("commendation",
        "本期客戶滿意度第一,部門例會公開表揚", "certificate", true, "nominateForPromotion", promotion,
        "promotionComment", "建議晉升為資深專員"));
  }
}
