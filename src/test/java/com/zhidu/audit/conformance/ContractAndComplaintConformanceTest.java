package com.zhidu.audit.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zhidu.ZhiduTest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * §3.2.4 and §3.3.4 over forged domain rows in 2037 (no other test uses that year): each test builds its own
 * month, so the figures of a period are exactly those of its rows. hejun is in legal, zhangwei in deptManager,
 * sunli in sales only.
 */
@ZhiduTest
class ContractAndComplaintConformanceTest {

  @Autowired ContractLegalReviewBeforeSigning contractRule;
  @Autowired ComplaintClosedWithRootCauseAndSatisfaction complaintRule;
  @Autowired TestRestTemplate rest;
  @Autowired JdbcTemplate jdbc;

  @Test
  void contractsSignedWithoutAProperPriorLegalApprovalAreFound() {
    Instant day = Instant.parse("2037-03-10T04:00:00Z");
    String ok = contract(day, "sunli", "hejun", day.minusSeconds(3600));
    String byDrafter = contract(day, "hejun", "hejun", day.minusSeconds(3600));
    String afterSigning = contract(day, "sunli", "hejun", day.plusSeconds(3600));
    String notLegal = contract(day, "sunli", "zhangwei", day.minusSeconds(3600));
    String none = contract(day, "sunli", null, null);
    String elsewhere = contract(Instant.parse("2037-05-10T04:00:00Z"), "hejun", "hejun", day);

    ConformanceRule.Verdict verdict = contractRule.check(Instant.parse("2037-03-01T00:00:00Z"),
        Instant.parse("2037-04-01T00:00:00Z"));
    assertThat(verdict.checkedCases()).containsExactlyInAnyOrder(ok, byDrafter, afterSigning, notLegal, none);
    Map<String, String> found = findings(verdict);
    assertThat(found).containsOnlyKeys(byDrafter, afterSigning, notLegal, none);
    assertThat(found.get(byDrafter)).contains("hejun");
    assertThat(found.get(afterSigning)).contains("after signing");
    assertThat(found.get(notLegal)).contains("zhangwei");
    assertThat(found.get(none)).contains("no legal approval");
    assertThat(verdict.departments()).containsEntry(ok, "sales").doesNotContainKey(elsewhere);
  }

  @Test
  void complaintsClosedWithoutRootCauseActionOrSatisfactionAreFound() {
    Instant day = Instant.parse("2037-04-10T04:00:00Z");
    String ok = complaint(day, "crm", "closed", "供應商批次不良", true, true, null, null);
    String noRootCause = complaint(day, "production", "closed", null, true, true, null, null);
    String actionOpen = complaint(day, "crm", "closed", "原因", false, true, null, null);
    String unsatisfied = complaint(day, "crm", "closed", "原因", true, false, null, null);
    String dispute = complaint(day, "production", "dispute", null, false, false, "客戶要求超出合同", "zhangwei");
    String badDispute = complaint(day, "crm", "dispute", null, false, false, " ", "sunli");

    ConformanceRule.Verdict verdict = complaintRule.check(Instant.parse("2037-04-01T00:00:00Z"),
        Instant.parse("2037-05-01T00:00:00Z"));
    assertThat(verdict.checkedCases()).containsExactlyInAnyOrder(ok, noRootCause, actionOpen, unsatisfied, dispute,
        badDispute);
    Map<String, String> found = findings(verdict);
    assertThat(found).containsOnlyKeys(noRootCause, actionOpen, unsatisfied, badDispute);
    assertThat(found.get(noRootCause)).contains("no root cause").doesNotContain("corrective", "satisfied");
    assertThat(found.get(actionOpen)).contains("corrective action");
    assertThat(found.get(unsatisfied)).contains("satisfied");
    assertThat(found.get(badDispute)).contains("without a reason", "sunli");
    assertThat(verdict.departments()).containsEntry(noRootCause, "production").containsEntry(ok, "crm");
  }

  @Test
  void theReportRatesEachDepartmentPerClauseAndOverall() throws Exception {
    Instant day = Instant.parse("2037-06-10T04:00:00Z");
    contract(day, "sunli", "hejun", day.minusSeconds(3600));
    contract(day, "hejun", "hejun", day.minusSeconds(3600));
    complaint(day, "crm", "closed", "原因", true, true, null, null);
    complaint(day, "crm", "closed", null, true, true, null, null);
    complaint(day, "production", "dispute", null, false, false, "理由", "zhangwei");

    JsonNode report = new ObjectMapper().readTree(rest.withBasicAuth("shenjian", "shenjian")
        .getForEntity("/zhidu/api/audit/conformance?from=2037-06-01&to=2037-06-30", String.class).getBody());
    Map<String, String> overall = rates(report.get("departments"));
    assertThat(overall).containsExactlyInAnyOrderEntriesOf(Map.of("sales", "2/1 0.5", "crm", "2/1 0.5",
        "production", "1/1 1.0"));
    for (JsonNode clause : report.get("clauses")) {
      Map<String, String> rates = rates(clause.get("departments"));
      switch (clause.get("clause").asText()) {
        case "§3.2.4" -> assertThat(rates).containsExactlyEntriesOf(Map.of("sales", "2/1 0.5"));
        case "§3.3.4" -> assertThat(rates).containsExactlyInAnyOrderEntriesOf(Map.of("crm", "2/1 0.5",
            "production", "1/1 1.0"));
        default -> assertThat(rates).as(clause.get("clause").asText()).isEmpty();
      }
    }
    assertThat(report.get("departments").toString()).contains("銷售人員", "客戶關系管理組");
  }

