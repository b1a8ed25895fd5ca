package com.zhidu.contractexecution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.zhidu.AsUser;
import com.zhidu.ProcessTestCoverage;
import com.zhidu.ZhiduTest;
import com.zhidu.salescontract.ContractTerms;
import com.zhidu.salescontract.SalesContract;
import com.zhidu.salescontract.SalesContractRepository;
import com.zhidu.salescontract.SignedContractFixture;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** contract-execution (§3.2.5): the departments the contract needs, and escalation when delivery is late. */
@ZhiduTest
class ContractExecutionProcessTest {

  static ProcessEngine engine;

  @Autowired ProcessEngine processEngine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired IdentityService identity;
  @Autowired SalesContractRepository contracts;
  AsUser as;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(processEngine);
    engine = processEngine;
    as = new AsUser(identity);
  }

  @AfterEach
  void clearAuthentication() {
    identity.clearAuthentication();
  }

  @AfterAll
  static void everyPathIsCovered() {
    ProcessTestCoverage.assertFullyCovered(engine, "contract-execution");
  }

  @Test
  void productionThenShippingThenInstallationDeliverOnTime() {
    ProcessInstance execution = start(true, true, LocalDate.now().plusDays(30));
    Job deliveryTimer = management.createJobQuery().processInstanceId(execution.getId()).timers().singleResult();
    assertThat(deliveryTimer.getDuedate()).isEqualTo(contracts.deliveryDeadlineOf(contractIdOf(execution)));

    // A salesperson cannot do production's work.
    Task production = task(execution, "produceGoods");
    assertThatThrownBy(() -> as.run("sunli", () -> tasks.claim(production.getId(), "sunli")))
        .isInstanceOf(AuthorizationException.class);

    work("gaofeng", execution, "produceGoods", "批號 A-001,品檢合格");
    work("luoping", execution, "shipGoods", "順豐 SF123,客戶已簽收");
    work("liangyu", execution, "installAndCommission", "調試完成,客戶驗收");
    assertThat(execution).isEnded().hasPassed("produceGoods", "shipGoods", "installAndCommission", "EndEvent_Delivered")
        .hasNotPassed("handleLateDelivery");
    assertThat(management.createJobQuery().processInstanceId(execution.getId()).count()).isZero();
  }

  @Test
  void lateDeliveryEscalatesToTheHeadOfSalesManagement() {
    ProcessInstance execution = start(false, false, LocalDate.now().plusDays(5));
    assertThat(execution).isWaitingAt("shipGoods");
    assertThat(task(execution, "produceGoods")).isNull();

    // The promised delivery date passes before logistics is done.
    Job deliveryTimer = management.createJobQuery().processInstanceId(execution.getId()).timers().singleResult();
    management.executeJob(deliveryTimer.getId());
    Task late = task(execution, "handleLateDelivery");
    assertThat(late.getAssignee()).isEqualTo("zhaolei");
    assertThat((String) tasks.getVariable(late.getId(), "contractSummary")).contains("交貨日期");
    // Escalation does not stop the delivery.
    assertThat(task(execution, "shipGoods")).isNotNull();

    as.run("zhaolei", () -> tasks.complete(late.getId(), Map.of("notes", "已協調物流加急,客戶同意延後三天")));
    work("luoping", execution, "shipGoods", "加急出貨");
    assertThat(execution).isEnded().hasPassed("Timer_DeliveryLate", "handleLateDelivery", "EndEvent_LateDeliveryHandled",
        "EndEvent_ContractExecuted").hasNotPassed("produceGoods", "installAndCommission");
  }

  private ProcessInstance start(boolean production, boolean installation, LocalDate delivery) {
    String caseId = UUID.randomUUID().toString();
    SalesContract contract = SignedContractFixture.signed(contracts, caseId, delivery, production, installation,
        List.of(new ContractTerms.Instalment(1, delivery.plusDays(30), 10_000_000L)));
    return runtime.startProcessInstanceByKey("contract-execution", contract.contractNo(),
        Map.of("contractId", contract.id(), "contractNo", contract.contractNo()));
  }

  private long contractIdOf(ProcessInstance execution) {
    return ((Number) runtime.getVariable(execution.getId(), "contractId")).longValue();
  }

  private void work(String user, ProcessInstance execution, String key, String notes) {
    Task task = task(execution, key);
    assertThat(task).as("open %s", key).isNotNull();
    as.run(user, () -> {
      tasks.claim(task.getId(), user);
      tasks.complete(task.getId(), Map.of("notes", notes));
    });
  }

  private Task task(ProcessInstance execution, String key) {
    return tasks.createTaskQuery().processInstanceId(execution.getId()).taskDefinitionKey(key).singleResult();
  }
}
