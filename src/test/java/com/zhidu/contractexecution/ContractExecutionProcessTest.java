package com.zhidu.contractexecution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.zhidu.AsUser;
import com.zhidu.Jobs;
import com.zhidu.ProcessTestExtension;
import com.zhidu.ZhiduTest;
import com.zhidu.platform.Refusal;
import com.zhidu.salescontract.ContractTerms;
import com.zhidu.salescontract.SalesContract;
import com.zhidu.salescontract.SalesContractRepository;
import com.zhidu.salescontract.SignedContractFixture;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * contract-execution (§3.2.5): the departments the contract needs, escalation when delivery is late, and customer
 * change requests during execution (with and without a change of terms; legal approving or rejecting).
 */
@ZhiduTest
class ContractExecutionProcessTest {

  @RegisterExtension
  static final ProcessTestExtension processTest = ProcessTestExtension.fullyCovering("contract-execution");

  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired IdentityService identity;
  @Autowired SalesContractRepository contracts;
  @Autowired ContractChanges changes;
  @Autowired JdbcTemplate jdbc;
  AsUser as;

  @BeforeEach
  void setUp() {
    as = new AsUser(identity);
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

  @Test
  void aChangeWithoutNewTermsIsRecordedAndShownOnTheOpenExecutionTasks() {
    ProcessInstance execution = start(true, false, LocalDate.now().plusDays(30));
    long contractId = contractIdOf(execution);
    Task raise = task(execution, "raiseChangeRequest");
    assertThat(raise.getAssignee()).as("the contract's salesperson").isEqualTo("sunli");
    assertThat(raise.getDueDate()).as("open until nothing is left to change")
        .isEqualTo(changes.windowEndOf(contractId));
    assertThat((String) tasks.getVariable(raise.getId(), "lastChangeOutcome")).isEqualTo("尚無變更需求");

    // Legal cannot raise a change on the salesperson's behalf, nor can another salesperson.
    Map<String, Object> change = Map.of("changeDescription", "包裝改為木箱", "changeReason", "客戶倉庫要求",
        "changesTerms", false);
    assertThatThrownBy(() -> as.run("hejun", () -> tasks.complete(raise.getId(), change)))
        .isInstanceOf(AuthorizationException.class);
    assertThatThrownBy(() -> as.run("zhouqiang", () -> tasks.complete(raise.getId(), change)))
        .isInstanceOf(AuthorizationException.class);
    // What changes and why are required; nothing is recorded when they are missing.
    assertThat(refusedFields("sunli", raise, Map.of("changeReason", "客戶要求", "changesTerms", false)))
        .containsExactly("changeDescription");
    assertThat(refusedFields("sunli", raise, Map.of("changeDescription", "  ", "changeReason", " ")))
        .as("blank is missing too").containsExactlyInAnyOrder("changeDescription", "changeReason");
    assertThat(changes.all(contractId)).isEmpty();

    as.run("sunli", () -> tasks.complete(raise.getId(), change));

    ContractChanges.ChangeRequest recorded = changes.latest(contractId).orElseThrow();
    assertThat(recorded.raisedBy()).isEqualTo("sunli");
    assertThat(recorded.changesTerms()).isFalse();
    assertThat(recorded.status()).isEqualTo(ContractChanges.RECORDED);
    assertThat(recorded.newVersion()).isNull();
    Task production = task(execution, "produceGoods");
    assertThat((String) tasks.getVariable(production.getId(), "contractSummary")).contains("包裝改為木箱");
    assertThat(contracts.contract(contractId).signedVersion()).isEqualTo(1);
    Task next = task(execution, "raiseChangeRequest");
    assertThat(next.getId()).as("another change can be raised").isNotEqualTo(raise.getId());
    assertThat((String) tasks.getVariable(next.getId(), "lastChangeOutcome")).contains("包裝改為木箱", "已通知執行部門");

    work("gaofeng", execution, "produceGoods", "木箱包裝完成");
    work("luoping", execution, "shipGoods", "已送達");
    assertThat(execution).isEnded().hasPassed("updateExecutionTasks", "EndEvent_Delivered")
        .hasNotPassed("amendContract", "legalReview");
    assertThat(tasks.createTaskQuery().processInstanceId(execution.getId()).count())
        .as("delivery closes the standing change request").isZero();
  }

  @Test
  void aChangeOfTermsGoesThroughLegalReviewAndBecomesTheContract() {
    LocalDate delivery = LocalDate.now().plusDays(20);
    ProcessInstance execution = start(false, false, delivery, List.of(
        new ContractTerms.Instalment(1, delivery.plusDays(10), 6_000_000L),
        new ContractTerms.Instalment(2, delivery.plusDays(40), 4_000_000L)));
    long contractId = contractIdOf(execution);
    raiseTermsChange(execution, "追加 2 台控制器,交貨延後");

    Task amend = task(execution, "amendContract");
    assertThat(amend.getAssignee()).isEqualTo("sunli");
    assertThat((String) tasks.getVariable(amend.getId(), "instalments"))
        .isEqualTo(delivery.plusDays(10) + " | 60000.00\n" + delivery.plusDays(40) + " | 40000.00");
    assertThat(tasks.getVariable(amend.getId(), "contractValue")).isEqualTo(100_000.0);
    assertThat((String) tasks.getVariable(amend.getId(), "changeRequest")).contains("追加 2 台控制器");

    // Bad terms are refused naming the field, and nothing is stored.
    LocalDate newDelivery = delivery.plusDays(15);
    Map<String, Object> terms = new HashMap<>(Map.of("lineItems", "工業控制器 X200 | 1 | 100000\n工業控制器 X200 | 2 | 10000",
        "contractValue", 120_000, "deliveryDate", newDelivery.toString(), "instalments",
        delivery.plusDays(10) + " | 60000\n" + newDelivery.plusDays(30) + " | 40000\n" + newDelivery.plusDays(60)
            + " | 20000"));
    Map<String, Object> notSumming = new HashMap<>(terms);
    notSumming.put("instalments", delivery.plusDays(10) + " | 60000\n" + newDelivery.plusDays(30) + " | 40000");
    assertThat(refusedFields("sunli", amend, notSumming)).containsExactly("instalments");
    Map<String, Object> pastDelivery = new HashMap<>(terms);
    pastDelivery.put("deliveryDate", LocalDate.now().minusDays(1).toString());
    assertThat(refusedFields("sunli", amend, pastDelivery)).containsExactly("deliveryDate");
    Map<String, Object> negativePrice = new HashMap<>(terms);
    negativePrice.put("lineItems", "工業控制器 X200 | 1 | -100000\n工業控制器 X200 | 2 | 10000");
    assertThat(refusedFields("sunli", amend, negativePrice)).contains("lineItems");
    Map<String, Object> missingTerm = new HashMap<>(terms);
    missingTerm.put("rightsAndObligations", "");
    assertThat(refusedFields("sunli", amend, missingTerm)).containsExactly("rightsAndObligations");
    Map<String, Object> otherCustomer = new HashMap<>(terms);
    otherCustomer.put("customerId", contracts.createCustomer(new ContractTerms.NewCustomer("別家公司", "王先生", null,
        null), "sunli"));
    assertThat(refusedFields("sunli", amend, otherCustomer)).containsExactly("customerId");
    assertThat(contracts.latestVersionOf(contractId)).isEqualTo(1);

    as.run("sunli", () -> tasks.complete(amend.getId(), terms));
    assertThat(contracts.latestVersionOf(contractId)).isEqualTo(2);
    assertThat(contracts.contract(contractId).signedVersion()).as("not before legal approves").isEqualTo(1);
    assertThat(changes.latest(contractId).orElseThrow().status()).isEqualTo(ContractChanges.IN_LEGAL_REVIEW);

    // The salesperson cannot do legal's review; legal approves.
    Task review = task(execution, "legalReview");
    assertThat((String) tasks.getVariable(review.getId(), "contractTerms")).contains("120,000.00");
    assertThatThrownBy(() -> as.run("sunli", () -> tasks.claim(review.getId(), "sunli")))
        .isInstanceOf(AuthorizationException.class);
    legal(execution, "approved", "條款合規");
    Jobs.executeAll(management, execution.getId());

    ContractChanges.ChangeRequest applied = changes.latest(contractId).orElseThrow();
    assertThat(applied.status()).isEqualTo(ContractChanges.APPLIED);
    assertThat(applied.decidedBy()).isEqualTo("hejun");
    assertThat(contracts.contract(contractId).signedVersion()).isEqualTo(2);
    assertThat(contracts.signedVersion(contractId).contractValueMinor()).isEqualTo(12_000_000L);
    assertThat(jdbc.queryForObject("select count(*) from review_decision where subject_type = 'salesContract'"
        + " and subject_id = ? and stage = 'legalReview' and subject_version = 2 and decision = 'approved'",
        Integer.class, String.valueOf(contractId))).isEqualTo(1);
    // The late-delivery timer follows the new delivery date; the payment schedule the new instalments.
    Job deliveryTimer = management.createJobQuery().processInstanceId(execution.getId()).timers().singleResult();
    assertThat(deliveryTimer.getDuedate()).isEqualTo(contracts.deliveryDeadlineOf(contractId));
    assertThat(contracts.signedVersion(contractId).deliveryDate()).isEqualTo(newDelivery);
    ProcessInstance collection = runtime.createProcessInstanceQuery().processDefinitionKey("payment-collection")
        .processInstanceBusinessKey(contracts.contract(contractId).contractNo()).singleResult();
    assertThat(collection).as("collection over the new instalments").isNotNull();
    assertThat(management.createJobQuery().processInstanceId(collection.getId()).activityId("Timer_InstalmentDue")
        .count()).as("one due-date timer per new instalment").isEqualTo(3);
    // The open logistics task shows the contract as it now stands.
    assertThat((String) tasks.getVariable(task(execution, "shipGoods").getId(), "contractSummary"))
        .contains("交貨日期:" + newDelivery, "工業控制器 X200 × 2");

    // A second change is then possible; delivery ends the case.
    assertThat(task(execution, "raiseChangeRequest")).isNotNull();
    work("luoping", execution, "shipGoods", "已送達");
    assertThat(execution).isEnded().hasPassed("legalReview", "applyContractChange", "updateExecutionTasks");
    runtime.deleteProcessInstance(collection.getId(), "test cleanup");
  }

  @Test
  void legalRejectingAChangeKeepsTheSignedContract() {
    ProcessInstance execution = start(false, true, LocalDate.now().plusDays(30));
    long contractId = contractIdOf(execution);
    raiseTermsChange(execution, "付款改為一次付清");
    Map<String, Object> terms = Map.of("instalments", LocalDate.now().plusDays(90) + " | 100000");
    as.run("sunli", () -> tasks.complete(task(execution, "amendContract").getId(), terms));

    // Rejecting needs a comment.
    Task review = task(execution, "legalReview");
    as.run("hejun", () -> tasks.claim(review.getId(), "hejun"));
    assertThatThrownBy(() -> as.run("hejun", () -> tasks.complete(review.getId(), Map.of("decision", "rejected"))))
        .isInstanceOf(ProcessEngineException.class);
    as.run("hejun", () -> tasks.complete(review.getId(), Map.of("decision", "rejected", "comment", "分期調整須財務確認")));

    ContractChanges.ChangeRequest rejected = changes.latest(contractId).orElseThrow();
    assertThat(rejected.status()).isEqualTo(ContractChanges.REJECTED);
    assertThat(rejected.legalComment()).isEqualTo("分期調整須財務確認");
    assertThat(contracts.contract(contractId).signedVersion()).as("the signed contract stays").isEqualTo(1);
    assertThat(contracts.versions(contractId)).as("the rejected version is kept").hasSize(2);
    Task next = task(execution, "raiseChangeRequest");
    assertThat((String) tasks.getVariable(next.getId(), "lastChangeOutcome")).contains("法務退回", "分期調整須財務確認");
    assertThat(execution).hasPassed("Gateway_ChangeLegalDecision").hasNotPassed("applyContractChange");

    work("luoping", execution, "shipGoods", "已送達");
    work("liangyu", execution, "installAndCommission", "驗收完成");
    assertThat(execution).isEnded();
  }

  private void raiseTermsChange(ProcessInstance execution, String description) {
    Task raise = task(execution, "raiseChangeRequest");
    as.run("sunli", () -> tasks.complete(raise.getId(), Map.of("changeDescription", description,
        "changeReason", "客戶需求調整", "changesTerms", true)));
  }

  private void legal(ProcessInstance execution, String decision, String comment) {
    Task review = task(execution, "legalReview");
    as.run("hejun", () -> {
      tasks.claim(review.getId(), "hejun");
      tasks.complete(review.getId(), Map.of("decision", decision, "comment", comment));
    });
  }

  private List<String> refusedFields(String user, Task task, Map<String, Object> variables) {
    Throwable refused = catchThrowable(() -> as.run(user, () -> tasks.complete(task.getId(), variables)));
    for (Throwable t = refused; t != null; t = t.getCause()) {
      if (t instanceof Refusal refusal) {
        return refusal.errors().stream().map(Refusal.Error::field).toList();
      }
    }
    throw new AssertionError("expected a Refusal, got " + refused, refused);
  }

  private ProcessInstance start(boolean production, boolean installation, LocalDate delivery) {
    return start(production, installation, delivery,
        List.of(new ContractTerms.Instalment(1, delivery.plusDays(30), 10_000_000L)));
  }

  private ProcessInstance start(boolean production, boolean installation, LocalDate delivery,
      List<ContractTerms.Instalment> instalments) {
    String caseId = UUID.randomUUID().toString();
    SalesContract contract = SignedContractFixture.signed(contracts, caseId, delivery, production, installation,
        instalments);
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
