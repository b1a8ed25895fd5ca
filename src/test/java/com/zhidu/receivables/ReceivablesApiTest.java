package com.zhidu.receivables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zhidu.AsUser;
import com.zhidu.ProcessTestExtension;
import com.zhidu.ZhiduTest;
import com.zhidu.paymentcollection.PaymentRepository;
import com.zhidu.paymentcollection.PaymentSchedule;
import com.zhidu.salescontract.ContractTerms;
import com.zhidu.salescontract.SalesContract;
import com.zhidu.salescontract.SalesContractRepository;
import com.zhidu.salescontract.SignedContractFixture;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code POST /zhidu/api/payments} (the finance system reports a payment, §3.2.6) advances payment-collection
 * like finance's own task would; {@code GET /zhidu/api/receivables/aging}: who may read it, JSON and CSV.
 */
@ZhiduTest
class ReceivablesApiTest {

  @RegisterExtension
  static final ProcessTestExtension processTest = ProcessTestExtension.withoutCoverageGate();

  static final ObjectMapper JSON = new ObjectMapper();

  @Autowired TestRestTemplate rest;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired IdentityService identity;
  @Autowired SalesContractRepository contracts;
  @Autowired PaymentRepository payments;
  @Autowired PaymentSchedule schedule;
  @Autowired JdbcTemplate jdbc;
  LocalDate today;

  @BeforeEach
  void setUp() {
    today = LocalDate.now(contracts.zone());
  }

  @Test
  void aDueInstalmentReportedPaidInFullEndsCollectionWithoutALetter() throws Exception {
    SalesContract contract = signed(List.of(new ContractTerms.Instalment(1, today.minusDays(1), 5_000_000L)));
    ProcessInstance collection = start(contract);
    executeDueJobs(collection);
    assertThat(collection).isWaitingAt("confirmPayment");

    String reference = "BANK-" + UUID.randomUUID();
    ResponseEntity<String> response = post("tangyan", payment(contract, 1, "50000.00", today, reference));
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.CREATED);
    JsonNode recorded = JSON.readTree(response.getBody());
    assertThat(recorded.get("completedTask").asText()).isEqualTo("confirmPayment");
    assertThat(recorded.get("instalmentPaid").asBoolean()).isTrue();

    assertThat(collection).isEnded().hasPassed("confirmPayment", "EndEvent_PaidOnTime")
        .hasNotPassed("SubProcess_Overdue", "sendDunningLetter");
    assertThat(payments.dunningLetters(contract.id())).isEmpty();
    assertThat(jdbc.queryForList("select amount_minor, recorded_by, paid_on, task_id, reference from sales_payment"
        + " where contract_id = ?", contract.id())).singleElement().satisfies(row -> {
          assertThat(row.get("amount_minor")).isEqualTo(5_000_000L);
          assertThat(row.get("recorded_by")).isEqualTo("tangyan");
          assertThat(row.get("paid_on").toString()).isEqualTo(today.toString());
          assertThat(row.get("task_id")).isNotNull();
          assertThat(row.get("reference")).isEqualTo(reference);
        });

    // The finance system resends the same message: answered, nothing written twice.
    ResponseEntity<String> again = post("tangyan", payment(contract, 1, "50000.00", today, reference));
    assertThat(again.getStatusCode()).as(again.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(JSON.readTree(again.getBody()).get("duplicate").asBoolean()).isTrue();
    assertThat(payments.payments(contract.id())).hasSize(1);
  }

  @Test
  void aPartialPaymentDuringTheLadderKeepsItGoingAndTheRestStopsIt() throws Exception {
    SalesContract contract = signed(List.of(new ContractTerms.Instalment(1, today.minusDays(10), 10_000_000L)));
    ProcessInstance collection = start(contract);
    executeDueJobs(collection);
    new AsUser(identity).run("tangyan", () -> {
      Task confirm = task(collection, "confirmPayment");
      tasks.claim(confirm.getId(), "tangyan");
      tasks.complete(confirm.getId(), Map.of("paymentStatus", "notPaid"));
    });
    assertThat(collection).isWaitingAt("contactCustomer", "recordLatePayment");

    ResponseEntity<String> partial = post("tangyan", payment(contract, 1, "30000", today.minusDays(2), null));
    assertThat(partial.getStatusCode()).as(partial.getBody()).isEqualTo(HttpStatus.CREATED);
    assertThat(JSON.readTree(partial.getBody()).get("outstanding").decimalValue()).isEqualByComparingTo("70000");
    assertThat(collection).isWaitingAt("contactCustomer", "recordLatePayment");
    assertThat(schedule.outstandingMinor(contract.id(), 1)).isEqualTo(7_000_000L);

    // Above what is outstanding: refused, the ladder and the money unchanged.
    assertRefused(post("tangyan", payment(contract, 1, "70000.01", today, null)), 400, "amount");
    assertThat(schedule.outstandingMinor(contract.id(), 1)).isEqualTo(7_000_000L);

    ResponseEntity<String> rest70k = post("tangyan", payment(contract, 1, "70000.00", today, null));
    assertThat(rest70k.getStatusCode()).as(rest70k.getBody()).isEqualTo(HttpStatus.CREATED);
    assertThat(collection).isEnded().hasPassed("EndEvent_PaidStopsLadder").hasNotPassed("sendDunningLetter");
    assertThat(payments.payments(contract.id())).extracting(p -> p.get("amount_minor"))
        .containsExactly(3_000_000L, 7_000_000L);
    assertThat(payments.dunningLetters(contract.id())).isEmpty();
  }

