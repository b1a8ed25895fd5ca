package com.zhidu.receivables;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zhidu.ZhiduIT;
import com.zhidu.paymentcollection.PaymentSchedule;
import com.zhidu.salescontract.ContractTerms;
import com.zhidu.salescontract.SalesContract;
import com.zhidu.salescontract.SalesContractRepository;
import com.zhidu.salescontract.SignedContractFixture;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
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
 * Receivables on PostgreSQL (§3.2.6): three signed contracts of two customers and two salespeople, payments
 * reported by the finance system over REST (partial, in full, refused), then the payment schedule and the aging
 * figures over REST, today and on an earlier day (a later payment does not change an earlier report).
 */
@ZhiduIT
class ReceivablesIT {

  static final ObjectMapper JSON = new ObjectMapper();

  @Autowired TestRestTemplate rest;
  @Autowired JdbcTemplate jdbc;
  @Autowired SalesContractRepository contracts;
  @Autowired PaymentSchedule schedule;

  @Test
  void paymentScheduleAndAgingOfAConstructedSetOfContracts() throws Exception {
    LocalDate today = LocalDate.now(contracts.zone());
    String run = UUID.randomUUID().toString().substring(0, 8);
    String salesA = "it-a-" + run;
    String salesB = "it-b-" + run;
    JsonNode totalsBefore = aging("tangyan", today).get("totals");

    // Customer 1, salesperson A: 30 days overdue (partly paid), 31 days overdue, not yet due.
    SalesContract a = signed(salesA, List.of(new ContractTerms.Instalment(1, today.minusDays(30), 10_000_000L),
        new ContractTerms.Instalment(2, today.minusDays(31), 5_000_000L),
        new ContractTerms.Instalment(3, today.plusDays(10), 7_000_000L)));
    // Customer 2, salesperson B: 121 days overdue; 91 days overdue but paid in full; 90 days overdue.
    SalesContract b = signed(salesB, List.of(new ContractTerms.Instalment(1, today.minusDays(121), 1_234_567L),
        new ContractTerms.Instalment(2, today.minusDays(91), 2_000_000L),
        new ContractTerms.Instalment(3, today.minusDays(90), 100_000L)));
    // Customer 1 again, salesperson B: 61 days overdue.
    SalesContract c = signed(salesB, List.of(new ContractTerms.Instalment(1, today.minusDays(61), 300_000L)));
    jdbc.update("update sales_contract_version set customer_id = ? where contract_id = ?", a.customerId(), c.id());
    jdbc.update("update sales_contract set customer_id = ? where id = ?", a.customerId(), c.id());

    assertThat(pay(a, 1, "40000.00", today.minusDays(5), "IT-" + run + "-1").getStatusCode())
        .isEqualTo(HttpStatus.CREATED);
    assertThat(pay(b, 2, "20000", today.minusDays(80), "IT-" + run + "-2").getStatusCode())
        .isEqualTo(HttpStatus.CREATED);
    // Resent and overpaid: nothing more is written.
    assertThat(pay(a, 1, "40000.00", today.minusDays(5), "IT-" + run + "-1").getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(pay(a, 2, "50000.01", today, null).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);

    // The payment schedule follows the signed instalments and the recorded money.
    assertThat(schedule.instalmentsOf(a.id())).containsExactly(1, 2, 3);
    assertThat(schedule.outstandingMinor(a.id(), 1)).isEqualTo(6_000_000L);
    assertThat(schedule.outstandingMinor(a.id(), 2)).isEqualTo(5_000_000L);
    assertThat(schedule.isPaid(b.id(), 2)).isTrue();
    assertThat(schedule.isPaid(b.id(), 3)).isFalse();
    assertThat(jdbc.queryForObject("select count(*) from sales_payment where contract_id in (?,?,?)", Integer.class,
        a.id(), b.id(), c.id())).isEqualTo(2);

    JsonNode report = aging("zhaolei", today);
    String customer1 = contracts.customer(a.customerId()).name();
    String customer2 = contracts.customer(b.customerId()).name();
    assertThat(amounts(row(report.get("byCustomer"), "customer", customer1)))
        .containsExactly(m("70000"), m("60000"), m("50000"), m("3000"), m("0"), m("0"), m("183000"));
    assertThat(amounts(row(report.get("byCustomer"), "customer", customer2)))
        .containsExactly(m("0"), m("0"), m("0"), m("1000"), m("0"), m("12345.67"), m("13345.67"));
    assertThat(amounts(row(report.get("bySalesperson"), "salesperson", salesA)))
        .containsExactly(m("70000"), m("60000"), m("50000"), m("0"), m("0"), m("0"), m("180000"));
    assertThat(amounts(row(report.get("bySalesperson"), "salesperson", salesB)))
        .containsExactly(m("0"), m("0"), m("0"), m("4000"), m("0"), m("12345.67"), m("16345.67"));
    assertThat(total(report.get("totals")).subtract(total(totalsBefore))).isEqualByComparingTo("196345.67");

    // Six days ago: the partial payment of five days ago had not arrived, and both overdue instalments were
    // within 30 days.
    JsonNode earlier = aging("linzong", today.minusDays(6));
    assertThat(amounts(row(earlier.get("bySalesperson"), "salesperson", salesA)))
        .containsExactly(m("70000"), m("150000"), m("0"), m("0"), m("0"), m("0"), m("220000"));

    ResponseEntity<String> csv = rest.withBasicAuth("zhangwei", "zhangwei")
        .getForEntity("/zhidu/api/receivables/aging?asOf=" + today + "&format=csv", String.class);
    assertThat(csv.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(csv.getBody()).contains("\"銷售人員\",\"" + salesB + "\",\"TWD\",\"0.00\",\"0.00\",\"0.00\",\"4000.00\","
        + "\"0.00\",\"12345.67\",\"16345.67\"");
    assertThat(rest.withBasicAuth("sunli", "sunli").getForEntity("/zhidu/api/receivables/aging?asOf=" + today,
        String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
  }

  private SalesContract signed(String salesperson, List<ContractTerms.Instalment> instalments) {
    SalesContract contract = SignedContractFixture.signed(contracts, UUID.randomUUID().toString(),
        LocalDate.now(contracts.zone()), false, false, instalments);
    // Signed long ago, by a salesperson of this run only, so the figures are this test's alone.
    jdbc.update("update sales_contract set drafter = ?, signing_date = ? where id = ?", salesperson,
        java.sql.Date.valueOf(LocalDate.now(contracts.zone()).minusYears(1)), contract.id());
    return contracts.contract(contract.id());
  }

  private ResponseEntity<String> pay(SalesContract contract, int instalmentNo, String amount, LocalDate paidOn,
      String reference) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("contractNo", contract.contractNo());
    body.put("instalmentNo", instalmentNo);
    body.put("amount", amount);
    body.put("currency", "TWD");
    body.put("paidOn", paidOn.toString());
    body.put("reference", reference);
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return rest.withBasicAuth("tangyan", "tangyan").exchange("/zhidu/api/payments", HttpMethod.POST,
        new HttpEntity<>(body, headers), String.class);
  }

  private JsonNode aging(String user, LocalDate asOf) throws Exception {
    ResponseEntity<String> response = rest.withBasicAuth(user, user)
        .getForEntity("/zhidu/api/receivables/aging?asOf=" + asOf, String.class);
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
    return JSON.readTree(response.getBody());
  }

  private static JsonNode row(JsonNode rows, String field, String value) {
    for (JsonNode row : rows) {
      if (value.equals(row.path(field).asText())) {
        return row;
      }
    }
    throw new AssertionError("no row with " + field + " " + value + " in " + rows);
  }

  private static List<BigDecimal> amounts(JsonNode row) {
    assertThat(row.get("currency").asText()).isEqualTo("TWD");
    return List.of("notYetDue", "days0to30", "days31to60", "days61to90", "days91to120", "over120", "total").stream()
        .map(name -> row.get(name).decimalValue().stripTrailingZeros()).toList();
  }

  private static BigDecimal total(JsonNode totals) {
    for (JsonNode row : totals) {
      if ("TWD".equals(row.get("currency").asText())) {
        return row.get("total").decimalValue();
      }
    }
    return BigDecimal.ZERO;
  }

  private static BigDecimal m(String amount) {
    return new BigDecimal(amount).stripTrailingZeros();
  }
}
