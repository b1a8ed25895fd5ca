package com.zhidu.salescontract;

import static org.assertj.core.api.Assertions.assertThat;

import com.zhidu.DemoRest;
import com.zhidu.Jobs;
import com.zhidu.ZhiduIT;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A sales contract (§3.2.4) through the REST API as the demo users on PostgreSQL: sunli drafts (a bad draft is
 * refused with the field named, nothing saved), hejun reviews for legal, the decision table sends the TWD
 * 6,000,000 contract to zhangwei and linzong, sunli signs; the rows are checked. A salesperson cannot take
 * the legal review, legal cannot sign.
 */
@ZhiduIT
class SalesContractIT {

  static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Taipei"));

  @Autowired TestRestTemplate rest;
  @Autowired ManagementService management;
  @Autowired RuntimeService runtime;
  @Autowired JdbcTemplate jdbc;

  @Test
  void aContractFromDraftToSigningOverRest() {
    DemoRest.Reply startForm = demo().get("sunli", "/engine-rest/process-definition/key/sales-contract/deployed-start-form");
    assertThat(startForm.status()).isEqualTo(200);
    assertThat(startForm.text()).contains("\"sales-contract-start\"");
    DemoRest.Reply started = demo().post("sunli",
        "/engine-rest/process-definition/key/sales-contract/submit-form", Map.of("variables", Map.of()));
    assertThat(started.status()).isEqualTo(200);
    String contractCase = started.body().get("id").asText();

    String draft = demo().taskOf("sunli", contractCase, "draftContract");
    assertThat(demo().get("sunli", "/engine-rest/task/" + draft + "/deployed-form").text())
        .contains("\"sales-contract-draft\"", "付款條件");

    Map<String, Object> terms = new LinkedHashMap<>();
    terms.put("title", "整廠自動化系統合同(IT)");
    terms.put("newCustomerName", "遠東機械股份有限公司");
    terms.put("newCustomerContact", "陳副總");
    terms.put("newCustomerEmail", "chen@fareast.example");
    terms.put("sellerParty", "智度科技股份有限公司");
    terms.put("buyerParty", "遠東機械股份有限公司");
    terms.put("rightsAndObligations", "賣方按期交貨並安裝調試;買方按期付款並提供場地。");
    terms.put("lineItems", "整廠自動化系統 | 1 | 5800000\n教育訓練 | 4 | 50000");
    terms.put("currency", "TWD");
    terms.put("contractValue", 6000000);
    terms.put("deliveryDate", TODAY.plusDays(90).toString());
    terms.put("instalments", TODAY.plusDays(7) + " | 1800000\n" + TODAY.plusDays(120) + " | 4000000");
    terms.put("salesChannel", "tender");

    // Instalments 5,800,000 ≠ 6,000,000: refused with the field named, the task stays open, nothing is saved.
    DemoRest.Reply refused = demo().post("sunli", "/engine-rest/task/" + draft + "/submit-form",
        Map.of("variables", DemoRest.variables(terms)));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body().get("errors").findValuesAsText("field")).containsExactly("instalments");
    assertThat(jdbc.queryForObject("select count(*) from sales_contract where process_instance_id = ?",
        Integer.class, contractCase)).isZero();
    assertThat(jdbc.queryForObject("select count(*) from customer where name = '遠東機械股份有限公司'", Integer.class))
        .isZero();

    terms.put("instalments", TODAY.plusDays(7) + " | 1800000\n" + TODAY.plusDays(120) + " | 4200000");
    assertThat(demo().post("sunli", "/engine-rest/task/" + draft + "/submit-form", Map.of("variables", DemoRest.variables(terms)))
        .status()).isEqualTo(204);
    executeJobs(contractCase);

    Map<String, Object> contract = jdbc.queryForMap("select * from sales_contract where process_instance_id = ?",
        contractCase);
    long contractId = ((Number) contract.get("id")).longValue();
    assertThat(contract).containsEntry("drafter", "sunli").containsEntry("status", "inReview");

    // A salesperson cannot see or take the legal review; legal can.
    String legal = demo().taskOf("hejun", contractCase, "legalReview");
    assertThat(demo().listTasks("wuming", "processInstanceId=" + contractCase)).isEmpty();
    assertThat(demo().post("wuming", "/engine-rest/task/" + legal + "/claim", Map.of("userId", "wuming")).status())
        .isIn(403, 404);
    assertThat(demo().get("hejun", "/engine-rest/task/" + legal + "/deployed-form").text())
        .contains("\"sales-contract-legal-review\"");
    assertThat(demo().post("hejun", "/engine-rest/task/" + legal + "/claim", Map.of("userId", "hejun")).status())
        .isEqualTo(204);
    assertThat(demo().post("hejun", "/engine-rest/task/" + legal + "/submit-form",
        Map.of("variables", DemoRest.variables(Map.of("decision", "approved", "comment", "條款合規")))).status())
        .isEqualTo(204);

