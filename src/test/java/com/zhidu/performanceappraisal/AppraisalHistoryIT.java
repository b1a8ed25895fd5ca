package com.zhidu.performanceappraisal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zhidu.ZhiduIT;
import com.zhidu.dismissalcase.DismissalCaseRepository;
import com.zhidu.performanceappraisal.AppraisalRepository.Appraisal;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * On PostgreSQL (§4.1.4): the rating history across two monthly cycles of the operations analysis group, the
 * consecutive-cycle rule (two 不合格 → a dismissal case; 不合格 then 合格 → none), and who may read what over REST.
 */
@ZhiduIT
class AppraisalHistoryIT {

  static final ObjectMapper JSON = new ObjectMapper();

  @Autowired ProcessEngine engine;
  @Autowired AppraisalRepository appraisals;
  @Autowired DismissalCaseRepository cases;
  @Autowired JdbcTemplate jdbc;
  @Autowired TestRestTemplate rest;

  @Test
  void ratingHistoryAndTheConsecutiveCycleRuleAcrossTwoCycles() throws Exception {
    AppraisalDriver driver = new AppraisalDriver(engine, appraisals, jdbc);
    ProcessInstance first = driver.open("fengxue", "monthly", "2019-01", "operationsAnalysis");
    Appraisal huangminFirst = driver.appraisal(first, "huangmin");

    // Tasks: an employee sees their own tasks, not a colleague's self-evaluation; a peer's task shows no other scores.
    List<String> xuhuiSees = taskKeys("xuhui", first);
    assertThat(xuhuiSees).containsExactlyInAnyOrder("selfEvaluation", "peerEvaluation");
    driver.complete("huangmin", driver.task(first, "selfEvaluation", huangminFirst.id()), AppraisalDriver.scores(41));
    Task peerTask = driver.task(first, "peerEvaluation", huangminFirst.id());
    assertThat(peerTask.getAssignee()).isEqualTo("xuhui");
    JsonNode peerVariables = JSON.readTree(rest.withBasicAuth("xuhui", "xuhui").getForEntity(
        "/engine-rest/engine/" + engine.getName() + "/task/" + peerTask.getId() + "/variables", String.class).getBody());
    assertThat(peerVariables.path("knowledge").path("value").isNull()).isTrue();
    assertThat(peerVariables.path("comment").path("value").isNull()).isTrue();
    assertThat(rest.withBasicAuth("xuhui", "xuhui").getForEntity("/engine-rest/engine/" + engine.getName() + "/task/"
        + driver.task(first, "superiorEvaluation", huangminFirst.id()).getId(), String.class).getStatusCode())
        .isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);

    driver.complete("lina", driver.task(first, "superiorEvaluation", huangminFirst.id()), withResults(40, 40));
    driver.complete("xuhui", peerTask, AppraisalDriver.scores(40));
    driver.evaluateAll(first, "xuhui", 35, 30);
    for (String employee : List.of("huangmin", "xuhui")) {
      Appraisal a = driver.appraisal(first, employee);
      assertThat(a.rating()).isEqualTo("不合格");
      driver.reviewProposal(first, a.id(), true);
      driver.interview(first, a);
    }

    ProcessInstance second = driver.open("zhangwei", "monthly", "2019-02", "operationsAnalysis");
    driver.evaluateAll(second, "huangmin", 70, 70);
    driver.evaluateAll(second, "xuhui", 30, 25);
    Appraisal huangmin = driver.appraisal(second, "huangmin");
    Appraisal xuhui = driver.appraisal(second, "xuhui");
    assertThat(huangmin.rating()).isEqualTo("合格");
    assertThat(xuhui.rating()).isEqualTo("不合格");
    driver.reviewProposal(second, huangmin.id(), true);
    driver.reviewProposal(second, xuhui.id(), true);
    driver.developmentAndTraining(second, huangmin);
    driver.interview(second, xuhui);

    assertThat(appraisals.historyOf("xuhui")).extracting(Appraisal::periodLabel, Appraisal::rating, Appraisal::status)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("2019-02", "不合格", "closed"),
            org.assertj.core.groups.Tuple.tuple("2019-01", "不合格", "closed"));
    assertThat(cases.all()).filteredOn(c -> c.employeeId().equals("xuhui")).singleElement()
        .satisfies(c -> {
          assertThat(c.appraisalId()).isEqualTo(xuhui.id());
          assertThat(c.previousAppraisalId()).isEqualTo(driver.appraisal(first, "xuhui").id());
          assertThat(c.status()).isEqualTo("open");
        });
    assertThat(cases.all()).noneMatch(c -> c.employeeId().equals("huangmin"));

    // REST: own results only; the line manager and HR may read them; HR sees dismissal cases, sales does not.
    JsonNode own = JSON.readTree(get("xuhui", "/zhidu/api/appraisal/results").getBody());
    assertThat(own).hasSize(2);
    assertThat(own.get(0).get("evaluations").has("peer")).isFalse();
    assertThat(get("huangmin", "/zhidu/api/appraisal/results?employee=xuhui").getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(get("xuhui", "/zhidu/api/appraisal/results?employee=huangmin").getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(get("sunli", "/zhidu/api/appraisal/results?employee=xuhui").getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(get("fengxue", "/zhidu/api/appraisal/dismissal-cases").getBody()).contains("xuhui");
    assertThat(get("sunli", "/zhidu/api/appraisal/dismissal-cases").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(rest.getForEntity("/zhidu/api/appraisal/dismissal-cases", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  List<String> taskKeys(String user, ProcessInstance cycle) throws Exception {
    JsonNode found = JSON.readTree(get(user, "/engine-rest/engine/" + engine.getName() + "/task?processInstanceId="
        + cycle.getId()).getBody());
    return java.util.stream.StreamSupport.stream(found.spliterator(), false)
        .map(t -> t.get("taskDefinitionKey").asText()).toList();
  }

  ResponseEntity<String> get(String user, String path) {
    return rest.withBasicAuth(user, user).getForEntity(path, String.class);
  }

  static Map<String, Object> withResults(int score, int results) {
    Map<String, Object> values = AppraisalDriver.scores(score);
    values.put("resultsScore", results);
    return values;
  }
}
