package com.zhidu.contractexecution;

import static org.assertj.core.api.Assertions.assertThat;

import com.zhidu.DemoRest;
import com.zhidu.Jobs;
import com.zhidu.ZhiduTest;
import com.zhidu.salescontract.ContractTerms;
import com.zhidu.salescontract.SalesContract;
import com.zhidu.salescontract.SalesContractRepository;
import com.zhidu.salescontract.SignedContractFixture;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * A customer change request (§3.2.5) through the REST API as the demo users: only the contract's salesperson sees
 * and raises it, bad amended terms are refused naming the field, the salesperson cannot take legal's review,
 * legal approves and the amendment becomes the contract.
 */
@ZhiduTest
class ContractChangeRestTest {

  @Autowired TestRestTemplate rest;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired SalesContractRepository contracts;
  @Autowired ProcessEngine engine;
  @Autowired TaskService taskService;

  @Test
  void theSalespersonRaisesLegalReviewsOthersAreRefused() {
    LocalDate delivery = LocalDate.now(contracts.zone()).plusDays(30);
    SalesContract contract = SignedContractFixture.signed(contracts, UUID.randomUUID().toString(), delivery, false,
        false, List.of(new ContractTerms.Instalment(1, delivery.plusDays(30), 10_000_000L)));
    ProcessInstance execution = runtime.startProcessInstanceByKey("contract-execution", contract.contractNo(),
        Map.of("contractId", contract.id(), "contractNo", contract.contractNo()));
    DemoRest demo = new DemoRest(rest);
    String pid = "processInstanceId=" + execution.getId();
    String api = "/engine-rest/engine/" + engine.getName();

    // Legal and other salespeople neither see nor complete the salesperson's change request.
    String raise = taskId(execution, "raiseChangeRequest");
    DemoRest.Reply ownView = demo.get("sunli", api + "/task?" + pid);
    assertThat(ownView.text()).as("the salesperson sees it").contains(raise);
    DemoRest.Reply legalView = demo.get("hejun", api + "/task?" + pid);
    assertThat(legalView.status()).as(legalView.text()).isEqualTo(200);
    assertThat(legalView.text()).isEqualTo("[]");
    Map<String, Object> change = Map.of("variables", DemoRest.variables(Map.of("changeDescription", "單價調整",
        "changeReason", "原料漲價", "changesTerms", true)));
    assertThat(demo.post("hejun", api + "/task/" + raise + "/submit-form", change).status()).isIn(403, 404);
    assertThat(demo.post("wuming", api + "/task/" + raise + "/submit-form", change).status()).isIn(403, 404);
    assertThat(demo.get("sunli", api + "/task/" + raise + "/deployed-form").text())
        .contains("\"contract-execution-change-request\"");
    assertThat(demo.post("sunli", api + "/task/" + raise + "/submit-form", change).status()).isEqualTo(204);

    // Amended terms whose instalments do not sum to the new value: 400 naming the field, nothing stored.
    String amend = taskId(execution, "amendContract");
    Map<String, Object> terms = new HashMap<>(Map.of("lineItems", "工業控制器 X200 | 1 | 110000",
        "contractValue", 110000, "instalments", delivery.plusDays(30) + " | 100000"));
    DemoRest.Reply refused = demo.post("sunli", api + "/task/" + amend + "/submit-form",
        Map.of("variables", DemoRest.variables(terms)));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body().get("errors").findValuesAsText("field")).containsExactly("instalments");
    assertThat(contracts.latestVersionOf(contract.id())).isEqualTo(1);
    terms.put("instalments", delivery.plusDays(30) + " | 110000");
    assertThat(demo.post("sunli", api + "/task/" + amend + "/submit-form",
        Map.of("variables", DemoRest.variables(terms))).status()).isEqualTo(204);

    // The salesperson cannot see or take legal's review; legal approves.
    String legal = taskId(execution, "legalReview");
    assertThat(demo.get("hejun", api + "/task?" + pid).text()).as("legal sees it").contains(legal);
    DemoRest.Reply salesView = demo.get("sunli", api + "/task?" + pid + "&taskDefinitionKey=legalReview");
    assertThat(salesView.status()).as(salesView.text()).isEqualTo(200);
    assertThat(salesView.text()).isEqualTo("[]");
    assertThat(demo.post("sunli", api + "/task/" + legal + "/claim", Map.of("userId", "sunli")).status())
        .isIn(403, 404);
    assertThat(demo.post("hejun", api + "/task/" + legal + "/claim", Map.of("userId", "hejun")).status())
        .isEqualTo(204);
    assertThat(demo.post("hejun", api + "/task/" + legal + "/submit-form",
        Map.of("variables", DemoRest.variables(Map.of("decision", "approved", "comment", "可")))).status())
        .isEqualTo(204);
    Jobs.executeAll(management, execution.getId());
    assertThat(contracts.contract(contract.id()).signedVersion()).isEqualTo(2);
    assertThat(contracts.signedVersion(contract.id()).contractValueMinor()).isEqualTo(11_000_000L);

    runtime.createProcessInstanceQuery().processInstanceBusinessKey(contract.contractNo()).list()
        .forEach(p -> runtime.deleteProcessInstance(p.getId(), "test cleanup"));
  }

  private String taskId(ProcessInstance execution, String key) {
    return taskService.createTaskQuery().processInstanceId(execution.getId()).taskDefinitionKey(key).singleResult()
        .getId();
  }
}