    // TWD 6,000,000: the decision table asks for the manager and leadership.
    String approval = runtime.createProcessInstanceQuery().superProcessInstanceId(contractCase).singleResult().getId();
    decide("zhangwei", demo().taskOf("zhangwei", approval, "managerReview"));
    decide("linzong", demo().taskOf("linzong", approval, "leadershipApproval"));

    String sign = demo().taskOf("sunli", contractCase, "signContract");
    assertThat(demo().post("hejun", "/engine-rest/task/" + sign + "/submit-form",
        Map.of("variables", DemoRest.variables(Map.of("signingDate", TODAY.toString(), "signatories", "法務代簽"))))
        .status()).isIn(403, 404);
    assertThat(demo().post("sunli", "/engine-rest/task/" + sign + "/submit-form",
        Map.of("variables", DemoRest.variables(Map.of("signingDate", TODAY.toString(),
            "signatories", "我方 孫麗;客戶方 陳副總")))).status()).isEqualTo(204);
    executeJobs(contractCase);

    assertThat(runtime.createProcessInstanceQuery().processInstanceId(contractCase).count()).isZero();
    // Signed: execution and collection run as their own processes, keyed by the contract number.
    String contractNo = (String) jdbc.queryForMap("select contract_no from sales_contract where process_instance_id = ?",
        contractCase).get("contract_no");
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(contractNo).list())
        .extracting(p -> p.getProcessDefinitionId().split(":")[0])
        .containsExactlyInAnyOrder("contract-execution", "payment-collection");
    assertThat(management.createJobQuery().timers().processInstanceId(runtime.createProcessInstanceQuery()
        .processInstanceBusinessKey(contractNo).processDefinitionKey("payment-collection").singleResult().getId())
        .activityId("Timer_InstalmentDue").count()).isEqualTo(2);
    contract = jdbc.queryForMap("select * from sales_contract where id = ?", contractId);
    assertThat(contract).containsEntry("status", "signed").containsEntry("signed_by", "sunli")
        .containsEntry("signed_version", 1).containsEntry("signatories", "我方 孫麗;客戶方 陳副總");
    assertThat(contract.get("signing_date").toString()).isEqualTo(TODAY.toString());
    assertThat(jdbc.queryForMap("select name, contact, email, created_by from customer where id = ?",
            contract.get("customer_id")))
        .containsEntry("name", "遠東機械股份有限公司").containsEntry("contact", "陳副總").containsEntry("created_by", "sunli");
    assertThat(jdbc.queryForMap("select contract_value_minor, currency, sales_channel, created_by"
            + " from sales_contract_version where contract_id = ? and version = 1", contractId))
        .containsEntry("contract_value_minor", 600_000_000L).containsEntry("currency", "TWD")
        .containsEntry("sales_channel", "tender").containsEntry("created_by", "sunli");
    assertThat(jdbc.queryForList("select description, quantity, amount_minor from sales_contract_line"
            + " where contract_id = ? order by line_no", contractId))
        .containsExactly(Map.of("description", "整廠自動化系統", "quantity", 1L, "amount_minor", 580_000_000L),
            Map.of("description", "教育訓練", "quantity", 4L, "amount_minor", 20_000_000L));
    assertThat(jdbc.queryForObject("select sum(amount_minor) from sales_contract_instalment where contract_id = ?",
        Long.class, contractId)).isEqualTo(600_000_000L);
    assertThat(jdbc.queryForList("select stage, decision, decided_by from review_decision"
            + " where subject_type = 'salesContract' and subject_id = ? order by id", String.valueOf(contractId)))
        .containsExactly(
            Map.of("stage", "legalReview", "decision", "approved", "decided_by", "hejun"),
            Map.of("stage", "managerReview", "decision", "approved", "decided_by", "zhangwei"),
            Map.of("stage", "leadershipApproval", "decision", "approved", "decided_by", "linzong"));
  }

  // --- helpers

  private void decide(String user, String task) {
    assertThat(demo().post(user, "/engine-rest/task/" + task + "/claim", Map.of("userId", user)).status())
        .isEqualTo(204);
    assertThat(demo().post(user, "/engine-rest/task/" + task + "/submit-form",
        Map.of("variables", DemoRest.variables(Map.of("decision", "approved", "comment", "同意")))).status())
        .isEqualTo(204);
  }

  private DemoRest demo() {
    return new DemoRest(rest);
  }

  private void executeJobs(String processInstanceId) {
    Jobs.executeAll(management, processInstanceId);
  }
}
