package com.zhidu.paymentcollection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.zhidu.AsUser;
import com.zhidu.ProcessTestExtension;
import com.zhidu.ZhiduTest;
import com.zhidu.platform.Refusal;
import com.zhidu.platform.documents.DocumentStore;
import com.zhidu.platform.documents.Documents;
import com.zhidu.platform.documents.PdfDocuments;
import com.zhidu.platform.documents.PdfRenderer;
import com.zhidu.platform.documents.StoredDocument;
import com.zhidu.salescontract.ContractTerms;
import com.zhidu.salescontract.SalesContract;
import com.zhidu.salescontract.SalesContractRepository;
import com.zhidu.salescontract.SignedContractFixture;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.AuthorizationException;
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
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.util.ReflectionTestUtils;

/**
 * payment-collection (§3.2.6): a schedule from the signed instalments; on each due date finance confirms the
 * payment; an overdue instalment climbs contact → dunning letter → visit → legal action; paying stops it.
 */
@ZhiduTest
class PaymentCollectionProcessTest {

  @RegisterExtension
  static final ProcessTestExtension processTest = ProcessTestExtension.fullyCovering("payment-collection");

  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired IdentityService identity;
  @Autowired SalesContractRepository contracts;
  @Autowired PaymentRepository payments;
  @Autowired PaymentSchedule schedule;
  @Autowired DocumentStore documentStore;
  @Autowired Documents documents;
  @Autowired TestRestTemplate rest;
  AsUser as;

  @BeforeEach
  void setUp() {
    as = new AsUser(identity);
  }

  @Test
  void eachInstalmentPaidOnTime() {
    LocalDate today = LocalDate.now(contracts.zone());
    SalesContract contract = signed(List.of(new ContractTerms.Instalment(1, today.plusDays(30), 6_000_000L),
        new ContractTerms.Instalment(2, today.plusDays(90), 4_000_000L)));
    ProcessInstance collection = start(contract);

    // One timer per instalment, at the end of its due date.
    List<Job> due = management.createJobQuery().processInstanceId(collection.getId()).activityId("Timer_InstalmentDue")
        .orderByJobDuedate().asc().list();
    assertThat(due).extracting(Job::getDuedate).containsExactly(schedule.dueMomentOf(contract.id(), 1),
        schedule.dueMomentOf(contract.id(), 2));
    assertThat(tasks.createTaskQuery().processInstanceId(collection.getId()).count()).isZero();

    management.executeJob(due.get(0).getId());
    Task first = task(collection, "confirmPayment");
    assertThat((String) tasks.getVariable(first.getId(), "instalmentSummary")).contains("第1期", "60,000.00");
    // A salesperson cannot confirm a payment.
    assertThatThrownBy(() -> as.run("sunli", () -> tasks.claim(first.getId(), "sunli")))
        .isInstanceOf(AuthorizationException.class);
    finance(first, "paid", null);

    management.executeJob(due.get(1).getId());
    finance(task(collection, "confirmPayment"), "paid", null);

    assertThat(collection).isEnded().hasPassed("EndEvent_PaidOnTime", "EndEvent_CollectionClosed")
        .hasNotPassed("SubProcess_Overdue");
    assertThat(payments.payments(contract.id())).extracting(p -> p.get("instalment_no"), p -> p.get("amount_minor"),
        p -> p.get("recorded_by")).containsExactly(tuple(1, 6_000_000L, "tangyan"), tuple(2, 4_000_000L, "tangyan"));
  }

