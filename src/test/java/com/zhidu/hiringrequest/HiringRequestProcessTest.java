package com.zhidu.hiringrequest;

import static com.zhidu.Refusals.fieldsOf;
import static com.zhidu.Refusals.refusalIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.zhidu.AsUser;
import com.zhidu.DemoRest;
import com.zhidu.ProcessTestExtension;
import com.zhidu.Reviews;
import com.zhidu.Jobs;
import com.zhidu.ZhiduTest;
import com.zhidu.hiringrequest.HiringRepository.Hire;
import com.zhidu.hiringrequest.HiringRepository.Request;
import com.zhidu.organization.OrganizationService;
import com.zhidu.performanceappraisal.AppraisalCycles;
import com.zhidu.platform.notification.TaskPeople;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * hiring-request (§3.2.3, §5.2.1): request → report-approval (sent back → the requester revises and resubmits, or
 * withdraws) → hr recruits → added to the organisation → onboarding.
 */
@ZhiduTest
class HiringRequestProcessTest {

  @RegisterExtension
  static final ProcessTestExtension processTest = ProcessTestExtension.fullyCovering("hiring-request");

  @Autowired ProcessEngine processEngine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired IdentityService identity;
  @Autowired HiringRepository hiring;
  @Autowired JdbcTemplate jdbc;
  @Autowired OrganizationService organization;
  @Autowired AppraisalCycles appraisalCycles;
  @Autowired TaskPeople people;
  @Autowired TestRestTemplate rest;
  AsUser as;

  @BeforeEach
  void setUp() {
    as = new AsUser(identity);
  }

  @AfterEach
  void tearDown() {
    // The suites share one database: the organisation the other suites see stays the file's.
    for (String userId : jdbc.queryForList("select user_id from hired_employee", String.class)) {
      identity.deleteUser(userId);
    }
    jdbc.update("delete from hired_employee");
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
    // ... and part of the organisation as OrganizationService answers it (the file does not list lilei).
    assertThat(organization.file().users()).noneMatch(u -> u.id().equals("lilei"));
    assertThat(organization.user("lilei")).hasValueSatisfying(u -> assertThat(u.groups()).containsExactly("sales"));
    assertThat(organization.lineManagerOf("lilei")).isEqualTo("wuming");
    assertThat(organization.displayName("lilei")).isEqualTo("李雷");
    assertThat(organization.membersOf("sales")).contains("sunli", "wuming", "lilei");
    assertThat(organization.membersOf("salesTeamSouth")).containsExactly("wuming", "lilei");
    assertThat(organization.membersOfTeam("salesTeamSouth")).containsExactly("wuming", "lilei");
    assertThat(organization.teamsOf("lilei")).containsExactly("salesTeamSouth");
    assertThat(appraisalCycles.roleOf("lilei")).isEqualTo("sales");
    assertThat(appraisalCycles.peersOf("lilei")).containsExactly("wuming");
    assertThat(appraisalCycles.peersOf("wuming")).containsExactly("lilei");
    Task onboarding = task(pi, "onboarding");
    assertThat(onboarding.getAssignee()).isEqualTo("lilei");
    // An overdue task of the new employee escalates to the recorded line manager.
    assertThat(people.escalationTargets(new TaskPeople.Task("lilei", List.of(), List.of()))).containsExactly("wuming");
    assertThatThrownBy(() -> as.run("wuming", () -> tasks.complete(onboarding.getId(), Map.of("onboardingNote", "x"))))
        .isInstanceOfAny(AuthorizationException.class, Refusal.class);
    as.run("lilei", () -> tasks.complete(onboarding.getId(), Map.of("onboardingNote", "了解公司文化與規章。")));

    assertThat(pi).isEnded().hasPassed("addEmployee", "onboarding", "EndEvent_Staffed")
        .hasNotPassed("reviseRequest", "EndEvent_Withdrawn");
    assertThat(hiring.hires(request.id())).extracting(Hire::userId, Hire::memberGroup, Hire::team, Hire::lineManager,
        Hire::recordedBy, Hire::onboardingNote)
        .containsExactly(tuple("lilei", "sales", "salesTeamSouth", "wuming", "fengxue", "了解公司文化與規章。"));
    assertThat(hiring.hires(request.id()).get(0).addedAt()).isNotNull();
  }

