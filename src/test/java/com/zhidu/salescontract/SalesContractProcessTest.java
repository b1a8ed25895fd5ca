package com.zhidu.salescontract;

import static com.zhidu.Refusals.refusalIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.zhidu.AsUser;
import com.zhidu.Jobs;
import com.zhidu.ProcessTestExtension;
import com.zhidu.ZhiduTest;
import com.zhidu.platform.Refusal;
import com.zhidu.platform.TaskActionRecorder;
import com.zhidu.reportapproval.ReviewDecision;
import com.zhidu.reportapproval.ReviewDecisionRepository;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.Mockito;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * sales-contract (§3.2.4): draft with every term, legal review that no path skips, approval by the decision
 * table's routing through report-approval, revisions as versions, signing.
 */
@ZhiduTest
class SalesContractProcessTest {

  @RegisterExtension
  static final ProcessTestExtension processTest = ProcessTestExtension.fullyCovering("sales-contract");
  static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Taipei"));

  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired IdentityService identity;
  @Autowired SalesContractRepository contracts;
  @Autowired ReviewDecisionRepository decisions;
  @Autowired TaskActionRecorder taskActions;
  @Autowired ContractStore store;
  @Autowired JdbcTemplate jdbc;
  AsUser as;

  @BeforeEach
  void setUp() {
    as = new AsUser(identity);
  }

  @Test
  void legalRejectsTwiceThenApprovesAndTheDrafterSigns() {
    Map<String, Object> draft = smallContract();
    draft.remove("customerId");
    draft.put("newCustomerName", "宏達精密股份有限公司");
    draft.put("newCustomerContact", "王經理");
    draft.put("newCustomerPhone", "02-2345-6789");
    ProcessInstance contractCase = startAndDraft("sunli", draft);

    SalesContract contract = contractOf(contractCase);
    assertThat(contract.drafter()).isEqualTo("sunli");
    assertThat(contract.status()).isEqualTo(SalesContract.IN_REVIEW);
    assertThat(contract.contractNo()).matches("SC\\d{4}-\\d{5}");
    Customer customer = contracts.customer(contract.customerId());
    assertThat(customer.name()).isEqualTo("宏達精密股份有限公司");
    assertThat(customer.contact()).isEqualTo("王經理");
    assertThat(runtime.getVariable(contractCase.getId(), "customerId")).isEqualTo(customer.id());
    assertThat(runtime.getVariable(contractCase.getId(), "newCustomerName")).isNull();
    ContractVersion first = contracts.latestVersion(contract.id());
    assertThat(first.version()).isEqualTo(1);
    assertThat(first.contractValueMinor()).isEqualTo(20_000_000L);
    assertThat(first.salesChannel()).isEqualTo("direct");
    assertThat(contracts.lineItems(contract.id(), 1)).extracting(ContractTerms.LineItem::description,
        ContractTerms.LineItem::quantity, ContractTerms.LineItem::unitPriceMinor)
        .containsExactly(tuple("工業控制器 X200", 6L, 2_500_000L), tuple("安裝調試服務", 1L, 5_000_000L));
    assertThat(contracts.instalments(contract.id(), 1)).extracting(ContractTerms.Instalment::amountMinor)
        .containsExactly(6_000_000L, 14_000_000L);
    assertThat(contractCase).isWaitingAt("legalReview");

    legalReview("hejun", contractCase, "rejected", "違約責任條款不完整");
    Task revise = task(contractCase, "reviseContract");
    assertThat(revise.getAssignee()).isEqualTo("sunli");
    assertThat(runtime.getVariable(contractCase.getId(), "reviewComments")).isEqualTo("違約責任條款不完整");
    revise("sunli", contractCase, Map.of("rightsAndObligations", "第二版:補充違約責任"));

    legalReview("hejun", contractCase, "rejected", "付款逾期利息未約定");
    revise("sunli", contractCase, Map.of("rightsAndObligations", "第三版:約定逾期利息"));

    legalReview("hejun", contractCase, "approved", null);
    assertThat(contractCase).hasPassed("decideApproval").hasNotPassed("approveContract");
    assertThat(runtime.getVariable(contractCase.getId(), "managerApprovalRequired")).isEqualTo(false);
    assertThat(runtime.getVariable(contractCase.getId(), "leadershipApprovalRequired")).isEqualTo(false);
    Task sign = task(contractCase, "signContract");
    assertThat(sign.getAssignee()).isEqualTo("sunli");

    sign("sunli", contractCase, TODAY.toString(), "我方 趙磊;客戶方 王經理");
    assertThat(contractCase).isEnded().hasPassed("startContractFollowUp", "EndEvent_ContractSigned");
    // Signed: the contract is carried out and its payments collected, each in its own process (§3.2.5, §3.2.6).
    String contractNo = contractOf(contractCase).contractNo();
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(contractNo).list())
        .extracting(p -> p.getProcessDefinitionId().split(":")[0])
        .containsExactlyInAnyOrder("contract-execution", "payment-collection");

