package com.zhidu.hiringrequest;

import static com.zhidu.Refusals.fieldsOf;
import static com.zhidu.Refusals.refusalIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.zhidu.AsUser;
import com.zhidu.Reviews;
import com.zhidu.Jobs;
import com.zhidu.ProcessTestCoverage;
import com.zhidu.ZhiduTest;
import com.zhidu.hiringrequest.HiringRepository.Hire;
import com.zhidu.hiringrequest.HiringRepository.Request;
import com.zhidu.platform.Refusal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** hiring-request (§3.2.3, §5.2.1): request → report-approval → hr recruits → added to the organisation → onboarding. */
@ZhiduTest
class HiringRequestProcessTest {

  static ProcessEngine engine;

  @Autowired ProcessEngine processEngine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired IdentityService identity;
  @Autowired HiringRepository hiring;
  @Autowired JdbcTemplate jdbc;
  AsUser as;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(processEngine);
    engine = processEngine;
    as = new AsUser(identity);
  }

  @AfterEach
  void tearDown() {
    identity.clearAuthentication();
  }

  @AfterAll
  static void everyPathIsCovered() {
    ProcessTestCoverage.assertFullyCovered(engine, "hiring-request");
  }

  @Test
  void approvedRequestRecruitsAddsTheEmployeeToTheOrganisationAndOnboardsThem() {
    ProcessInstance pi = start("zhaolei", request());
    Request request = hiring.findByProcess(pi.getId()).orElseThrow();
    assertThat(request.requestedBy()).isEqualTo("zhaolei");
    assertThat(request.budgetMinor()).isEqualTo(60_000_050L);
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(pi.getId()).singleResult().getBusinessKey())
        .isEqualTo("HIR-" + request.id());
    review("zhangwei", pi, "managerReview", "approved", null);
    review("linzong", pi, "leadershipApproval", "approved", null);
    assertThat(hiring.request(request.id()).status()).isEqualTo(HiringRepository.APPROVED);

    Task recruit = task(pi, "recruit");
    assertThat((String) tasks.getVariableLocal(recruit.getId(), "requestText")).contains("銷售專員", "salesTeamSouth");
    // Only hr records new employees; a taken account and an unknown line manager are refused by field.
    assertThatThrownBy(() -> as.run("zhaolei", () -> tasks.complete(recruit.getId(), recruitForm("lilei", "wuming"))))
        .isInstanceOf(AuthorizationException.class);
    assertThat(fieldsOf(catchThrowable(() -> complete("fengxue", recruit, recruitForm("sunli", "nobody")))))
        .containsExactlyInAnyOrder("newUserId", "lineManager");
    assertThat(hiring.hires(request.id())).isEmpty();
    complete("fengxue", recruit, recruitForm("lilei", "wuming"));
    Jobs.executeAll(management, pi.getId());

    // The new employee is a Camunda user in the request's group and team, with the recorded line manager.
    assertThat(identity.createUserQuery().userId("lilei").singleResult().getFirstName()).isEqualTo("李雷");
    assertThat(identity.createGroupQuery().groupMember("lilei").list()).extracting(Group::getId)
        .containsExactlyInAnyOrder("sales", "salesTeamSouth");
    assertThat(hiring.lineManagerOfHired("lilei")).contains("wuming");
    Task onboarding = task(pi, "onboarding");
    assertThat(onboarding.getAssignee()).isEqualTo("lilei");
    assertThatThrownBy(() -> as.run("wuming", () -> tasks.complete(onboarding.getId(), Map.of("onboardingNote", "x"))))
        .isInstanceOfAny(AuthorizationException.class, Refusal.class);
    as.run("lilei", () -> tasks.complete(onboarding.getId(), Map.of("onboardingNote", "了解公司文化與規章。")));

    assertThat(pi).isEnded().hasPassed("addEmployee", "onboarding", "EndEvent_Staffed").hasNotPassed("EndEvent_Rejected");
    assertThat(hiring.hires(request.id())).extracting(Hire::userId, Hire::memberGroup, Hire::team, Hire::lineManager,
        Hire::recordedBy, Hire::onboardingNote)
        .containsExactly(tuple("lilei", "sales", "salesTeamSouth", "wuming", "fengxue", "了解公司文化與規章。"));
    assertThat(hiring.hires(request.id()).get(0).addedAt()).isNotNull();
  }

  @Test
  void aRejectedRequestEndsWithoutRecruitment() {
    Map<String, Object> form = request();
    form.put("headcount", 2);
    ProcessInstance pi = start("zhaolei", form);
    review("zhangwei", pi, "managerReview", "approved", null);
    review("linzong", pi, "leadershipApproval", "rejected", "今年人事凍結");
    assertThat(pi).isEnded().hasPassed("EndEvent_Rejected").hasNotPassed("recruit");
    assertThat(hiring.findByProcess(pi.getId()).orElseThrow().status()).isEqualTo(HiringRepository.REJECTED);
  }

  @Test
  void onlySalesManagementAndTheManagerRequestStaff() {
    long before = requests();
    for (String outsider : List.of("sunli", "fengxue", "chenjing")) {
      assertThatThrownBy(() -> as.call(outsider, () -> runtime.startProcessInstanceByKey("hiring-request", request())))
          .isInstanceOf(AuthorizationException.class);
    }
    assertThat(refusalIn(catchThrowable(() -> as.call("demo", () -> runtime.startProcessInstanceByKey("hiring-request",
        request())))).status()).isEqualTo(403);
    assertThat(requests()).isEqualTo(before);
    // The manager may: his own request goes to leadership alone (he cannot review it).
    ProcessInstance pi = start("zhangwei", request());
    assertThat(runtime.getVariable(approvalOf(pi).getId(), "managerReviewRequired")).isEqualTo(false);
  }

  @Test
  void badRequestsAreRefusedNamingTheFieldAndNothingIsSaved() {
    long before = requests();
    Map<String, Map<String, Object>> bad = new HashMap<>();
    Map<String, Object> negative = request();
    negative.put("budget", -1);
    bad.put("budget", negative);
    Map<String, Object> none = request();
    none.put("headcount", 0);
    bad.put("headcount", none);
    Map<String, Object> teamForCrm = request();
    teamForCrm.put("memberGroup", "crm");
    bad.put("team", teamForCrm);
    Map<String, Object> noReason = request();
    noReason.put("reason", " ");
    bad.put("reason", noReason);
    bad.forEach((field, form) -> assertThat(fieldsOf(catchThrowable(() -> start("zhaolei", form)))).as(field).contains(field));
    assertThat(requests()).isEqualTo(before);
  }

  // --- helpers

  static Map<String, Object> request() {
    Map<String, Object> form = new HashMap<>();
    form.put("role", "銷售專員");
    form.put("memberGroup", "sales");
    form.put("team", "salesTeamSouth");
    form.put("headcount", 1);
    form.put("reason", "南區業務量成長,需增加一名銷售人員。");
    form.put("budget", 600_000.50);
    return form;
  }

  private static Map<String, Object> recruitForm(String userId, String manager) {
    Map<String, Object> form = new HashMap<>();
    form.put("newUserId", userId);
    form.put("newName", "李雷");
    form.put("newEmail", userId + "@zhidu.example");
    form.put("lineManager", manager);
    return form;
  }

  private long requests() {
    return jdbc.queryForObject("select count(*) from hiring_request", Long.class);
  }

  private ProcessInstance start(String user, Map<String, Object> form) {
    ProcessInstance pi = as.call(user, () -> runtime.startProcessInstanceByKey("hiring-request", form));
    Jobs.executeAll(management, pi.getId());
    return pi;
  }

  private Task task(ProcessInstance pi, String key) {
    return tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(key).singleResult();
  }

  private ProcessInstance approvalOf(ProcessInstance pi) {
    return runtime.createProcessInstanceQuery().superProcessInstanceId(pi.getId()).singleResult();
  }

  private void review(String user, ProcessInstance pi, String key, String decision, String comment) {
    Reviews.decide(runtime, tasks, as, pi, key, user, decision, comment);
    Jobs.executeAll(management, pi.getId());
  }

  private void complete(String user, Task task, Map<String, Object> variables) {
    as.run(user, () -> {
      if (task.getAssignee() == null) {
        tasks.claim(task.getId(), user);
      }
      tasks.complete(task.getId(), variables);
    });
  }
}
