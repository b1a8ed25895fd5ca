package com.zhidu.hiringrequest;

import static org.assertj.core.api.Assertions.assertThat;

import com.zhidu.AsUser;
import com.zhidu.Jobs;
import com.zhidu.Reviews;
import com.zhidu.ZhiduIT;
import com.zhidu.organization.OrganizationService;
import com.zhidu.performanceappraisal.AppraisalDriver;
import com.zhidu.performanceappraisal.AppraisalRepository;
import com.zhidu.performanceappraisal.AppraisalRepository.Appraisal;
import com.zhidu.platform.notification.TaskPeople;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * On PostgreSQL (§3.2.3, §4.1.1, §4.1.3): a salesperson hired through hiring-request is in the next appraisal cycle
 * of the sales group, with the line manager hr recorded as superior and the sales team as peers, and their overdue
 * tasks escalate to that line manager. The organisation file does not list them.
 */
@ZhiduIT
class HiredEmployeeIT {

  @Autowired ProcessEngine engine;
  @Autowired HiringRepository hiring;
  @Autowired AppraisalRepository appraisals;
  @Autowired OrganizationService organization;
  @Autowired TaskPeople people;
  @Autowired JdbcTemplate jdbc;

  @AfterEach
  void leaveTheOrganisationAsTheFileSays() {
    for (String userId : jdbc.queryForList("select user_id from hired_employee", String.class)) {
      engine.getIdentityService().deleteUser(userId);
    }
    jdbc.update("delete from hired_employee");
  }

  @Test
  void aHiredSalespersonIsAppraisedInTheNextCycleWithTheRecordedLineManagerAsSuperior() {
    AsUser as = new AsUser(engine.getIdentityService());
    Map<String, Object> request = new HashMap<>();
    request.put("role", "銷售專員");
    request.put("memberGroup", "sales");
    request.put("team", "salesTeamNorth");
    request.put("headcount", 1);
    request.put("reason", "北區新開發三家經銷商,需增加一名銷售人員。");
    request.put("budget", 720_000);
    ProcessInstance hire = as.call("zhaolei",
        () -> engine.getRuntimeService().startProcessInstanceByKey("hiring-request", request));
    Jobs.executeAll(engine.getManagementService(), hire.getId());
    Reviews.decide(engine.getRuntimeService(), engine.getTaskService(), as, hire, "managerReview", "zhangwei", "approved", null);
    Reviews.decide(engine.getRuntimeService(), engine.getTaskService(), as, hire, "leadershipApproval", "linzong", "approved", null);
    Jobs.executeAll(engine.getManagementService(), hire.getId());
    Task recruit = task(hire, "recruit");
    Map<String, Object> recruited = Map.of("newUserId", "hanmei", "newName", "韓梅", "newEmail", "hanmei@zhidu.example",
        "lineManager", "sunli");
    as.run("fengxue", () -> {
      engine.getTaskService().claim(recruit.getId(), "fengxue");
      engine.getTaskService().complete(recruit.getId(), recruited);
    });
    Jobs.executeAll(engine.getManagementService(), hire.getId());
    Task onboarding = task(hire, "onboarding");
    assertThat(onboarding.getAssignee()).isEqualTo("hanmei");
    as.run("hanmei", () -> engine.getTaskService().complete(onboarding.getId(), Map.of("onboardingNote", "已完成。")));
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(hire.getId())
        .singleResult().getEndTime()).isNotNull();

    // The organisation knows her though organization.yaml does not list her.
    assertThat(organization.file().users()).noneMatch(u -> u.id().equals("hanmei"));
    assertThat(organization.lineManagerOf("hanmei")).isEqualTo("sunli");
    assertThat(organization.membersOfTeam("salesTeamNorth")).containsExactly("sunli", "zhouqiang", "hanmei");
    assertThat(people.escalationTargets(new TaskPeople.Task("hanmei", List.of(), List.of()))).containsExactly("sunli");

    // The next cycle of the sales group appraises her: superior = the recorded line manager, peers = her team.
    AppraisalDriver driver = new AppraisalDriver(engine, appraisals, jdbc);
    ProcessInstance cycle = driver.open("fengxue", "monthly", "2019-06", "sales");
    Appraisal appraisal = driver.appraisal(cycle, "hanmei");
    assertThat(appraisal.role()).isEqualTo("sales");
    assertThat(appraisal.lineManager()).isEqualTo("sunli");
    assertThat(driver.task(cycle, "superiorEvaluation", appraisal.id()).getAssignee()).isEqualTo("sunli");
    assertThat(driver.task(cycle, "selfEvaluation", appraisal.id()).getAssignee()).isEqualTo("hanmei");
    assertThat(driver.tasks(cycle, "peerEvaluation", appraisal.id())).extracting(Task::getAssignee)
        .containsExactlyInAnyOrder("sunli", "zhouqiang");
    // ... and she is a peer of her team mates.
    assertThat(driver.tasks(cycle, "peerEvaluation", driver.appraisal(cycle, "zhouqiang").id()))
        .extracting(Task::getAssignee).contains("hanmei");
    engine.getRuntimeService().deleteProcessInstance(cycle.getId(), "HiredEmployeeIT done");
  }

  private Task task(ProcessInstance pi, String key) {
    return engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(key).singleResult();
  }
}
