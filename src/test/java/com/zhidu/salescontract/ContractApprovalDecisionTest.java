package com.zhidu.salescontract;

import static org.assertj.core.api.Assertions.assertThat;

import com.zhidu.ZhiduTest;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/** The decision table contract-approval (§3.2.4): who else approves a contract legal has passed, at its boundaries. */
@ZhiduTest
class ContractApprovalDecisionTest {

  @Autowired DecisionService decisionService;
  @Autowired RepositoryService repository;

  @ParameterizedTest(name = "{0} {1}, {2} instalments, last payment {3} days after delivery → manager {4}, leadership {5}")
  @CsvSource({
      // value thresholds in TWD
      "TWD, 999999.99, 2, 30, false, false",
      "TWD, 1000000, 2, 30, true, false",
      "TWD, 4999999.99, 2, 30, true, false",
      "TWD, 5000000, 2, 30, true, true",
      // other currencies have their own thresholds
      "CNY, 199999.99, 1, 0, false, false",
      "CNY, 200000, 1, 0, true, false",
      "CNY, 1000000, 1, 0, true, true",
      "USD, 29999.99, 1, 0, false, false",
      "USD, 30000, 1, 0, true, false",
      "USD, 150000, 1, 0, true, true",
      // payment terms
      "TWD, 100000, 4, 30, false, false",
      "TWD, 100000, 5, 30, true, false",
      "TWD, 100000, 2, 90, false, false",
      "TWD, 100000, 2, 91, true, false",
      "TWD, 100000, 2, 180, true, false",
      "TWD, 100000, 2, 181, true, true",
      "TWD, 100000, 1, -10, false, false",
  })
  void routesByValueAndPaymentTerms(String currency, double value, int instalments, long days, boolean manager,
      boolean leadership) {
    DmnDecisionRuleResult result = decisionService.evaluateDecisionTableByKey("contract-approval",
        Variables.createVariables().putValue("currency", currency).putValue("contractValue", value)
            .putValue("instalmentCount", instalments).putValue("daysFromDeliveryToLastPayment", days))
        .getSingleResult();
    assertThat(result.<Boolean>getEntry("managerApprovalRequired")).isEqualTo(manager);
    assertThat(result.<Boolean>getEntry("leadershipApprovalRequired")).isEqualTo(leadership);
  }

  @Test
  void theTableKeepsItsHistoryForTenYears() {
    assertThat(repository.createDecisionDefinitionQuery().decisionDefinitionKey("contract-approval").latestVersion()
        .singleResult().getHistoryTimeToLive()).isEqualTo(3650);
  }
}