  @Test
  void aPaymentBeforeTheDueDateIsRecordedAndTheDueCheckFindsNothingOutstanding() throws Exception {
    SalesContract contract = signed(List.of(new ContractTerms.Instalment(1, today.plusDays(10), 2_000_000L)));
    ProcessInstance collection = start(contract);

    ResponseEntity<String> early = post("demo", payment(contract, 1, "20000", today, null));
    assertThat(early.getStatusCode()).as(early.getBody()).isEqualTo(HttpStatus.CREATED);
    assertThat(JSON.readTree(early.getBody()).get("completedTask").isNull()).isTrue();
    assertThat(payments.payments(contract.id())).extracting(p -> p.get("recorded_by")).containsExactly("demo");

    Job due = management.createJobQuery().processInstanceId(collection.getId()).activityId("Timer_InstalmentDue")
        .singleResult();
    management.executeJob(due.getId());
    Task confirm = task(collection, "confirmPayment");
    assertThat((String) tasks.getVariable(confirm.getId(), "instalmentSummary")).contains("未收 0.00");
    // Whatever finance answers, the route follows the recorded money.
    new AsUser(identity).run("tangyan", () -> {
      tasks.claim(confirm.getId(), "tangyan");
      tasks.complete(confirm.getId(), Map.of("paymentStatus", "notPaid"));
    });
    assertThat(collection).isEnded().hasPassed("EndEvent_PaidOnTime").hasNotPassed("SubProcess_Overdue");
  }

