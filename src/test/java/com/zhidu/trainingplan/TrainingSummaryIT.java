package com.zhidu.trainingplan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zhidu.AsUser;
import com.zhidu.Jobs;
import com.zhidu.ProcessTestExtension;
import com.zhidu.Reviews;
import com.zhidu.ZhiduIT;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;

/**
 * On PostgreSQL (§5.4.2): a plan delivered, evaluated and summarised; the author of the next year's plan sees that
 * summary on the draft task, through the same REST API Tasklist reads; a salesperson cannot read that task.
 */
@ZhiduIT
class TrainingSummaryIT {

  @RegisterExtension
  static final ProcessTestExtension processTest = ProcessTestExtension.withoutCoverageGate();

  static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
  static final ObjectMapper JSON = new ObjectMapper();

  @Autowired ProcessEngine engine;
  @Autowired TrainingRepository training;
  @Autowired TestRestTemplate rest;

  @Test
  void theSummaryOfAPlanIsShownToTheAuthorOfTheNextYearsPlan() throws Exception {
    AsUser as = new AsUser(engine.getIdentityService());
    clock(LocalDateTime.of(2030, 12, 1, 10, 0));
    ProcessInstance plan = start(as, 2031);
    Task draft = task(plan, "draftPlan");
    as.run("fengxue", () -> engine.getTaskService().complete(draft.getId(), Map.of("goals", "新進與在職人員的規章教育。",
        "courses", "企業文化與規章 | general | internal | 馮雪 | 2031-01-20 | sunli, zhouqiang | 5000")));
    Jobs.executeAll(engine.getManagementService(), plan.getId());
    Reviews.decide(engine.getRuntimeService(), engine.getTaskService(), as, plan, "managerReview", "zhangwei", "approved", null);
    Reviews.decide(engine.getRuntimeService(), engine.getTaskService(), as, plan, "leadershipApproval", "linzong", "approved", null);
    Jobs.executeAll(engine.getManagementService(), plan.getId());

    clock(LocalDateTime.of(2031, 1, 21, 9, 0));
    Jobs.executeAll(engine.getManagementService(), plan.getId());
    Task attendance = task(plan, "recordAttendance");
    as.run("fengxue", () -> {
      engine.getTaskService().claim(attendance.getId(), "fengxue");
      engine.getTaskService().complete(attendance.getId(), Map.of("absentees", "zhouqiang"));
    });
    Task evaluation = task(plan, "evaluateTraining");
    assertThat(evaluation.getAssignee()).isEqualTo("sunli");
    as.run("sunli", () -> engine.getTaskService().complete(evaluation.getId(),
        Map.of("examScore", 92, "reflection", "了解規章與職業道德。")));

    clock(LocalDateTime.of(2031, 3, 20, 9, 0));
    Jobs.executeAll(engine.getManagementService(), plan.getId());
    Task assessment = task(plan, "assessApplication");
    assertThat(assessment.getAssignee()).isEqualTo("zhaolei");
    as.run("zhaolei", () -> engine.getTaskService().complete(assessment.getId(),
        Map.of("applicationRating", "good", "applicationComment", "已在客戶拜訪中應用。")));
    Jobs.executeAll(engine.getManagementService(), plan.getId());
    long planId = training.findByProcess(plan.getId()).orElseThrow().id();
    assertThat(training.summaryOfPlan(planId)).hasValueSatisfying(s -> {
      assertThat(s.attended()).isEqualTo(1);
      assertThat(s.text()).contains("2031 年度培訓總結", "出席 1/2");
    });

    // The next year's plan: its author sees the summary on the draft task, over REST as Tasklist reads it.
    clock(LocalDateTime.of(2031, 11, 3, 10, 0));
    ProcessInstance next = start(as, 2032);
    Task nextDraft = task(next, "draftPlan");
    assertThat(nextDraft.getAssignee()).isEqualTo("fengxue");
    String path = "/engine-rest/engine/" + engine.getName() + "/task/" + nextDraft.getId() + "/variables";
    JsonNode shown = JSON.readTree(rest.withBasicAuth("fengxue", "fengxue").getForEntity(path, String.class).getBody());
    assertThat(shown.path("previousSummary").path("value").asText()).contains("2031 年度培訓總結", "出席 1/2");
    assertThat(shown.path("planYear").path("value").asInt()).isEqualTo(2032);
    assertThat(rest.withBasicAuth("sunli", "sunli").getForEntity(path, String.class).getStatusCode())
        .isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
    for (ProcessInstance pi : List.of(next)) {
      engine.getRuntimeService().deleteProcessInstance(pi.getId(), "TrainingSummaryIT done");
    }
  }

  private ProcessInstance start(AsUser as, int year) {
    ProcessInstance pi = as.call("fengxue",
        () -> engine.getRuntimeService().startProcessInstanceByKey("training-plan", Map.of("year", year)));
    Jobs.executeAll(engine.getManagementService(), pi.getId());
    return pi;
  }

  private Task task(ProcessInstance pi, String key) {
    return engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(key).singleResult();
  }

  private static void clock(LocalDateTime taipei) {
    ClockUtil.setCurrentTime(Date.from(taipei.atZone(TAIPEI).toInstant()));
  }
}