  private static Map<String, String> rates(JsonNode departments) {
    Map<String, String> rates = new TreeMap<>();
    departments.forEach(d -> rates.put(d.get("department").asText(),
        d.get("checked").asInt() + "/" + d.get("conforming").asInt() + " " + d.get("rate").asDouble()));
    return rates;
  }

  private static Map<String, String> findings(ConformanceRule.Verdict verdict) {
    Map<String, String> found = new TreeMap<>();
    verdict.findings().forEach(f -> found.merge(f.caseId(), f.messageEn(), (a, b) -> a + " | " + b));
    return found;
  }

  private long customer() {
    String name = "合規測試客戶 " + UUID.randomUUID();
    jdbc.update("insert into customer (name, contact, created_by, created_at) values (?, '王先生', 'sunli', ?)", name,
        Timestamp.from(Instant.now()));
    return jdbc.queryForObject("select id from customer where name = ?", Long.class, name);
  }

  /** A contract signed at the given time, version 1 drafted by the drafter, approved by legal as given (or not). */
  private String contract(Instant signedAt, String drafter, String approvedBy, Instant approvedAt) {
    String caseId = "conformance-contract-" + UUID.randomUUID();
    long customer = customer();
    jdbc.update("insert into sales_contract (process_instance_id, contract_no, customer_id, drafter, status, created_at,"
        + " signed_version, signed_by, signed_at) values (?, ?, ?, ?, 'signed', ?, 1, 'zhaolei', ?)", caseId,
        "T" + caseId.substring(caseId.length() - 12), customer, drafter, Timestamp.from(signedAt.minusSeconds(86400)),
        Timestamp.from(signedAt));
    long id = jdbc.queryForObject("select id from sales_contract where process_instance_id = ?", Long.class, caseId);
    jdbc.update("insert into sales_contract_version (contract_id, version, title, customer_id, seller_party, buyer_party,"
        + " rights_and_obligations, currency, contract_value_minor, delivery_date, sales_channel, needs_production,"
        + " needs_installation, created_by, created_at) values (?, 1, '合規測試合同', ?, '甲方', '乙方', '權利義務', 'TWD',"
        + " 100000, ?, 'direct', false, false, ?, ?)", id, customer, java.sql.Date.valueOf("2037-12-31"), drafter,
        Timestamp.from(signedAt.minusSeconds(86400)));
    if (approvedBy != null) {
      jdbc.update("insert into review_decision (task_id, process_instance_id, stage, decision, decided_by, decided_at,"
          + " subject_type, subject_id, subject_version) values (?, ?, 'legalReview', 'approved', ?, ?, 'salesContract',"
          + " ?, 1)", UUID.randomUUID().toString(), caseId, approvedBy, Timestamp.from(approvedAt), String.valueOf(id));
    }
    return caseId;
  }

  /** A complaint closed at the given time with what its handling recorded. */
  private String complaint(Instant closedAt, String group, String status, String rootCause, boolean actionDone,
      boolean satisfied, String disputeReason, String disputeClosedBy) {
    String caseId = "conformance-complaint-" + UUID.randomUUID();
    Timestamp received = Timestamp.from(closedAt.minusSeconds(5 * 86400));
    jdbc.update("insert into complaint (process_instance_id, customer_id, contact_name, category, severity, description,"
        + " responsible_group, received_at, received_by, response_due_at, resolution_due_at, reopen_count, root_cause,"
        + " status, dispute_reason, dispute_closed_by, closed_at) values (?, ?, '王先生', 'quality', 'normal', '描述', ?,"
        + " ?, 'zhengxin', ?, ?, 0, ?, ?, ?, ?, ?)", caseId, customer(), group, received, received, received, rootCause,
        status, disputeReason, disputeClosedBy, Timestamp.from(closedAt));
    long id = jdbc.queryForObject("select id from complaint where process_instance_id = ?", Long.class, caseId);
    if ("closed".equals(status)) {
      jdbc.update("insert into corrective_action (complaint_id, corrective_action, preventive_action, responsible_group,"
          + " status, decided_by, decided_at) values (?, '更換', '檢驗', ?, ?, 'zhengxin', ?)", id, group,
          actionDone ? "done" : "open", received);
      jdbc.update("insert into complaint_feedback (complaint_id, task_id, kind, round, satisfied, note, recorded_by,"
          + " recorded_at) values (?, ?, 'result', 1, ?, '回覆客戶', 'zhengxin', ?)", id, UUID.randomUUID().toString(),
          satisfied, received);
    }
    return caseId;
  }
}