  @Test
  void onlyFinanceAndAdminsMayReportPayments() {
    SalesContract contract = signed(List.of(new ContractTerms.Instalment(1, today.plusDays(10), 100_000L)));
    Map<String, Object> body = payment(contract, 1, "100", today, null);
    assertThat(rest.exchange("/zhidu/api/payments", HttpMethod.POST, new HttpEntity<>(body, json()), String.class)
        .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertRefused(post("sunli", body), 403, null);
    assertRefused(post("zhaolei", body), 403, null);
    assertRefused(post("zhangwei", body), 403, null);
    assertThat(payments.payments(contract.id())).isEmpty();
  }

  @Test
  void badInputIsRefusedNamingTheFieldAndNothingIsWritten() {
    SalesContract contract = signed(List.of(new ContractTerms.Instalment(1, today.plusDays(10), 100_000L),
        new ContractTerms.Instalment(2, today.plusDays(40), 100_000L)));
    Map<String, Object> unknown = payment(contract, 1, "100", today, null);
    unknown.put("contractNo", "SC1999-99999");
    assertRefused(post("tangyan", unknown), 400, "contractNo");
    assertRefused(post("tangyan", payment(contract, 3, "100", today, null)), 400, "instalmentNo");
    assertRefused(post("tangyan", payment(contract, 1, "0", today, null)), 400, "amount");
    assertRefused(post("tangyan", payment(contract, 1, "-5", today, null)), 400, "amount");
    assertRefused(post("tangyan", payment(contract, 1, "12.345", today, null)), 400, "amount");
    assertRefused(post("tangyan", payment(contract, 1, "1000.01", today, null)), 400, "amount");
    Map<String, Object> usd = payment(contract, 1, "100", today, null);
    usd.put("currency", "USD");
    assertRefused(post("tangyan", usd), 400, "currency");
    assertRefused(post("tangyan", payment(contract, 1, "100", today.plusDays(1), null)), 400, "paidOn");
    Map<String, Object> noDate = payment(contract, 1, "100", today, null);
    noDate.put("paidOn", "31/12/2030");
    assertRefused(post("tangyan", noDate), 400, "paidOn");
    assertThat(payments.payments(contract.id())).isEmpty();

    // Paid in full, then once more: the instalment is closed.
    assertThat(post("tangyan", payment(contract, 1, "1000", today, "REF-" + contract.id())).getStatusCode())
        .isEqualTo(HttpStatus.CREATED);
    assertRefused(post("tangyan", payment(contract, 1, "1", today, null)), 400, "instalmentNo");
    // The same reference for a different payment is a conflict, not a silent duplicate.
    assertRefused(post("tangyan", payment(contract, 2, "1000", today, "REF-" + contract.id())), 409, "reference");
    assertThat(payments.payments(contract.id())).hasSize(1);
  }

  @Test
  void agingIsReadByManagersFinanceAndSalesManagementAsJsonAndCsv() throws Exception {
    String asOf = today.toString();
    String query = "/zhidu/api/receivables/aging?asOf=" + asOf;
    for (String reader : List.of("tangyan", "zhaolei", "zhangwei", "linzong", "demo")) {
      assertThat(get(reader, query).getStatusCode()).as(reader).isEqualTo(HttpStatus.OK);
    }
    assertThat(get("sunli", query).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(get("zhengxin", query).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(rest.getForEntity(query, String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertRefused(get("tangyan", "/zhidu/api/receivables/aging"), 400, "asOf");
    assertRefused(get("tangyan", "/zhidu/api/receivables/aging?asOf=2030-02-30"), 400, "asOf");
    assertRefused(get("tangyan", query + "&format=xml"), 400, "format");

    // 45 days overdue, 10,000.00 of 25,000.00 paid; a second instalment not yet due.
    SalesContract contract = signed(List.of(new ContractTerms.Instalment(1, today.minusDays(45), 2_500_000L),
        new ContractTerms.Instalment(2, today.plusDays(15), 1_000_000L)));
    assertThat(post("tangyan", payment(contract, 1, "10000", today.minusDays(3), null)).getStatusCode())
        .isEqualTo(HttpStatus.CREATED);
    String customer = contracts.customer(contract.customerId()).name();

    JsonNode report = JSON.readTree(get("zhaolei", query).getBody());
    JsonNode row = null;
    for (JsonNode r : report.get("byCustomer")) {
      if (customer.equals(r.get("customer").asText())) {
        row = r;
      }
    }
    assertThat(row).as(report.toString()).isNotNull();
    assertThat(row.get("currency").asText()).isEqualTo("TWD");
    assertThat(row.get("notYetDue").decimalValue()).isEqualByComparingTo("10000");
    assertThat(row.get("days0to30").decimalValue()).isEqualByComparingTo("0");
    assertThat(row.get("days31to60").decimalValue()).isEqualByComparingTo("15000");
    assertThat(row.get("total").decimalValue()).isEqualByComparingTo("25000");
    assertThat(row.has("salesperson")).isFalse();

    ResponseEntity<byte[]> csv = rest.withBasicAuth("tangyan", "tangyan").getForEntity(query + "&format=csv",
        byte[].class);
    assertThat(csv.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(csv.getHeaders().getContentType().isCompatibleWith(MediaType.parseMediaType("text/csv"))).isTrue();
    String text = new String(csv.getBody(), StandardCharsets.UTF_8);
    assertThat(text).startsWith("\uFEFF\"分類\"")
        .contains("\"客戶\",\"" + customer + "\",\"TWD\",\"10000.00\",\"0.00\",\"15000.00\"");
  }

  // --- helpers

  private SalesContract signed(List<ContractTerms.Instalment> instalments) {
    return SignedContractFixture.signed(contracts, UUID.randomUUID().toString(), today.plusDays(20), false, false,
        instalments);
  }

  private ProcessInstance start(SalesContract contract) {
    return runtime.startProcessInstanceByKey("payment-collection", contract.contractNo(),
        Map.of("contractId", contract.id(), "contractNo", contract.contractNo()));
  }

  private static Map<String, Object> payment(SalesContract contract, int instalmentNo, String amount, LocalDate paidOn,
      String reference) {
    Map<String, Object> body = new HashMap<>();
    body.put("contractNo", contract.contractNo());
    body.put("instalmentNo", instalmentNo);
    body.put("amount", amount);
    body.put("currency", "TWD");
    body.put("paidOn", paidOn.toString());
    if (reference != null) {
      body.put("reference", reference);
    }
    return body;
  }

  private ResponseEntity<String> post(String user, Map<String, Object> body) {
    return rest.withBasicAuth(user, user).exchange("/zhidu/api/payments", HttpMethod.POST,
        new HttpEntity<>(body, json()), String.class);
  }

  private ResponseEntity<String> get(String user, String path) {
    return rest.withBasicAuth(user, user).getForEntity(path, String.class);
  }

  private static HttpHeaders json() {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return headers;
  }

  private static void assertRefused(ResponseEntity<String> response, int status, String field) {
    assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(status);
    if (field != null) {
      try {
        JsonNode errors = JSON.readTree(response.getBody()).get("errors");
        assertThat(errors).as(response.getBody()).extracting(e -> e.get("field").asText()).contains(field);
      } catch (java.io.IOException e) {
        throw new AssertionError(response.getBody(), e);
      }
    }
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