    contract = contracts.contract(contract.id());
    assertThat(contract.status()).isEqualTo(SalesContract.SIGNED);
    assertThat(contract.signedVersion()).isEqualTo(3);
    assertThat(contract.signingDate()).isEqualTo(TODAY);
    assertThat(contract.signatories()).isEqualTo("我方 趙磊;客戶方 王經理");
    assertThat(contract.signedBy()).isEqualTo("sunli");
    assertThat(contracts.versions(contract.id())).extracting(ContractVersion::version,
            ContractVersion::rightsAndObligations, ContractVersion::createdBy)
        .containsExactly(tuple(1, "買方按期付款,賣方按期交貨並負責安裝調試。", "sunli"),
            tuple(2, "第二版:補充違約責任", "sunli"), tuple(3, "第三版:約定逾期利息", "sunli"));
    assertThat(decisions.decisionsAbout("salesContract", String.valueOf(contract.id())))
        .extracting(ReviewDecision::subjectVersion, ReviewDecision::stage, ReviewDecision::decision,
            ReviewDecision::decidedBy)
        .containsExactly(tuple(1, "legalReview", "rejected", "hejun"), tuple(2, "legalReview", "rejected", "hejun"),
            tuple(3, "legalReview", "approved", "hejun"));
  }

  @Test
  void theDecisionTableRoutesALargeContractToManagerAndLeadership() {
    Map<String, Object> draft = contractWorth("6000000");
    ProcessInstance contractCase = startAndDraft("zhouqiang", draft);
    legalReview("hejun", contractCase, "approved", "條款完整");

    assertThat(runtime.getVariable(contractCase.getId(), "managerApprovalRequired")).isEqualTo(true);
    assertThat(runtime.getVariable(contractCase.getId(), "leadershipApprovalRequired")).isEqualTo(true);
    assertThat(contractCase).isWaitingAt("approveContract");
    ProcessInstance approval = approvalOf(contractCase);
    assertThat(runtime.getVariable(approval.getId(), "subjectType")).isEqualTo("salesContract");
    assertThat(runtime.getVariable(approval.getId(), "author")).isEqualTo("zhouqiang");
    assertThat((String) runtime.getVariable(approval.getId(), "subjectContent")).contains("TWD 6,000,000.00");

    approve("zhangwei", contractCase, "managerReview", "approved", null);
    approve("linzong", contractCase, "leadershipApproval", "approved", "同意簽訂");
    assertThat(contractCase).hasPassed("approveContract").isWaitingAt("signContract");
    sign("zhouqiang", contractCase, TODAY.toString(), "我方 周強;客戶方 李總");
    assertThat(contractCase).isEnded();
    assertThat(decisions.decisionsAbout("salesContract", String.valueOf(contractOf(contractCase).id())))
        .extracting(ReviewDecision::stage, ReviewDecision::decidedBy)
        .containsExactly(tuple("legalReview", "hejun"), tuple("managerReview", "zhangwei"),
            tuple("leadershipApproval", "linzong"));
  }

  @Test
  void theManagerRejectsAndTheRevisionGoesThroughLegalReviewAgain() {
    ProcessInstance contractCase = startAndDraft("sunli", contractWorth("1500000"));
    legalReview("hejun", contractCase, "approved", null);
    assertThat(runtime.getVariable(contractCase.getId(), "managerApprovalRequired")).isEqualTo(true);
    assertThat(runtime.getVariable(contractCase.getId(), "leadershipApprovalRequired")).isEqualTo(false);

    approve("zhangwei", contractCase, "managerReview", "rejected", "價格折扣過大,請重新議價");
    assertThat(contractCase).isWaitingAt("reviseContract");
    assertThat(runtime.getVariable(contractCase.getId(), "reviewComments")).isEqualTo("價格折扣過大,請重新議價");

    Map<String, Object> repriced = new HashMap<>();
    repriced.put("lineItems", "工業控制器 X200 | 60 | 26000\n安裝調試服務 | 1 | 40000");
    repriced.put("contractValue", 1_600_000.0);
    repriced.put("instalments", TODAY.plusDays(10) + " | 600000\n" + TODAY.plusDays(70) + " | 1000000");
    revise("sunli", contractCase, repriced);

    // Changed terms: legal reviews version 2 before anyone else may approve it.
    assertThat(contractCase).isWaitingAt("legalReview");
    assertThat(task(contractCase, "legalReview")).isNotNull();
    legalReview("hejun", contractCase, "approved", null);
    approve("zhangwei", contractCase, "managerReview", "approved", null);
    assertThat(contractCase).isWaitingAt("signContract");
    long contractId = contractOf(contractCase).id();
    assertThat(contracts.latestVersion(contractId).contractValueMinor()).isEqualTo(160_000_000L);
    assertThat(decisions.decisionsAbout("salesContract", String.valueOf(contractId)))
        .extracting(ReviewDecision::subjectVersion, ReviewDecision::stage, ReviewDecision::decision)
        .containsExactly(tuple(1, "legalReview", "approved"), tuple(1, "managerReview", "rejected"),
            tuple(2, "legalReview", "approved"), tuple(2, "managerReview", "approved"));
    assertThat(runtime.createProcessInstanceQuery().superProcessInstanceId(contractCase.getId()).count()).isZero();
  }

  @Test
  void badTermsAreRefusedNamingTheFieldAndNothingIsSaved() {
    ProcessInstance contractCase = as.call("sunli", () -> runtime.startProcessInstanceByKey("sales-contract"));
    Task draft = task(contractCase, "draftContract");
    int customersBefore = count("customer");
    int contractsBefore = count("sales_contract");

    Map<String, Object> notSumming = smallContract();
    notSumming.put("instalments", TODAY.plusDays(10) + " | 60000\n" + TODAY.plusDays(90) + " | 130000");
    assertThat(refusedFields("sunli", draft, notSumming)).containsExactly("instalments");

    Map<String, Object> pastDelivery = smallContract();
    pastDelivery.put("deliveryDate", TODAY.minusDays(1).toString());
    assertThat(refusedFields("sunli", draft, pastDelivery)).containsExactly("deliveryDate");

    // A negative contract value breaks the form's own minimum; a negative unit price breaks the contract rules.
    Map<String, Object> negativeValue = smallContract();
    negativeValue.put("contractValue", -100000.0);
    assertThat(refusedFields("sunli", draft, negativeValue)).contains("contractValue");
    Map<String, Object> negativePrice = smallContract();
    negativePrice.put("lineItems", "工業控制器 X200 | 6 | -25000\n安裝調試服務 | 1 | 50000");
    assertThat(refusedFields("sunli", draft, negativePrice)).contains("lineItems");

    Map<String, Object> missingTerm = smallContract();
    missingTerm.remove("rightsAndObligations");
    assertThat(refusedFields("sunli", draft, missingTerm)).containsExactly("rightsAndObligations");

    Map<String, Object> unknownCustomer = smallContract();
    unknownCustomer.put("customerId", 999_999L);
    assertThat(refusedFields("sunli", draft, unknownCustomer)).containsExactly("customerId");

    Map<String, Object> itemsNotAddingUp = smallContract();
    itemsNotAddingUp.put("lineItems", "工業控制器 X200 | 5 | 25000");
    assertThat(refusedFields("sunli", draft, itemsNotAddingUp)).containsExactly("lineItems");

    Throwable refused = catchThrowable(() -> complete("sunli", draft, notSumming));
    assertThat(refusalIn(refused).errors().get(0).messageZh()).contains("付款條件", "合同金額");

    assertThat(contractCase).isWaitingAt("draftContract");
    assertThat(management.createJobQuery().processInstanceId(contractCase.getId()).count()).isZero();
    assertThat(count("customer")).isEqualTo(customersBefore);
    assertThat(count("sales_contract")).isEqualTo(contractsBefore);

    // The same draft, corrected, goes through.
    complete("sunli", draft, smallContract());
    executeJobs(contractCase);
    assertThat(contractCase).isWaitingAt("legalReview");
  }

  @Test
  void aSalespersonCannotReviewAndLegalCannotSign() {
    ProcessInstance contractCase = startAndDraft("sunli", smallContract());
    Task legal = task(contractCase, "legalReview");
    assertThatThrownBy(() -> as.run("wuming", () -> tasks.claim(legal.getId(), "wuming")))
        .isInstanceOf(AuthorizationException.class);
    assertThatThrownBy(() -> as.run("wuming", () -> tasks.complete(legal.getId(), decision("approved", null))))
        .isInstanceOf(AuthorizationException.class);
    assertThat(contractCase).isWaitingAt("legalReview");

    legalReview("hejun", contractCase, "approved", null);
    Task sign = task(contractCase, "signContract");
    assertThatThrownBy(() -> as.run("hejun", () -> tasks.claim(sign.getId(), "hejun")))
        .isInstanceOf(AuthorizationException.class);
    assertThatThrownBy(() -> as.run("hejun", () -> tasks.complete(sign.getId(),
        Map.of("signingDate", TODAY.toString(), "signatories", "法務代簽"))))
        .isInstanceOf(AuthorizationException.class);
    // Another salesperson of the group may not sign on the drafter's behalf either.
    assertThatThrownBy(() -> as.run("wuming", () -> tasks.complete(sign.getId(),
        Map.of("signingDate", TODAY.toString(), "signatories", "代簽"))))
        .satisfies(e -> assertThat(refusalIn(e).status()).isEqualTo(403));
    assertThat(contracts.contract(contractOf(contractCase).id()).status()).isEqualTo(SalesContract.IN_REVIEW);
  }

  @Test
  void theDrafterCannotLegalReviewTheirOwnContractEvenAsAMemberOfLegal() {
    ProcessInstance contractCase = startAndDraft("sunli", smallContract());
    Task legal = task(contractCase, "legalReview");
    identity.createMembership("sunli", "legal");
    try {
      Throwable refused = catchThrowable(() -> as.run("sunli", () -> tasks.claim(legal.getId(), "sunli")));
      assertThat(refusalIn(refused).status()).isEqualTo(403);
      assertThat(refusalIn(refused).errors().get(0).messageZh()).contains("四眼原則");
      assertThat(tasks.createTaskQuery().taskId(legal.getId()).singleResult().getAssignee()).isNull();

      // An administrator may not assign it to the drafter either.
      assertThatThrownBy(() -> as.run("demo", () -> tasks.setAssignee(legal.getId(), "sunli")))
          .satisfies(e -> assertThat(refusalIn(e).status()).isEqualTo(403));
    } finally {
      identity.deleteMembership("sunli", "legal");
    }
    assertThat(decisions.decisionsAbout("salesContract", String.valueOf(contractOf(contractCase).id()))).isEmpty();
  }

  @Test
  void signingNeedsAPastOrPresentDateAndSignatories() {
    ProcessInstance contractCase = startAndDraft("sunli", smallContract());
    legalReview("hejun", contractCase, "approved", null);
    Task sign = task(contractCase, "signContract");
    // The form's own rules come first (signatories is required), then the signing rules (no future date).
    Throwable missing = catchThrowable(() -> as.run("sunli", () -> tasks.complete(sign.getId(),
        Map.of("signingDate", TODAY.toString()))));
    assertThat(refusalIn(missing).errors()).extracting(Refusal.Error::field).containsExactly("signatories");
    Throwable future = catchThrowable(() -> as.run("sunli", () -> tasks.complete(sign.getId(),
        Map.of("signingDate", TODAY.plusDays(3).toString(), "signatories", "孫麗;客戶代表 王先生"))));
    assertThat(refusalIn(future).errors()).extracting(Refusal.Error::field).containsExactly("signingDate");
    assertThat(contracts.contract(contractOf(contractCase).id()).signedAt()).isNull();
  }

  @Test
  void delegatesRunAgainWriteNothingTwice() {
    ProcessInstance contractCase = startAndDraft("sunli", smallContract());
    long contractId = contractOf(contractCase).id();
    legalReview("hejun", contractCase, "rejected", "請修改");
    revise("sunli", contractCase, Map.of("title", "修訂版合同"));
    assertThat(contracts.versions(contractId)).hasSize(2);
    int customers = count("customer");

    DelegateExecution execution = Mockito.mock(DelegateExecution.class);
    Mockito.when(execution.getProcessInstanceId()).thenReturn(contractCase.getId());
    Map<String, Object> variables = runtime.getVariables(contractCase.getId());
    Mockito.when(execution.getVariable(Mockito.anyString())).thenAnswer(i -> variables.get(i.getArgument(0, String.class)));
    new StoreRevisedContractDelegate(contracts, store, decisions, taskActions).execute(execution);
    new StoreContractDelegate(contracts, store, taskActions).execute(execution);
    assertThat(contracts.versions(contractId)).hasSize(2);
    assertThat(count("customer")).isEqualTo(customers);
    assertThat(count("sales_contract where process_instance_id = '" + contractCase.getId() + "'")).isEqualTo(1);
  }

  // --- helpers

  /** A contract under the decision table's thresholds: TWD 200,000, 2 instalments, last one 30 days after delivery. */
  Map<String, Object> smallContract() {
    Map<String, Object> form = new HashMap<>();
    form.put("title", "工業控制器採購合同");
    form.put("customerId", existingCustomer());
    form.put("sellerParty", "智度科技股份有限公司");
    form.put("buyerParty", "宏達精密股份有限公司");
    form.put("rightsAndObligations", "買方按期付款,賣方按期交貨並負責安裝調試。");
    form.put("lineItems", "工業控制器 X200 | 6 | 25000\n安裝調試服務 | 1 | 50000");
    form.put("currency", "TWD");
    form.put("contractValue", 200000.0);
    form.put("deliveryDate", TODAY.plusDays(60).toString());
    form.put("instalments", TODAY.plusDays(10) + " | 60000\n" + TODAY.plusDays(90) + " | 140000");
    form.put("salesChannel", "direct");
    return form;
  }

  Map<String, Object> contractWorth(String value) {
    Map<String, Object> form = smallContract();
    form.put("lineItems", "整廠自動化系統 | 1 | " + value);
    form.put("contractValue", Double.valueOf(value));
    long half = Long.parseLong(value) / 2;
    form.put("instalments", TODAY.plusDays(10) + " | " + half + "\n" + TODAY.plusDays(90) + " | "
        + (Long.parseLong(value) - half));
    return form;
  }

  private long existingCustomer() {
    List<Long> ids = jdbc.queryForList("select id from customer where name = '既有客戶股份有限公司'", Long.class);
    if (!ids.isEmpty()) {
      return ids.get(0);
    }
    return contracts.createCustomer(new ContractTerms.NewCustomer("既有客戶股份有限公司", "李總", null, null), "zhaolei");
  }

  private ProcessInstance startAndDraft(String drafter, Map<String, Object> form) {
    ProcessInstance contractCase = as.call(drafter, () -> runtime.startProcessInstanceByKey("sales-contract"));
    Task draft = task(contractCase, "draftContract");
    assertThat(draft.getAssignee()).isEqualTo(drafter);
    complete(drafter, draft, form);
    executeJobs(contractCase);
    return contractCase;
  }

  private void complete(String user, Task task, Map<String, Object> variables) {
    as.run(user, () -> tasks.complete(task.getId(), variables));
  }

  private List<String> refusedFields(String user, Task task, Map<String, Object> variables) {
    Throwable refused = catchThrowable(() -> complete(user, task, variables));
    return refusalIn(refused).errors().stream().map(Refusal.Error::field).toList();
  }

  private void legalReview(String user, ProcessInstance contractCase, String decision, String comment) {
    Task task = task(contractCase, "legalReview");
    assertThat(task).as("open legal review").isNotNull();
    as.run(user, () -> {
      tasks.claim(task.getId(), user);
      tasks.complete(task.getId(), decision(decision, comment));
    });
  }

  private void approve(String user, ProcessInstance contractCase, String key, String decision, String comment) {
    ProcessInstance approval = approvalOf(contractCase);
    Task task = tasks.createTaskQuery().processInstanceId(approval.getId()).taskDefinitionKey(key).singleResult();
    assertThat(task).as("open %s", key).isNotNull();
    as.run(user, () -> {
      tasks.claim(task.getId(), user);
      tasks.complete(task.getId(), decision(decision, comment));
    });
  }

  private static Map<String, Object> decision(String decision, String comment) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("decision", decision);
    variables.put("comment", comment);
    return variables;
  }

  private void revise(String user, ProcessInstance contractCase, Map<String, Object> changes) {
    complete(user, task(contractCase, "reviseContract"), changes);
    executeJobs(contractCase);
  }

  private void sign(String user, ProcessInstance contractCase, String date, String signatories) {
    complete(user, task(contractCase, "signContract"), Map.of("signingDate", date, "signatories", signatories));
    executeJobs(contractCase);
  }

  private ProcessInstance approvalOf(ProcessInstance contractCase) {
    return runtime.createProcessInstanceQuery().superProcessInstanceId(contractCase.getId()).singleResult();
  }

  private Task task(ProcessInstance contractCase, String key) {
    return tasks.createTaskQuery().processInstanceId(contractCase.getId()).taskDefinitionKey(key).singleResult();
  }

  private SalesContract contractOf(ProcessInstance contractCase) {
    return contracts.findByCase(contractCase.getId()).orElseThrow();
  }

  private int count(String table) {
    return jdbc.queryForObject("select count(*) from " + table, Integer.class);
  }

  private void executeJobs(ProcessInstance contractCase) {
    Jobs.executeAll(management, contractCase.getId());
  }
}