  @Test
  void partialPaymentsThenPaidInFullAfterTheDunningLetterStopTheLadder() {
    LocalDate today = LocalDate.now(contracts.zone());
    SalesContract contract = signed(List.of(new ContractTerms.Instalment(1, today.minusDays(10), 10_000_000L)));
    ProcessInstance collection = start(contract);
    executeDueJobs(collection);

    // Partial on the due date: 30,000.00 of 100,000.00. An amount at or above what is outstanding is refused.
    Task confirm = task(collection, "confirmPayment");
    Throwable refused = catchThrowable(() -> finance(confirm, "partial", 100000.0));
    assertThat(refusal(refused).errors()).extracting(Refusal.Error::field).containsExactly("paidAmount");
    finance(confirm, "partial", 30000.0);
    assertThat(schedule.outstandingMinor(contract.id(), 1)).isEqualTo(7_000_000L);

    // Overdue: the drafter contacts the customer while finance waits for the money.
    Task contact = task(collection, "contactCustomer");
    assertThat(contact.getAssignee()).isEqualTo("sunli");
    assertThat(task(collection, "recordLatePayment")).isNotNull();
    as.run("sunli", () -> tasks.complete(contact.getId(), Map.of("notes", "電話聯繫林經理,答應本週付款")));
    runTimer(collection, "Timer_AfterContact");
    executeDueJobs(collection);

    assertThat(payments.dunningLetters(contract.id())).singleElement().satisfies(letter -> {
      assertThat(letter.contractNo()).isEqualTo(contract.contractNo());
      assertThat(letter.customerName()).startsWith("測試客戶");
      assertThat(letter.overdueAmountMinor()).isEqualTo(7_000_000L);
      assertThat(letter.daysOverdue()).isEqualTo(10);
      assertThat(letter.dueDate()).isEqualTo(today.minusDays(10));
    });
    // The 催款函 PDF: Traditional Chinese in the embedded CJK font, linked to the collection case.
    PaymentRepository.DunningLetter letter = payments.dunningLetters(contract.id()).get(0);
    StoredDocument pdf = documentStore.find(letter.documentId()).orElseThrow();
    assertThat(pdf.processInstanceId()).isEqualTo(collection.getId());
    assertThat(pdf.businessKey()).isEqualTo(contract.contractNo());
    assertThat(pdf.kind()).isEqualTo("dunningLetter");
    assertThat(pdf.mediaType()).isEqualTo("application/pdf");
    assertThat(pdf.name()).isEqualTo("催款函-" + contract.contractNo() + "-第1期.pdf");
    assertThat(pdf.createdBy()).as("made by the job").isNull();
    byte[] content = documentStore.content(pdf.id());
    assertThat(PdfDocuments.text(content)).contains("催款函", letter.customerName(), contract.contractNo(), "第 1 期",
        "新台幣 70,000.00 元", "新台幣 100,000.00 元", "新台幣 30,000.00 元", "逾期 10 天", "10 天",
        DunningLetterDocument.date(today.minusDays(10)), DunningLetterDocument.date(today),
        "智度科技股份有限公司", "經營管理部", "孫麗", "林經理");
    assertThat(PdfDocuments.fonts(content)).isNotEmpty()
        .allSatisfy(font -> assertThat(font).contains("NotoSansTC").endsWith("|true|true"));
    assertThat(documentStore.ofCase(collection.getId())).containsExactly(pdf);
    assertThat(collection).isWaitingAt("Timer_AfterLetter", "recordLatePayment");

    // Another partial payment keeps the ladder going; the rest stops it at whatever step it is on.
    finance(task(collection, "recordLatePayment"), "partial", 20000.0);
    assertThat(collection).isWaitingAt("Timer_AfterLetter", "recordLatePayment");
    finance(task(collection, "recordLatePayment"), "paid", null);

    assertThat(collection).isEnded().hasPassed("sendDunningLetter", "EndEvent_PaidStopsLadder")
        .hasNotPassed("visitCustomer", "startLegalAction");
    assertThat(management.createJobQuery().processInstanceId(collection.getId()).count()).isZero();
    assertThat(payments.payments(contract.id())).extracting(p -> p.get("amount_minor"))
        .containsExactly(3_000_000L, 2_000_000L, 5_000_000L);
    assertThat(schedule.isPaid(contract.id(), 1)).isTrue();
  }

