package com.zhidu.paymentcollection;

import static org.assertj.core.api.Assertions.assertThat;

import com.zhidu.AsUser;
import com.zhidu.Jobs;
import com.zhidu.ZhiduIT;
import com.zhidu.platform.documents.DocumentStore;
import com.zhidu.platform.documents.PdfDocuments;
import com.zhidu.platform.documents.StoredDocument;
import com.zhidu.salescontract.ContractTerms;
import com.zhidu.salescontract.SalesContract;
import com.zhidu.salescontract.SalesContractRepository;
import com.zhidu.salescontract.SignedContractFixture;
import java.time.LocalDate;
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
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

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

  @Test
  void theLetterIsStoredOnceAndTheSalespersonDownloadsItIntact() {
    LocalDate today = LocalDate.now(contracts.zone());
    SalesContract contract = SignedContractFixture.signed(contracts, UUID.randomUUID().toString(), today.plusDays(20),
        false, false, List.of(new ContractTerms.Instalment(1, today.minusDays(5), 12_345_678L)));
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
    Job wait = management.createJobQuery().processInstanceId(pi).activityId("Timer_AfterContact").singleResult();
    management.executeJob(wait.getId());
    Job letterJob = management.createJobQuery().processInstanceId(pi).activityId("sendDunningLetter").singleResult();
    management.executeJob(letterJob.getId());

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
}