  @Test
  void aSentBackRequestIsRevisedByTheRequesterAndResubmittedAsANewVersion() {
    ProcessInstance pi = start("zhaolei", request());
    long id = hiring.findByProcess(pi.getId()).orElseThrow().id();
    review("zhangwei", pi, "managerReview", "rejected", "請說明南區去年的業績,並改為兩名");
    assertThat(hiring.request(id).status()).isEqualTo(HiringRepository.REJECTED);
    assertThat(pi).hasPassed("recordHiringDecision").isWaitingAt("reviseRequest");
    Task revise = task(pi, "reviseRequest");
    assertThat(revise.getAssignee()).isEqualTo("zhaolei");
    assertThat(tasks.getVariable(revise.getId(), "reviewComments").toString()).contains("並改為兩名");

    // Only the requester revises: hr is not a candidate; the manager (a candidate group) is not the requester.
    Map<String, Object> revised = revision("resubmit", 2);
    assertThatThrownBy(() -> as.run("fengxue", () -> tasks.complete(revise.getId(), revised)))
        .isInstanceOf(AuthorizationException.class);
    assertThat(refusalIn(catchThrowable(() -> as.run("zhangwei", () -> tasks.complete(revise.getId(), revised))))
        .status()).isEqualTo(403);
    // The same over HTTP, as Tasklist submits the form: hr and sales cannot even see the task; the manager, who
    // can (candidate group), is refused with 403.
    Map<String, Object> body = Map.of("variables", DemoRest.variables(revised));
    String submit = "/engine-rest/engine/" + processEngine.getName() + "/task/" + revise.getId() + "/submit-form";
    for (String outsider : List.of("fengxue", "sunli")) {
      assertThat(new DemoRest(rest).post(outsider, submit, body).status()).as(outsider)
          .isIn(403, 404);
    }
    var managerTry = new DemoRest(rest).post("zhangwei", submit, body);
    assertThat(managerTry.status()).as(managerTry.text()).isEqualTo(403);
    // A resubmission is checked like a new request; nothing is written.
    assertThat(fieldsOf(catchThrowable(() -> as.run("zhaolei", () -> tasks.complete(revise.getId(),
        revision("resubmit", 0)))))).containsExactly("headcount");
    Map<String, Object> teamForCrm = revision("resubmit", 2);
    teamForCrm.put("memberGroup", "crm");
    assertThat(fieldsOf(catchThrowable(() -> as.run("zhaolei", () -> tasks.complete(revise.getId(), teamForCrm)))))
        .containsExactly("team");
    assertThat(fieldsOf(catchThrowable(() -> as.run("zhaolei", () -> tasks.complete(revise.getId(),
        revision("later", 2)))))).containsExactly("revisionDecision");
    assertThat(hiring.request(id).version()).isEqualTo(1);

    as.run("zhaolei", () -> tasks.complete(revise.getId(), revised));
    Jobs.executeAll(management, pi.getId());
    Jobs.executeAll(management, pi.getId()); // a second run adds no version
    Request request = hiring.request(id);
    assertThat(request.version()).isEqualTo(2);
    assertThat(request.headcount()).isEqualTo(2);
    assertThat(request.reason()).contains("去年南區業績成長三成");
    assertThat(request.status()).isEqualTo(HiringRepository.IN_REVIEW);
    assertThat(hiring.earlierVersionsOf(id)).extracting(Request::version, Request::headcount).containsExactly(tuple(1, 1));
    // The second round reviews version 2.
    assertThat(runtime.getVariable(approvalOf(pi).getId(), "subjectVersion")).isEqualTo(2);
    review("zhangwei", pi, "managerReview", "approved", null);
    review("linzong", pi, "leadershipApproval", "approved", null);
    assertThat(hiring.request(id).status()).isEqualTo(HiringRepository.APPROVED);
    assertThat(tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey("recruit").count()).isEqualTo(2);
    assertThat(pi).hasPassed("reviseRequest", "storeRevisedHiringRequest").hasNotPassed("EndEvent_Withdrawn");
    runtime.deleteProcessInstance(pi.getId(), "test done");
  }

  @Test
  void aSentBackRequestCanBeWithdrawnByTheRequester() {
    Map<String, Object> form = request();
    form.put("headcount", 2);
    ProcessInstance pi = start("zhaolei", form);
    review("zhangwei", pi, "managerReview", "approved", null);
    review("linzong", pi, "leadershipApproval", "rejected", "今年人事凍結");
    Task revise = task(pi, "reviseRequest");
    Map<String, Object> withdraw = revision("withdraw", 2);
    withdraw.put("revisionComment", "依公司領導意見,今年不再招聘。");
    as.run("zhaolei", () -> tasks.complete(revise.getId(), withdraw));
    Jobs.executeAll(management, pi.getId());
    assertThat(pi).isEnded().hasPassed("withdrawHiringRequest", "EndEvent_Withdrawn")
        .hasNotPassed("recruit", "storeRevisedHiringRequest");
    Request request = hiring.findByProcess(pi.getId()).orElseThrow();
    assertThat(request.status()).isEqualTo(HiringRepository.WITHDRAWN);
    assertThat(request.version()).isEqualTo(1);
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

  /** The revise form as the requester submits it: the request as started, then the decision and its reason. */
  private static Map<String, Object> revision(String decision, int headcount) {
    Map<String, Object> form = request();
    form.put("headcount", headcount);
    form.put("reason", "南區業務量成長,需增加兩名銷售人員;去年南區業績成長三成。");
    form.put("revisionDecision", decision);
    form.put("revisionComment", "已依審核意見補充業績並調整人數。");
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
