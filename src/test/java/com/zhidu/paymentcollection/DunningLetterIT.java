package com.zhidu.paymentcollection;

import static org.assertj.core.api.Assertions.assertThat;

import com.zhidu.AsUser;
import com.zhidu.Jobs;
import com.zhidu.ZhiduIT;
import com.zhidu.DemoRest;
import com.zhidu.platform.documents.DocumentStore;
import com.zhidu.platform.documents.Documents;
import com.zhidu.platform.documents.PdfRenderer;
import com.zhidu.platform.documents.PdfDocuments;
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
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.util.ReflectionTestUtils;

/** The 催款函 PDF on PostgreSQL (§3.2.6): stored once in {@code document} (bytea), downloaded intact by the salesperson. */
@ZhiduIT
class DunningLetterIT {

  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired IdentityService identity;
  @Autowired SalesContractRepository contracts;
  @Autowired PaymentRepository payments;
  @Autowired DocumentStore documents;
  @Autowired TestRestTemplate rest;
  @Autowired Documents documentsMechanism;

  @Test
  void theLetterIsStoredOnceAndTheSalespersonDownloadsItIntact() {
    AtTheLetter at = caseAtTheDunningLetter(5, 12_345_678L);
    SalesContract contract = at.contract();
    String pi = at.processInstanceId();
    management.executeJob(at.letterJobId());

    PaymentRepository.DunningLetter letter = payments.dunningLetters(contract.id()).get(0);
    StoredDocument pdf = documents.find(letter.documentId()).orElseThrow();
    assertThat(documents.ofCase(pi)).containsExactly(pdf);

    ResponseEntity<byte[]> download = rest.withBasicAuth("sunli", "sunli").getForEntity(pdf.url(), byte[].class);
    assertThat(download.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(DocumentStore.sha256(download.getBody())).isEqualTo(pdf.sha256());
    assertThat(download.getBody()).hasSize((int) pdf.sizeBytes());
    assertThat(PdfDocuments.text(download.getBody())).contains(contract.contractNo(), letter.customerName(),
        "新台幣 123,456.78 元", "逾期 5 天");
    assertThat(rest.withBasicAuth("chenjing", "chenjing").getForEntity(pdf.url(), String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
  }

  /**
   * The PDF renderer down, on PostgreSQL and through the REST API Cockpit uses: each attempt fails and uses up
   * a retry of failedJobRetryTimeCycle (R5/PT5M), then an incident stands at the letter; after the fix the
   * operator's retry (Cockpit "Increment number of retries", PUT /job/{id}/retries) sends the letter once and
   * the case completes. (PaymentCollectionProcessTest proves the same on the engine API.)
   */
  @Test
  void aRendererOutageBecomesAnIncidentInCockpitsApiAndARetryAfterTheFixCompletesTheCase() {
    AtTheLetter at = caseAtTheDunningLetter(4, 3_000_000L);
    SalesContract contract = at.contract();
    String pi = at.processInstanceId();
    String letterJob = at.letterJobId();
    DemoRest operator = new DemoRest(rest);

    PdfRenderer working = (PdfRenderer) ReflectionTestUtils.getField(documentsMechanism, "pdf");
    ReflectionTestUtils.setField(documentsMechanism, "pdf", new PdfRenderer() {
      @Override
      public byte[] render(String xhtml) {
        throw new IllegalStateException("renderer down");
      }
    });
    try {
      List<Integer> retriesLeft = new ArrayList<>();
      for (int attempt = 0; attempt < 5; attempt++) {
        // What the job executor does at each due retry; here through REST (Cockpit's "execute job").
        assertThat(operator.post("demo", "/engine-rest/job/" + letterJob + "/execute", null).status()).isBetween(500, 599);
        retriesLeft.add(management.createJobQuery().jobId(letterJob).singleResult().getRetries());
      }
      assertThat(retriesLeft).containsExactly(4, 3, 2, 1, 0);
    } finally {
      ReflectionTestUtils.setField(documentsMechanism, "pdf", working);
    }
    DemoRest.Reply incidents = operator.get("demo", "/engine-rest/incident?processInstanceId=" + pi);
    assertThat(incidents.status()).isEqualTo(200);
    assertThat(incidents.text()).contains("\"activityId\":\"sendDunningLetter\"", "\"incidentType\":\"failedJob\"",
        "renderer down");
    assertThat(payments.dunningLetters(contract.id())).isEmpty();
    assertThat(documents.ofCase(pi)).isEmpty();

    // Fixed: the operator increments the retries; the job runs (here at once) and the incident is resolved.
    Map<String, Object> retries = new HashMap<>();
    retries.put("retries", 1);
    assertThat(rest.withBasicAuth("demo", "demo").exchange("/engine-rest/job/" + letterJob + "/retries", HttpMethod.PUT,
        new HttpEntity<>(retries), String.class).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(operator.get("demo", "/engine-rest/incident/count?processInstanceId=" + pi).text())
        .contains("\"count\":0");
    assertThat(operator.post("demo", "/engine-rest/job/" + letterJob + "/execute", null).status()).isEqualTo(204);
    assertThat(payments.dunningLetters(contract.id())).hasSize(1);
    assertThat(documents.ofCase(pi)).hasSize(1);

    String late = tasks.createTaskQuery().processInstanceId(pi).taskDefinitionKey("recordLatePayment").singleResult()
        .getId();
    Map<String, Object> paid = new HashMap<>();
    paid.put("paymentStatus", "paid");
    paid.put("paidAmount", null);
    new AsUser(identity).run("tangyan", () -> {
      tasks.claim(late, "tangyan");
      tasks.complete(late, paid);
    });
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(pi).count()).as("the case completed").isZero();
  }

  record AtTheLetter(SalesContract contract, String processInstanceId, String letterJobId) {}

  /** A signed contract's one instalment overdue by that many days, unpaid, contact made: the letter job is next. */
  AtTheLetter caseAtTheDunningLetter(int daysOverdue, long amount) {
    LocalDate today = LocalDate.now(contracts.zone());
    SalesContract contract = SignedContractFixture.signed(contracts, UUID.randomUUID().toString(), today.plusDays(20),
        false, false, List.of(new ContractTerms.Instalment(1, today.minusDays(daysOverdue), amount)));
    String pi = runtime.startProcessInstanceByKey("payment-collection", contract.contractNo(),
        Map.of("contractId", contract.id(), "contractNo", contract.contractNo())).getId();
    Jobs.executeAll(management, pi);
    AsUser as = new AsUser(identity);
    String confirm = tasks.createTaskQuery().processInstanceId(pi).taskDefinitionKey("confirmPayment").singleResult()
        .getId();
    as.run("tangyan", () -> {
      tasks.claim(confirm, "tangyan");
      tasks.complete(confirm, Map.of("paymentStatus", "notPaid"));
    });
    String contact = tasks.createTaskQuery().processInstanceId(pi).taskDefinitionKey("contactCustomer").singleResult()
        .getId();
    as.run("sunli", () -> tasks.complete(contact, Map.of("notes", "電話未接")));
    management.executeJob(management.createJobQuery().processInstanceId(pi).activityId("Timer_AfterContact")
        .singleResult().getId());
    Job letterJob = management.createJobQuery().processInstanceId(pi).activityId("sendDunningLetter").singleResult();
    return new AtTheLetter(contract, pi, letterJob.getId());
  }
}
