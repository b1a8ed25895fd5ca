package com.zhidu.salesopportunity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.zhidu.AsUser;
import com.zhidu.ProcessTestExtension;
import com.zhidu.ZhiduTest;
import com.zhidu.customerfile.CustomerFileRepository;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;

/**
 * sales-opportunity (§3.3.5): an opportunity raised in a care contact or a complaint becomes a follow-up task of
 * the sales group (assigned to its owner when named); the salesperson records the outcome. Raised here the way
 * {@link RaiseOpportunityDelegate} does; the raising itself is tested in customer-care and complaint-handling.
 */
@ZhiduTest
class SalesOpportunityProcessTest {

  @RegisterExtension
  static final ProcessTestExtension processTest = ProcessTestExtension.fullyCovering("sales-opportunity");

  @Autowired ProcessEngine processEngine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired IdentityService identity;
  @Autowired CustomerFileRepository files;
  @Autowired OpportunityRepository opportunities;
  @Autowired TestRestTemplate rest;
  AsUser as;

  @BeforeEach
  void setUp() {
    as = new AsUser(identity);
  }

  @Test
  void theOpportunityIsHandedToSalesAndItsOutcomeRecorded() {
    long customer = files.create("桃園電子股份有限公司", "鍾經理", "03-444-5555", null, "xiaoyu");
    Opportunity raised = opportunities.raiseOnce(customer, Opportunity.CARE, "test-" + customer,
        "倉儲自動化升級", "X200 控制器與安裝調試套裝", "sunli", "xiaoyu");
    ProcessInstance followUp = handOver(raised);

    assertThat(followUp).isWaitingAt("followUpOpportunity");
    assertThat(processEngine.getHistoryService().createHistoricProcessInstanceQuery()
        .processInstanceId(followUp.getId()).singleResult().getBusinessKey()).isEqualTo("OPP-" + raised.id());
    Task task = tasks.createTaskQuery().processInstanceId(followUp.getId()).singleResult();
    assertThat(task).isAssignedTo("sunli");
    assertThat(tasks.getIdentityLinksForTask(task.getId())).extracting(l -> l.getGroupId()).contains("sales");
    assertThat(tasks.getVariable(task.getId(), "customerName")).isEqualTo("桃園電子股份有限公司");
    assertThat(tasks.getVariable(task.getId(), "opportunityNeed")).isEqualTo("倉儲自動化升級");

    // Sales sees it; the CRM group, which raised it, does not work it.
    assertThat(as.call("wuming", () -> tasks.createTaskQuery().taskId(task.getId()).count())).isOne();
    assertThat(as.call("xiaoyu", () -> tasks.createTaskQuery().taskId(task.getId()).count())).isZero();
    assertThatThrownBy(() -> as.run("xiaoyu", () -> tasks.complete(task.getId(), Map.of("opportunityOutcome", "won",
        "outcomeNote", "x")))).isInstanceOf(AuthorizationException.class);
    assertThat(rest.withBasicAuth("xiaoyu", "xiaoyu").postForEntity("/engine-rest/engine/" + processEngine.getName()
        + "/task/" + task.getId() + "/claim", Map.of("userId", "xiaoyu"), String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);

    assertThatThrownBy(() -> as.run("sunli", () -> tasks.complete(task.getId(), Map.of("opportunityOutcome", "maybe",
        "outcomeNote", "再說")))).hasMessageContaining("opportunityOutcome");
    as.run("sunli", () -> tasks.complete(task.getId(), Map.of("opportunityOutcome", "won",
        "outcomeNote", "客戶同意報價,已啟動銷售合同")));

    assertThat(followUp).isEnded().hasPassed("EndEvent_FollowedUp");
    Opportunity recorded = opportunities.opportunity(raised.id());
    assertThat(recorded.status()).isEqualTo("won");
    assertThat(recorded.followedUpBy()).isEqualTo("sunli");
    assertThat(recorded.outcomeNote()).isEqualTo("客戶同意報價,已啟動銷售合同");
    assertThat(recorded.closedAt()).isNotNull();
  }

  @Test
  void withoutAnOwnerAnySalespersonClaimsIt() {
    long customer = files.create("苗栗陶瓷", "劉小姐", "037-111-222", null, "xiaoyu");
    Opportunity raised = opportunities.raiseOnce(customer, Opportunity.COMPLAINT, "test-" + customer + "-1",
        "更耐用的包裝", "改用加強型包裝方案", null, "zhengxin");
    ProcessInstance followUp = handOver(raised);
    Task task = tasks.createTaskQuery().processInstanceId(followUp.getId()).singleResult();
    assertThat(task).isNotAssigned().hasCandidateGroup("sales");
    as.run("zhouqiang", () -> {
      tasks.claim(task.getId(), "zhouqiang");
      tasks.complete(task.getId(), Map.of("opportunityOutcome", "lost", "outcomeNote", "客戶暫無預算"));
    });
    assertThat(opportunities.opportunity(raised.id())).extracting(Opportunity::status, Opportunity::followedUpBy)
        .containsExactly("lost", "zhouqiang");
  }

  @Test
  void aStartOutsideTheRaisingStepIsRefused() {
    assertThatThrownBy(() -> as.run("xiaoyu", () -> runtime.createMessageCorrelation(RaiseOpportunityDelegate.MESSAGE)
        .setVariables(Map.of("opportunityId", 1L)).correlateStartMessage()))
        .isInstanceOf(AuthorizationException.class);
  }

  private ProcessInstance handOver(Opportunity raised) {
    ProcessInstance instance = runtime.createMessageCorrelation(RaiseOpportunityDelegate.MESSAGE)
        .processInstanceBusinessKey("OPP-" + raised.id()).setVariables(Map.of("opportunityId", raised.id()))
        .correlateStartMessage();
    opportunities.linkCase(raised.id(), instance.getId());
    return instance;
  }
}