  @Test
  void anUnpaidInstalmentIsEscalatedToLegalAction() {
    LocalDate today = LocalDate.now(contracts.zone());
    SalesContract contract = signed(List.of(new ContractTerms.Instalment(1, today.minusDays(1), 5_000_000L)));
    ProcessInstance collection = start(contract);
    executeDueJobs(collection);

    finance(task(collection, "confirmPayment"), "notPaid", null);
    as.run("sunli", () -> tasks.complete(task(collection, "contactCustomer").getId(), Map.of("notes", "客戶未接電話")));
    runTimer(collection, "Timer_AfterContact");
    executeDueJobs(collection);
    runTimer(collection, "Timer_AfterLetter");
    Task visit = task(collection, "visitCustomer");
    assertThat(visit.getAssignee()).isEqualTo("sunli");

    // The salesperson opens the letter from the visit task; someone outside the case cannot.
    String link = (String) tasks.getVariable(visit.getId(), "dunningLetterLink");
    long documentId = payments.dunningLetters(contract.id()).get(0).documentId();
    assertThat(link).endsWith("/zhidu/api/documents/" + documentId).startsWith("http");
    String path = link.substring(link.indexOf("/zhidu/api/"));
    ResponseEntity<byte[]> bySalesperson = rest.withBasicAuth("sunli", "sunli").getForEntity(path, byte[].class);
    assertThat(bySalesperson.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(PdfDocuments.text(bySalesperson.getBody())).contains(contract.contractNo(), "新台幣 50,000.00 元");
    assertThat(rest.withBasicAuth("sunli", "sunli").getForEntity("/zhidu/api/cases/" + collection.getId()
        + "/documents", String.class).getBody()).contains("\"kind\":\"dunningLetter\"", "\"id\":" + documentId);
    assertThat(rest.withBasicAuth("chenjing", "chenjing").getForEntity(path, String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(rest.getForEntity(path, String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    as.run("sunli", () -> tasks.complete(visit.getId(), Map.of("notes", "上門拜訪,客戶表示資金困難")));
    runTimer(collection, "Timer_AfterVisit");

    Task legal = task(collection, "startLegalAction");
    assertThatThrownBy(() -> as.run("sunli", () -> tasks.claim(legal.getId(), "sunli")))
        .isInstanceOf(AuthorizationException.class);
    as.run("hejun", () -> {
      tasks.claim(legal.getId(), "hejun");
      tasks.complete(legal.getId(), Map.of("notes", "已寄發律師函"));
    });

    assertThat(collection).isEnded().hasPassed("contactCustomer", "sendDunningLetter", "visitCustomer",
        "startLegalAction", "EndEvent_LadderExhausted", "EndEvent_InstalmentClosed").hasNotPassed("EndEvent_PaidStopsLadder");
    assertThat(tasks.createTaskQuery().processInstanceId(collection.getId()).count()).isZero();
    assertThat(payments.payments(contract.id())).isEmpty();
    assertThat(payments.dunningLetters(contract.id())).extracting(PaymentRepository.DunningLetter::overdueAmountMinor)
        .containsExactly(5_000_000L);
    assertThat(documentStore.ofCase(collection.getId())).hasSize(1);
  }

  @Test
  void aFailingRendererBecomesRetriesThenAnIncidentAndARetryAfterTheFixSendsTheLetterOnce() {
    LocalDate today = LocalDate.now(contracts.zone());
    SalesContract contract = signed(List.of(new ContractTerms.Instalment(1, today.minusDays(3), 2_000_000L)));
    ProcessInstance collection = start(contract);
    executeDueJobs(collection);
    finance(task(collection, "confirmPayment"), "notPaid", null);
    as.run("sunli", () -> tasks.complete(task(collection, "contactCustomer").getId(), Map.of("notes", "未接")));
    runTimer(collection, "Timer_AfterContact");
    Job letterJob = management.createJobQuery().processInstanceId(collection.getId()).activityId("sendDunningLetter")
        .singleResult();
    assertThat(letterJob).as("the letter is behind asyncBefore").isNotNull();

    PdfRenderer working = (PdfRenderer) ReflectionTestUtils.getField(documents, "pdf");
    ReflectionTestUtils.setField(documents, "pdf", new PdfRenderer() {
      @Override
      public byte[] render(String xhtml) {
        throw new IllegalStateException("renderer down");
      }
    });
    try {
      List<Integer> retriesLeft = new ArrayList<>();
      for (int attempt = 0; attempt < 10 && retries(letterJob) > 0; attempt++) {
        assertThatThrownBy(() -> management.executeJob(letterJob.getId())).hasStackTraceContaining("renderer down");
        retriesLeft.add(retries(letterJob));
      }
      // failedJobRetryTimeCycle R5/PT5M: five attempts in all, then an incident at the service task.
      assertThat(retriesLeft).containsExactly(4, 3, 2, 1, 0);
      assertThat(runtime.createIncidentQuery().processInstanceId(collection.getId()).singleResult())
          .satisfies(incident -> {
            assertThat(incident.getActivityId()).isEqualTo("sendDunningLetter");
            assertThat(incident.getIncidentMessage()).contains("renderer down");
          });
      assertThat(payments.dunningLetters(contract.id())).isEmpty();
      assertThat(documentStore.ofCase(collection.getId())).isEmpty();
    } finally {
      ReflectionTestUtils.setField(documents, "pdf", working);
    }

    // Fixed: an operator retries the job (Cockpit: "Increment retries"), and the letter is sent once.
    management.setJobRetries(letterJob.getId(), 1);
    management.executeJob(letterJob.getId());
    assertThat(runtime.createIncidentQuery().processInstanceId(collection.getId()).count()).isZero();
    assertThat(collection).isWaitingAt("Timer_AfterLetter", "recordLatePayment");
    assertThat(payments.dunningLetters(contract.id())).singleElement()
        .satisfies(letter -> assertThat(letter.documentId()).isNotNull());
    assertThat(documentStore.ofCase(collection.getId())).singleElement()
        .satisfies(doc -> assertThat(PdfDocuments.text(documentStore.content(doc.id()))).contains("新台幣 20,000.00 元"));

    // Paying in full ends the case.
    finance(task(collection, "recordLatePayment"), "paid", null);
    assertThat(collection).isEnded();
  }

  private int retries(Job job) {
    return management.createJobQuery().jobId(job.getId()).singleResult().getRetries();
  }

  // --- helpers

  private SalesContract signed(List<ContractTerms.Instalment> instalments) {
    return SignedContractFixture.signed(contracts, UUID.randomUUID().toString(),
        LocalDate.now(contracts.zone()).plusDays(20), false, false, instalments);
  }

  private ProcessInstance start(SalesContract contract) {
    return runtime.startProcessInstanceByKey("payment-collection", contract.contractNo(),
        Map.of("contractId", contract.id(), "contractNo", contract.contractNo()));
  }

  private void finance(Task task, String status, Double amount) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("paymentStatus", status);
    variables.put("paidAmount", amount);
    as.run("tangyan", () -> {
      if (!"tangyan".equals(tasks.createTaskQuery().taskId(task.getId()).singleResult().getAssignee())) {
        tasks.claim(task.getId(), "tangyan");
      }
      tasks.complete(task.getId(), variables);
    });
  }

  private static Refusal refusal(Throwable thrown) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof Refusal r) {
        return r;
      }
    }
    throw new AssertionError("expected a Refusal, got " + thrown, thrown);
  }

  /** A ladder step's wait is over (the test does not wait a week). */
  private void runTimer(ProcessInstance collection, String activityId) {
    Job timer = management.createJobQuery().processInstanceId(collection.getId()).activityId(activityId).singleResult();
    assertThat(timer).as("timer %s", activityId).isNotNull();
    management.executeJob(timer.getId());
  }

  private Task task(ProcessInstance collection, String key) {
    return tasks.createTaskQuery().processInstanceId(collection.getId()).taskDefinitionKey(key).singleResult();
  }

  private void executeDueJobs(ProcessInstance collection) {
    List<Job> jobs;
    while (!(jobs = management.createJobQuery().processInstanceId(collection.getId()).executable().list()).isEmpty()) {
      jobs.forEach(job -> management.executeJob(job.getId()));
    }
  }
}
