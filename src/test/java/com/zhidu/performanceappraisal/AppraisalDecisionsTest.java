package com.zhidu.performanceappraisal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The appraisal decisions (§4.1.2, §4.1.4, §4.2.1) on their own, as process owners ship them in processes/decisions/. */
class AppraisalDecisionsTest {

  static final List<String> ROLES = List.of("deputyManager", "marketResearch", "salesManagement", "sales", "crm",
      "operationsAnalysis", "other");
  static DmnEngine dmn;

  @BeforeAll
  static void engine() {
    dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
  }

  static DmnDecisionTableResult evaluate(String key, Map<String, Object> input) throws Exception {
    DmnDecision decision;
    try (InputStream in = Files.newInputStream(Path.of("processes/decisions/" + key + ".dmn"))) {
      decision = dmn.parseDecision(key, in);
    }
    return dmn.evaluateDecisionTable(decision, Variables.fromMap(input));
  }

  @Test
  void everyRoleHasWeightsThatAddUpTo100() throws Exception {
    for (String role : ROLES) {
      Map<String, Object> w = evaluate("appraisal-weights", Map.of("role", role)).getSingleResult().getEntryMap();
      int indicators = (Integer) w.get("weightResults") + (Integer) w.get("weightAbility") + (Integer) w.get("weightAttitude");
      int evaluators = (Integer) w.get("weightSelf") + (Integer) w.get("weightSuperior") + (Integer) w.get("weightPeer")
          + (Integer) w.get("weightCustomer");
      assertThat(indicators).as("indicator weights of %s", role).isEqualTo(100);
      assertThat(evaluators).as("evaluator weights of %s", role).isEqualTo(100);
      assertThat((Integer) w.get("weightSuperior")).as("the superior always counts for %s", role).isPositive();
    }
  }

  @ParameterizedTest
  @CsvSource({"sales, 50, 25", "crm, 30, 25", "marketResearch, 20, 0", "operationsAnalysis, 20, 0", "deputyManager, 40, 0"})
  void resultsWeighMostForSalesAndCustomersOnlyWhereThereAreCustomers(String role, int results, int customer)
      throws Exception {
    Map<String, Object> w = evaluate("appraisal-weights", Map.of("role", role)).getSingleResult().getEntryMap();
    assertThat(w).containsEntry("weightResults", results).containsEntry("weightCustomer", customer);
  }

  @ParameterizedTest
  @CsvSource({"100, 優秀", "90, 優秀", "89.9, 良好", "75, 良好", "74.9, 合格", "60, 合格", "59.9, 不合格", "0, 不合格"})
  void ratingBoundaries(double score, String rating) throws Exception {
    assertThat(evaluate("appraisal-rating", Map.of("score", score)).getSingleResult().getEntryMap())
        .containsEntry("rating", rating);
  }

  @ParameterizedTest
  @CsvSource({"優秀, sales, 5, 3000000, 300", "優秀, crm, 5, 3000000, 0", "良好, salesManagement, 3, 1500000, 200",
      "良好, marketResearch, 3, 1500000, 0", "合格, sales, 0, 0, 100", "合格, crm, 0, 0, 0", "不合格, sales, 0, 0, 0",
      "不合格, operationsAnalysis, 0, 0, 0"})
  void incentiveByRatingAndRole(String rating, String role, int pay, long bonus, int commission) throws Exception {
    DmnDecisionTableResult result = evaluate("appraisal-incentive", Map.of("rating", rating, "role", role));
    assertThat(result.getFirstResult().getEntryMap()).containsEntry("payAdjustmentPercent", pay)
        .containsEntry("bonusAmount", bonus).containsEntry("commissionBasisPoints", commission);
  }

  @Test
  void everyRatingAndRoleGetsAProposal() throws Exception {
    for (String rating : List.of("優秀", "良好", "合格", "不合格")) {
      for (String role : ROLES) {
        assertThat(evaluate("appraisal-incentive", Map.of("rating", rating, "role", role)).getResultList())
            .as("%s/%s", rating, role).isNotEmpty();
      }
    }
  }
}
